"""The advisor-list handout (アドバイザー名簿) as plain data: what services/advisors/handout.py
gathers and io/pdf/advisor_handout.py prints, so the printer needs nothing from services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal
from typing import TypeGuard

from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.office import OfficeSettings
from sasaeai_desktop.domain.wareki import format_date

Sort = Literal["kana", "field"]
SORTS: dict[str, str] = {"kana": "あいうえお順", "field": "活動分野別"}


def is_sort(name: str) -> TypeGuard[Sort]:
    """True for an order the handout knows (a name typed on the command line)."""
    return name in SORTS


@dataclass(frozen=True)
class HandoutEntry:
    advisor_id: str
    name: str
    kana: str
    category: str
    affiliation: str
    title: str  # 職名
    fields: tuple[str, ...]  # the controlled fields, in list order
    activity_text: str  # 日頃の活動分野 as written
    phone: str  # '' unless consent was given
    email: str  # '' unless consent was given
    municipalities: tuple[str, ...]  # in charge in the handout's 年度: '松本市（主担当）'
    badge: str = ""  # for an event: '講師', 'ファシリテーター' …


@dataclass(frozen=True)
class HandoutSection:
    heading: str  # 'あ行', a field's name, or STAFF_SECTION
    entries: tuple[HandoutEntry, ...]


@dataclass(frozen=True)
class Handout:
    title: str
    subtitle: str  # the event's title and dates, or ''
    fiscal_year: int
    as_of: dt.date
    prefecture: str
    office: OfficeSettings
    sort: Sort
    sections: tuple[HandoutSection, ...]
    conditions: tuple[str, ...] = ()  # '活動分野: 居場所づくり' …
    advisors: int = 0  # distinct advisors listed
    # Advisors of the chosen fields not active in the 年度 (活動年度): the page lists them, the
    # handout does not, and the user is told who they are.
    inactive: tuple[str, ...] = ()

    @property
    def fiscal_year_label(self) -> str:
        return fiscal_year_label(self.fiscal_year)

    @property
    def sort_label(self) -> str:
        return SORTS[self.sort]

    @property
    def as_of_label(self) -> str:
        return f"{format_date(self.as_of)}現在"

    @property
    def office_line(self) -> str:
        o = self.office
        return "　".join(x for x in (o.office_name, o.department) if x)

    @property
    def office_contact(self) -> str:
        o = self.office
        parts = [f"電話 {o.phone}" if o.phone else "", f"メール {o.email}" if o.email else ""]
        return "　".join(x for x in parts if x)

    def entries(self) -> list[HandoutEntry]:
        return [e for s in self.sections for e in s.entries]
