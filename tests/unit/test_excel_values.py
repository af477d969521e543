"""Reading one cell of a sheet people made (io/excel/values.py): every style the issue lists."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.io.excel import values as V
from sasaeai_desktop.io.excel.values import ValueProblem

D = dt.date(2025, 4, 1)


# --- text --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("０２６", "026"),  # 全角 digits
        ("ＡＢＣ　ｄｅｆ", "ABC def"),  # 全角 Latin and a 全角 space inside
        ("　佐藤　一郎　", "佐藤 一郎"),  # 全角 spaces trimmed, the inner one kept as one space
        ("  長野市  ", "長野市"),
        ("社会福祉\n協議会", "社会福祉 協議会"),  # one-line field: a line break is a space
        ("ｻﾄｳ", "サトウ"),  # 半角カナ → 全角
        ("a\u200bb", "ab"),  # zero-width space dropped
        (202011.0, "202011"),  # a number where text belongs: no '.0'
        (3.5, "3.5"),
        (12, "12"),
    ],
)
def test_text(raw: object, expected: str) -> None:
    assert V.text(raw) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(" 　\t\n\u00a0\u200b\ufeff\u2028ａ１ｶﾞ佐藤ab") | st.characters(), max_size=10))
def test_text_skips_cleaning_only_when_cleaning_changes_nothing(s: str) -> None:
    """text() returns printable NFKC text with single spaces as it is: clean_text would too."""
    assert V.text(s) == clean_text(s)


def test_multiline_keeps_line_breaks_and_trims_each_line() -> None:
    assert V.multiline("\n 協議体：第1層設置済み \r\n第２層は検討中\n\n") == "協議体:第1層設置済み\n第2層は検討中"
    assert V.multiline("plain") == "plain"


def test_length_limit() -> None:
    assert V.text("x" * 80, 80) == "x" * 80
    with pytest.raises(ValueProblem, match="100,000文字"):
        V.text("x" * 100_000, 80)
    assert len(V.multiline("あ" * 100_000)) == 100_000  # a multi-line field takes it


def test_kana_becomes_hiragana() -> None:
    assert V.kana("サトウ　イチロウ") == "さとう いちろう"
    assert V.kana("ｻﾄｳ") == "さとう"


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [(1234, 1234), (1234.0, 1234), ("1,234", 1234), ("１２３４", 1234), ("1234人", 1234),
                                             ("８５名", 85)])
def test_int_value(raw: object, expected: int) -> None:
    assert V.int_value(raw) == expected


@pytest.mark.parametrize("raw", ["約100", "12.5", 12.5, True, "abc"])
def test_int_value_refuses(raw: object) -> None:
    with pytest.raises(ValueProblem):
        V.int_value(raw)


def test_percent() -> None:
    assert V.percent(30.5) == 30.5
    assert V.percent("30.5%") == 30.5
    assert V.percent("３０．５％") == 30.5
    with pytest.raises(ValueProblem, match="割合"):
        V.percent(0.305)  # a cell formatted as %: refused, not multiplied by guesswork


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        D,
        dt.datetime(2025, 4, 1, 9, 30),
        45748,  # Excel serial whose date format was lost
        45748.75,  # a datetime serial
        20250401,  # yyyymmdd typed as a number
        "2025/4/1",
        "2025-04-01",
        "2025.4.1",
        "2025年4月1日",
        "2025年 4月 1日",
        "20250401",
        "２０２５／４／１",
        "2025/4/1(火)",
        "2025/04/01 0:00:00",
        "令和7年4月1日",
        "令和７年４月１日",
        "R7.4.1",
        "R07/04/01",
        "r7-4-1",
        "令7.4.1",
        "R7年4月1日",
        "㋿7年4月1日",
    ],
)
def test_dates_in_every_style(raw: object) -> None:
    assert V.date_value(raw) == D


def test_date_era_edges() -> None:
    assert V.date_value("令和元年5月1日") == dt.date(2019, 5, 1)
    assert V.date_value("H31.4.30") == dt.date(2019, 4, 30)
    assert V.date_value("平成29年4月1日") == dt.date(2017, 4, 1)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("4月1日", "読み取れません"),
        ("2025/2/30", "存在しない"),
        ("平成32年1月1日", "期間外"),
        ("2025/4/1(水)", "曜日"),
        ("来週", "読み取れません"),
        (True, "TRUE"),
        (123, "読み取れません"),
    ],
)
def test_bad_dates_say_why(raw: object, words: str) -> None:
    with pytest.raises(ValueProblem, match=words):
        V.date_value(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("H29.4", (2017, 4)), ("平成29年4月", (2017, 4)), ("2017/4", (2017, 4)), ("2017年4月", (2017, 4)),
     ("201704", (2017, 4)), (201704, (2017, 4)), ("2017/4/1", (2017, 4)), (dt.date(2017, 4, 1), (2017, 4)),
     ("令和元年5月", (2019, 5))],
)
def test_year_month(raw: object, expected: tuple[int, int]) -> None:
    assert V.year_month(raw) == expected


# A 年度 written in 和暦 is a day (1 April) under the format 令和7年度: read as a date or its serial.
@pytest.mark.parametrize(("raw", "expected"), [(2025, 2025), (2025.0, 2025), ("2025年度", 2025), ("令和7年度", 2025), ("R7", 2025), ("H29年度", 2017),
                                              (dt.date(2025, 4, 1), 2025), (dt.datetime(2026, 3, 31), 2025), (45748, 2025), (45748.0, 2025)])
def test_fiscal_year(raw: object, expected: int) -> None:
    assert V.fiscal_year(raw) == expected


# --- yes / no ----------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["可", "○", "〇", "◯", "はい", "TRUE", "true", True, 1, 1.0, "1", "有", "あり", "する", "同意", "公開", "Yes", "ｙｅｓ"])
def test_yes(raw: object) -> None:
    assert V.yes_no(raw) is True


@pytest.mark.parametrize("raw", ["否", "×", "✕", "いいえ", "FALSE", False, 0, "0", "無", "なし", "しない", "不可", "非公開", "No"])
def test_no(raw: object) -> None:
    assert V.yes_no(raw) is False


@pytest.mark.parametrize("raw", ["-", "未定", "不明"])
def test_not_recorded(raw: object) -> None:
    assert V.yes_no(raw) is None


@pytest.mark.parametrize("raw", ["△", "要相談", 2])
def test_unclear_consent_is_a_problem_not_a_guess(raw: object) -> None:
    with pytest.raises(ValueProblem, match="はい/いいえ"):
        V.yes_no(raw)


# --- contact -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("026-232-0111", "026-232-0111"), ("０２６－２３２－０１１１", "026-232-0111"), ("026ー232ー0111", "026-232-0111"),
     ("(026)232-0111", "(026)232-0111"), (" 090 1234 5678 ", "090 1234 5678"), ("+81-26-232-0111", "+81-26-232-0111")],
)
def test_phone(raw: str, expected: str) -> None:
    assert V.phone(raw) == expected


@pytest.mark.parametrize("raw", ["026-232-0111 内線12", "abc", "12-34", "026@232"])
def test_bad_phone(raw: str) -> None:
    with pytest.raises(ValueProblem, match="電話番号"):
        V.phone(raw)


def test_phone_typed_as_a_number_lost_its_zero() -> None:
    with pytest.raises(ValueProblem, match="先頭の0"):
        V.phone(262320111)


@pytest.mark.parametrize(("raw", "expected"), [("taro@example.jp", "taro@example.jp"), ("ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", "taro@example.jp"), ("mailto:taro@example.jp", "taro@example.jp"), (" taro@example.jp ", "taro@example.jp")])
def test_email(raw: str, expected: str) -> None:
    assert V.email(raw) == expected


@pytest.mark.parametrize("raw", ["taro", "taro@", "taro@example", "ta ro@example.jp", "a@b@c.jp"])
def test_bad_email(raw: str) -> None:
    with pytest.raises(ValueProblem, match="メールアドレス"):
        V.email(raw)


def test_split_list() -> None:
    assert V.split_list("協議体の立ち上げ、居場所づくり,移動支援／見守り\n居場所づくり") == [
        "協議体の立ち上げ", "居場所づくり", "移動支援", "見守り"]
    assert V.split_list("フォーラム・セミナー") == ["フォーラム・セミナー"]


def test_blank() -> None:
    assert V.is_blank("") and V.is_blank("　 ") and V.is_blank(None)
    assert not V.is_blank(0) and not V.is_blank("a")
