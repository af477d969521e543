"""補助金・モデル事業: the kinds of funding a prefecture gives a municipality, and the status a grant
record is in.

The status is derived from the dates, never stored. A stored status would be one more field to keep
in step with the dates by hand, and across laptops it would go wrong: one officer enters the
実績報告受理日 while another, offline, sets the status to 実績報告待ち; per-field merge keeps both and
the record then says it is waiting for a report it has received. Derived from the dates, the status
is right after every merge, and 期限超過 moves by itself as the days pass.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "GRANT_KINDS", "GrantSummary", "parse_yen", "SummaryLine", "SummaryRecord", "yen_text", "STATUSES", "STATUS_DONE", "STATUS_OVERDUE", "STATUS_WAITING", "grant_kind", "grant_status",
]

GRANT_KINDS: tuple[str, ...] = ("補助金", "委託", "モデル事業", "現物提供")

# What offices write for the same kinds in their own sheets.
_KIND_ALIASES: dict[str, str] = {
    "補助": "補助金", "補助事業": "補助金", "交付金": "補助金",
    "委託事業": "委託", "委託料": "委託",
    "モデル": "モデル事業", "モデル市町村": "モデル事業",
    "現物": "現物提供", "物品提供": "現物提供", "現物支給": "現物提供",
}

STATUS_NOT_APPLIED = "申請前"
STATUS_APPLIED = "申請中"
STATUS_DECIDED = "交付決定済"
STATUS_WAITING = "実績報告待ち"
STATUS_OVERDUE = "報告期限超過"
STATUS_DONE = "完了"
# In the order a grant goes through them.
STATUSES: tuple[str, ...] = (
    STATUS_NOT_APPLIED, STATUS_APPLIED, STATUS_DECIDED, STATUS_WAITING, STATUS_OVERDUE, STATUS_DONE,
)


_UNIT = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(万|千)?円?$")


def parse_yen(text: str) -> int:
    """An amount as offices write it: '6000000', '6,000,000円', '600万円', '6,000千円', '¥500,000'.
    ValueError with a Japanese message for anything else (a negative amount too)."""
    key = "".join(unicodedata.normalize("NFKC", text).split()).replace(",", "").lstrip("¥￥\\")
    found = _UNIT.match(key)
    if found is None:
        raise ValueError(f"「{text.strip()}」は金額として読み取れません（例: 6000000、6,000,000円、600万円）")
    amount = float(found.group(1)) * {"万": 10_000, "千": 1_000}.get(found.group(2) or "", 1)
    if not amount.is_integer():
        raise ValueError(f"「{text.strip()}」は1円単位になりません")
    return int(amount)


def grant_kind(text: str) -> str | None:
    """The kind ``text`` names (NFKC, spaces ignored, the aliases offices use), or None."""
    key = "".join(unicodedata.normalize("NFKC", text).split())
    if key in GRANT_KINDS:
        return key
    return _KIND_ALIASES.get(key)


def grant_status(
    applied_on: dt.date | None,
    decided_on: dt.date | None,
    report_due: dt.date | None,
    report_received: dt.date | None,
    today: dt.date,
) -> str:
    """The status the dates put a grant in (see the module's docstring for why it is not stored)."""
    if report_received is not None:
        return STATUS_DONE
    if report_due is not None:
        return STATUS_OVERDUE if report_due < today else STATUS_WAITING
    if decided_on is not None:
        return STATUS_DECIDED
    if applied_on is not None:
        return STATUS_APPLIED
    return STATUS_NOT_APPLIED


# --- the 年度 summary: plain data the services fill and the xlsx and PDF writers print ------------


@dataclass(frozen=True)
class SummaryLine:
    """Totals of one group (a program, a region, everything): records, 交付決定額, 支払額 (yen)."""

    name: str
    count: int = 0
    decided: int = 0
    paid: int = 0

    def plus(self, decided: int | None, paid: int | None) -> SummaryLine:
        return SummaryLine(self.name, self.count + 1, self.decided + (decided or 0), self.paid + (paid or 0))


@dataclass(frozen=True)
class SummaryRecord:
    """One record in the summary's list (by region, then municipality code)."""

    region: str
    municipality: str
    program: str
    kind: str
    decided: int | None
    paid: int | None
    status: str


@dataclass(frozen=True)
class GrantSummary:
    fiscal_year: int
    title: str  # 「令和7年度 補助金・モデル事業 集計」
    region_kind: str  # the kind of region the regional totals are by ('' when there are no regions)
    by_program: tuple[SummaryLine, ...]
    by_region: tuple[SummaryLine, ...]
    total: SummaryLine
    records: tuple[SummaryRecord, ...] = ()


def yen_text(amount: int | None) -> str:
    """'6,000,000' for a table cell; '' for no amount."""
    return "" if amount is None else f"{amount:,}"
