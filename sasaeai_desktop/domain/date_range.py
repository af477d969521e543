"""The days a date field may hold: one rule per kind of field, checked wherever a date comes in.

A typo such as 0025/4/1, 1800/1/1 or 9999/12/31 is a real date to Python but nonsense on a visit
record, and it breaks what is made from it later (和暦 labels, 年度 arithmetic, the PDF forms).
So every input path — the services' save functions, the Excel imports, the command line and the
window's date fields — checks a date against its span here, and says which days are allowed.

The spans (chosen for 生活支援体制整備事業, which began in 2015; 介護保険 in 2000):

- ``RECORD``: something that happened or is being arranged — 訪問日, 受付日, 完了日, 派遣日,
  研修の日程, 活動日: from 2000-01-01 to the end of the year after next (a training planned for
  the next 年度 must fit; a visit dated five years ahead is a typo).
- ``PLAN``: a day ahead — 次回訪問予定, フォローアップの期限: from 2000-01-01 to ten years ahead.
- ``GENERAL``: any other date (取組状況の移行時期・設置日, a birth date if one is ever kept):
  1900-01-01 to 2100-12-31.

The upper ends follow the clock, so they move with the years without a release. A date that is
already stored (written by an older version, or arriving by sync from another laptop) is not
rejected again: history is kept, and outputs render any stored date (see ``wareki.format_date``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from datetime import datetime

from sasaeai_desktop.domain.wareki import DateParseError

__all__ = ["GENERAL", "PLAN", "RECORD", "DateOutOfRange", "DateSpan", "check_date", "date_problem"]


class DateOutOfRange(DateParseError):
    """A real date outside the span of its field; a DateParseError, so every reader of typed
    dates (forms, imports) shows it as it shows an unreadable date."""


@dataclass(frozen=True, slots=True)
class DateSpan:
    """The allowed days of a kind of date field: from ``first`` to 31 December of the year
    ``years_ahead`` after today's (or of ``last_year`` when that is fixed)."""

    name: str
    first: date
    years_ahead: int | None = None
    last_year: int | None = None

    def bounds(self, today: date | None = None) -> tuple[date, date]:
        if self.last_year is not None:
            return self.first, date(self.last_year, 12, 31)
        year = (today or date.today()).year + (self.years_ahead or 0)
        return self.first, date(min(year, 9999), 12, 31)


RECORD = DateSpan("記録の日付", date(2000, 1, 1), years_ahead=2)
PLAN = DateSpan("予定・期限の日付", date(2000, 1, 1), years_ahead=10)
GENERAL = DateSpan("日付", date(1900, 1, 1), last_year=2100)


def _jp(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def check_date(d: date, span: DateSpan = GENERAL, *, what: str = "", today: date | None = None) -> date:
    """``d`` when it lies in ``span``; else DateOutOfRange with a message naming the allowed days.

    ``what``: the field's name for the message (「訪問日」); empty for the span's own name."""
    first, last = span.bounds(today)
    day = d.date() if isinstance(d, datetime) else d  # a datetime refuses to compare with a date
    if first <= day <= last:
        return d
    label = what or span.name
    shown = f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    raise DateOutOfRange(
        shown,
        f"{label}「{shown}」は範囲外です（{_jp(first)}〜{_jp(last)}の日付を入力してください）",
    )


def date_problem(d: date | None, span: DateSpan, what: str, *, today: date | None = None) -> str | None:
    """The message for a form's error list when ``d`` is outside ``span`` (None when it is fine or
    empty: whether a field may be empty is the form's own rule)."""
    if d is None:
        return None
    try:
        check_date(d, span, what=what, today=today)
    except DateOutOfRange as exc:
        return f"{exc}。"
    return None
