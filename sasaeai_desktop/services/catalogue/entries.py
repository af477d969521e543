"""Viewing, saving, listing and (soft) deleting catalogue entries (地域資源・活動事例).

The list reads ``catalogue_entry`` alone (the municipality's name joined): photos are fetched for
one entry at a time (``photos.py``), never by a list.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from dataclasses import replace
from typing import Any

from sqlalchemy import Select
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import aliased

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.names import written_text
from sasaeai_desktop.services.catalogue.kinds import kind_names
from sasaeai_desktop.services.catalogue.kinds import known_kind
from sasaeai_desktop.services.records import live_row
from sasaeai_desktop.services.records import row_to_save
from sasaeai_desktop.services.records import soft_delete
from sasaeai_desktop.services.records import write_fields

_MISSING = "指定された地域資源は見つかりません（削除された可能性があります）。"
# Column → (label, length limit) of the one-line texts; the multi-line ones have no limit.
_LINES = {"name": ("名称", 120), "area": ("地区", 80), "organiser": ("実施主体", 120), "schedule": ("曜日・時間", 120),
          "frequency": ("頻度", 60), "cost": ("費用", 80), "contact": ("連絡先", 200), "tags": ("タグ", 200)}
_TEXTS = ("content", "description", "notes")
_SOURCES: dict[str, tuple[Any, str]] = {"visit_id": (m.Visit, "訪問記録"), "consultation_id": (m.Consultation, "相談記録"),
            "event_id": (m.TrainingEvent, "研修・イベント")}
MAX_PARTICIPANTS = 100_000


@dataclass(frozen=True)
class EntryData:
    id: str | None
    name: str
    kind: str
    municipality_id: str | None
    area: str = ""
    organiser: str = ""
    content: str = ""
    schedule: str = ""
    frequency: str = ""
    participants: int | None = None
    cost: str = ""
    contact: str = ""
    contact_consent: bool | None = None  # None: not recorded (the contact is then not published)
    description: str = ""
    tags: str = ""
    notes: str = ""
    visit_id: str | None = None
    consultation_id: str | None = None
    event_id: str | None = None
    publishable: bool = False
    info_date: dt.date | None = None


_EDITABLE = tuple(k for k in EntryData.__dataclass_fields__ if k != "id")


@dataclass(frozen=True)
class EntryRow:
    """A line of the list."""

    id: str
    name: str
    kind: str
    municipality: str
    area: str
    organiser: str
    schedule: str
    publishable: bool
    contact_consent: bool | None
    info_date: dt.date | None


@dataclass(frozen=True)
class EntryFilter:
    search: str = ""
    municipality_id: str | None = None
    region_id: str | None = None  # a 圏域 (services/progress/regions): its municipalities
    kind: str | None = None
    publishable: bool | None = None


def tag_list(tags: str) -> list[str]:
    """'サロン、 体操,男性' → ['サロン', '体操', '男性'] (、 , ， ; / and spaces separate)."""
    return list(dict.fromkeys(t for t in re.split(r"[、,，;；/／\s]+", tags) if t))


def validate(session: Session, data: EntryData) -> EntryData:
    errors: dict[str, str] = {}
    lines: dict[str, Any] = {k: written_text(getattr(data, k)) for k in _LINES}
    for key, (label, limit) in _LINES.items():
        if len(lines[key]) > limit:
            errors[key] = f"{label}は{limit}文字以内にしてください（{len(lines[key])}文字）。"
    lines["tags"] = "、".join(tag_list(lines["tags"]))
    if not lines["name"]:
        errors["name"] = "名称を入力してください。"
    if not data.municipality_id or session.get(m.Municipality, data.municipality_id) is None:
        errors["municipality_id"] = "市町村を選んでください。"
    kind = written_text(data.kind)
    if kind:
        listed = known_kind(kind_names(session), kind)
        if listed is None:
            errors["kind"] = f"種類「{kind}」は一覧にありません。種類の一覧に追加してから選んでください。"
        kind = listed or kind
    if data.participants is not None and not 0 <= data.participants <= MAX_PARTICIPANTS:
        errors["participants"] = f"参加人数は0〜{MAX_PARTICIPANTS:,}人で入力してください。"
    given = [k for k in _SOURCES if getattr(data, k)]
    if len(given) > 1:
        errors[given[1]] = "把握のきっかけは訪問・相談・研修のどれか1つにしてください。"
    for key in given[:1]:
        model, label = _SOURCES[key]
        row = session.get(model, getattr(data, key))
        if row is None or row.deleted:
            errors[key] = f"把握のきっかけの{label}が見つかりません（削除された可能性があります）。"
    if errors:
        raise ValidationError(errors)
    texts: dict[str, Any] = {k: written_text(getattr(data, k), multiline=True) for k in _TEXTS}
    return replace(data, kind=kind, **lines, **texts)


def check(uow: UnitOfWork, data: EntryData) -> None:
    """``validate`` without writing (a form marks every bad field before it saves)."""
    with uow:
        validate(uow.session, data)


def save(uow: UnitOfWork, data: EntryData) -> str:
    with uow:
        data = validate(uow.session, data)
        row = row_to_save(uow, m.CatalogueEntry, data.id, _MISSING)
        return write_fields(uow, row, data, _EDITABLE)


def get(uow: UnitOfWork, entry_id: str) -> EntryData:
    with uow:
        row = live_row(uow, m.CatalogueEntry, entry_id, _MISSING)
        return EntryData(id=row.id, **{k: getattr(row, k) for k in _EDITABLE})


def delete(uow: UnitOfWork, entry_id: str) -> None:
    """Soft delete (the photos stay with it, so a sync that restores it restores them)."""
    soft_delete(uow, m.CatalogueEntry, entry_id, _MISSING)


def like_pattern(text: str) -> str:
    """A LIKE pattern (escape '\\') finding ``text`` anywhere: its % and _ are literal."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


SEARCHED = ("name", "kind", "area", "organiser", "content", "schedule", "description", "tags")


def _query(f: EntryFilter) -> Select[Any]:
    """The list's rows, in its order (municipality code, then name)."""
    e = m.CatalogueEntry
    mun, parent = aliased(m.Municipality, name="mun"), aliased(m.Municipality, name="parent")
    shown: list[Any] = [e.id, e.name, e.kind, func.coalesce(parent.name, "") + mun.name, e.area, e.organiser,
                        e.schedule, e.publishable, e.contact_consent, e.info_date]
    stmt = (
        select(*shown)
        .join(mun, mun.id == e.municipality_id).outerjoin(parent, parent.id == mun.parent_id)
        .where(e.deleted.is_(False))
    )
    for word in f.search.split():
        stmt = stmt.where(or_(*(getattr(e, c).like(like_pattern(word), escape="\\") for c in SEARCHED)))
    if f.municipality_id:
        stmt = stmt.where(or_(e.municipality_id == f.municipality_id, mun.parent_id == f.municipality_id))
    if f.region_id:
        rm = m.RegionMembership
        stmt = stmt.where(e.municipality_id.in_(
            select(rm.municipality_id).where(rm.region_id == f.region_id, rm.deleted.is_(False))))
    if f.kind:
        stmt = stmt.where(e.kind == f.kind)
    if f.publishable is not None:
        stmt = stmt.where(e.publishable.is_(f.publishable))
    return stmt.order_by(mun.code, e.name, e.id)


def count(uow: UnitOfWork, f: EntryFilter | None = None) -> int:
    with uow:
        return int(uow.session.scalar(select(func.count()).select_from(_query(f or EntryFilter()).subquery())) or 0)


def list_entries(uow: UnitOfWork, f: EntryFilter | None = None, *, offset: int = 0, limit: int = 200) -> list[EntryRow]:
    """A page of the entries matching ``f``, by municipality code then name."""
    stmt = _query(f or EntryFilter()).offset(offset).limit(limit)
    with uow:
        return [EntryRow(*r) for r in uow.session.execute(stmt)]
