"""Registrations (申込) for an event: register a person on file or one typed at the desk, edit,
list in sign-in-sheet order with attendance and flags (duplicate, over capacity).

Duplicates and over-capacity are allowed and flagged: the desk decides, the program does not refuse.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from types import EllipsisType
from typing import Any

from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.services.trainings.events import ACTIVE
from sasaeai_desktop.services.trainings.events import STATUSES
from sasaeai_desktop.services.trainings.events import event_row
from sasaeai_desktop.services.trainings.events import live_sessions
from sasaeai_desktop.services.trainings.events import session_datas
from sasaeai_desktop.services.trainings.events import session_label
from sasaeai_desktop.services.trainings.person_match import PersonChoiceNeeded
from sasaeai_desktop.services.trainings.person_match import matching_people

CODE_LEN = 6  # the short code printed on the sign-in sheet: the registration id's last 6 hex digits


@dataclass(frozen=True)
class RegistrationRow:
    id: str
    code: str  # short code printed on the sign-in sheet
    row_order: int
    person_id: str
    name: str
    kana: str
    municipality_id: str | None
    municipality: str
    role: str
    affiliation: str
    session_id: str | None
    session_label: str  # '' = all sessions
    status: str
    walk_in: bool
    pre_assignment_received: bool
    group_label: str
    attendance: dict[str, bool] = field(default_factory=dict)  # session id → present
    flags: tuple[str, ...] = ()  # '重複', '定員超過'


@dataclass(frozen=True)
class RegisterResult:
    registration_id: str
    warnings: tuple[str, ...] = ()


def short_code(registration_id: str) -> str:
    return registration_id.replace("-", "")[-CODE_LEN:].upper()


def next_row_order(s: Any, event_id: str) -> int:
    """The place in the list after every registration of the event (deleted ones too: their
    places are not given out again)."""
    r = m.Registration
    return (s.scalar(select(func.max(r.row_order)).where(r.event_id == event_id)) or 0) + 1


def _register_warnings(s: Any, event_id: str, person_id: str, session_id: str | None, exclude: str) -> list[str]:
    r = m.Registration
    warnings = []
    others = s.execute(
        select(r.id, r.session_id).where(r.event_id == event_id, r.person_id == person_id, r.deleted.is_(False),
                                         r.status != "キャンセル", r.id != exclude)
    ).all()
    if any(o[1] is None or session_id is None or o[1] == session_id for o in others):
        warnings.append("この人はすでに申し込まれています（重複）。")
    for sess in live_sessions(s, event_id):
        if session_id not in (None, sess.id) or sess.capacity is None:
            continue
        n = s.scalar(select(func.count(r.id)).where(
            r.event_id == event_id, r.deleted.is_(False), r.status == ACTIVE,
            or_(r.session_id.is_(None), r.session_id == sess.id)))
        if n > sess.capacity:
            warnings.append(f"日程「{session_label(sess)}」は定員{sess.capacity}人を超えています（{n}人）。")
    return warnings


def register(
    uow: UnitOfWork,
    event_id: str,
    person_id: str,
    *,
    session_id: str | None = None,
    walk_in: bool = False,
    status: str = ACTIVE,
    notes: str = "",
) -> RegisterResult:
    """Register an existing person. Duplicates and over-capacity are allowed but returned as
    warnings (and flagged in ``list_registrations``): the desk decides, the program does not refuse."""
    if status not in STATUSES:
        raise ValidationError({"status": f"状態は {'、'.join(STATUSES)} のいずれかです。"})
    with uow:
        s = uow.session
        event_row(s, event_id)
        person = s.get(m.Person, person_id)
        if person is None or person.deleted:
            raise NotFoundError("指定された人は見つかりません。")
        if session_id is not None:
            sess = s.get(m.TrainingSession, session_id)
            if sess is None or sess.deleted or sess.event_id != event_id:
                raise NotFoundError("指定された日程はこの研修にありません。")
        row = m.Registration(event_id=event_id, person_id=person_id, session_id=session_id, status=status,
                             walk_in=walk_in, registered_on=dt.date.today(), row_order=next_row_order(s, event_id),
                             notes=clean_text(notes, multiline=True))
        s.add(row)
        s.flush()
        warnings = _register_warnings(s, event_id, person_id, session_id, row.id)
        rid = row.id
        uow.commit()
        return RegisterResult(rid, tuple(warnings))


def register_typed(
    uow: UnitOfWork,
    event_id: str,
    person: Any,  # services.people.PersonData
    *,
    session_id: str | None = None,
    walk_in: bool = False,
    new_person: bool = False,
    notes: str = "",
) -> RegisterResult:
    """Register someone typed at the desk. When the name matches existing people (髙橋 = 高橋,
    same reading and municipality) and ``new_person`` is not set, ``PersonChoiceNeeded`` lists
    them: the user picks one (``register``) or confirms a new person — never merged silently."""
    from sasaeai_desktop.services import people

    if person.id is None and not new_person:
        found = matching_people(uow, person.name, person.kana, person.municipality_id)
        if found:
            raise PersonChoiceNeeded(found)
    pid = person.id or people.save(uow, person)
    return register(uow, event_id, pid, session_id=session_id, walk_in=walk_in, notes=notes)


def update_registration(
    uow: UnitOfWork,
    registration_id: str,
    *,
    status: str | None = None,
    pre_assignment_received: bool | None = None,
    group_label: str | None = None,
    session_id: str | None | EllipsisType = ...,  # ... = leave as it is; None = every 日程
    notes: str | None = None,
) -> None:
    with uow:
        row = registration_row(uow.session, registration_id)
        if status is not None:
            if status not in STATUSES:
                raise ValidationError({"status": f"状態は {'、'.join(STATUSES)} のいずれかです。"})
            row.status = status
        if pre_assignment_received is not None:
            row.pre_assignment_received = pre_assignment_received
        if group_label is not None:
            row.group_label = clean_text(group_label)
        if session_id is not ...:
            row.session_id = session_id
        if notes is not None:
            row.notes = clean_text(notes, multiline=True)
        uow.commit()


def set_pre_assignment(uow: UnitOfWork, registration_id: str, received: bool) -> None:
    update_registration(uow, registration_id, pre_assignment_received=received)


def registration_row(s: Any, registration_id: str) -> m.Registration:
    row = s.get(m.Registration, registration_id)
    if row is None or row.deleted:
        raise NotFoundError("指定された申込は見つかりません。")
    return row


def muni_display_expr() -> tuple[Any, Any, Any]:
    from sqlalchemy.orm import aliased

    mun = aliased(m.Municipality, name="mun")
    parent = aliased(m.Municipality, name="parent")
    from sqlalchemy import case

    display = case((mun.parent_id.is_not(None), func.coalesce(parent.name, "") + mun.name), else_=func.coalesce(mun.name, ""))
    return mun, parent, display


def list_registrations(uow: UnitOfWork, event_id: str, *, include_cancelled: bool = True) -> list[RegistrationRow]:
    """Every registration of the event in sign-in-sheet order, with attendance per session and flags."""
    r, p = m.Registration, m.Person
    mun, parent, display = muni_display_expr()
    stmt = (
        select(r.id, r.row_order, p.id, p.name, p.kana, p.municipality_id, display, p.role, p.affiliation,
               r.session_id, r.status, r.walk_in, r.pre_assignment_received, r.group_label, p.kana_key)
        .join(p, p.id == r.person_id)
        .outerjoin(mun, mun.id == p.municipality_id)
        .outerjoin(parent, parent.id == mun.parent_id)
        .where(r.event_id == event_id, r.deleted.is_(False))
        .order_by(r.row_order, r.id)
    )
    with uow:
        s = uow.session
        event_row(s, event_id)
        sessions = session_datas(s, event_id)
        labels = {x.id: session_label(x) for x in sessions}
        rows = s.execute(stmt).all()
        a = m.Attendance
        att: dict[str, dict[str, bool]] = defaultdict(dict)
        for reg_id, sid, present in s.execute(
            select(a.registration_id, a.session_id, a.present).join(r, r.id == a.registration_id)
            .where(r.event_id == event_id, a.deleted.is_(False), r.deleted.is_(False)).order_by(a.updated_at)
        ):
            att[reg_id][sid] = bool(present)
    # flags: duplicates (same person twice on overlapping sessions) and over capacity (row order)
    by_person: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        if row[10] != "キャンセル":
            by_person[row[2]].append(row)
    dup: set[str] = set()
    for regs in by_person.values():
        for i, x in enumerate(regs):
            for y in regs[i + 1:]:
                if x[9] is None or y[9] is None or x[9] == y[9]:
                    dup.add(y[0])
    over: set[str] = set()
    for sess in sessions:
        if sess.capacity is None:
            continue
        taken = [row for row in rows if row[10] == ACTIVE and row[9] in (None, sess.id)]
        over.update(row[0] for row in taken[sess.capacity:])
    out = []
    for row in rows:
        flags = tuple(f for f, on in (("重複", row[0] in dup), ("定員超過", row[0] in over)) if on)
        if not include_cancelled and row[10] == "キャンセル":
            continue
        out.append(RegistrationRow(
            row[0], short_code(row[0]), row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8],
            row[9], labels.get(row[9], "") if row[9] else "", row[10], bool(row[11]), bool(row[12]), row[13],
            att.get(row[0], {}), flags,
        ))
    return out

