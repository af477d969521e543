"""Typing a registration at the desk or from a phone call (hand-written form), and entering one
participant's 事後アンケート.

RegistrationDialog: as the name is typed, people already on file are listed (services.trainings.events.
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

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors, show_errors
from sasaeai_desktop.gui.dialogs.record_dialog import error_label, ok_cancel_buttons
from sasaeai_desktop.gui.dialogs.person_dialog import MunicipalityPicker
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.services import municipalities, people
from sasaeai_desktop.services.trainings import events as t
from sasaeai_desktop.domain.errors import UserError, ValidationError

CHANGED_KINDS = frozenset({"events", "people"})
WALK_IN_CHANGED_KINDS = CHANGED_KINDS | {"attendance"}
_KANA_ONLY = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\s　]+")


def _tr(text: str) -> str:
    return QCoreApplication.translate("RegistrationDialog", text)


def suggestion_text(p: t.PersonSuggestion) -> str:
    where = "・".join(x for x in (p.municipality, p.role, p.affiliation) if x)
    note = _tr("　※表記違い・同じ人？") if p.variant else ""
    return f"{p.name}（{p.kana}）　{where}{note}"


class RegistrationDialog(QDialog):
    def __init__(self, shell: ShellContext, event: t.EventData, parent: QWidget | None = None, *,
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
            session = next((t.session_label(s) for s in event.sessions if s.id == walk_in_session), "")
            self.setWindowTitle(self.tr("当日参加 — {title}（{session}）").format(title=event.title, session=session))
        self.resize(640, 560)
        remember(self)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("氏名（入力すると登録済みの人が下に出ます）"))
        self.kana_edit = QLineEdit()
        self.muni_combo = QComboBox()
        self.muni_combo.setEditable(True)
        self.picker = MunicipalityPicker(self.muni_combo, municipalities.choices(shell.uow()))
        self.role_combo = QComboBox()
        self.role_combo.addItems(["", *vocab.ROLES])
        self.affiliation_edit = QLineEdit()
        self.session_combo = QComboBox()
        self.session_combo.addItem(self.tr("全日程"), None)
        for s in event.sessions:
            self.session_combo.addItem(t.session_label(s), s.id)
        self.matches = QListWidget()
        self.matches.setMinimumHeight(120)
        self.match_label = QLabel(self.tr("登録済みの人"))
        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        self.new_person = QCheckBox(self.tr("別人として新しく登録する（候補のどの人でもない）"))
        self.new_person.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("氏名"), self.name_edit)
        form.addRow(self.tr("ふりがな"), self.kana_edit)
        form.addRow(self.tr("市町村"), self.muni_combo)
        form.addRow(self.tr("役割"), self.role_combo)
        form.addRow(self.tr("所属"), self.affiliation_edit)
        form.addRow(self.tr("日程"), self.session_combo)
        self.error_label = error_label()
        ok_text = self.tr("申し込む") if walk_in_session is None else self.tr("当日参加として登録（出席）")
        self.buttons = ok_cancel_buttons(self, ok_text, self.save)
        form.setRowVisible(self.session_combo, walk_in_session is None)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.match_label)
        lay.addWidget(self.matches, 1)
        lay.addWidget(self.chosen_label)
        lay.addWidget(self.new_person)
        lay.addWidget(self.error_label)
        lay.addWidget(self.buttons)
        self.field_widgets: dict[str, QWidget] = {
            "name": self.name_edit, "kana": self.kana_edit, "municipality_id": self.muni_combo,
            "role": self.role_combo, "affiliation": self.affiliation_edit, "person": self.matches,
        }
        self.name_edit.textEdited.connect(self._typed)
        self.kana_edit.textEdited.connect(self._typed)
        self.matches.currentItemChanged.connect(self._chosen)
        typed = typed.strip()
        (self.kana_edit if _KANA_ONLY.fullmatch(typed) else self.name_edit).setText(typed)
        self._typed()

    def chosen(self) -> t.PersonSuggestion | None:
        item = self.matches.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _municipality_id(self) -> str | None:
        try:
            return self.picker.current_id()
        except KeyError:
            return None

    def _fill(self, found: list[t.PersonSuggestion]) -> None:
        self.matches.blockSignals(True)
        self.matches.clear()
        for p in found:
            item = QListWidgetItem(suggestion_text(p))
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.matches.addItem(item)
        self.matches.setCurrentRow(-1)  # offered, never chosen for the user
        self.matches.blockSignals(False)
        self.match_label.setText(self.tr("登録済みの人（同じ人ならクリックして選ぶ）: {n} 人").format(n=len(found)))
        self._chosen(None, None)

    def _typed(self, _text: str = "") -> None:
        text = self.name_edit.text().strip() or self.kana_edit.text().strip()
        self.new_person.setChecked(False)
        self.new_person.setVisible(False)
        self._fill(t.suggest_people(self.shell.uow(), text, municipality_id=self._municipality_id(), limit=15) if text else [])

    def _chosen(self, _cur: object, _prev: object) -> None:
        p = self.chosen()
        if p is None:
            self.chosen_label.setText(self.tr("候補を選ばずに申し込むと、入力した内容で照合します（似た人がいれば確認します）。"))
        else:
            self.chosen_label.setText(self.tr("登録済みの「{name}」（{where}）として申し込みます。").format(
                name=p.name, where=p.municipality or self.tr("市町村なし")))
            self.new_person.setChecked(False)

    def save(self) -> None:
        clear_errors(self.field_widgets, self.error_label)
        sid = self.session_combo.currentData()
        try:
            chosen = self.chosen()
            if chosen is not None and not self.new_person.isChecked():
                res = self._register_known(chosen.id, sid)
            else:
                try:
                    mid = self.picker.current_id()
                except KeyError:
                    raise ValidationError({"municipality_id": self.tr("市町村「{v}」が見つかりません。候補から選んでください。").format(
                        v=self.muni_combo.currentText())}) from None
                data = people.PersonData(None, self.name_edit.text(), self.kana_edit.text(), self.role_combo.currentText(),
                                         mid, affiliation=self.affiliation_edit.text())
                people.validate(data)
                res = self._register_typed(data, sid)
        except t.PersonChoiceNeeded as exc:
            self._fill(exc.candidates)
            self.new_person.setVisible(True)
            show_errors(self.field_widgets, {"person": str(exc)}, self.error_label)
            return
        except ValidationError as exc:
            show_errors(self.field_widgets, exc.fields, self.error_label)
            return
        except UserError as exc:
            show_error(self, self.tr("申込"), exc)
            return
        self.result_id, self.warnings = res.registration_id, res.warnings
        changes.emit(CHANGED_KINDS if self.walk_in_session is None else WALK_IN_CHANGED_KINDS)
        if res.warnings:
            title = self.tr("申込") if self.walk_in_session is None else self.tr("当日参加")
            QMessageBox.information(self, title, "\n".join(res.warnings))
        self.accept()

    def _register_known(self, person_id: str, session_id: str | None) -> t.RegisterResult:
        eid = self.training.id
        assert eid is not None
        if self.walk_in_session is not None:
            return t.add_walk_in(self.shell.uow(), eid, self.walk_in_session, person_id)
        return t.register(self.shell.uow(), eid, person_id, session_id=session_id)

    def _register_typed(self, data: people.PersonData, session_id: str | None) -> t.RegisterResult:
        eid = self.training.id
        assert eid is not None
        if self.walk_in_session is not None:
            return t.add_walk_in_typed(self.shell.uow(), eid, self.walk_in_session, data,
                                       new_person=self.new_person.isChecked())
        return t.register_typed(self.shell.uow(), eid, data, session_id=session_id,
                                new_person=self.new_person.isChecked())


class SurveyAnswerDialog(QDialog):
    """One participant's answers (or an anonymous sheet): a rating per program part and a comment."""

    def __init__(self, shell: ShellContext, event_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.event_id = event_id
        self.setWindowTitle(self.tr("事後アンケートの回答を入力"))
        self.resize(560, 420)
        remember(self)
        ev = t.get_event(shell.uow(), event_id)
        self.who = QComboBox()
        self.who.addItem(self.tr("（無記名）"), None)
        for r in t.list_registrations(shell.uow(), event_id, include_cancelled=False):
            self.who.addItem(f"{r.row_order}  {r.name}（{r.municipality}）", r.id)
        form = QFormLayout()
        form.addRow(self.tr("回答者"), self.who)
        self.ratings: dict[str, QComboBox] = {}
        for qid, label in ev.questions:
            combo = QComboBox()
            combo.addItem(self.tr("（未回答）"), None)
            for value, text in vocab.SURVEY_SCALE.items():
                combo.addItem(text, value)
            self.ratings[qid] = combo  # type: ignore[index]
            form.addRow(label, combo)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(self.tr("感想・意見（自由記述）"))
        form.addRow(self.tr("自由記述"), self.comment)
        self.error_label = error_label()
        self.error_label.setVisible(not ev.questions)
        if not ev.questions:
            self.error_label.setText(self.tr("この研修にはアンケート項目がありません。「編集…」で項目を追加してください。"))
        buttons = ok_cancel_buttons(self, self.tr("保存"), self.save)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(ev.questions))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("閉じる"))
        self.saved = 0
        lay = QVBoxLayout(self)
        lay.addLayout(form, 1)
        lay.addWidget(self.error_label)
        lay.addWidget(buttons)

    def save(self) -> None:
        answers = {qid: combo.currentData() for qid, combo in self.ratings.items()}
        if all(v is None for v in answers.values()) and not self.comment.toPlainText().strip():
            show_errors(dict(self.ratings), {next(iter(self.ratings)): self.tr("評価を1つ以上選んでください。")}, self.error_label)
            return
        try:
            t.record_answers(self.shell.uow(), self.who.currentData(), answers, comment=self.comment.toPlainText(),
                             event_id=self.event_id)
        except UserError as exc:
            show_error(self, self.tr("アンケート"), exc)
            return
        self.saved += 1
        changes.emit({"events"})
        self.accept()
