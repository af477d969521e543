"""和暦 (Japanese era) dates: read what officers type, write what they read.

Supported eras are 明治 大正 昭和 平成 令和 (abbreviations M T S H R, or 明 大 昭 平 令).
Only dates from 1873-01-01 (明治6年1月1日) on can be converted: before that Japan used the
lunisolar calendar, and mapping 明治5年12月1日 onto the Gregorian calendar would be silently wrong.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from typing import Literal

__all__ = [
    "ERAS",
    "GREGORIAN_ADOPTION",
    "DateParseError",
    "Era",
    "era_by_token",
    "era_of",
    "era_of_year",
    "format_date",
    "parse_date",
    "parse_year_month",
    "to_wareki",
]

WarekiStyle = Literal["long", "short", "era_year"]

# The day Japan switched to the Gregorian calendar (明治5年12月3日 became 明治6年1月1日).
GREGORIAN_ADOPTION = date(1873, 1, 1)

_WEEKDAYS = "月火水木金土日"  # index = date.weekday()


@dataclass(frozen=True, slots=True)
class Era:
    """One era: its name, Latin abbreviation and first/last day (last is None for the current era)."""

    name: str
    letter: str
    start: date
    end: date | None

    def contains(self, d: date) -> bool:
        """Whether the day ``d`` falls in this era."""
        return self.start <= d and (self.end is None or d <= self.end)

    def year_of(self, d: date) -> int:
        """The era year (1 = 元年) of the Gregorian year of ``d``."""
        return d.year - self.start.year + 1

    def gregorian_year(self, era_year: int) -> int:
        """The Gregorian year of the era year ``era_year``."""
        return self.start.year + era_year - 1


ERAS: tuple[Era, ...] = (
    # 明治 began 1868-10-23 (慶応4年9月8日); its first convertible day is GREGORIAN_ADOPTION.
    Era("明治", "M", date(1868, 10, 23), date(1912, 7, 29)),
    Era("大正", "T", date(1912, 7, 30), date(1926, 12, 24)),
    Era("昭和", "S", date(1926, 12, 25), date(1989, 1, 7)),
    Era("平成", "H", date(1989, 1, 8), date(2019, 4, 30)),
    Era("令和", "R", date(2019, 5, 1), None),
)

_ERA_BY_TOKEN: dict[str, Era] = {}
for _era in ERAS:
    _ERA_BY_TOKEN[_era.name] = _era
    _ERA_BY_TOKEN[_era.name[0]] = _era
    _ERA_BY_TOKEN[_era.letter] = _era
    _ERA_BY_TOKEN[_era.letter.lower()] = _era
del _era


class DateParseError(ValueError):
    """A text that is not a date we can read; the message is Japanese and shown to the user."""

    def __init__(self, text: str, message: str) -> None:
        super().__init__(message)
        self.text = text


def era_by_token(token: str) -> Era:
    """The era for '令和', '令', 'R' or 'r'; KeyError for anything else."""
    return _ERA_BY_TOKEN[token]


# --- reading -----------------------------------------------------------------------------------

# Dash-like characters NFKC leaves alone but people paste from Word or Excel.
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff70"})

_ERA_RE = r"(?P<era>明治|大正|昭和|平成|令和|[明大昭平令MTSHRmtshr])"
_ERA_YEAR_RE = r"(?P<ey>[0-9]{1,2}|元)"
# An optional weekday as printed on notices: (火) or (火曜) or (火曜日).
_WEEKDAY_RE = r"(?:\s*\(\s*(?P<wd>[月火水木金土日])(?:曜日?)?\s*\))?"
_MD_SEP_RE = r"\s*(?P<sep>[-/.])\s*(?P<m>[0-9]{1,2})\s*(?P=sep)\s*(?P<d>[0-9]{1,2})"
_MD_KANJI_RE = r"\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})(?:\s*日)?"

_DATE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p + _WEEKDAY_RE)
    for p in (
        r"(?P<y>[0-9]{4})" + _MD_SEP_RE,
        r"(?P<y>[0-9]{4})" + _MD_KANJI_RE,
        r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})",
        _ERA_RE + r"\s*" + _ERA_YEAR_RE + _MD_SEP_RE,
        _ERA_RE + r"\s*" + _ERA_YEAR_RE + _MD_KANJI_RE,
    )
)

_YEAR_MONTH_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"(?P<y>[0-9]{4})\s*[-/.]\s*(?P<m>[0-9]{1,2})",
        r"(?P<y>[0-9]{4})\s*年\s*(?P<m>[0-9]{1,2})\s*月",
        r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})",
        _ERA_RE + r"\s*" + _ERA_YEAR_RE + r"\s*[-/.]\s*(?P<m>[0-9]{1,2})",
        _ERA_RE + r"\s*" + _ERA_YEAR_RE + r"\s*年\s*(?P<m>[0-9]{1,2})\s*月",
    )
)

_DATE_EXAMPLES = "例: 2025/4/1、2025年4月1日、令和7年4月1日、R7.4.1"
_YEAR_MONTH_EXAMPLES = "例: 2017/4、2017年4月、平成29年4月、H29.4"


def _normalise(text: str) -> str:
    # NFKC turns 全角 digits/letters/punctuation into ASCII, U+3000 and NBSP into spaces,
    # and the one-character era signs ㍻ ㋿ into 平成 令和.
    return unicodedata.normalize("NFKC", text).translate(_DASHES).strip()


def _check_type(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    return text


def _era_range_text(era: Era) -> str:
    start = max(era.start, GREGORIAN_ADOPTION)
    if era.end is None:
        return f"{era.name}は{start.year}年{start.month}月{start.day}日から"
    return (
        f"{era.name}は{start.year}年{start.month}月{start.day}日〜"
        f"{era.end.year}年{era.end.month}月{era.end.day}日"
    )


def _resolve_year(shown: str, groups: dict[str, str | None]) -> tuple[int, Era | None]:
    """The Gregorian year and the era (None for 西暦) of a matched text."""
    if groups.get("era") is None:
        return int(groups["y"] or ""), None
    era = _ERA_BY_TOKEN[groups["era"] or ""]
    ey_text = groups["ey"] or ""
    era_year = 1 if ey_text == "元" else int(ey_text)
    if era_year == 0:
        raise DateParseError(shown, f"「{shown}」の年が0です（{era.name}は元年＝1年から数えます）")
    return era.gregorian_year(era_year), era


def _read(
    text: str, patterns: Sequence[re.Pattern[str]], what: str, examples: str
) -> tuple[str, dict[str, str | None], int, Era | None]:
    """(the text as shown, the groups of the first pattern it matches, the Gregorian year, the era)
    of a ``what`` (日付 or 年月) text; DateParseError when it is empty or matches none."""
    shown = _check_type(text).strip()
    norm = _normalise(text)
    if not norm:
        raise DateParseError(text, f"{what}が入力されていません")
    for pattern in patterns:
        match = pattern.fullmatch(norm)
        if match:
            groups = match.groupdict()
            year, era = _resolve_year(shown, groups)
            return shown, groups, year, era
    raise DateParseError(text, f"「{shown}」は{what}として読み取れません（{examples}）")


def parse_date(text: str) -> date:
    """Read a 西暦 or 和暦 date; raise DateParseError (Japanese message) when it is not one."""
    shown, groups, year, era = _read(text, _DATE_PATTERNS, "日付", _DATE_EXAMPLES)
    try:
        result = date(year, int(groups["m"] or ""), int(groups["d"] or ""))
    except ValueError:
        raise DateParseError(text, f"「{shown}」は存在しない日付です") from None

    if era is not None:
        if result < GREGORIAN_ADOPTION:
            raise DateParseError(
                text,
                f"「{shown}」は明治6年（1873年）1月1日より前の日付です（旧暦の日付は扱えません）",
            )
        if not era.contains(result):
            raise DateParseError(text, f"「{shown}」は{era.name}の期間外です（{_era_range_text(era)}）")

    weekday = groups.get("wd")
    if weekday is not None and _WEEKDAYS[result.weekday()] != weekday:
        actual = _WEEKDAYS[result.weekday()]
        raise DateParseError(
            text,
            f"「{shown}」の曜日が合いません（{result.year}年{result.month}月{result.day}日は{actual}曜日です）",
        )
    return result


def parse_year_month(text: str) -> tuple[int, int]:
    """Read a month such as 'H29.4', '平成29年4月', '2017/4' into (year, month)."""
    shown, groups, year, era = _read(text, _YEAR_MONTH_PATTERNS, "年月", _YEAR_MONTH_EXAMPLES)
    month = int(groups["m"] or "")
    if not 1 <= month <= 12 or not 1 <= year <= 9999:
        raise DateParseError(text, f"「{shown}」は存在しない年月です")

    if era is not None:
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        if last < GREGORIAN_ADOPTION:
            raise DateParseError(
                text,
                f"「{shown}」は明治6年（1873年）1月より前の年月です（旧暦の日付は扱えません）",
            )
        # A month belongs to an era when at least one of its days does (平成31年4月, 令和元年5月).
        if last < era.start or (era.end is not None and first > era.end):
            raise DateParseError(text, f"「{shown}」は{era.name}の期間外です（{_era_range_text(era)}）")
    return year, month


# --- writing -----------------------------------------------------------------------------------


def _as_date(d: date) -> date:
    # datetime is a date subclass but refuses to be compared with a plain date.
    if isinstance(d, datetime):
        return d.date()
    if not isinstance(d, date):
        raise TypeError(f"d must be a date, not {type(d).__name__}")
    return d


def _era_for(d: date) -> Era:
    if d < GREGORIAN_ADOPTION:
        raise ValueError(
            f"{d.year}年{d.month}月{d.day}日は明治6年（1873年）1月1日より前のため和暦に変換できません"
        )
    for era in reversed(ERAS):
        if d >= era.start:
            return era
    raise AssertionError("unreachable: 明治 starts before GREGORIAN_ADOPTION")


def era_of(d: date) -> tuple[str, int]:
    """The era name and era year of ``d``: date(2025, 4, 1) → ('令和', 7)."""
    d = _as_date(d)
    era = _era_for(d)
    return era.name, era.year_of(d)


def era_of_year(year: int) -> tuple[str, int]:
    """The era name and era year used for a whole Gregorian year: its era on 31 December."""
    return era_of(date(year, 12, 31))


def _year_text(era_year: int) -> str:
    return "元" if era_year == 1 else str(era_year)


def to_wareki(d: date, style: WarekiStyle = "long") -> str:
    """'long' → '令和7年4月1日', 'short' → 'R7.4.1', 'era_year' → '令和7年' (year 1 is 元年 in long forms)."""
    d = _as_date(d)
    era = _era_for(d)
    era_year = era.year_of(d)
    if style == "long":
        return f"{era.name}{_year_text(era_year)}年{d.month}月{d.day}日"
    if style == "short":
        return f"{era.letter}{era_year}.{d.month}.{d.day}"
    if style == "era_year":
        return f"{era.name}{_year_text(era_year)}年"
    raise ValueError(f"unknown style {style!r}; use 'long', 'short' or 'era_year'")


def format_date(d: date, style: WarekiStyle = "long") -> str:
    """``to_wareki`` for printing a stored date: a day 和暦 cannot name (before 1873, or a typo
    such as 0001-01-01 kept from an older version or another laptop) is written in 西暦 instead
    of failing the whole document — '1800年1月1日', '1800.1.1', '1800年'."""
    d = _as_date(d)
    if d >= GREGORIAN_ADOPTION:
        return to_wareki(d, style)
    if style == "short":
        return f"{d.year}.{d.month}.{d.day}"
    if style == "era_year":
        return f"{d.year}年"
    return f"{d.year}年{d.month}月{d.day}日"
