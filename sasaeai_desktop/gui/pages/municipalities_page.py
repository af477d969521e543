"""The 市町村 list: the list page with 「取組状況…」 and 「経過を見る」 beside 新規/編集/削除.

The dialogs behind the two buttons are imported when a button is pressed: this page is often the
first one at start-up, which should not wait for them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from sasaeai_desktop.gui.pages.list_page import ListPage
from sasaeai_desktop.gui.pages.list_page import add_toolbar_button
from sasaeai_desktop.gui.pages.record_editors import DialogEditor
from sasaeai_desktop.gui.pages.record_editors import municipality_forms
from sasaeai_desktop.gui.shell_context import ShellContext


class MunicipalitiesPage(ListPage):
    def __init__(self, shell: ShellContext) -> None:
        super().__init__(shell, "municipalities", editor=DialogEditor(shell, municipality_forms), default_sort=("code", False),
                         exportable=True)
        self.status_button = QPushButton(self.tr("取組状況…"), self)
        self.status_button.setObjectName("statusButton")
        self.status_button.setToolTip(self.tr("選んだ市町村の取組状況（年度ごと）を開きます"))
        self.status_button.clicked.connect(self.open_status)
        self.toolbar.insertWidget(self.toolbar.indexOf(self.delete_button) + 1, self.status_button)
        self.timeline_button = QPushButton(self.tr("経過を見る"), self)
        self.timeline_button.setObjectName("timelineButton")
        self.timeline_button.setToolTip(self.tr("選んだ市町村の訪問・相談・派遣・研修参加・取組状況を日付順に見る"))
        self.timeline_button.clicked.connect(self.show_timeline)
        add_toolbar_button(self, self.timeline_button)

    def open_status(self) -> None:
        municipality_id = self.selected_id()
        if municipality_id is not None:
            from sasaeai_desktop.gui.dialogs.status_dialog import edit_status

            edit_status(self.shell, self, municipality_id)

    def show_timeline(self) -> None:
        from sasaeai_desktop.gui.pages.activities_page import show_timeline

        show_timeline(self.shell, self, self.selected_id())
