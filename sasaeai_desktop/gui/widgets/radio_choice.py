"""Radio buttons that answer one question: one exclusive group, the first one chosen."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup
from PySide6.QtWidgets import QRadioButton
from PySide6.QtWidgets import QWidget


def radio_choice(parent: QWidget, *texts: str) -> list[QRadioButton]:
    group = QButtonGroup(parent)
    buttons = [QRadioButton(text, parent) for text in texts]
    buttons[0].setChecked(True)
    for button in buttons:
        group.addButton(button)
    return buttons
