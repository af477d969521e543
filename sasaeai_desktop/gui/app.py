"""Starting the desktop program: ``run_gui(db, screenshot=None, page=None) -> exit code``.

Order matters for start-up time. The main window is painted first, with Qt alone. Then, when
the database is ready to show as it is (at our schema, its prefecture chosen, not in use
elsewhere) and the first page is the dashboard, 市町村 or 人, that page fills in from a *first
look* (services/first_pages.py): plain sqlite3 running the ordinary services' own SQL, compiled
into services/first_page_sql.py. Only once its data is on screen is the database layer
(SQLAlchemy and our ~36 mapped classes, ~0.5 s together) imported and the database opened
properly (bootstrap.open_database, taking over the instance lock the look holds); every later
read and every write goes through it. Anything else — a first start, a migration, a file to
complain about, a screenshot (which waits for every section of a page) — takes the ordinary way:
open the database, then fill the page in.

Why: issue 2 allows the first page only ~0.1 s beyond a bare window plus ``import sqlalchemy``,
and after the paint the ORM alone cost more (2026-11-27, medians of 5–7 fresh processes):
sqlalchemy 0.26 s, sqlalchemy.orm 0.08, our models 0.15, bootstrap/listing/setup/database_file
0.04, ``open_database`` 0.02 (since issue 20 plus its quick_check of the file, ~0.3 s on a 193 MB
database: db/integrity.py), the first ORM query 0.07 (``configure_mappers``), then the page
(the people list's first block 0.07 of which SQLite 0.06). With the first look the first page
has its data ~0.1–0.15 s after the paint, and the ORM is ready ~0.5 s later.

Until the database is open every import goes through Python's own ``__import__``: PySide6
replaces it with a hook for its ``from __feature__ import ...`` (which we never use) that also
reads the source of every module imported after it, and made the start-up imports about a third
slower. openpyxl and reportlab are never imported here; the actions that need them import them
when used.

Tried and dropped: a helper thread importing the database layer while Qt starts. Started before
the window is built it delays the paint (both threads need the GIL for most of their work);
started at ``show()`` it overlaps only the few tens of milliseconds until the paint, and it
races shiboken's start-up importer if started earlier still.

Exit codes: 0 normal end (also: the first-start chooser was cancelled), 1 screenshot or probe
failed, 2 the database could not be opened or initialised, or Qt cannot show a window here
(a missing library, no display: gui/qt_preflight.py) — the message says why.
"""

from __future__ import annotations

from sasaeai_desktop.gui import startup_clock  # noqa: F401  - first, for the fallback start time

import builtins
import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

# Taken before PySide6 is imported: PySide6 replaces builtins.__import__ with a hook (for its
# ``from __feature__ import ...``) that slows every later import; start-up, which never uses that
# feature, imports through the original (see _PlainImports).
_PLAIN_IMPORT = builtins.__import__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from sasaeai_desktop.bootstrap import AppContext
    from sasaeai_desktop.gui.main_window import MainWindow
    from sasaeai_desktop.gui.pages.base import Page
    from sasaeai_desktop.gui.shell_context import ShellContext
    from sasaeai_desktop.services.first_pages import FirstLook

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_DATABASE = 2
EXIT_NO_DISPLAY = 2  # Qt could not show a window here (gui/qt_preflight.py)

# Pages that can show their data from the start-up's first look (services/first_page_sql.py).
_FIRST_LOOK_PAGES = ("dashboard", "municipalities", "people")


class _PlainImports:
    """Python's own ``__import__`` from ``begin()`` to ``end()``, PySide6's hook before and after."""

    def __init__(self) -> None:
        self._hooked: object | None = None

    def begin(self) -> None:
        if self._hooked is None and builtins.__import__ is not _PLAIN_IMPORT:
            self._hooked = builtins.__import__
            builtins.__import__ = _PLAIN_IMPORT

    def end(self) -> None:
        if self._hooked is not None:
            builtins.__import__ = self._hooked
            self._hooked = None


@contextlib.contextmanager
def _plain_imports() -> Iterator[None]:
    plain = _PlainImports()
    plain.begin()
    try:
        yield
    finally:
        plain.end()


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("app", text)


class Launcher:
    """First start (choose the prefecture, create its municipalities) then the main window."""

    def __init__(
        self,
        app: "QApplication",
        db: str | None,
        *,
        screenshot: str | None,
        page: str | None,
        probe: bool,
        startup_imports: _PlainImports | None = None,
        sync_file: str | None = None,
    ) -> None:
        self.app = app
        self.db = db
        # A .sync file the program was opened with (the file association): read on the 同期 page.
        self.sync_file = sync_file
        self.startup_imports = startup_imports or _PlainImports()  # ended once the first page is up
        self.ctx: AppContext | None = None
        self.shell: ShellContext | None = None
        self.screenshot = screenshot
        self.page = "sync" if sync_file else page or "dashboard"
        self.probe = probe
        self.window: MainWindow | None = None
        self.exit_code = EXIT_OK
        self._new_database: Path | None = None  # created by this start, not yet given a prefecture
        self.discard_database = False

    @property
    def unattended(self) -> bool:
        """Screenshots and the start-up probe must never wait for a person."""
        return bool(self.screenshot) or self.probe

    def run(self) -> int:
        from PySide6.QtCore import QEvent, QObject, QTimer

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
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
                if event.type() == QEvent.Type.Paint:
                    window.removeEventFilter(self)
                    QTimer.singleShot(0, launcher.load)  # after this paint reaches the screen
                return False

        self._first_paint = FirstPaint(window)
        window.installEventFilter(self._first_paint)
        if self.probe:
            from sasaeai_desktop.gui.startup_probe import StartupProbe

            self._probe = StartupProbe(self.app, window)
        window.show()
        code = self.app.exec()
        return self.exit_code if self.exit_code != EXIT_OK else code

    def load(self) -> None:
        """Fill the window in: from a first look when possible, else after opening the database."""
        if self._show_first_look():
            return
        with _plain_imports():
            from sasaeai_desktop.bootstrap import open_database
            from sasaeai_desktop.services import listing, setup  # noqa: F401 - listing: the first page's
            from sasaeai_desktop.services import database_file  # noqa: F401 - for _open_failed, under plain imports

        from sasaeai_desktop.paths import resolve_db_path

        target = resolve_db_path(self.db)
        self._new_database = None if target.exists() else target
        try:
            self.ctx = open_database(self.db, daily_backup=False)  # taken after the paint: _daily_backup_soon
        except Exception as exc:  # noqa: BLE001 - said to the user, never left in a Qt slot
            self._open_failed(exc)
            return
        if self.probe:
            self._probe.database_opened()
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

        def work(progress, abort):  # type: ignore[no-untyped-def]
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

    def _show_first_look(self) -> bool:
        """The first page from a plain-sqlite3 look at the database (services/first_pages.py),
        before the database layer is imported; the database is opened properly once the page's
        data is on screen. Not for screenshots (they wait for every section of the page), nor
        when the database needs more than showing (first start, migration, a problem to explain):
        then False, and ``load`` takes the ordinary way."""
        if self.screenshot or self.page not in _FIRST_LOOK_PAGES:
            return False
        from PySide6.QtCore import QTimer

        from sasaeai_desktop.gui.shell_context import ShellContext
        from sasaeai_desktop.services.first_pages import first_look

        look = first_look(self.db)
        if look is None:
            return False
        shell = ShellContext(None, *look.prefecture, first_look=look, opener=lambda: self._open_after_first_look(look))
        self.shell = shell
        first_page = self._attach(shell)

        def open_database_soon() -> None:
            first_page.data_ready.disconnect(open_database_soon)
            QTimer.singleShot(0, self._finish_opening)  # after the page's data is painted

        if first_page.is_data_ready():
            QTimer.singleShot(0, self._finish_opening)
        else:
            first_page.data_ready.connect(open_database_soon)
        return True

    def _open_after_first_look(self, look: "FirstLook") -> "AppContext":
        with _plain_imports():
            from sasaeai_desktop.bootstrap import open_database

        self.ctx = open_database(look.db_path, held_lock=look.hand_over(), daily_backup=False)
        self.startup_imports.end()
        self._daily_backup_soon()
        return self.ctx

    def _daily_backup_soon(self) -> None:
        """The day's first backup, on a worker thread once the first page is on screen (never
        in a screenshot or probe run, which end before it could finish)."""
        if self.unattended or self.ctx is None or self.window is None or self._new_database is not None:
            return
        from PySide6.QtCore import QTimer

        from sasaeai_desktop.gui.daily_backup import start_daily_backup

        db_path, window = self.ctx.db_path, self.window
        QTimer.singleShot(0, lambda: start_daily_backup(window, db_path))

    def _finish_opening(self) -> None:
        self._settle_screen()
        assert self.shell is not None
        try:
            self.shell.open()  # a no-op if something on the page needed the database already
        except Exception as exc:  # noqa: BLE001 - said to the user, never left in a Qt slot
            self._open_failed(exc)
            return
        if self.probe:
            self._probe.database_opened()

    def _settle_screen(self) -> None:
        """The user looks at the first page while the database layer is imported (~0.5 s with
        the GUI thread busy): lay it out and paint it now. Otherwise a label whose text came with
        the data keeps its old width until then (「2,587 件」 showed as 「7 件」)."""
        from PySide6.QtCore import QCoreApplication, QEvent

        assert self.window is not None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.window.repaint()

    def open_window(self, prefecture: tuple[str, str] | None) -> None:
        from sasaeai_desktop.gui.shell_context import ShellContext

        assert self.ctx is not None
        code, name = prefecture or ("", "")
        self.shell = ShellContext(self.ctx, code, name)
        self._attach(self.shell)
        self.startup_imports.end()
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

    def _attach(self, shell: "ShellContext") -> "Page":
        assert self.window is not None
        window = self.window
        window.attach(shell, initial_page=self.page)
        first_page = window.current_page()
        if self.probe:
            self._probe.watch_page(first_page)
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
    import shiboken6  # noqa: F401 - installs PySide6's import hook, set aside for the start-up

    startup_imports = _PlainImports()
    startup_imports.begin()
    from sasaeai_desktop.gui.application import create_application
    from sasaeai_desktop.gui.pages.catalog import PAGE_KEYS
    from sasaeai_desktop.gui.startup_probe import probe_requested

    if page is not None and page not in PAGE_KEYS:
        startup_imports.end()
        print(f"unknown page {page!r}; choose one of: {', '.join(PAGE_KEYS)}", file=sys.stderr)
        return EXIT_FAILED
    probe = probe_requested()
    if not _qt_can_start():
        startup_imports.end()
        return EXIT_NO_DISPLAY
    app = create_application()
    from sasaeai_desktop.gui.crash_report import install_crash_reporter

    install_crash_reporter(show_box=screenshot is None)
    launcher = Launcher(
        app, db, screenshot=screenshot, page=page, probe=probe, startup_imports=startup_imports, sync_file=sync_file
    )
    try:
        return launcher.run()
    finally:
        startup_imports.end()
        from sasaeai_desktop.gui.tasks import wait_for_idle  # here: it needs Qt's namespace, see main_window._qt

        wait_for_idle()  # a write still running must finish before the engine goes away
        if launcher.window is not None:
            launcher.window.close()  # also when the event loop ended early (a database error)
        if launcher.ctx is not None:
            launcher.close_database()
        elif launcher.shell is not None and launcher.shell.first_look is not None:
            launcher.shell.first_look.release()  # ended before the database was opened


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
