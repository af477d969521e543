"""Tests for sasaeai_desktop.domain.wareki (和暦 dates)."""

from __future__ import annotations

import re
from datetime import date
from datetime import datetime
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sasaeai_desktop.domain.wareki import ERAS
from sasaeai_desktop.domain.wareki import GREGORIAN_ADOPTION
from sasaeai_desktop.domain.wareki import DateParseError
from sasaeai_desktop.domain.wareki import era_by_token
from sasaeai_desktop.domain.wareki import era_of
from sasaeai_desktop.domain.wareki import era_of_year
from sasaeai_desktop.domain.wareki import parse_date
from sasaeai_desktop.domain.wareki import parse_year_month
from sasaeai_desktop.domain.wareki import to_wareki

# --- parse_date: accepted forms ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 西暦
        ("2025/4/1", date(2025, 4, 1)),
        ("2025/04/01", date(2025, 4, 1)),
        ("2025-04-01", date(2025, 4, 1)),
        ("2025-4-1", date(2025, 4, 1)),
        ("2025.4.1", date(2025, 4, 1)),
        ("2025年4月1日", date(2025, 4, 1)),
        ("2025年04月01日", date(2025, 4, 1)),
        ("2025 年 4 月 1 日", date(2025, 4, 1)),
        ("2025年4月1", date(2025, 4, 1)),
        ("20250401", date(2025, 4, 1)),
        ("2024/2/29", date(2024, 2, 29)),
        ("1999/12/31", date(1999, 12, 31)),
        # 和暦, full names
        ("令和7年4月1日", date(2025, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("令和1年5月1日", date(2019, 5, 1)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("昭和64年1月7日", date(1989, 1, 7)),
        ("昭和元年12月25日", date(1926, 12, 25)),
        ("大正15年12月24日", date(1926, 12, 24)),
        ("大正元年7月30日", date(1912, 7, 30)),
        ("明治45年7月29日", date(1912, 7, 29)),
        ("明治6年1月1日", date(1873, 1, 1)),
        ("令和7年4月1", date(2025, 4, 1)),
        # 和暦, abbreviations and separators
        ("R7.4.1", date(2025, 4, 1)),
        ("R07/04/01", date(2025, 4, 1)),
        ("R7-4-1", date(2025, 4, 1)),
        ("r7.4.1", date(2025, 4, 1)),
        ("R元.5.1", date(2019, 5, 1)),
        ("H29.4.1", date(2017, 4, 1)),
        ("h29.4.1", date(2017, 4, 1)),
        ("S64.1.7", date(1989, 1, 7)),
        ("T1.7.30", date(1912, 7, 30)),
        ("M6.1.1", date(1873, 1, 1)),
        ("H29年4月1日", date(2017, 4, 1)),
        ("令7.4.1", date(2025, 4, 1)),
        ("平29.4.1", date(2017, 4, 1)),
        ("昭50.1.1", date(1975, 1, 1)),
        ("大10.1.1", date(1921, 1, 1)),
        ("明40.1.1", date(1907, 1, 1)),
        ("R 7. 4. 1", date(2025, 4, 1)),
        ("令和 7 年 4 月 1 日", date(2025, 4, 1)),
        # 全角 digits, letters, punctuation and spaces
        ("令和７年４月１日", date(2025, 4, 1)),
        ("Ｒ７．４．１", date(2025, 4, 1)),
        ("ｒ７／４／１", date(2025, 4, 1)),
        ("２０２５／０４／０１", date(2025, 4, 1)),
        ("２０２５－０４－０１", date(2025, 4, 1)),
        ("２０２５０４０１", date(2025, 4, 1)),
        ("　令和7年4月1日　", date(2025, 4, 1)),
        ("  2025/4/1\t", date(2025, 4, 1)),
        ("\u00a02025/4/1\u00a0", date(2025, 4, 1)),
        # dashes pasted from word processors
        ("2025\u20104\u20101", date(2025, 4, 1)),
        ("2025\u22124\u22121", date(2025, 4, 1)),
        # one-character era signs
        ("\u337b31年4月30日", date(2019, 4, 30)),  # ㍻
        ("\u32ff元年5月1日", date(2019, 5, 1)),  # ㋿
        # weekday as printed on notices
        ("2025年4月1日(火)", date(2025, 4, 1)),
        ("2025年4月1日（火）", date(2025, 4, 1)),
        ("令和7年4月1日（火曜日）", date(2025, 4, 1)),
        ("2025/4/1 (火曜)", date(2025, 4, 1)),
        ("R7.4.1(火)", date(2025, 4, 1)),
    ],
)
def test_parse_date_accepts(text: str, expected: date) -> None:
    assert parse_date(text) == expected


# --- parse_date: errors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("平成31年5月1日", "平成の期間外"),
        ("令和1年4月30日", "令和の期間外"),
        ("令和元年4月30日", "令和の期間外"),
        ("昭和64年1月8日", "昭和の期間外"),
        ("平成元年1月7日", "平成の期間外"),
        ("大正15年12月25日", "大正の期間外"),
        ("昭和元年12月24日", "昭和の期間外"),
        ("明治45年7月30日", "明治の期間外"),
        ("大正元年7月29日", "大正の期間外"),
        ("H32.1.1", "平成の期間外"),
        ("R0.5.1", "年が0"),
        ("令和0年5月1日", "年が0"),
        ("明治5年12月2日", "明治6年（1873年）1月1日より前"),
        ("明治元年10月23日", "明治6年（1873年）1月1日より前"),
        ("2025/2/30", "存在しない日付"),
        ("2025/13/1", "存在しない日付"),
        ("2023/2/29", "存在しない日付"),
        ("令和7年2月30日", "存在しない日付"),
        ("20250230", "存在しない日付"),
        ("0000/1/1", "存在しない日付"),
        ("abc", "日付として読み取れません"),
        ("2025/4", "日付として読み取れません"),
        ("25/4/1", "日付として読み取れません"),
        ("2025/4-1", "日付として読み取れません"),
        ("2025/4/1/1", "日付として読み取れません"),
        ("X7.4.1", "日付として読み取れません"),
        ("令和7年4月", "日付として読み取れません"),
        ("2025年4月1日(水)", "曜日が合いません"),
        ("", "日付が入力されていません"),
        ("　 ", "日付が入力されていません"),
    ],
)
def test_parse_date_rejects(text: str, fragment: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_date(text)
    assert fragment in str(info.value)
    assert info.value.text == text


@pytest.mark.parametrize("text", ["平成31年5月1日", "2025/2/30", "abc", "R7.4.1(水)"])
def test_error_message_names_the_text(text: str) -> None:
    with pytest.raises(DateParseError, match=re.escape(f"「{text.strip()}」")):
        parse_date(text)


def test_error_message_names_the_text_as_typed_without_spaces() -> None:
    with pytest.raises(DateParseError, match="「２０２５／２／３０」"):
        parse_date("　２０２５／２／３０　")


def test_date_parse_error_is_value_error() -> None:
    assert issubclass(DateParseError, ValueError)
    with pytest.raises(ValueError):
        parse_date("2025/2/30")


def test_period_error_gives_the_era_range() -> None:
    with pytest.raises(DateParseError, match="平成は1989年1月8日〜2019年4月30日"):
        parse_date("平成31年5月1日")
    with pytest.raises(DateParseError, match="令和は2019年5月1日から"):
        parse_date("令和元年4月30日")


def test_parse_date_rejects_non_str() -> None:
    with pytest.raises(TypeError):
        parse_date(20250401)  # type: ignore[arg-type]


# --- era boundaries, exhaustively --------------------------------------------------------------


@pytest.mark.parametrize("index", range(1, len(ERAS)))
def test_every_era_boundary(index: int) -> None:
    old, new = ERAS[index - 1], ERAS[index]
    assert old.end == new.start - timedelta(days=1)
    last, first = old.end, new.start
    assert last is not None
    assert parse_date(to_wareki(last)) == last
    assert parse_date(to_wareki(first)) == first
    assert era_of(last) == (old.name, last.year - old.start.year + 1)
    assert era_of(first) == (new.name, 1)
    # The same day written in the wrong era is refused.
    wrong_old = f"{old.name}{old.year_of(first)}年{first.month}月{first.day}日"
    wrong_new = f"{new.name}元年{last.month}月{last.day}日" if last.year == first.year else None
    with pytest.raises(DateParseError, match=f"{old.name}の期間外"):
        parse_date(wrong_old)
    if wrong_new is not None:
        with pytest.raises(DateParseError, match=f"{new.name}の期間外"):
            parse_date(wrong_new)


def test_eras_are_contiguous_and_ordered() -> None:
    assert [e.name for e in ERAS] == ["明治", "大正", "昭和", "平成", "令和"]
    assert [e.letter for e in ERAS] == ["M", "T", "S", "H", "R"]
    assert ERAS[-1].end is None
    for old, new in zip(ERAS, ERAS[1:]):
        assert old.end is not None and old.end + timedelta(days=1) == new.start


@pytest.mark.parametrize(
    ("token", "name"),
    [("令和", "令和"), ("令", "令和"), ("R", "令和"), ("r", "令和"), ("H", "平成"), ("S", "昭和"),
     ("T", "大正"), ("M", "明治"), ("明", "明治"), ("大", "大正"), ("昭", "昭和"), ("平", "平成")],
)
def test_era_by_token(token: str, name: str) -> None:
    assert era_by_token(token).name == name


def test_era_by_token_unknown() -> None:
    with pytest.raises(KeyError):
        era_by_token("X")


# --- to_wareki and era_of ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "long", "short", "era_year"),
    [
        (date(2025, 4, 1), "令和7年4月1日", "R7.4.1", "令和7年"),
        (date(2019, 5, 1), "令和元年5月1日", "R1.5.1", "令和元年"),
        (date(2019, 4, 30), "平成31年4月30日", "H31.4.30", "平成31年"),
        (date(1989, 1, 8), "平成元年1月8日", "H1.1.8", "平成元年"),
        (date(1989, 1, 7), "昭和64年1月7日", "S64.1.7", "昭和64年"),
        (date(1926, 12, 25), "昭和元年12月25日", "S1.12.25", "昭和元年"),
        (date(1926, 12, 24), "大正15年12月24日", "T15.12.24", "大正15年"),
        (date(1912, 7, 30), "大正元年7月30日", "T1.7.30", "大正元年"),
        (date(1912, 7, 29), "明治45年7月29日", "M45.7.29", "明治45年"),
        (date(1873, 1, 1), "明治6年1月1日", "M6.1.1", "明治6年"),
        (date(2017, 12, 31), "平成29年12月31日", "H29.12.31", "平成29年"),
        (date(2100, 12, 31), "令和82年12月31日", "R82.12.31", "令和82年"),
    ],
)
def test_to_wareki_styles(d: date, long: str, short: str, era_year: str) -> None:
    assert to_wareki(d) == long
    assert to_wareki(d, "long") == long
    assert to_wareki(d, "short") == short
    assert to_wareki(d, "era_year") == era_year


def test_to_wareki_accepts_datetime() -> None:
    assert to_wareki(datetime(2025, 4, 1, 13, 30)) == "令和7年4月1日"
    assert era_of(datetime(2019, 4, 30, 23, 59)) == ("平成", 31)


def test_to_wareki_unknown_style() -> None:
    with pytest.raises(ValueError, match="unknown style"):
        to_wareki(date(2025, 4, 1), "medium")  # type: ignore[arg-type]


def test_to_wareki_before_gregorian_adoption() -> None:
    with pytest.raises(ValueError, match="1872年12月31日は明治6年"):
        to_wareki(date(1872, 12, 31))
    with pytest.raises(ValueError):
        era_of(date(1800, 1, 1))


def test_to_wareki_rejects_non_date() -> None:
    with pytest.raises(TypeError):
        to_wareki("2025-04-01")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2025, 4, 1), ("令和", 7)),
        (date(2019, 5, 1), ("令和", 1)),
        (date(2019, 4, 30), ("平成", 31)),
        (date(1989, 1, 7), ("昭和", 64)),
        (date(1989, 1, 8), ("平成", 1)),
        (GREGORIAN_ADOPTION, ("明治", 6)),
    ],
)
def test_era_of(d: date, expected: tuple[str, int]) -> None:
    assert era_of(d) == expected


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2019, ("令和", 1)), (1989, ("平成", 1)), (1988, ("昭和", 63)), (1926, ("昭和", 1)), (2025, ("令和", 7))],
)
def test_era_of_year_uses_the_era_on_31_december(year: int, expected: tuple[str, int]) -> None:
    assert era_of_year(year) == expected


# --- parse_year_month --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("H29.4", (2017, 4)),
        ("h29.4", (2017, 4)),
        ("平成29年4月", (2017, 4)),
        ("平29年4月", (2017, 4)),
        ("2017/4", (2017, 4)),
        ("2017/04", (2017, 4)),
        ("2017-04", (2017, 4)),
        ("2017.4", (2017, 4)),
        ("2017年4月", (2017, 4)),
        ("201704", (2017, 4)),
        ("R7.4", (2025, 4)),
        ("R07/04", (2025, 4)),
        ("令和元年5月", (2019, 5)),
        ("R元.5", (2019, 5)),
        ("平成31年4月", (2019, 4)),
        ("昭和64年1月", (1989, 1)),
        ("平成元年1月", (1989, 1)),
        ("大正15年12月", (1926, 12)),
        ("昭和元年12月", (1926, 12)),
        ("Ｈ２９．４", (2017, 4)),
        ("　令和７年１２月　", (2025, 12)),
        ("R 7 . 4", (2025, 4)),
    ],
)
def test_parse_year_month_accepts(text: str, expected: tuple[int, int]) -> None:
    assert parse_year_month(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("平成31年5月", "平成の期間外"),
        ("令和元年4月", "令和の期間外"),
        ("昭和64年2月", "昭和の期間外"),
        ("H32.1", "平成の期間外"),
        ("R0.4", "年が0"),
        ("明治5年12月", "1873年）1月より前"),
        ("2017/13", "存在しない年月"),
        ("2017年0月", "存在しない年月"),
        ("H29.4.1", "年月として読み取れません"),
        ("2017", "年月として読み取れません"),
        ("abc", "年月として読み取れません"),
        ("", "年月が入力されていません"),
    ],
)
def test_parse_year_month_rejects(text: str, fragment: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_year_month(text)
    assert fragment in str(info.value)


# --- properties --------------------------------------------------------------------------------

_DATES = st.dates(min_value=date(1873, 1, 1), max_value=date(2100, 12, 31))


@given(_DATES)
def test_round_trip_long(d: date) -> None:
    assert parse_date(to_wareki(d, "long")) == d


@given(_DATES)
def test_round_trip_short(d: date) -> None:
    assert parse_date(to_wareki(d, "short")) == d


@given(_DATES)
def test_round_trip_full_width(d: date) -> None:
    full_width = to_wareki(d, "short").translate(
        str.maketrans("0123456789.MTSHR", "０１２３４５６７８９．ＭＴＳＨＲ")
    )
    assert parse_date(full_width) == d


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_round_trip_seireki(d: date) -> None:
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.year}年{d.month}月{d.day}日") == d
    assert parse_date(d.strftime("%Y%m%d")) == d


@given(_DATES)
def test_era_year_style_matches_era_of(d: date) -> None:
    name, year = era_of(d)
    assert to_wareki(d, "era_year") == f"{name}{'元' if year == 1 else year}年"
    assert to_wareki(d).startswith(to_wareki(d, "era_year"))


@given(_DATES)
def test_year_month_of_any_date_round_trips(d: date) -> None:
    name, year = era_of(d)
    assert parse_year_month(f"{name}{year}年{d.month}月") == (d.year, d.month)
