"""Training events from planning to the attendance report (研修・情報交換会・現地見学 …).

Events with sessions (日程), audiences, co-hosts and staff; copying last year's event;
registrations with type-ahead person matching (髙橋 = 高橋 is *offered*, never merged silently);
over-capacity and duplicate flags; check-in per session (reception-desk search, walk-ins, the
ticked sign-in sheet entered afterwards in row order); 事前課題; 事後アンケート on the handbook's
4-point scale; group work (宮城県・高知県: a municipality's officials and its coordinators in
different groups, groups balanced by stage and population); coverage per municipality and role.

Every function takes a ``UnitOfWork`` and returns plain dataclasses.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Sequence

from sqlalchemy import and_, func, or_, select, update

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import completion, vocab
from sasaeai_desktop.domain.date_range import RECORD, date_problem
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.domain.names import clean_text, clean_title, kana_key, name_key, to_hiragana
from sasaeai_desktop.domain.errors import NotFoundError, UserError, ValidationError

ACTIVE = "登録"
STATUSES = ("登録", "キャンセル", "補欠")
WALK_IN_NOTE = "当日参加"  # the registration's note for someone added at the desk
STAFF_KINDS = ("講師", "アドバイザー", "ファシリテーター")
OFFICIAL_ROLES = frozenset({"市町村職員", "首長・管理職"})
COORDINATOR_ROLES = frozenset({"第1層SC", "第2層SC"})
CODE_LEN = 6  # the short code printed on the sign-in sheet: the registration id's last 6 hex digits
# The largest code point: ``key >= q AND key < q || MAX`` is a prefix match SQLite serves from an index.
_MAX_CHAR = "\U0010ffff"


# --- data ----------------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class PersonSuggestion:
    """A person the typed text may mean. ``variant`` — same key but written differently
    (髙橋 typed, 高橋 stored): offered as a possible match, the user decides."""

    id: str
    name: str
    kana: str
    municipality: str
    role: str
    affiliation: str
    variant: bool


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


@dataclass(frozen=True)
class QuestionSummary:
    question_id: str
    label: str
    counts: dict[int, int]  # rating → answers
    answered: int

    def percent(self, rating: int) -> float:
        return 100.0 * self.counts.get(rating, 0) / self.answered if self.answered else 0.0

    @property
    def good_percent(self) -> float:
        """とても良かった + 良かった."""
        return self.percent(1) + self.percent(2)


@dataclass(frozen=True)
class GroupMember:
    registration_id: str
    name: str
    kana: str
    municipality_id: str | None
    municipality: str
    role: str
    stage: int | None
    population: int | None


@dataclass(frozen=True)
class Group:
    label: str
    members: tuple[GroupMember, ...]
    conflicts: tuple[str, ...] = ()  # municipalities whose officials and coordinators share this group

    def stage_counts(self) -> dict[int | None, int]:
        return dict(Counter(mb.stage for mb in self.members))


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


class SessionHasAttendance(UserError):
    def __init__(self, count: int, label: str) -> None:
        self.count = count
        super().__init__(
            f"日程「{label}」には出欠が{count}件記録されているため削除しません。"
            "削除しても出欠は履歴として残ります。削除する場合は確認のうえ、もう一度実行してください。"
        )


class PersonChoiceNeeded(UserError):
    """Typed person data matches existing people: the caller must pick one or confirm a new person."""

    def __init__(self, candidates: list[PersonSuggestion]) -> None:
        self.candidates = candidates
        names = "、".join(f"{c.name}（{c.municipality or '市町村なし'}）" for c in candidates[:5])
        super().__init__(f"登録済みの人と一致する可能性があります: {names}。同じ人を選ぶか、別人として登録してください。")


# --- helpers -------------------------------------------------------------------------------------


def short_code(registration_id: str) -> str:
    return registration_id.replace("-", "")[-CODE_LEN:].upper()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _session_label(s: m.TrainingSession | SessionData) -> str:
    from sasaeai_desktop.domain.wareki import format_date

    date_text = format_date(s.date, "short") if s.date else ""
    parts = [p for p in (s.label, date_text, s.venue) if p]
    return " ".join(parts)


def session_label(s: SessionData) -> str:
    return _session_label(s)


def _event_row(session: Any, event_id: str) -> m.TrainingEvent:
    ev = session.get(m.TrainingEvent, event_id)
    if ev is None or ev.deleted:
        raise NotFoundError(f"研修（ID {event_id}）が見つかりません。")
    return ev


def _sessions(session: Any, event_id: str) -> list[m.TrainingSession]:
    s = m.TrainingSession
    return list(
        session.scalars(
            select(s).where(s.event_id == event_id, s.deleted.is_(False)).order_by(s.date, s.sort_order, s.start_time, s.id)
        )
    )


def _session_datas(session: Any, event_id: str) -> list[SessionData]:
    return [SessionData(r.id, r.date, r.label, r.venue, r.capacity, r.start_time, r.end_time, r.required, r.sort_order)
            for r in _sessions(session, event_id)]


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


# --- events --------------------------------------------------------------------------------------


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
            ev = _event_row(s, data.id)
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
    existing = {r.id: r for r in _sessions(s, event_id)}
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
            raise SessionHasAttendance(n, _session_label(row))
        row.deleted = True
    # staff
    st = m.EventStaff
    have_staff = {r.id: r for r in s.scalars(select(st).where(st.event_id == event_id, st.deleted.is_(False)))}
    for sd in data.staff:
        row = have_staff.pop(sd.id, None) if sd.id else None
        if row is None:
            row = st(event_id=event_id, person_id=sd.person_id)
            s.add(row)
        row.person_id, row.kind, row.advisor_id = sd.person_id, sd.kind, sd.advisor_id
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
        ev = _event_row(s, event_id)
        sessions = tuple(_session_datas(s, event_id))
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
        _event_row(uow.session, event_id).deleted = True
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


# --- sessions ------------------------------------------------------------------------------------


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
        _event_row(s, event_id)
        n = len(_sessions(s, event_id))
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
            raise SessionHasAttendance(n, _session_label(row))
        row.deleted = True
        uow.commit()
        return n


# --- people type-ahead ---------------------------------------------------------------------------


def _prefix(col: Any, q: str) -> Any:
    return and_(col >= q, col < q + _MAX_CHAR)


def suggest_people(uow: UnitOfWork, text: str, *, municipality_id: str | None = None, limit: int = 20) -> list[PersonSuggestion]:
    """People whose normalised name or reading starts with ``text``, same municipality first. A
    stored name that differs from what was typed but has the same key (髙橋 / 高橋) comes back
    with ``variant``.

    One statement: two index range scans (``person.name_key`` / ``person.kana_key`` between the
    prefix and its upper bound, in index order, a few dozen rows each) united into at most 120
    ids, which alone are joined and ordered (same municipality, whole name, reading). No row of
    the other 50,000 people is read and nothing is ranked in Python."""
    nk, kk = name_key(text), kana_key(text)
    if not nk and not kk:
        return []
    p, mun = m.Person, m.Municipality
    # ifnull() keeps SQLite off ix_person_merged_into_id: "merged_into_id IS NULL" holds for almost
    # every row, and without statistics the planner would scan that index instead of the key range.
    live = (p.deleted.is_(False), func.ifnull(p.merged_into_id, "") == "")
    inner = max(limit, 60)  # a few more candidates than shown, so that the same municipality can come first
    parts = []
    if nk:
        parts.append(select(p.id.label("pid")).where(_prefix(p.name_key, nk), *live).order_by(p.name_key).limit(inner))
    if kk:
        parts.append(select(p.id.label("pid")).where(_prefix(p.kana_key, kk), *live).order_by(p.kana_key).limit(inner))
    from sqlalchemy import case, union

    ids = (union(*[x.subquery().select() for x in parts]) if len(parts) > 1 else parts[0]).subquery("hits")
    order = [case((p.municipality_id == municipality_id, 0), else_=1)] if municipality_id else []
    order += [case((p.name_key == nk, 0), else_=1), p.kana_key, p.id]
    stmt = (
        select(p.id, p.name, p.kana, func.coalesce(mun.name, ""), p.role, p.affiliation, p.name_key, p.kana_key)
        .join(ids, ids.c.pid == p.id).outerjoin(mun, mun.id == p.municipality_id)
        .order_by(*order).limit(limit)
    )
    with uow:
        rows = uow.session.execute(stmt).all()
    typed = "".join(clean_text(text).split())
    out = []
    for r in rows:
        # found through the folded key only: the stored spelling differs from what was typed
        by_name = bool(nk) and r[6].startswith(nk)
        variant = by_name and not "".join(clean_text(r[1]).split()).startswith(typed) and not (kk and r[7].startswith(kk))
        out.append(PersonSuggestion(r[0], r[1], r[2], r[3], r[4], r[5], variant))
    return out


def matching_people(uow: UnitOfWork, name: str, kana: str = "", municipality_id: str | None = None) -> list[PersonSuggestion]:
    """Existing people who may be the one typed: same name_key (髙橋 = 高橋) or same reading."""
    nk, kk = name_key(name), kana_key(kana)
    if not nk:
        return []
    p, mun = m.Person, m.Municipality
    conds = [p.name_key == nk]
    if kk:
        conds.append(and_(p.kana_key == kk, p.municipality_id == municipality_id) if municipality_id else p.kana_key == kk)
    stmt = (
        select(p.id, p.name, p.kana, func.coalesce(mun.name, ""), p.role, p.affiliation, p.municipality_id, p.name_key)
        .outerjoin(mun, mun.id == p.municipality_id)
        .where(p.deleted.is_(False), p.merged_into_id.is_(None), or_(*conds)).limit(50)
    )
    with uow:
        rows = uow.session.execute(stmt).all()
    typed = clean_text(name).replace(" ", "")
    rows.sort(key=lambda r: (r[6] != municipality_id, r[1].replace(" ", "") != typed, r[0]))
    return [PersonSuggestion(r[0], r[1], r[2], r[3], r[4], r[5], r[1].replace(" ", "").replace("\u3000", "") != typed)
            for r in rows]


# --- registrations -------------------------------------------------------------------------------


def _next_row_order(s: Any, event_id: str) -> int:
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
    for sess in _sessions(s, event_id):
        if session_id not in (None, sess.id) or sess.capacity is None:
            continue
        n = s.scalar(select(func.count(r.id)).where(
            r.event_id == event_id, r.deleted.is_(False), r.status == ACTIVE,
            or_(r.session_id.is_(None), r.session_id == sess.id)))
        if n > sess.capacity:
            warnings.append(f"日程「{_session_label(sess)}」は定員{sess.capacity}人を超えています（{n}人）。")
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
        _event_row(s, event_id)
        person = s.get(m.Person, person_id)
        if person is None or person.deleted:
            raise NotFoundError("指定された人は見つかりません。")
        if session_id is not None:
            sess = s.get(m.TrainingSession, session_id)
            if sess is None or sess.deleted or sess.event_id != event_id:
                raise NotFoundError("指定された日程はこの研修にありません。")
        row = m.Registration(event_id=event_id, person_id=person_id, session_id=session_id, status=status,
                             walk_in=walk_in, registered_on=dt.date.today(), row_order=_next_row_order(s, event_id),
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
    session_id: str | None | type = ...,  # type: ignore[assignment]
    notes: str | None = None,
) -> None:
    with uow:
        row = _registration(uow.session, registration_id)
        if status is not None:
            if status not in STATUSES:
                raise ValidationError({"status": f"状態は {'、'.join(STATUSES)} のいずれかです。"})
            row.status = status
        if pre_assignment_received is not None:
            row.pre_assignment_received = pre_assignment_received
        if group_label is not None:
            row.group_label = clean_text(group_label)
        if session_id is not ...:
            row.session_id = session_id  # type: ignore[assignment]
        if notes is not None:
            row.notes = clean_text(notes, multiline=True)
        uow.commit()


def set_pre_assignment(uow: UnitOfWork, registration_id: str, received: bool) -> None:
    update_registration(uow, registration_id, pre_assignment_received=received)


def _registration(s: Any, registration_id: str) -> m.Registration:
    row = s.get(m.Registration, registration_id)
    if row is None or row.deleted:
        raise NotFoundError("指定された申込は見つかりません。")
    return row


def _muni_display_expr() -> tuple[Any, Any, Any]:
    from sqlalchemy.orm import aliased

    mun = aliased(m.Municipality, name="mun")
    parent = aliased(m.Municipality, name="parent")
    from sqlalchemy import case

    display = case((mun.parent_id.is_not(None), func.coalesce(parent.name, "") + mun.name), else_=func.coalesce(mun.name, ""))
    return mun, parent, display


def list_registrations(uow: UnitOfWork, event_id: str, *, include_cancelled: bool = True) -> list[RegistrationRow]:
    """Every registration of the event in sign-in-sheet order, with attendance per session and flags."""
    r, p = m.Registration, m.Person
    mun, parent, display = _muni_display_expr()
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
        _event_row(s, event_id)
        sessions = _session_datas(s, event_id)
        labels = {x.id: _session_label(x) for x in sessions}
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


def renumber(uow: UnitOfWork, event_id: str, *, by: str = "municipality") -> None:
    """Set the sign-in sheet's row order: by municipality code then reading (default) or by reading."""
    r, p, mu = m.Registration, m.Person, m.Municipality
    order = (func.coalesce(mu.code, "999999"), p.kana_key, r.id) if by == "municipality" else (p.kana_key, r.id)
    with uow:
        s = uow.session
        ids = s.scalars(
            select(r.id).join(p, p.id == r.person_id).outerjoin(mu, mu.id == p.municipality_id)
            .where(r.event_id == event_id, r.deleted.is_(False)).order_by(*order)
        ).all()
        s.execute(update(r), [{"id": i, "row_order": n} for n, i in enumerate(ids, 1)])
        uow.commit()


# --- check-in ------------------------------------------------------------------------------------


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
    mun, parent, display = _muni_display_expr()
    a = m.Attendance
    present = (
        select(a.present).where(a.registration_id == r.id, a.session_id == session_id, a.deleted.is_(False))
        .order_by(a.updated_at.desc()).limit(1).scalar_subquery()
        if session_id else select(None).scalar_subquery()
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
                return f"{hit[0]} さんの申込は「{_session_label(other)}」の日程です。"
        return f"受付コード {q} はこの研修の申込にありません。"
    return f"「{q}」に当たる申込者はいません。当日参加なら Ctrl+Enter（［当日参加を追加…］）で登録できます。"


def mark_attendance(uow: UnitOfWork, registration_id: str, session_id: str, present: bool = True) -> None:
    """Record present/absent for one session (one row per registration and session, updated in place)."""
    with uow:
        s = uow.session
        reg = _registration(s, registration_id)
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
    row.checked_in_at = _now() if present else None


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


# --- survey --------------------------------------------------------------------------------------


def record_answers(uow: UnitOfWork, registration_id: str | None, answers: dict[str, int | None], *,
                   comment: str = "", event_id: str | None = None) -> None:
    """One participant's 事後アンケート: question id → rating 1..4 (None = no answer).
    ``registration_id`` None for an anonymous sheet (then ``event_id`` checks the questions)."""
    for qid, rating in answers.items():
        if rating is not None and rating not in vocab.SURVEY_SCALE:
            raise ValidationError({"rating": f"評価は1〜4（{'・'.join(vocab.SURVEY_SCALE.values())}）です。"})
    with uow:
        s = uow.session
        if registration_id is not None:
            event_id = _registration(s, registration_id).event_id
            sa = m.SurveyAnswer
            for old in s.scalars(select(sa).where(sa.registration_id == registration_id, sa.deleted.is_(False),
                                                  sa.question_id.in_(list(answers)))):
                old.deleted = True
        q = m.SurveyQuestion
        valid = set(s.scalars(select(q.id).where(q.event_id == event_id, q.deleted.is_(False))))
        last = list(answers)[-1] if answers else None
        for qid, rating in answers.items():
            if qid not in valid:
                raise NotFoundError("アンケートの項目がこの研修にありません。")
            s.add(m.SurveyAnswer(registration_id=registration_id, question_id=qid, rating=rating,
                                 comment=clean_text(comment, multiline=True) if qid == last else ""))
        uow.commit()


def survey_summary(uow: UnitOfWork, event_id: str) -> list[QuestionSummary]:
    """Per program part: answers per rating and the percentages (of those who answered)."""
    q, a = m.SurveyQuestion, m.SurveyAnswer
    with uow:
        qs = uow.session.execute(
            select(q.id, q.label).where(q.event_id == event_id, q.deleted.is_(False)).order_by(q.sort_order, q.id)
        ).all()
        counts: dict[str, Counter[int]] = defaultdict(Counter)
        for qid, rating, n in uow.session.execute(
            select(a.question_id, a.rating, func.count(a.id)).join(q, q.id == a.question_id)
            .where(q.event_id == event_id, a.deleted.is_(False), a.rating.is_not(None)).group_by(a.question_id, a.rating)
        ):
            counts[qid][int(rating)] = n
    return [QuestionSummary(qid, label, {k: counts[qid].get(k, 0) for k in vocab.SURVEY_SCALE}, sum(counts[qid].values()))
            for qid, label in qs]


def survey_comments(uow: UnitOfWork, event_id: str) -> list[str]:
    q, a = m.SurveyQuestion, m.SurveyAnswer
    with uow:
        return [c for c in uow.session.scalars(
            select(a.comment).join(q, q.id == a.question_id)
            .where(q.event_id == event_id, a.deleted.is_(False), a.comment != "").order_by(a.created_at)
        )]


# --- group work ----------------------------------------------------------------------------------


def _kind_of(role: str) -> str:
    if role in OFFICIAL_ROLES:
        return "official"
    if role in COORDINATOR_ROLES:
        return "coordinator"
    return "other"


def _latest_stages(s: Any, municipality_ids: Iterable[str]) -> dict[str, int]:
    st = m.MunicipalityStatus
    ids = sorted({i for i in municipality_ids if i})
    out: dict[str, tuple[int, int]] = {}
    for i in range(0, len(ids), 500):
        for mid, fy, stage in s.execute(
            select(st.municipality_id, st.fiscal_year, st.stage)
            .where(st.municipality_id.in_(ids[i:i + 500]), st.deleted.is_(False), st.stage.is_not(None))
        ):
            if mid not in out or fy > out[mid][0]:
                out[mid] = (fy, stage)
    return {k: v[1] for k, v in out.items()}


def _group_members(s: Any, event_id: str, session_id: str | None, *, only_tied: bool = False) -> list[tuple[GroupMember, str, str]]:
    """(member, municipality code, group label) of the active registrations (present ones when
    attendance for the session is recorded); ``only_tied``: those registered for that very 日程,
    not those registered for every 日程."""
    r, p, mu = m.Registration, m.Person, m.Municipality
    stmt = (
        select(r.id, p.name, p.kana, p.municipality_id, func.coalesce(mu.name, ""), p.role, mu.population,
               func.coalesce(mu.code, ""), r.group_label, p.kana_key)
        .join(p, p.id == r.person_id).outerjoin(mu, mu.id == p.municipality_id)
        .where(r.event_id == event_id, r.deleted.is_(False), r.status == ACTIVE)
    )
    if session_id:
        stmt = stmt.where(r.session_id == session_id if only_tied else or_(r.session_id.is_(None), r.session_id == session_id))
    rows = s.execute(stmt).all()
    if session_id:
        a = m.Attendance
        absent = set(s.scalars(select(a.registration_id).where(a.session_id == session_id, a.deleted.is_(False),
                                                               a.present.is_(False))))
        rows = [x for x in rows if x[0] not in absent]
    stages = _latest_stages(s, (x[3] for x in rows))
    return [(GroupMember(x[0], x[1], x[2], x[3], x[4], x[5], stages.get(x[3]) if x[3] else None, x[6]), x[7], x[8])
            for x in sorted(rows, key=lambda x: (x[7], x[9], x[0]))]


def _pop_band(population: int | None) -> int:
    if population is None:
        return -1
    for band, limit in enumerate((10_000, 30_000, 100_000, 300_000)):
        if population < limit:
            return band
    return 4


def plan_groups(members: Sequence[GroupMember], size: int) -> list[list[GroupMember]]:
    """Deterministic assignment: groups of about ``size``; per municipality, officials
    (市町村職員・首長・管理職) and coordinators (第1層SC・第2層SC) in different groups whenever
    possible; each group gets a share of every stage and population band; people of one
    municipality spread out. Same input → same groups."""
    if size < 2:
        raise ValidationError({"size": "1グループの人数は2人以上にしてください。"})
    n = len(members)
    if n == 0:
        return []
    k = max(1, math.ceil(n / size))
    cap = math.ceil(n / k)
    groups: list[list[GroupMember]] = [[] for _ in range(k)]
    stage_n: list[Counter[Any]] = [Counter() for _ in range(k)]
    band_n: list[Counter[int]] = [Counter() for _ in range(k)]
    muni_kind: list[dict[str | None, set[str]]] = [defaultdict(set) for _ in range(k)]
    muni_size = Counter(mb.municipality_id for mb in members if mb.municipality_id)
    # Hardest first: municipalities with the most participants, officials and coordinators first;
    # then by stage and population so each band is dealt round the groups.
    order = sorted(members, key=lambda mb: (
        -muni_size.get(mb.municipality_id, 0), mb.municipality_id or "", _kind_of(mb.role) == "other",
        -(mb.stage or 0), -(mb.population or 0), mb.kana, mb.registration_id))
    for mb in order:
        kind = _kind_of(mb.role)
        opposite = {"official": "coordinator", "coordinator": "official"}.get(kind)
        band = _pop_band(mb.population)

        def cost(g: int) -> tuple[Any, ...]:
            kinds = muni_kind[g].get(mb.municipality_id, set()) if mb.municipality_id else set()
            clash = 1 if opposite and opposite in kinds else 0
            same_muni = 1 if kinds else 0
            return (len(groups[g]) >= cap, clash, same_muni, stage_n[g][mb.stage], band_n[g][band], len(groups[g]), g)

        best = min(range(k), key=cost)
        groups[best].append(mb)
        stage_n[best][mb.stage] += 1
        band_n[best][band] += 1
        if mb.municipality_id:
            muni_kind[best][mb.municipality_id].add(kind)
    _separate_officials_and_coordinators(groups)
    for g in groups:
        g.sort(key=lambda mb: (mb.municipality or "", mb.kana, mb.registration_id))
    return groups


def _clash_count(members: Sequence[GroupMember]) -> int:
    kinds: dict[str, set[str]] = defaultdict(set)
    for mb in members:
        if mb.municipality_id:
            kinds[mb.municipality_id].add(_kind_of(mb.role))
    return sum(1 for ks in kinds.values() if {"official", "coordinator"} <= ks)


def _separate_officials_and_coordinators(groups: list[list[GroupMember]]) -> None:
    """Swap pairs of members between groups while that leaves fewer groups where a municipality's
    official sits with its coordinator. The greedy pass above places one person at a time and
    cannot see ahead: 松本市's two SCs spread over both groups first, and its officials then clash
    wherever they go. A swap keeps the group sizes; among the swaps that help, one between people
    of the same stage and population band is taken, so the balance stays. Deterministic."""
    for _round in range(4 * sum(len(g) for g in groups)):  # each swap removes at least one clash
        best: tuple[Any, ...] | None = None
        for gi, g in enumerate(groups):
            here = _clash_count(g)
            if not here:
                continue
            for ai, a in enumerate(g):
                if _kind_of(a.role) == "other":
                    continue
                for hi, h in enumerate(groups):
                    if hi == gi:
                        continue
                    there = _clash_count(h)
                    for bi, b in enumerate(h):
                        if b.municipality_id == a.municipality_id and _kind_of(b.role) == _kind_of(a.role):
                            continue
                        new_g = [*g[:ai], b, *g[ai + 1:]]
                        new_h = [*h[:bi], a, *h[bi + 1:]]
                        gain = here + there - _clash_count(new_g) - _clash_count(new_h)
                        if gain <= 0:
                            continue
                        key = (-gain, a.stage != b.stage, _pop_band(a.population) != _pop_band(b.population), gi, ai, hi, bi)
                        if best is None or key < best:
                            best = key
        if best is None:
            return
        gi, ai, hi, bi = best[3:]
        groups[gi][ai], groups[hi][bi] = groups[hi][bi], groups[gi][ai]


def _conflicts(members: Sequence[GroupMember]) -> tuple[str, ...]:
    kinds: dict[str | None, set[str]] = defaultdict(set)
    names: dict[str | None, str] = {}
    for mb in members:
        if mb.municipality_id:
            kinds[mb.municipality_id].add(_kind_of(mb.role))
            names[mb.municipality_id] = mb.municipality
    return tuple(sorted(names[mid] for mid, ks in kinds.items() if {"official", "coordinator"} <= ks))


def assign_groups(uow: UnitOfWork, event_id: str, size: int, *, session_id: str | None = None, prefix: str = "") -> list[Group]:
    """Assign the event's participants to groups (``plan_groups``) and store the labels (1班, 2班 …).

    An event on alternative dates (同じ内容の日程から選ぶ) is grouped date by date, labelled with
    the 日程 (「北信会場 1班」): people who come on different days cannot work together. Whoever
    registered for no date in particular is grouped after them, unlabelled by date."""
    with uow:
        s = uow.session
        ev = _event_row(s, event_id)
        dates = _sessions(s, event_id)
        if session_id is None and ev.session_structure == completion.ALTERNATIVES and len(dates) > 1:
            parts = [(f"{prefix}{_group_prefix(x)} ", [y[0] for y in _group_members(s, event_id, x.id, only_tied=True)])
                     for x in dates]
            tied = {mb.registration_id for _p, ms in parts for mb in ms}
            parts.append((prefix, [y[0] for y in _group_members(s, event_id, None) if y[0].registration_id not in tied]))
        else:
            parts = [(prefix, [x[0] for x in _group_members(s, event_id, session_id)])]
        r = m.Registration
        labels = {}
        for pre, members in parts:
            for i, g in enumerate(plan_groups(members, size), 1):
                for mb in g:
                    labels[mb.registration_id] = f"{pre}{i}班"
        if labels:
            s.execute(update(r), [{"id": rid, "group_label": lab, "updated_at": _now()} for rid, lab in labels.items()])
        uow.commit()
    return groups(uow, event_id, session_id=session_id)


def move_to_group(uow: UnitOfWork, registration_id: str, group_label: str) -> None:
    update_registration(uow, registration_id, group_label=group_label)


def _group_prefix(x: m.TrainingSession) -> str:
    return x.label or f"{x.date.month}/{x.date.day}"


def _label_key(label: str, prefixes: Sequence[str] = ()) -> tuple[Any, ...]:
    """1班 < 2班 < 10班; with 日程 prefixes (「北信会場 2班」) the 日程 in their order first."""
    first = next((i for i, p in enumerate(prefixes) if label.startswith(p + " ")), len(prefixes))
    rest = label[len(prefixes[first]) + 1:] if first < len(prefixes) else label
    digits = "".join(ch for ch in rest if ch.isdigit())
    return (first, 0, int(digits), label) if digits else (first, 1, 0, label)


def groups(uow: UnitOfWork, event_id: str, *, session_id: str | None = None) -> list[Group]:
    """The stored groups ('' = not assigned, last) with conflict notes."""
    with uow:
        rows = _group_members(uow.session, event_id, session_id)
        prefixes = [_group_prefix(x) for x in _sessions(uow.session, event_id)]
    by: dict[str, list[GroupMember]] = defaultdict(list)
    for mb, _code, label in rows:
        by[label].append(mb)
    out = []
    for label in sorted(by, key=lambda x: (x == "", _label_key(x, prefixes))):
        ms = sorted(by[label], key=lambda mb: (mb.municipality, mb.kana, mb.registration_id))
        out.append(Group(label, tuple(ms), _conflicts(ms) if label else ()))
    return out


# --- certificates --------------------------------------------------------------------------------


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


# --- coverage ------------------------------------------------------------------------------------


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
    rows.sort(key=lambda x: (x[0] or "999999", x[2], x[10], x[9] or dt.date.max, x[5]))
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
