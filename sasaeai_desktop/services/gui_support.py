"""Small read/write use cases the desktop shell needs: dashboard counts, office settings, database facts.

No Qt here (architecture rule 2): the GUI calls these with a unit of work and gets frozen
dataclasses back, and the CLI or a test can call them just the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import Date, Integer, Select, bindparam, func, or_, select, text

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.errors import DatabaseOpenError
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.services import visits
from sasaeai_desktop.services.dashboard_figures import COUNTED, DashboardSummary, query_parameters, summary_from_counts
from sasaeai_desktop.domain.errors import ValidationError
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


def dashboard_counts_query() -> Select[Any]:
    """Every tile's count in one SELECT (one round trip; also run as plain SQL at start-up, see
    services/first_pages.py). Parameters: dashboard_figures.query_parameters(today)."""
    fy = bindparam("fy", type_=Integer)
    first, last, today = (bindparam(name, type_=Date) for name in ("first", "last", "today"))
    mun = m.Municipality
    insurer = (mun.deleted.is_(False), mun.kind.in_(sorted(vocab.INSURER_KINDS)))
    task = m.FollowUpTask
    # A draft visit is not a visit yet (services/visits.py): neither it nor its tasks are counted.
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


# --- office settings (printed on handouts, sign-in sheets, certificates) ---------------------------


@dataclass(frozen=True)
class OfficeSettings:
    office_name: str = ""  # 長野県健康福祉部介護支援課
    department: str = ""  # 地域包括ケア係
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    # 修了証書・受講証明書の発行者 (長野県知事 阿部 守一 / 健康福祉部 介護支援課長 …); '' = 「〇〇県知事」
    certificate_issuer: str = ""
    certificate_seal: bool = False  # leave a 公印 space (a box marked 印) beside the issuer


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
    values: dict[str, object] = {}
    for f in fields(OfficeSettings):
        raw = stored.get(f.name, "")
        values[f.name] = raw == "1" if f.type in (bool, "bool") else raw
    return OfficeSettings(**values)  # type: ignore[arg-type]


def validate_settings(settings: OfficeSettings) -> OfficeSettings:
    cleaned = replace(settings, **{f.name: clean_text(getattr(settings, f.name)) for f in fields(settings)
                                   if isinstance(getattr(settings, f.name), str)})
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
            value = getattr(cleaned, f.name)
            text = ("1" if value else "") if isinstance(value, bool) else value
            row = s.get(m.LocalSetting, key)
            if row is None:
                s.add(m.LocalSetting(key=key, value=text))
            else:
                row.value = text
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
