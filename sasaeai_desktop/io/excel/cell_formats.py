"""How a sheet shows a value: the number formats, the ○/× marks, and a cell's date or time read
from what a query returns (no openpyxl)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from typing import Literal

__all__ = [
    "DATE_FORMAT_SEIREKI",
    "DATE_FORMAT_WAREKI",
    "FALSE_MARK",
    "FIRST_EXCEL_DATE",
    "FISCAL_YEAR_FORMAT",
    "FISCAL_YEAR_FORMAT_WAREKI",
    "INT_FORMAT",
    "TIME_FORMAT",
    "TRUE_MARK",
    "DateStyle",
    "as_date",
    "as_time",
]

DateStyle = Literal["seireki", "wareki"]

DATE_FORMAT_SEIREKI = "yyyy/mm/dd"
# 和暦 in Excel: [$-411] is the Japanese locale, ggg the era name (令和), e the era year.
# (Excel 2019+ also knows [$-ja-JP-x-gannen] to print 元年; [$-411] is understood everywhere,
# LibreOffice included, and prints 令和1年 for 2019.)
DATE_FORMAT_WAREKI = '[$-411]ggge"年"m"月"d"日"'
INT_FORMAT = "#,##0"
TIME_FORMAT = "h:mm"
FISCAL_YEAR_FORMAT = "0"  # 2025, never 2,025
# 和暦 年度: the cell holds 1 April of the 年度 (a number, so it sorts), shown as 令和7年度
FISCAL_YEAR_FORMAT_WAREKI = '[$-411]ggge"年度"'
TRUE_MARK, FALSE_MARK = "○", "×"
FIRST_EXCEL_DATE = dt.date(1900, 3, 1)  # serials before this are wrong (1900 leap-year bug) or negative


def as_date(value: Any) -> Any:
    """A date for a date column: date/datetime as a date, an ISO text parsed, anything else as is."""
    if isinstance(value, dt.datetime):  # a date column shows the day (and Excel refuses tz-aware times)
        return value.date()
    if isinstance(value, (dt.date, int, float)) or value is None:
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return value
    return value


def as_time(value: Any) -> Any:
    """A time for a time column: a time as is (to the minute), '9:30' / '09:30:00' parsed, anything
    else as is (shown as text)."""
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, dt.time):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value.strip()).replace(microsecond=0, tzinfo=None)
        except ValueError:
            return value
    return value
