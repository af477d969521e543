"""Frames shared by the dialogs that show things rather than edit a record: a 閉じる button box,
and the list-beside-detail layout (open conflicts, possible duplicate people)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSplitter, QVBoxLayout, QWidget


def close_button_box(dialog: QDialog) -> QDialogButtonBox:
    """A single 「閉じる」 that rejects ``dialog``."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(dialog.tr("閉じる"))
    buttons.rejected.connect(dialog.reject)
    return buttons


def lay_out_master_detail(
    dialog: QDialog, intro: QLabel, empty_label: QLabel, master: QWidget, detail: QWidget,
    stretch: tuple[int, int], size: tuple[int, int],
) -> None:
    """Intro line, the message shown when there is nothing to list, the list beside its detail, 閉じる."""
    splitter = QSplitter(dialog)
    splitter.addWidget(master)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    layout = QVBoxLayout(dialog)
    layout.addWidget(intro)
    layout.addWidget(empty_label)
    layout.addWidget(splitter, 1)
    layout.addWidget(close_button_box(dialog))
    dialog.resize(*size)
