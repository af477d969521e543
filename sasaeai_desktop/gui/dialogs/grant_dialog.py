"""The grant form (補助金・モデル事業): 年度, 種別, municipality, 事業名, amounts (typed as 6000000,
6,000,000 or 600万円), 使途, the four dates, the status they give, the visits and events it goes
with, 備考. Keys as in every record form: Ctrl+Enter saves, Esc asks before discarding. Layout:
ui/grant_dialog.ui."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain import grants as dg
from sasaeai_desktop.domain.date_range import PLAN
from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors
from sasaeai_desktop.gui.dialogs.person_dialog import MunicipalityPicker
from sasaeai_desktop.gui.dialogs.record_dialog import RecordDialog
from sasaeai_desktop.gui.dialogs.record_dialog import run_record_dialog
from sasaeai_desktop.gui.dialogs.widget_values import load_fields
from sasaeai_desktop.gui.dialogs.widget_values import read_fields
from sasaeai_desktop.gui.forms.ui_grant_dialog import Ui_GrantDialog
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.grants import records

_tr = partial(QCoreApplication.translate, "GrantDialog")
_LINK_ROLE = int(Qt.ItemDataRole.UserRole)


def fiscal_year_choices(around: int | None = None) -> list[int]:
    """Next 年度 down to ten before this one (and ``around``, a stored 年度 outside that span)."""
    current = fiscal_year_of(dt.date.today())
    years = list(range(current + 1, current - 11, -1))
    if around is not None and around not in years:
        years.append(around)
    return years


class GrantDialog(RecordDialog):
    history_table = "grant_record"

    def __init__(self, shell: ShellContext, grant_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        ui: Ui_GrantDialog = self.use_ui(Ui_GrantDialog())
        self.use_keyboard_buttons(ui.buttonBox)
        uow = shell.uow()
        if grant_id is None:
            self._original = records.GrantData(None, None, fiscal_year_of(dt.date.today()))
            self.setWindowTitle(self.tr("補助金・モデル事業の新規入力"))
        else:
            self._original = records.get(uow, grant_id)
            self.setWindowTitle(self.tr("補助金・モデル事業の編集"))
        for fy in fiscal_year_choices(self._original.fiscal_year):
            ui.fiscalYearCombo.addItem(fiscal_year_label(fy, "both"), fy)
        ui.kindCombo.addItems(["", *dg.GRANT_KINDS])
        self.picker = MunicipalityPicker(ui.municipalityCombo, municipalities.choices(uow, include_wards=False),
                                         municipalities.readings(uow))
        for edit, name, span in ((ui.appliedDateEdit, "申請日", RECORD), (ui.decidedDateEdit, "交付決定日", RECORD),
                                 (ui.reportDueEdit, "実績報告期限", PLAN), (ui.reportReceivedEdit, "実績報告受理日", RECORD)):
            edit.describe(_tr(name), span)
            edit.textChanged.connect(self._show_status)  # as typed, not only once the field is left
        # Heights in lines of the font in use, so the whole form fits a 1366×768 laptop unscrolled.
        for widget, lines in ((ui.purposeEdit, 3), (ui.notesEdit, 2), (ui.linksList, 5)):
            widget.setFixedHeight(widget.fontMetrics().lineSpacing() * lines + 14)
        self.field_widgets = {
            "fiscal_year": ui.fiscalYearCombo, "kind": ui.kindCombo, "municipality_id": ui.municipalityCombo,
            "program": ui.programEdit, "amount_decided": ui.amountDecidedEdit, "amount_paid": ui.amountPaidEdit,
            "applied_on": ui.appliedDateEdit, "decided_on": ui.decidedDateEdit, "report_due": ui.reportDueEdit,
            "report_received": ui.reportReceivedEdit, "visit_ids": ui.linksList, "event_ids": ui.linksList,
        }
        self._entries: dict[str, QWidget] = {
            "program": ui.programEdit, "purpose": ui.purposeEdit, "applied_on": ui.appliedDateEdit,
            "decided_on": ui.decidedDateEdit, "report_due": ui.reportDueEdit, "report_received": ui.reportReceivedEdit,
            "notes": ui.notesEdit,
        }
        clear_errors(self.field_widgets, ui.errorLabel)
        self._load(self._original)
        ui.fiscalYearCombo.currentIndexChanged.connect(self._fill_links)
        ui.municipalityCombo.editTextChanged.connect(self._fill_links)  # chosen from the list or typed
        self.take_snapshot()
        ui.municipalityCombo.setFocus()
        self.resize(760, self.sizeHint().height())

    def _load(self, d: records.GrantData) -> None:
        ui = self.ui
        load_fields(self._entries, d)
        ui.fiscalYearCombo.setCurrentIndex(max(ui.fiscalYearCombo.findData(d.fiscal_year), 0))
        ui.kindCombo.setCurrentText(d.kind)
        self.picker.set_id(d.municipality_id)
        for edit, amount in ((ui.amountDecidedEdit, d.amount_decided), (ui.amountPaidEdit, d.amount_paid)):
            edit.setText("" if amount is None else f"{amount:,}")
        self._fill_links(linked=(*d.visit_ids, *d.event_ids))
        self._show_status()

    def _checked_links(self) -> list[tuple[str, str]]:
        box = self.ui.linksList
        return [box.item(i).data(_LINK_ROLE) for i in range(box.count())
                if box.item(i).checkState() == Qt.CheckState.Checked]

    def _fill_links(self, *_args: object, linked: tuple[str, ...] | None = None) -> None:
        """The visits of the municipality in the 年度 and the 年度's events, the linked ones ticked
        (kept ticked when the 年度 or municipality changes)."""
        keep = linked if linked is not None else tuple(target for _kind, target in self._checked_links())
        box = self.ui.linksList
        box.clear()
        try:
            mid = self.picker.current_id()
        except KeyError:  # a name being typed: no list until it is one
            mid = None
        for choice in records.link_choices(self.shell.uow(), mid, self.ui.fiscalYearCombo.currentData(), keep):
            item = QListWidgetItem(choice.label, box)
            item.setData(_LINK_ROLE, (choice.kind, choice.id))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice.id in keep else Qt.CheckState.Unchecked)
        if not box.count():
            box.addItem(self.tr("（この市町村・年度の訪問記録と研修はありません）"))

    def _show_status(self, *_args: object) -> None:
        ui = self.ui
        days = [edit.value() if edit.entry_error() is None else None
                for edit in (ui.appliedDateEdit, ui.decidedDateEdit, ui.reportDueEdit, ui.reportReceivedEdit)]
        ui.statusLabel.setText(dg.grant_status(*days, dt.date.today()))

    def form_data(self) -> tuple[records.GrantData, dict[str, str]]:
        ui = self.ui
        errors: dict[str, str] = {}
        municipality_id = self.picker.id_or_error(errors)
        amounts: dict[str, int | None] = {}
        for key, edit in (("amount_decided", ui.amountDecidedEdit), ("amount_paid", ui.amountPaidEdit)):
            text = edit.text().strip()
            try:
                amounts[key] = dg.parse_yen(text) if text else None
            except ValueError as exc:
                amounts[key] = None
                errors[key] = f"{records.FIELD_LABELS[key]}: {exc}。"
        links = self._checked_links()
        data = replace(
            self._original, **read_fields(self._entries), **amounts, municipality_id=municipality_id,
            fiscal_year=ui.fiscalYearCombo.currentData(), kind=ui.kindCombo.currentText(),
            visit_ids=tuple(t for k, t in links if k == "visit"), event_ids=tuple(t for k, t in links if k == "event"),
        )
        return data, errors

    def check(self, data: records.GrantData) -> None:
        records.validate(data)

    def save_record(self, data: records.GrantData) -> str:
        return records.save(self.shell.uow(), data)


def edit_grant(shell: ShellContext, parent: QWidget | None, grant_id: str | None = None) -> str | None:
    return run_record_dialog(parent, _tr("補助金・モデル事業"), lambda: GrantDialog(shell, grant_id, parent))


def delete_grant(shell: ShellContext, parent: QWidget | None, grant_id: str, label: str) -> bool:
    from sasaeai_desktop.gui.dialogs.confirm import delete_after_confirming

    return delete_after_confirming(parent, label, _tr("補助金・モデル事業の削除"),
                                   lambda: records.delete(shell.uow(), grant_id))
