"""The web site of local activities (情報発信): a folder of static pages (io/site), one use case
the window and the CLI both call.

What is published is the booklet's selection (services/catalogue/booklet.collect) and nothing
else: only 掲載可 entries, only the photos whose own consent is given, the contact only when its
consent is 可, never the office's 備考 or tags; the same filters (圏域, 種類, 市町村コード), the
same ``UserError`` for an unknown one. ``plan_site`` is the dry run: what would be published and,
for each activity, what is left out.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.booklet import Booklet
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.services import settings as office_settings
from sasaeai_desktop.services.catalogue.booklet import BookletOptions
from sasaeai_desktop.services.catalogue.booklet import collect
from sasaeai_desktop.services.catalogue.kinds import list_kinds

__all__ = ["SiteEntryPlan", "SiteFolder", "SitePlan", "describe_target", "plan_site", "write_site"]

NOTHING_TO_PUBLISH = "条件に合う掲載可の地域資源がありません（「掲載可」の記録だけがサイトに載ります）。"


@dataclass(frozen=True)
class SiteEntryPlan:
    name: str
    municipality: str
    kind: str
    photos: int  # published
    left_out: tuple[str, ...]  # fields and photos the site leaves out, in words


@dataclass(frozen=True)
class SitePlan:
    title: str
    year_label: str
    conditions: tuple[str, ...]
    entries: tuple[SiteEntryPlan, ...]
    municipalities: int
    kinds: int
    photos: int
    unpublished: int  # entries of the whole catalogue that are not 掲載可 (never published)

    def lines(self) -> list[str]:
        """The dry run as a user reads it."""
        out = [f"{self.title}（{self.year_label}）",
               f"掲載する活動: {len(self.entries):,}件（市町村 {self.municipalities:,}・種類 {self.kinds:,}・写真 {self.photos:,}枚）"]
        if self.conditions:
            out.append("条件: " + "／".join(self.conditions))
        out.append(f"掲載可でない記録 {self.unpublished:,}件は載せません。連絡先は掲載の同意が「可」のもの、"
                   "写真は掲載の同意があるものだけを載せます。備考とタグは載せません。")
        for e in self.entries:
            left = f"（載せないもの: {'、'.join(e.left_out)}）" if e.left_out else ""
            out.append(f"・{e.name}　{e.municipality}・{e.kind or 'その他'}　写真{e.photos}枚{left}")
        return out


@dataclass(frozen=True)
class SiteFolder:
    path: str
    title: str
    entries: int
    pages: int
    photos: int
    files: int
    bytes: int
    replaced: bool


def _left_out(uow: UnitOfWork, ids: Sequence[str]) -> dict[str, list[str]]:
    """Per entry: what of it the site does not show besides the 備考 and tags it never shows (the
    contact without consent, photos without consent)."""
    e, p = m.CatalogueEntry, m.CataloguePhoto
    out: dict[str, list[str]] = {}
    for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
        chunk = ids[start:start + 500]
        for eid, contact, consent in uow.session.execute(
                select(e.id, e.contact, e.contact_consent).where(e.id.in_(chunk))):
            if contact.strip() and consent is not True:
                out.setdefault(eid, []).append("連絡先（掲載の同意が「可」でない）")
        for eid, count in uow.session.execute(
                select(p.entry_id, func.count()).where(p.entry_id.in_(chunk), p.deleted.is_(False),
                                                       p.publish_consent.is_(False)).group_by(p.entry_id)):
            out.setdefault(eid, []).append(f"写真{count}枚（掲載の同意なし）")
    return out


def _plan(uow: UnitOfWork, booklet: Booklet) -> SitePlan:
    entries = [x for s in booklet.sections for x in s.entries]
    with uow:
        left = _left_out(uow, [x.key for x in entries])
        e = m.CatalogueEntry
        unpublished = uow.session.scalar(
            select(func.count()).select_from(e).where(e.deleted.is_(False), e.publishable.is_(False))) or 0
    planned = tuple(SiteEntryPlan(x.name, x.municipality, x.kind, len(x.photos), tuple(left.get(x.key, ())))
                    for x in entries)
    return SitePlan(booklet.title, booklet.year_label, booklet.conditions, planned,
                    len({x.municipality for x in entries}), len({x.kind for x in entries}),
                    sum(len(x.photos) for x in entries), unpublished)


def describe_target(out: str | os.PathLike[str]) -> str:
    """What writing to ``out`` would do, in words (``UserError`` when it may not be written)."""
    from pathlib import Path

    from sasaeai_desktop.io.site.folder import check_site_target

    if check_site_target(out, option=""):
        return "以前に書き出したサイトを新しい内容に置き換えます。"
    return "空のフォルダーに書き出します。" if Path(out).is_dir() else "新しいフォルダーを作って書き出します。"


def plan_site(uow: UnitOfWork, options: BookletOptions, *, today: dt.date | None = None) -> SitePlan:
    """The dry run: what ``write_site`` would publish for ``options``; nothing is written."""
    return _plan(uow, collect(uow, options, today=today))


def write_site(uow: UnitOfWork, out: str | os.PathLike[str], options: BookletOptions, *,
               progress: Progress | None = None, abort: Any = None, today: dt.date | None = None) -> SiteFolder:
    """Write the site into the folder ``out`` (atomically; an existing ``out`` must be empty or an
    earlier export, which is replaced)."""
    from sasaeai_desktop.io.site.folder import check_site_target
    from sasaeai_desktop.io.site.folder import write_folder
    from sasaeai_desktop.io.site.pages import site_files

    check_site_target(out)  # before the query: a wrong folder is said at once
    if progress is not None:
        progress(0.02, "掲載する地域資源を集めています…")
    booklet = collect(uow, options, today=today)
    if not booklet.entry_count:
        raise UserError(NOTHING_TO_PUBLISH)
    office = office_settings.get_settings(uow)
    kinds = list_kinds(uow)
    photos = sum(len(x.photos) for s in booklet.sections for x in s.entries)
    lists = {(x.municipality, x.kind) for s in booklet.sections for x in s.entries}
    total = 4 + booklet.entry_count + photos + len({p for p, _ in lists}) + len({k for _, k in lists})
    files = site_files(booklet, kinds_order=kinds, footer=office.footer, as_of=today or dt.date.today())
    written = write_folder(out, files, total=total, progress=progress, abort=abort)
    pages = written.files - photos - 3  # the assets are not pages
    return SiteFolder(str(out), booklet.title, booklet.entry_count, pages, photos, written.files, written.bytes,
                      written.replaced)
