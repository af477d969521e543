"""「新しい人として登録」 inside a record form: a participant typed who is not in 人 yet is
registered on the spot (氏名, ふりがな, 市町村, 役割) without leaving the visit.

The person is written at once, not when the visit is saved: the visit's autosaved draft refers
to its participants by id, and a draft that survives a crash must not point at someone who was
never stored. The form remembers whom it registered; when the visit is thrown away (破棄), or a
registered person is no longer on it when it closes, services.people.delete_unused removes those
who nothing else refers to, so a discarded visit leaves no stray people behind.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors
from sasaeai_desktop.gui.dialogs.field_errors import show_errors
from sasaeai_desktop.gui.dialogs.person_dialog import MunicipalityPicker
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.writes import WriteWithdrawn
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people

# The role a new participant most likely has, by the side of the visit they sat on.
ROLE_BY_SIDE = {"prefecture": "県職員", "advisor": "アドバイザー", "municipality": "市町村職員"}


_tr = partial(QCoreApplication.translate, "NewPersonPanel")


class NewPersonPanel(QFrame):
    """Shown under the participant rows for one typed name; 「登録」 emits ``registered(id, name)``."""

    registered = Signal(str, str)

    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.setObjectName("newPersonPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#newPersonPanel { background: #f4f8fc; }")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        lay.addWidget(self.title)
        grid = QGridLayout()
        self.name_edit = QLineEdit(self)
        self.kana_edit = QLineEdit(self)
        self.kana_edit.setPlaceholderText(_tr("ひらがな"))
        self.muni_combo = QComboBox(self)
        self.muni_combo.setEditable(True)
        self.picker = MunicipalityPicker(self.muni_combo, municipalities.choices(shell.uow()),
                                         municipalities.readings(shell.uow()))
        self.role_combo = QComboBox(self)
        self.role_combo.addItems(["", *vocab.ROLES])
        for col, (label, widget) in enumerate(((_tr("氏名"), self.name_edit), (_tr("ふりがな"), self.kana_edit))):
            grid.addWidget(QLabel(label, self), 0, col * 2)
            grid.addWidget(widget, 0, col * 2 + 1)
        for col, (label, widget) in enumerate(((_tr("市町村"), self.muni_combo), (_tr("役割"), self.role_combo))):
            grid.addWidget(QLabel(label, self), 1, col * 2)
            grid.addWidget(widget, 1, col * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        lay.addLayout(grid)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        lay.addWidget(self.error_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.register_button = QPushButton(_tr("この内容で人を登録"), self)
        self.cancel_button = QPushButton(_tr("やめる"), self)
        for b in (self.register_button, self.cancel_button):
            b.setAutoDefault(False)
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.register_button.clicked.connect(self.register)
        self.cancel_button.clicked.connect(self.hide)
        self.fields = {"name": self.name_edit, "kana": self.kana_edit, "municipality_id": self.muni_combo,
                       "role": self.role_combo}
        self.target: QLineEdit | None = None
        clear_errors(self.fields, self.error_label)
        self.hide()

    def offer(self, target: QLineEdit, name: str, municipality_id: str | None, side: str) -> None:
        """Open for the participant typed in ``target``, the visit's municipality and the row's side filled in."""
        self.target = target
        clear_errors(self.fields, self.error_label)
        self.title.setText(_tr("「{name}」は人の名簿にいません。新しい人として登録します（訪問を離れずに）。").format(name=name))
        self.name_edit.setText(name)
        self.kana_edit.clear()
        self.picker.set_id(municipality_id if side == "municipality" else None)
        self.role_combo.setCurrentText(ROLE_BY_SIDE.get(side, ""))
        self.show()
        self.kana_edit.setFocus()

    def register(self) -> str | None:
        errors: dict[str, str] = {}
        municipality_id = self.picker.id_or_error(errors)
        data = people.PersonData(id=None, name=self.name_edit.text(), kana=self.kana_edit.text(),
                                 role=self.role_combo.currentText(), municipality_id=municipality_id)
        try:
            people.validate(data)
        except ValidationError as exc:
            errors = {**exc.fields, **errors}
        if errors:
            show_errors(self.fields, errors, self.error_label)
            return None
        try:
            pid = write(self, _tr("人の登録"), partial(people.save, self.shell.uow(), data))
        except WriteWithdrawn as exc:
            show_errors(self.fields, {"": str(exc)}, self.error_label)
            return None
        self.hide()
        self.registered.emit(pid, people.get(self.shell.uow(), pid).name)
        return pid


def unknown_name(shell: ShellContext, text: str) -> bool:
    """Whether a typed participant names nobody in 人 (not even under another spelling)."""
    return bool(text.strip()) and not people.find_matches(shell.uow(), text)

