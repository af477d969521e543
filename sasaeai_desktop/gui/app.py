"""Starting the desktop program: ``run_gui(db, screenshot=None, page=None) -> exit code``.

Order matters for start-up time. This module imports no Qt at import time: run_gui first imports
the database layer (SQLAlchemy, Alembic) and only then PySide6, because PySide6 wraps
``__import__`` and every import after it is slower (architecture.md, "Pitfalls"). openpyxl and
reportlab are never imported here; the actions that need them import them when used.

Exit codes: 0 normal end (also: the first-start chooser was cancelled), 1 screenshot or probe
failed, 2 the database could not be opened or initialised (the message says why).
"""

from __future__ import annotations

from sasaeai_desktop.gui import startup_clock  # noqa: F401  - first, for the fallback start time

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from sasaeai_desktop.bootstrap import AppContext
    from sasaeai_desktop.gui.main_window import MainWindow

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_DATABASE = 2


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("app", text)


class Launcher:
    """First start (choose the prefecture, create its municipalities) then the main window."""

    def __init__(
        self, app: "QApplication", ctx: "AppContext", *, screenshot: str | None, page: str | None, probe: bool
    ) -> None:
        self.app = app
        self.ctx = ctx
        self.screenshot = screenshot
        self.page = page or "dashboard"
        self.probe = probe
        self.window: MainWindow | None = None

    @property
    def unattended(self) -> bool:
        """Screenshots and the start-up probe must never wait for a person."""
        return bool(self.screenshot) or self.probe

    def run(self) -> int:
        from sasaeai_desktop.services import setup

        # Until the main window is up, closing the chooser or the progress dialog must not end
        # the event loop before it has started.
        self.app.setQuitOnLastWindowClosed(False)
        prefecture = setup.current_prefecture(self.ctx.uow())
        if prefecture is None and not self.unattended:
            if not self._first_start():
                return EXIT_OK
        else:
            self.open_window(prefecture)
        return self.app.exec()

    def _first_start(self) -> bool:
        from sasaeai_desktop.gui.dialogs.prefecture_chooser import PrefectureChooser
        from sasaeai_desktop.gui.tasks import run_task
        from sasaeai_desktop.io import master_data
        from sasaeai_desktop.services import setup

        chooser = PrefectureChooser(master_data.prefectures())
        if chooser.exec() != PrefectureChooser.DialogCode.Accepted or chooser.selected() is None:
            return False
        chosen = chooser.selected()
        assert chosen is not None
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

    def _first_start_failed(self, exc: BaseException) -> None:
        from sasaeai_desktop.gui.tasks import show_error

        show_error(None, _tr("初期設定"), exc)
        self.app.exit(EXIT_DATABASE)

    def open_window(self, prefecture: tuple[str, str] | None) -> None:
        from sasaeai_desktop.gui.main_window import MainWindow
        from sasaeai_desktop.gui.shell_context import ShellContext

        code, name = prefecture or ("", "")
        shell = ShellContext(self.ctx, code, name)
        window = MainWindow(shell, initial_page=self.page)
        window.resize(1280, 800)
        self.window = window
        first_page = window.current_page()
        if self.probe:
            from sasaeai_desktop.gui.startup_probe import StartupProbe

            StartupProbe(self.app, window, first_page)
        if self.screenshot:
            from sasaeai_desktop.gui.screenshot import ScreenshotTaker

            ScreenshotTaker(self.app, window, first_page, self.screenshot)
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
    # Database layer first (see the module docstring), then Qt.
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services import listing, setup  # noqa: F401  - warm imports
    from sasaeai_desktop.services.gui_support import DatabaseOpenError

    from sasaeai_desktop.gui.application import create_application
    from sasaeai_desktop.gui.pages.catalog import PAGE_KEYS
    from sasaeai_desktop.gui.startup_probe import probe_requested
    from sasaeai_desktop.gui.tasks import wait_for_idle

    if page is not None and page not in PAGE_KEYS:
        print(f"unknown page {page!r}; choose one of: {', '.join(PAGE_KEYS)}", file=sys.stderr)
        return EXIT_FAILED
    probe = probe_requested()
    app = create_application()
    try:
        ctx = open_database(db)
    except DatabaseOpenError as exc:
        _report_open_error(str(exc), bool(screenshot) or probe)
        return EXIT_DATABASE
    try:
        return Launcher(app, ctx, screenshot=screenshot, page=page, probe=probe).run()
    finally:
        wait_for_idle()  # a write still running must finish before the engine goes away
        ctx.close()


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
