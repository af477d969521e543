"""Tests for sasaeai_desktop.domain.codes (全国地方公共団体コード)."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sasaeai_desktop.domain.codes import MUNICIPALITY_NAMESPACE
from sasaeai_desktop.domain.codes import CodeError
from sasaeai_desktop.domain.codes import check_digit
from sasaeai_desktop.domain.codes import is_prefecture_code
from sasaeai_desktop.domain.codes import is_valid_code
from sasaeai_desktop.domain.codes import municipality_uuid
from sasaeai_desktop.domain.codes import normalize_code
from sasaeai_desktop.domain.codes import prefecture_code_of
from sasaeai_desktop.domain.codes import prefecture_lg_code
from sasaeai_desktop.domain.codes import prefecture_uuid

# Published codes (総務省 全国地方公共団体コード).
KNOWN_CODES = [
    ("011002", "札幌市"),
    ("011011", "札幌市中央区"),  # remainder 0 → check digit 1
    ("131016", "千代田区"),
    ("131041", "新宿区"),  # remainder 0 → 1
    ("131130", "渋谷区"),  # remainder 1 → 11 - 1 = 10 → 0
    ("202011", "長野市"),  # remainder 0 → 1
    ("271004", "大阪市"),
    ("141003", "横浜市"),
    ("472018", "那覇市"),
    ("130001", "東京都"),
    ("010006", "北海道"),
    ("200000", "長野県"),  # remainder 1 → 0
    ("260002", "京都府"),
    ("270008", "大阪府"),
    ("470007", "沖縄県"),
]


@pytest.mark.parametrize(("code", "name"), KNOWN_CODES)
def test_known_codes(code: str, name: str) -> None:
    assert check_digit(code[:5]) == code[5], name
    assert is_valid_code(code), name
    assert normalize_code(code) == code
    assert normalize_code(code[:5]) == code


def test_remainder_zero_gives_one_not_zero() -> None:
    # 長野市: 2*6 + 0*5 + 2*4 + 0*3 + 1*2 = 22, 22 % 11 == 0, ones digit of 11 is 1.
    assert sum(int(c) * w for c, w in zip("20201", (6, 5, 4, 3, 2))) % 11 == 0
    assert check_digit("20201") == "1"
    assert not is_valid_code("202010")


def test_check_digit_accepts_full_width_and_spaces() -> None:
    assert check_digit("２０２０１") == "1"
    assert check_digit(" 20201 ") == "1"


@pytest.mark.parametrize("bad", ["2020", "202011", "2020X", "", "二〇二〇一"])
def test_check_digit_rejects(bad: str) -> None:
    with pytest.raises(CodeError, match="5桁の数字ではありません"):
        check_digit(bad)


@pytest.mark.parametrize(
    "code",
    ["202012", "20201", "2020111", "", "20201X", "990001", "000000", "480001", " 202011", "２０２０１１", 202011],
)
def test_is_valid_code_is_strict(code: object) -> None:
    # Only the stored form counts: six ASCII digits, no spaces, prefecture 01-47, right check digit.
    assert not is_valid_code(code)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("202011", "202011"),
        ("20201", "202011"),
        ("２０２０１１", "202011"),
        ("２０２０１", "202011"),
        ("　202011　", "202011"),
        (" 01100 ", "011002"),
        ("\t131016\n", "131016"),
    ],
)
def test_normalize_code(text: str, expected: str) -> None:
    assert normalize_code(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("20201X", "市町村コード「20201X」は6桁の数字ではありません"),
        ("202012", "市町村コード「202012」のチェックディジットが正しくありません（正しくは202011）"),
        ("２０２０１２", "市町村コード「２０２０１２」のチェックディジットが正しくありません（正しくは202011）"),
        ("2020", "市町村コード「2020」は6桁の数字ではありません"),
        ("2020111", "市町村コード「2020111」は6桁の数字ではありません"),
        ("20-201", "市町村コード「20-201」は6桁の数字ではありません"),
        ("長野市", "市町村コード「長野市」は6桁の数字ではありません"),
        ("", "市町村コードが入力されていません"),
        ("　", "市町村コードが入力されていません"),
        ("990001", "都道府県番号「99」は01〜47の範囲外です"),
        ("00000", "都道府県番号「00」は01〜47の範囲外です"),
        ("48000", "都道府県番号「48」は01〜47の範囲外です"),
    ],
)
def test_normalize_code_errors(text: str, message: str) -> None:
    with pytest.raises(CodeError) as info:
        normalize_code(text)
    assert str(info.value) == message or message in str(info.value)
    assert info.value.text == text


def test_code_error_is_value_error() -> None:
    assert issubclass(CodeError, ValueError)


def test_normalize_code_refuses_int() -> None:
    # 011002 typed into a numeric Excel cell arrives as 11002: refuse rather than guess.
    with pytest.raises(TypeError):
        normalize_code(11002)  # type: ignore[arg-type]


def test_prefecture_code_of() -> None:
    assert prefecture_code_of("202011") == "20"
    assert prefecture_code_of("01100") == "01"
    assert prefecture_code_of("４７２０１８") == "47"
    with pytest.raises(CodeError):
        prefecture_code_of("202012")


@pytest.mark.parametrize(
    ("pref2", "code"),
    [("20", "200000"), ("13", "130001"), ("01", "010006"), ("1", "010006"), ("２６", "260002"),
     ("27", "270008"), ("47", "470007")],
)
def test_prefecture_lg_code(pref2: str, code: str) -> None:
    assert prefecture_lg_code(pref2) == code
    assert is_valid_code(code)
    assert is_prefecture_code(code)


@pytest.mark.parametrize("bad", ["0", "00", "48", "99", "200", "2X", "", "東京"])
def test_prefecture_lg_code_rejects(bad: str) -> None:
    with pytest.raises(CodeError, match="都道府県番号"):
        prefecture_lg_code(bad)


def test_is_prefecture_code() -> None:
    assert is_prefecture_code("130001")
    assert is_prefecture_code("20000")
    assert not is_prefecture_code("202011")
    assert not is_prefecture_code("131016")


def test_namespace_constant() -> None:
    assert MUNICIPALITY_NAMESPACE == uuid.UUID("6f1c2c1e-5a4b-5d1e-9a53-8f3c0b6a1d01")


def test_municipality_uuid_is_uuid5_of_the_normalised_code() -> None:
    expected = uuid.uuid5(MUNICIPALITY_NAMESPACE, "202011")
    assert municipality_uuid("202011") == expected
    assert municipality_uuid("20201") == expected
    assert municipality_uuid("　２０２０１１ ") == expected
    assert expected.version == 5
    assert municipality_uuid("011002") != expected
    with pytest.raises(CodeError):
        municipality_uuid("202012")


def test_prefecture_uuid() -> None:
    expected = uuid.uuid5(MUNICIPALITY_NAMESPACE, "pref:20")
    assert prefecture_uuid("20") == expected
    assert prefecture_uuid("２０") == expected
    assert prefecture_uuid("1") == uuid.uuid5(MUNICIPALITY_NAMESPACE, "pref:01")
    # A prefecture id never collides with the id of its own 6-digit code.
    assert prefecture_uuid("20") != municipality_uuid("200000")
    with pytest.raises(CodeError):
        prefecture_uuid("48")


def test_uuids_are_pinned() -> None:
    # These values are stored on every laptop; if they ever change, merges break.
    assert municipality_uuid("202011") == uuid.UUID("51dac5c8-6678-5b2e-8078-90e6c550c2ba")
    assert prefecture_uuid("20") == uuid.UUID("4d07ab5c-1c66-5414-b88a-3d6d3dae96f5")


# --- properties --------------------------------------------------------------------------------

_FIVE_DIGITS = st.text(alphabet="0123456789", min_size=5, max_size=5)
_MUNICIPAL_FIRST5 = st.builds(
    lambda pref, body: f"{pref:02d}{body:03d}",
    st.integers(min_value=1, max_value=47),
    st.integers(min_value=0, max_value=999),
)


@given(_MUNICIPAL_FIRST5)
def test_check_digit_always_validates(first5: str) -> None:
    code = first5 + check_digit(first5)
    assert is_valid_code(code)
    assert normalize_code(first5) == code
    assert normalize_code(code) == code


def _reference_check_digit(first5: str) -> str:
    # The rule spelt out case by case, independently of the implementation's one-liner.
    remainder = sum(int(c) * w for c, w in zip(first5, (6, 5, 4, 3, 2))) % 11
    if remainder == 0:
        return "1"  # 11 - 0 = 11, ones digit 1
    if remainder == 1:
        return "0"  # 11 - 1 = 10, ones digit 0
    return str(11 - remainder)


@given(_FIVE_DIGITS)
def test_check_digit_matches_the_rule_spelt_out(first5: str) -> None:
    assert check_digit(first5) == _reference_check_digit(first5)


@given(_MUNICIPAL_FIRST5, st.sampled_from("0123456789"))
def test_wrong_check_digit_is_reported_with_the_right_code(first5: str, digit: str) -> None:
    right = first5 + check_digit(first5)
    typed = first5 + digit
    if typed == right:
        assert normalize_code(typed) == right
    else:
        assert not is_valid_code(typed)
        with pytest.raises(CodeError, match=f"（正しくは{right}）"):
            normalize_code(typed)


@given(_MUNICIPAL_FIRST5)
def test_municipality_uuid_is_deterministic(first5: str) -> None:
    assert municipality_uuid(first5) == municipality_uuid(first5 + check_digit(first5))
