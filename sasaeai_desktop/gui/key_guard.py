"""Keys typed into a text field belong to that field, never to a window-wide shortcut.

Qt asks the focused widget first (a ShortcutOverride event) and a QLineEdit claims only the keys
it edits with: Enter, for one, is not claimed, so a window action bound to Enter once fired from
the reception box and opened (then overwrote) the event. This filter claims, for every text
field, every key pressed without Ctrl/Alt/Meta except the function keys, so shortcuts such as
Ctrl+N, Ctrl+F or F5 keep working from a field and plain keys never leave it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QAbstractSpinBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QTextEdit
from PySide6.QtWidgets import QWidget

_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)
_TEXT_WIDGETS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


def _is_text_field(obj: QObject) -> bool:
    if isinstance(obj, QComboBox):
        return obj.isEditable()
    if isinstance(obj, (QTextEdit, QPlainTextEdit)):
        return not obj.isReadOnly()
    return isinstance(obj, _TEXT_WIDGETS)


def _is_function_key(key: int) -> bool:
    return Qt.Key.Key_F1.value <= key <= Qt.Key.Key_F35.value or key == Qt.Key.Key_Escape.value


class TextKeyGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and not (event.modifiers() & _COMMAND_MODIFIERS)
            and not _is_function_key(event.key())
            and _is_text_field(watched)
        ):
            event.accept()  # the field gets the key as an ordinary key press
            return True
        return False


def install_text_key_guard(app: QObject) -> TextKeyGuard:
    guard = TextKeyGuard(app)
    app.installEventFilter(guard)
    return guard


def bind_enter(widget: QWidget, slot: Callable[[], object]) -> None:
    """Enter (main or keypad) on ``widget`` itself calls ``slot``: a list opens its row this way,
    since no window-wide action owns Enter."""
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        shortcut = QShortcut(QKeySequence(key), widget)
        # set apart from the constructor: PySide6 ignores a context= keyword there (the shortcut
        # then fired window-wide, from the reception box too)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)
