"""申込の変更: one registration's 日程 and 状態, from the 申込・出欠 grid (Enter or a double click on
its row). A town phones in the date it left blank on the sign-up sheet, or cancels one person:
the registration is changed, not entered a second time. Saved through
services.trainings.registrations.update_registration; the page redraws from the change record. Layout:
ui/registration_edit_dialog.ui."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui.dialogs.record_dialog import name_ok_cancel
from sasaeai_desktop.gui.forms.ui_registration_edit_dialog import Ui_RegistrationEditDialog
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import registrations


class RegistrationEditDialog(QDialog):
    def __init__(self, shell: ShellContext, event: events.EventData, row: registrations.RegistrationRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.row = row
        self.setWindowTitle(self.tr("申込の変更 — {name}").format(name=row.name))
        ui = self.ui = Ui_RegistrationEditDialog()
        ui.setupUi(self)
        ui.whoLabel.setText("　".join(x for x in (row.name, row.municipality, row.role) if x))
        ui.registrationSessionCombo.addItem(self.tr("全日程（日程の指定なし）"), None)
        for s in event.sessions:
            ui.registrationSessionCombo.addItem(events.session_label(s), s.id)
        ui.registrationSessionCombo.setCurrentIndex(
            max(0, ui.registrationSessionCombo.findData(row.session_id)) if row.session_id else 0)
        ui.registrationStatusCombo.addItems(list(events.STATUSES))
        ui.registrationStatusCombo.setCurrentText(row.status)
        name_ok_cancel(ui.buttonBox, self.tr("保存"))
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        ui.registrationSessionCombo.setFocus()

    def save(self) -> None:
        try:
            session_id = self.ui.registrationSessionCombo.currentData()  # read here: the write runs on the lane
            status = self.ui.registrationStatusCombo.currentText()
            write(self, self.tr("申込の変更"), partial(
                registrations.update_registration, self.shell.uow(), self.row.id,
                session_id=session_id, status=status))
        except UserError as exc:
            show_error(self, self.tr("申込の変更"), exc)
            return
        self.accept()


__all__ = ["RegistrationEditDialog"]
