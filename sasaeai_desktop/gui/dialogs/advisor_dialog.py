"""The advisor profile form: create, edit, delete through services.advisors.

Built in code rather than Designer: the fields-of-activity checklist and the municipalities-in-
charge table are made from data at run time. Consent to publish phone and e-mail is tri-state:
「未確認」 (not recorded) prints nothing on a handout, exactly like 「否」.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.dialogs.confirm import delete_after_confirming
from sasaeai_desktop.gui.dialogs.dialog_frame import scrolling_form
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors
from sasaeai_desktop.gui.dialogs.person_dialog import MunicipalityPicker
from sasaeai_desktop.gui.dialogs.record_dialog import (
    RecordDialog,
    error_label,
    ok_cancel_buttons,
    run_record_dialog,
    set_choice,
)
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.services import advisors
from sasaeai_desktop.domain.errors import UserError

CHANGED_KINDS = frozenset({"advisors", "people"})
CONSENT_CHOICES: tuple[tuple[str, bool | None], ...] = (("未確認", None), ("可（掲載してよい）", True), ("否", False))
_NO_YEAR = 1988  # the spin boxes' minimum, shown as 「指定なし」


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdvisorDialog", text)


def _consent_combo(parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    for label, value in CONSENT_CHOICES:
        combo.addItem(_tr(label), value)
    combo.setToolTip(_tr("名簿（配布用）に載せてよいか。未確認のときは載せません。"))
    return combo


def _year_spin(parent: QWidget) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(_NO_YEAR, 2100)
    spin.setSpecialValueText(_tr("指定なし"))
    spin.setSuffix(_tr(" 年度"))
    spin.setValue(_NO_YEAR)
    return spin


class AdvisorDialog(RecordDialog):
    changed_kinds = CHANGED_KINDS
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
        self.name_edit = QLineEdit(self)
        self.kana_edit = QLineEdit(self)
        self.kana_edit.setPlaceholderText(self.tr("ひらがな（名簿はこの順に並びます）"))
        self.category_combo = QComboBox(self)
        self.category_combo.addItems(["", *vocab.ADVISOR_CATEGORIES])
        self.affiliation_edit = QLineEdit(self)
        self.affiliation_edit.setPlaceholderText(self.tr("所属法人等の名称（名簿に載ります）"))
        self.title_edit = QLineEdit(self)
        self.phone_edit = QLineEdit(self)
        self.phone_consent = _consent_combo(self)
        self.email_edit = QLineEdit(self)
        self.email_consent = _consent_combo(self)

        self.fields_list = QListWidget(self)
        self.fields_list.setObjectName("fieldsList")
        self.fields_list.setFlow(QListWidget.Flow.LeftToRight)
        self.fields_list.setWrapping(True)
        self.fields_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.fields_list.setSpacing(2)
        line = self.fontMetrics().height() + 6
        self.fields_list.setMinimumHeight(3 * line + 8)
        self.fields_list.setMaximumHeight(4 * line + 8)
        self.add_field_button = QPushButton(self.tr("分野を追加…"), self)
        self.add_field_button.clicked.connect(self.add_field)
        self.activity_edit = QPlainTextEdit(self)
        self.activity_edit.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.activity_edit.setPlaceholderText(self.tr("日頃の活動分野（自由記述）: 名簿にそのまま載ります"))
        self.activity_edit.setMinimumHeight(3 * line)
        self.activity_edit.setMaximumHeight(6 * line)

        self.from_spin = _year_spin(self)
        self.to_spin = _year_spin(self)

        self.assign_table = QTableWidget(0, 2, self)
        self.assign_table.setObjectName("assignTable")
        self.assign_table.setHorizontalHeaderLabels([self.tr("担当市町村"), self.tr("役割")])
        self.assign_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.assign_table.verticalHeader().setVisible(False)
        self.assign_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.assign_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.assign_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.assign_table.setMinimumHeight(4 * line)
        self.assign_table.setMaximumHeight(8 * line)
        self.muni_combo = QComboBox(self)
        self.muni_combo.setEditable(True)
        self.picker = MunicipalityPicker(self.muni_combo, [(c.id, c.name) for c in self._choices])
        self.role_combo = QComboBox(self)
        self.role_combo.addItems([advisors.MAIN, advisors.SUB, self.tr("（役割なし）")])
        self.add_assign_button = QPushButton(self.tr("追加"), self)
        self.add_assign_button.clicked.connect(self.add_assignment)
        self.remove_assign_button = QPushButton(self.tr("外す"), self)
        self.remove_assign_button.clicked.connect(self.remove_assignment)

        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumHeight(70)
        self.error_label = error_label(self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        names = QHBoxLayout()
        names.addWidget(self.name_edit, 1)
        names.addWidget(QLabel(self.tr("ふりがな"), self))
        names.addWidget(self.kana_edit, 1)
        form.addRow(self.tr("氏名"), names)
        org = QHBoxLayout()
        org.addWidget(self.category_combo)
        org.addWidget(QLabel(self.tr("所属"), self))
        org.addWidget(self.affiliation_edit, 2)
        org.addWidget(QLabel(self.tr("職名"), self))
        org.addWidget(self.title_edit, 1)
        form.addRow(self.tr("区分"), org)
        for label, edit, consent in ((self.tr("電話"), self.phone_edit, self.phone_consent),
                                     (self.tr("メール"), self.email_edit, self.email_consent)):
            contact = QHBoxLayout()
            contact.addWidget(edit, 1)
            contact.addWidget(QLabel(self.tr("名簿への掲載"), self))
            contact.addWidget(consent)
            form.addRow(label, contact)
        fields_box = QVBoxLayout()
        fields_box.addWidget(self.fields_list)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("当てはまる分野にチェック。一覧にない分野は追加できます。"), self), 1)
        row.addWidget(self.add_field_button)
        fields_box.addLayout(row)
        fields_box.addWidget(self.activity_edit)
        form.addRow(self.tr("活動分野"), fields_box)
        years = QHBoxLayout()
        years.addWidget(self.from_spin)
        years.addWidget(QLabel("〜", self))
        years.addWidget(self.to_spin)
        years.addStretch(1)
        form.addRow(self.tr("活動年度"), years)
        assign = QVBoxLayout()
        assign.addWidget(self.assign_table)
        adder = QHBoxLayout()
        adder.addWidget(self.muni_combo, 2)
        adder.addWidget(self.role_combo)
        adder.addWidget(self.add_assign_button)
        adder.addStretch(1)
        adder.addWidget(self.remove_assign_button)
        assign.addLayout(adder)
        form.addRow(self.tr("担当市町村\n（今年度）"), assign)
        form.addRow(self.tr("備考"), self.notes_edit)

        self.buttons = ok_cancel_buttons(self, self.tr("保存"), self.accept)
        self.add_history_button(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(scrolling_form(form, self), 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.field_widgets: dict[str, QWidget] = {
            "name": self.name_edit, "kana": self.kana_edit, "category": self.category_combo,
            "affiliation": self.affiliation_edit, "title": self.title_edit, "phone": self.phone_edit,
            "email": self.email_edit, "publish_phone": self.phone_consent, "publish_email": self.email_consent,
            "field_ids": self.fields_list, "activity_text": self.activity_edit, "active_from_fy": self.from_spin,
            "active_to_fy": self.to_spin, "assignments": self.assign_table, "notes": self.notes_edit,
        }
        clear_errors(self.field_widgets, self.error_label)

    # -- data in and out ----------------------------------------------------------------------------
    def _load_fields(self, checked: set[str] | None = None) -> None:
        checked = set(self._original.field_ids if checked is None else checked)
        self.fields_list.clear()
        for f in advisors.list_fields(self.shell.uow()):
            item = QListWidgetItem(f.name)
            item.setData(Qt.ItemDataRole.UserRole, f.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if f.id in checked else Qt.CheckState.Unchecked)
            self.fields_list.addItem(item)

    def checked_fields(self) -> tuple[str, ...]:
        out = []
        for i in range(self.fields_list.count()):
            item = self.fields_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return tuple(out)

    def _load(self, d: advisors.AdvisorData) -> None:
        self.name_edit.setText(d.name)
        self.kana_edit.setText(d.kana)
        set_choice(self.category_combo, d.category)
        self.affiliation_edit.setText(d.affiliation)
        self.title_edit.setText(d.title)
        self.phone_edit.setText(d.phone)
        self.email_edit.setText(d.email)
        for combo, value in ((self.phone_consent, d.publish_phone), (self.email_consent, d.publish_email)):
            combo.setCurrentIndex([v for _, v in CONSENT_CHOICES].index(value))
        self.activity_edit.setPlainText(d.activity_text)
        self.from_spin.setValue(d.active_from_fy or _NO_YEAR)
        self.to_spin.setValue(d.active_to_fy or _NO_YEAR)
        self.assign_table.setRowCount(0)
        for a in d.assignments:
            self._append_assignment(a.municipality_id, a.municipality, a.role)
        self.notes_edit.setPlainText(d.notes)

    def _append_assignment(self, municipality_id: str, name: str, role: str) -> None:
        row = self.assign_table.rowCount()
        self.assign_table.insertRow(row)
        item = QTableWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, municipality_id)
        self.assign_table.setItem(row, 0, item)
        role_item = QTableWidgetItem(role or self.tr("（役割なし）"))
        role_item.setData(Qt.ItemDataRole.UserRole, role)
        self.assign_table.setItem(row, 1, role_item)

    def assignments(self) -> tuple[advisors.AssignmentData, ...]:
        out = []
        for r in range(self.assign_table.rowCount()):
            muni, role = self.assign_table.item(r, 0), self.assign_table.item(r, 1)
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
        role = ("主担当", "副担当", "")[self.role_combo.currentIndex()]
        name = next((c.name for c in self._choices if c.id == mid), self.muni_combo.currentText())
        for r in range(self.assign_table.rowCount()):
            if self.assign_table.item(r, 0).data(Qt.ItemDataRole.UserRole) == mid:  # change the role
                item = self.assign_table.item(r, 1)
                item.setText(role or self.tr("（役割なし）"))
                item.setData(Qt.ItemDataRole.UserRole, role)
                break
        else:
            self._append_assignment(mid, name, role)
        self.picker.set_id(None)

    def remove_assignment(self) -> None:
        rows = sorted({i.row() for i in self.assign_table.selectedIndexes()}, reverse=True)
        for r in rows:
            self.assign_table.removeRow(r)

    def add_field(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("活動分野の追加"), self.tr("新しい分野の名前（全員の一覧に加わります）"))
        if not ok or not name.strip():
            return
        try:
            fid = advisors.add_field(self.shell.uow(), name)
        except UserError as exc:
            show_error(self, self.tr("活動分野の追加"), exc)
            return
        self._load_fields({*self.checked_fields(), fid})
        changes.emit({"advisors"})

    def form_data(self) -> tuple[advisors.AdvisorData, dict[str, str]]:
        def year(spin: QSpinBox) -> int | None:
            return None if spin.value() == _NO_YEAR else spin.value()

        return replace(
            self._original,
            name=self.name_edit.text(), kana=self.kana_edit.text(), category=self.category_combo.currentText(),
            affiliation=self.affiliation_edit.text(), title=self.title_edit.text(),
            phone=self.phone_edit.text(), email=self.email_edit.text(),
            publish_phone=self.phone_consent.currentData(), publish_email=self.email_consent.currentData(),
            field_ids=self.checked_fields(), activity_text=self.activity_edit.toPlainText(),
            active_from_fy=year(self.from_spin), active_to_fy=year(self.to_spin),
            assignments=self.assignments(), notes=self.notes_edit.toPlainText(),
        ), {}

    def save_record(self, data: advisors.AdvisorData) -> str:
        return advisors.save(self.shell.uow(), data)


def edit_advisor(shell: ShellContext, parent: QWidget | None, advisor_id: str | None = None) -> str | None:
    """Open the form; returns the saved id, or None when cancelled (or the advisor is gone)."""
    return run_record_dialog(parent, _tr("アドバイザー"), lambda: AdvisorDialog(shell, advisor_id, parent))


def delete_advisor(shell: ShellContext, parent: QWidget | None, advisor_id: str, label: str) -> bool:
    return delete_after_confirming(
        parent, label, _tr("アドバイザーの削除"), lambda: advisors.delete(shell.uow(), advisor_id), CHANGED_KINDS,
        _tr("名簿から外します。人としての記録（訪問・研修の参加など）は残ります。"),
    )
