"""Frames shared by the dialogs: a 閉じる button box, the list-beside-detail layout (open
conflicts, possible duplicate people), and the scroll area that keeps a long form on a laptop
screen with its 保存/キャンセル buttons in view."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.window_memory import LARGEST_CLIENT
from sasaeai_desktop.gui.window_memory import remember

# What a dialog keeps outside its scrolled form: margins, the error line and the button row.
FOOT_HEIGHT = 90
FORM_MAX_HEIGHT = LARGEST_CLIENT.height() - FOOT_HEIGHT


class FormScrollArea(QScrollArea):
    """Asks for the whole form when it fits a 1366×768 laptop, and for no more than that when it
    does not (QScrollArea alone asks for a fixed ~24 lines, whatever the form). Designer forms
    (ui/*.ui) use it as a promoted QScrollArea."""

    def __init__(self, parent: QWidget | None = None, max_height: int = FORM_MAX_HEIGHT) -> None:
        super().__init__(parent)
        self.max_height = max_height

    def refit(self) -> None:
        """Measure the form again once code has filled what a Designer form built empty (lists):
        the nested layouts keep the widths they measured when the form was put in."""
        content = self.widget()
        if content is not None and content.layout() is not None:
            content.layout().activate()  # forgets every nested layout's measure, then lays out
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        hint = content.sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        frame = 2 * self.frameWidth()
        return QSize(min(hint.width() + bar + frame, LARGEST_CLIENT.width() - 40),
                     min(hint.height() + frame, self.max_height))


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
    remember(dialog)
