"""The person form (layout: ui/person_dialog.ui): create, edit, delete through services.people.

While a new person is typed, people already registered under the same (normalised) name or
ふりがな are pointed out — 髙橋 and 高橋 are one person more often than two — but saving is not
blocked: namesakes exist, and the officer knows which case this is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QStringListModel
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QCompleter
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.gui.dialogs.confirm import delete_after_confirming
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors
from sasaeai_desktop.gui.dialogs.record_dialog import RecordDialog
from sasaeai_desktop.gui.dialogs.record_dialog import name_ok_cancel
from sasaeai_desktop.gui.dialogs.record_dialog import run_record_dialog
from sasaeai_desktop.gui.dialogs.widget_values import load_fields
from sasaeai_desktop.gui.dialogs.widget_values import read_fields
from sasaeai_desktop.gui.forms.ui_person_dialog import Ui_PersonDialog
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people

# A person's municipality and name appear in the advisor list too.
# Filled and read as typed; the municipality goes through its picker.
_TYPED_FIELDS = ("name", "kana", "role", "affiliation", "title", "phone", "email", "notes")
MAX_MATCHES_SHOWN = 3


_tr = partial(QCoreApplication.translate, "PersonDialog")


def format_matches(matches: list[people.PersonMatch]) -> str:
    """'似た名前の人が登録されています: 髙橋 一郎（長野市）、高橋 一郎 ほか2人'."""
    if not matches:
        return ""
    shown = [f"{m.name}（{m.municipality}）" if m.municipality else m.name for m in matches[:MAX_MATCHES_SHOWN]]
    text = _tr("似た名前の人が登録されています: ") + "、".join(shown)
    rest = len(matches) - MAX_MATCHES_SHOWN
    if rest > 0:
        text += _tr(" ほか{n}人").format(n=rest)
    return text + _tr("。同じ人なら、新しく登録せずにその人を開いてください。")


class MunicipalityPicker:
    """The editable municipality combo: type-ahead on any part of the name (長野 finds 北長野…),
    mapped back to ids. Items come from services.municipalities.choices, in code order. Given
    ``kana`` (id → reading, services.municipalities.readings), the suggestions carry the reading
    too, so 「まつ」 typed without converting to kanji finds 松本市 and 松川町."""

    def __init__(self, combo: QComboBox, choices: list[tuple[str, str]], kana: Mapping[str, str] | None = None) -> None:
        self.combo = combo
        self._ids: list[str | None] = [None]
        names = [""]
        for mid, name in choices:
            self._ids.append(mid)
            names.append(name)
        self._id_by_name = {name: mid for mid, name in reversed(choices)}  # first wins on a tie
        combo.addItems(names)  # one C++ call, not a Python loop over a standard model
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setMaxVisibleItems(15)
        self._row_by_label: dict[str, int] = {}
        if kana:
            labels = []
            for row, (mid, name) in enumerate(choices, 1):
                label = f"{name}　{kana[mid]}" if kana.get(mid) else name
                self._row_by_label.setdefault(label, row)
                labels.append(label)
            completer = QCompleter(QStringListModel(labels, combo), combo)
            completer.activated[str].connect(self._completed)  # type: ignore[index]  # PySide6 stubs: no overload index
        else:
            completer = QCompleter(combo.model(), combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        combo.setCompleter(completer)
        combo.lineEdit().setPlaceholderText(_tr("名前・よみの一部を入力すると候補が出ます"))

    def _completed(self, label: str) -> None:
        row = self._row_by_label.get(label)
        if row is None:
            return
        self.combo.setCurrentIndex(row)
        # The completer writes its own line (name and reading) into the edit after this slot.
        QTimer.singleShot(0, lambda: self.combo.setCurrentIndex(row))

    def set_id(self, municipality_id: str | None, fallback_name: str = "") -> None:
        if municipality_id is None:
            self.combo.setCurrentIndex(0)
            return
        if municipality_id not in self._ids:
            # A municipality deleted since: keep the link rather than dropping it on save.
            self._ids.append(municipality_id)
            self.combo.addItem(fallback_name or _tr("（削除された市町村）"))
        self.combo.setCurrentIndex(self._ids.index(municipality_id))

    def id_or_error(self, errors: dict[str, str], fallback: str | None = None, field: str = "municipality_id") -> str | None:
        """The chosen id; a typed name that names no municipality puts the form's message (naming
        what was typed) in ``errors`` under ``field`` and gives ``fallback``."""
        try:
            return self.current_id()
        except KeyError as exc:
            errors[field] = _tr("市町村「{name}」は登録されていません。候補から選んでください。").format(name=exc.args[0])
            return fallback

    def current_id(self) -> str | None:
        """The chosen id; raises KeyError when the typed text names no municipality."""
        text = self.combo.currentText().strip()
        if not text:
            return None
        if text in self._row_by_label:  # the completer's line, before the slot above tidied it
            return self._ids[self._row_by_label[text]]
        index = self.combo.currentIndex()
        if 0 <= index < len(self._ids) and self.combo.itemText(index) == text:
            return self._ids[index]
        if text in self._id_by_name:
            return self._id_by_name[text]
        raise KeyError(text)


class PersonDialog(RecordDialog):
    history_table = "person"

    def __init__(self, shell: ShellContext, person_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.use_ui(Ui_PersonDialog())
        name_ok_cancel(self.ui.buttonBox, self.tr("保存"))
        self.ui.roleCombo.addItems(["", *vocab.ROLES])
        self.picker = MunicipalityPicker(self.ui.municipalityCombo, municipalities.choices(shell.uow()))
        self.field_widgets: dict[str, QWidget] = {
            "name": self.ui.nameEdit,
            "kana": self.ui.kanaEdit,
            "role": self.ui.roleCombo,
            "municipality_id": self.ui.municipalityCombo,
            "affiliation": self.ui.affiliationEdit,
            "title": self.ui.titleEdit,
            "phone": self.ui.phoneEdit,
            "email": self.ui.emailEdit,
            "notes": self.ui.notesEdit,
        }
        clear_errors(self.field_widgets, self.ui.errorLabel)
        self.ui.matchWarningLabel.setObjectName("matchWarningLabel")
        self.ui.matchWarningLabel.setVisible(False)
        if person_id is None:
            self._original = people.PersonData(id=None, name="")
            self.setWindowTitle(self.tr("人の新規登録"))
            self.ui.nameEdit.editingFinished.connect(self.check_similar_names)
            self.ui.kanaEdit.editingFinished.connect(self.check_similar_names)
        else:
            self._original = people.get(shell.uow(), person_id)
            self.setWindowTitle(self.tr("人の編集 — {name}").format(name=self._original.name))
        self._load(self._original)
        # As tall as the fields need (the .ui size is only Designer's canvas); it grows when errors show.
        self.resize(self.width(), self.sizeHint().height())

    def history_label(self) -> str:
        return self._original.name

    @property
    def is_new(self) -> bool:
        return self._original.id is None

    def _load(self, data: people.PersonData) -> None:
        load_fields(self.field_widgets, data, _TYPED_FIELDS)
        self.picker.set_id(data.municipality_id)

    def check_similar_names(self) -> None:
        """Warn (never block) when someone with the same name or ふりがな is already registered."""
        try:
            municipality_id = self.picker.current_id()
        except KeyError:
            municipality_id = None
        matches = people.find_matches(
            self.shell.uow(), self.ui.nameEdit.text(), self.ui.kanaEdit.text(), municipality_id
        )
        text = format_matches(matches)
        self.ui.matchWarningLabel.setText(text)
        self.ui.matchWarningLabel.setVisible(bool(text))

    def form_data(self) -> tuple[people.PersonData, dict[str, str]]:
        """The typed person, and the errors only the form can see (an unknown municipality name)."""
        errors: dict[str, str] = {}
        municipality_id = self.picker.id_or_error(errors, fallback=self._original.municipality_id)
        data = replace(
            self._original, **read_fields(self.field_widgets, _TYPED_FIELDS), municipality_id=municipality_id
        )
        return data, errors

    def check(self, data: people.PersonData) -> None:
        people.validate(data)

    def save_record(self, data: people.PersonData) -> str:
        return people.save(self.shell.uow(), data)

    def merge_errors(self, form: dict[str, str], service: dict[str, str]) -> dict[str, str]:
        # This form lists (and focuses) its own complaint first, and the service's word is the last.
        return {**form, **service}


def edit_person(shell: ShellContext, parent: QWidget | None, person_id: str | None = None) -> str | None:
    """Open the form; returns the saved id, or None when cancelled (or the person is gone)."""
    return run_record_dialog(parent, _tr("人"), lambda: PersonDialog(shell, person_id, parent))


def delete_person(shell: ShellContext, parent: QWidget | None, person_id: str, label: str) -> bool:
    return delete_after_confirming(
        parent, label, _tr("人の削除"), lambda: people.delete(shell.uow(), person_id),
        _tr("訪問や研修の参加記録など、この人に結び付いた記録は残ります。"),
    )
