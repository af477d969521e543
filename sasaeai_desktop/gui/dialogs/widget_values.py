"""A record's value in and out of the entry widget that shows it, whatever its kind, so a form
fills and reads its fields (and its rows: participants, follow-ups, dispatch days) from one table
instead of a setText/text pair per field.

A list (QComboBox) holds its text: a stored value the list lacks is added (record_dialog.set_choice).
Lists that stand for ids or keys (municipality, side, advisor) are read by their own code. A spin
box's minimum (shown as 未入力 or 指定なし) stands for a value not known, kept as None.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDoubleSpinBox
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.dialogs.record_dialog import set_choice
from sasaeai_desktop.gui.widgets.date_fields import DateField
from sasaeai_desktop.gui.widgets.date_fields import TimeField


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
    elif isinstance(widget, QSpinBox):
        widget.setValue(widget.minimum() if value is None else value)
    elif isinstance(widget, QDoubleSpinBox):
        widget.setValue(widget.minimum() if value is None else value)
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
    if isinstance(widget, QSpinBox):
        return None if widget.value() == widget.minimum() else widget.value()
    if isinstance(widget, QDoubleSpinBox):
        return None if widget.value() <= widget.minimum() else round(widget.value(), widget.decimals())
    raise TypeError(f"no value comes out of a {type(widget).__name__}")


def put_all(widgets: Iterable[QWidget], values: Iterable[Any]) -> None:
    """One row's widgets, in order, from one record's values."""
    for widget, value in zip(widgets, values):
        put(widget, value)


def values_of(widgets: Sequence[QWidget]) -> list[Any]:
    return [value_of(widget) for widget in widgets]


def load_fields(widgets: Mapping[str, QWidget], record: object, fields: Iterable[str] | None = None) -> None:
    """Each named field's widget (all of ``widgets`` by default) from the record's attribute of
    the same name."""
    for field in widgets if fields is None else fields:
        put(widgets[field], getattr(record, field))


def read_fields(widgets: Mapping[str, QWidget], fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The named fields (all of ``widgets`` by default) as typed, for ``dataclasses.replace(record, **…)``."""
    return {field: value_of(widgets[field]) for field in (widgets if fields is None else fields)}
