"""Start-up timing for the benchmark: with SASAEAI_STARTUP_PROBE set, print

    window_shown <seconds since process start>
    first_page_data <seconds since process start>
    database_open <seconds since process start>

to stdout (in that order, 3 decimals) and quit with exit code 0. ``window_shown`` is the first
paint of the main window; ``first_page_data`` is when the first page has its data on screen
(a list page: its first block of rows; the dashboard: its figures), never earlier than the first
paint, since nothing is visible before it; ``database_open`` is when the database layer is
imported and the database open, so every action works (after the first page when that page came
from the start-up's first look, services/first_pages.py; otherwise before it).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from sasaeai_desktop.gui.pages.base import Page
from sasaeai_desktop.gui.startup_clock import seconds_since_process_start

PROBE_ENV = "SASAEAI_STARTUP_PROBE"
GIVE_UP_MS = 60_000


def probe_requested() -> bool:
    return bool(os.environ.get(PROBE_ENV))


class StartupProbe(QObject):
    def __init__(self, app: QApplication, window: QMainWindow, page: Page | None = None) -> None:
        super().__init__(window)
        self._app = app
        self._window = window
        self.shown_at: float | None = None
        self.data_at: float | None = None
        self.open_at: float | None = None
        self._reported = False
        self._data_printed = False
        window.installEventFilter(self)
        if page is not None:
            self.watch_page(page)
        QTimer.singleShot(GIVE_UP_MS, self._give_up)

    def watch_page(self, page: Page) -> None:
        """The first page, once the window has one (it paints before the database is open)."""
        if page.is_data_ready():
            self._data_ready()
        else:
            page.data_ready.connect(self._data_ready)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint and self.shown_at is None:
            self.shown_at = seconds_since_process_start()
            self._window.removeEventFilter(self)
            print(f"window_shown {self.shown_at:.3f}", flush=True)
            self._maybe_finish()
        return False

    def database_opened(self) -> None:
        if self.open_at is None:
            self.open_at = seconds_since_process_start()
            self._maybe_finish()

    def _data_ready(self) -> None:
        if self.data_at is None:
            self.data_at = seconds_since_process_start()
            self._maybe_finish()

    def _maybe_finish(self) -> None:
        """Each line as soon as it is known (the benchmark times the lines as they arrive)."""
        if self.shown_at is None or self.data_at is None or self._reported:
            return
        if not self._data_printed:
            self._data_printed = True
            print(f"first_page_data {max(self.data_at, self.shown_at):.3f}", flush=True)
        if self.open_at is not None:
            self._reported = True
            print(f"database_open {max(self.open_at, self.shown_at):.3f}", flush=True)
            self._app.exit(0)

    def _give_up(self) -> None:
        if not self._reported:
            print("startup probe: the first page never reported its data", file=sys.stderr, flush=True)
            self._app.exit(1)
