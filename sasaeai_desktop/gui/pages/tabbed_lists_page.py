"""Several list pages under one navigation entry (訪問・相談): the window talks to the current tab."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.pages.base import Page
from sasaeai_desktop.gui.pages.list_page import ListPage


class TabbedListsPage(Page):
    def __init__(self, title: str, tabs: list[tuple[str, ListPage]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # The tab bar took the focus when the page opened, so what the officer typed went nowhere;
        # without it the current tab's search box is first. Ctrl+Tab still changes the tab.
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lists: list[ListPage] = []
        for label, page in tabs:
            page.layout().setContentsMargins(0, 8, 0, 0)
            self.tabs.addTab(page, label)
            self.lists.append(page)
            page.status_changed.connect(lambda text, p=page: self._forward_status(p, text))
            page.actions_changed.connect(self.actions_changed)
            page.data_ready.connect(lambda p=page: self._forward_ready(p))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title_label)
        layout.addWidget(self.tabs, 1)

    def current(self) -> ListPage:
        return self.lists[self.tabs.currentIndex()]

    def _forward_status(self, page: ListPage, text: str) -> None:
        if page is self.current():  # a hidden tab's count is not what the status bar describes
            self.status_changed.emit(text)

    def _forward_ready(self, page: ListPage) -> None:
        if page is self.current():
            self.data_ready.emit()

    def _tab_changed(self, _index: int) -> None:
        self.status_changed.emit(self.current().status_text())
        self.actions_changed.emit()

    def is_data_ready(self) -> bool:
        return self.current().is_data_ready()

    def status_text(self) -> str:
        return self.current().status_text()

    def search_box(self) -> QLineEdit | None:
        return self.current().search_box()

    def can_create(self) -> bool:
        return self.current().can_create()

    def can_open(self) -> bool:
        return self.current().can_open()

    def can_delete(self) -> bool:
        return self.current().can_delete()

    def create_new(self) -> None:
        self.current().create_new()

    def open_selected(self) -> None:
        self.current().open_selected()

    def delete_selected(self) -> None:
        self.current().delete_selected()

    def reload(self) -> None:
        self.current().reload()

    def export_kind(self) -> str | None:
        return self.current().export_kind()

    def export_options(self) -> dict[str, Any]:
        return self.current().export_options()
