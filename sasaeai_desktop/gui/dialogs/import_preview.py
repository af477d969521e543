"""The import preview's table: one line per data row of the plan, coloured by what it will do."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor

from sasaeai_desktop.gui.models.table_index import ROOT
from sasaeai_desktop.gui.models.table_index import Index
from sasaeai_desktop.services.imports import import_plan
from sasaeai_desktop.services.imports import plan_rows


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


ACTION_COLOURS = {
    plan_rows.CREATE: "#e3f2e1",
    plan_rows.UPDATE: "#fff4d6",
    plan_rows.SKIP: "#f0f0f0",
    plan_rows.ASK: "#ffe0b2",
    plan_rows.ERROR: "#ffd6d6",
}


class PreviewModel(QAbstractTableModel):
    """The planned rows (all of them, or one kind), read straight from the plan: a 50,000-row
    sheet is 50,000 Python objects already, the view asks only for what it paints."""

    HEADERS = ("行", "処理", "内容", "変更・問題")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan: import_plan.ImportPlan | None = None
        self.rows: list[plan_rows.PlannedRow] = []
        self.filter = "all"

    def set_plan(self, plan: import_plan.ImportPlan | None, filter_key: str | None = None) -> None:
        self.beginResetModel()
        self.plan = plan
        if filter_key is not None:
            self.filter = filter_key
        self.rows = self._filtered()
        self.endResetModel()

    def refresh(self) -> None:
        self.set_plan(self.plan)

    def _filtered(self) -> list[plan_rows.PlannedRow]:
        if self.plan is None:
            return []
        if self.filter == "all":
            return list(self.plan.rows)
        if self.filter == "attention":
            return [r for r in self.plan.rows if r.action in (plan_rows.ASK, plan_rows.ERROR)]
        return [r for r in self.plan.rows if r.action == self.filter]

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _tr(self.HEADERS[section])
        return None

    @staticmethod
    def detail(r: plan_rows.PlannedRow) -> str:
        if r.problems:
            return " / ".join(f"{p.column}: {p.message}" if p.column else p.message for p in r.problems)
        if r.action == plan_rows.UPDATE:
            text = _tr("変更: ") + "、".join(r.changes)
            return f"{text}（{r.note}）" if r.note else text
        return r.note

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        r = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return r.row
            if col == 1:
                return _tr(plan_rows.ACTION_LABELS[r.action])
            if col == 2:
                return r.label
            return self.detail(r).replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole and col == 3:
            return "\n".join(str(p) for p in r.problems) or self.detail(r)
        if role == Qt.ItemDataRole.BackgroundRole and col == 1:
            return QBrush(QColor(ACTION_COLOURS[r.action]))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def planned(self, row: int) -> plan_rows.PlannedRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
