"""The booklet of local activities (事例集・ブックレット) as an A4 PDF, one use case the window and
the CLI both call.

What is published is decided here and nowhere else: only 掲載可 entries, only the photos whose own
consent is given, the contact only when its consent is 可 (未確認 and 否 leave it out), and never
the office's 備考 or tags. Filters (圏域, 種類, 市町村コード) narrow the entries; an unknown one is a
``UserError`` naming it and the choices, before any file is opened.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.booklet import DEFAULT_TITLE
from sasaeai_desktop.domain.booklet import Booklet
from sasaeai_desktop.domain.booklet import BookletEntry
from sasaeai_desktop.domain.booklet import BookletPhoto
from sasaeai_desktop.domain.booklet import BookletSection
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.services import settings as office_settings
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.catalogue import images
from sasaeai_desktop.services.catalogue.kinds import kind_names
from sasaeai_desktop.services.catalogue.kinds import known_kind
from sasaeai_desktop.services.progress import regions as rg

__all__ = ["BookletFile", "BookletOptions", "collect", "write_booklet"]


@dataclass(frozen=True)
class BookletOptions:
    regions: tuple[str, ...] = ()  # names of 圏域 (of any region kind)
    kinds: tuple[str, ...] = ()
    municipality_codes: tuple[str, ...] = ()  # a city's code takes its wards too
    title: str = ""  # DEFAULT_TITLE when empty
    fiscal_year: int | None = None  # the 年度 on the cover; this 年度 when None
    # The window's filters: a region and a municipality chosen in its lists (by id).
    region_ids: tuple[str, ...] = ()
    municipality_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class BookletFile:
    title: str
    entries: int
    pages: int
    warnings: list[str] = field(default_factory=list)  # characters printed as 〓, texts shortened


def _region_municipalities(uow: UnitOfWork, names: Sequence[str],
                           region_ids: Sequence[str] = ()) -> tuple[set[str], list[str], list[str]]:
    """The municipalities of the regions named or chosen by id, their names as registered, and
    the regions' kinds."""
    r, rm = m.Region, m.RegionMembership
    known = uow.session.execute(select(r.id, r.name, r.kind_id).where(r.deleted.is_(False)).order_by(r.sort_order, r.name)).all()
    ids: list[str] = []
    shown: list[str] = []
    kinds: list[str] = []
    for name in names:
        hits = [(rid, rname) for rid, rname, kind_id in known if name_key(rname) == name_key(name)]
        kinds += [kind_id for _, rname, kind_id in known if name_key(rname) == name_key(name)]
        if not hits:
            choices = "、".join(dict.fromkeys(n for _, n, _ in known)) or "（圏域が登録されていません）"
            raise UserError(f"圏域「{name}」は登録されていません。指定できる圏域: {choices}")
        ids += [rid for rid, _ in hits]
        shown.append(hits[0][1])
    for wanted in region_ids:
        chosen = [(rid, rname, kind_id) for rid, rname, kind_id in known if rid == wanted]
        if not chosen:
            raise UserError("選んだ圏域が見つかりません（削除された可能性があります）。圏域を選び直してください。")
        ids.append(wanted)
        shown.append(chosen[0][1])
        kinds.append(chosen[0][2])
    munis = set(uow.session.scalars(select(rm.municipality_id).where(rm.region_id.in_(ids), rm.deleted.is_(False))))
    return munis, shown, kinds


def _code_municipalities(uow: UnitOfWork, codes: Sequence[str],
                         municipality_ids: Sequence[str] = ()) -> tuple[set[str], list[str]]:
    mun = m.Municipality
    ids: set[str] = set()
    shown: list[str] = []
    for mid in municipality_ids:
        name = uow.session.scalar(select(mun.name).where(mun.id == mid, mun.deleted.is_(False)))
        if name is None:
            raise UserError("選んだ市町村が見つかりません（削除された可能性があります）。市町村を選び直してください。")
        ids.add(mid)
        shown.append(name)
    for code in codes:
        row = uow.session.execute(
            select(mun.id, mun.name).where(mun.code == code.strip(), mun.deleted.is_(False))).first()
        if row is None:
            raise UserError(f"市町村コード「{code}」の市町村は登録されていません（6桁の団体コードで指定してください）。")
        ids.add(row[0])
        shown.append(row[1])
    return ids, shown


def _kinds(uow: UnitOfWork, wanted: Sequence[str]) -> list[str]:
    names = kind_names(uow.session)
    out: list[str] = []
    for text in wanted:
        listed = known_kind(names, text)
        if listed is None:
            raise UserError(f"種類「{text}」は一覧にありません。指定できる種類: {'、'.join(names) or '（なし）'}")
        out.append(listed)
    return out


def _photos(uow: UnitOfWork, entry_ids: list[str]) -> dict[str, list[BookletPhoto]]:
    p = m.CataloguePhoto
    out: dict[str, list[BookletPhoto]] = defaultdict(list)
    for start in range(0, len(entry_ids), 500):  # SQLite's limit on bound parameters
        rows = uow.session.execute(
            select(p.entry_id, p.image, p.width, p.height, p.caption, p.alt_text)
            .where(p.entry_id.in_(entry_ids[start:start + 500]), p.deleted.is_(False), p.publish_consent.is_(True))
            .order_by(p.entry_id, p.position, p.id))
        for eid, image, width, height, caption, alt_text in rows:
            out[eid].append(BookletPhoto(images.decode(image), width, height, caption, alt_text))
    return out


def _grouping_kind(uow: UnitOfWork, kinds: list[rg.RegionKindData], named: list[str],
                   municipality_ids: list[str]) -> rg.RegionKindData | None:
    """The region kind the contents are grouped by: that of the regions asked for, else the first
    kind (in the prefecture's order) that places any of the booklet's municipalities; none when no
    kind does (a prefecture that set up no 圏域 gets its booklet by municipality)."""
    ordered = sorted(kinds, key=lambda k: k.id not in named)  # stable: the named kinds first
    with uow:
        for kind in ordered:
            if set(rg.region_map(uow, kind.id)) & set(municipality_ids):
                return kind
    return None


def _entry(row: Any, municipality: str, code: str, photos: list[BookletPhoto]) -> BookletEntry:
    return BookletEntry(
        name=row.name, kind=row.kind, municipality=municipality, area=row.area, organiser=row.organiser,
        content=row.content, schedule=row.schedule, frequency=row.frequency, participants=row.participants,
        cost=row.cost, description=row.description, photos=tuple(photos),
        contact=row.contact if row.contact_consent is True else "",
        key=row.id, municipality_code=code, info_date=row.info_date,
    )


def collect(uow: UnitOfWork, options: BookletOptions, *, today: dt.date | None = None) -> Booklet:
    """The booklet's content: published entries matching ``options``, in sections."""
    fy = options.fiscal_year or fiscal_year_of(today or dt.date.today())
    pref = setup.current_prefecture(uow)
    region_kinds = rg.list_kinds(uow)
    e, mun, parent = m.CatalogueEntry, aliased(m.Municipality, name="mun"), aliased(m.Municipality, name="parent")
    conditions: list[str] = []
    region_kind_ids: list[str] = []
    with uow:
        stmt = (select(e, mun.name.label("mname"), parent.name.label("pname"), parent.id.label("pid"),
                       mun.code.label("mcode"))
                .join(mun, mun.id == e.municipality_id).outerjoin(parent, parent.id == mun.parent_id)
                .where(e.deleted.is_(False), e.publishable.is_(True)))
        if options.regions or options.region_ids:
            ids, shown, region_kind_ids = _region_municipalities(uow, options.regions, options.region_ids)
            stmt = stmt.where((e.municipality_id.in_(ids)) | (mun.parent_id.in_(ids)))
            conditions.append("圏域: " + "、".join(shown))
        if options.municipality_codes or options.municipality_ids:
            ids, shown = _code_municipalities(uow, options.municipality_codes, options.municipality_ids)
            stmt = stmt.where((e.municipality_id.in_(ids)) | (mun.parent_id.in_(ids)))
            conditions.append("市町村: " + "、".join(shown))
        if options.kinds:
            kinds = _kinds(uow, options.kinds)
            stmt = stmt.where(e.kind.in_(kinds))
            conditions.append("種類: " + "、".join(kinds))
        rows = uow.session.execute(stmt.order_by(mun.code, e.name, e.id)).all()
        photos = _photos(uow, [r[0].id for r in rows])
        by_insurer: dict[str, list[BookletEntry]] = defaultdict(list)  # a ward's entries go with its city
        names: dict[str, str] = {}
        for entry, mname, pname, pid, mcode in rows:
            insurer = pid or entry.municipality_id
            names[insurer] = pname or mname
            by_insurer[insurer].append(_entry(entry, (pname or "") + mname, mcode, photos.get(entry.id, [])))
    kind = _grouping_kind(uow, region_kinds, region_kind_ids, list(by_insurer))
    if kind is not None:
        groups = rg.group_municipalities(uow, kind.id, list(by_insurer))
        sections = [BookletSection(g.name, tuple(x for mid in g.municipality_ids for x in by_insurer[mid]))
                    for g in groups]
        grouping = kind.name
    else:
        sections = [BookletSection(names[mid], tuple(xs)) for mid, xs in by_insurer.items()]
        grouping = "市町村"
    return Booklet(title=options.title.strip() or DEFAULT_TITLE, year_label=fiscal_year_label(fy, "both"),
                   prefecture=pref[1] if pref else "", grouping=grouping, conditions=tuple(conditions),
                   sections=tuple(sections))


def write_booklet(uow: UnitOfWork, path: str | os.PathLike[str], options: BookletOptions, *,
                  progress: Progress | None = None, abort: Any = None) -> BookletFile:
    """Write the booklet to ``path`` (atomically: nothing is written on an error)."""
    from sasaeai_desktop.io.pdf.booklet import write_booklet_pdf
    from sasaeai_desktop.io.pdf.common import GlyphReport

    booklet = collect(uow, options)
    if not booklet.entry_count:
        raise UserError("条件に合う掲載可の地域資源がありません（「掲載可」の記録だけが事例集に載ります）。")
    office = office_settings.get_settings(uow)
    report = GlyphReport()
    notes: list[str] = []
    pages = write_booklet_pdf(path, booklet, footer=office.footer, author=office.office_name, report=report,
                              notes=notes, progress=progress, abort=abort)
    return BookletFile(booklet.title, booklet.entry_count, pages, report.messages() + notes)
