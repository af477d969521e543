"""The advisor profile form: create, edit, delete through services.advisors.roster.

Layout: ui/advisor_dialog.ui; the fields-of-activity checklist and the municipalities-in-charge
table are filled from data at run time. Consent to publish phone and e-mail is tri-state:
「未確認」 (not recorded) prints nothing on a handout, exactly like 「否」.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui.dialogs.confirm import delete_after_confirming
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors
from sasaeai_desktop.gui.dialogs.person_dialog import MunicipalityPicker
from sasaeai_desktop.gui.dialogs.record_dialog import RecordDialog
from sasaeai_desktop.gui.dialogs.record_dialog import fill_choices
from sasaeai_desktop.gui.dialogs.record_dialog import name_ok_cancel
from sasaeai_desktop.gui.dialogs.record_dialog import remeasure
from sasaeai_desktop.gui.dialogs.record_dialog import run_record_dialog
from sasaeai_desktop.gui.dialogs.record_dialog import set_choice
from sasaeai_desktop.gui.forms.ui_advisor_dialog import Ui_AdvisorDialog
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services.advisors import roster as advisors

CONSENT_CHOICES: tuple[tuple[str, bool | None], ...] = (("未確認", None), ("可（掲載してよい）", True), ("否", False))
_NO_YEAR = 1988  # the year boxes' minimum, shown as their 「指定なし」


_tr = partial(QCoreApplication.translate, "AdvisorDialog")


class AdvisorDialog(RecordDialog):
    history_table = "advisor"

    def __init__(self, shell: ShellContext, advisor_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        uow = shell.uow
        if advisor_id is None:
            self._original = advisors.AdvisorData(id=None, name="")
            self.setWindowTitle(self.tr("アドバイザーの新規登録"))
        else:
            self._original = advisors.get(uow(), advisor_id)
            self.setWindowTitle(self.tr("アドバイザー — {name}").format(name=self._original.name))
        self._choices = advisors.municipality_choices(uow())
        self._build()
        self._load_fields()
        self._load(self._original)
        self.resize(760, self.sizeHint().height())

    def history_label(self) -> str:
        return self._original.name

    # -- layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        """The lists and sizes ui/advisor_dialog.ui cannot hold: items from the vocabulary, heights
        from the font in use."""
        ui: Ui_AdvisorDialog = self.use_ui(Ui_AdvisorDialog())
        name_ok_cancel(ui.buttonBox, self.tr("保存"))
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)
        fill_choices(ui.categoryCombo, ["", *vocab.ADVISOR_CATEGORIES])
        for combo in (ui.phoneConsentCombo, ui.emailConsentCombo):
            fill_choices(combo, [_tr(label) for label, _ in CONSENT_CHOICES], [value for _, value in CONSENT_CHOICES])
        for spin in (ui.fromYearSpin, ui.toYearSpin):
            spin.setRange(_NO_YEAR, 2100)
            spin.setValue(_NO_YEAR)
        line = self.fontMetrics().height() + 6
        ui.fieldsList.setMinimumHeight(3 * line + 8)
        ui.fieldsList.setMaximumHeight(4 * line + 8)
        ui.activityEdit.setMinimumHeight(3 * line)
        ui.activityEdit.setMaximumHeight(6 * line)
        ui.assignTable.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        ui.assignTable.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        ui.assignTable.setMinimumHeight(4 * line)
        ui.assignTable.setMaximumHeight(8 * line)
        self.picker = MunicipalityPicker(ui.municipalityCombo, [(c.id, c.name) for c in self._choices])
        remeasure(ui.municipalityCombo)
        fill_choices(ui.roleCombo, [advisors.MAIN, advisors.SUB, self.tr("（役割なし）")])
        ui.addFieldButton.clicked.connect(self.add_field)
        ui.addAssignButton.clicked.connect(self.add_assignment)
        ui.removeAssignButton.clicked.connect(self.remove_assignment)
        self.field_widgets: dict[str, QWidget] = {
            "name": ui.nameEdit, "kana": ui.kanaEdit, "category": ui.categoryCombo,
            "affiliation": ui.affiliationEdit, "title": ui.titleEdit, "phone": ui.phoneEdit,
            "email": ui.emailEdit, "publish_phone": ui.phoneConsentCombo, "publish_email": ui.emailConsentCombo,
            "field_ids": ui.fieldsList, "activity_text": ui.activityEdit, "active_from_fy": ui.fromYearSpin,
            "active_to_fy": ui.toYearSpin, "assignments": ui.assignTable, "notes": ui.notesEdit,
        }
        clear_errors(self.field_widgets, ui.errorLabel)
        ui.formScroll.refit()

    # -- data in and out ----------------------------------------------------------------------------
    def _load_fields(self, checked: set[str] | None = None) -> None:
        checked = set(self._original.field_ids if checked is None else checked)
        self.ui.fieldsList.clear()
        for f in advisors.list_fields(self.shell.uow()):
            item = QListWidgetItem(f.name)
            item.setData(Qt.ItemDataRole.UserRole, f.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if f.id in checked else Qt.CheckState.Unchecked)
            self.ui.fieldsList.addItem(item)

    def checked_fields(self) -> tuple[str, ...]:
        out = []
        for i in range(self.ui.fieldsList.count()):
            item = self.ui.fieldsList.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return tuple(out)

    def _load(self, d: advisors.AdvisorData) -> None:
        self.ui.nameEdit.setText(d.name)
        self.ui.kanaEdit.setText(d.kana)
        set_choice(self.ui.categoryCombo, d.category)
        self.ui.affiliationEdit.setText(d.affiliation)
        self.ui.titleEdit.setText(d.title)
        self.ui.phoneEdit.setText(d.phone)
        self.ui.emailEdit.setText(d.email)
        for combo, value in ((self.ui.phoneConsentCombo, d.publish_phone), (self.ui.emailConsentCombo, d.publish_email)):
            combo.setCurrentIndex([v for _, v in CONSENT_CHOICES].index(value))
        self.ui.activityEdit.setPlainText(d.activity_text)
        self.ui.fromYearSpin.setValue(d.active_from_fy or _NO_YEAR)
        self.ui.toYearSpin.setValue(d.active_to_fy or _NO_YEAR)
        self.ui.assignTable.setRowCount(0)
        for a in d.assignments:
            self._append_assignment(a.municipality_id, a.municipality, a.role)
        self.ui.notesEdit.setPlainText(d.notes)

    def _append_assignment(self, municipality_id: str, name: str, role: str) -> None:
        row = self.ui.assignTable.rowCount()
        self.ui.assignTable.insertRow(row)
        item = QTableWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, municipality_id)
        self.ui.assignTable.setItem(row, 0, item)
        role_item = QTableWidgetItem(role or self.tr("（役割なし）"))
        role_item.setData(Qt.ItemDataRole.UserRole, role)
        self.ui.assignTable.setItem(row, 1, role_item)

    def assignments(self) -> tuple[advisors.AssignmentData, ...]:
        out = []
        for r in range(self.ui.assignTable.rowCount()):
            muni, role = self.ui.assignTable.item(r, 0), self.ui.assignTable.item(r, 1)
            out.append(advisors.AssignmentData(
                muni.data(Qt.ItemDataRole.UserRole), role.data(Qt.ItemDataRole.UserRole) or "", muni.text()
            ))
        return tuple(out)

    def add_assignment(self) -> None:
        errors: dict[str, str] = {}
        mid = self.picker.id_or_error(errors, field="assignments")
        if errors:
            self.show_field_errors(errors)
            return
        if mid is None:
            return
        role = ("主担当", "副担当", "")[self.ui.roleCombo.currentIndex()]
        name = next((c.name for c in self._choices if c.id == mid), self.ui.municipalityCombo.currentText())
        for r in range(self.ui.assignTable.rowCount()):
            if self.ui.assignTable.item(r, 0).data(Qt.ItemDataRole.UserRole) == mid:  # change the role
                item = self.ui.assignTable.item(r, 1)
                item.setText(role or self.tr("（役割なし）"))
                item.setData(Qt.ItemDataRole.UserRole, role)
                break
        else:
            self._append_assignment(mid, name, role)
        self.picker.set_id(None)

    def remove_assignment(self) -> None:
        rows = sorted({i.row() for i in self.ui.assignTable.selectedIndexes()}, reverse=True)
        for r in rows:
            self.ui.assignTable.removeRow(r)

    def add_field(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("活動分野の追加"), self.tr("新しい分野の名前（全員の一覧に加わります）"))
        if not ok or not name.strip():
            return
        try:
            fid = write(self, self.tr("活動分野の追加"), partial(advisors.add_field, self.shell.uow(), name))
        except UserError as exc:
            show_error(self, self.tr("活動分野の追加"), exc)
            return
        self._load_fields({*self.checked_fields(), fid})

    def form_data(self) -> tuple[advisors.AdvisorData, dict[str, str]]:
        def year(spin: QSpinBox) -> int | None:
            return None if spin.value() == _NO_YEAR else spin.value()

        return replace(
            self._original,
            name=self.ui.nameEdit.text(), kana=self.ui.kanaEdit.text(), category=self.ui.categoryCombo.currentText(),
            affiliation=self.ui.affiliationEdit.text(), title=self.ui.titleEdit.text(),
            phone=self.ui.phoneEdit.text(), email=self.ui.emailEdit.text(),
            publish_phone=self.ui.phoneConsentCombo.currentData(), publish_email=self.ui.emailConsentCombo.currentData(),
            field_ids=self.checked_fields(), activity_text=self.ui.activityEdit.toPlainText(),
            active_from_fy=year(self.ui.fromYearSpin), active_to_fy=year(self.ui.toYearSpin),
            assignments=self.assignments(), notes=self.ui.notesEdit.toPlainText(),
        ), {}

    def save_record(self, data: advisors.AdvisorData) -> str:
        return advisors.save(self.shell.uow(), data)


def edit_advisor(shell: ShellContext, parent: QWidget | None, advisor_id: str | None = None) -> str | None:
    """Open the form; returns the saved id, or None when cancelled (or the advisor is gone)."""
    return run_record_dialog(parent, _tr("アドバイザー"), lambda: AdvisorDialog(shell, advisor_id, parent))


def delete_advisor(shell: ShellContext, parent: QWidget | None, advisor_id: str, label: str) -> bool:
    return delete_after_confirming(
        parent, label, _tr("アドバイザーの削除"), lambda: advisors.delete(shell.uow(), advisor_id),
        _tr("名簿から外します。人としての記録（訪問・研修の参加など）は残ります。"),
    )
