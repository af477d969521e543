"""同一人物の候補: people with the same (normalised) name and reading, usually typed in on two
laptops. For each group the officer picks who to keep and merges the others into that person
(services.sync.duplicates.merge_people: references move to the kept person; the merge travels with
the next exchange). Nothing is merged without a click: namesakes exist.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui.dialogs.dialog_frame import lay_out_master_detail
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.widgets import box_layouts as box
from sasaeai_desktop.gui.widgets.read_only_table import read_only_table
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services.sync.duplicates import DuplicateGroup
from sasaeai_desktop.services.sync.duplicates import find_duplicate_people
from sasaeai_desktop.services.sync.duplicates import merge_people

_tr = partial(QCoreApplication.translate, "DuplicatePeopleDialog")


class DuplicatePeopleDialog(QDialog):
    HEADERS = ("名前", "ふりがな", "役割", "市町村", "所属")

    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.groups: list[DuplicateGroup] = []
        self.setObjectName("duplicatePeopleDialog")
        self.setWindowTitle(self.tr("同一人物の候補"))
        intro = QLabel(
            self.tr("名前とふりがなが同じ人（斉藤/齋藤のような字体の違いも含みます）が複数登録されています"
                    "（別々のパソコンで同じ人を登録した場合など）。"
                    "同じ人なら、残す人を選んで「この人に統合」を押してください。訪問や研修などの記録は残す人に付け替わります。"
                    "別の人（同姓同名）なら、そのままにしてください。"),
            self,
        )
        intro.setWordWrap(True)
        self.group_list = QListWidget(self)
        self.group_list.setObjectName("groupList")
        self.people = read_only_table(self, [self.tr(h) for h in self.HEADERS], "peopleTable", single=True)
        self.people.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.people.horizontalHeader().setStretchLastSection(True)
        self.merge_button = QPushButton(self.tr("選んだ人に統合"), self)
        self.merge_button.setObjectName("mergeButton")
        self.empty_label = QLabel(self.tr("同一人物の候補はありません。"), self)
        self.empty_label.setObjectName("emptyLabel")

        right = QWidget(self)
        box.column(right, QLabel(self.tr("残す人を選んでください（ほかの人はこの人に統合されます）"), right),
                   (self.people, 1), box.row(None, box.Stretch(), self.merge_button), margins=(0, 0, 0, 0))
        lay_out_master_detail(self, intro, self.empty_label, self.group_list, right, stretch=(0, 3), size=(900, 480))

        self.group_list.currentRowChanged.connect(self._show_group)
        self.people.itemSelectionChanged.connect(self._update_buttons)
        # clicked(bool) would arrive as confirm=False: the merge must always ask first
        self.merge_button.clicked.connect(lambda: self.merge_into_selected())
        self.reload()

    def reload(self) -> None:
        self.groups = find_duplicate_people(self.shell.uow())
        self.group_list.blockSignals(True)
        self.group_list.clear()
        for g in self.groups:
            first = g.people[0]
            self.group_list.addItem(QListWidgetItem(f"{first.name}（{first.kana}） {len(g.people)}人" if first.kana
                                                    else f"{first.name} {len(g.people)}人"))
        self.group_list.blockSignals(False)
        self.group_list.setCurrentRow(0 if self.groups else -1)
        self._show_group()
        self.empty_label.setVisible(not self.groups)

    def current_group(self) -> DuplicateGroup | None:
        row = self.group_list.currentRow()
        return self.groups[row] if 0 <= row < len(self.groups) else None

    def _show_group(self, _row: int = -1) -> None:
        g = self.current_group()
        people = g.people if g else ()
        self.people.setRowCount(len(people))
        for r, p in enumerate(people):
            for c, text in enumerate((p.name, p.kana, p.role, p.municipality, p.affiliation)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                self.people.setItem(r, c, item)
        self._update_buttons()

    def selected_person(self) -> str | None:
        rows = {i.row() for i in self.people.selectedItems()}
        g = self.current_group()
        if g is None or len(rows) != 1:
            return None
        return g.people[rows.pop()].id

    def _update_buttons(self) -> None:
        self.merge_button.setEnabled(self.selected_person() is not None)

    def merge_into_selected(self, confirm: bool = True) -> int:
        """Merge every other person of the group into the selected one; returns how many merged."""
        g = self.current_group()
        keep = self.selected_person()
        if g is None or keep is None:
            return 0
        others = [p for p in g.people if p.id != keep]
        if confirm:
            kept = next(p for p in g.people if p.id == keep)
            answer = QMessageBox.question(
                self, self.tr("統合の確認"),
                self.tr("{n} 人を「{name}」（{where}）に統合します。よろしいですか？").format(
                    n=len(others), name=kept.name, where=kept.municipality or kept.affiliation or self.tr("市町村なし")),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        merged = 0
        try:
            for p in others:
                write(self, self.tr("同一人物の統合"), partial(merge_people, self.shell.uow(), keep, p.id))
                merged += 1
        except UserError as exc:
            show_error(self, self.tr("同一人物の統合"), exc)
        self.reload()
        return merged


def open_duplicates(shell: ShellContext, parent: QWidget | None) -> DuplicatePeopleDialog:
    dialog = DuplicatePeopleDialog(shell, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
