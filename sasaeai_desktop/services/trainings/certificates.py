"""Certificates (修了証書): who gets one (``completers``, by the event's session structure), and
their numbers (第N号): issued once per event and person, kept, reprinted unchanged.

Numbering is per event, from 第1号, in sign-in-sheet order of the people first certified; a
person certified later gets the next number after the highest ever issued for the event (a
number is never reused, even when its certificate row was deleted or its holder's attendance was
corrected afterwards). The numbers live in the synced ``certificate`` table, so every laptop
reprints the same number once it has the file that carried it.

Two laptops printing offline can both issue 第12号 (to different people), or give one person two
numbers. Nothing is renumbered silently — a number may already be on paper — ``clashes`` finds
both cases, printing reports them, and ``renumber`` gives one person the next free number on
purpose. See docs/certificates.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import completion
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.services.trainings.events import SessionData
from sasaeai_desktop.services.trainings.events import get_event
from sasaeai_desktop.services.trainings.registrations import ACTIVE
from sasaeai_desktop.services.trainings.registrations import RegistrationRow
from sasaeai_desktop.services.trainings.registrations import list_registrations


@dataclass(frozen=True)
class Completer:
    """Someone who gets a certificate for the event: the whole of it (course, alternatives) or the
    sessions in ``sessions`` (series)."""

    registration_id: str  # the first of the person's live registrations
    name: str
    kana: str
    municipality: str
    affiliation: str
    person_id: str = ""
    sessions: tuple[SessionData, ...] = ()  # attended sessions the certificate names (event order)


def completers(uow: UnitOfWork, event_id: str) -> list[Completer]:
    """Who gets a certificate, by the event's session structure (domain.completion), one entry per
    person in sign-in-sheet order. A person's live registrations count together: registered for
    day 1 and day 2 separately, present at both, completes a two-day course.

    course → every required session attended; alternatives → one required session (or the one
    registered for); series → at least one session, each attended session named.
    """

    ev = get_event(uow, event_id)
    regs = [r for r in list_registrations(uow, event_id, include_cancelled=False) if r.status == ACTIVE]
    refs = [completion.SessionRef(x.id, x.required) for x in ev.sessions if x.id]
    by_id = {x.id: x for x in ev.sessions}
    by_person: dict[str, list[RegistrationRow]] = defaultdict(list)
    for reg in regs:
        by_person[reg.person_id].append(reg)
    out = []
    for person_regs in by_person.values():
        attended = {sid for reg in person_regs for sid, present in reg.attendance.items() if present and sid in by_id}
        tied = {reg.session_id for reg in person_regs if reg.session_id}
        first = person_regs[0]
        if ev.session_structure == completion.SERIES:
            units = completion.attended_units(refs, attended)
            if not units:
                continue
            named = tuple(by_id[sid] for sid in units)
        elif completion.completed(ev.session_structure, refs, attended, tied):
            named = tuple(by_id[sid] for sid in completion.attended_units(refs, attended))
        else:
            continue
        out.append(Completer(first.id, first.name, first.kana, first.municipality, first.affiliation,
                             first.person_id, named))
    return out


@dataclass(frozen=True)
class Issued:
    number: int
    person_id: str
    name: str
    kind: str
    issued_on: dt.date


@dataclass(frozen=True)
class Clash:
    number: int | None  # the number two people hold; None when one person holds several numbers
    names: tuple[str, ...]
    numbers: tuple[int, ...] = ()

    def message(self) -> str:
        if self.number is not None:
            who = "、".join(self.names)
            return (f"第{self.number}号が {len(self.names)} 人（{who}）に発行されています（別のパソコンで同時に発行されたため）。"
                    "一人に新しい番号を振り直してください（研修の「印刷」→「証書番号…」、"
                    "または sasaeai event renumber-certificate）。")
        nums = "・".join(f"第{n}号" for n in self.numbers)
        return f"{self.names[0]} さんに {nums} が発行されています（別のパソコンで同時に発行されたため）。小さい番号で印刷しました。"


def _live(s: Session, event_id: str) -> list[m.Certificate]:
    c = m.Certificate
    return list(s.scalars(select(c).where(c.event_id == event_id, c.deleted.is_(False)).order_by(c.number, c.id)))


def _next_number(s: Session, event_id: str) -> int:
    c = m.Certificate
    # deleted rows count too: a number once on paper is not handed to someone else
    return int(s.scalar(select(func.coalesce(func.max(c.number), 0)).where(c.event_id == event_id)) or 0) + 1


def issue(uow: UnitOfWork, event_id: str, person_ids: Sequence[str], kind: str, *,
          today: dt.date | None = None) -> dict[str, int]:
    """Number for each person (kept ones as they are, new ones next in the given order), committed.
    A person holding several numbers (a clash) gets the smallest."""
    today = today or dt.date.today()
    with uow:
        s = uow.session
        if s.get(m.TrainingEvent, event_id) is None:
            raise NotFoundError(f"研修（ID {event_id}）が見つかりません。")
        have: dict[str, int] = {}
        for row in _live(s, event_id):
            have.setdefault(row.person_id, row.number)
        nxt = _next_number(s, event_id)
        for pid in person_ids:
            if pid in have:
                continue
            s.add(m.Certificate(event_id=event_id, person_id=pid, number=nxt, kind=kind, issued_on=today))
            have[pid] = nxt
            nxt += 1
        uow.commit()
        return {pid: have[pid] for pid in person_ids}


def numbers(uow: UnitOfWork, event_id: str) -> dict[str, int]:
    """person id → the (smallest) number issued to them for the event."""
    with uow:
        out: dict[str, int] = {}
        for row in _live(uow.session, event_id):
            out.setdefault(row.person_id, row.number)
        return out


def issued(uow: UnitOfWork, event_id: str) -> list[Issued]:
    """Every live number of the event, in number order, with the holder's name."""
    c, p = m.Certificate, m.Person
    with uow:
        rows = uow.session.execute(
            select(c.number, c.person_id, p.name, c.kind, c.issued_on).join(p, p.id == c.person_id)
            .where(c.event_id == event_id, c.deleted.is_(False)).order_by(c.number, p.kana_key, c.id)
        ).all()
    return [Issued(*r) for r in rows]


def clashes(uow: UnitOfWork, event_id: str) -> list[Clash]:
    """Numbers held by more than one person, and people holding more than one number."""
    with uow:
        s = uow.session
        rows = [(r.person_id, r.number) for r in _live(s, event_id)]
        names = dict(s.execute(select(m.Person.id, m.Person.name).where(m.Person.id.in_({p for p, _ in rows}))).all())
    by_number: dict[int, list[str]] = defaultdict(list)
    by_person: dict[str, list[int]] = defaultdict(list)
    for pid, number in rows:
        if pid not in by_number[number]:
            by_number[number].append(pid)
        if number not in by_person[pid]:
            by_person[pid].append(number)
    out = [Clash(n, tuple(names.get(p, "") for p in pids)) for n, pids in sorted(by_number.items()) if len(pids) > 1]
    out += [Clash(None, (names.get(p, ""),), tuple(sorted(ns))) for p, ns in by_person.items() if len(ns) > 1]
    return out


def renumber(uow: UnitOfWork, event_id: str, person_id: str, *, today: dt.date | None = None) -> int:
    """Give one person the next free number (to settle a clash); their old numbers are retired."""
    today = today or dt.date.today()
    with uow:
        s = uow.session
        mine = [r for r in _live(s, event_id) if r.person_id == person_id]
        if not mine:
            raise NotFoundError("この人にはまだ証書の番号が発行されていません。")
        nxt = _next_number(s, event_id)
        for r in mine:
            r.deleted = True
        s.add(m.Certificate(event_id=event_id, person_id=person_id, number=nxt, kind=mine[0].kind, issued_on=today))
        uow.commit()
        return nxt
