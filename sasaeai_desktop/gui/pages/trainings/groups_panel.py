"""The グループ tab: the event's groups (a municipality's officials and its coordinators apart),
assigned at a size chosen here, and people moved between them by hand."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTreeWidget
from PySide6.QtWidgets import QTreeWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.gui.pages.trainings.host import EventHost
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.writes import WriteWithdrawn
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services.trainings import group_work


class GroupsPanel(QWidget):
    def __init__(self, host: EventHost) -> None:
        super().__init__()
        self.host = host
        self.group_tree = QTreeWidget()
        self.group_tree.setHeaderLabels([self.tr("グループ／氏名"), self.tr("市町村"), self.tr("役割"), self.tr("段階")])
        self.group_tree.itemSelectionChanged.connect(self._update_move_button)
        self.size_spin = QSpinBox()
        self.size_spin.setRange(2, 20)
        self.size_spin.setValue(6)
        self.assign_btn = assign = QPushButton(self.tr("グループ分け"))
        assign.clicked.connect(self.assign_groups)
        self.move_target = QComboBox()
        self.move_target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # 「北信会場 1班」 whole
        self.move_btn = move = QPushButton(self.tr("選んだ人を移動"))
        move.clicked.connect(self.move_selected)
        move.setEnabled(False)  # enabled once a person (not a group heading) is chosen
        lg = QVBoxLayout(self)
        gr = QHBoxLayout()
        gr.addWidget(QLabel(self.tr("1グループの人数:")))
        gr.addWidget(self.size_spin)
        gr.addWidget(assign)
        gr.addStretch(1)
        gr.addWidget(self.move_target)
        gr.addWidget(move)
        lg.addLayout(gr)
        lg.addWidget(self.group_tree)

    def reload(self) -> None:
        self.group_tree.clear()
        self.move_target.clear()
        if not self.host.event_id:
            return
        for g in group_work.groups(self.host.shell.uow(), self.host.event_id):
            label = g.label or "未割当"
            warn = f"　※同じ市町村の職員とSC: {'、'.join(g.conflicts)}" if g.conflicts else ""
            top = QTreeWidgetItem([f"{label}（{len(g.members)}名）{warn}"])
            for mb in g.members:
                child = QTreeWidgetItem([mb.name, mb.municipality, mb.role, vocab.STAGES.get(mb.stage, "") if mb.stage else ""])
                child.setData(0, Qt.ItemDataRole.UserRole, mb.registration_id)
                top.addChild(child)
            self.group_tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)  # a long conflict note must not widen the name column
            if g.label:
                self.move_target.addItem(g.label)
        self.group_tree.expandAll()
        for j in range(4):
            self.group_tree.resizeColumnToContents(j)
            self.group_tree.setColumnWidth(j, self.group_tree.columnWidth(j) + 24)

    def assign_groups(self) -> None:
        if not self.host.event_id:
            return
        title = self.tr("グループ分け")
        try:
            grouped = write(self, title, partial(group_work.assign_groups, self.host.shell.uow(), self.host.event_id, self.size_spin.value()))
        except WriteWithdrawn as exc:
            show_error(self, title, exc)
            return
        if not any(g.members for g in grouped):
            QMessageBox.information(self, self.tr("グループ分け"), self.tr("この研修には、グループに分ける申込者がまだいません。"))
            return
        self.reload()
        self.host.reload_registrations()

    def _update_move_button(self) -> None:
        people = [i for i in self.group_tree.selectedItems() if i.data(0, Qt.ItemDataRole.UserRole)]
        self.move_btn.setEnabled(bool(people) and self.move_target.count() > 0)

    def move_selected(self) -> None:
        target = self.move_target.currentText()
        moved = [rid for item in self.group_tree.selectedItems() if (rid := item.data(0, Qt.ItemDataRole.UserRole))]

        def store() -> None:
            for rid in moved if target else ():
                group_work.move_to_group(self.host.shell.uow(), rid, target)

        try:
            write(self, self.tr("グループの移動"), store)
        except WriteWithdrawn as exc:
            show_error(self, self.tr("グループの移動"), exc)
        self.reload()
