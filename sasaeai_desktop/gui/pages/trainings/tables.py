"""How the 研修 page's tables look: row numbers off, columns fitted to their contents."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableWidget


def tidy(table: QTableWidget) -> None:
    """Row numbers are in the data (No.) or not needed; the last column takes the spare width."""
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)


def fit(table: QTableWidget) -> None:
    """Columns sized to their contents plus some air (resizeColumnsToContents alone is cramped)."""
    table.resizeColumnsToContents()
    for j in range(table.columnCount() - 1):
        table.setColumnWidth(j, table.columnWidth(j) + 16)
    table.horizontalHeader().setSectionResizeMode(table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)

