"""The consultation form (相談対応): received date, channel, from whom, topics, question, answer,
referred advisor, open/closed. Same keys as the visit form: Ctrl+Enter saves, Esc asks before
discarding what was typed. Layout: ui/consultation_dialog.ui."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui.dialogs.activity_fields import PersonLookup
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors
from sasaeai_desktop.gui.dialogs.person_dialog import MunicipalityPicker
from sasaeai_desktop.gui.dialogs.record_dialog import RecordDialog
from sasaeai_desktop.gui.dialogs.record_dialog import run_record_dialog
from sasaeai_desktop.gui.dialogs.widget_values import load_fields
from sasaeai_desktop.gui.dialogs.widget_values import read_fields
from sasaeai_desktop.gui.forms.ui_consultation_dialog import Ui_ConsultationDialog
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.activities import consultations
from sasaeai_desktop.services.activities import dispatches

_tr = partial(QCoreApplication.translate, "ConsultationDialog")


class ConsultationDialog(RecordDialog):
    history_table = "consultation"

    def __init__(self, shell: ShellContext, consultation_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        ui: Ui_ConsultationDialog = self.use_ui(Ui_ConsultationDialog())
        self.use_keyboard_buttons(ui.buttonBox)
        ui.channelCombo.addItems(["", *vocab.CONSULTATION_CHANNELS])
        ui.receivedDateEdit.describe(_tr("受付日"), RECORD)
        ui.closedDateEdit.describe(_tr("完了日"), RECORD)
        for box in (ui.questionEdit, ui.answerEdit):  # four lines of the font in use
            box.setMinimumHeight(box.fontMetrics().lineSpacing() * 4 + 14)
        uow = shell.uow()
        self.picker = MunicipalityPicker(ui.municipalityCombo, municipalities.choices(uow),
                                         municipalities.readings(uow))
        self.person = PersonLookup(shell, ui.personEdit)
        ui.personEdit.setPlaceholderText(self.tr("名簿にいない人は名前だけでも構いません"))
        self._advisor_ids: list[str | None] = [None]
        ui.advisorCombo.addItem("")
        for aid, label in dispatches.advisor_choices(uow):
            self._advisor_ids.append(aid)
            ui.advisorCombo.addItem(label)
        self.field_widgets: dict[str, QWidget] = {
            "received_date": ui.receivedDateEdit, "channel": ui.channelCombo, "municipality_id": ui.municipalityCombo,
            "person_id": ui.personEdit, "topics": ui.topicsEdit, "question": ui.questionEdit,
            "answer": ui.answerEdit, "closed_date": ui.closedDateEdit,
        }
        self._entries: dict[str, QWidget] = {
            "received_date": ui.receivedDateEdit, "topics": ui.topicsEdit, "question": ui.questionEdit,
            "answer": ui.answerEdit, "is_closed": ui.closedCheck, "closed_date": ui.closedDateEdit,
            "handled_by": ui.handledByEdit,
        }
        clear_errors(self.field_widgets, ui.errorLabel)
        if consultation_id is None:
            self._original = consultations.ConsultationData(id=None, received_date=dt.date.today())
            self.setWindowTitle(self.tr("相談記録の新規入力"))
        else:
            self._original = consultations.get(uow, consultation_id)
            self.setWindowTitle(self.tr("相談記録の編集"))
        self._load(self._original)
        self.take_snapshot()
        ui.receivedDateEdit.setFocus()
        self.resize(720, self.sizeHint().height())

    def _load(self, d: consultations.ConsultationData) -> None:
        ui = self.ui
        load_fields(self._entries, d)
        ui.channelCombo.setCurrentText(d.channel)
        self.picker.set_id(d.municipality_id)
        name = d.from_name
        if d.person_id:
            try:
                from sasaeai_desktop.services import people

                name = people.get(self.shell.uow(), d.person_id).name
            except UserError:
                pass
        self.person.set_person(d.person_id, name)
        if d.referred_advisor_id in self._advisor_ids:
            ui.advisorCombo.setCurrentIndex(self._advisor_ids.index(d.referred_advisor_id))

    def form_data(self) -> tuple[consultations.ConsultationData, dict[str, str]]:
        ui = self.ui
        errors: dict[str, str] = {}
        municipality_id = self.picker.id_or_error(errors)
        try:
            person_id, from_name = self.person.current_id(), ""
        except KeyError:
            person_id, from_name = None, ui.personEdit.text()  # not in the roster: the name alone
        data = replace(
            self._original, **read_fields(self._entries), channel=ui.channelCombo.currentText(),
            municipality_id=municipality_id, person_id=person_id, from_name=from_name,
            referred_advisor_id=self._advisor_ids[max(ui.advisorCombo.currentIndex(), 0)],
        )
        return data, errors

    def check(self, data: consultations.ConsultationData) -> None:
        consultations.validate(data)

    def save_record(self, data: consultations.ConsultationData) -> str:
        return consultations.save(self.shell.uow(), data)


def edit_consultation(shell: ShellContext, parent: QWidget | None, consultation_id: str | None = None) -> str | None:
    return run_record_dialog(parent, _tr("相談記録"), lambda: ConsultationDialog(shell, consultation_id, parent))


def delete_consultation(shell: ShellContext, parent: QWidget | None, consultation_id: str, label: str) -> bool:
    from sasaeai_desktop.gui.dialogs.confirm import dated_label
    from sasaeai_desktop.gui.dialogs.confirm import delete_after_confirming

    label = dated_label(label, lambda: consultations.get(shell.uow(), consultation_id).received_date,
                        _tr("の相談記録"))
    return delete_after_confirming(
        parent, label, _tr("相談記録の削除"), lambda: consultations.delete(shell.uow(), consultation_id)
    )
