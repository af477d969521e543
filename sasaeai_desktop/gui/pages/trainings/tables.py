"""How the 研修 page's tables look: read only, row numbers off, columns fitted to their contents."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QTableWidget


def read_only_table(headers: Sequence[str], *, whole_rows: bool = False) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    read_only(table, whole_rows=whole_rows)
    return table


def read_only(table: QTableWidget, *, whole_rows: bool = False) -> None:
    """Shown, not edited (changes go through the dialogs); ``whole_rows``: a click picks the row."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if whole_rows:
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    # Row numbers are in the data (No.) or not needed; the last column takes the spare width.
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)


def fit(table: QTableWidget) -> None:
    """Columns sized to their contents plus some air (resizeColumnsToContents alone is cramped)."""
    table.resizeColumnsToContents()
    for j in range(table.columnCount() - 1):
        table.setColumnWidth(j, table.columnWidth(j) + 16)
    table.horizontalHeader().setSectionResizeMode(table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)

