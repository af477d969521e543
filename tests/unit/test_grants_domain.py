"""domain/grants.py: amounts as offices write them, kinds by their other names, the derived status."""

from __future__ import annotations

import datetime as dt

import pytest

from sasaeai_desktop.domain import grants as dg


@pytest.mark.parametrize(("text", "yen"), [
    ("6000000", 6_000_000), ("6,000,000円", 6_000_000), ("600万円", 6_000_000), ("600万", 6_000_000),
    ("6,000千円", 6_000_000), ("¥500,000", 500_000), ("１２３ 円", 123), ("1.5万円", 15_000), ("0", 0),
])
def test_parse_yen(text: str, yen: int) -> None:
    assert dg.parse_yen(text) == yen


@pytest.mark.parametrize(("text", "message"), [
    ("六百万円", "金額として読み取れません"), ("-3", "金額として読み取れません"), ("1.2345千円", "1円単位になりません"),
    ("600万ドル", "金額として読み取れません"),
])
def test_parse_yen_refuses_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        dg.parse_yen(text)


def test_kinds_by_the_words_offices_use() -> None:
    assert [dg.grant_kind(t) for t in ("補助金", " 補助 ", "委託事業", "モデル", "現物支給", "寄付")] == [
        "補助金", "補助金", "委託", "モデル事業", "現物提供", None]


def test_status_follows_the_dates() -> None:
    today = dt.date(2025, 12, 1)
    day = dt.date(2025, 5, 1)
    assert dg.grant_status(None, None, None, None, today) == "申請前"
    assert dg.grant_status(day, None, None, None, today) == "申請中"
    assert dg.grant_status(day, day, None, None, today) == "交付決定済"
    assert dg.grant_status(day, day, today, None, today) == "実績報告待ち"  # due today: not yet late
    assert dg.grant_status(day, day, today - dt.timedelta(days=1), None, today) == "報告期限超過"
    assert dg.grant_status(day, day, today - dt.timedelta(days=1), today, today) == "完了"
