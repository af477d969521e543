"""SQL-backed list pages: every list in the program sorts, filters and pages in SQLite.

A view asks for one page (offset/limit) of one kind of list, sorted by one
column and filtered by the search box, and gets plain tuples back. Nothing
ever loads a whole table into widgets (see architecture.md, "Data that must scale").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
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
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.services.list_types import ListColumn
from sasaeai_desktop.services.list_types import Page
from sasaeai_desktop.services.list_types import PageRequest

_Expr = SQLColumnExpression[Any]
_Shown = tuple[ListColumn, _Expr]


def _col(key: str, label: str, width: int, expr: _Expr, kind: str = "text") -> _Shown:
    """A list column and the SQL of its value (also its sort key)."""
    return ListColumn(key, label, width, kind), expr


@dataclass(frozen=True)
class _Spec:
    kind: str
    title: str
    shown: tuple[_Shown, ...]
    id_expr: _Expr
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
    def exprs(self) -> dict[str, _Expr]:
        return {column.key: expr for column, expr in self.shown}


def _contains(expr: _Expr, text: str) -> ColumnElement[bool]:
    # instr() rather than LIKE: no escaping of % and _ typed by the user, and no ICU needed.
    return func.instr(expr, literal(text)) > 0


def _containing(text: str, *exprs: _Expr) -> list[ColumnElement[bool]]:
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


def _municipalities() -> _Spec:
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
    return _Spec("municipalities", "市町村", shown, mun.id, base, search, "code", filters, _undeleted(mun))


def _people() -> _Spec:
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
    return _Spec("people", "人", shown, p.id, base, search, "kana", filters,
                 lambda: select().select_from(p).where(p.deleted.is_(False), p.merged_into_id.is_(None)))


def _current_fiscal_year_sql() -> ColumnElement[int]:
    """This 年度 computed by SQLite at query time (the year of today minus three months), so a
    list built before 1 April is still right after it."""
    return func.cast(func.strftime("%Y", "now", "localtime", "-3 months"), Integer)


def _advisors() -> _Spec:
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
    return _Spec("advisors", "アドバイザー", shown, a.id, base, search, "kana", filters)


def _visits() -> _Spec:
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
    return _Spec("visits", "訪問", shown, v.id, base, search, "visit_date", filters, _undeleted(v))


def _consultations() -> _Spec:
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
    return _Spec("consultations", "相談", shown, c.id, base, search, "received_date", filters, _undeleted(c))


def _dispatches() -> _Spec:
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
    return _Spec("dispatches", "アドバイザー派遣", shown, x.id, base, search, "date", filters, _undeleted(x))


def _events() -> _Spec:
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
    shown = (
        _col("fiscal_year", "年度", 60, e.fiscal_year, "int"),
        _col("event_type", "種別", 120, e.event_type),
        _col("title", "研修名", 260, e.title),
        _col("first_date", "初日", 95, first_date, "date"),
        _col("sessions", "日程数", 60, n_sessions, "int"),
        _col("registrations", "申込者数", 70, n_regs, "int"),
        _col("co_hosts", "共催", 160, e.co_hosts),
        _col("session_structure", "日程の関係", 150, structure),
    )

    def search(q: str) -> ColumnElement[bool]:
        return or_(_contains(e.title, q), _contains(e.event_type, q), _contains(e.co_hosts, q))

    filters = {"fiscal_year": lambda fy: e.fiscal_year == fy}
    return _Spec("events", "研修", shown, e.id, _undeleted(e), search, "first_date", filters)


def _catalogue() -> _Spec:
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
    return _Spec("catalogue", "地域資源", shown, e.id, base, search, "municipality", filters, _undeleted(e))


_BUILDERS: dict[str, Callable[[], _Spec]] = {
    "municipalities": _municipalities,
    "people": _people,
    "advisors": _advisors,
    "visits": _visits,
    "consultations": _consultations,
    "dispatches": _dispatches,
    "events": _events,
    "catalogue": _catalogue,
}
_SPECS: dict[str, _Spec] = {}


def _spec(kind: str) -> _Spec:
    if kind not in _BUILDERS:
        raise UserError(f"一覧の種類「{kind}」はありません（{', '.join(_BUILDERS)}）。")
    if kind not in _SPECS:
        _SPECS[kind] = _BUILDERS[kind]()
    return _SPECS[kind]


def list_kinds() -> list[str]:
    return list(_BUILDERS)


def columns(kind: str) -> tuple[ListColumn, ...]:
    return _spec(kind).columns


def title(kind: str) -> str:
    return _spec(kind).title


def _filtered(spec: _Spec, req: PageRequest, *, for_count: bool = False) -> Select[Any]:
    q = clean_text(req.search)
    stmt = spec.count_base() if for_count and spec.count_base is not None and not q else spec.base()
    if q:
        stmt = stmt.where(spec.search(q))
    for key, value in req.filters.items():
        if value is None or value == "":
            continue
        if key not in spec.filters:
            raise UserError(f"一覧「{spec.title}」では「{key}」で絞り込めません。")
        stmt = stmt.where(spec.filters[key](value))
    return stmt


def page_query(kind: str, req: PageRequest, *, from_end: bool = False) -> Select[Any]:
    """The SELECT for one page (also used by benchmarks to compare with raw sqlite3).

    The page's ids are picked first, in a subquery ("deferred join"): SQLite has to sort, or step
    over, every row before the offset, and doing that with the sort key and the id alone — the
    display joins left out, which SQLite drops when nothing else uses them — is much cheaper than
    with whole rows (the last block of 50,000 people: ~3x; an unindexed sort of the first block:
    ~1.5x). Only the page's rows are then joined for display.

    ``from_end``: the same list in exactly the opposite order (the id tie-break reversed too, and
    SQLite puts NULLs first ascending, last descending), for reading a block near the end.
    """
    spec, order = _spec(kind), _order(kind, req, reverse=from_end)
    ids = _filtered(spec, req).add_columns(spec.id_expr).order_by(*order)
    ids = ids.offset(max(req.offset, 0)).limit(max(req.limit, 0))
    return spec.base().add_columns(*_shown(spec)).where(spec.id_expr.in_(ids.scalar_subquery())).order_by(*order)


def all_rows_query(kind: str, req: PageRequest) -> Select[Any]:
    """Every row of the list as searched and sorted, no paging (exports)."""
    spec = _spec(kind)
    return _filtered(spec, req).add_columns(*_shown(spec)).order_by(*_order(kind, req))


def _order(kind: str, req: PageRequest, *, reverse: bool = False) -> list[_Expr]:
    spec = _spec(kind)
    sort_key = req.sort_key or spec.default_sort
    if sort_key not in spec.exprs:
        raise UserError(f"一覧「{spec.title}」は「{sort_key}」で並べ替えできません。")
    sort_expr = spec.exprs[sort_key]
    if req.descending != reverse:
        return [sort_expr.desc(), spec.id_expr.desc() if reverse else spec.id_expr]
    return [sort_expr.asc(), spec.id_expr.desc() if reverse else spec.id_expr]


def _shown(spec: _Spec) -> tuple[_Expr, ...]:
    """The id, then the list's columns: the shape of every row a list query returns."""
    return (spec.id_expr, *(spec.exprs[c.key] for c in spec.columns))


def count_query(kind: str, req: PageRequest) -> Select[Any]:
    spec = _spec(kind)
    return _filtered(spec, req, for_count=True).add_columns(func.count()).order_by(None)


def fetch_page(
    uow: UnitOfWork, kind: str, req: PageRequest, *, with_total: bool = True, known_total: int | None = None
) -> Page:
    """One page of the list. ``known_total``: the list's row count, when the caller has it (a table
    model after its first fetch). A block in the second half is then read from the end, in the
    opposite order, and turned round: the last block of 50,000 rows is a top-200 pass instead of
    sorting and stepping over 49,800 rows (the scroll bar dragged to the bottom)."""
    if with_total and req.offset == 0 and req.narrowed:
        return _counted_first_page(uow, kind, req)
    from_end = with_total is False and known_total is not None and req.offset > known_total // 2
    query_req = req
    if from_end:
        assert known_total is not None
        end = min(req.offset + req.limit, known_total)  # the block is rows [offset, end)
        query_req = replace(req, offset=known_total - end, limit=max(end - req.offset, 0))
    with uow:
        conn = uow.session.connection()
        result = conn.execute(page_query(kind, query_req, from_end=from_end)).all()
        total = conn.execute(count_query(kind, req)).scalar_one() if with_total else -1
    if from_end:
        result = result[::-1]
    return Page([r[0] for r in result], [tuple(r[1:]) for r in result], total, req.offset)


def counted_ids_query(kind: str, req: PageRequest) -> Select[Any]:
    """The first page's ids with the total of matching rows on each (``count(*) OVER ()``): for a
    searched or filtered list, one pass over the rows instead of one for the page and one for the
    count (people 「高橋」 at demo scale 20: 110 → 70 ms; visits 160 → 105 ms)."""
    spec = _spec(kind)
    return (
        _filtered(spec, req).add_columns(spec.id_expr, func.count().over())
        .order_by(*_order(kind, req)).limit(max(req.limit, 0))
    )


def rows_query(kind: str, ids: list[str], req: PageRequest) -> Select[Any]:
    """The list's rows for these ids, in the request's order."""
    spec = _spec(kind)
    return spec.base().add_columns(*_shown(spec)).where(spec.id_expr.in_(ids)).order_by(*_order(kind, req))


def _counted_first_page(uow: UnitOfWork, kind: str, req: PageRequest) -> Page:
    with uow:
        conn = uow.session.connection()
        picked = conn.execute(counted_ids_query(kind, req)).all()
        ids = [r[0] for r in picked]
        result = conn.execute(rows_query(kind, ids, req)).all() if ids else []
    total = int(picked[0][1]) if picked else 0
    return Page([r[0] for r in result], [tuple(r[1:]) for r in result], total, 0)


def count(uow: UnitOfWork, kind: str, req: PageRequest) -> int:
    with uow:
        return int(uow.session.connection().execute(count_query(kind, req)).scalar_one())
