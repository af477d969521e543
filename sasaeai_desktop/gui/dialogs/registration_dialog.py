"""Typing a registration at the desk or from a phone call, and entering one participant's 事後アンケート
(layouts: ui/registration_dialog.ui, ui/survey_answer_dialog.ui; the rating rows are added per program part).

RegistrationDialog: as the name is typed, people already on file are listed (services.trainings.person_match.
suggest_people: normalised name and reading prefixes). A stored spelling that differs from what was
typed (髙橋 on file, 高橋 typed) is *offered* with 「表記違い・同じ人？」 — choosing it registers that
person; nothing is merged silently. Saving without a choice goes through register_typed: when the
typed person matches someone (PersonChoiceNeeded) the candidates are shown and the user picks one or
ticks 「別人として新しく登録する」. Field errors mark the fields and keep what was typed.

The reception desk's 当日参加 uses the same form (``walk_in_session``): the person is registered on
the spot and marked present for the desk's 日程, with the same matching and the same field errors.

SurveyAnswerDialog: a participant (or 無記名) and a rating on the handbook's 4-point scale per part.
"""

from __future__ import annotations

import re
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors
from sasaeai_desktop.gui.dialogs.field_errors import show_errors
from sasaeai_desktop.gui.dialogs.field_errors import show_refusal
from sasaeai_desktop.gui.dialogs.person_dialog import MunicipalityPicker
from sasaeai_desktop.gui.dialogs.record_dialog import name_ok_cancel
from sasaeai_desktop.gui.forms.ui_registration_dialog import Ui_RegistrationDialog
from sasaeai_desktop.gui.forms.ui_survey_answer_dialog import Ui_SurveyAnswerDialog
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people
from sasaeai_desktop.services.trainings import checkin
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import person_match
from sasaeai_desktop.services.trainings import registrations
from sasaeai_desktop.services.trainings import survey

_KANA_ONLY = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\s　]+")


_tr = partial(QCoreApplication.translate, "RegistrationDialog")


def suggestion_text(p: person_match.PersonSuggestion) -> str:
    where = "・".join(x for x in (p.municipality, p.role, p.affiliation) if x)
    note = _tr("　※表記違い・同じ人？") if p.variant else ""
    return f"{p.name}（{p.kana}）　{where}{note}"


class RegistrationDialog(QDialog):
    def __init__(self, shell: ShellContext, event: events.EventData, parent: QWidget | None = None, *,
                 walk_in_session: str | None = None, typed: str = "") -> None:
        """``walk_in_session``: 当日参加 at the desk, marked present for that 日程 (registered for
        全日程, as the desk always did); ``typed``: what the desk's box held (kana go to ふりがな)."""
        super().__init__(parent)
        self.shell = shell
        self.training = event
        self.walk_in_session = walk_in_session
        self.result_id: str | None = None
        self.warnings: tuple[str, ...] = ()
        if walk_in_session is None:
            self.setWindowTitle(self.tr("申込を入力 — {title}").format(title=event.title))
        else:
            session = next((events.session_label(s) for s in event.sessions if s.id == walk_in_session), "")
            self.setWindowTitle(self.tr("当日参加 — {title}（{session}）").format(title=event.title, session=session))
        self.resize(640, 560)
        remember(self)
        ui = self.ui = Ui_RegistrationDialog()
        ui.setupUi(self)
        self.picker = MunicipalityPicker(ui.municipalityCombo, municipalities.choices(shell.uow()))
        ui.roleCombo.addItems(["", *vocab.ROLES])
        ui.sessionCombo.addItem(self.tr("全日程"), None)
        for s in event.sessions:
            ui.sessionCombo.addItem(events.session_label(s), s.id)
        ui.newPersonCheck.setVisible(False)
        ui.formLayout.setRowVisible(ui.sessionCombo, walk_in_session is None)
        self.error_label = ui.errorLabel
        self.error_label.setVisible(False)
        name_ok_cancel(ui.buttonBox, self.tr("申し込む") if walk_in_session is None else self.tr("当日参加として登録（出席）"))
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        self.field_widgets: dict[str, QWidget] = {
            "name": ui.nameEdit, "kana": ui.kanaEdit, "municipality_id": ui.municipalityCombo,
            "role": ui.roleCombo, "affiliation": ui.affiliationEdit, "person": ui.matchList,
        }
        self.ui.nameEdit.textEdited.connect(self._typed)
        self.ui.kanaEdit.textEdited.connect(self._typed)
        self.ui.matchList.currentItemChanged.connect(self._chosen)
        typed = typed.strip()
        (self.ui.kanaEdit if _KANA_ONLY.fullmatch(typed) else self.ui.nameEdit).setText(typed)
        self._typed()

    def chosen(self) -> person_match.PersonSuggestion | None:
        item = self.ui.matchList.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _municipality_id(self) -> str | None:
        try:
            return self.picker.current_id()
        except KeyError:
            return None

    def _fill(self, found: list[person_match.PersonSuggestion]) -> None:
        self.ui.matchList.blockSignals(True)
        self.ui.matchList.clear()
        for p in found:
            item = QListWidgetItem(suggestion_text(p))
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.ui.matchList.addItem(item)
        self.ui.matchList.setCurrentRow(-1)  # offered, never chosen for the user
        self.ui.matchList.blockSignals(False)
        self.ui.matchLabel.setText(self.tr("登録済みの人（同じ人ならクリックして選ぶ）: {n} 人").format(n=len(found)))
        self._chosen(None, None)

    def _typed(self, _text: str = "") -> None:
        text = self.ui.nameEdit.text().strip() or self.ui.kanaEdit.text().strip()
        self.ui.newPersonCheck.setChecked(False)
        self.ui.newPersonCheck.setVisible(False)
        self._fill(person_match.suggest_people(self.shell.uow(), text, municipality_id=self._municipality_id(), limit=15) if text else [])

    def _chosen(self, _cur: object, _prev: object) -> None:
        p = self.chosen()
        if p is None:
            self.ui.chosenLabel.setText(self.tr("候補を選ばずに申し込むと、入力した内容で照合します（似た人がいれば確認します）。"))
        else:
            self.ui.chosenLabel.setText(self.tr("登録済みの「{name}」（{where}）として申し込みます。").format(
                name=p.name, where=p.municipality or self.tr("市町村なし")))
            self.ui.newPersonCheck.setChecked(False)

    def save(self) -> None:
        clear_errors(self.field_widgets, self.error_label)
        sid = self.ui.sessionCombo.currentData()
        try:
            chosen = self.chosen()
            if chosen is not None and not self.ui.newPersonCheck.isChecked():
                res = self._register_known(chosen.id, sid)
            else:
                try:
                    mid = self.picker.current_id()
                except KeyError:
                    raise ValidationError({"municipality_id": self.tr("市町村「{v}」が見つかりません。候補から選んでください。").format(
                        v=self.ui.municipalityCombo.currentText())}) from None
                data = people.PersonData(None, self.ui.nameEdit.text(), self.ui.kanaEdit.text(), self.ui.roleCombo.currentText(),
                                         mid, affiliation=self.ui.affiliationEdit.text())
                people.validate(data)
                res = self._register_typed(data, sid)
        except person_match.PersonChoiceNeeded as exc:
            self._fill(exc.candidates)
            self.ui.newPersonCheck.setVisible(True)
            show_errors(self.field_widgets, {"person": str(exc)}, self.error_label)
            return
        except UserError as exc:
            show_refusal(self, self.tr("申込"), self.field_widgets, self.error_label, exc)
            return
        self.result_id, self.warnings = res.registration_id, res.warnings
        if res.warnings:
            title = self.tr("申込") if self.walk_in_session is None else self.tr("当日参加")
            QMessageBox.information(self, title, "\n".join(res.warnings))
        self.accept()

    def _register_known(self, person_id: str, session_id: str | None) -> registrations.RegisterResult:
        eid = self.training.id
        assert eid is not None
        if self.walk_in_session is not None:
            return write(self, self.windowTitle(), partial(checkin.add_walk_in, self.shell.uow(), eid, self.walk_in_session, person_id))
        return write(self, self.windowTitle(), partial(registrations.register, self.shell.uow(), eid, person_id, session_id=session_id))

    def _register_typed(self, data: people.PersonData, session_id: str | None) -> registrations.RegisterResult:
        eid = self.training.id
        assert eid is not None
        new_person = self.ui.newPersonCheck.isChecked()  # read here: the write runs on the lane
        if self.walk_in_session is not None:
            return write(self, self.windowTitle(), partial(
                checkin.add_walk_in_typed, self.shell.uow(), eid, self.walk_in_session, data, new_person=new_person))
        return write(self, self.windowTitle(), partial(
            registrations.register_typed, self.shell.uow(), eid, data, session_id=session_id, new_person=new_person))


class SurveyAnswerDialog(QDialog):
    """One participant's answers (or an anonymous sheet): a rating per program part and a comment."""

    def __init__(self, shell: ShellContext, event_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.event_id = event_id
        self.setWindowTitle(self.tr("事後アンケートの回答を入力"))
        self.resize(560, 420)
        remember(self)
        ev = events.get_event(shell.uow(), event_id)
        ui = self.ui = Ui_SurveyAnswerDialog()
        ui.setupUi(self)
        ui.respondentCombo.addItem(self.tr("（無記名）"), None)
        for r in registrations.list_registrations(shell.uow(), event_id, include_cancelled=False):
            ui.respondentCombo.addItem(f"{r.row_order}  {r.name}（{r.municipality}）", r.id)
        self.ratings: dict[str, QComboBox] = {}
        previous: QWidget = ui.respondentCombo
        for qid, label in ev.questions:  # one row per program part, between 回答者 and 自由記述
            combo = QComboBox(self)
            combo.addItem(self.tr("（未回答）"), None)
            for value, text in vocab.SURVEY_SCALE.items():
                combo.addItem(text, value)
            self.ratings[qid] = combo  # type: ignore[index]  # a saved event's questions all have ids
            ui.formLayout.insertRow(ui.formLayout.rowCount() - 1, label, combo)
            QWidget.setTabOrder(previous, combo)
            previous = combo
        QWidget.setTabOrder(previous, ui.commentEdit)
        self.error_label = ui.errorLabel
        self.error_label.setVisible(not ev.questions)
        if not ev.questions:
            self.error_label.setText(self.tr("この研修にはアンケート項目がありません。「編集…」で項目を追加してください。"))
        name_ok_cancel(ui.buttonBox, self.tr("保存"))
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(ev.questions))
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("閉じる"))
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        self.saved = 0

    def save(self) -> None:
        answers = {qid: combo.currentData() for qid, combo in self.ratings.items()}
        if all(v is None for v in answers.values()) and not self.ui.commentEdit.toPlainText().strip():
            show_errors(dict(self.ratings), {next(iter(self.ratings)): self.tr("評価を1つ以上選んでください。")}, self.error_label)
            return
        respondent, comment = self.ui.respondentCombo.currentData(), self.ui.commentEdit.toPlainText()  # read here: the write runs on the lane
        try:
            write(self, self.tr("アンケート"), partial(survey.record_answers, self.shell.uow(), respondent, answers, comment=comment,
                                                  event_id=self.event_id))
        except UserError as exc:
            show_error(self, self.tr("アンケート"), exc)
            return
        self.saved += 1
        self.accept()
