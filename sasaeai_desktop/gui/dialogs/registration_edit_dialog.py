"""申込の変更: one registration's 日程 and 状態, from the 申込・出欠 grid (Enter or a double click on
its row). A town phones in the date it left blank on the sign-up sheet, or cancels one person:
the registration is changed, not entered a second time. Saved through
services.trainings.update_registration; the page redraws from the change record."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.dialogs.record_dialog import ok_cancel_buttons
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.services import trainings as t
from sasaeai_desktop.domain.errors import UserError


class RegistrationEditDialog(QDialog):
    def __init__(self, shell: object, event: t.EventData, row: t.RegistrationRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.row = row
        self.setWindowTitle(self.tr("申込の変更 — {name}").format(name=row.name))
        self.setMinimumWidth(420)
        who = QLabel("　".join(x for x in (row.name, row.municipality, row.role) if x))
        self.session_combo = QComboBox()
        self.session_combo.setObjectName("registrationSessionCombo")
        self.session_combo.addItem(self.tr("全日程（日程の指定なし）"), None)
        for s in event.sessions:
            self.session_combo.addItem(t.session_label(s), s.id)
        self.session_combo.setCurrentIndex(max(0, self.session_combo.findData(row.session_id)) if row.session_id else 0)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("registrationStatusCombo")
        self.status_combo.addItems(list(t.STATUSES))
        self.status_combo.setCurrentText(row.status)
        form = QFormLayout()
        form.addRow(self.tr("申込者"), who)
        form.addRow(self.tr("日程"), self.session_combo)
        form.addRow(self.tr("状態"), self.status_combo)
        self.buttons = ok_cancel_buttons(self, self.tr("保存"), self.save)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.session_combo.setFocus()

    def save(self) -> None:
        try:
            t.update_registration(self.shell.uow(), self.row.id,  # type: ignore[attr-defined]
                                  session_id=self.session_combo.currentData(), status=self.status_combo.currentText())
        except UserError as exc:
            show_error(self, self.tr("申込の変更"), exc)
            return
        changes.emit({"events"})
        self.accept()


__all__ = ["RegistrationEditDialog"]
