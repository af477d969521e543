"""Small read/write use cases the desktop shell needs: dashboard counts, office settings, database facts.

No Qt here (architecture rule 2): the GUI calls these with a unit of work and gets frozen
dataclasses back, and the CLI or a test can call them just the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace

from sqlalchemy import func, or_, select, text

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.errors import DatabaseOpenError
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label, fiscal_year_of, fiscal_year_range
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.services.errors import ValidationError
from sasaeai_desktop.services.people import EMAIL_RE, PHONE_RE
from sasaeai_desktop.services.setup import META_DATASET, META_PREFECTURE, META_REPLICA

# The GUI may not import db/ (architecture rule 4); it gets these two names from here: the error
# it shows when the database cannot be opened, and the type of what AppContext.uow() returns.
__all__ = [
    "DashboardSummary", "DatabaseFacts", "DatabaseOpenError", "OfficeSettings", "UnitOfWork",
    "dashboard_summary", "database_facts", "get_settings", "save_settings",
    "validate_settings",
]

# --- dashboard ------------------------------------------------------------------------------------


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


def _count(uow: UnitOfWork, stmt: object) -> int:
    return int(uow.session.scalar(stmt) or 0)  # type: ignore[arg-type]


def dashboard_summary(uow: UnitOfWork, today: dt.date | None = None) -> DashboardSummary:
    """The figures on the dashboard tiles, for the 年度 that contains ``today``."""
    today = today or dt.date.today()
    fy = fiscal_year_of(today)
    first, last = fiscal_year_range(fy)
    with uow:
        mun = m.Municipality
        insurer = (mun.deleted.is_(False), mun.kind.in_(sorted(vocab.INSURER_KINDS)))
        municipalities = _count(uow, select(func.count(mun.id)).where(*insurer))
        missing_figures = _count(
            uow,
            select(func.count(mun.id)).where(*insurer, or_(mun.population.is_(None), mun.aging_rate.is_(None))),
        )
        people = _count(
            uow,
            select(func.count(m.Person.id)).where(m.Person.deleted.is_(False), m.Person.merged_into_id.is_(None)),
        )
        advisors = _count(
            uow,
            select(func.count(m.Advisor.id))
            .join(m.Person, m.Person.id == m.Advisor.person_id)
            .where(m.Advisor.deleted.is_(False), m.Person.deleted.is_(False)),
        )
        visits = _count(
            uow,
            select(func.count(m.Visit.id)).where(
                m.Visit.deleted.is_(False), m.Visit.visit_date >= first, m.Visit.visit_date <= last
            ),
        )
        consultations_open = _count(
            uow,
            select(func.count(m.Consultation.id)).where(
                m.Consultation.deleted.is_(False), m.Consultation.is_closed.is_(False)
            ),
        )
        events = _count(
            uow,
            select(func.count(m.TrainingEvent.id)).where(
                m.TrainingEvent.deleted.is_(False), m.TrainingEvent.fiscal_year == fy
            ),
        )
        task = m.FollowUpTask
        open_task = (task.deleted.is_(False), task.done.is_(False))
        tasks_open = _count(uow, select(func.count(task.id)).where(*open_task))
        tasks_overdue = _count(uow, select(func.count(task.id)).where(*open_task, task.due_date < today))
    return DashboardSummary(
        fiscal_year=fy,
        fiscal_year_label=fiscal_year_label(fy, "both"),
        municipalities=municipalities,
        municipalities_missing_figures=missing_figures,
        people=people,
        advisors=advisors,
        visits_this_year=visits,
        consultations_open=consultations_open,
        events_this_year=events,
        tasks_open=tasks_open,
        tasks_overdue=tasks_overdue,
    )


# --- office settings (printed on handouts, sign-in sheets, certificates) ---------------------------


@dataclass(frozen=True)
class OfficeSettings:
    office_name: str = ""  # 長野県健康福祉部介護支援課
    department: str = ""  # 地域包括ケア係
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


# LocalSetting keys: one row per field, so adding a field later needs no migration.
SETTING_PREFIX = "office."


def _setting_key(field_name: str) -> str:
    return SETTING_PREFIX + field_name


def get_settings(uow: UnitOfWork) -> OfficeSettings:
    names = [f.name for f in fields(OfficeSettings)]
    with uow:
        rows = uow.session.execute(
            select(m.LocalSetting.key, m.LocalSetting.value).where(
                m.LocalSetting.key.in_([_setting_key(n) for n in names])
            )
        ).all()
    stored = {key[len(SETTING_PREFIX):]: value for key, value in rows}
    return OfficeSettings(**{n: stored.get(n, "") for n in names})


def validate_settings(settings: OfficeSettings) -> OfficeSettings:
    cleaned = replace(settings, **{f.name: clean_text(getattr(settings, f.name)) for f in fields(settings)})
    errors: dict[str, str] = {}
    if cleaned.phone and not PHONE_RE.match(cleaned.phone):
        errors["phone"] = f"電話番号「{cleaned.phone}」の形式が正しくありません（数字とハイフン）。"
    if cleaned.email and not EMAIL_RE.match(cleaned.email):
        errors["email"] = f"メールアドレス「{cleaned.email}」の形式が正しくありません。"
    if errors:
        raise ValidationError(errors)
    return cleaned


def save_settings(uow: UnitOfWork, settings: OfficeSettings) -> OfficeSettings:
    """Validate, normalise and store; returns what was stored."""
    cleaned = validate_settings(settings)
    with uow:
        s = uow.session
        for f in fields(cleaned):
            key = _setting_key(f.name)
            row = s.get(m.LocalSetting, key)
            if row is None:
                s.add(m.LocalSetting(key=key, value=getattr(cleaned, f.name)))
            else:
                row.value = getattr(cleaned, f.name)
        uow.commit()
    return cleaned


# --- facts about this database file -------------------------------------------------------------------


@dataclass(frozen=True)
class DatabaseFacts:
    schema_revision: str  # Alembic revision, '' before the first migration
    prefecture_code: str
    prefecture_name: str
    dataset_id: str  # shared by every laptop that works on the same data
    replica_id: str  # this copy alone


def database_facts(uow: UnitOfWork) -> DatabaseFacts:
    with uow:
        s = uow.session
        meta = dict(s.execute(select(m.LocalMeta.key, m.LocalMeta.value)).all())
        # alembic_version is not a mapped table; a plain SELECT is the least coupling to Alembic.
        revision = s.execute(text("SELECT version_num FROM alembic_version")).scalar() or ""
        code = meta.get(META_PREFECTURE, "")
        name = s.scalar(select(m.Prefecture.name).where(m.Prefecture.code == code)) if code else None
    return DatabaseFacts(
        schema_revision=str(revision),
        prefecture_code=code,
        prefecture_name=name or "",
        dataset_id=meta.get(META_DATASET, ""),
        replica_id=meta.get(META_REPLICA, ""),
    )
