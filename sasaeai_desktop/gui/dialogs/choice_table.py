"""The tables of the import dialog where each row is answered with a combo box in its last column:
the column mapping (取り込む項目) and 「この値は？」 (取り込む値)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QWidget


def choice_table(parent: QWidget, name: str, headers: Sequence[str], *, stretch: int, choice_width: int
                 ) -> QTableWidget:
    """A read-only table without row numbers; column ``stretch`` takes the room left, the others
    fit their contents, and the last one (the combo boxes) is ``choice_width`` wide."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    head = table.horizontalHeader()
    last = len(headers) - 1
    for col in range(last):
        fit = QHeaderView.ResizeMode.Stretch if col == stretch else QHeaderView.ResizeMode.ResizeToContents
        head.setSectionResizeMode(col, fit)
    head.setSectionResizeMode(last, QHeaderView.ResizeMode.Fixed)
    table.setColumnWidth(last, choice_width)
    return table
