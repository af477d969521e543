"""Tests for sasaeai_desktop.domain.fiscal_year (年度)."""

from __future__ import annotations

from datetime import date
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sasaeai_desktop.domain.fiscal_year import MAX_FISCAL_YEAR
from sasaeai_desktop.domain.fiscal_year import MIN_FISCAL_YEAR
from sasaeai_desktop.domain.fiscal_year import FiscalYearParseError
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.domain.fiscal_year import fiscal_year_range
from sasaeai_desktop.domain.fiscal_year import parse_fiscal_year


@pytest.mark.parametrize(
    ("d", "fy"),
    [
        (date(2026, 3, 31), 2025),
        (date(2026, 4, 1), 2026),
        (date(2025, 4, 1), 2025),
        (date(2025, 12, 31), 2025),
        (date(2026, 1, 1), 2025),
        (date(2019, 4, 30), 2019),
        (date(2019, 5, 1), 2019),
        (date(2020, 2, 29), 2019),
        (datetime(2026, 3, 31, 23, 59), 2025),
    ],
)
def test_fiscal_year_of(d: date, fy: int) -> None:
    assert fiscal_year_of(d) == fy


@pytest.mark.parametrize(
    ("fy", "first", "last"),
    [
        (2025, date(2025, 4, 1), date(2026, 3, 31)),
        (2019, date(2019, 4, 1), date(2020, 3, 31)),
        (1989, date(1989, 4, 1), date(1990, 3, 31)),
    ],
)
def test_fiscal_year_range(fy: int, first: date, last: date) -> None:
    assert fiscal_year_range(fy) == (first, last)


@pytest.mark.parametrize(
    ("fy", "wareki"),
    [
        (2025, "令和7年度"),
        (2020, "令和2年度"),
        (2019, "令和元年度"),  # starts 2019-04-01 (still 平成), officially 令和元年度
        (2018, "平成30年度"),
        (1989, "平成元年度"),
        (1988, "昭和63年度"),  # ends 1989-03-31 (平成), officially 昭和63年度
        (2100, "令和82年度"),
    ],
)
def test_fiscal_year_label(fy: int, wareki: str) -> None:
    assert fiscal_year_label(fy) == wareki
    assert fiscal_year_label(fy, "wareki") == wareki
    assert fiscal_year_label(fy, "seireki") == f"{fy}年度"
    assert fiscal_year_label(fy, "both") == f"{wareki}（{fy}年度）"


def test_fiscal_year_label_examples_from_the_brief() -> None:
    assert fiscal_year_label(2025) == "令和7年度"
    assert fiscal_year_label(2025, "seireki") == "2025年度"
    assert fiscal_year_label(2025, "both") == "令和7年度（2025年度）"


def test_fiscal_year_label_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unknown style"):
        fiscal_year_label(2025, "kanji")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        fiscal_year_label("2025")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        fiscal_year_label(True)


@pytest.mark.parametrize(
    ("text", "fy"),
    [
        (2025, 2025),
        ("2025", 2025),
        ("２０２５", 2025),
        ("2025年度", 2025),
        ("２０２５年度", 2025),
        ("2025 年度", 2025),
        ("2025年", 2025),
        ("FY2025", 2025),
        ("fy 2025", 2025),
        ("令和7年度", 2025),
        ("令和７年度", 2025),
        ("令和7", 2025),
        ("令和7年", 2025),
        ("令7", 2025),
        ("R7", 2025),
        ("r7", 2025),
        ("Ｒ７", 2025),
        ("R07", 2025),
        ("R7年度", 2025),
        ("R 7 年度", 2025),
        ("令和元年度", 2019),
        ("令和1年度", 2019),
        ("R元", 2019),
        ("平成31年度", 2019),
        ("H31", 2019),
        ("H30", 2018),
        ("平成30年度", 2018),
        ("平成元年度", 1989),
        ("H1", 1989),
        ("\u337b30年度", 2018),  # ㍻
        ("　令和7年度　", 2025),
        ("令和7年度（2025年度）", 2025),
        ("令和7年度(2025年度)", 2025),
        ("R7 (2025)", 2025),
        ("2025年度（令和7年度）", 2025),
        ("令和元年度（2019年度）", 2019),
        (1989, 1989),
        (2100, 2100),
    ],
)
def test_parse_fiscal_year_accepts(text: str | int, fy: int) -> None:
    assert parse_fiscal_year(text) == fy


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("平成32年度", "「平成32年度」は平成の期間外です（令和2年度のことであれば「令和2年度」と入力してください）"),
        ("H32", "平成の期間外"),
        ("昭和64年度", "平成元年度のことであれば"),
        ("昭和63年度", "1989年度〜2100年度の範囲外"),
        ("令和0年度", "年が0"),
        ("R0", "年が0"),
        ("1988", "範囲外"),
        ("2101年度", "範囲外"),
        (1988, "範囲外"),
        (2101, "範囲外"),
        ("令和83年度", "範囲外"),
        ("明治40年度", "範囲外"),
        ("令和7年度（2024年度）", "一致しません"),
        ("", "年度が入力されていません"),
        ("　", "年度が入力されていません"),
        ("abc", "年度として読み取れません"),
        ("25", "年度として読み取れません"),
        ("X7", "年度として読み取れません"),
        ("R", "年度として読み取れません"),
        ("令和7年4月1日", "年度として読み取れません"),
        ("2025/4", "年度として読み取れません"),
        ("20250", "年度として読み取れません"),
        ("令和7年度（2025年度", "年度として読み取れません"),
        (True, "年度として読み取れません"),
    ],
)
def test_parse_fiscal_year_rejects(text: str | int, fragment: str) -> None:
    with pytest.raises(FiscalYearParseError) as info:
        parse_fiscal_year(text)
    assert fragment in str(info.value)
    assert info.value.text == text


def test_fiscal_year_parse_error_is_value_error_and_names_text() -> None:
    assert issubclass(FiscalYearParseError, ValueError)
    with pytest.raises(ValueError, match="「abc」"):
        parse_fiscal_year("abc")


def test_parse_fiscal_year_rejects_other_types() -> None:
    with pytest.raises(TypeError):
        parse_fiscal_year(2025.0)  # type: ignore[arg-type]


def test_range_constants() -> None:
    assert (MIN_FISCAL_YEAR, MAX_FISCAL_YEAR) == (1989, 2100)


# --- properties --------------------------------------------------------------------------------

_FY = st.integers(min_value=MIN_FISCAL_YEAR, max_value=MAX_FISCAL_YEAR)


@given(_FY, st.sampled_from(["wareki", "seireki", "both"]))
def test_label_round_trips(fy: int, style: str) -> None:
    assert parse_fiscal_year(fiscal_year_label(fy, style)) == fy  # type: ignore[arg-type]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_day_is_inside_its_fiscal_year(d: date) -> None:
    first, last = fiscal_year_range(fiscal_year_of(d))
    assert first <= d <= last


@given(st.integers(min_value=1900, max_value=2100))
def test_fiscal_years_tile_the_calendar(fy: int) -> None:
    first, last = fiscal_year_range(fy)
    next_first, _ = fiscal_year_range(fy + 1)
    assert (next_first - last).days == 1
    assert fiscal_year_of(first) == fiscal_year_of(last) == fy
