"""What a booklet of local activities (事例集) prints: only what may be published.

The service (services/catalogue/booklet.py) fills these from 掲載可 entries, with only the photos
whose own consent is given and the contact only when its consent is 可; the PDF (io/pdf/booklet.py)
prints every field it is given, so nothing unpublished can reach it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DEFAULT_TITLE = "地域の支え合い活動事例集"


@dataclass(frozen=True)
class BookletPhoto:
    jpeg: bytes
    width: int
    height: int
    caption: str = ""
    alt_text: str = ""  # what the photo shows, for screen readers (the web site's alt)


@dataclass(frozen=True)
class BookletEntry:
    name: str
    kind: str
    municipality: str
    area: str = ""  # 日常生活圏域・地区
    organiser: str = ""
    content: str = ""
    schedule: str = ""
    frequency: str = ""
    participants: int | None = None
    cost: str = ""
    description: str = ""
    contact: str = ""  # "" unless its consent is 可
    photos: tuple[BookletPhoto, ...] = ()
    # For the web site (services/catalogue/site.py): a stable page name, the municipality's list
    # page and the date the information was last confirmed. The PDF does not print them.
    key: str = ""  # the entry's id
    municipality_code: str = ""
    info_date: dt.date | None = None


@dataclass(frozen=True)
class BookletSection:
    """Entries of one 圏域 (or one municipality when the prefecture has no region kind)."""

    name: str
    entries: tuple[BookletEntry, ...]


@dataclass(frozen=True)
class Booklet:
    title: str
    year_label: str  # 令和8年度（2026年度）
    prefecture: str
    grouping: str  # what a section is: a region kind's name, or 市町村
    conditions: tuple[str, ...]  # the filters, as printed on the cover
    sections: tuple[BookletSection, ...]

    @property
    def entry_count(self) -> int:
        return sum(len(s.entries) for s in self.sections)
