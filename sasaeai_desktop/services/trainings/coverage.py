"""Coverage per 年度: who attended which training, and the municipalities nobody came from."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.services.trainings.events import ACTIVE


@dataclass(frozen=True)
class CoverageRow:
    municipality_id: str
    code: str
    name: str
    by_role: dict[str, int]  # role → people who attended at least one session this 年度
    people: int
    events: tuple[str, ...]  # titles attended

    @property
    def none(self) -> bool:
        return self.people == 0


@dataclass(frozen=True)
class AttendanceLine:
    """One person's attendance at one event in a 年度 (the attendance export's rows)."""

    municipality_code: str
    municipality: str
    role: str
    name: str
    kana: str
    event_title: str
    event_type: str
    sessions_attended: int
    sessions_total: int
    first_date: dt.date | None


def attendance_lines(uow: UnitOfWork, fiscal_year: int) -> list[AttendanceLine]:
    """Who attended what this 年度: one line per person and event with at least one session attended."""
    from sqlalchemy.orm import aliased

    e, ss, r, a, p, mu = m.TrainingEvent, m.TrainingSession, m.Registration, m.Attendance, m.Person, m.Municipality
    s2 = aliased(m.TrainingSession, name="s2")
    first = select(func.min(s2.date)).where(s2.event_id == e.id, s2.deleted.is_(False)).scalar_subquery()
    total = select(func.count(s2.id)).where(s2.event_id == e.id, s2.deleted.is_(False)).scalar_subquery()
    stmt = (
        select(func.coalesce(mu.code, ""), func.coalesce(mu.name, ""), p.role, p.name, p.kana, e.title, e.event_type,
               func.count(func.distinct(a.session_id)), total, first, p.kana_key)
        .select_from(a).join(r, r.id == a.registration_id).join(e, e.id == r.event_id)
        .join(ss, ss.id == a.session_id).join(p, p.id == r.person_id).outerjoin(mu, mu.id == p.municipality_id)
        .where(e.fiscal_year == fiscal_year, e.deleted.is_(False), r.deleted.is_(False), a.deleted.is_(False),
               a.present.is_(True), ss.deleted.is_(False), r.status == ACTIVE)
        .group_by(r.id)
    )
    with uow:
        rows = uow.session.execute(stmt).all()
    rows = sorted(rows, key=lambda x: (x[0] or "999999", x[2], x[10], x[9] or dt.date.max, x[5]))
    return [AttendanceLine(*x[:10]) for x in rows]


def coverage(uow: UnitOfWork, fiscal_year: int) -> list[CoverageRow]:
    """Per municipality (insurers and wards of the prefecture): people who attended any training
    this 年度, by role, and the events. ``row.none`` marks municipalities nobody came from."""
    lines = attendance_lines(uow, fiscal_year)
    mu = m.Municipality
    with uow:
        munis = uow.session.execute(
            select(mu.id, mu.code, mu.name, mu.kind).where(mu.deleted.is_(False)).order_by(mu.code)
        ).all()
    by_code: dict[str, list[AttendanceLine]] = defaultdict(list)
    for ln in lines:
        by_code[ln.municipality_code].append(ln)
    out = []
    for mid, code, name, kind in munis:
        if kind not in vocab.INSURER_KINDS and not by_code.get(code):
            continue  # a ward counts only when someone came from it
        ls = by_code.get(code, [])
        people_by_role: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for ln in ls:
            people_by_role[ln.role or "その他"].add((ln.name, ln.kana))
        people = {(ln.name, ln.kana) for ln in ls}
        events = tuple(dict.fromkeys(ln.event_title for ln in ls))
        out.append(CoverageRow(mid, code, name, {k: len(v) for k, v in people_by_role.items()}, len(people), events))
    return out


def municipalities_without_training(uow: UnitOfWork, fiscal_year: int | None = None) -> list[str]:
    """Names of municipalities with nobody at any training this 年度 (the dashboard's follow-up)."""
    fy = fiscal_year if fiscal_year is not None else fiscal_year_of(dt.date.today())
    return [row.name for row in coverage(uow, fy) if row.none]
