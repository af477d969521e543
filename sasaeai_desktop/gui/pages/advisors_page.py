"""The advisor roster page: the SQL-backed list (search by 氏名, ふりがな, 所属, 活動分野, 担当市町村),
a field-of-activity filter, the profile form, the 担当表 (advisor × municipality) and the handout.

It is a ListPage (paging, sorting, search and keyboard as everywhere) with one more row of
controls; the forms live in gui/dialogs (advisor_dialog, advisor_matrix, handout_dialog).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.pages.list_page import ListPage
from sasaeai_desktop.gui.pages.record_editors import DeleteForm
from sasaeai_desktop.gui.pages.record_editors import DialogEditor
from sasaeai_desktop.gui.pages.record_editors import EditForm
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import TaskHandle
from sasaeai_desktop.gui.widgets import box_layouts as box
from sasaeai_desktop.services.advisors import roster as advisors


def advisor_forms() -> tuple[EditForm, DeleteForm]:
    from sasaeai_desktop.gui.dialogs import advisor_dialog as dialog

    return dialog.edit_advisor, dialog.delete_advisor


class AdvisorsPage(ListPage):
    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(
            shell,
            "advisors",
            editor=DialogEditor(shell, advisor_forms),
            default_sort=("kana", False),
            watches={"people", "municipalities"},
            exportable=True,
            parent=parent,
        )
        self.search_edit.setPlaceholderText(self.tr("検索（氏名・ふりがな・所属・活動分野・担当市町村）"))
        self.field_combo = QComboBox(self)
        self.field_combo.setObjectName("fieldFilter")
        self.field_combo.setMinimumContentsLength(10)
        self.field_combo.currentIndexChanged.connect(self._apply_field_filter)
        self.matrix_button = QPushButton(self.tr("担当表…"), self)
        self.matrix_button.setToolTip(self.tr("どのアドバイザーがどの市町村を担当しているか、担当のいない市町村はどこか"))
        self.matrix_button.clicked.connect(self.show_matrix)
        self.handout_button = QPushButton(self.tr("名簿PDFを作成…"), self)
        self.handout_button.setObjectName("handoutButton")
        self.handout_button.setToolTip(self.tr("研修などで配るアドバイザー名簿（連絡先は本人の同意があるものだけ）"))
        self.handout_button.clicked.connect(self.make_handout)
        self.handout_task: TaskHandle | None = None

        row = box.row(None, QLabel(self.tr("活動分野"), self), self.field_combo, box.Stretch(), self.matrix_button,
                      self.handout_button)
        layout = self.layout()
        layout.insertLayout(2, row)  # under the search row, above the table
        self._load_field_choices()

    def _load_field_choices(self) -> None:
        current = self.field_combo.currentData()
        self.field_combo.blockSignals(True)
        self.field_combo.clear()
        self.field_combo.addItem(self.tr("すべて"), None)
        self.field_names: dict[str, str] = {}
        for f in advisors.list_fields(self.shell.uow()):
            self.field_combo.addItem(f"{f.name}（{f.advisors}）", f.id)
            self.field_names[f.id] = f.name
        index = self.field_combo.findData(current)
        self.field_combo.setCurrentIndex(max(index, 0))
        self.field_combo.blockSignals(False)

    def _apply_field_filter(self) -> None:
        self.model.set_filters({"field_id": self.field_combo.currentData()})

    def on_changes(self, kinds: frozenset[str]) -> None:
        if changes.touches(kinds, {"advisors"}):
            self._load_field_choices()  # a field added in the form, or counts changed
        super().on_changes(kinds)

    def show_matrix(self) -> None:
        from sasaeai_desktop.gui.dialogs.advisor_matrix import show_matrix

        show_matrix(self.shell, self)

    def make_handout(self) -> None:
        from sasaeai_desktop.gui.dialogs.handout_dialog import make_handout

        chosen = self.field_names.get(self.field_combo.currentData() or "")
        self.handout_task = make_handout(self.shell, self, fields=(chosen,) if chosen else ())
