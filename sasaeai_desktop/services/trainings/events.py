"""Training events (研修・情報交換会・現地見学 …) and their 日程: create, edit, copy last year's, list.

An event has sessions (日程), audiences, co-hosts and staff, and the parts of its 事後アンケート.
Also the reading every other module of the package shares: a live event, its 日程 in order, a
日程's display label. Every function takes a ``UnitOfWork`` and returns plain dataclasses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import replace
from typing import Any

from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.domain.date_range import date_problem
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.names import clean_title

STAFF_KINDS = ("講師", "アドバイザー", "ファシリテーター")
# A registration's status (申込の状態), here because an event's summary counts the active ones.
ACTIVE = "登録"
STATUSES = ("登録", "キャンセル", "補欠")


@dataclass(frozen=True)
class SessionData:
    id: str | None
    date: dt.date
    label: str = ""
    venue: str = ""
    capacity: int | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    required: bool = True
    sort_order: int = 0


@dataclass(frozen=True)
class StaffData:
    id: str | None
    person_id: str
    kind: str = "講師"
    name: str = ""
    advisor_id: str | None = None


@dataclass(frozen=True)
class EventData:
    id: str | None
    event_type: str
    title: str
    fiscal_year: int
    co_hosts: str = ""
    program_notes: str = ""
    organiser: str = ""
    audiences: tuple[str, ...] = ()
    sessions: tuple[SessionData, ...] = ()
    staff: tuple[StaffData, ...] = ()
    questions: tuple[tuple[str | None, str], ...] = ()  # (id, label) of the survey's program parts
    copied_from_id: str | None = None
    session_structure: str = vocab.DEFAULT_SESSION_STRUCTURE  # vocab.SESSION_STRUCTURES


@dataclass(frozen=True)
class EventSummary:
    id: str
    title: str
    event_type: str
    fiscal_year: int
    first_date: dt.date | None
    sessions: int
    registrations: int


class SessionHasAttendance(UserError):
    def __init__(self, count: int, label: str) -> None:
        self.count = count
        super().__init__(
            f"日程「{label}」には出欠が{count}件記録されているため削除しません。"
            "削除しても出欠は履歴として残ります。削除する場合は確認のうえ、もう一度実行してください。"
        )


def session_label(s: m.TrainingSession | SessionData) -> str:
    from sasaeai_desktop.domain.wareki import format_date

    date_text = format_date(s.date, "short") if s.date else ""
    parts = [p for p in (s.label, date_text, s.venue) if p]
    return " ".join(parts)


def event_row(session: Any, event_id: str) -> m.TrainingEvent:
    ev = session.get(m.TrainingEvent, event_id)
    if ev is None or ev.deleted:
        raise NotFoundError(f"研修（ID {event_id}）が見つかりません。")
    return ev


def live_sessions(session: Any, event_id: str) -> list[m.TrainingSession]:
    s = m.TrainingSession
    return list(
        session.scalars(
            select(s).where(s.event_id == event_id, s.deleted.is_(False)).order_by(s.date, s.sort_order, s.start_time, s.id)
        )
    )


def session_datas(session: Any, event_id: str) -> list[SessionData]:
    return [SessionData(r.id, r.date, r.label, r.venue, r.capacity, r.start_time, r.end_time, r.required, r.sort_order)
            for r in live_sessions(session, event_id)]


def _validate_event(data: EventData) -> EventData:
    errors: dict[str, str] = {}
    title = clean_title(data.title)
    if not title:
        errors["title"] = "研修名を入力してください。"
    if data.event_type not in vocab.EVENT_TYPES:
        errors["event_type"] = f"種別「{data.event_type}」は使えません（{'、'.join(vocab.EVENT_TYPES)} のいずれか）。"
    if not 1990 <= int(data.fiscal_year) <= 2100:
        errors["fiscal_year"] = f"年度「{data.fiscal_year}」が正しくありません（西暦、例 2025）。"
    if data.session_structure not in vocab.SESSION_STRUCTURES:
        choices = "、".join(f"{k}（{v}）" for k, v in vocab.SESSION_STRUCTURES.items())
        errors["session_structure"] = f"日程の関係「{data.session_structure}」は使えません（{choices} のいずれか）。"
    for role in data.audiences:
        if role not in vocab.ROLES:
            errors["audiences"] = f"対象「{role}」は役割の一覧にありません（{'、'.join(vocab.ROLES)}）。"
    for i, s in enumerate(data.sessions, 1):
        problem = date_problem(s.date, RECORD, f"{i}番目の日程の日付")
        if problem:
            errors["sessions"] = problem
        if s.capacity is not None and s.capacity < 0:
            errors["sessions"] = f"{i}番目の日程の定員が負の数です。"
        if s.start_time and s.end_time and s.end_time < s.start_time:
            errors["sessions"] = f"{i}番目の日程の終了時刻が開始時刻より前です。"
    if errors:
        raise ValidationError(errors)
    return replace(
        data,
        title=title,
        co_hosts=clean_title(data.co_hosts),
        organiser=clean_title(data.organiser),
        program_notes=clean_text(data.program_notes, multiline=True),
        sessions=tuple(replace(s, label=clean_title(s.label), venue=clean_title(s.venue)) for s in data.sessions),
    )




def save_event(uow: UnitOfWork, data: EventData) -> str:
    """Create or update an event with its audiences, sessions, staff and survey parts.

    Sessions missing from ``data.sessions`` are removed through ``remove_session`` rules: a
    session with attendance is refused (SessionHasAttendance) — remove it explicitly with
    ``confirm=True``.
    """
    data = _validate_event(data)
    with uow:
        s = uow.session
        if data.id is None:
            ev = m.TrainingEvent(copied_from_id=data.copied_from_id)
            s.add(ev)
        else:
            ev = event_row(s, data.id)
        ev.event_type, ev.title, ev.fiscal_year = data.event_type, data.title, int(data.fiscal_year)
        ev.co_hosts, ev.program_notes, ev.organiser = data.co_hosts, data.program_notes, data.organiser
        ev.session_structure = data.session_structure
        s.flush()
        _sync_children(s, ev.id, data)
        s.flush()
        eid = ev.id
        uow.commit()
        return eid


def _sync_children(s: Any, event_id: str, data: EventData) -> None:
    # audiences
    au = m.EventAudience
    have = {r.role: r for r in s.scalars(select(au).where(au.event_id == event_id, au.deleted.is_(False)))}
    for role in data.audiences:
        if role not in have:
            s.add(au(event_id=event_id, role=role))
    for role, row in have.items():
        if role not in data.audiences:
            row.deleted = True
    # sessions
    existing = {r.id: r for r in live_sessions(s, event_id)}
    for i, sd in enumerate(data.sessions):
        row = existing.pop(sd.id, None) if sd.id else None
        if row is None:
            row = m.TrainingSession(event_id=event_id)
            s.add(row)
        row.date, row.label, row.venue, row.capacity = sd.date, sd.label, sd.venue, sd.capacity
        row.start_time, row.end_time, row.required = sd.start_time, sd.end_time, sd.required
        row.sort_order = sd.sort_order or i
    for row in existing.values():
        n = _attendance_count(s, row.id)
        if n:
            raise SessionHasAttendance(n, session_label(row))
        row.deleted = True
    # staff
    st = m.EventStaff
    have_staff = {r.id: r for r in s.scalars(select(st).where(st.event_id == event_id, st.deleted.is_(False)))}
    for staff in data.staff:
        row = have_staff.pop(staff.id, None) if staff.id else None
        if row is None:
            row = st(event_id=event_id, person_id=staff.person_id)
            s.add(row)
        row.person_id, row.kind, row.advisor_id = staff.person_id, staff.kind, staff.advisor_id
    for row in have_staff.values():
        row.deleted = True
    # survey parts
    q = m.SurveyQuestion
    have_q = {r.id: r for r in s.scalars(select(q).where(q.event_id == event_id, q.deleted.is_(False)))}
    for i, (qid, label) in enumerate(data.questions):
        row = have_q.pop(qid, None) if qid else None
        if row is None:
            row = q(event_id=event_id, label=clean_text(label))
            s.add(row)
        row.label, row.sort_order = clean_text(label), i
    for row in have_q.values():
        row.deleted = True


def get_event(uow: UnitOfWork, event_id: str) -> EventData:
    with uow:
        s = uow.session
        ev = event_row(s, event_id)
        sessions = tuple(session_datas(s, event_id))
        au = m.EventAudience
        roles = set(s.scalars(select(au.role).where(au.event_id == event_id, au.deleted.is_(False))))
        audiences = tuple(r for r in vocab.ROLES if r in roles) + tuple(sorted(roles - set(vocab.ROLES)))
        st, p = m.EventStaff, m.Person
        staff = tuple(
            StaffData(r[0], r[1], r[2], r[3], r[4])
            for r in s.execute(
                select(st.id, st.person_id, st.kind, p.name, st.advisor_id).join(p, p.id == st.person_id)
                .where(st.event_id == event_id, st.deleted.is_(False)).order_by(st.kind, p.kana_key)
            )
        )
        q = m.SurveyQuestion
        questions = tuple(
            (r[0], r[1]) for r in s.execute(
                select(q.id, q.label).where(q.event_id == event_id, q.deleted.is_(False)).order_by(q.sort_order, q.id)
            )
        )
        return EventData(ev.id, ev.event_type, ev.title, ev.fiscal_year, ev.co_hosts, ev.program_notes, ev.organiser,
                         audiences, sessions, staff, questions, ev.copied_from_id,
                         ev.session_structure or vocab.DEFAULT_SESSION_STRUCTURE)


def list_events(uow: UnitOfWork, fiscal_year: int | None = None, search: str = "") -> list[EventSummary]:
    """Events, the latest first; of one 年度, and/or matching ``search``: every word of it (split at
    spaces) in the title, type, co-hosts or a 日程's label or venue ('松本 フォロー')."""
    e, s, r = m.TrainingEvent, m.TrainingSession, m.Registration
    first = select(func.min(s.date)).where(s.event_id == e.id, s.deleted.is_(False)).scalar_subquery()
    # count(*), not count(id): the text primary key is not in the index, so counting it reads
    # every registration row; count(*) is answered from ix_registration_event_status alone.
    n_s = select(func.count()).where(s.event_id == e.id, s.deleted.is_(False)).scalar_subquery()
    n_r = select(func.count()).where(r.event_id == e.id, r.deleted.is_(False), r.status == ACTIVE).scalar_subquery()
    stmt = select(e.id, e.title, e.event_type, e.fiscal_year, first, n_s, n_r).where(e.deleted.is_(False))
    if fiscal_year is not None:
        stmt = stmt.where(e.fiscal_year == fiscal_year)
    for w in _search_words(search):
        # instr(), not LIKE: no wildcards to escape in what was typed; lower() folds ASCII (NPO = npo).
        title, kind, hosts, label, venue = (
            func.instr(func.lower(c), w) > 0 for c in (e.title, e.event_type, e.co_hosts, s.label, s.venue))
        in_session = select(s.id).where(s.event_id == e.id, s.deleted.is_(False), or_(label, venue)).exists()
        stmt = stmt.where(or_(title, kind, hosts, in_session))
    with uow:
        rows = uow.session.execute(stmt).all()
    out = [EventSummary(*row) for row in rows]
    return sorted(out, key=lambda x: (x.first_date or dt.date.max, x.title), reverse=True)


def _search_words(text: str) -> list[str]:
    """The typed words, folded as titles are stored (全角の英数字 = half-width, 全角 brackets kept:
    domain.names.clean_title) and lower-cased."""
    return [w.lower() for w in clean_title(text).split()]


def event_fiscal_years(uow: UnitOfWork) -> list[int]:
    """The 年度 that have events, the latest first (the 研修 page's 年度 filter)."""
    e = m.TrainingEvent
    with uow:
        return list(uow.session.scalars(
            select(e.fiscal_year).where(e.deleted.is_(False)).distinct().order_by(e.fiscal_year.desc())))


def delete_event(uow: UnitOfWork, event_id: str) -> None:
    with uow:
        event_row(uow.session, event_id).deleted = True
        uow.commit()


def _shift_year(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def copy_event(uow: UnitOfWork, event_id: str, fiscal_year: int | None = None, title: str | None = None) -> str:
    """Copy an event (usually last year's) into ``fiscal_year``: type, title, co-hosts, notes,
    audiences, staff, survey parts and sessions (same month and day, capacity and venue).
    Registrations and attendance are not copied."""
    src = get_event(uow, event_id)
    fy = fiscal_year if fiscal_year is not None else src.fiscal_year + 1
    years = fy - src.fiscal_year
    new_title = title
    if new_title is None:
        from sasaeai_desktop.domain.fiscal_year import fiscal_year_label

        old_label, new_label = fiscal_year_label(src.fiscal_year), fiscal_year_label(fy)
        new_title = src.title.replace(old_label, new_label) if old_label in src.title else src.title
    data = replace(
        src,
        id=None,
        title=new_title,
        fiscal_year=fy,
        sessions=tuple(replace(x, id=None, date=_shift_year(x.date, years)) for x in src.sessions),
        staff=tuple(replace(x, id=None) for x in src.staff),
        questions=tuple((None, label) for _, label in src.questions),
        copied_from_id=src.id,
    )
    return save_event(uow, data)


def _attendance_count(s: Any, session_id: str) -> int:
    a, r = m.Attendance, m.Registration
    return s.scalar(
        select(func.count(a.id)).join(r, r.id == a.registration_id)
        .where(a.session_id == session_id, a.deleted.is_(False), r.deleted.is_(False))
    ) or 0


def add_session(uow: UnitOfWork, event_id: str, data: SessionData) -> str:
    problem = date_problem(data.date, RECORD, "日程の日付")
    if problem:
        raise ValidationError({"sessions": problem})
    with uow:
        s = uow.session
        event_row(s, event_id)
        n = len(live_sessions(s, event_id))
        row = m.TrainingSession(event_id=event_id, date=data.date, label=clean_title(data.label), venue=clean_title(data.venue),
                                capacity=data.capacity, start_time=data.start_time, end_time=data.end_time,
                                required=data.required, sort_order=data.sort_order or n)
        s.add(row)
        s.flush()
        sid = row.id
        uow.commit()
        return sid


def remove_session(uow: UnitOfWork, session_id: str, *, confirm: bool = False) -> int:
    """Soft-delete a session. With attendance recorded it is refused (``SessionHasAttendance``
    carries the count) unless ``confirm``; the attendance rows stay as history. Returns the count."""
    with uow:
        s = uow.session
        row = s.get(m.TrainingSession, session_id)
        if row is None or row.deleted:
            raise NotFoundError("指定された日程は見つかりません。")
        n = _attendance_count(s, session_id)
        if n and not confirm:
            raise SessionHasAttendance(n, session_label(row))
        row.deleted = True
        uow.commit()
        return n
