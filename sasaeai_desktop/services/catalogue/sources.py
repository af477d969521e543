"""Where the office learnt of an entry (a visit, a consultation or an event): the records the form
offers, by date and title, and the words the sheet writes for the one recorded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.services.catalogue.entries import EntryData
from sasaeai_desktop.services.record_refs import first_line
from sasaeai_desktop.services.record_refs import first_session_day

SOURCE_KEYS = ("visit_id", "consultation_id", "event_id")


@dataclass(frozen=True)
class SourceChoice:
    key: str  # the EntryData field it sets: 'visit_id', 'consultation_id' or 'event_id'
    id: str
    day: dt.date | None
    label: str  # '訪問 2025-06-12 定期訪問', '相談 2025-07-01 移動支援', '研修 2025-11-03 地域づくり研修会'


def recorded(data: EntryData) -> tuple[str, str] | None:
    """(field, id) of the source ``data`` records, or None."""
    return next(((k, getattr(data, k)) for k in SOURCE_KEYS if getattr(data, k)), None)


def choices(uow: UnitOfWork, municipality_id: str | None, keep: tuple[str, str] | None = None) -> list[SourceChoice]:
    """The municipality's visits (not drafts) and consultations and every event, newest first in
    each group, plus ``keep`` (the recorded one, even of another municipality)."""
    v, c, e = m.Visit, m.Consultation, m.TrainingEvent
    kept = {keep[1]} if keep else set()
    out: list[SourceChoice] = []
    with uow:
        s = uow.session
        if municipality_id or kept:
            for vid, day, category, purpose in s.execute(
                select(v.id, v.visit_date, v.purpose_category, v.purpose)
                .where(v.deleted.is_(False), v.is_draft.is_(False), (v.municipality_id == municipality_id) | v.id.in_(kept))
                .order_by(v.visit_date.desc(), v.id)
            ):
                words = first_line(purpose) or category or ""
                out.append(SourceChoice("visit_id", vid, day, f"訪問 {day:%Y-%m-%d} {words}".rstrip()))
            for cid, day, topics, question in s.execute(
                select(c.id, c.received_date, c.topics, c.question)
                .where(c.deleted.is_(False), (c.municipality_id == municipality_id) | c.id.in_(kept))
                .order_by(c.received_date.desc(), c.id)
            ):
                words = topics or first_line(question)
                out.append(SourceChoice("consultation_id", cid, day, f"相談 {day:%Y-%m-%d} {words}".rstrip()))
        first = first_session_day()
        for eid, title, day in s.execute(
            select(e.id, e.title, first).where(e.deleted.is_(False)).order_by(first.desc(), e.title, e.id)
        ):
            when = f"{day:%Y-%m-%d} " if day else ""
            out.append(SourceChoice("event_id", eid, day, f"研修 {when}{title}"))
    return out
