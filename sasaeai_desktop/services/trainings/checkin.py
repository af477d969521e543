"""Check-in per 日程 (受付): the reception desk's search (kana, name, scanned code), present and
absent marks, walk-ins (当日参加), and the ticked paper sign-in sheet entered afterwards in row order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlalchemy import null
from sqlalchemy import or_
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.services.trainings.events import session_label
from sasaeai_desktop.services.trainings.registrations import CODE_LEN
from sasaeai_desktop.services.trainings.registrations import RegisterResult
from sasaeai_desktop.services.trainings.registrations import RegistrationRow
from sasaeai_desktop.services.trainings.registrations import list_registrations
from sasaeai_desktop.services.trainings.registrations import muni_display_expr
from sasaeai_desktop.services.trainings.registrations import register
from sasaeai_desktop.services.trainings.registrations import register_typed
from sasaeai_desktop.services.trainings.registrations import registration_row
from sasaeai_desktop.services.trainings.registrations import short_code

WALK_IN_NOTE = "当日参加"  # the registration's note for someone added at the desk


@dataclass(frozen=True)
class CheckinRow:
    registration_id: str
    code: str
    row_order: int
    name: str
    kana: str
    municipality: str
    role: str
    present: bool | None  # None = not recorded yet
    walk_in: bool


def _looks_like_code(text: str) -> bool:
    t = text.replace("-", "")
    return len(t) in (CODE_LEN, 32) and all(c in "0123456789abcdefABCDEF" for c in t)


def checkin_search(uow: UnitOfWork, event_id: str, session_id: str | None, text: str, *, limit: int = 30) -> list[CheckinRow]:
    """The reception desk's list: the event's registrants whose reading or name contains ``text``
    (a few kana, a surname), or whose code is ``text`` (the QR on the sign-in sheet holds the
    registration id, the printed short code its last 6 digits).

    Served by the index on ``registration.event_id`` (the event's few hundred registrations, never
    the 50,000 people), so a keystroke costs a few milliseconds at any database size. Cancelled
    registrations are left out; present ones sort after those still expected.
    """
    r, p = m.Registration, m.Person
    mun, parent, display = muni_display_expr()
    a = m.Attendance
    present = (
        select(a.present).where(a.registration_id == r.id, a.session_id == session_id, a.deleted.is_(False))
        .order_by(a.updated_at.desc()).limit(1).scalar_subquery()
        if session_id else null()
    )
    stmt = (
        select(r.id, r.row_order, p.name, p.kana, display, p.role, present, r.walk_in)
        .join(p, p.id == r.person_id)
        .outerjoin(mun, mun.id == p.municipality_id)
        .outerjoin(parent, parent.id == mun.parent_id)
        .where(r.event_id == event_id, r.deleted.is_(False), r.status != "キャンセル")
    )
    if session_id:
        stmt = stmt.where(or_(r.session_id.is_(None), r.session_id == session_id))
    q = clean_text(text)
    if q:
        conds = []
        if _looks_like_code(q):
            t = q.replace("-", "").lower()
            conds.append(func.substr(func.replace(r.id, "-", ""), -len(t)) == t)
        nk, kk = name_key(q), kana_key(q)
        if nk:
            conds.append(func.instr(p.name_key, nk) > 0)
        if kk:
            conds.append(func.instr(p.kana_key, kk) > 0)
        if q.isdigit() and len(q) <= 4:
            conds.append(r.row_order == int(q))
        stmt = stmt.where(or_(*conds))
    stmt = stmt.order_by(r.row_order, r.id).limit(limit)
    with uow:
        rows = uow.session.execute(stmt).all()
    out = [CheckinRow(x[0], short_code(x[0]), x[1], x[2], x[3], x[4], x[5], None if x[6] is None else bool(x[6]), bool(x[7]))
           for x in rows]
    return out


def checkin_miss_reason(uow: UnitOfWork, event_id: str, session_id: str | None, text: str) -> str:
    """What the reception desk says when ``text`` found nobody to check in: a scanned code of a
    cancelled registration or of another 日程 names the person, so the officer knows what to do."""
    q = clean_text(text)
    if q and _looks_like_code(q):
        r, p = m.Registration, m.Person
        t = q.replace("-", "").lower()
        with uow:
            hit = uow.session.execute(
                select(p.name, r.status, r.session_id).join(p, p.id == r.person_id)
                .where(r.event_id == event_id, r.deleted.is_(False),
                       func.substr(func.replace(r.id, "-", ""), -len(t)) == t)
            ).first()
            other = uow.session.get(m.TrainingSession, hit[2]) if hit is not None and hit[2] else None
            if hit is not None and hit[1] == "キャンセル":
                return f"{hit[0]} さんの申込はキャンセルされています。"
            if hit is not None and other is not None and session_id and hit[2] != session_id:
                return f"{hit[0]} さんの申込は「{session_label(other)}」の日程です。"
        return f"受付コード {q} はこの研修の申込にありません。"
    return f"「{q}」に当たる申込者はいません。当日参加なら Ctrl+Enter（［当日参加を追加…］）で登録できます。"


def mark_attendance(uow: UnitOfWork, registration_id: str, session_id: str, present: bool = True) -> None:
    """Record present/absent for one session (one row per registration and session, updated in place)."""
    with uow:
        s = uow.session
        reg = registration_row(s, registration_id)
        sess = s.get(m.TrainingSession, session_id)
        if sess is None or sess.deleted or sess.event_id != reg.event_id:
            raise NotFoundError("指定された日程はこの研修にありません。")
        _set_attendance(s, registration_id, session_id, present)
        uow.commit()


def clear_attendance(uow: UnitOfWork, registration_id: str, session_id: str) -> bool:
    """Forget present/absent for one session (a tick typed in the wrong row): the row is
    soft-deleted, so the undo travels to the other laptops. False when nothing was recorded."""
    a = m.Attendance
    with uow:
        rows = uow.session.scalars(select(a).where(a.registration_id == registration_id, a.session_id == session_id,
                                                   a.deleted.is_(False))).all()
        for row in rows:
            row.deleted = True
        uow.commit()
    return bool(rows)


def _set_attendance(s: Any, registration_id: str, session_id: str, present: bool) -> None:
    a = m.Attendance
    row = s.scalars(
        select(a).where(a.registration_id == registration_id, a.session_id == session_id, a.deleted.is_(False))
        .order_by(a.updated_at.desc())
    ).first()
    if row is None:
        row = a(registration_id=registration_id, session_id=session_id)
        s.add(row)
    row.present = present
    row.checked_in_at = m.utcnow() if present else None


def add_walk_in(uow: UnitOfWork, event_id: str, session_id: str, person_id: str) -> RegisterResult:
    """当日参加: register on the spot and mark present."""
    res = register(uow, event_id, person_id, walk_in=True, notes=WALK_IN_NOTE)
    mark_attendance(uow, res.registration_id, session_id, True)
    return res


def add_walk_in_typed(
    uow: UnitOfWork, event_id: str, session_id: str, person: Any, *, new_person: bool = False
) -> RegisterResult:
    """当日参加 of someone typed at the desk: matched as ``register_typed`` matches (a possible match
    raises PersonChoiceNeeded, never merged silently), registered on the spot and marked present."""
    res = register_typed(uow, event_id, person, walk_in=True, new_person=new_person, notes=WALK_IN_NOTE)
    mark_attendance(uow, res.registration_id, session_id, True)
    return res


def enter_sheet(uow: UnitOfWork, event_id: str, session_id: str, ticks: Sequence[bool | None]) -> int:
    """The printed sign-in sheet ticked by hand, entered afterwards in the same row order:
    ``ticks[i]`` is the i-th row of the sheet (True present, False absent, None leave as is).
    Returns how many rows were recorded."""
    regs = [x for x in list_registrations(uow, event_id, include_cancelled=False) if x.session_id in (None, session_id)]
    if len(ticks) > len(regs):
        raise UserError(f"受付名簿は{len(regs)}行ですが、{len(ticks)}行分の入力があります。")
    n = 0
    with uow:
        s = uow.session
        sess = s.get(m.TrainingSession, session_id)
        if sess is None or sess.deleted or sess.event_id != event_id:
            raise NotFoundError("指定された日程はこの研修にありません。")
        for reg, tick in zip(regs, ticks):
            if tick is None:
                continue
            _set_attendance(s, reg.id, session_id, bool(tick))
            n += 1
        uow.commit()
    return n


def sign_in_rows(uow: UnitOfWork, event_id: str, session_id: str | None = None) -> list[RegistrationRow]:
    """The rows of the sign-in sheet (and of ``enter_sheet``): active registrations in row order."""
    return [x for x in list_registrations(uow, event_id, include_cancelled=False)
            if session_id is None or x.session_id in (None, session_id)]
