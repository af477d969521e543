"""Pointing at the fields a ValidationError names: a red border (dynamic property ``invalid``,
styled in gui/style.py) and the messages in the form's error label. What was typed is kept."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError

INVALID_PROPERTY = "invalid"


def set_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property(INVALID_PROPERTY)) == invalid:
        return
    widget.setProperty(INVALID_PROPERTY, invalid)
    # Style sheets read dynamic properties only when the widget is polished again.
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def is_invalid(widget: QWidget) -> bool:
    return bool(widget.property(INVALID_PROPERTY))


def clear_errors(widgets: Mapping[str, QWidget], label: QLabel) -> None:
    for widget in widgets.values():
        set_invalid(widget, False)
    label.clear()
    label.setVisible(False)


def show_errors(widgets: Mapping[str, QWidget], errors: Mapping[str, str], label: QLabel) -> None:
    """Mark every named field, list every message, and put the cursor in the first bad field."""
    clear_errors(widgets, label)
    first: QWidget | None = None
    for field, _message in errors.items():
        widget = widgets.get(field)
        if widget is not None:
            set_invalid(widget, True)
            first = first or widget
    label.setText("\n".join(f"・{message}" for message in errors.values()))
    label.setVisible(bool(errors))
    if first is not None:
        first.setFocus()


def show_refusal(dialog: QWidget, title: str, widgets: Mapping[str, QWidget], label: QLabel, exc: UserError) -> None:
    """A save the service refused: a ValidationError points at its fields, anything else is said
    in a message box titled ``title``."""
    if isinstance(exc, ValidationError):
        show_errors(widgets, exc.fields, label)
        return
    from sasaeai_desktop.gui.tasks import show_error

    show_error(dialog, title, exc)
