"""Typing the ticks of a paper sign-in sheet into the 申込・出欠 grid, after the event.

The officer goes down the sheet with the grid's current cell in a 日程 column: Space, ○ or o marks
present, ×, x or - absent, Delete or Backspace forgets what was typed; each moves to the next row,
as the pen goes down the paper; rows registered for another date are passed over, as that
day's sheet does not list them. The grid stays read-only otherwise (no editor opens), and only the
one cell is redrawn, so the current cell stays where the officer is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem

# On a 日程 cell: False when the row is not on that day's paper sheet (registered for another date);
# the cursor passes over such rows, as the sheet does not list them.
ON_SHEET_ROLE = Qt.ItemDataRole.UserRole + 1
PRESENT_KEYS = {" ", "○", "◯", "〇", "o", "O", "1"}
ABSENT_KEYS = {"×", "x", "X", "-", "ー", "0"}
CLEAR_KEYS = {Qt.Key.Key_Delete, Qt.Key.Key_Backspace}

# (row, column) → present (True), absent (False) or cleared (None); returns what the cell now says
# or None when nothing could be recorded (the column is not a 日程, the row has no registration).
Recorder = Callable[[int, int, bool | None], str | None]


def key_choice(event: QKeyEvent) -> tuple[bool, bool | None]:
    """(is an attendance key, what it records)."""
    if event.key() in CLEAR_KEYS:
        return True, None
    text = event.text()
    if event.key() == Qt.Key.Key_Space or text in PRESENT_KEYS:
        return True, True
    if text in ABSENT_KEYS:
        return True, False
    return False, None


class AttendanceKeys(QObject):
    """Event filter on the grid: ``is_session_column(col)`` says which columns take ticks and
    ``record(row, col, value)`` stores one and returns the cell's new text."""

    def __init__(self, table: QTableWidget, is_session_column: Callable[[int], bool], record: Recorder) -> None:
        super().__init__(table)
        self.table = table
        self.is_session_column = is_session_column
        self.record = record
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.table or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        row, col = self.table.currentRow(), self.table.currentColumn()
        if row < 0 or not self.is_session_column(col):
            return False
        hit, value = key_choice(event)
        if not hit:
            return False
        text = self.record(row, col, value)
        if text is None:
            return True
        item = self.table.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, col, item)
        item.setText(text)
        below = row + 1
        while below < self.table.rowCount() and not self._on_sheet(below, col):
            below += 1
        if below < self.table.rowCount():
            self.table.setCurrentCell(below, col)
        return True

    def _on_sheet(self, row: int, col: int) -> bool:
        item = self.table.item(row, col)
        return item is None or item.data(ON_SHEET_ROLE) is not False
