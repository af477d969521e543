"""Printing visit records (訪問記録票): one visit, or every visit of a 年度 (optionally one municipality)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.fiscal_year import fiscal_year_range
from sasaeai_desktop.domain.wareki import format_date
from sasaeai_desktop.io.output_files import output_target
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import settings as office_settings
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.activities import visits

if TYPE_CHECKING:
    from sasaeai_desktop.io.pdf.visit_report import VisitSheet

MAX_VISITS = 2000


def _ids(uow: UnitOfWork, fiscal_year: int, municipality_id: str | None) -> list[str]:
    start, end = fiscal_year_range(fiscal_year)
    stmt = (
        select(m.Visit.id)
        .where(m.Visit.deleted.is_(False), m.Visit.is_draft.is_(False),  # drafts are printed one by one only
               m.Visit.visit_date >= start, m.Visit.visit_date <= end)
        .order_by(m.Visit.visit_date, m.Visit.start_time, m.Visit.id)
    )
    if municipality_id:
        stmt = stmt.where(m.Visit.municipality_id == municipality_id)
    with uow:
        return list(uow.session.scalars(stmt))


def write_visit_report(
    uow: UnitOfWork,
    out: str | os.PathLike[str],
    *,
    visit_id: str | None = None,
    fiscal_year: int | None = None,
    municipality_code: str | None = None,
) -> tuple[int, int, list[str]]:
    """Returns (visits printed, pages, glyph warnings)."""
    target = output_target(out, ".pdf")
    muni_name = ""
    if visit_id:
        ids = [visit_id]
    elif fiscal_year is not None:
        mid = None
        if municipality_code:
            found = municipalities.find_by_code(uow, municipality_code)
            if found is None:
                raise NotFoundError(f"市町村コード「{municipality_code}」の市町村が見つかりません（--municipality）。")
            mid, muni_name = found.id, found.name
        ids = _ids(uow, fiscal_year, mid)
        if not ids:
            raise UserError(f"{fiscal_year_label(fiscal_year)}{'の' + muni_name if muni_name else ''}の訪問記録はありません。")
        if len(ids) > MAX_VISITS:
            raise UserError(f"訪問記録が {len(ids):,} 件あります。--municipality で市町村を絞ってください（{MAX_VISITS:,} 件まで）。")
    else:
        raise UserError("--visit ID か --fiscal-year 年度 を指定してください。")
    names = dict(municipalities.choices(uow))
    sheets = [_sheet(visits.get(uow, vid), names) for vid in ids]
    settings = office_settings.get_settings(uow)
    pref = setup.current_prefecture(uow)
    office = "　".join(x for x in (settings.office_name, settings.department, settings.phone) if x)
    if visit_id:
        title = f"訪問記録票　{sheets[0].municipality}　{format_date(sheets[0].visit_date)}"
    else:
        title = "訪問記録票　" + "　".join(x for x in (pref[1] if pref else "", fiscal_year_label(fiscal_year or 0), muni_name) if x)
    from sasaeai_desktop.io.pdf.visit_report import (
        build_visit_report,  # reportlab: only when printing
    )

    pages, report = build_visit_report(target, sheets, title=title, office=office, author=settings.office_name)
    return len(sheets), pages, report.messages()


def _sheet(v: visits.VisitData, names: dict[str, str]) -> VisitSheet:
    from sasaeai_desktop.io.pdf.visit_report import VisitSheet

    def people(side: str) -> str:
        return "、".join(p.name + (f"（{p.role}）" if p.role and side == "municipality" else "") for p in v.participants if p.side == side)

    time_text = ""
    if v.start_time:
        time_text = f"{v.start_time:%H:%M}〜" + (f"{v.end_time:%H:%M}" if v.end_time else "")
    next_visit = ""
    if v.next_visit_date:
        next_visit = f"{v.next_visit_date:%Y-%m-%d}"
    if v.next_visit_note:
        next_visit = f"{next_visit} {v.next_visit_note}".strip()
    assert v.visit_date is not None and v.id is not None
    return VisitSheet(
        id=v.id, visit_date=v.visit_date, time_text=time_text, municipality=names.get(v.municipality_id or "", ""),
        place=v.place, purpose_category=v.purpose_category, purpose=v.purpose,
        prefecture_staff=people("prefecture"), advisors=people("advisor"), municipality_side=people("municipality"),
        observations=v.observations, issues=v.issues, advice=v.advice,
        follow_ups=[(f.title, f.owner_name, f"{f.due_date:%Y-%m-%d}" if f.due_date else "", f.done) for f in v.follow_ups],
        next_visit=next_visit, recorded_by=v.recorded_by, is_draft=v.is_draft,
    )
