"""domain.grants.grant_status as an SQL expression, for filtering and sorting by status in SQLite
(the lists, the 年度 summary). Kept apart from queries so that services/listing, which the first
page of the window imports, pays for nothing else of this area."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import literal

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain import grants as dg

__all__ = ["status_sql", "today_sql"]


def today_sql() -> ColumnElement[Any]:
    """Today as SQLite sees it when the query runs ('YYYY-MM-DD', local time): a list built
    yesterday still says 報告期限超過 today."""
    return func.date("now", "localtime")


def status_sql(today: dt.date | ColumnElement[Any]) -> ColumnElement[str]:
    """The status of a grant_record row as of ``today`` (a day, or ``today_sql()``)."""
    g = m.Grant
    return case(
        (g.report_received.is_not(None), literal(dg.STATUS_DONE)),
        (g.report_due < today, literal(dg.STATUS_OVERDUE)),
        (g.report_due.is_not(None), literal(dg.STATUS_WAITING)),
        (g.decided_on.is_not(None), literal(dg.STATUS_DECIDED)),
        (g.applied_on.is_not(None), literal(dg.STATUS_APPLIED)),
        else_=literal(dg.STATUS_NOT_APPLIED),
    )
