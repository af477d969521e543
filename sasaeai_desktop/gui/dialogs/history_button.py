"""The 「変更履歴…」 button every record form offers, written once (RecordDialog uses it; a form
that is not a RecordDialog, like the training form, mixes it in the same way).

A form names the synced table it edits in ``history_table``; the button then opens the history of
the record being edited. A new record has no history yet, so the button stays hidden until the
record has an id (a visit draft gets one on its first autosave — the form calls
``refresh_history_button`` then).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.dialogs import history_dialog
from sasaeai_desktop.gui.shell_context import ShellContext

_tr = partial(QCoreApplication.translate, "HistoryDialog")


class HistoryButtonMixin:
    """Mixed into a QDialog (before it in the bases) that has ``shell``."""

    history_table: str = ""  # the synced table the form edits; "" offers no button
    history_button: QPushButton | None = None
    shell: ShellContext

    # -- what a form may override ----------------------------------------------------------------
    def history_row_id(self) -> str | None:
        """The id of the record being edited; None while it is new and unsaved."""
        return getattr(getattr(self, "_original", None), "id", None)

    def history_label(self) -> str:
        """How the history window names the record (the table's name when empty)."""
        return ""

    # -- the button ------------------------------------------------------------------------------
    def add_history_button(self, box: QDialogButtonBox) -> None:
        """Put the button in the form's button box, at the far left, away from 保存."""
        if not self.history_table or self.history_button is not None:
            return
        # ResetRole only for where it sits: every platform's layout puts it at the left, and it
        # neither accepts nor rejects the form.
        button = box.addButton(_tr("変更履歴…"), QDialogButtonBox.ButtonRole.ResetRole)
        button.setObjectName("historyButton")
        button.setAutoDefault(False)
        button.setToolTip(_tr("この記録の項目ごとに、誰が・どのパソコンで・いつ変えたかを表示します"))
        button.clicked.connect(self.open_history)
        self.history_button = button
        self.refresh_history_button()

    def refresh_history_button(self) -> None:
        if self.history_button is not None:
            self.history_button.setVisible(self.history_row_id() is not None)

    def open_history(self) -> None:
        parent = self if isinstance(self, QWidget) else None
        # looked up at call time, so a test can stand in for the modal window
        history_dialog.show_history(self.shell, parent, self.history_table, self.history_row_id(), self.history_label())

    def showEvent(self, event: QShowEvent) -> None:
        # the record is loaded by now (the form's __init__ has finished)
        self.refresh_history_button()
        super().showEvent(event)  # type: ignore[misc]  # a mixin: the dialog class after it has showEvent
