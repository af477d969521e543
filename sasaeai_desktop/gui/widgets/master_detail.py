"""The frame of a list-and-detail dialog (open conflicts, possible duplicate people): an intro
line, a message shown when there is nothing to list, the list beside its detail, and 閉じる."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSplitter, QVBoxLayout, QWidget


def lay_out_master_detail(
    dialog: QDialog, intro: QLabel, empty_label: QLabel, master: QWidget, detail: QWidget,
    stretch: tuple[int, int], size: tuple[int, int],
) -> None:
    splitter = QSplitter(dialog)
    splitter.addWidget(master)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(dialog.tr("閉じる"))
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(intro)
    layout.addWidget(empty_label)
    layout.addWidget(splitter, 1)
    layout.addWidget(buttons)
    dialog.resize(*size)
