"""The visit form (訪問・助言), typed on a laptop during or right after a meeting.

Keyboard first: fields in reading order, dates and times typed (1225, R8.12.1, 1130), Ctrl+Enter
saves. Municipalities and people come by type-ahead; a participant not in 人 yet is registered
inline (「新しい人として登録」, gui/dialogs/new_person_panel.py). While typing, a draft is
autosaved every few seconds through services.activities.visits.save_draft (a visit flagged 下書き once it has
a municipality and a date, the local settings before that) and when the program quits, so a
closed lid loses nothing. A draft is not a visit: it is marked 下書き in the list and counted
nowhere (services/activities/visits.py). Closing the form — 閉じる, Esc or the window's close button — after
anything was typed asks 「下書きを残す／破棄／保存」. Errors mark their field and keep what was
typed; warnings (a follow-up due before the visit) are shown beside the buttons and never block.

Layout: ui/visit_dialog.ui; the participant and follow-up rows are added in code (RowsEditor).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.date_range import PLAN
from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.gui import tasks
from sasaeai_desktop.gui.dialogs.activity_fields import DateField
from sasaeai_desktop.gui.dialogs.activity_fields import PersonLookup
from sasaeai_desktop.gui.dialogs.activity_fields import RowsEditor
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors
from sasaeai_desktop.gui.dialogs.new_person_panel import NewPersonPanel
from sasaeai_desktop.gui.dialogs.new_person_panel import unknown_name
from sasaeai_desktop.gui.dialogs.person_dialog import MunicipalityPicker
from sasaeai_desktop.gui.dialogs.record_dialog import RecordDialog
from sasaeai_desktop.gui.dialogs.record_dialog import fill_choices
from sasaeai_desktop.gui.dialogs.widget_values import load_fields
from sasaeai_desktop.gui.dialogs.widget_values import put
from sasaeai_desktop.gui.dialogs.widget_values import put_all
from sasaeai_desktop.gui.dialogs.widget_values import read_fields
from sasaeai_desktop.gui.dialogs.widget_values import value_of
from sasaeai_desktop.gui.dialogs.widget_values import values_of
from sasaeai_desktop.gui.forms.ui_visit_dialog import Ui_VisitDialog
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.writes import WriteWithdrawn
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people
from sasaeai_desktop.services.activities import visits

AUTOSAVE_MS = 4000
SIDE_KEYS = tuple(visits.SIDES)  # prefecture / advisor / municipality
SIDE_LABELS = ("県", "アドバイザー", "市町村側")
# Filled and read as typed; the municipality goes through its picker.
_TYPED_FIELDS = ("visit_date", "start_time", "end_time", "place", "purpose_category", "purpose", "observations",
                 "issues", "advice", "next_visit_date", "next_visit_note")


_tr = partial(QCoreApplication.translate, "VisitDialog")


class VisitDialog(RecordDialog):
    history_table = "visit"

    def __init__(self, shell: ShellContext, visit_id: str | None = None, parent: QWidget | None = None,
                 *, initial: visits.VisitData | None = None) -> None:
        super().__init__(shell, parent)
        ui: Ui_VisitDialog = self.use_ui(Ui_VisitDialog())
        ui.visitDateEdit.describe(_tr("訪問日"), RECORD)
        ui.startTimeEdit.field_name = _tr("開始時刻")
        ui.endTimeEdit.field_name = _tr("終了時刻")
        # A year-less 1/15 typed after a December visit is next January (see domain/date_entry.py).
        ui.nextVisitDateEdit.describe(_tr("次回訪問日"), PLAN, forward=True)
        ui.nextVisitDateEdit.set_reference(ui.visitDateEdit.value)
        fill_choices(ui.purposeCategoryCombo, ["", *vocab.VISIT_PURPOSES])
        line = ui.purposeEdit.fontMetrics().lineSpacing()
        ui.purposeEdit.setMinimumHeight(line * 2 + 14)
        ui.purposeEdit.setMaximumHeight(line * 4 + 14)
        for box in (ui.observationsEdit, ui.issuesEdit, ui.adviceEdit):
            box.setMinimumHeight(line * 4 + 14)
        self.last_warnings: tuple[str, ...] = ()
        self._checked_warnings: tuple[str, ...] = ()
        self._dirty = False  # typed since the last autosave
        self._edited = False  # typed since the form opened: closing asks what to do with it
        self._created_people: list[str] = []  # registered here via 「新しい人として登録」
        self._loading = True
        self.use_keyboard_buttons(ui.buttonBox)

        self.picker = MunicipalityPicker(ui.municipalityCombo, municipalities.choices(shell.uow()),
                                         municipalities.readings(shell.uow()))
        self.participants = RowsEditor([self.tr("区分"), self.tr("氏名"), self.tr("役割"), ""],
                                       self._participant_row, self.tr("＋ 参加者を追加"), stretch=(1, 2))
        ui.participantsHost.addWidget(self.participants)
        self.new_person = NewPersonPanel(shell, ui.participantsBox)
        ui.participantsBox.layout().addWidget(self.new_person)
        self.new_person.registered.connect(self._person_registered)
        self.follow_ups = RowsEditor([self.tr("内容"), self.tr("担当"), self.tr("期限"), self.tr("完了"), ""],
                                     self._follow_up_row, self.tr("＋ フォローアップを追加"), stretch=(0,),
                                     row_label=self.tr("フォローアップ"))
        ui.followUpsHost.addWidget(self.follow_ups)
        self._fu_ids: dict[int, tuple[str | None, dt.date | None, str]] = {}  # id(row widget) -> (id, done_date, details)

        self.field_widgets: dict[str, QWidget] = {
            "municipality_id": ui.municipalityCombo,
            "visit_date": ui.visitDateEdit,
            "start_time": ui.startTimeEdit,
            "end_time": ui.endTimeEdit,
            "place": ui.placeEdit,
            "purpose_category": ui.purposeCategoryCombo,
            "purpose": ui.purposeEdit,
            "observations": ui.observationsEdit,
            "issues": ui.issuesEdit,
            "advice": ui.adviceEdit,
            "next_visit_date": ui.nextVisitDateEdit,
        }
        self._entries = {**self.field_widgets, "next_visit_note": ui.nextVisitNoteEdit}
        clear_errors(self.field_widgets, ui.errorLabel)
        ui.warningLabel.setVisible(False)

        if visit_id is not None:
            self._original = visits.get(shell.uow(), visit_id)
        elif initial is not None:
            self._original = initial
        else:
            self._original = visits.VisitData(id=None, municipality_id=None, visit_date=dt.date.today())
        self._load(self._original)
        self._opened = self._original  # what 破棄 goes back to when a draft was reopened
        self._opened_as_new = self._original.id is None
        self._set_title()
        self._loading = False

        for w in (ui.placeEdit, ui.nextVisitNoteEdit):
            w.textChanged.connect(self._touched)
        for w in (ui.purposeEdit, ui.observationsEdit, ui.issuesEdit, ui.adviceEdit):
            w.textChanged.connect(self._touched)
        ui.municipalityCombo.currentTextChanged.connect(self._touched)
        ui.purposeCategoryCombo.currentTextChanged.connect(self._touched)
        for w in (ui.visitDateEdit, ui.nextVisitDateEdit, ui.startTimeEdit, ui.endTimeEdit):
            w.textChanged.connect(self._touched)
        self.participants.changed.connect(self._touched)
        self.follow_ups.changed.connect(self._touched)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.autosave)  # the program closes with the form open

        self._set_tab_order()
        ui.municipalityCombo.setFocus()
        self.resize(1120, 680)

    # -- building ------------------------------------------------------------------------------
    def _participant_row(self) -> list[QWidget]:
        side = QComboBox()
        side.addItems([self.tr(s) for s in SIDE_LABELS])
        name = QLineEdit()
        name.setMinimumWidth(150)
        lookup = PersonLookup(self.shell, name, offer_new=True)
        lookup.new_person_requested.connect(lambda text, edit=name: self._offer_new_person(edit, text))
        name.editingFinished.connect(lambda edit=name: self._check_participant(edit))
        role = QLineEdit()
        role.setPlaceholderText(self.tr("例: 生活支援コーディネーター"))
        return [side, name, role]

    def _follow_up_row(self) -> list[QWidget]:
        title = QLineEdit()
        title.setMinimumWidth(180)
        title.setPlaceholderText(self.tr("やること"))
        owner = QLineEdit()
        owner.setMinimumWidth(90)
        owner.setPlaceholderText(self.tr("担当者"))
        due = DateField(reference=self.ui.visitDateEdit.value, forward=True, span=PLAN)
        done = QCheckBox()
        return [title, owner, due, done]

    # -- participants who are not in 人 yet -------------------------------------------------------
    def _check_participant(self, edit: QLineEdit) -> None:
        """Leaving a participant's name that matches nobody opens 「新しい人として登録」 for it."""
        text = edit.text().strip()
        if self.new_person.isVisible() and self.new_person.target is edit:
            return
        lookup = _lookup_of(edit)
        if lookup is None or not text or lookup.is_chosen(text):
            return
        if unknown_name(self.shell, text):
            self._offer_new_person(edit, text)

    def _offer_new_person(self, edit: QLineEdit, text: str) -> None:
        row = next((r for r in self.participants.rows if r[1] is edit), None)
        side = SIDE_KEYS[_side_combo(row[0]).currentIndex()] if row is not None else "municipality"
        try:
            municipality_id = self.picker.current_id()
        except KeyError:
            municipality_id = None
        self.new_person.offer(edit, text, municipality_id, side)

    def _person_registered(self, person_id: str, name: str) -> None:
        self._created_people.append(person_id)
        edit = self.new_person.target
        lookup = _lookup_of(edit) if edit is not None else None
        if edit is None or lookup is None:
            return
        lookup.set_person(person_id, name)
        row = next((r for r in self.participants.rows if r[1] is edit), None)
        if row is not None and not value_of(row[2]).strip():
            put(row[2], self.new_person.role_combo.currentText())
        self._touched()
        edit.setFocus()

    def _forget_unused_people(self, *, all_of_them: bool = False) -> None:
        """People registered here and no longer on the visit (all of them when it is thrown away)."""
        if not self._created_people:
            return
        listed = set() if all_of_them else {p.person_id for p in self.form_data()[0].participants}
        unused = [p for p in self._created_people if p not in listed]
        try:
            write(self, self.tr("訪問記録"), partial(people.delete_unused, self.shell.uow(), unused))
        except UserError:
            return

    def show_field_errors(self, errors: Mapping[str, str]) -> None:
        super().show_field_errors(errors)
        for i, row in enumerate(self.participants.rows, 1):
            name = row[1]
            if f"participants.{i}" in errors and isinstance(name, QLineEdit) and unknown_name(self.shell, name.text()):
                self._offer_new_person(name, name.text().strip())
                break

    def _set_tab_order(self) -> None:
        ui = self.ui
        chain: list[QWidget] = [
            ui.municipalityCombo, ui.visitDateEdit, ui.startTimeEdit, ui.endTimeEdit, ui.placeEdit,
            ui.purposeCategoryCombo, ui.purposeEdit, self.participants.add_button,
            ui.observationsEdit, ui.issuesEdit, ui.adviceEdit, self.follow_ups.add_button,
            ui.nextVisitDateEdit, ui.nextVisitNoteEdit,
        ]
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    def _set_title(self) -> None:
        if self._original.id is None:
            title = self.tr("訪問記録の新規入力")
        else:
            title = self.tr("訪問記録の編集")
        if self._original.is_draft:
            title += self.tr("（下書き）")
        self.setWindowTitle(title)

    # -- data ----------------------------------------------------------------------------------------
    @property
    def visit_id(self) -> str | None:
        return self._original.id

    @property
    def uses_drafts(self) -> bool:
        """A new visit or a draft is autosaved; a finished visit changes only when saved."""
        return self._original.id is None or self._original.is_draft

    def _load(self, data: visits.VisitData) -> None:
        self.picker.set_id(data.municipality_id)
        load_fields(self._entries, data, _TYPED_FIELDS)
        self.participants.clear()
        for p in data.participants:
            side, name, role = self.participants.add_row()
            _side_combo(side).setCurrentIndex(SIDE_KEYS.index(p.side) if p.side in SIDE_KEYS else 0)
            lookup = _lookup_of(name)
            if lookup is not None:
                lookup.set_person(p.person_id, p.name)
            else:
                put(name, p.name)
            put(role, p.role)
        self.follow_ups.clear()
        self._fu_ids.clear()
        for f in data.follow_ups:
            row = self.follow_ups.add_row()
            put_all(row, (f.title, f.owner_name, f.due_date, f.done))
            self._fu_ids[id(row[0])] = (f.id, f.done_date, f.details)

    def form_data(self) -> tuple[visits.VisitData, dict[str, str]]:
        """The typed visit, and the errors only the form can see (names that match nothing)."""
        errors: dict[str, str] = {}
        municipality_id = self.picker.id_or_error(errors)
        participants = []
        for i, row in enumerate(self.participants.rows, 1):
            side, name, role = row[0], row[1], row[2]
            lookup = _lookup_of(name)
            try:
                pid = lookup.current_id() if lookup else None
            except KeyError as exc:
                if unknown_name(self.shell, exc.args[0]):
                    message = self.tr("参加者「{name}」は人の名簿にいません。「新しい人として登録」で登録してください。")
                else:
                    message = self.tr("参加者「{name}」は同じ名前の人が複数いるか、表記が違います。候補から選んでください。")
                errors[f"participants.{i}"] = message.format(name=exc.args[0])
                continue
            if pid is None:
                continue  # an empty row
            participants.append(visits.Participant(pid, SIDE_KEYS[_side_combo(side).currentIndex()], value_of(role),
                                                   lookup.name() if lookup else ""))
        follow_ups = []
        for row in self.follow_ups.rows:
            title, owner, due, done = values_of(row[:4])
            fid, done_date, details = self._fu_ids.get(id(row[0]), (None, None, ""))
            follow_ups.append(visits.FollowUp(
                title=title, id=fid, owner_name=owner, due_date=due,
                done=done, done_date=done_date if done else None, details=details,
            ))
        data = replace(
            self._original,
            **read_fields(self._entries, _TYPED_FIELDS),
            municipality_id=municipality_id,
            participants=tuple(participants),
            follow_ups=tuple(follow_ups),
        )
        return data, errors

    def error_widgets(self) -> dict[str, QWidget]:
        widgets = dict(self.field_widgets)
        for i, row in enumerate(self.participants.rows, 1):
            widgets[f"participants.{i}"] = row[1]
        for i, row in enumerate(self.follow_ups.rows, 1):
            widgets[f"follow_ups.{i}"] = row[0]
        return widgets

    # -- drafts and warnings ---------------------------------------------------------------------
    def _touched(self, *_args: object) -> None:
        if self._loading:
            return
        self._dirty = True
        self._edited = True
        self._update_warnings()

    def _update_warnings(self) -> None:
        data, _ = self.form_data()
        try:
            _clean, warnings = visits.validate(data, draft=True)
        except ValidationError:
            return
        self._show_warnings(warnings)

    def _show_warnings(self, warnings: tuple[str, ...]) -> None:
        self.last_warnings = warnings
        self.ui.warningLabel.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.ui.warningLabel.setVisible(bool(warnings))

    def autosave(self, *, closing: bool = False) -> bool:
        """Keep what was typed as a draft (new visits and drafts only). True when something was kept.
        ``closing``: 下書きを残す was answered — keep the rest even if a date does not read yet."""
        if not self._dirty or not self.uses_drafts:
            return False
        if self.entry_errors() and not closing:
            return False  # a date half typed (R8.1): keep the last draft until it reads
        if not closing and tasks.running_titles():
            return False  # behind a long task: the next tick tries again, the typing never waits
        data, errors = self.form_data()
        if errors.get("municipality_id"):
            data = replace(data, municipality_id=None)  # a half-typed name: keep the rest
        try:
            result = write(self, self.tr("下書きの保存"), partial(visits.save_draft, self.shell.uow(), data))
        except UserError:
            return False  # e.g. an end before the start: wait until it is corrected
        if result.id is not None and self._original.id is None:
            self._original = replace(self._original, id=result.id, is_draft=True)
            self._set_title()
            self.refresh_history_button()  # the draft is a record now, with a history
        self._dirty = False
        self.ui.draftLabel.setText(self.tr("下書きを保存しました（{time}）").format(time=dt.datetime.now().strftime("%H:%M:%S")))
        return True

    def _discard_draft(self) -> None:
        try:
            write(self, self.tr("訪問記録"), partial(visits.discard_pending_draft, self.shell.uow()))
        except WriteWithdrawn:
            pass  # the draft stays, and is offered again when a new visit is started

    # -- closing ------------------------------------------------------------------------------------
    def check(self, data: visits.VisitData) -> None:
        self._checked_warnings = ()
        _clean, self._checked_warnings = visits.validate(data)

    def save_record(self, data: visits.VisitData) -> str:
        result = visits.save(self.shell.uow(), data)
        self.last_warnings = result.warnings or self._checked_warnings
        assert result.id is not None  # only a draft kept in local settings has no id
        return result.id

    def after_save(self) -> None:
        self._dirty = self._edited = False
        self._discard_draft()
        self._forget_unused_people()
        self._stop()

    def reject(self) -> None:
        """Esc, 閉じる and the window's close button: typed input never goes without a question."""
        if self._edited or self._dirty:
            answer = self.ask_on_close()
            if answer == "cancel":
                return
            if answer == "save":
                self.accept()  # stays open, with the errors marked, when it cannot be saved yet
                return
            if answer == "keep":
                self._dirty = True
                self.autosave(closing=True)
                self._forget_unused_people()
            else:
                self._throw_away()
        self._stop()
        super(RecordDialog, self).reject()  # the question above replaces RecordDialog's

    def ask_on_close(self) -> str:
        """「下書きを残す／破棄／保存」 (a saved visit has no draft: 「破棄／保存」). Returns
        keep / discard / save, or cancel (Esc on the question: back to the form)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("入力中の訪問記録"), "", parent=self)
        if self.uses_drafts:
            box.setText(self.tr("この訪問記録はまだ保存されていません。"))
            box.setInformativeText(self.tr(
                "下書きを残す: 下書きとして残し、あとで続きを入力できます（一覧に「下書き」と表示され、"
                "件数・集計・出力には含まれません）。\n"
                "破棄: 入力した内容を消します。\n保存: 訪問記録として保存します。"))
            keep = box.addButton(self.tr("下書きを残す"), QMessageBox.ButtonRole.AcceptRole)
        else:
            box.setText(self.tr("保存していない変更があります。"))
            box.setInformativeText(self.tr("破棄: 変更を消して閉じます。\n保存: 変更を保存します。"))
            keep = None
        discard = box.addButton(self.tr("破棄"), QMessageBox.ButtonRole.DestructiveRole)
        save = box.addButton(self.tr("保存"), QMessageBox.ButtonRole.ApplyRole)
        back = box.addButton(self.tr("入力に戻る"), QMessageBox.ButtonRole.RejectRole)
        box.setEscapeButton(back)
        box.setDefaultButton(keep or save)
        box.exec()
        clicked = box.clickedButton()
        if keep is not None and clicked is keep:
            return "keep"
        return {id(discard): "discard", id(save): "save"}.get(id(clicked), "cancel")

    def _throw_away(self) -> None:
        """破棄: a new visit autosaved so far is removed; a draft goes back to how it was opened."""
        self._discard_draft()
        if self._original.id is not None and self._original.is_draft:
            uow = self.shell.uow()
            undo = partial(visits.delete, uow, self._original.id) if self._opened_as_new else partial(visits.save_draft, uow, self._opened)
            try:
                write(self, self.tr("訪問記録"), undo)
            except UserError:
                pass
        self._forget_unused_people(all_of_them=True)
        self._dirty = self._edited = False

    def _stop(self) -> None:
        self.autosave_timer.stop()
        app = QApplication.instance()
        if app is not None:
            try:
                app.aboutToQuit.disconnect(self.autosave)
            except (RuntimeError, TypeError):
                pass


def _side_combo(widget: QWidget) -> QComboBox:
    """A participant row's first widget: 県 / アドバイザー / 市町村側, in SIDE_KEYS order."""
    assert isinstance(widget, QComboBox)
    return widget


def _lookup_of(edit: QWidget) -> PersonLookup | None:
    for child in edit.children():
        if isinstance(child, PersonLookup):
            return child
    return None


def edit_visit(shell: ShellContext, parent: QWidget | None, visit_id: str | None = None) -> str | None:
    """Open the form; a new visit first offers the draft left from last time. Returns the saved id."""
    initial = None
    try:
        if visit_id is None:
            pending = visits.pending_draft(shell.uow())
            if pending is not None:
                answer = QMessageBox.question(
                    parent, _tr("下書き"), _tr("前回入力途中の訪問記録（下書き）があります。続きから入力しますか？\n"
                                               "「いいえ」で下書きを破棄して新しく入力します。"),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes,
                )
                if answer == QMessageBox.StandardButton.Yes:
                    initial = pending
                else:
                    write(parent, _tr("下書き"), partial(visits.discard_pending_draft, shell.uow()))
        dialog = VisitDialog(shell, visit_id, parent, initial=initial)
    except UserError as exc:
        show_error(parent, _tr("訪問記録"), exc)
        return None
    if initial is not None:
        dialog._dirty = True  # the resumed draft is kept again if closed
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return dialog.saved_id if accepted else None


def delete_visit(shell: ShellContext, parent: QWidget | None, visit_id: str, label: str) -> bool:
    from sasaeai_desktop.gui.dialogs.confirm import dated_label
    from sasaeai_desktop.gui.dialogs.confirm import delete_after_confirming

    label = dated_label(label, lambda: visits.get(shell.uow(), visit_id).visit_date, _tr("の訪問記録"))
    return delete_after_confirming(
        parent, label, _tr("訪問記録の削除"), lambda: visits.delete(shell.uow(), visit_id),
        _tr("参加者とフォローアップも一緒に削除されます。"),
    )

