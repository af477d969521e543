"""Starting the desktop program: ``run_gui(db, screenshot=None, page=None) -> exit code``.

The main window is painted first, with Qt alone; then the database is opened
(bootstrap.open_database) and the first page fills in through the services, the one read path
every later read takes too. The start-up target (benchmarks/bench_startup.py): database ready
and first page shown ≤ 2.2 × (bare window + ``import sqlalchemy``) on the scale-20 demo.
openpyxl and reportlab are never imported here; the actions that need them import them when used.

Exit codes: 0 normal end (also: the first-start chooser was cancelled), 1 screenshot failed,
2 the database could not be opened or initialised, or Qt cannot show a window here
(a missing library, no display: gui/qt_preflight.py) — the message says why.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import threading

    from PySide6.QtWidgets import QApplication

    from sasaeai_desktop.bootstrap import AppContext
    from sasaeai_desktop.domain.progress import Progress
    from sasaeai_desktop.gui.main_window import MainWindow
    from sasaeai_desktop.gui.pages.base import Page
    from sasaeai_desktop.gui.shell_context import ShellContext

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_DATABASE = 2
EXIT_NO_DISPLAY = 2  # Qt could not show a window here (gui/qt_preflight.py)

def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("app", text)


class Launcher:
    """First start (choose the prefecture, create its municipalities) then the main window."""

    def __init__(
        self,
        app: QApplication,
        db: str | None,
        *,
        screenshot: str | None,
        page: str | None,
        sync_file: str | None = None,
    ) -> None:
        self.app = app
        self.db = db
        # A .sync file the program was opened with (the file association): read on the 同期 page.
        self.sync_file = sync_file
        self.ctx: AppContext | None = None
        self.shell: ShellContext | None = None
        self.screenshot = screenshot
        self.page = "sync" if sync_file else page or "dashboard"
        self.window: MainWindow | None = None
        self.exit_code = EXIT_OK
        self._new_database: Path | None = None  # created by this start, not yet given a prefecture
        self.discard_database = False

    @property
    def unattended(self) -> bool:
        """Screenshots must never wait for a person."""
        return bool(self.screenshot)

    def run(self) -> int:
        from PySide6.QtCore import QEvent
        from PySide6.QtCore import QObject
        from PySide6.QtCore import QTimer

        from sasaeai_desktop.gui.main_window import MainWindow

        # Until the main window is attached, closing the chooser or the progress dialog must not
        # end the event loop.
        self.app.setQuitOnLastWindowClosed(False)
        window = MainWindow(None, initial_page=self.page)
        if self.screenshot:
            window.resize(1280, 800)  # a picture of the same size on any machine, not the remembered size
        self.window = window
        launcher = self

        class FirstPaint(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    window.removeEventFilter(self)
                    QTimer.singleShot(0, launcher.load)  # after this paint reaches the screen
                return False

        self._first_paint = FirstPaint(window)
        window.installEventFilter(self._first_paint)
        window.show()
        code = self.app.exec()
        return self.exit_code if self.exit_code != EXIT_OK else code

    def load(self) -> None:
        """Fill the window in: open the database, then show the first page through the services."""
        from sasaeai_desktop.bootstrap import open_database
        from sasaeai_desktop.paths import resolve_db_path
        from sasaeai_desktop.services import setup

        target = resolve_db_path(self.db)
        self._new_database = None if target.exists() else target
        try:
            self.ctx = open_database(self.db, daily_backup=False)  # taken after the paint: _daily_backup_soon
        except Exception as exc:  # said to the user, never left in a Qt slot
            self._open_failed(exc)
            return
        prefecture = setup.current_prefecture(self.ctx.uow())
        if prefecture is None and not self.unattended:
            if not self._first_start():
                # 終了 before anything was chosen: the file this start created is not left behind
                self.discard_database = self._new_database is not None
                self.app.exit(EXIT_OK)
        else:
            self.open_window(prefecture)

    def _first_start(self) -> bool:
        from sasaeai_desktop.gui.dialogs.prefecture_chooser import PrefectureChooser
        from sasaeai_desktop.gui.tasks import run_task
        from sasaeai_desktop.io import master_data
        from sasaeai_desktop.services import setup

        chooser = PrefectureChooser(master_data.prefectures())
        answer = chooser.exec()
        if answer == PrefectureChooser.JOIN:
            return self._join()
        if answer != PrefectureChooser.DialogCode.Accepted or chooser.selected() is None:
            return False
        chosen = chooser.selected()
        assert chosen is not None and self.ctx is not None
        uow = self.ctx.uow()

        def work(progress: Progress, abort: threading.Event) -> setup.InitResult:
            progress(-1.0, _tr("{name}の市町村を登録しています…").format(name=chosen.name))
            return setup.init_prefecture(uow, chosen.code)

        run_task(
            None,
            work,
            title=_tr("初期設定"),
            on_success=lambda result: self.open_window((result.prefecture_code, result.prefecture_name)),
            on_error=self._first_start_failed,
        )
        return True

    def _join(self) -> bool:
        """A new laptop joins the office's data (gui/join_flow.py); cancelled or refused → ask again."""
        from sasaeai_desktop.gui import join_flow
        from sasaeai_desktop.gui.tasks import show_error
        from sasaeai_desktop.services import setup

        assert self.ctx is not None
        ctx = self.ctx

        def failed(exc: BaseException) -> None:
            show_error(None, _tr("登録ファイルから参加"), exc)
            if not self._first_start():
                self.discard_database = self._new_database is not None
                self.app.exit(EXIT_OK)

        started = join_flow.start_join(ctx.uow, None, lambda _r: self.open_window(setup.current_prefecture(ctx.uow())), failed)
        return True if started is not None else self._first_start()

    def close_database(self) -> None:
        """Close the database; a file this start created and the user left unset is removed with
        its side files (-wal, -shm, .lock), so the next start asks again on a clean slate."""
        from sasaeai_desktop.gui.daily_backup import wait_for_daily_backup

        wait_for_daily_backup()
        if self.shell is not None and self.shell.app is not None and self.shell.app is not self.ctx:
            self.shell.app.close()  # the window moved to a restored or another database (gui/database_menu.py)
        if self.ctx is not None:
            self.ctx.close()
            self.ctx = None
        if self.discard_database and self._new_database is not None:
            for side in ("", "-wal", "-shm", "-journal", ".lock"):
                Path(str(self._new_database) + side).unlink(missing_ok=True)

    def _first_start_failed(self, exc: BaseException) -> None:
        from sasaeai_desktop.gui.tasks import show_error

        show_error(None, _tr("初期設定"), exc)
        self.exit_code = EXIT_DATABASE
        self.app.exit(EXIT_DATABASE)

    def _open_failed(self, exc: Exception) -> None:
        """A problem with the file (DatabaseOpenError, exit 2) or an internal one (exit 1): either
        is said in a box, and the program ends without having touched the data."""
        from sasaeai_desktop.services.database_file import DatabaseOpenError

        if isinstance(exc, DatabaseOpenError):
            message, code = str(exc), EXIT_DATABASE
        else:
            log.exception("opening the database failed")
            message = _tr("データベースを開けませんでした（内部エラー: {error}）。データは変更していません。").format(
                error=f"{type(exc).__name__}: {exc}")
            code = EXIT_FAILED
        _report_open_error(message, self.unattended)
        self.exit_code = code
        self.app.exit(code)

    def _daily_backup_soon(self) -> None:
        """The day's first backup, on a worker thread once the first page is on screen (never
        in a screenshot run, which ends before it could finish)."""
        if self.unattended or self.ctx is None or self.window is None or self._new_database is not None:
            return
        from PySide6.QtCore import QTimer

        from sasaeai_desktop.gui.daily_backup import start_daily_backup

        db_path, window = self.ctx.db_path, self.window
        QTimer.singleShot(0, lambda: start_daily_backup(window, db_path))

    def open_window(self, prefecture: tuple[str, str] | None) -> None:
        from sasaeai_desktop.gui.shell_context import ShellContext

        assert self.ctx is not None
        code, name = prefecture or ("", "")
        self.shell = ShellContext(self.ctx, code, name)
        self._attach(self.shell)
        self._daily_backup_soon()
        if self.sync_file and not self.unattended:
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self.read_sync_file)

    def read_sync_file(self) -> None:
        """The 同期 page's own read (passphrase, preview, 取り込みますか？) on the file given at start."""
        assert self.window is not None and self.sync_file is not None
        page = self.window.current_page()
        if hasattr(page, "read_file"):
            page.read_file([self.sync_file])

    def _attach(self, shell: ShellContext) -> Page:
        assert self.window is not None
        window = self.window
        window.attach(shell, initial_page=self.page)
        first_page = window.current_page()
        if self.screenshot:
            from sasaeai_desktop.gui.screenshot import ScreenshotTaker

            self._screenshot = ScreenshotTaker(self.app, window, first_page, self.screenshot)
        window.show()
        self.app.setQuitOnLastWindowClosed(True)
        return first_page


def _report_open_error(message: str, unattended: bool) -> None:
    if unattended:
        print(message, file=sys.stderr, flush=True)
        return
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, "SasaeAI Desktop", message)


def run_gui(db: str | None, screenshot: str | None = None, page: str | None = None, sync_file: str | None = None) -> int:
    """Run the desktop program on database ``db`` (None: SASAEAI_DB or the per-user default).

    ``screenshot``: save a 1280×800 PNG of the window to this path once the first page has its
    data, then exit 0 (works with QT_QPA_PLATFORM=offscreen; no dialog is ever shown).
    ``page``: the page shown first — dashboard, municipalities, activities, trainings, advisors,
    people, sync or settings.
    ``sync_file``: a .sync file to read once the window is up (the 同期 page, as if chosen there).
    """
    from sasaeai_desktop.gui.application import create_application
    from sasaeai_desktop.gui.pages.catalog import PAGE_KEYS

    if page is not None and page not in PAGE_KEYS:
        print(f"unknown page {page!r}; choose one of: {', '.join(PAGE_KEYS)}", file=sys.stderr)
        return EXIT_FAILED
    if not _qt_can_start():
        return EXIT_NO_DISPLAY
    app = create_application()
    from sasaeai_desktop.gui.crash_report import install_crash_reporter

    install_crash_reporter(show_box=screenshot is None)
    launcher = Launcher(app, db, screenshot=screenshot, page=page, sync_file=sync_file)
    try:
        return launcher.run()
    finally:
        from sasaeai_desktop.gui.tasks import (
            wait_for_idle,  # here: it needs Qt's namespace, see main_window._qt
        )

        wait_for_idle()  # a write still running must finish before the engine goes away
        if launcher.window is not None:
            launcher.window.close()  # also when the event loop ended early (a database error)
        if launcher.ctx is not None:
            launcher.close_database()


def _qt_can_start() -> bool:
    """Before the QApplication: a missing xcb library or an X server that does not answer would
    make Qt abort the process (signal 6) with a misleading line; say what is wrong instead."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return True
    from sasaeai_desktop.gui.qt_preflight import check_qt_platform

    report = check_qt_platform()
    if report.ok:
        return True
    print(f"エラー: {report.problem}", file=sys.stderr)
    return False


def main(argv: list[str] | None = None) -> int:
    """``python -m sasaeai_desktop.gui.app [--db PATH] [--screenshot PNG] [--page KEY]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m sasaeai_desktop.gui.app")
    parser.add_argument("--db")
    parser.add_argument("--screenshot")
    parser.add_argument("--page")
    args = parser.parse_args(argv)
    return run_gui(args.db, screenshot=args.screenshot, page=args.page)


if __name__ == "__main__":
    sys.exit(main())
