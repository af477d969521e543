"""Starting the desktop program: ``run_gui(db, screenshot=None, page=None) -> exit code``.

Order matters for start-up time. The main window is painted first, with Qt alone: the database
layer (SQLAlchemy and our ~36 mapped classes, ~0.5 s together) is imported and the database
opened only after that first paint, and the first page then fills in, so the user sees the
program at once instead of nothing for a second. Until the first page is shown every import goes
through Python's own ``__import__``: PySide6 replaces it with a hook for its
``from __feature__ import ...`` (which we never use) that also reads the source of every module
imported after it, and made the start-up imports about a third slower. openpyxl and reportlab
are never imported here; the actions that need them import them when used.

Tried and dropped: a helper thread importing the database layer while Qt starts. Started before
the window is built it delays the paint (both threads need the GIL for most of their work);
started at ``show()`` it overlaps only the few tens of milliseconds until the paint, and it
races shiboken's start-up importer if started earlier still.

Where the time after the paint goes (2026-11-27, wall clock, medians of 5–7 fresh processes, no
profiler; issue 2 allows only ~0.13 s beyond ``import sqlalchemy`` for the whole start): importing
sqlalchemy 0.26 s (the allowance), sqlalchemy.orm 0.08, our models 0.15 (SQLAlchemy building 36
tables and mappers; it was ~0.02 s more while the model modules postponed their annotations, see
db/models/__init__.py), bootstrap/listing/setup/gui_support 0.04, ``open_database`` 0.02, the
first ORM query 0.07 (``configure_mappers`` for all 36 classes), then the page: the dashboard's
counts 0.02, the people list's first block 0.07 of which SQLite 0.06, and for the list pages with
「Excelから取り込む…」 the import dialog's module ~0.05 (``main_window.page``). The ORM alone
(orm + models + configure ≈ 0.3 s) exceeds the allowance, so 1.3 × is out of reach while the first
page is read through the ORM; what could reach it is a first page served with plain sqlite3 before
the ORM is imported (the migration and lock checks would then need sqlite3 too). bench_startup
(--runs 5) is too noisy here to show 0.02 s: first page before, dashboard 2.02 × and people list
2.55 ×; after, in three runs, dashboard 2.06 / 2.30 / 2.54 × and people list 1.73 / 2.14 / 2.91 ×
(a machine shared with other engineers' test runs).

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
# ``from __feature__ import ...``) that slows every later import; start-up, which never uses that
# feature, imports through the original (see _PlainImports).
_PLAIN_IMPORT = builtins.__import__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from sasaeai_desktop.bootstrap import AppContext
    from sasaeai_desktop.gui.main_window import MainWindow

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_DATABASE = 2


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
    ) -> None:
        self.app = app
        self.db = db
        self.startup_imports = startup_imports or _PlainImports()  # ended once the first page is up
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
        self.startup_imports.end()


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
    app = create_application()
    launcher = Launcher(app, db, screenshot=screenshot, page=page, probe=probe, startup_imports=startup_imports)
    try:
        return launcher.run()
    finally:
        startup_imports.end()
        from sasaeai_desktop.gui.tasks import wait_for_idle  # here: it needs Qt's namespace, see main_window._qt

        wait_for_idle()  # a write still running must finish before the engine goes away
        if launcher.window is not None:
            launcher.window.close()  # also when the event loop ended early (a database error)
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
