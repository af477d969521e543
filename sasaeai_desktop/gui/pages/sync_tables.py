"""The sync page's read-only tables (the other laptops, the files written and read): built and
filled one way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem

RETIRED_GREY = QColor("#8a8f98")


def when_text(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


def make_table(headers: tuple[str, ...], tr: Callable[[str], str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels([tr(h) for h in headers])
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table (rows are picked with ↑↓)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    for col in range(len(headers)):
        mode = QHeaderView.ResizeMode.Stretch if col == stretch else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(col, mode)
    return table


def fill_table(table: QTableWidget, rows: list[tuple[str, ...]], tips: list[str] | None = None,
               greyed: list[bool] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if tips is not None:
                item.setToolTip(tips[r])
            if greyed is not None and greyed[r]:
                item.setForeground(QBrush(RETIRED_GREY))
            table.setItem(r, c, item)
