"""Grant records as lists (filtered by 年度, municipality, region, kind, status) and the 年度
summary (totals by program and by region). The status is computed in SQL (status_sql) the same way
domain/grants.grant_status computes it in Python, so a filter by status is an SQL WHERE."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import Select
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.orm import aliased

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import grants as dg
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.services.grants.status_sql import status_sql
from sasaeai_desktop.services.progress import regions as rg

__all__ = ["GrantFilter", "GrantRow", "fiscal_years", "list_grants", "summary"]


@dataclass(frozen=True)
class GrantFilter:
    fiscal_year: int | None = None
    municipality_id: str | None = None
    region_id: str | None = None
    kind: str | None = None
    status: str | None = None
    search: str = ""  # in 事業名, 使途, 備考 and the municipality's name


@dataclass(frozen=True)
class GrantRow:
    id: str
    fiscal_year: int
    municipality_id: str
    municipality_code: str
    municipality: str  # as written on paper: 札幌市中央区
    program: str
    kind: str
    amount_decided: int | None
    amount_paid: int | None
    purpose: str
    applied_on: dt.date | None
    decided_on: dt.date | None
    report_due: dt.date | None
    report_received: dt.date | None
    status: str
    notes: str


def _filtered(flt: GrantFilter, today: dt.date) -> tuple[Select[Any], ColumnElement[str]]:
    g = m.Grant
    mun = aliased(m.Municipality, name="mun")
    parent = aliased(m.Municipality, name="parent")
    status = status_sql(today)
    name = func.coalesce(parent.name, "") + mun.name
    columns: list[Any] = [g.id, g.fiscal_year, g.municipality_id, mun.code, name, g.program, g.kind, g.amount_decided,
                          g.amount_paid, g.purpose, g.applied_on, g.decided_on, g.report_due, g.report_received,
                          status, g.notes]
    stmt = (
        select(*columns)
        .join(mun, mun.id == g.municipality_id)
        .outerjoin(parent, parent.id == mun.parent_id)
        .where(g.deleted.is_(False))
    )
    if flt.fiscal_year is not None:
        stmt = stmt.where(g.fiscal_year == flt.fiscal_year)
    if flt.municipality_id:
        stmt = stmt.where(or_(g.municipality_id == flt.municipality_id, mun.parent_id == flt.municipality_id))
    if flt.region_id:
        rm = m.RegionMembership
        members = select(rm.municipality_id).where(rm.region_id == flt.region_id, rm.deleted.is_(False))
        stmt = stmt.where(or_(g.municipality_id.in_(members), mun.parent_id.in_(members)))
    if flt.kind:
        kind = dg.grant_kind(flt.kind)
        if kind is None:
            raise UserError(f"種別は {'、'.join(dg.GRANT_KINDS)} のいずれかです（指定: {flt.kind}）。")
        stmt = stmt.where(g.kind == kind)
    if flt.status:
        if flt.status not in dg.STATUSES:
            raise UserError(f"状況は {'、'.join(dg.STATUSES)} のいずれかです（指定: {flt.status}）。")
        stmt = stmt.where(status == flt.status)
    for word in flt.search.split():
        stmt = stmt.where(or_(*(func.instr(col, word) > 0 for col in (g.program, g.purpose, g.notes, name))))
    return stmt, status


def list_grants(uow: UnitOfWork, flt: GrantFilter = GrantFilter(), *, today: dt.date | None = None,
                limit: int | None = None, offset: int = 0) -> list[GrantRow]:
    """The records, by 年度, municipality code and program."""
    stmt, _status = _filtered(flt, today or dt.date.today())
    g = m.Grant
    stmt = stmt.order_by(g.fiscal_year, stmt.selected_columns[3], g.program, g.id).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with uow:
        return [GrantRow(*r) for r in uow.session.execute(stmt).all()]


def count_grants(uow: UnitOfWork, flt: GrantFilter = GrantFilter(), *, today: dt.date | None = None) -> int:
    stmt, _status = _filtered(flt, today or dt.date.today())
    with uow:
        return int(uow.session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one())


def fiscal_years(uow: UnitOfWork) -> list[int]:
    """The 年度 that have records, newest first."""
    g = m.Grant
    with uow:
        return list(uow.session.scalars(
            select(g.fiscal_year).where(g.deleted.is_(False)).group_by(g.fiscal_year).order_by(g.fiscal_year.desc())
        ))


def summary(uow: UnitOfWork, fiscal_year: int, *, region_kind: str | None = None) -> dg.GrantSummary:
    """Totals for a 年度 by program and by region (of ``region_kind``, a name or id; the first kind
    when not given). A ward counts in its city's region when it has none of its own."""
    kinds = rg.list_kinds(uow)
    kind = rg.find_kind(uow, region_kind) if region_kind else (kinds[0] if kinds else None)
    rows = list_grants(uow, GrantFilter(fiscal_year=fiscal_year))
    by_program: dict[str, dg.SummaryLine] = {}
    by_region: dict[str, dg.SummaryLine] = {}
    total = dg.SummaryLine("合計")
    region_names: dict[str, str] = {}
    membership: dict[str, str] = {}
    parents: dict[str, str] = {}
    details: list[dg.SummaryRecord] = []
    if kind is not None:
        region_names = {r.id: r.name for r in rg.list_regions(uow, kind.id)}
        mun = m.Municipality
        with uow:
            membership = rg.region_map(uow, kind.id)
            parents = {mid: pid for mid, pid in uow.session.execute(
                select(mun.id, mun.parent_id).where(mun.parent_id.is_not(None))) if pid}
    for r in rows:
        by_program[r.program] = by_program.get(r.program, dg.SummaryLine(r.program)).plus(r.amount_decided, r.amount_paid)
        rid = membership.get(r.municipality_id) or membership.get(parents.get(r.municipality_id, ""), "")
        region = region_names.get(rid, rg.UNASSIGNED)
        by_region[region] = by_region.get(region, dg.SummaryLine(region)).plus(r.amount_decided, r.amount_paid)
        total = total.plus(r.amount_decided, r.amount_paid)
        details.append(dg.SummaryRecord(region, r.municipality, r.program, r.kind, r.amount_decided, r.amount_paid,
                                        r.status))
    region_order = {name: i for i, name in enumerate(region_names.values())}
    return dg.GrantSummary(
        fiscal_year=fiscal_year,
        title=f"{fiscal_year_label(fiscal_year)} 補助金・モデル事業 集計",
        region_kind=kind.name if kind else "",
        by_program=tuple(sorted(by_program.values(), key=lambda x: (-x.decided, x.name))),
        by_region=tuple(sorted(by_region.values(), key=lambda x: region_order.get(x.name, len(region_order)))),
        total=total,
        records=tuple(sorted(details, key=lambda x: region_order.get(x.region, len(region_order)))),
    )
