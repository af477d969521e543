"""年度: the Japanese fiscal year, 1 April to 31 March, named after the year it starts in.

Naming rule for 和暦 labels: a 年度 takes the era in force at the end of its starting calendar year,
so FY2019 (2019-04-01 to 2020-03-31) is 令和元年度, as in official documents (令和元年度決算),
although 2019-04-01 itself was still 平成. 平成31年度 is still accepted when reading.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from datetime import datetime
from typing import Literal

from .wareki import GREGORIAN_ADOPTION
from .wareki import era_by_token
from .wareki import era_of_year

__all__ = [
    "FIRST_MONTH",
    "MAX_FISCAL_YEAR",
    "MIN_FISCAL_YEAR",
    "FiscalYearParseError",
    "fiscal_year_label",
    "fiscal_year_of",
    "fiscal_year_range",
    "parse_fiscal_year",
]

FiscalYearStyle = Literal["wareki", "seireki", "both"]

FIRST_MONTH = 4
# The program keeps records from 平成 on; anything outside this is almost surely a typo.
MIN_FISCAL_YEAR = 1989
MAX_FISCAL_YEAR = 2100


class FiscalYearParseError(ValueError):
    """A text that is not a 年度 we can read; the message is Japanese and shown to the user."""

    def __init__(self, text: object, message: str) -> None:
        super().__init__(message)
        self.text = text


def _as_date(d: date) -> date:
    return d.date() if isinstance(d, datetime) else d


def fiscal_year_of(d: date) -> int:
    """The 年度 of a day: 2026-03-31 → 2025, 2026-04-01 → 2026."""
    d = _as_date(d)
    return d.year if d.month >= FIRST_MONTH else d.year - 1


def fiscal_year_range(fy: int) -> tuple[date, date]:
    """The first and last day of 年度 ``fy``: (fy-04-01, fy+1-03-31).

    年度 9999 (of a stored typo such as 9999-12-31) ends on the last day Python knows."""
    last = date(fy + 1, FIRST_MONTH - 1, 31) if fy < date.max.year else date.max
    return date(fy, FIRST_MONTH, 1), last


def fiscal_year_label(fy: int, style: FiscalYearStyle = "wareki") -> str:
    """'令和7年度' (wareki), '2025年度' (seireki) or '令和7年度（2025年度）' (both)."""
    if isinstance(fy, bool) or not isinstance(fy, int):
        raise TypeError(f"fy must be int, not {type(fy).__name__}")
    seireki = f"{fy}年度"
    if style == "seireki":
        return seireki
    if fy < GREGORIAN_ADOPTION.year:
        # No era can name it (a stored typo such as 1800-01-01): 西暦 rather than a failed print.
        return seireki
    era_name, era_year = era_of_year(fy)
    wareki = f"{era_name}{'元' if era_year == 1 else era_year}年度"
    if style == "wareki":
        return wareki
    if style == "both":
        return f"{wareki}（{seireki}）"
    raise ValueError(f"unknown style {style!r}; use 'wareki', 'seireki' or 'both'")


_SEIREKI_RE = re.compile(r"(?:FY\s*)?(?P<y>[0-9]{4})\s*(?:年度?)?", re.IGNORECASE)
_WAREKI_RE = re.compile(
    r"(?P<era>明治|大正|昭和|平成|令和|[明大昭平令MTSHRmtshr])\s*(?P<ey>[0-9]{1,2}|元)\s*(?:年度?)?"
)
# The 'both' label: 令和7年度（2025年度） (NFKC has turned the 全角 brackets into ASCII).
_BOTH_RE = re.compile(r"(?P<a>[^()]+?)\s*\(\s*(?P<b>[^()]+?)\s*\)")
_EXAMPLES = "例: 2025、2025年度、令和7年度、R7"


def _parse_one(norm: str, shown: str, original: object) -> int:
    match = _SEIREKI_RE.fullmatch(norm)
    if match:
        return int(match["y"])
    match = _WAREKI_RE.fullmatch(norm)
    if not match:
        raise FiscalYearParseError(original, f"「{shown}」は年度として読み取れません（{_EXAMPLES}）")
    era = era_by_token(match["era"])
    era_year = 1 if match["ey"] == "元" else int(match["ey"])
    if era_year == 0:
        raise FiscalYearParseError(original, f"「{shown}」の年が0です（{era.name}は元年＝1年から数えます）")
    fy = era.gregorian_year(era_year)
    # The 年度 must share at least one day with the era: 平成31年度 yes (April 2019), 平成32年度 no.
    if era.end is not None and date(fy, FIRST_MONTH, 1) > era.end:
        hint = ""
        if MIN_FISCAL_YEAR <= fy <= MAX_FISCAL_YEAR:
            right = fiscal_year_label(fy)
            hint = f"（{right}のことであれば「{right}」と入力してください）"
        raise FiscalYearParseError(original, f"「{shown}」は{era.name}の期間外です{hint}")
    return fy


def _check_range(fy: int, shown: str, original: object) -> int:
    if not MIN_FISCAL_YEAR <= fy <= MAX_FISCAL_YEAR:
        raise FiscalYearParseError(
            original,
            f"年度「{shown}」は{MIN_FISCAL_YEAR}年度〜{MAX_FISCAL_YEAR}年度の範囲外です",
        )
    return fy


def parse_fiscal_year(text: str | int) -> int:
    """Read 2025, '２０２５', '2025年度', '令和7年度', 'R7', '平成31年度' … into the starting year."""
    if isinstance(text, bool):
        raise FiscalYearParseError(text, f"「{text}」は年度として読み取れません（{_EXAMPLES}）")
    if isinstance(text, int):
        return _check_range(text, str(text), text)
    if not isinstance(text, str):
        raise TypeError(f"text must be str or int, not {type(text).__name__}")

    shown = text.strip()
    norm = unicodedata.normalize("NFKC", text).strip()
    if not norm:
        raise FiscalYearParseError(text, "年度が入力されていません")

    both = _BOTH_RE.fullmatch(norm)
    if both:
        first = _parse_one(both["a"], shown, text)
        second = _parse_one(both["b"], shown, text)
        if first != second:
            raise FiscalYearParseError(
                text,
                f"「{shown}」の括弧の前後で年度が一致しません（{first}年度と{second}年度）",
            )
        return _check_range(first, shown, text)
    return _check_range(_parse_one(norm, shown, text), shown, text)

