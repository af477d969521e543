"""Dates and times as typed into a form field (domain/date_entry.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from sasaeai_desktop.domain.date_entry import DateParseError
from sasaeai_desktop.domain.date_entry import format_entry_date
from sasaeai_desktop.domain.date_entry import format_entry_time
from sasaeai_desktop.domain.date_entry import parse_entry_date
from sasaeai_desktop.domain.date_entry import parse_entry_time
from sasaeai_desktop.domain.date_entry import wareki_hint

REF = dt.date(2026, 12, 6)


@pytest.mark.parametrize("text", [
    "20261225", "R8.12.25", "r8.12.25", "Ｒ８．１２．２５", "令和8年12月25日", "令8.12.25", "R81225",
    "2026/12/25", "2026-12-25", "2026年12月25日", "12/25", "12-25", "12.25", "12月25日", "1225", "１２２５",
    "2026-12-25(金)", " 12/25 ",
])
def test_every_way_of_typing_a_day(text: str) -> None:
    assert parse_entry_date(text, REF) == dt.date(2026, 12, 25)


def test_empty_is_none() -> None:
    assert parse_entry_date("", REF) is None
    assert parse_entry_date("　 ", REF) is None
    assert parse_entry_time("") is None


def test_a_short_date_takes_the_reference_year() -> None:
    assert parse_entry_date("4/1", dt.date(2019, 6, 1)) == dt.date(2019, 4, 1)
    assert parse_entry_date("0401", dt.date(2031, 6, 1)) == dt.date(2031, 4, 1)


def test_a_deadline_is_the_next_such_day() -> None:
    assert parse_entry_date("1/15", REF, forward=True) == dt.date(2027, 1, 15)
    assert parse_entry_date("12/6", REF, forward=True) == dt.date(2026, 12, 6)
    assert parse_entry_date("1/15", REF) == dt.date(2026, 1, 15)


def test_february_29_in_a_common_year() -> None:
    with pytest.raises(DateParseError, match="存在しない日付"):
        parse_entry_date("2/29", dt.date(2026, 1, 1))
    assert parse_entry_date("2/29", dt.date(2028, 1, 1)) == dt.date(2028, 2, 29)


@pytest.mark.parametrize(("text", "message"), [
    ("未入力20261225", "読み取れません"),
    ("abc", "読み取れません"),
    ("2/30", "存在しない日付"),
    ("R8.13.1", "存在しない日付"),
    ("H31.5.1", "平成の期間外"),
    ("2026-12-25(木)", "曜日が合いません"),
    ("123", "読み取れません"),
])
def test_unreadable_dates_say_what_was_typed(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_entry_date(text, REF)
    assert message in str(caught.value)
    assert f"「{text.strip()}」" in str(caught.value)


@pytest.mark.parametrize(("text", "expected"), [
    ("1130", dt.time(11, 30)), ("11:30", dt.time(11, 30)), ("930", dt.time(9, 30)), ("0930", dt.time(9, 30)),
    ("9:5", dt.time(9, 5)), ("9", dt.time(9, 0)), ("9時", dt.time(9, 0)), ("11時30分", dt.time(11, 30)),
    ("１１：３０", dt.time(11, 30)), ("13.45", dt.time(13, 45)), ("0:00", dt.time(0, 0)), ("23:59", dt.time(23, 59)),
])
def test_every_way_of_typing_a_time(text: str, expected: dt.time) -> None:
    assert parse_entry_time(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("--:--1:30", "読み取れません"), ("24:00", "正しくありません"), ("1190", "正しくありません"),
    ("11:30:15", "読み取れません"), ("ひる", "読み取れません"),
])
def test_unreadable_times(text: str, message: str) -> None:
    with pytest.raises(DateParseError, match=message):
        parse_entry_time(text)


def test_what_a_field_shows_reads_back() -> None:
    d = dt.date(2026, 12, 25)
    assert format_entry_date(d) == "2026-12-25(金)"
    assert parse_entry_date(format_entry_date(d), REF) == d
    assert format_entry_time(dt.time(9, 5)) == "09:05"
    assert parse_entry_time(format_entry_time(dt.time(9, 5))) == dt.time(9, 5)
    assert wareki_hint(d) == "令和8年12月25日(金)"
