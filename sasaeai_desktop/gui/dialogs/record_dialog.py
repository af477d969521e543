"""What every record form (consultation, dispatch, visit, municipality, person, advisor) does the
same way, so a rule about saving is written once:

- Save: the form's own complaints (a name that matches nothing, a date that does not read) are gathered with the service's
  validation, every bad field is marked at once and the typing is kept; only then is the record
  written, the kinds it touches announced on the changes hub (gui/changes.py) and the form closed.
- Close: a form that took a snapshot when it was filled asks before throwing typed input away.
- Buttons: every form saves with Ctrl+Enter (Ctrl+S); the keyboard-first ones never on a stray Enter.
- History: a form that names its ``history_table`` offers 「変更履歴…」 for a saved record
  (gui/dialogs/history_button.py), added to its button box by ``use_ui``.

A subclass builds its Designer form (ui/<name>.ui, see docs/architecture.md, Designer forms) with ``use_ui``,
fills ``field_widgets``, and provides ``form_data`` and ``save_record`` (``check`` too where the
service validates without writing).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QEvent
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.gui.dialogs.field_errors import show_errors
from sasaeai_desktop.gui.dialogs.history_button import HistoryButtonMixin
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.gui.writes import write

SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S")
_NOT_TAKEN = object()  # no snapshot: the form closes without asking


_tr = partial(QCoreApplication.translate, "RecordDialog")


def name_ok_cancel(box: QDialogButtonBox, ok_text: str) -> None:
    """A Designer form's Ok/Cancel box, in words: 「保存」 (or the form's verb) and 「キャンセル」."""
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("キャンセル"))


def ok_cancel_box(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """A coded dialog's Ok/Cancel box: named as ``name_ok_cancel`` does, accepting and rejecting ``dialog``."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    name_ok_cancel(box, ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def set_choice(combo: QComboBox, value: str) -> None:
    """Select ``value``; a stored value the list lacks is added, kept visible rather than changed on save."""
    if combo.findText(value) < 0:
        combo.addItem(value)
    combo.setCurrentText(value)


def fill_choices(combo: QComboBox, items: Iterable[str], data: Iterable[object] = ()) -> None:
    """Fill a Designer form's list (``data``: each item's value, if any) and measure its width
    again: a form in a scroll area was measured while its lists were empty, and a list keeps its
    first width."""
    combo.addItems(list(items))
    for index, value in enumerate(data):
        combo.setItemData(index, value)
    remeasure(combo)


def remeasure(combo: QComboBox) -> None:
    """Make a list filled after its form was laid out as wide as its items, as if filled before."""
    # What a style change does: the list forgets both widths it measured (no setter does).
    QApplication.sendEvent(combo, QEvent(QEvent.Type.StyleChange))
    combo.updateGeometry()


class RecordDialog(HistoryButtonMixin, QDialog):

    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self._entry_widgets: dict[str, QWidget] = {}  # unreadable dates and times, by error key
        self.saved_id: str | None = None
        self.field_widgets: dict[str, QWidget] = {}
        self.error_label: QLabel
        self._snapshot: Any = _NOT_TAKEN
        self._enter_saves = True  # a keyboard-first form turns this off (use_keyboard_buttons)
        # Every record form saves with Ctrl+Enter, as the visit form teaches, whether or not a plain
        # Enter saves it too (the short forms with a default 保存 button).
        for keys in SAVE_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self._save_shortcut)
        remember(self)

    # -- what a form provides --------------------------------------------------------------------
    def form_data(self) -> tuple[Any, dict[str, str]]:
        """The typed record, and the errors only the form can see (e.g. an unknown municipality)."""
        raise NotImplementedError

    def check(self, data: Any) -> None:
        """The service's validation without writing (raises ValidationError); none by default."""

    def save_record(self, data: Any) -> str:
        """Write the record through its service; returns its id."""
        raise NotImplementedError

    def after_save(self) -> None:
        """Tidy up after a successful save, before the change is announced."""

    def error_widgets(self) -> Mapping[str, QWidget]:
        """Field name → widget to mark; forms with rows add them here (``days.2``)."""
        return self.field_widgets

    def merge_errors(self, form: dict[str, str], service: dict[str, str]) -> dict[str, str]:
        # The form's message names what was typed (「松本しー」), so it wins for the same field.
        return {**service, **form}

    # -- the shared plumbing -----------------------------------------------------------------------
    def use_ui(self, ui: Any) -> Any:
        """Build a Designer form (``setupUi``) into this dialog, held as ``self.ui``; its
        ``errorLabel`` is where the errors go, and its ``buttonBox`` gets 「変更履歴…」."""
        ui.setupUi(self)
        self.ui = ui
        self.error_label = ui.errorLabel
        self.add_history_button(ui.buttonBox)
        return ui

    def use_keyboard_buttons(self, box: QDialogButtonBox) -> None:
        """Save (Ctrl+Enter) and 閉じる: Enter in a field never saves by accident; Ctrl+Enter does."""
        box.button(QDialogButtonBox.StandardButton.Save).setText(_tr("保存 (Ctrl+Enter)"))
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("閉じる"))
        for button in box.buttons():
            button.setAutoDefault(False)
            button.setDefault(False)
        # QDialogButtonBox makes 保存 the default again when it is shown, so clearing it here is
        # not enough: keyPressEvent keeps a stray Enter from reaching it.
        self._enter_saves = False
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)

    def _save_shortcut(self) -> None:
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """In a keyboard-first form, Enter that no field took (a one-line field, a list, a
        button) never saves: on a button it presses that button (「＋ 参加者を追加」), elsewhere
        it does nothing. Ctrl+Enter saves (SAVE_KEYS)."""
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if self._enter_saves or not plain or event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            super().keyPressEvent(event)
            return
        focused = QApplication.focusWidget()
        if isinstance(focused, QPushButton) and focused.isEnabled() and self.isAncestorOf(focused):
            focused.click()
        event.accept()

    def take_snapshot(self) -> None:
        """Remember the form as filled, so closing asks only when something was typed since."""
        self._snapshot = self.form_data()[0]

    def show_field_errors(self, errors: Mapping[str, str]) -> None:
        show_errors({**self.error_widgets(), **self._entry_widgets}, errors, self.error_label)

    def entry_errors(self) -> dict[str, str]:
        """Dates and times typed so that they do not read (「R8.13.1」): the field's own message,
        which wins over the service's 「入力してください」 for the empty value it saw."""
        from sasaeai_desktop.gui.widgets.date_fields import entry_errors

        errors, self._entry_widgets = entry_errors(self, dict(self.error_widgets()))
        return errors

    def accept(self) -> None:
        data, errors = self.form_data()
        errors = {**errors, **self.entry_errors()}
        try:
            self.check(data)
        except ValidationError as exc:
            errors = self.merge_errors(errors, exc.fields)
        if errors:
            self.show_field_errors(errors)
            return
        # On the lane like every write: behind an import it says so, and never freezes the window.
        try:
            self.saved_id = write(self, self.windowTitle(), lambda: self.save_record(data))
        except ValidationError as exc:
            self.show_field_errors(exc.fields or {"": str(exc)})
            return
        except UserError as exc:
            self.show_field_errors({"": str(exc)})
            return
        self.after_save()
        super().accept()

    def reject(self) -> None:
        from sasaeai_desktop.gui.dialogs.confirm import confirm_discard

        if self._snapshot is not _NOT_TAKEN and self.form_data()[0] != self._snapshot and not confirm_discard(self):
            return
        super().reject()


def run_record_dialog(parent: QWidget | None, title: str, make: Callable[[], RecordDialog]) -> str | None:
    """Open a record form modally: the saved id, or None when cancelled (or the record is gone,
    which is said in a message titled ``title``)."""
    try:
        dialog = make()
    except UserError as exc:
        show_error(parent, title, exc)
        return None
    return dialog.saved_id if dialog.exec() == QDialog.DialogCode.Accepted else None
