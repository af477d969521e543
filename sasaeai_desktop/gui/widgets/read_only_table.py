"""A table of rows to look at and pick from: no row numbers, no editing, whole rows selected."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QWidget


def make_read_only(view: QTableView) -> None:
    view.verticalHeader().setVisible(False)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)


def read_only_table(parent: QWidget, headers: Sequence[str], name: str, *, single: bool = False) -> QTableWidget:
    """``headers`` as shown (already translated); ``single``: one row at a time."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    make_read_only(table)
    if single:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return table
