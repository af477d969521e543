"""What the main window expects of a page. Pages override what they support; the defaults say
"not here", so the 編集 menu greys out instead of doing something surprising."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QWidget


class Page(QWidget):
    status_changed = Signal(str)  # the list count for the status bar ("1,741 件中 1–200")
    data_ready = Signal()  # the first data is on screen (screenshots and the start-up benchmark wait for it)
    actions_changed = Signal()  # selection changed: the window re-checks which actions apply
    navigate_requested = Signal(str)  # a page key (dashboard tiles lead to their lists)

    def status_text(self) -> str:
        return ""

    def is_data_ready(self) -> bool:
        return True

    def search_box(self) -> QLineEdit | None:
        return None

    def can_create(self) -> bool:
        return False

    def can_open(self) -> bool:
        return False

    def can_delete(self) -> bool:
        return False

    def create_new(self) -> None:
        pass

    def open_selected(self) -> None:
        pass

    def delete_selected(self) -> None:
        pass

    def reload(self) -> None:
        pass

    def export_kind(self) -> str | None:
        """The listing kind the ファイル > Excelに出力… action writes, or None if this page has none."""
        return None

    def export_options(self) -> dict[str, Any]:
        """search / sort_key / descending / filters, so the file matches what is on screen."""
        return {}


class LoadedWhenShownPage(Page):
    """A page that reads its data the first time it is shown, and again when shown after it was
    marked stale: reload() reads it and sets ``_loaded``."""

    _loaded = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def is_data_ready(self) -> bool:
        return self._loaded
