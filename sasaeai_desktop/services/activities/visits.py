"""訪問・助言: recording a visit with who went, who attended, what was seen and what follows.

``save`` validates first and names every missing or wrong field (``ValidationError.fields``, so a
form can point at it and keep what was typed); warnings that do not stop a save (a follow-up due
before the visit) come back in ``SaveResult.warnings``. Drafts: a form autosaves with
``save_draft`` — a visit that already has its municipality and date is stored as a visit with
``is_draft`` set (it survives anything); before that the typed fields are kept in this database's
local settings (``pending_draft``/``discard_pending_draft``), so a closed lid loses nothing.

A draft is not a record. Of the two ways to keep it so — stay on this laptop until saved, or be
marked 下書き everywhere and counted nowhere — this is the second: a draft row syncs like any row
(the officer who typed it may finish it on the office PC, and a field-by-field merge of a later
save needs the earlier fields on both sides), but every list shows it as 下書き and every count,
tile, progress figure, export and batch print leaves it out, its follow-up tasks included. Who
counts visits filters with ``Visit.is_draft`` (``not_of_a_draft`` for rows that point at a visit).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import replace
from typing import Any

from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.date_range import PLAN
from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.domain.date_range import date_problem
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.names import written_text
from sasaeai_desktop.services.records import live_row
from sasaeai_desktop.services.records import row_to_save
from sasaeai_desktop.services.records import set_fields

SIDES = {"prefecture": "県", "advisor": "アドバイザー", "municipality": "市町村"}
DRAFT_KEY = "draft.visit"


@dataclass(frozen=True)
class Participant:
    person_id: str
    side: str  # prefecture / advisor / municipality
    role: str = ""
    name: str = ""  # shown only; filled by get()


@dataclass(frozen=True)
class FollowUp:
    title: str
    id: str | None = None
    owner_person_id: str | None = None
    owner_name: str = ""
    due_date: dt.date | None = None
    done: bool = False
    done_date: dt.date | None = None
    details: str = ""


@dataclass(frozen=True)
class VisitData:
    id: str | None
    municipality_id: str | None
    visit_date: dt.date | None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = ""
    purpose_category: str = ""
    purpose: str = ""
    observations: str = ""
    issues: str = ""
    advice: str = ""
    next_visit_date: dt.date | None = None
    next_visit_note: str = ""
    is_draft: bool = False
    recorded_by: str = ""
    participants: tuple[Participant, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()


@dataclass(frozen=True)
class SaveResult:
    id: str | None  # None when a draft was kept in local settings only
    warnings: tuple[str, ...] = ()
    is_draft: bool = False


_FIELDS = (
    "municipality_id", "visit_date", "start_time", "end_time", "place", "purpose_category", "purpose",
    "observations", "issues", "advice", "next_visit_date", "next_visit_note", "is_draft", "recorded_by",
)
_MISSING = "指定された訪問記録は見つかりません（削除された可能性があります）。"


def validate(data: VisitData, *, draft: bool = False) -> tuple[VisitData, tuple[str, ...]]:
    """Clean and check; raises ValidationError naming each field. Returns (clean data, warnings)."""
    errors: dict[str, str] = {}
    warnings: list[str] = []
    if not data.municipality_id and not draft:
        errors["municipality_id"] = "訪問先の市町村を選んでください（必須）。"
    if data.visit_date is None and not draft:
        errors["visit_date"] = "訪問日を入力してください（必須）。"
    for key, day, span, what in (("visit_date", data.visit_date, RECORD, "訪問日"),
                                 ("next_visit_date", data.next_visit_date, PLAN, "次回訪問予定")):
        problem = date_problem(day, span, what)
        if problem:
            errors[key] = problem
    if data.start_time and data.end_time and data.end_time < data.start_time:
        errors["end_time"] = f"終了時刻 {data.end_time:%H:%M} が開始時刻 {data.start_time:%H:%M} より前です。"
    cat = clean_text(data.purpose_category)
    if cat and cat not in vocab.VISIT_PURPOSES:
        errors["purpose_category"] = f"目的区分は {'、'.join(vocab.VISIT_PURPOSES)} のいずれかです（入力: {cat}）。"
    if data.visit_date and data.next_visit_date and data.next_visit_date < data.visit_date:
        errors["next_visit_date"] = f"次回訪問予定 {data.next_visit_date:%Y-%m-%d} が訪問日より前です。"
    seen: set[tuple[str, str]] = set()
    participants = []
    for i, p in enumerate(data.participants, 1):
        if p.side not in SIDES:
            errors[f"participants.{i}"] = f"参加者 {i} 人目の区分「{p.side}」は 県・アドバイザー・市町村 のいずれかです。"
            continue
        if not p.person_id:
            errors[f"participants.{i}"] = f"参加者 {i} 人目の人を選んでください。"
            continue
        if (p.person_id, p.side) in seen:
            continue  # the same person twice on the same side: keep one
        seen.add((p.person_id, p.side))
        participants.append(replace(p, role=clean_text(p.role)))
    follow_ups = []
    for i, f in enumerate(data.follow_ups, 1):
        title = clean_text(f.title)
        if not title:
            if f.owner_name or f.due_date or f.details:
                errors[f"follow_ups.{i}"] = f"フォローアップ {i} 件目の内容を入力してください。"
            continue
        problem = (date_problem(f.due_date, PLAN, f"フォローアップ {i} 件目の期限")
                   or date_problem(f.done_date, RECORD, f"フォローアップ {i} 件目の完了日"))
        if problem:
            errors[f"follow_ups.{i}"] = problem
        if f.due_date and data.visit_date and f.due_date < data.visit_date:
            warnings.append(
                f"フォローアップ「{title}」の期限 {f.due_date:%Y-%m-%d} が訪問日 {data.visit_date:%Y-%m-%d} より前です。"
            )
        done_date = f.done_date or (dt.date.today() if f.done else None)
        follow_ups.append(replace(f, title=title, owner_name=written_text(f.owner_name),
                                  details=written_text(f.details, multiline=True), done_date=done_date if f.done else None))
    if errors:
        raise ValidationError(errors)
    clean = replace(
        data,
        # Names and free text as typed (no NFKC), as people.validate keeps names; the purpose
        # category and roles are vocabulary words and stay folded.
        place=written_text(data.place),
        purpose_category=cat,
        next_visit_note=written_text(data.next_visit_note),
        recorded_by=written_text(data.recorded_by),
        participants=tuple(participants),
        follow_ups=tuple(follow_ups),
        purpose=written_text(data.purpose, multiline=True),
        observations=written_text(data.observations, multiline=True),
        issues=written_text(data.issues, multiline=True),
        advice=written_text(data.advice, multiline=True),
    )
    return clean, tuple(warnings)


def save(uow: UnitOfWork, data: VisitData) -> SaveResult:
    """Create or update a visit (its participants and follow-ups too) in one transaction."""
    data, warnings = validate(data)
    return _store(uow, replace(data, is_draft=False), warnings)


def save_draft(uow: UnitOfWork, data: VisitData) -> SaveResult:
    """Autosave: a visit flagged as draft once it has a municipality and a date, else local settings."""
    data, warnings = validate(data, draft=True)
    if data.municipality_id and data.visit_date:
        result = _store(uow, replace(data, is_draft=True), warnings)
        discard_pending_draft(uow)
        return result
    with uow:
        s = uow.session
        row = s.get(m.LocalSetting, DRAFT_KEY) or m.LocalSetting(key=DRAFT_KEY)
        row.value = json.dumps(_to_json(data), ensure_ascii=False)
        s.add(row)
        uow.commit()
    return SaveResult(None, warnings, True)


def pending_draft(uow: UnitOfWork) -> VisitData | None:
    """The draft kept before it had a municipality and date (None when there is none)."""
    with uow:
        row = uow.session.get(m.LocalSetting, DRAFT_KEY)
        if row is None or not row.value:
            return None
        return _from_json(json.loads(row.value))


def discard_pending_draft(uow: UnitOfWork) -> None:
    with uow:
        row = uow.session.get(m.LocalSetting, DRAFT_KEY)
        if row is not None:
            uow.session.delete(row)
            uow.commit()


def _store(uow: UnitOfWork, data: VisitData, warnings: tuple[str, ...]) -> SaveResult:
    with uow:
        vid = set_fields(uow, row_to_save(uow, m.Visit, data.id, _MISSING), data, _FIELDS)
        _sync_participants(uow.session, vid, data.participants)
        _sync_follow_ups(uow.session, vid, data.municipality_id, data.follow_ups)
        uow.commit()
    return SaveResult(vid, warnings, data.is_draft)


def _sync_participants(s: Any, visit_id: str, wanted: tuple[Participant, ...]) -> None:
    existing = s.scalars(select(m.VisitParticipant).where(m.VisitParticipant.visit_id == visit_id)).all()
    by_key = {(p.person_id, p.side): p for p in existing}
    keep = set()
    for p in wanted:
        key = (p.person_id, p.side)
        keep.add(key)
        row = by_key.get(key)
        if row is None:
            s.add(m.VisitParticipant(visit_id=visit_id, person_id=p.person_id, side=p.side, role=p.role))
        else:
            row.deleted = False
            row.role = p.role
    for key, row in by_key.items():
        if key not in keep and not row.deleted:
            row.deleted = True


def _sync_follow_ups(s: Any, visit_id: str, municipality_id: str | None, wanted: tuple[FollowUp, ...]) -> None:
    existing = {f.id: f for f in s.scalars(select(m.FollowUpTask).where(m.FollowUpTask.visit_id == visit_id))}
    keep = set()
    for order, f in enumerate(wanted):
        row = existing.get(f.id) if f.id else None
        if row is None:
            row = m.FollowUpTask(visit_id=visit_id)
            s.add(row)
        row.deleted = False
        row.municipality_id = municipality_id
        row.title, row.details = f.title, f.details
        row.owner_person_id, row.owner_name = f.owner_person_id, f.owner_name
        row.due_date, row.done, row.done_date = f.due_date, f.done, f.done_date
        row.sort_order = order
        s.flush()
        keep.add(row.id)
    for fid, row in existing.items():
        if fid not in keep and not row.deleted:
            row.deleted = True


def get(uow: UnitOfWork, visit_id: str) -> VisitData:
    with uow:
        s = uow.session
        row = live_row(uow, m.Visit, visit_id, _MISSING)
        parts = s.execute(
            select(m.VisitParticipant.person_id, m.VisitParticipant.side, m.VisitParticipant.role, m.Person.name)
            .join(m.Person, m.Person.id == m.VisitParticipant.person_id)  # a deleted person keeps their name here
            .where(m.VisitParticipant.visit_id == visit_id, m.VisitParticipant.deleted.is_(False))
            .order_by(m.VisitParticipant.side, m.Person.kana_key)
        ).all()
        fus = s.scalars(
            select(m.FollowUpTask)
            .where(m.FollowUpTask.visit_id == visit_id, m.FollowUpTask.deleted.is_(False))
            .order_by(m.FollowUpTask.sort_order)
        ).all()
        return VisitData(
            id=row.id,
            **{k: getattr(row, k) for k in _FIELDS},
            participants=tuple(Participant(p[0], p[1], p[2], p[3]) for p in parts),
            follow_ups=tuple(
                FollowUp(f.title, f.id, f.owner_person_id, f.owner_name, f.due_date, f.done, f.done_date, f.details)
                for f in fus
            ),
        )


def delete(uow: UnitOfWork, visit_id: str) -> None:
    """Soft delete of the visit, its participants and its follow-ups."""
    with uow:
        s = uow.session
        live_row(uow, m.Visit, visit_id, "指定された訪問記録は見つかりません。").deleted = True
        for p in s.scalars(select(m.VisitParticipant).where(m.VisitParticipant.visit_id == visit_id)):
            p.deleted = True
        for f in s.scalars(select(m.FollowUpTask).where(m.FollowUpTask.visit_id == visit_id)):
            f.deleted = True
        uow.commit()


def not_of_a_draft(visit_id: Any) -> Any:
    """SQL condition on a column that may point at a visit (a follow-up's ``visit_id``): true
    unless that visit is a draft — what is typed into a draft is not counted anywhere yet."""
    drafts_ = select(m.Visit.id).where(m.Visit.is_draft.is_(True)).scalar_subquery()
    return or_(visit_id.is_(None), visit_id.not_in(drafts_))


def draft_count(uow: UnitOfWork) -> int:
    """Visits still marked 下書き (not deleted)."""
    with uow:
        return int(uow.session.execute(
            select(func.count(m.Visit.id)).where(m.Visit.is_draft.is_(True), m.Visit.deleted.is_(False))
        ).scalar_one())


def drafts(uow: UnitOfWork) -> list[tuple[str, dt.date, str]]:
    """(id, date, municipality) of the visits still marked as draft, newest first."""
    with uow:
        return [
            (r[0], r[1], r[2])
            for r in uow.session.execute(
                select(m.Visit.id, m.Visit.visit_date, m.Municipality.name)
                .join(m.Municipality, m.Municipality.id == m.Visit.municipality_id)
                .where(m.Visit.is_draft.is_(True), m.Visit.deleted.is_(False))
                .order_by(m.Visit.visit_date.desc())
            )
        ]


def _to_json(data: VisitData) -> dict[str, Any]:
    def enc(v: Any) -> Any:
        if isinstance(v, (dt.date, dt.time)):
            return v.isoformat()
        return v

    d = asdict(data)
    out = {k: enc(v) for k, v in d.items() if k not in ("participants", "follow_ups")}
    out["participants"] = [asdict(p) for p in data.participants]
    out["follow_ups"] = [{k: enc(v) for k, v in asdict(f).items()} for f in data.follow_ups]
    return out


def _from_json(d: dict[str, Any]) -> VisitData:
    def date(v: Any) -> dt.date | None:
        return dt.date.fromisoformat(v) if v else None

    def time(v: Any) -> dt.time | None:
        return dt.time.fromisoformat(v) if v else None

    fus = tuple(
        FollowUp(**{**f, "due_date": date(f.get("due_date")), "done_date": date(f.get("done_date"))})
        for f in d.get("follow_ups", [])
    )
    parts = tuple(Participant(**p) for p in d.get("participants", []))
    base: dict[str, Any] = {k: d.get(k) for k in ("id", *_FIELDS)}
    base.update(
        visit_date=date(base["visit_date"]), next_visit_date=date(base["next_visit_date"]),
        start_time=time(base["start_time"]), end_time=time(base["end_time"]),
    )
    base = {k: v for k, v in base.items() if v is not None or k in ("id", "municipality_id", "visit_date")}
    return VisitData(**base, participants=parts, follow_ups=fus)
