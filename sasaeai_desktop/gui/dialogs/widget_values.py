"""A record's value in and out of the entry widget that shows it, whatever its kind, so a form
fills and reads its fields (and its rows: participants, follow-ups, dispatch days) from one table
instead of a setText/text pair per field.

A list (QComboBox) holds its text: a stored value the list lacks is added (record_dialog.set_choice).
Lists that stand for ids or keys (municipality, side, advisor) are read by their own code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from sasaeai_desktop.gui.dialogs.record_dialog import set_choice
from sasaeai_desktop.gui.widgets.date_fields import DateField, TimeField


def put(widget: QWidget, value: Any) -> None:
    if isinstance(widget, DateField | TimeField):  # before QLineEdit: they are line edits too
        widget.set_value(value)
    elif isinstance(widget, QLineEdit):
        widget.setText(value)
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(value)
    elif isinstance(widget, QComboBox):
        set_choice(widget, value)
    elif isinstance(widget, QCheckBox):
        widget.setChecked(value)
    else:
        raise TypeError(f"no value goes into a {type(widget).__name__}")


def value_of(widget: QWidget) -> Any:
    if isinstance(widget, DateField | TimeField):
        return widget.value()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    raise TypeError(f"no value comes out of a {type(widget).__name__}")


def put_all(widgets: Iterable[QWidget], values: Iterable[Any]) -> None:
    """One row's widgets, in order, from one record's values."""
    for widget, value in zip(widgets, values):
        put(widget, value)


def values_of(widgets: Sequence[QWidget]) -> list[Any]:
    return [value_of(widget) for widget in widgets]


def load_fields(widgets: Mapping[str, QWidget], record: object, fields: Iterable[str]) -> None:
    """Each named field's widget from the record's attribute of the same name."""
    for field in fields:
        put(widgets[field], getattr(record, field))


def read_fields(widgets: Mapping[str, QWidget], fields: Iterable[str]) -> dict[str, Any]:
    """The named fields as typed, for ``dataclasses.replace(record, **…)``."""
    return {field: value_of(widgets[field]) for field in fields}
