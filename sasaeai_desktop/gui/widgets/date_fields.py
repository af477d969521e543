"""The one date field and the one time field of every record form (visit, consultation, dispatch).

Both are line edits, because officers type: 「1225」, 「R8.12.25」, 「20261225」, 「1130」. What
they read is decided in domain/date_entry.py; here the text is tidied when the cursor leaves
(1225 → 2026-12-25(金), 1130 → 11:30), an unreadable entry gets a red border and its Japanese
message at the field, and an empty field is simply "not entered" (whether that is allowed is the
service's rule, which names the field). A spin box (QDateEdit) was tried first and failed at
this: an empty value needs a sentinel date, digits typed over 「--:--」 or 「未入力」 mix with it,
and its calendar opens at the sentinel's month (January 2000).

The date field's calendar (the button at its right, or Alt+↓ / F4) opens at its date, else at its
reference day: today, or the visit's date for a follow-up's 期限.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import Generic
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QDate
from PySide6.QtCore import QPoint
from PySide6.QtCore import QRect
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtGui import QColor
from PySide6.QtGui import QIcon
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QCalendarWidget
from PySide6.QtWidgets import QFrame
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QToolTip
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.date_entry import DateParseError
from sasaeai_desktop.domain.date_entry import format_entry_date
from sasaeai_desktop.domain.date_entry import format_entry_time
from sasaeai_desktop.domain.date_entry import parse_entry_date
from sasaeai_desktop.domain.date_entry import parse_entry_time
from sasaeai_desktop.domain.date_entry import wareki_hint
from sasaeai_desktop.domain.date_range import GENERAL
from sasaeai_desktop.domain.date_range import DateSpan
from sasaeai_desktop.gui.dialogs.field_errors import set_invalid

Reference = Callable[[], "dt.date | None"]
V = TypeVar("V", dt.date, dt.time)


_tr = partial(QCoreApplication.translate, "date_fields")


def _calendar_icon() -> QIcon:
    """A small calendar drawn here: Qt's standard icons have none, and a font glyph may be missing."""
    pix = QPixmap(16, 16)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setPen(QColor("#52606d"))
    p.drawRect(QRect(1, 2, 13, 12))
    p.fillRect(QRect(2, 3, 12, 3), QColor("#52606d"))
    for x in (4, 7, 10):
        for y in (8, 11):
            p.fillRect(QRect(x, y, 2, 2), QColor("#52606d"))
    p.end()
    return QIcon(pix)


class _EntryField(QLineEdit, Generic[V]):
    """What the date and the time field share: tidy on leaving, say what is wrong at the field,
    hold a value (``V``) and announce it when it changes."""

    #: The name used in the form's error list (「訪問日」; rows get 「期限（1行目）」 from RowsEditor).
    field_name: str = ""

    def __init__(self, parent: QWidget | None, placeholder: str, sample: str) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        width = self.fontMetrics().horizontalAdvance(sample) + 40
        self.setMinimumWidth(width)
        self.setMaximumWidth(width + 60)
        self._last: V | None = None
        self.editingFinished.connect(self._tidy)
        self.textEdited.connect(lambda _t: set_invalid(self, False))

    def _read(self) -> V | None:
        raise NotImplementedError

    def _shown(self, value: V) -> str:
        raise NotImplementedError

    def _announce(self, value: V | None) -> None:
        """Emit the field's own changed signal (dateChanged / timeChanged, as QDateEdit named them)."""
        raise NotImplementedError

    def value(self) -> V | None:
        """The value typed (None when empty or unreadable: ``entry_error`` says which)."""
        try:
            return self._read()
        except DateParseError:
            return None

    def set_value(self, value: V | None) -> None:
        set_invalid(self, False)
        self.setText("" if value is None else self._shown(value))
        self._committed(value)

    def _set_hint(self, value: object) -> None:
        self.setToolTip("")

    def entry_error(self) -> str | None:
        """The Japanese message for what is typed, or None when it reads (or is empty)."""
        try:
            self._read()
        except DateParseError as exc:
            return f"{self.field_name}: {exc}" if self.field_name else str(exc)
        return None

    def _tidy(self) -> None:
        try:
            value = self._read()
        except DateParseError as exc:
            set_invalid(self, True)
            self.setToolTip(str(exc))
            if self.isVisible():
                QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())), str(exc), self)
            return
        set_invalid(self, False)
        if value is not None and self.text() != self._shown(value):
            self.setText(self._shown(value))
        self._set_hint(value)
        self._committed(value)

    def _committed(self, value: V | None) -> None:
        """The value after the cursor left or a value was set: listeners hear of a change."""
        if value != self._last:
            self._last = value
            self._announce(value)


class DateField(_EntryField[dt.date]):
    """A date typed or picked; empty reads as None. ``forward``: a year-less entry (1/15) is the
    next such day on or after the reference day, for deadlines and next visits."""

    dateChanged = Signal(object)  # Qt's naming, as QDateEdit had

    def __init__(self, parent: QWidget | None = None, *, reference: Reference | None = None,
                 forward: bool = False, field_name: str = "", span: DateSpan = GENERAL) -> None:
        super().__init__(parent, _tr("例: 1225、R8.12.25"), "2026-12-25(金)")
        self.field_name = field_name
        self._reference = reference
        self._forward = forward
        self._span = span
        self.calendar_action = QAction(_calendar_icon(), _tr("カレンダーから選ぶ (Alt+↓)"), self)
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.popup: _CalendarPopup | None = None

    def set_reference(self, reference: Reference | None) -> None:
        self._reference = reference

    def describe(self, field_name: str, span: DateSpan, *, forward: bool = False) -> None:
        """What a Designer form (ui/*.ui) cannot say: the constructor's keywords, set afterwards."""
        self.field_name = field_name
        self._span = span
        self._forward = forward

    def reference_date(self) -> dt.date:
        ref = self._reference() if self._reference is not None else None
        return ref or dt.date.today()

    def _read(self) -> dt.date | None:
        return parse_entry_date(self.text(), self.reference_date(), forward=self._forward, span=self._span)

    def _shown(self, value: dt.date) -> str:
        return format_entry_date(value)

    def _set_hint(self, value: object) -> None:
        self.setToolTip(wareki_hint(value) if isinstance(value, dt.date) else "")

    def set_value(self, value: dt.date | None) -> None:
        self._set_hint(value)
        super().set_value(value)

    def _announce(self, value: dt.date | None) -> None:
        self.dateChanged.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F4 or (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        """Open the calendar at the typed date, else at the reference day (today / the visit's date)."""
        start = self.value() or self.reference_date()
        self.popup = _CalendarPopup(self, start)
        self.popup.picked.connect(self._picked)
        self.popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self.popup.show()
        self.popup.calendar.setFocus()

    def _picked(self, day: dt.date) -> None:
        self.set_value(day)
        self.textEdited.emit(self.text())  # a pick is an edit, as typing is
        self.setFocus()


class _CalendarPopup(QFrame):
    picked = Signal(object)

    def __init__(self, owner: QWidget, start: dt.date) -> None:
        super().__init__(owner, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        self.calendar.activated.connect(self._chosen)  # Enter or a double click
        self.calendar.clicked.connect(self._chosen)
        layout.addWidget(self.calendar)

    def _chosen(self, day: QDate) -> None:
        self.picked.emit(dt.date(day.year(), day.month(), day.day()))
        self.close()


class TimeField(_EntryField[dt.time]):
    """A time typed as 1130, 11:30, 9:5 or 9時; empty reads as None."""

    timeChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, field_name: str = "") -> None:
        super().__init__(parent, _tr("例: 1130"), "23:59")
        self.field_name = field_name

    def _read(self) -> dt.time | None:
        return parse_entry_time(self.text())

    def _shown(self, value: dt.time) -> str:
        return format_entry_time(value)

    def _announce(self, value: dt.time | None) -> None:
        self.timeChanged.emit(value)


def entry_errors(root: QWidget, known: dict[str, QWidget]) -> tuple[dict[str, str], dict[str, QWidget]]:
    """Every unreadable date or time under ``root``: (field key → message, field key → widget).
    A field the form names in ``known`` keeps that key; others get ``entry.N``."""
    keys = {id(w): k for k, w in known.items()}
    errors: dict[str, str] = {}
    widgets: dict[str, QWidget] = {}
    for n, field in enumerate(root.findChildren(_EntryField)):
        if field.isHidden():
            continue  # a removed row waiting for deleteLater
        message = field.entry_error()
        if message:
            key = keys.get(id(field), f"entry.{n}")
            errors[key] = message
            widgets[key] = field
    return errors, widgets
