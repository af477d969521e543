"""What each list page shows: its columns and the SQL of their values, its search, filters and
default order (``services.listing`` pages, sorts and counts them). A list kind is one builder here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from functools import cached_property
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import Integer
from sqlalchemy import Select
from sqlalchemy import SQLColumnExpression
from sqlalchemy import and_
from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import literal
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.orm import aliased

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.services.list_types import ListColumn

Expr = SQLColumnExpression[Any]
_Shown = tuple[ListColumn, Expr]


def _col(key: str, label: str, width: int, expr: Expr, kind: str = "text") -> _Shown:
    """A list column and the SQL of its value (also its sort key)."""
    return ListColumn(key, label, width, kind), expr


@dataclass(frozen=True)
class ListSpec:
    kind: str
    title: str
    shown: tuple[_Shown, ...]
    id_expr: Expr
    base: Callable[[], Select[Any]]  # select_from + joins + where deleted = 0
    search: Callable[[str], ColumnElement[bool]]
    default_sort: str
    filters: dict[str, Callable[[Any], ColumnElement[bool]]] = field(default_factory=dict)
    # The rows of ``base`` without its outer joins, for counting when nothing is searched:
    # the joins only add display columns, and skipping them halves the count on 50,000 rows.
    count_base: Callable[[], Select[Any]] | None = None

    @cached_property
    def columns(self) -> tuple[ListColumn, ...]:
        return tuple(column for column, _expr in self.shown)

    @cached_property
    def exprs(self) -> dict[str, Expr]:
        return {column.key: expr for column, expr in self.shown}


def _contains(expr: Expr, text: str) -> ColumnElement[bool]:
    # instr() rather than LIKE: no escaping of % and _ typed by the user, and no ICU needed.
    return func.instr(expr, literal(text)) > 0


def _containing(text: str, *exprs: Expr) -> list[ColumnElement[bool]]:
    return [_contains(expr, text) for expr in exprs]


def _muni_display(mun: Any, parent: Any) -> ColumnElement[str]:
    """'札幌市中央区' for a ward, the name alone otherwise."""
    return case((mun.parent_id.is_not(None), func.coalesce(parent.name, "") + mun.name), else_=mun.name)


def _muni_aliases() -> tuple[Any, Any]:
    """The municipality a row points at and its parent city (for '札幌市中央区'), as ``mun`` / ``parent``."""
    return aliased(m.Municipality, name="mun"), aliased(m.Municipality, name="parent")


def _municipality_named(municipality_id: Any, q: str, *, display: bool = True) -> ColumnElement[bool]:
    """Rows whose municipality's name (``display``: as shown, 「札幌市中央区」) contains ``q``. The
    couple of hundred names are searched once, instead of the name being built again for each of
    50,000 visits (visits 「松本」 at demo scale 20: 86 → 57 ms)."""
    mun, parent = aliased(m.Municipality), aliased(m.Municipality)
    name = _muni_display(mun, parent) if display else mun.name
    return municipality_id.in_(select(mun.id).outerjoin(parent, parent.id == mun.parent_id).where(_contains(name, q)))


def _activity_filters(municipality_id: Any, day: Any) -> dict[str, Callable[[Any], ColumnElement[bool]]]:
    """What the activity lists (visits, consultations, dispatches) are narrowed by: the municipality
    and the 年度 of the activity's day."""
    return {"municipality_id": lambda val: municipality_id == val, "fiscal_year": _in_fiscal_year(day)}


def _undeleted(table: Any) -> Callable[[], Select[Any]]:
    return lambda: select().select_from(table).where(table.deleted.is_(False))


def _from_with_municipality(table: Any, mun: Any, parent: Any, *, required: bool) -> Select[Any]:
    """``table``'s rows joined to the municipality they point at and that one's parent city (the
    'municipality' column, 「札幌市中央区」); ``required``: every row has one (an inner join)."""
    on = mun.id == table.municipality_id
    stmt = select().select_from(table)
    stmt = stmt.join(mun, on) if required else stmt.outerjoin(mun, on)
    return stmt.outerjoin(parent, parent.id == mun.parent_id)


def _in_fiscal_year(day: Any) -> Callable[[int], ColumnElement[bool]]:
    """The 'fiscal_year' filter: ``day`` falls in 年度 fy (1 April fy to 31 March fy+1)."""
    return lambda fy: and_(day >= dt.date(fy, 4, 1), day < dt.date(fy + 1, 4, 1))


def _municipalities() -> ListSpec:
    mun, parent = _muni_aliases()
    display = _muni_display(mun, parent)
    shown = (
        _col("code", "コード", 70, mun.code),
        _col("name", "市町村名", 140, display),
        _col("kana", "ふりがな", 150, mun.kana),
        _col("kind", "種別", 60, mun.kind),
        _col("county", "郡", 90, mun.county),
        _col("population", "人口", 80, mun.population, "int"),
        _col("aging_rate", "高齢化率(%)", 90, mun.aging_rate, "float"),
        _col("daily_life_areas", "日常生活圏域数", 100, mun.daily_life_areas, "int"),
    )

    def base() -> Select[Any]:
        return select().select_from(mun).outerjoin(parent, parent.id == mun.parent_id).where(mun.deleted.is_(False))

    def search(q: str) -> ColumnElement[bool]:
        return or_(_contains(display, q), _contains(mun.kana, kana_key(q) or q), _contains(mun.code, q))

    filters = {"kind": lambda v: mun.kind == v}
    return ListSpec("municipalities", "市町村", shown, mun.id, base, search, "code", filters, _undeleted(mun))


def _people() -> ListSpec:
    p = m.Person
    mun, parent = _muni_aliases()
    org = aliased(m.Organisation, name="org")
    affiliation = func.coalesce(org.name, p.affiliation)
    shown = (
        _col("name", "氏名", 120, p.name),
        _col("kana", "ふりがな", 140, p.kana),
        _col("role", "役割", 100, p.role),
        _col("municipality", "市町村", 110, _muni_display(mun, parent)),
        _col("affiliation", "所属", 180, affiliation),
        _col("title", "職名", 90, p.title),
        _col("phone", "電話", 120, p.phone),
        _col("email", "メール", 200, p.email),
    )

    def base() -> Select[Any]:
        return (
            _from_with_municipality(p, mun, parent, required=False)
            .outerjoin(org, org.id == p.organisation_id)
            # ifnull(): with "merged_into_id IS NULL" SQLite walks ix_person_merged_into_id (every
            # row is NULL there) and then sorts; a plain scan is cheaper for a sorted page.
            .where(p.deleted.is_(False), func.ifnull(p.merged_into_id, "") == "")
        )

    def search(q: str) -> ColumnElement[bool]:
        conds = [_contains(p.name_key, name_key(q)), _contains(affiliation, q), _contains(p.email, q)]
        if kana_key(q):
            conds.append(_contains(p.kana_key, kana_key(q)))
        return or_(*conds)

    filters = {"role": lambda v: p.role == v, "municipality_id": lambda v: p.municipality_id == v}
    return ListSpec("people", "人", shown, p.id, base, search, "kana", filters,
                 lambda: select().select_from(p).where(p.deleted.is_(False), p.merged_into_id.is_(None)))


def _current_fiscal_year_sql() -> ColumnElement[int]:
    """This 年度 computed by SQLite at query time (the year of today minus three months), so a
    list built before 1 April is still right after it."""
    return func.cast(func.strftime("%Y", "now", "localtime", "-3 months"), Integer)


def _advisors() -> ListSpec:
    a = m.Advisor
    p = m.Person
    f, af = m.ActivityField, m.AdvisorField
    asg = m.AdvisorAssignment
    amun = aliased(m.Municipality, name="amun")
    fy = _current_fiscal_year_sql()
    in_charge = (
        asg.advisor_id == a.id, asg.deleted.is_(False), amun.deleted.is_(False),
        or_(asg.from_fy.is_(None), asg.from_fy <= fy), or_(asg.to_fy.is_(None), asg.to_fy >= fy),
    )
    # group_concat keeps the order of the rows it is fed: fields in list order, towns by code.
    field_rows = (
        select(f.name.label("v")).join(af, af.field_id == f.id)
        .where(af.advisor_id == a.id, af.deleted.is_(False), f.deleted.is_(False))
        .order_by(f.sort_order, f.name).correlate(a).subquery()
    )
    fields = select(func.group_concat(field_rows.c.v, "、")).scalar_subquery()
    role_mark = case((asg.role == "主担当", "（主）"), (asg.role == "副担当", "（副）"), else_="")
    muni_rows = (
        select((amun.name + role_mark).label("v")).join(asg, asg.municipality_id == amun.id)
        .where(*in_charge).order_by(amun.code).correlate(a).subquery()
    )
    munis = select(func.group_concat(muni_rows.c.v, "、")).scalar_subquery()
    shown = (
        _col("name", "氏名", 100, p.name),
        _col("kana", "ふりがな", 120, p.kana),
        _col("category", "区分", 90, a.category),
        _col("affiliation", "所属", 160, a.affiliation),
        _col("fields", "活動分野", 150, fields),
        _col("activity", "日頃の活動分野", 190, a.activity_text),  # the one stretched to the window
        _col("phone_ok", "電話公開", 64, a.publish_phone, "bool"),
        _col("email_ok", "メール公開", 76, a.publish_email, "bool"),
        _col("municipalities", "担当市町村", 130, munis),
    )

    def base() -> Select[Any]:
        return select().select_from(a).join(p, p.id == a.person_id).where(a.deleted.is_(False), p.deleted.is_(False))

    def search(q: str) -> ColumnElement[bool]:
        """氏名 (髙 = 高), ふりがな, 所属, 活動分野 (the list's names and the free text), 担当市町村."""
        conds = [_contains(p.name_key, name_key(q)), _contains(a.affiliation, q), _contains(a.activity_text, q)]
        kk = kana_key(q)
        if kk:
            conds.append(_contains(p.kana_key, kk))
        conds.append(a.id.in_(
            select(af.advisor_id).join(f, f.id == af.field_id)
            .where(af.deleted.is_(False), f.deleted.is_(False), _contains(f.name, q))
        ))
        town = _contains(amun.name, q) if not kk else or_(_contains(amun.name, q), _contains(amun.kana, kk))
        conds.append(a.id.in_(
            select(asg.advisor_id).join(amun, amun.id == asg.municipality_id)
            .where(asg.deleted.is_(False), amun.deleted.is_(False), town,
                   or_(asg.from_fy.is_(None), asg.from_fy <= fy), or_(asg.to_fy.is_(None), asg.to_fy >= fy))
        ))
        return or_(*conds)

    filters = {
        "category": lambda v: a.category == v,
        "field_id": lambda v: a.id.in_(select(af.advisor_id).where(af.field_id == v, af.deleted.is_(False))),
        "municipality_id": lambda v: a.id.in_(
            select(asg.advisor_id).join(amun, amun.id == asg.municipality_id).where(*in_charge[1:], asg.municipality_id == v)
        ),
        "active_fy": lambda v: and_(
            or_(a.active_from_fy.is_(None), a.active_from_fy <= v), or_(a.active_to_fy.is_(None), a.active_to_fy >= v)
        ),
    }
    return ListSpec("advisors", "アドバイザー", shown, a.id, base, search, "kana", filters)


def _visits() -> ListSpec:
    v = m.Visit
    mun, parent = _muni_aliases()
    shown = (
        _col("visit_date", "訪問日", 95, v.visit_date, "date"),
        # A draft is listed (to be finished) but marked: it is counted nowhere (services/activities/visits.py).
        _col("draft", "状態", 56, case((v.is_draft.is_(True), "下書き"), else_="")),
        _col("municipality", "市町村", 110, _muni_display(mun, parent)),
        _col("purpose_category", "目的区分", 110, v.purpose_category),
        _col("purpose", "目的", 220, func.substr(v.purpose, 1, 80)),
        _col("advice", "助言内容", 280, func.substr(v.advice, 1, 80)),
        _col("next_visit_date", "次回予定", 95, v.next_visit_date, "date"),
    )

    def base() -> Select[Any]:
        return _from_with_municipality(v, mun, parent, required=True).where(v.deleted.is_(False))

    def search(q: str) -> ColumnElement[bool]:
        return or_(_municipality_named(v.municipality_id, q), *_containing(q, v.purpose, v.observations, v.issues, v.advice))

    filters = {**_activity_filters(v.municipality_id, v.visit_date), "is_draft": lambda val: v.is_draft.is_(bool(val))}
    return ListSpec("visits", "訪問", shown, v.id, base, search, "visit_date", filters, _undeleted(v))


def _consultations() -> ListSpec:
    c = m.Consultation
    mun, parent = _muni_aliases()
    who = aliased(m.Person, name="who")
    shown = (
        _col("received_date", "受付日", 95, c.received_date, "date"),
        _col("channel", "方法", 60, c.channel),
        _col("municipality", "市町村", 110, _muni_display(mun, parent)),
        _col("from", "相談者", 110, func.coalesce(who.name, c.from_name)),
        _col("topics", "分類", 140, c.topics),
        _col("question", "相談内容", 300, func.substr(c.question, 1, 80)),
        _col("closed", "完了", 50, c.is_closed, "bool"),
    )

    def base() -> Select[Any]:
        return (
            _from_with_municipality(c, mun, parent, required=False)
            .outerjoin(who, who.id == c.person_id)
            .where(c.deleted.is_(False))
        )

    def search(q: str) -> ColumnElement[bool]:
        return or_(_municipality_named(c.municipality_id, q, display=False), *_containing(q, c.topics, c.question, c.answer))

    filters = _activity_filters(c.municipality_id, c.received_date)
    return ListSpec("consultations", "相談", shown, c.id, base, search, "received_date", filters, _undeleted(c))


def _dispatches() -> ListSpec:
    x = m.Dispatch
    mun, parent = _muni_aliases()
    first_day = (
        select(func.min(m.DispatchDate.date))
        .where(m.DispatchDate.dispatch_id == x.id, m.DispatchDate.deleted.is_(False))
        .scalar_subquery()
    )
    day = func.coalesce(first_day, x.request_date)
    advisor_names = (
        select(func.group_concat(m.Person.name, "・"))
        .select_from(m.DispatchAdvisor)
        .join(m.Advisor, m.Advisor.id == m.DispatchAdvisor.advisor_id)
        .join(m.Person, m.Person.id == m.Advisor.person_id)
        .where(m.DispatchAdvisor.dispatch_id == x.id, m.DispatchAdvisor.deleted.is_(False))
        .scalar_subquery()
    )
    shown = (
        _col("date", "派遣日", 95, day, "date"),
        _col("municipality", "市町村", 110, _muni_display(mun, parent)),
        _col("advisors", "アドバイザー", 150, advisor_names),
        _col("purpose_category", "目的", 120, x.purpose_category),
        _col("requested_by", "依頼元", 90, case((x.requested_by == "prefecture", "県の提案"), else_="市町村の依頼")),
        _col("payer", "費用", 50, x.payer),
        _col("status", "状況", 60, x.status),
        _col("outcome", "実施報告・目的", 260, func.substr(func.coalesce(func.nullif(x.outcome, ""), x.purpose), 1, 80)),
    )

    def base() -> Select[Any]:
        return _from_with_municipality(x, mun, parent, required=True).where(x.deleted.is_(False))

    def search(q: str) -> ColumnElement[bool]:
        return or_(_municipality_named(x.municipality_id, q),
                   *_containing(q, func.coalesce(advisor_names, ""), x.purpose_category, x.purpose, x.outcome))

    def advisor_filter(advisor_id: str) -> ColumnElement[bool]:
        return x.id.in_(
            select(m.DispatchAdvisor.dispatch_id).where(
                m.DispatchAdvisor.advisor_id == advisor_id, m.DispatchAdvisor.deleted.is_(False)
            )
        )

    filters = {**_activity_filters(x.municipality_id, day), "advisor_id": advisor_filter}
    return ListSpec("dispatches", "アドバイザー派遣", shown, x.id, base, search, "date", filters, _undeleted(x))


def _events() -> ListSpec:
    e = m.TrainingEvent
    s = m.TrainingSession
    first_date = (
        select(func.min(s.date)).where(s.event_id == e.id, s.deleted.is_(False)).scalar_subquery()
    )
    n_sessions = select(func.count(s.id)).where(s.event_id == e.id, s.deleted.is_(False)).scalar_subquery()
    n_regs = (
        select(func.count(m.Registration.id))
        .where(m.Registration.event_id == e.id, m.Registration.deleted.is_(False))
        .scalar_subquery()
    )
    structure = case(*((e.session_structure == k, v) for k, v in vocab.SESSION_STRUCTURES.items()),
                     else_=e.session_structure)
    host = select(m.Municipality.name).where(m.Municipality.id == e.host_municipality_id).scalar_subquery()
    shown = (
        _col("fiscal_year", "年度", 60, e.fiscal_year, "int"),
        _col("event_type", "種別", 120, e.event_type),
        _col("title", "研修名", 260, e.title),
        _col("first_date", "初日", 95, first_date, "date"),
        _col("sessions", "日程数", 60, n_sessions, "int"),
        _col("registrations", "申込者数", 70, n_regs, "int"),
        # 普及啓発: the public who came to a forum, counted not named (blank = not recorded)
        _col("public_attendance", "一般参加者数", 90, e.public_attendance, "int"),
        _col("host_municipality", "開催市町村", 90, host),  # where a forum was held (blank = not recorded)
        _col("co_hosts", "共催", 160, e.co_hosts),
        _col("session_structure", "日程の関係", 150, structure),
    )

    def search(q: str) -> ColumnElement[bool]:
        return or_(_contains(e.title, q), _contains(e.event_type, q), _contains(e.co_hosts, q))

    filters = {"fiscal_year": lambda fy: e.fiscal_year == fy}
    return ListSpec("events", "研修", shown, e.id, _undeleted(e), search, "first_date", filters)


def _grants() -> ListSpec:
    from sasaeai_desktop.services.grants.status_sql import status_sql
    from sasaeai_desktop.services.grants.status_sql import today_sql

    g, rm = m.Grant, m.RegionMembership
    mun, parent = _muni_aliases()
    status = status_sql(today_sql())
    shown = (
        _col("fiscal_year", "年度", 60, g.fiscal_year, "int"),
        _col("municipality", "市町村", 110, _muni_display(mun, parent)),
        _col("program", "事業名", 230, g.program),
        _col("kind", "種別", 80, g.kind),
        _col("amount_decided", "交付決定額", 100, g.amount_decided, "int"),
        _col("amount_paid", "支払額", 100, g.amount_paid, "int"),
        _col("report_due", "実績報告期限", 100, g.report_due, "date"),
        _col("report_received", "受理日", 95, g.report_received, "date"),
        _col("status", "状況", 100, status),
    )

    def base() -> Select[Any]:
        return _from_with_municipality(g, mun, parent, required=True).where(g.deleted.is_(False))

    def search(q: str) -> ColumnElement[bool]:
        return or_(_municipality_named(g.municipality_id, q), *_containing(q, g.program, g.purpose, g.notes))

    def in_region(region_id: Any) -> ColumnElement[bool]:  # a ward counts in its city's region too
        members = select(rm.municipality_id).where(rm.region_id == region_id, rm.deleted.is_(False))
        return or_(g.municipality_id.in_(members), mun.parent_id.in_(members))

    filters = {
        "fiscal_year": lambda fy: g.fiscal_year == fy, "kind": lambda v: g.kind == v,
        "status": lambda v: status == v, "region_id": in_region,
        "municipality_id": lambda v: or_(g.municipality_id == v, mun.parent_id == v),
    }
    return ListSpec("grants", "補助金・モデル事業", shown, g.id, base, search, "fiscal_year", filters)


def _catalogue() -> ListSpec:
    """地域資源・活動事例 (services/catalogue): the entries' own columns only, never their photos."""
    e = m.CatalogueEntry
    mun, parent = _muni_aliases()
    consent = case((e.contact_consent.is_(True), "可"), (e.contact_consent.is_(False), "否"), else_="未確認")
    shown = (
        _col("name", "名称", 220, e.name),
        _col("kind", "種類", 110, e.kind),
        _col("municipality", "市町村", 110, _muni_display(mun, parent)),
        _col("area", "地区", 100, e.area),
        _col("organiser", "実施主体", 170, e.organiser),
        _col("schedule", "曜日・時間", 150, e.schedule),
        _col("publishable", "掲載", 50, e.publishable, "bool"),
        _col("contact_consent", "連絡先掲載", 80, consent),
        _col("info_date", "更新日", 95, e.info_date, "date"),
    )

    def base() -> Select[Any]:
        return _from_with_municipality(e, mun, parent, required=True).where(e.deleted.is_(False))

    def search(q: str) -> ColumnElement[bool]:
        return or_(_municipality_named(e.municipality_id, q),
                   *_containing(q, e.name, e.kind, e.area, e.organiser, e.content, e.description, e.tags))

    rm = m.RegionMembership
    filters: dict[str, Callable[[Any], ColumnElement[bool]]] = {
        "municipality_id": lambda val: e.municipality_id == val,
        "region_id": lambda val: e.municipality_id.in_(
            select(rm.municipality_id).where(rm.region_id == val, rm.deleted.is_(False))),
        "kind": lambda val: e.kind == val,
        "publishable": lambda val: e.publishable.is_(bool(val)),
    }
    return ListSpec("catalogue", "地域資源", shown, e.id, base, search, "municipality", filters, _undeleted(e))


BUILDERS: dict[str, Callable[[], ListSpec]] = {
    "municipalities": _municipalities,
    "people": _people,
    "advisors": _advisors,
    "visits": _visits,
    "consultations": _consultations,
    "dispatches": _dispatches,
    "events": _events,
    "grants": _grants,
    "catalogue": _catalogue,
}
