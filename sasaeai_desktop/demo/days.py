"""Working days of a 年度 (weekends and the usual holidays off) and record time stamps."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

from sasaeai_desktop.domain.fiscal_year import fiscal_year_range

_HOLIDAYS = {
    (1, 1), (1, 2), (1, 3), (2, 11), (2, 23), (3, 20), (4, 29), (5, 3), (5, 4), (5, 5),
    (8, 11), (9, 23), (11, 3), (11, 23), (12, 29), (12, 30), (12, 31),
}

MONTH_WEIGHT = {4: 0.5, 5: 0.9, 6: 1.1, 7: 1.1, 8: 0.8, 9: 1.1, 10: 1.2, 11: 1.2, 12: 0.9, 1: 0.9, 2: 1.1, 3: 0.7}


def workdays(fy: int) -> list[date]:
    start, end = fiscal_year_range(fy)
    out, d = [], start
    while d <= end:
        if d.weekday() < 5 and (d.month, d.day) not in _HOLIDAYS:
            out.append(d)
        d += timedelta(days=1)
    return out


def next_workday(d: date) -> date:
    while d.weekday() >= 5 or (d.month, d.day) in _HOLIDAYS:
        d += timedelta(days=1)
    return d


def stamp(d: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(d, time(hour, minute))
