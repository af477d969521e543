"""Reading one cell of a sheet people made: pure functions, one per kind of value.

Each parser takes the raw value python-calamine hands over (str, float, int, bool, date,
datetime, time, timedelta; '' for an empty cell) and returns the clean value, or raises
``ValueProblem`` with a Japanese message that says what is wrong and how to write it instead.
An empty cell never reaches a parser: the import engine treats it as "not given".

What every text goes through (``text``): NFKC (全角の数字・英字 → 半角, ０２６ → 026, 半角カナ →
全角), invisible characters dropped, spaces trimmed (全角 spaces too) and runs of spaces made one;
line breaks are kept only for multi-line fields. Numbers that arrive where text belongs (a code
typed as a number) are written without a trailing '.0'.

No openpyxl, no database: the import (services/imports/planning.py) picks a parser per column.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from functools import partial
from typing import Any

from sasaeai_desktop.domain.contact import EMAIL_RE
from sasaeai_desktop.domain.contact import PHONE_RE
from sasaeai_desktop.domain.date_range import GENERAL
from sasaeai_desktop.domain.date_range import DateOutOfRange
from sasaeai_desktop.domain.date_range import DateSpan
from sasaeai_desktop.domain.date_range import check_date
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.domain.fiscal_year import parse_fiscal_year
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.names import to_hiragana
from sasaeai_desktop.domain.names import written_text
from sasaeai_desktop.domain.wareki import DateParseError
from sasaeai_desktop.domain.wareki import parse_date
from sasaeai_desktop.domain.wareki import parse_year_month

__all__ = [
    "EMAIL_RE",
    "PHONE_RE",
    "ValueProblem",
    "date_value",
    "email",
    "fiscal_year",
    "float_value",
    "int_value",
    "is_blank",
    "kana",
    "multiline",
    "number_text",
    "percent",
    "phone",
    "split_list",
    "text",
    "written",
    "written_multiline",
    "year_month",
    "yes_no",
]



class ValueProblem(ValueError):
    """A cell that cannot be read; ``str()`` is the Japanese message for the user."""


def is_blank(value: Any) -> bool:
    """True for an empty cell: None, '' or text of spaces only (全角 too)."""
    if value is None:
        return True
    if value.__class__ is str:
        return not value or value.isspace()
    return False


def number_text(value: float | int) -> str:
    """A number as a person would have typed it: 202011.0 → '202011', 3.5 → '3.5'."""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value)


def _as_text(value: Any) -> str:
    cls = value.__class__
    if cls is str:
        return value
    if cls is bool:
        return "TRUE" if value else "FALSE"
    if cls is float or cls is int:
        return number_text(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return f"{value.year}/{value.month:02d}/{value.day:02d}"
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return f"{value.year}/{value.month:02d}/{value.day:02d}"
    return str(value)


# Multi-line text that clean_text would change apart from NFKC: whitespace other than single
# inner spaces and line breaks, or an invisible or control character. Most cells have none, and are
# returned as they are (fast path).
_NEEDS_CLEANING_MULTILINE = re.compile(r"[^\S \n]|  | \n|\n |^[ \n]|[ \n]$|[\x00-\x1f\x7f-\x9f\u200b\u2060\ufeff]")
_is_nfkc = partial(unicodedata.is_normalized, "NFKC")
# A reading as most lists write it (くぼた たえこ): precomposed hiragana and ー, single spaces
# between words — printable, NFKC, no katakana, so ``kana`` returns it as it is.
_PLAIN_READING = re.compile("[\u3041-\u3096\u30fc]+(?: [\u3041-\u3096\u30fc]+)*")


def _too_long(n: int, max_len: int) -> ValueProblem:
    return ValueProblem(f"長すぎます（{n:,}文字、この欄は{max_len:,}文字まで）")


def _at_most(max_len: int | None, s: str) -> str:
    """``s`` when it has at most ``max_len`` characters (no limit: None)."""
    if max_len is not None and len(s) > max_len:
        raise _too_long(len(s), max_len)
    return s


def text(value: Any, max_len: int | None = None) -> str:
    """One line of text: NFKC, trimmed, runs of spaces (and line breaks) made one space."""
    s = value if value.__class__ is str else _as_text(value)
    if "\u3000" in s:  # the 全角 space of most names: NFKC's own mapping, done first as clean_text does
        s = s.replace("\u3000", " ")
    # Printable text with single inner spaces needs no cleaning apart from NFKC (every other
    # whitespace and invisible character is unprintable); the rest goes through clean_text,
    # which leaves clean text as it is.
    if not (s.isprintable() and "  " not in s and s[:1] != " " and s[-1:] != " ") or not _is_nfkc(s):
        s = clean_text(s)
    return _at_most(max_len, s)


def multiline(value: Any, max_len: int | None = None) -> str:
    """Text whose line breaks matter (備考): each line trimmed, blank first/last lines dropped."""
    s = value if value.__class__ is str else _as_text(value)
    if _NEEDS_CLEANING_MULTILINE.search(s) or not _is_nfkc(s):
        s = clean_text(s, multiline=True)
    return _at_most(max_len, s)


def written(value: Any, max_len: int | None = None) -> str:
    """A name, 所属 or 職名 as written (``domain.names.written_text``): no NFKC, so 塚 (U+FA10),
    﨑, 髙 and half-width kana stay what they are; white space as ``text`` makes it."""
    s = value if value.__class__ is str else _as_text(value)
    if not (s.isprintable() and "  " not in s and s[:1] != " " and s[-1:] != " "):
        s = written_text(s)
    return _at_most(max_len, s)


def written_multiline(value: Any, max_len: int | None = None) -> str:
    """Free text (備考, 日頃の活動分野) as written, its lines kept: ``multiline`` without NFKC."""
    s = value if value.__class__ is str else _as_text(value)
    if _NEEDS_CLEANING_MULTILINE.search(s):
        s = written_text(s, multiline=True)
    return _at_most(max_len, s)


def kana(value: Any, max_len: int | None = None) -> str:
    """ふりがな: as ``text``, with katakana (全角・半角) turned into hiragana.

    Unlike a name, a reading is folded (NFKC, katakana → hiragana): it is a pronunciation, not a
    spelling — ﾀｶﾊｼ, タカハシ and たかはし say the same thing, the handout sorts and heads its 行 by
    it, and no one's reading is lost by writing it in hiragana."""
    if value.__class__ is str and _PLAIN_READING.fullmatch(value) and (max_len is None or len(value) <= max_len):
        return value  # hiragana words with single spaces: nothing to clean or turn
    s = text(value, max_len)
    return to_hiragana(s) if s else s


def _number_from_text(value: str, what: str) -> float:
    s = clean_text(value).replace(",", "").replace(" ", "")
    for unit in ("人", "名", "件", "か所", "箇所", "ヶ所", "ケ所", "円"):
        if s.endswith(unit):
            s = s[: -len(unit)]
            break
    try:
        number = float(s)
    except ValueError:
        raise ValueProblem(f"「{value.strip()}」は{what}として読み取れません（数字だけを入力してください）") from None
    if not math.isfinite(number):
        raise ValueProblem(f"「{value.strip()}」は{what}として読み取れません")
    return number


def int_value(value: Any) -> int:
    """A whole number: 1234, 1234.0, '1,234', '１２３４', '1234人', '85名'."""
    cls = value.__class__
    if cls is int:
        return value
    if cls is bool:
        raise ValueProblem("数値の欄にTRUE/FALSEが入っています")
    if cls is float:
        if not math.isfinite(value):
            raise ValueProblem("数値として読み取れません")
        if not value.is_integer():
            raise ValueProblem(f"{value:g} は整数ではありません")
        return int(value)
    if cls is str:
        number = _number_from_text(value, "整数")
        if not number.is_integer():
            raise ValueProblem(f"「{value.strip()}」は整数ではありません")
        return int(number)
    raise ValueProblem(f"「{_as_text(value)}」は整数として読み取れません")


def float_value(value: Any) -> float:
    """A number: 30.5, '30.5', '３０．５', '1,234.5'."""
    cls = value.__class__
    if cls is float or cls is int:
        if cls is float and not math.isfinite(value):
            raise ValueProblem("数値として読み取れません")
        return float(value)
    if cls is bool:
        raise ValueProblem("数値の欄にTRUE/FALSEが入っています")
    if cls is str:
        return _number_from_text(value, "数値")
    raise ValueProblem(f"「{_as_text(value)}」は数値として読み取れません")


def percent(value: Any) -> float:
    """A rate in percent (高齢化率): 30.5, '30.5%', '３０．５％'.

    A number below 1 is refused rather than guessed at: it is what a cell formatted as % holds
    (0.305 shown as 30.5%), and no municipality has an aging rate under 1%.
    """
    if value.__class__ is str:
        s = clean_text(value)
        if s.endswith("%"):
            return float_value(s[:-1])
        number = float_value(s)
    else:
        number = float_value(value)
    if 0 < number < 1:
        raise ValueProblem(
            f"{number:g} は割合（%表示のセル）のようです。高齢化率はパーセントの数値で入力してください（例: 30.5）"
        )
    return number


# --- dates -------------------------------------------------------------------------------------

_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (after the 1900 leap-year bug)
# A bare number in a date column is an Excel serial whose date format was lost: accept the
# serials of 1927-10-10 .. 2173-10-14, far from both small counts and yyyymmdd numbers.
_SERIAL_MIN, _SERIAL_MAX = 10_000, 100_000
_TIME_TAIL = re.compile(r"\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_DATE_WORDS = "例: 2025/4/1、2025-04-01、2025年4月1日、令和7年4月1日、R7.4.1"


def date_value(value: Any, span: DateSpan = GENERAL) -> dt.date:
    """A day: an Excel date or datetime, an Excel serial number, or text in 西暦 or 和暦, within
    ``span`` (domain/date_range.py: 1900–2100 unless the column says otherwise).

    Text: 2025/4/1, 2025-04-01, 2025.4.1, 2025年4月1日, 20250401, 令和7年4月1日, 令和元年5月1日,
    R7.4.1, R07/04/01, H31.4.30, ２０２５／４／１, 2025/4/1(火), '2025/04/01 0:00:00' …
    """
    day = _read_date(value)
    try:
        return check_date(day, span)
    except DateOutOfRange as exc:
        raise ValueProblem(str(exc)) from None


def _read_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    cls = value.__class__
    if cls is bool:
        raise ValueProblem("日付の欄にTRUE/FALSEが入っています")
    if cls is float or cls is int:
        if cls is float and not value.is_integer():
            value = math.floor(value)  # a datetime serial: the day is the whole part
        n = int(value)
        if 19_000_101 <= n <= 29_991_231:  # 20250401 typed as a number
            return _read_date(str(n))
        if _SERIAL_MIN <= n <= _SERIAL_MAX:
            return _EXCEL_EPOCH + dt.timedelta(days=n)
        raise ValueProblem(f"{number_text(value)} は日付として読み取れません（{_DATE_WORDS}）")
    if cls is str:
        s = unicodedata.normalize("NFKC", value).strip()
        s = _TIME_TAIL.sub("", s)
        try:
            return parse_date(s)
        except DateParseError as exc:
            raise ValueProblem(str(exc).replace(f"「{s}」", f"「{value.strip()}」")) from None
    raise ValueProblem(f"「{_as_text(value)}」は日付として読み取れません（{_DATE_WORDS}）")


def year_month(value: Any) -> tuple[int, int]:
    """A month (総合事業の移行時期 …): H29.4, 平成29年4月, 2017/4, 2017年4月, or an Excel date."""
    if isinstance(value, dt.date):
        return value.year, value.month
    if value.__class__ in (float, int) and value.__class__ is not bool:
        n = int(value)
        if 190_001 <= n <= 299_912 and 1 <= n % 100 <= 12:  # 201704
            return n // 100, n % 100
        day = date_value(value)
        return day.year, day.month
    if value.__class__ is str:
        try:
            return parse_year_month(value)
        except DateParseError as exc:
            # A full date is a month too (2017/4/1 → 2017年4月).
            try:
                day = date_value(value)
            except ValueProblem:
                raise ValueProblem(str(exc)) from None
            return day.year, day.month
    raise ValueProblem(f"「{_as_text(value)}」は年月として読み取れません（例: 2017/4、平成29年4月、H29.4）")


def fiscal_year(value: Any) -> int:
    """A 年度: 2025, '2025年度', '令和7年度', 'R7', 'H29年度'; or a day, the 年度 it falls in — how the
    writer puts a 年度 in 和暦 (1 April under the format 令和7年度), which a reader may hand over as
    a date or as its Excel serial."""
    if isinstance(value, dt.date) or (value.__class__ in (int, float) and value >= _SERIAL_MIN):
        day = _read_date(value)
        return fiscal_year_of(day)
    if value.__class__ is float:
        if not value.is_integer():
            raise ValueProblem(f"{value:g} は年度として読み取れません")
        value = int(value)
    if value.__class__ is int:
        value = str(value)
    if value.__class__ is not str:
        raise ValueProblem(f"「{_as_text(value)}」は年度として読み取れません（例: 2025、令和7年度、R7）")
    try:
        return parse_fiscal_year(value)
    except ValueError as exc:
        raise ValueProblem(str(exc)) from None


# --- yes / no ----------------------------------------------------------------------------------

_YES = frozenset(
    "可 ○ 〇 ◯ ◎ ● ✓ ✔ ☑ はい yes y true t 1 有 あり 有り する 同意 同意する 同意あり 承諾 承諾する 公開 公開可 公開する"
    " 掲載 掲載可 掲載する 掲載してよい 掲載ok 可能 ok 済 済み".split()
)
_NO = frozenset(
    "否 × ✕ ✖ ☓ ╳ x いいえ no n false f 0 無 なし 無し しない 不可 不同意 同意しない 同意なし 不承諾 承諾しない"
    " 非公開 公開不可 公開しない 非掲載 掲載不可 掲載しない 掲載ng 不可能 ng".split()
)
_UNKNOWN = frozenset("- ー — ― 未定 未確認 不明 ? ？".split())
_YES_NO_WORDS = "可/否、○/×、はい/いいえ、同意/不同意、掲載する/掲載しない、TRUE/FALSE、1/0、有/無、する/しない"


def yes_no(value: Any) -> bool | None:
    """可/否, ○/×, 〇, はい/いいえ, TRUE/FALSE, 1/0, 有/無, あり/なし, する/しない, 同意/不同意 …

    '-', '未定', '不明' mean "not recorded" (None). Anything else (△, 要相談) is a problem:
    consent is never guessed.
    """
    cls = value.__class__
    if cls is bool:
        return value
    if cls is int or cls is float:
        if value == 1:
            return True
        if value == 0:
            return False
        raise ValueProblem(f"{number_text(value)} は「はい/いいえ」として読み取れません（{_YES_NO_WORDS}）")
    s = "".join(unicodedata.normalize("NFKC", _as_text(value)).split()).casefold()
    if s in _YES:
        return True
    if s in _NO:
        return False
    if s in _UNKNOWN:
        return None
    raise ValueProblem(f"「{_as_text(value).strip()}」は「はい/いいえ」として読み取れません（{_YES_NO_WORDS}）")


# --- contact -----------------------------------------------------------------------------------

_PHONE_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−ー－ｰ"})
# The usual way a number is written (026-232-0111): it passes every check below unchanged, so one
# match answers for it (≥ 6 digits, only digits and hyphens, 8–15 characters).
_PLAIN_PHONE = re.compile(r"[0-9]{2,5}-[0-9]{1,4}-[0-9]{3,4}")
# The usual address (ASCII, no spaces, no 'mailto:'): EMAIL_RE holds and nothing needs cleaning.
_PLAIN_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def phone(value: Any) -> str:
    """A phone number as text: '026-232-0111', '０２６（２３２）０１１１', '090 1234 5678'.

    A number cell is refused: Excel has dropped its leading 0 (0262320111 → 262320111).
    """
    cls = value.__class__
    if cls is str and _PLAIN_PHONE.fullmatch(value):
        return value
    if cls is int or cls is float:
        raise ValueProblem(
            f"電話番号が数値として入力されています（{number_text(value)}）。先頭の0が消えるため、"
            "セルの書式を文字列にして「026-232-0111」のように入力してください"
        )
    s = _as_text(value)
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s).translate(_PHONE_DASHES)
    s = s.strip()
    if "  " in s or not s.isprintable():
        s = " ".join(s.split())
    # PHONE_RE leaves digits and ()-+ and space: the digits are what the others are not.
    if not PHONE_RE.match(s) or len(s) - s.count("-") - s.count(" ") - s.count("(") - s.count(")") - s.count("+") < 6:
        raise ValueProblem(f"電話番号「{_as_text(value).strip()}」の形式が正しくありません（数字とハイフン、例: 026-232-0111）")
    return s


def email(value: Any) -> str:
    """An e-mail address: NFKC (＠ → @), trimmed, 'mailto:' dropped, checked for one @ and a dot."""
    if value.__class__ is str and len(value) <= 200 and _PLAIN_EMAIL.fullmatch(value):
        return value
    s = _as_text(value)
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s)
    s = s.strip()
    if s[:7].lower() == "mailto:":
        s = s[7:]
    if not EMAIL_RE.match(s) or len(s) > 200:
        raise ValueProblem(f"メールアドレス「{_as_text(value).strip()}」の形式が正しくありません（例: name@example.jp）")
    return s


# --- lists -------------------------------------------------------------------------------------

_LIST_SEPARATORS = re.compile(r"[、,;/\n]+")


def split_list(value: Any) -> list[str]:
    """'協議体の立ち上げ、居場所づくり' / 'a, b' / one item per line → the items, trimmed, in order,
    without repeats. '・' does not separate: it is part of names (フォーラム・セミナー)."""
    s = _as_text(value)
    out: list[str] = []
    for part in _LIST_SEPARATORS.split(unicodedata.normalize("NFKC", s)):
        item = clean_text(part)
        if item and item not in out:
            out.append(item)
    return out
