"""The advisor dispatch form (アドバイザー派遣): where, who asked, which advisors (a filterable
check list), the day(s), purpose, who pays, status and the outcome report. Ctrl+Enter saves,
Esc asks before discarding. Layout: ui/dispatch_dialog.ui."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.gui.dialogs.activity_fields import DateField
from sasaeai_desktop.gui.dialogs.activity_fields import RowsEditor
from sasaeai_desktop.gui.dialogs.activity_fields import TimeField
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors
from sasaeai_desktop.gui.dialogs.person_dialog import MunicipalityPicker
from sasaeai_desktop.gui.dialogs.record_dialog import RecordDialog
from sasaeai_desktop.gui.dialogs.record_dialog import fill_choices
from sasaeai_desktop.gui.dialogs.record_dialog import run_record_dialog
from sasaeai_desktop.gui.dialogs.widget_values import load_fields
from sasaeai_desktop.gui.dialogs.widget_values import put_all
from sasaeai_desktop.gui.dialogs.widget_values import read_fields
from sasaeai_desktop.gui.dialogs.widget_values import values_of
from sasaeai_desktop.gui.forms.ui_dispatch_dialog import Ui_DispatchDialog
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.activities import dispatches

_ID_ROLE = Qt.ItemDataRole.UserRole


_tr = partial(QCoreApplication.translate, "DispatchDialog")


class DispatchDialog(RecordDialog):
    history_table = "dispatch"

    def __init__(self, shell: ShellContext, dispatch_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        ui: Ui_DispatchDialog = self.use_ui(Ui_DispatchDialog())
        self.use_keyboard_buttons(ui.buttonBox)
        fill_choices(ui.requestedByCombo, dispatches.REQUESTED_BY.values())
        fill_choices(ui.purposeCategoryCombo, ["", *vocab.DISPATCH_PURPOSES])
        fill_choices(ui.payerCombo, dispatches.PAYERS)
        fill_choices(ui.statusCombo, dispatches.STATUSES)
        ui.requestDateEdit.describe(_tr("依頼日"), RECORD)
        ui.purposeEdit.setMaximumHeight(ui.purposeEdit.fontMetrics().lineSpacing() * 3 + 14)
        uow = shell.uow()
        self.picker = MunicipalityPicker(ui.municipalityCombo, municipalities.choices(uow),
                                         municipalities.readings(uow))
        for aid, label in dispatches.advisor_choices(uow):
            item = QListWidgetItem(label, ui.advisorList)
            item.setData(_ID_ROLE, aid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        ui.advisorFilterEdit.textChanged.connect(self._filter_advisors)
        self.days = RowsEditor([self.tr("日付"), self.tr("開始"), self.tr("終了"), self.tr("会場"), ""],
                               self._day_row, self.tr("＋ 派遣日を追加"), stretch=(3,),
                               row_label=self.tr("派遣日"))
        ui.daysHost.addWidget(self.days)
        # The days are built after the form, so Tab is told they come between 状況 and 実施報告.
        QWidget.setTabOrder(ui.statusCombo, self.days.add_button)
        QWidget.setTabOrder(self.days.add_button, ui.outcomeEdit)
        self.field_widgets: dict[str, QWidget] = {
            "municipality_id": ui.municipalityCombo, "requested_by": ui.requestedByCombo,
            "purpose_category": ui.purposeCategoryCombo, "payer": ui.payerCombo, "status": ui.statusCombo,
            "advisor_ids": ui.advisorList, "days": self.days.add_button,
        }
        self._entries: dict[str, QWidget] = {
            "request_date": ui.requestDateEdit, "purpose_category": ui.purposeCategoryCombo,
            "purpose": ui.purposeEdit, "outcome": ui.outcomeEdit,
        }
        clear_errors(self.field_widgets, ui.errorLabel)
        if dispatch_id is None:
            self._original = dispatches.DispatchData(id=None, municipality_id=None, request_date=dt.date.today())
            self.setWindowTitle(self.tr("アドバイザー派遣の新規入力"))
        else:
            self._original = dispatches.get(uow, dispatch_id)
            self.setWindowTitle(self.tr("アドバイザー派遣の編集"))
        self._load(self._original)
        self.take_snapshot()
        ui.municipalityCombo.setFocus()
        self.resize(980, 640)

    def _day_row(self) -> list[QWidget]:
        venue = QLineEdit()
        venue.setPlaceholderText(self.tr("会場"))
        # A dispatch day is usually after the request: 1/15 typed in December is next January.
        date = DateField(reference=self.ui.requestDateEdit.value, forward=True, span=RECORD)
        date.set_value(dt.date.today())
        return [date, TimeField(), TimeField(), venue]

    def _filter_advisors(self, text: str) -> None:
        text = text.strip()
        for i in range(self.ui.advisorList.count()):
            item = self.ui.advisorList.item(i)
            item.setHidden(bool(text) and text not in item.text() and item.checkState() != Qt.CheckState.Checked)

    def _load(self, d: dispatches.DispatchData) -> None:
        ui = self.ui
        self.picker.set_id(d.municipality_id)
        ui.requestedByCombo.setCurrentIndex(list(dispatches.REQUESTED_BY).index(d.requested_by))
        load_fields(self._entries, d)
        ui.payerCombo.setCurrentText(d.payer)
        ui.statusCombo.setCurrentText(d.status)
        chosen = set(d.advisor_ids)
        for i in range(ui.advisorList.count()):
            item = ui.advisorList.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(_ID_ROLE) in chosen else Qt.CheckState.Unchecked)
        checked = [ui.advisorList.item(i) for i in range(ui.advisorList.count())
                   if ui.advisorList.item(i).checkState() == Qt.CheckState.Checked]
        if checked:
            ui.advisorList.scrollToItem(checked[0], QListWidget.ScrollHint.PositionAtCenter)
        self.days.clear()
        for day in d.days:
            put_all(self.days.add_row(), (day.date, day.start_time, day.end_time, day.venue))

    def form_data(self) -> tuple[dispatches.DispatchData, dict[str, str]]:
        ui = self.ui
        errors: dict[str, str] = {}
        municipality_id = self.picker.id_or_error(errors)
        advisors = tuple(
            ui.advisorList.item(i).data(_ID_ROLE) for i in range(ui.advisorList.count())
            if ui.advisorList.item(i).checkState() == Qt.CheckState.Checked
        )
        days = []
        for row in self.days.rows:
            date, start, end, venue = values_of(row[:4])
            if date is not None:
                days.append(dispatches.DispatchDay(date, start, end, venue))
        data = replace(
            self._original, **read_fields(self._entries), municipality_id=municipality_id,
            requested_by=list(dispatches.REQUESTED_BY)[ui.requestedByCombo.currentIndex()],
            payer=ui.payerCombo.currentText(), status=ui.statusCombo.currentText(),
            advisor_ids=advisors, days=tuple(days),
        )
        return data, errors

    def error_widgets(self) -> dict[str, QWidget]:
        widgets = dict(self.field_widgets)
        for i, row in enumerate(self.days.rows, 1):
            widgets[f"days.{i}"] = row[2]  # the end time: what a 終了 before 開始 needs changed
        return widgets

    def check(self, data: dispatches.DispatchData) -> None:
        dispatches.validate(data)

    def save_record(self, data: dispatches.DispatchData) -> str:
        return dispatches.save(self.shell.uow(), data)


def edit_dispatch(shell: ShellContext, parent: QWidget | None, dispatch_id: str | None = None) -> str | None:
    return run_record_dialog(parent, _tr("アドバイザー派遣"), lambda: DispatchDialog(shell, dispatch_id, parent))


def delete_dispatch(shell: ShellContext, parent: QWidget | None, dispatch_id: str, label: str) -> bool:
    from sasaeai_desktop.gui.dialogs.confirm import dated_label
    from sasaeai_desktop.gui.dialogs.confirm import delete_after_confirming

    noun = _tr("へのアドバイザー派遣") if label else _tr("のアドバイザー派遣")
    label = dated_label(label, lambda: dispatches.get(shell.uow(), dispatch_id).request_date, noun)
    return delete_after_confirming(
        parent, label, _tr("アドバイザー派遣の削除"), lambda: dispatches.delete(shell.uow(), dispatch_id)
    )
