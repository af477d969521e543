"""Date spans at input (domain/date_range.py) and printing any stored date (wareki.format_date)."""

from __future__ import annotations

from datetime import date
from datetime import datetime

import pytest

from sasaeai_desktop.domain.date_range import GENERAL
from sasaeai_desktop.domain.date_range import PLAN
from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.domain.date_range import DateOutOfRange
from sasaeai_desktop.domain.date_range import check_date
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.fiscal_year import fiscal_year_range
from sasaeai_desktop.domain.wareki import DateParseError
from sasaeai_desktop.domain.wareki import format_date

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(("span", "inside", "outside"), [
    (RECORD, [date(2000, 1, 1), date(2028, 12, 31)], [date(1999, 12, 31), date(2029, 1, 1), date(1, 1, 1)]),
    (PLAN, [date(2036, 12, 31)], [date(2037, 1, 1), date(9999, 12, 31)]),
    (GENERAL, [date(1900, 1, 1), date(2100, 12, 31)], [date(1899, 12, 31), date(2101, 1, 1), date(1800, 1, 1)]),
])
def test_spans(span, inside: list[date], outside: list[date]) -> None:
    for d in inside:
        assert check_date(d, span, today=TODAY) == d
    for d in outside:
        with pytest.raises(DateOutOfRange):
            check_date(d, span, today=TODAY)


def test_out_of_range_message_names_the_field_and_the_allowed_days() -> None:
    with pytest.raises(DateParseError, match=r"訪問日「1800-01-01」は範囲外です（2000年1月1日〜2028年12月31日"):
        check_date(date(1800, 1, 1), RECORD, what="訪問日", today=TODAY)
    assert check_date(datetime(2025, 4, 1, 9, 30), RECORD, today=TODAY) == datetime(2025, 4, 1, 9, 30)


def test_format_date_never_fails_on_a_stored_date() -> None:
    assert format_date(date(2025, 4, 1)) == "令和7年4月1日"
    assert format_date(date(2025, 4, 1), "short") == "R7.4.1"
    assert format_date(date(1800, 1, 1)) == "1800年1月1日"
    assert format_date(date(1, 1, 1), "short") == "1.1.1"
    assert format_date(date(1872, 12, 31), "era_year") == "1872年"
    assert format_date(date(9999, 12, 31)) == "令和7981年12月31日"


def test_fiscal_year_of_a_stored_typo_still_has_a_label_and_a_range() -> None:
    assert fiscal_year_label(1800) == "1800年度"
    assert fiscal_year_label(1800, "both") == "1800年度"
    assert fiscal_year_range(9999) == (date(9999, 4, 1), date.max)
