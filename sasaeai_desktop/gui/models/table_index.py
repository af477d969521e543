"""What Qt's table models take as a parent: the alias and the invisible root of a flat table."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex
# One shared default: Qt calls rowCount() with no parent, and a flat table only asks isValid() of it.
ROOT = QModelIndex()
