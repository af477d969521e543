"""``run_gui(screenshot=path)``: show the window, wait for the page's data, save a PNG, quit.

Used to look at every page without a display (QT_QPA_PLATFORM=offscreen) and by the GUI tests.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QMainWindow

from sasaeai_desktop.gui.pages.base import Page

SETTLE_MS = 300  # after the data: let layouts, elisions and the status bar catch up
MAX_WAIT_MS = 10_000


class ScreenshotTaker(QObject):
    def __init__(self, app: QApplication, window: QMainWindow, page: Page, path: str) -> None:
        super().__init__(window)
        self._app = app
        self._window = window
        self._path = path
        self._scheduled = False
        if page.is_data_ready():
            QTimer.singleShot(0, self._schedule)
        else:
            page.data_ready.connect(self._schedule)
        QTimer.singleShot(MAX_WAIT_MS, self._schedule)  # take it anyway: an empty page is still a picture

    def _schedule(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(SETTLE_MS, self._take)

    def _take(self) -> None:
        self._app.processEvents()
        from sasaeai_desktop.domain.errors import UserError
        from sasaeai_desktop.io.output_files import replacing

        try:
            with replacing(self._path) as tmp:  # never half a PNG, never onto the database
                if not self._window.grab().save(str(tmp), "PNG"):
                    raise OSError(f"画像を「{tmp}」に保存できませんでした")
            ok = True
        except (OSError, UserError) as exc:
            print(f"エラー: スクリーンショットを「{self._path}」に保存できません: {exc}", file=sys.stderr, flush=True)
            ok = False
        self._app.exit(0 if ok else 1)
