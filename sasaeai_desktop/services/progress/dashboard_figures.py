"""The figures on the dashboard's tiles and the parameters of the one query that counts them.

Plain data, without SQLAlchemy; services/progress/dashboard_counts.py builds the query and runs it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.domain.fiscal_year import fiscal_year_range


@dataclass(frozen=True)
class DashboardSummary:
    fiscal_year: int
    fiscal_year_label: str  # '令和7年度（2025年度）'
    municipalities: int  # insurers only: a 区 of a 政令指定都市 is counted with its city
    municipalities_missing_figures: int  # insurers whose 人口 or 高齢化率 is not entered yet
    people: int
    advisors: int
    visits_this_year: int
    consultations_open: int
    events_this_year: int
    tasks_open: int
    tasks_overdue: int  # open and due before today


COUNTED = (
    "municipalities", "municipalities_missing_figures", "people", "advisors", "visits_this_year",
    "consultations_open", "events_this_year", "tasks_open", "tasks_overdue",
)  # the columns of the counting query, in order


def query_parameters(today: dt.date) -> dict[str, Any]:
    """The run-time parameters of the counting query: the 年度 that contains ``today``."""
    fy = fiscal_year_of(today)
    first, last = fiscal_year_range(fy)
    return {"fy": fy, "first": first, "last": last, "today": today}


def summary_from_counts(today: dt.date, counts: tuple[Any, ...]) -> DashboardSummary:
    fy = fiscal_year_of(today)
    figures = {key: int(value or 0) for key, value in zip(COUNTED, counts, strict=True)}
    return DashboardSummary(fiscal_year=fy, fiscal_year_label=fiscal_year_label(fy, "both"), **figures)
