"""圏域の設定 — kinds of region, their regions, and each municipality's region per kind.

Top: the kinds (保健所圏域, ブロック …) and the regions of the chosen kind, each list with 追加 /
名前を変更 / 削除. Below: municipalities × kinds, a drop-down in every cell; choosing a region for a
cell that is part of a selection sets every selected municipality of that column at once (select
a run of rows, pick once). The grid also goes out to and comes back from Excel (preview first). Every change is stored at once (one transaction each) and announced as
'regions', so the dashboard and the grouped tables follow.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING
from typing import Protocol
from typing import TypeVar

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QStyledItemDelegate
from PySide6.QtWidgets import QStyleOptionViewItem
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui.dialogs.confirm import delete_after_confirming
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.gui.writes import write_or_say
from sasaeai_desktop.services.progress import region_sheet
from sasaeai_desktop.services.progress import regions

if TYPE_CHECKING:
    from sasaeai_desktop.services.database_file import UnitOfWork


class _Entry(Protocol):
    """A kind of region or a region: both lists rename and delete by id, ask by name."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


E = TypeVar("E", bound=_Entry)

FIXED_COLUMNS = 2  # コード, 市町村
UNSET_BRUSH = QBrush(QColor("#FFF2CC"))
REGION_ROLE = Qt.ItemDataRole.UserRole


class _RegionDelegate(QStyledItemDelegate):
    """A drop-down of the column's regions (and 未設定) for a kind's cell."""

    def __init__(self, dialog: RegionsDialog) -> None:
        super().__init__(dialog.table)
        self.dialog = dialog

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem(regions.UNASSIGNED, None)
        for r in self.dialog.region_choices(index.column()):
            combo.addItem(r.name, r.id)
        combo.activated.connect(lambda _i, c=combo: self._chosen(c))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(REGION_ROLE)), 0))
        editor.showPopup()

    def setModelData(self, editor: QWidget, _model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        row, column, region_id = index.row(), index.column(), editor.currentData()
        # After the editor has closed: storing refills the table the editor sits in.
        QTimer.singleShot(0, lambda: self.dialog.set_cells(row, column, region_id))


class RegionsDialog(QDialog):
    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.setWindowTitle(self.tr("圏域の設定"))
        self.resize(980, 680)
        remember(self)
        self.table_data: regions.MembershipTable | None = None

        self.kind_list = QListWidget(self)
        self.region_list = QListWidget(self)
        self.region_label = QLabel(self)
        self.kind_buttons = self._buttons(self.add_kind, self.rename_kind, self.delete_kind)
        self.region_buttons = self._buttons(self.add_region, self.rename_region, self.delete_region)
        lists = QGridLayout()
        lists.addWidget(QLabel(self.tr("圏域の種類"), self), 0, 0)
        lists.addWidget(self.region_label, 0, 1)
        lists.addWidget(self.kind_list, 1, 0)
        lists.addWidget(self.region_list, 1, 1)
        lists.addLayout(self._row(self.kind_buttons), 2, 0)
        lists.addLayout(self._row(self.region_buttons), 2, 1)
        for w in (self.kind_list, self.region_list):
            w.setMaximumHeight(140)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("市町村名・コードで絞り込み"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        hint = QLabel(self.tr("セルをダブルクリックして圏域を選びます。複数の行を選んでから選ぶと、まとめて設定できます。"), self)
        hint.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().setVisible(False)
        self.table.setItemDelegate(_RegionDelegate(self))
        self.summary_label = QLabel(self)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.export_button = buttons.addButton(self.tr("Excelに書き出す…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = buttons.addButton(self.tr("Excelから読み込む…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(lambda: self.export_excel())
        self.import_button.clicked.connect(lambda: self.import_excel())
        layout = QVBoxLayout(self)
        layout.addLayout(lists)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("市町村の所属"), self))
        head.addWidget(self.filter_edit, 1)
        layout.addLayout(head)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(buttons)

        self.kind_list.currentRowChanged.connect(lambda _r: self._fill_regions())
        self.reload()

    # -- building --------------------------------------------------------------------------------
    def _buttons(self, add: Callable[[], object], rename: Callable[[], object],
                 delete: Callable[[], object]) -> list[QPushButton]:
        out = []
        for text, slot in ((self.tr("追加…"), add), (self.tr("名前を変更…"), rename), (self.tr("削除"), delete)):
            b = QPushButton(text, self)
            b.clicked.connect(lambda _c=False, s=slot: s())
            out.append(b)
        return out

    @staticmethod
    def _row(buttons: list[QPushButton]) -> QHBoxLayout:
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        return row

    # -- data ------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Everything from the database; the chosen kind stays chosen."""
        current = self.current_kind()
        self.table_data = t = regions.membership_table(self.shell.uow())
        self.kind_list.blockSignals(True)
        self.kind_list.clear()
        for k in t.kinds:
            item = QListWidgetItem(self.tr("{name}（圏域 {n}）").format(name=k.name, n=len(t.regions[k.id])))
            item.setData(REGION_ROLE, k.id)
            self.kind_list.addItem(item)
        row = next((i for i, k in enumerate(t.kinds) if current and k.id == current.id), 0 if t.kinds else -1)
        self.kind_list.setCurrentRow(row)
        self.kind_list.blockSignals(False)
        self._fill_regions()
        self._fill_table()

    def current_kind(self) -> regions.RegionKindData | None:
        item = self.kind_list.currentItem()
        if item is None or self.table_data is None:
            return None
        return next((k for k in self.table_data.kinds if k.id == item.data(REGION_ROLE)), None)

    def current_region(self) -> regions.RegionData | None:
        kind, item = self.current_kind(), self.region_list.currentItem()
        if kind is None or item is None or self.table_data is None:
            return None
        return next((r for r in self.table_data.regions[kind.id] if r.id == item.data(REGION_ROLE)), None)

    def _fill_regions(self) -> None:
        kind = self.current_kind()
        t = self.table_data
        was = self.region_list.currentItem()
        was_id = was.data(REGION_ROLE) if was is not None else None
        self.region_list.clear()
        for b in self.kind_buttons[1:] + self.region_buttons:
            b.setEnabled(kind is not None)
        if kind is None or t is None:
            self.region_label.setText(self.tr("圏域"))
            return
        self.region_label.setText(self.tr("「{kind}」の圏域").format(kind=kind.name))
        counts: dict[str | None, int] = {}
        for (_mid, kid), rid in t.cells.items():
            if kid == kind.id:
                counts[rid] = counts.get(rid, 0) + 1
        for r in t.regions[kind.id]:
            item = QListWidgetItem(self.tr("{name}（{n} 市町村）").format(name=r.name, n=counts.get(r.id, 0)))
            item.setData(REGION_ROLE, r.id)
            self.region_list.addItem(item)
        ids = [r.id for r in t.regions[kind.id]]
        if ids:
            self.region_list.setCurrentRow(ids.index(was_id) if was_id in ids else 0)

    def _fill_table(self) -> None:
        t = self.table_data
        assert t is not None
        names = {r.id: r.name for rs in t.regions.values() for r in rs}
        self.table.clear()
        self.table.setColumnCount(FIXED_COLUMNS + len(t.kinds))
        self.table.setRowCount(len(t.municipalities))
        self.table.setHorizontalHeaderLabels([self.tr("コード"), self.tr("市町村"), *(k.name for k in t.kinds)])
        fixed = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        unset = 0
        for row, (mid, code, name) in enumerate(t.municipalities):
            for col, text in enumerate((code, name)):
                item = QTableWidgetItem(text)
                item.setFlags(fixed)
                item.setData(REGION_ROLE, mid)
                self.table.setItem(row, col, item)
            for col, k in enumerate(t.kinds, FIXED_COLUMNS):
                rid = t.cells.get((mid, k.id))
                item = QTableWidgetItem(names.get(rid or "", regions.UNASSIGNED))
                item.setData(REGION_ROLE, rid)
                if rid is None:
                    item.setBackground(UNSET_BRUSH)
                    unset += 1
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.resizeColumnsToContents()
        for col in range(FIXED_COLUMNS, self.table.columnCount()):
            self.table.setColumnWidth(col, max(self.table.columnWidth(col), 150))
        self.summary_label.setText(
            self.tr("{n} 市町村 × {k} 種類。未設定のセル {u} 件（黄色）。").format(n=len(t.municipalities), k=len(t.kinds), u=unset)
        )
        self._apply_filter(self.filter_edit.text())

    def _apply_filter(self, text: str) -> None:
        needle = text.strip()
        for row in range(self.table.rowCount()):
            code, name = (self.table.item(row, c).text() for c in (0, 1))
            self.table.setRowHidden(row, bool(needle) and needle not in code and needle not in name)

    # -- memberships -----------------------------------------------------------------------------
    def region_choices(self, column: int) -> list[regions.RegionData]:
        t = self.table_data
        if t is None or column < FIXED_COLUMNS:
            return []
        return t.regions[t.kinds[column - FIXED_COLUMNS].id]

    def set_cells(self, row: int, column: int, region_id: str | None) -> None:
        """``region_id`` for the municipality in ``row`` — and for every other selected visible row
        when the edited cell is part of the selection."""
        t = self.table_data
        if t is None or column < FIXED_COLUMNS:
            return
        kind = t.kinds[column - FIXED_COLUMNS]
        rows = {row}
        selected = self.table.selectedIndexes()
        if any(i.row() == row for i in selected):
            rows |= {i.row() for i in selected if not self.table.isRowHidden(i.row())}
        ids = [t.municipalities[r][0] for r in sorted(rows)]
        try:
            write(self, self.windowTitle(), partial(regions.assign, self.shell.uow(), kind.id, region_id, ids))
        except UserError as exc:
            show_error(self, self.windowTitle(), exc)
            return
        self._changed()

    def _changed(self) -> None:
        top = self.table.verticalScrollBar().value()
        self.reload()
        self.table.verticalScrollBar().setValue(top)

    # -- Excel ---------------------------------------------------------------------------------
    def export_excel(self, path: str | None = None) -> bool:
        if path is None:
            path, _f = QFileDialog.getSaveFileName(self, self.tr("圏域をExcelに書き出す"), self.tr("圏域.xlsx"), "Excel (*.xlsx)")
        if not path:
            return False
        try:
            region_sheet.write_membership_sheet(self.shell.uow(), path)
        except (UserError, OSError) as exc:
            show_error(self, self.windowTitle(), UserError(str(exc)))
            return False
        return True

    def import_excel(self, path: str | None = None) -> bool:
        """Preview (what changes, new kinds and regions, problems), then write on Yes."""
        if path is None:
            path, _f = QFileDialog.getOpenFileName(self, self.tr("圏域をExcelから読み込む"), "", "Excel (*.xlsx *.xlsm)")
        if not path:
            return False
        try:
            plan = region_sheet.plan_membership_import(self.shell.uow(), path)
        except UserError as exc:
            show_error(self, self.windowTitle(), exc)
            return False
        lines = [f"{c.municipality}　{c.kind}: {c.before or regions.UNASSIGNED} → {c.after or regions.UNASSIGNED}"
                 for c in plan.changes[:30]]
        if len(plan.changes) > 30:
            lines.append(self.tr("ほか {n} 件").format(n=len(plan.changes) - 30))
        if plan.problems:
            QMessageBox.warning(self, self.windowTitle(), self.tr("問題があるため読み込めません。\n\n")
                                + "\n".join(plan.problems[:30]))
            return False
        if not plan.changes and not plan.new_kinds:
            QMessageBox.information(self, self.windowTitle(), self.tr("変更はありません。"))
            return False
        answer = QMessageBox.question(self, self.windowTitle(), plan.summary() + "\n\n" + "\n".join(lines)
                                      + "\n\n" + self.tr("読み込みますか？"))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        return self._store(lambda: region_sheet.apply_membership_import(self.shell.uow(), plan))

    # -- kinds and regions -----------------------------------------------------------------------
    def _ask_name(self, title: str, label: str, text: str = "") -> str | None:
        name, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, text)
        return name if ok and name.strip() else None

    def _store(self, action: Callable[[], object]) -> bool:
        if not write_or_say(self, self.windowTitle(), action):
            return False
        self._changed()
        return True

    def _add(self, name: str | None, title: str, label: str, create: Callable[[str], object],
             shown_in: QListWidget) -> bool:
        """Ask for a name (unless given), create, and select the new entry (the last of its list)."""
        name = name or self._ask_name(title, label)
        if not name or not self._store(lambda: create(name)):
            return False
        shown_in.setCurrentRow(shown_in.count() - 1)
        return True

    def add_kind(self, name: str | None = None) -> bool:
        return self._add(name, self.tr("圏域の種類を追加"), self.tr("種類の名前（例: 保健所圏域、ブロック）"),
                         lambda n: regions.create_kind(self.shell.uow(), n), self.kind_list)

    def rename_kind(self, name: str | None = None) -> bool:
        return self._rename(self.current_kind(), self.tr("圏域の種類の名前を変更"), name, regions.rename_kind)

    def delete_kind(self) -> bool:
        def note(kind: regions.RegionKindData, t: regions.MembershipTable) -> str:
            held = sum(1 for (_m, kid) in t.cells if kid == kind.id)
            return self.tr("圏域 {r} 件と、{n} 市町村の所属も削除されます。").format(r=len(t.regions[kind.id]), n=held)

        return self._delete(self.current_kind(), note, regions.delete_kind)

    def add_region(self, name: str | None = None) -> bool:
        kind = self.current_kind()
        if kind is None:
            return False
        return self._add(name, self.tr("圏域を追加"), self.tr("「{kind}」に追加する圏域の名前").format(kind=kind.name),
                         lambda n: regions.create_region(self.shell.uow(), kind.id, n), self.region_list)

    def rename_region(self, name: str | None = None) -> bool:
        return self._rename(self.current_region(), self.tr("圏域の名前を変更"), name, regions.rename_region)

    def delete_region(self) -> bool:
        def note(region: regions.RegionData, t: regions.MembershipTable) -> str:
            held = sum(1 for rid in t.cells.values() if rid == region.id)
            return self.tr("{n} 市町村がこの圏域に所属しています。所属は「未設定」に戻ります。").format(n=held) if held else ""

        return self._delete(self.current_region(), note, regions.delete_region)

    def _rename(self, entry: _Entry | None, title: str, name: str | None,
                rename: Callable[[UnitOfWork, str, str], object]) -> bool:
        if entry is None:
            return False
        new_name = name or self._ask_name(title, self.tr("新しい名前"), entry.name)
        return bool(new_name) and self._store(lambda: rename(self.shell.uow(), entry.id, new_name))

    def _delete(self, entry: E | None, note: Callable[[E, regions.MembershipTable], str],
                delete: Callable[[UnitOfWork, str], object]) -> bool:
        t = self.table_data
        if entry is None or t is None:
            return False
        done = delete_after_confirming(self, entry.name, self.windowTitle(),
                                       lambda: delete(self.shell.uow(), entry.id), note(entry, t))
        if done:
            self.reload()
        return done
