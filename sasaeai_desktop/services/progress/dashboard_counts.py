"""The dashboard tiles' figures: every count in one SELECT (one round trip)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date
from sqlalchemy import Integer
from sqlalchemy import Select
from sqlalchemy import bindparam
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.services.activities import visits
from sasaeai_desktop.services.progress.dashboard_figures import COUNTED
from sasaeai_desktop.services.progress.dashboard_figures import DashboardSummary
from sasaeai_desktop.services.progress.dashboard_figures import query_parameters
from sasaeai_desktop.services.progress.dashboard_figures import summary_from_counts


def dashboard_counts_query() -> Select[Any]:
    """Every tile's count in one SELECT (one round trip; also run as plain SQL at start-up, see
    services/first_pages.py). Parameters: dashboard_figures.query_parameters(today)."""
    fy = bindparam("fy", type_=Integer)
    first, last, today = (bindparam(name, type_=Date) for name in ("first", "last", "today"))
    mun = m.Municipality
    insurer = (mun.deleted.is_(False), mun.kind.in_(sorted(vocab.INSURER_KINDS)))
    task = m.FollowUpTask
    # A draft visit is not a visit yet (services/activities/visits.py): neither it nor its tasks are counted.
    open_task = (task.deleted.is_(False), task.done.is_(False), visits.not_of_a_draft(task.visit_id))
    counts = {
        "municipalities": select(func.count(mun.id)).where(*insurer),
        "municipalities_missing_figures": select(func.count(mun.id)).where(
            *insurer, or_(mun.population.is_(None), mun.aging_rate.is_(None))
        ),
        "people": select(func.count(m.Person.id)).where(m.Person.deleted.is_(False), m.Person.merged_into_id.is_(None)),
        "advisors": select(func.count(m.Advisor.id))
        .join(m.Person, m.Person.id == m.Advisor.person_id)
        .where(m.Advisor.deleted.is_(False), m.Person.deleted.is_(False)),
        "visits_this_year": select(func.count(m.Visit.id)).where(
            m.Visit.deleted.is_(False), m.Visit.is_draft.is_(False),
            m.Visit.visit_date >= first, m.Visit.visit_date <= last,
        ),
        "consultations_open": select(func.count(m.Consultation.id)).where(
            m.Consultation.deleted.is_(False), m.Consultation.is_closed.is_(False)
        ),
        "events_this_year": select(func.count(m.TrainingEvent.id)).where(
            m.TrainingEvent.deleted.is_(False), m.TrainingEvent.fiscal_year == fy
        ),
        "tasks_open": select(func.count(task.id)).where(*open_task),
        "tasks_overdue": select(func.count(task.id)).where(*open_task, task.due_date < today),
    }
    return select(*(counts[key].scalar_subquery().label(key) for key in COUNTED))


def dashboard_summary(uow: UnitOfWork, today: dt.date | None = None) -> DashboardSummary:
    """The figures on the dashboard tiles, for the 年度 that contains ``today``."""
    today = today or dt.date.today()
    with uow:
        counts = uow.session.execute(dashboard_counts_query(), query_parameters(today)).one()
    return summary_from_counts(today, tuple(counts))
