"""Starting the desktop program: ``run_gui(db, screenshot=None, page=None) -> exit code``.

Order matters for start-up time. The main window is painted first, with Qt alone: the database
layer (SQLAlchemy and our ~36 mapped classes, ~0.5 s together) is imported and the database
opened only after that first paint, and the first page then fills in. Painting first costs a
little on the data side (PySide6 wraps ``__import__``, so imports after it are slower), but the
user sees the program at once instead of nothing for a second. openpyxl and reportlab are never
imported here; the actions that need them import them when used.

Exit codes: 0 normal end (also: the first-start chooser was cancelled), 1 screenshot or probe
failed, 2 the database could not be opened or initialised (the message says why).
"""

from __future__ import annotations

from sasaeai_desktop.gui import startup_clock  # noqa: F401  - first, for the fallback start time

import builtins
import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

# Taken before PySide6 is imported: PySide6 replaces builtins.__import__ with a hook (for its
# ``from __feature__ import ...``) that slows every later import; the database layer, which never
# uses that feature, is imported through the original (see Launcher.load).
_PLAIN_IMPORT = builtins.__import__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from sasaeai_desktop.bootstrap import AppContext
    from sasaeai_desktop.gui.main_window import MainWindow

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_DATABASE = 2


@contextlib.contextmanager
def _plain_imports() -> Iterator[None]:
    hooked = builtins.__import__
    builtins.__import__ = _PLAIN_IMPORT
    try:
        yield
    finally:
        builtins.__import__ = hooked


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("app", text)


class Launcher:
    """First start (choose the prefecture, create its municipalities) then the main window."""

    def __init__(
        self, app: "QApplication", db: str | None, *, screenshot: str | None, page: str | None, probe: bool
    ) -> None:
        self.app = app
        self.db = db
        self.ctx: AppContext | None = None
        self.screenshot = screenshot
        self.page = page or "dashboard"
        self.probe = probe
        self.window: MainWindow | None = None
        self.exit_code = EXIT_OK

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
        window.resize(1280, 800)
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
        """Import the database layer, open the database, then fill the window in."""
        with _plain_imports():
            from sasaeai_desktop.bootstrap import open_database
            from sasaeai_desktop.services import listing, setup  # noqa: F401 - listing: the first page's
            from sasaeai_desktop.services.gui_support import DatabaseOpenError

        try:
            self.ctx = open_database(self.db)
        except DatabaseOpenError as exc:
            _report_open_error(str(exc), self.unattended)
            self.exit_code = EXIT_DATABASE
            self.app.exit(EXIT_DATABASE)
            return
        prefecture = setup.current_prefecture(self.ctx.uow())
        if prefecture is None and not self.unattended:
            if not self._first_start():
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
                self.app.exit(EXIT_OK)

        started = join_flow.start_join(ctx.uow, None, lambda _r: self.open_window(setup.current_prefecture(ctx.uow())), failed)
        return True if started is not None else self._first_start()

    def _first_start_failed(self, exc: BaseException) -> None:
        from sasaeai_desktop.gui.tasks import show_error

        show_error(None, _tr("初期設定"), exc)
        self.exit_code = EXIT_DATABASE
        self.app.exit(EXIT_DATABASE)

    def open_window(self, prefecture: tuple[str, str] | None) -> None:
        from sasaeai_desktop.gui.shell_context import ShellContext

        assert self.window is not None and self.ctx is not None
        code, name = prefecture or ("", "")
        window = self.window
        window.attach(ShellContext(self.ctx, code, name), initial_page=self.page)
        first_page = window.current_page()
        if self.probe:
            self._probe.watch_page(first_page)
        if self.screenshot:
            from sasaeai_desktop.gui.screenshot import ScreenshotTaker

            self._screenshot = ScreenshotTaker(self.app, window, first_page, self.screenshot)
        window.show()
        self.app.setQuitOnLastWindowClosed(True)


def _report_open_error(message: str, unattended: bool) -> None:
    if unattended:
        print(message, file=sys.stderr, flush=True)
        return
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, "SasaeAI Desktop", message)


def run_gui(db: str | None, screenshot: str | None = None, page: str | None = None) -> int:
    """Run the desktop program on database ``db`` (None: SASAEAI_DB or the per-user default).

    ``screenshot``: save a 1280×800 PNG of the window to this path once the first page has its
    data, then exit 0 (works with QT_QPA_PLATFORM=offscreen; no dialog is ever shown).
    ``page``: the page shown first — dashboard, municipalities, activities, trainings, advisors,
    people, sync or settings.
    """
    from sasaeai_desktop.gui.application import create_application
    from sasaeai_desktop.gui.pages.catalog import PAGE_KEYS
    from sasaeai_desktop.gui.startup_probe import probe_requested
    from sasaeai_desktop.gui.tasks import wait_for_idle

    if page is not None and page not in PAGE_KEYS:
        print(f"unknown page {page!r}; choose one of: {', '.join(PAGE_KEYS)}", file=sys.stderr)
        return EXIT_FAILED
    probe = probe_requested()
    app = create_application()
    launcher = Launcher(app, db, screenshot=screenshot, page=page, probe=probe)
    try:
        return launcher.run()
    finally:
        wait_for_idle()  # a write still running must finish before the engine goes away
        if launcher.ctx is not None:
            launcher.ctx.close()


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
