"""How list cells are shown, by the column kind the listing service declares (text/int/float/date/bool).

Plain Python so the rules are easy to test; the Qt model only calls ``display_text``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

TRUE_MARK = "○"
FALSE_MARK = "×"
NUMERIC_KINDS = frozenset({"int", "float"})
# Integers that are years: 2026, never "2,026".
YEAR_KEYS = frozenset({"fiscal_year", "year", "from_fy", "to_fy"})


def _date_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y/%m/%d %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%Y/%m/%d")
    text = str(value)
    # SQLite hands back text for dates computed in SQL (MIN() over a date column, for instance).
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return text[:10].replace("-", "/")
    return text


def _bool_text(value: Any) -> str:
    if value in (None, ""):
        return ""  # not recorded: neither yes nor no
    return TRUE_MARK if bool(int(value)) else FALSE_MARK


def _int_text(value: Any) -> str:
    try:
        return f"{int(value):,}"
    except (TypeError, ValueError):
        return str(value)


def _float_text(value: Any) -> str:
    try:
        return f"{float(value):,.1f}"
    except (TypeError, ValueError):
        return str(value)


def display_text(kind: str, value: Any, key: str = "") -> str:
    if value is None:
        return ""
    if key in YEAR_KEYS:
        return str(value)
    if kind == "date":
        return _date_text(value)
    if kind == "bool":
        return _bool_text(value)
    if kind == "int":
        return _int_text(value)
    if kind == "float":
        return _float_text(value)
    return str(value).replace("\n", " ")  # one line per row; the full text is in the tooltip
