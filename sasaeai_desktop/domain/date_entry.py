"""Dates and times as an officer types them into a form field, in a hurry, on a laptop keyboard.

Everything ``wareki.parse_date`` reads (2026/12/25, 2026年12月25日, 令和8年12月25日, R8.12.25,
20261225) plus the short forms that leave the year out — ``12/25``, ``12月25日``, ``1225`` — which
take the year of a reference date (today, or the visit's date). A field about what comes next (a
follow-up's 期限, the next visit) reads a short date as the next such day on or after the
reference, so 「1/15」 typed for a December visit means next January. Times: ``1130``, ``11:30``,
``930``, ``9:5`` (9:05), ``9``, ``11時30分``, full-width digits too.

An empty text is ``None`` (the field decides whether that is allowed); anything else that is
not a date or time raises ``DateParseError`` with a Japanese message naming what was typed.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from datetime import time

from sasaeai_desktop.domain.date_range import GENERAL
from sasaeai_desktop.domain.date_range import DateSpan
from sasaeai_desktop.domain.date_range import check_date
from sasaeai_desktop.domain.wareki import DateParseError
from sasaeai_desktop.domain.wareki import parse_date
from sasaeai_desktop.domain.wareki import to_wareki

__all__ = ["DateParseError", "format_entry_date", "format_entry_time", "parse_entry_date", "parse_entry_time",
           "wareki_hint"]

_WEEKDAYS = "月火水木金土日"
_DATE_EXAMPLES = "例: 1225、12/25、R8.12.25、令和8年12月25日、20261225、2026/12/25"
_TIME_EXAMPLES = "例: 1130、11:30、9:05、9時"

_MONTH_DAY = (
    re.compile(r"(?P<m>[0-9]{1,2})\s*[-/.]\s*(?P<d>[0-9]{1,2})"),
    re.compile(r"(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*日?"),
    re.compile(r"(?P<m>[0-9]{2})(?P<d>[0-9]{2})"),
)
# An era date typed without separators, as on a keypad: R81225 (R8.12.25), H290401.
_ERA_DIGITS = re.compile(r"(?P<era>[MTSHRmtshr明大昭平令])(?P<ey>[0-9]{1,2})(?P<m>[0-9]{2})(?P<d>[0-9]{2})")

_TIME_PATTERNS = (
    re.compile(r"(?P<h>[0-9]{1,2})\s*[:.]\s*(?P<m>[0-9]{1,2})"),
    re.compile(r"(?P<h>[0-9]{1,2})\s*時\s*(?:(?P<m>[0-9]{1,2})\s*分?)?"),
    re.compile(r"(?P<h>[0-9]{1,2})(?P<m>[0-9]{2})"),  # 930, 1130
    re.compile(r"(?P<h>[0-9]{1,2})"),  # 9 → 9:00
)


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("ー", "-").replace("−", "-").strip()


def parse_entry_date(text: str, reference: date, *, forward: bool = False, span: DateSpan = GENERAL) -> date | None:
    """The date typed in a form field; None for an empty text.

    ``reference``: the day a year-less entry is read against (today or the visit's date).
    ``forward``: a year-less entry is the next such day on or after ``reference`` (deadlines).
    ``span``: the days the field allows (domain/date_range.py); outside it, DateOutOfRange."""
    found = _parse_entry_date(text, reference, forward)
    return None if found is None else check_date(found, span)


def _parse_entry_date(text: str, reference: date, forward: bool) -> date | None:
    shown = text.strip()
    norm = _normalise(text)
    if not norm:
        return None
    m = _ERA_DIGITS.fullmatch(norm)
    if m:
        norm = f"{m['era']}{m['ey']}.{int(m['m'])}.{int(m['d'])}"
    for pattern in _MONTH_DAY:
        m = pattern.fullmatch(norm)
        if m:
            return _month_day(shown, int(m["m"]), int(m["d"]), reference, forward)
    try:
        return parse_date(norm)
    except DateParseError as exc:
        # wareki's own message names a wrong era range or weekday; a text it cannot read at all
        # gets this field's examples, which include the short forms.
        if "読み取れません" in str(exc):
            raise DateParseError(text, f"「{shown}」は日付として読み取れません（{_DATE_EXAMPLES}）") from None
        raise DateParseError(text, str(exc).replace(f"「{norm}」", f"「{shown}」")) from None


def _month_day(shown: str, month: int, day: int, reference: date, forward: bool) -> date:
    year = reference.year
    candidates = [year, year + 1] if forward else [year]
    for y in candidates:
        try:
            found = date(y, month, day)
        except ValueError:
            continue  # 2/29 in a common year: the next leap year is too far to guess
        if not forward or found >= reference:
            return found
    if forward:
        try:
            return date(year, month, day)  # a deadline in the past is allowed (the form warns)
        except ValueError:
            pass
    raise DateParseError(shown, f"「{shown}」は存在しない日付です（{year}年として読みました）")


def parse_entry_time(text: str) -> time | None:
    """The time typed in a form field (24-hour clock); None for an empty text."""
    shown = text.strip()
    norm = _normalise(text).replace("：", ":")
    if not norm:
        return None
    for pattern in _TIME_PATTERNS:
        m = pattern.fullmatch(norm)
        if m:
            groups = m.groupdict()
            hour, minute = int(groups["h"]), int(groups.get("m") or 0)
            if hour > 23 or minute > 59:
                raise DateParseError(text, f"「{shown}」は時刻として正しくありません（0:00〜23:59、{_TIME_EXAMPLES}）")
            return time(hour, minute)
    raise DateParseError(text, f"「{shown}」は時刻として読み取れません（{_TIME_EXAMPLES}）")


def format_entry_date(d: date) -> str:
    """How a date field shows its value: 2026-12-25(金), which parse_entry_date reads back."""
    return f"{d:%Y-%m-%d}({_WEEKDAYS[d.weekday()]})"


def format_entry_time(t: time) -> str:
    return f"{t:%H:%M}"


def wareki_hint(d: date) -> str:
    """令和8年12月25日(金): the field's tooltip, for officers who think in 和暦."""
    try:
        return f"{to_wareki(d)}({_WEEKDAYS[d.weekday()]})"
    except ValueError:
        return ""
