"""Tests for sasaeai_desktop.domain.names (text cleaning and name matching keys)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sasaeai_desktop.domain.names import ITAIJI_FOLD
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import looks_alike
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.domain.names import to_hiragana

# --- clean_text --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("   ", ""),
        ("\u3000\u3000", ""),
        ("  山田　太郎  ", "山田 太郎"),
        ("山田\u3000\u3000太郎", "山田 太郎"),
        ("\u00a0山田\u00a0太郎\u00a0", "山田 太郎"),
        ("山田\t太郎", "山田 太郎"),
        ("山田\r\n太郎", "山田 太郎"),
        ("ＡＢＣ１２３", "ABC123"),
        ("ｻﾄｳ", "サトウ"),
        ("ｶﾞｯｺｳ", "ガッコウ"),
        ("\ufeff山田\u200b太郎", "山田太郎"),
        ("a  b   c", "a b c"),
    ],
)
def test_clean_text_single_line(raw: str | None, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("一行目\r\n二行目", "一行目\n二行目"),
        ("一行目\r二行目", "一行目\n二行目"),
        ("  一行目　\n　二行目  ", "一行目\n二行目"),
        ("\n\n本文\n\n", "本文"),
        ("一\n\n二", "一\n\n二"),  # blank lines inside are the writer's paragraphs
        ("ａ　　ｂ\r\nｃ", "a b\nc"),
        ("一行目\u2028二行目", "一行目\n二行目"),
        (None, ""),
        ("  \r\n  ", ""),
    ],
)
def test_clean_text_multiline(raw: str | None, expected: str) -> None:
    assert clean_text(raw, multiline=True) == expected


def test_clean_text_multiline_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        clean_text("a", True)  # type: ignore[misc]


@given(st.text())
def test_clean_text_is_idempotent(s: str) -> None:
    once = clean_text(s)
    assert clean_text(once) == once
    assert "\n" not in once and "  " not in once and once == once.strip()


@given(st.text())
def test_clean_text_multiline_is_idempotent(s: str) -> None:
    once = clean_text(s, multiline=True)
    assert clean_text(once, multiline=True) == once
    assert "\r" not in once
    assert all(line == line.strip() for line in once.split("\n"))


# --- to_hiragana -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("カタカナ", "かたかな"),
        ("ｶﾀｶﾅ", "かたかな"),
        ("ｶﾞｯｺｳ", "がっこう"),
        ("パピプペポ", "ぱぴぷぺぽ"),
        ("ﾊﾟﾋﾟﾌﾟ", "ぱぴぷ"),
        ("ヴァイオリン", "ゔぁいおりん"),
        ("ラーメン", "らーめん"),
        ("ﾗｰﾒﾝ", "らーめん"),
        ("ヵヶ", "ゕゖ"),
        ("ヽヾ", "ゝゞ"),
        ("ひらがな", "ひらがな"),
        ("山田タロウ", "山田たろう"),
        ("ＡＢＣ", "ABC"),
        ("カ\u309b", "が"),  # spacing dakuten typed after the kana
        ("ハ\u309c", "ぱ"),
        ("ヷ", "わ\u3099"),
        ("", ""),
    ],
)
def test_to_hiragana(raw: str, expected: str) -> None:
    assert to_hiragana(raw) == expected


# --- kana_key ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("さとう たろう", "サトウタロウ"),
        ("さとう　たろう", "ｻﾄｳ ﾀﾛｳ"),
        ("きょうこ", "きようこ"),  # small kana folded
        ("はっとり", "はつとり"),
        ("ジョン・スミス", "じょんすみす"),
        ("ジョン＝スミス", "ジョン スミス"),
        ("ﾔﾏﾀﾞ", "やまだ"),
        ("すゝき", "すすき"),
        ("みすゞ", "みすず"),
        ("じょー", "じょ-"),
        ("じょー", "じょ−"),
        ("かとう\u200b", "かとう"),
        ("ヶ", "け"),
    ],
)
def test_kana_key_equal(a: str, b: str) -> None:
    assert kana_key(a) == kana_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("さとう", "さどう"),  # dakuten is kept
        ("はら", "ぱら"),  # handakuten is kept
        ("かとう", "がとう"),
        ("いずみ", "いづみ"),  # ず and づ are both registered spellings: keep apart
        ("ふじ", "ふぢ"),
        ("おおの", "おーの"),
        ("ぶ", "ゔ"),
    ],
)
def test_kana_key_different(a: str, b: str) -> None:
    assert kana_key(a) != kana_key(b)


def test_kana_key_values() -> None:
    assert kana_key("サトウ タロウ") == "さとうたろう"
    assert kana_key("キョウコ") == "きようこ"
    assert kana_key(None) == ""
    assert kana_key("") == ""


@given(st.text())
def test_kana_key_is_idempotent_and_space_free(s: str) -> None:
    key = kana_key(s)
    assert kana_key(key) == key
    assert not any(ch.isspace() for ch in key)


@given(st.text(alphabet=st.characters(min_codepoint=0x30A1, max_codepoint=0x30F6)))
def test_katakana_and_hiragana_have_the_same_kana_key(s: str) -> None:
    assert kana_key(s) == kana_key(to_hiragana(s))


# --- name_key and the 異体字 table ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("髙橋 一郎", "高橋一郎"),
        ("山﨑", "山崎"),
        ("山嵜", "山崎"),
        ("渡邊", "渡辺"),
        ("渡邉", "渡辺"),
        ("齋藤", "斎藤"),
        ("齊藤", "斉藤"),
        ("濵田", "浜田"),
        ("濱田", "浜田"),
        ("德永", "徳永"),
        ("櫻井", "桜井"),
        ("澤田", "沢田"),
        ("廣瀬", "広瀬"),
        ("國分", "国分"),
        ("眞一", "真一"),
        ("惠子", "恵子"),
        ("冨田", "富田"),
        ("槇原", "槙原"),
        ("篭谷", "籠谷"),
        ("\U00020bb7田", "吉田"),  # 𠮷田
        ("\ufa10本", "塚本"),  # compatibility 塚
        ("嶋田", "島田"),
        ("峯岸", "峰岸"),
        ("佐々木", "佐佐木"),
        ("高橋　一郎", "高橋 一郎"),
        ("高橋\u00a0一郎", "高橋一郎"),
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダタロウ"),
        ("ジョン・スミス", "ジョンスミス"),
        ("John Smith", "JOHN SMITH"),
        ("Ｊｏｈｎ", "john"),
        ("辻\U000E0100", "辻"),  # ideographic variation selector
        ("葛\U000E0101城", "葛城"),
        ("邉\ufe00", "辺"),
        ("渡邊\u200b", "渡辺"),
    ],
)
def test_name_key_folds(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)
    assert looks_alike(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("斎藤", "斉藤"),  # different characters and different surnames in practice
        ("齋藤", "齊藤"),
        ("高橋", "髙田"),
        ("山崎", "山埼"),
        ("佐藤", "佐籐"),
        ("太郎", "大郎"),
        ("やまだ", "ヤマダ"),  # 氏名 keys do not fold kana; compare ふりがな with kana_key
    ],
)
def test_name_key_keeps_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)
    assert not looks_alike(a, b)


def test_name_key_values() -> None:
    assert name_key("　髙橋　﨑子　") == "高橋崎子"
    assert name_key(None) == ""
    assert name_key("") == ""


def test_blank_names_never_look_alike() -> None:
    assert not looks_alike("", "")
    assert not looks_alike(None, None)
    assert not looks_alike("　", " ")


def test_name_key_does_not_change_the_input() -> None:
    stored = "髙橋　﨑子"
    name_key(stored)
    assert stored == "髙橋　﨑子"


@pytest.mark.parametrize(("variant", "base"), sorted(ITAIJI_FOLD.items()))
def test_every_itaiji_entry_folds(variant: str, base: str) -> None:
    assert len(variant) == 1 and len(base) == 1
    assert variant != base
    assert name_key(variant) == name_key(base) == base


def test_itaiji_table_is_flat_and_read_only() -> None:
    # One step reaches the final form: no target is itself folded again.
    assert not set(ITAIJI_FOLD.values()) & set(ITAIJI_FOLD)
    # Targets are what NFKC leaves alone, so the fold cannot be undone by a later NFKC.
    for base in ITAIJI_FOLD.values():
        assert unicodedata.normalize("NFKC", base) == base
    with pytest.raises(TypeError):
        ITAIJI_FOLD["髙"] = "x"  # type: ignore[index]


def test_itaiji_table_has_the_required_entries() -> None:
    required = {
        "\u9ad9": "高", "\ufa11": "崎", "\u5d5c": "崎", "\u908a": "辺", "\u9089": "辺",
        "\u9f4b": "斎", "\u9f4a": "斉", "\u6ff5": "浜", "\u6ff1": "浜", "\u5fb7": "徳",
        "\u6afb": "桜", "\u6fa4": "沢", "\u5ee3": "広", "\u570b": "国", "\u771e": "真",
        "\u60e0": "恵", "\u51a8": "富", "\u69c7": "槙", "\U00020bb7": "吉", "\ufa10": "塚",
    }
    for variant, base in required.items():
        assert ITAIJI_FOLD[variant] == base, f"U+{ord(variant):04X}"


@given(st.text())
def test_name_key_is_idempotent_and_space_free(s: str) -> None:
    key = name_key(s)
    assert name_key(key) == key
    assert not any(ch.isspace() for ch in key)


@given(st.text(), st.text())
def test_looks_alike_is_symmetric(a: str, b: str) -> None:
    assert looks_alike(a, b) == looks_alike(b, a)


def test_clean_title_keeps_full_width_brackets_and_folds_the_rest() -> None:
    from sasaeai_desktop.domain.names import clean_title

    assert clean_title("　養成研修（初任者）　第２回\u200b ") == "養成研修（初任者） 第2回"
    assert clean_title("ＮＰＯ交流会［北信］！") == "NPO交流会［北信］！"
    assert clean_title("研修(初任者)") == "研修(初任者)"  # typed half width: left as typed
    assert clean_title("") == "" and clean_title(None) == ""
