"""Text and name normalisation for matching people (氏名, ふりがな).

The stored name is never changed: the keys made here are only for comparing and de-duplicating.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "ITAIJI_FOLD",
    "VARIANT_GROUPS",
    "VARIANT_KEY_CHARS",
    "clean_text",
    "clean_title",
    "has_variant_chars",
    "kana_key",
    "looks_alike",
    "name_key",
    "to_hiragana",
    "variant_key",
    "written_text",
]

# Characters dropped from every text: the invisible ones that arrive with pasted text (zero-width
# space, word joiner, BOM) and the control characters (NUL, ESC …, DEL, the C1 block) that come
# from a broken file or a terminal — stored, they would print escape sequences on a terminal and
# break an Excel file. Tab, line breaks and the separators U+001C–U+001F are whitespace to
# str.split/splitlines, which turn them into a space or a line break below.
_DROPPED_CHARS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u200b\u2060\ufeff]")
# The keys for matching names drop only the invisible ones (as they always have: a stored key
# must not change).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"), None)
_INVISIBLE_CHARS = re.compile("[\u200b\u2060\ufeff]")


def clean_text(s: str | None, *, multiline: bool = False) -> str:
    """NFKC, drop invisible and control characters, trim and collapse runs of spaces (incl. 全角
    space, NBSP).

    Single-line (default): line breaks become spaces too. ``multiline=True`` keeps lines, turning
    CRLF/CR into LF, trimming each line and dropping blank lines at the start and end.
    Note NFKC also turns 全角 ASCII into half width and half-width カナ into full width.
    """
    if not s:
        return ""
    # U+3000 (the 全角 space of most names) is NFKC's plain space: replaced first, the rest is
    # usually NFKC already and normalize() stops at its quick check — 2 µs less a cell, as is
    # translating only when there is something to drop.
    if "\u3000" in s:
        s = s.replace("\u3000", " ")
    return _tidy(unicodedata.normalize("NFKC", s), multiline)


def _tidy(text: str, multiline: bool) -> str:
    """``text`` without invisible and control characters, its white space collapsed (the cleaning
    ``clean_text`` and ``written_text`` share)."""
    if _DROPPED_CHARS.search(text):
        text = _DROPPED_CHARS.sub("", text)
    if not multiline:
        return " ".join(text.split())
    # splitlines() knows CRLF, CR, LF and the Unicode separators (U+2028, U+0085 …).
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(lines).strip("\n")


def written_text(s: str | None, *, multiline: bool = False) -> str:
    """A name, 所属 or free text as it was written: no NFKC.

    NFKC turned the compatibility kanji people write their names with (塚 U+FA10, 神 U+FA19,
    﨑 U+FA11 …) into other characters and widened half-width kana, so what was stored was not what
    was written. Only what is not part of the text goes: invisible and control characters,
    outer white space, and runs of inner white space (全角 spaces, tabs, line breaks of a
    single-line field), which become one space as in ``clean_text``. Matching is done on
    ``name_key``/``kana_key``, which fold what this keeps.
    """
    if not s:
        return ""
    return _tidy(s, multiline)


# 全角 brackets and marks that a Japanese title keeps as typed: NFKC would print 「養成研修(初任者)」
# with narrow ASCII brackets on a certificate. Letters and digits are still folded (第２回 = 第2回).
_TITLE_KEEP = re.compile("[（）［］｛｝＜＞！？：；＆／～]")


def clean_title(s: str | None) -> str:
    """``clean_text`` for a title, a 日程's name or a venue that is printed: the 全角 brackets and
    marks in ``_TITLE_KEEP`` stay 全角, the rest is folded as ``clean_text`` folds it."""
    if not s:
        return ""
    # Each kept mark is swapped for a private-use character that NFKC leaves alone, then back.
    kept = _TITLE_KEEP.findall(s)
    if not kept:
        return clean_text(s)
    masked = _TITLE_KEEP.sub("\ue000", s)
    out = iter(kept)
    return re.sub("\ue000", lambda _m: next(out), clean_text(masked))


# --- kana --------------------------------------------------------------------------------------

_DAKUTEN, _HANDAKUTEN = "\u3099", "\u309a"

# Spacing ゛゜ decompose under NFKC into "space + combining mark", which never joins the kana
# before it; swap them for the combining marks first so か゛ composes into が.
_SPACING_MARKS = str.maketrans({"\u309b": _DAKUTEN, "\u309c": _HANDAKUTEN})


def _nfkc_kana(s: str) -> str:
    if "\u309b" in s or "\u309c" in s:
        s = s.translate(_SPACING_MARKS)
    # is_normalized is a quick check: most readings are NFKC already.
    return s if unicodedata.is_normalized("NFKC", s) else unicodedata.normalize("NFKC", s)


def _katakana_table() -> dict[int, str]:
    table = {cp: chr(cp - 0x60) for cp in range(0x30A1, 0x30F7)}  # ァ…ヶ → ぁ…ゖ (ヴ → ゔ)
    table[0x30FD] = "\u309d"  # ヽ → ゝ
    table[0x30FE] = "\u309e"  # ヾ → ゞ
    # ヷヸヹヺ have no precomposed hiragana: write わ゙ ゐ゙ ゑ゙ を゙ with a combining mark.
    for cp, base in zip(range(0x30F7, 0x30FB), "わゐゑを"):
        table[cp] = base + _DAKUTEN
    return table


_KATAKANA_TO_HIRAGANA = _katakana_table()


# str.translate with a dict costs ~1 µs per call even when nothing changes; a character-class
# search first skips it for the text (most readings) that has nothing to translate.
_KATAKANA_CHARS = re.compile("[\u30a1-\u30fa\u30fd\u30fe]")


def to_hiragana(s: str) -> str:
    """NFKC, then katakana (full or half width) → hiragana; ー and everything else is kept."""
    s = _nfkc_kana(s)
    return s.translate(_KATAKANA_TO_HIRAGANA) if _KATAKANA_CHARS.search(s) else s


_SMALL_TO_LARGE = str.maketrans("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ")
# Separators people put between family and given name, or inside foreign names.
_NAME_SEPARATORS = "・·‧=゠"
# Dashes typed in place of the long-vowel mark ー in readings.
_DASH_TO_CHOON = str.maketrans(dict.fromkeys("-‐‑‒–—―−", "ー"))


def _drop_spaces_and_separators(s: str) -> str:
    return "".join(ch for ch in s if not ch.isspace() and ch not in _NAME_SEPARATORS)


# The keys are computed for every row of a 50,000-row import, so the character-by-character
# steps above run as str.translate tables (same result, about four times faster; the tests
# compare both on a random corpus). Every character str.isspace() knows is below U+3001.
_SPACES_AND_SEPARATORS = {cp: None for cp in range(0x3001) if chr(cp).isspace()} | dict.fromkeys(
    map(ord, _NAME_SEPARATORS), None
)
_KANA_KEY_TABLE = {**_SPACES_AND_SEPARATORS, **_DASH_TO_CHOON}
_KANA_KEY_CHARS = re.compile("[" + re.escape("".join(map(chr, _KANA_KEY_TABLE))) + "]")
_SMALL_KANA = re.compile("[ぁぃぅぇぉっゃゅょゎゕゖ]")
# Hiragana (precomposed, NFKC and NFC already, no case), ー and the ASCII space: a reading as
# ``excel.values.kana`` leaves it, where kana_key's other steps change nothing.
_PLAIN_HIRAGANA = re.compile("[\u3041-\u3096\u30fc ]*")


def _expand_kana_iteration(s: str) -> str:
    # すゝき → すすき, みすゞ → みすず: ゝ repeats the previous kana unvoiced, ゞ voiced.
    out: list[str] = []
    for ch in s:
        if ch in "\u309d\u309e" and out:
            base = unicodedata.normalize("NFD", out[-1])[0]
            ch = base if ch == "\u309d" else unicodedata.normalize("NFC", base + _DAKUTEN)
        out.append(ch)
    return "".join(out)


def kana_key(s: str | None) -> str:
    """A key for comparing ふりがな.

    Folds: katakana → hiragana, small kana → large (きょう = きよう, さっと = さつと), spaces and
    middle dots removed, dashes → ー, ゝゞ expanded, Latin case. Keeps: dakuten/handakuten
    (さとう ≠ さどう), ぢ/じ and づ/ず (both spellings are registered readings, so they may be
    different people), ゐ/ゑ, and the long-vowel mark (おおの ≠ おーの).
    """
    if not s:
        return ""
    if _PLAIN_HIRAGANA.fullmatch(s):  # most readings: only dropping spaces and small kana can change them
        text = s.replace(" ", "") if " " in s else s
        return text.translate(_SMALL_TO_LARGE) if _SMALL_KANA.search(text) else text
    text = to_hiragana(s.translate(_INVISIBLE) if _INVISIBLE_CHARS.search(s) else s).casefold()
    if " " in text:  # the usual separator, dropped without the table's lookup per character
        text = text.replace(" ", "")
    if _KANA_KEY_CHARS.search(text):
        text = text.translate(_KANA_KEY_TABLE)
    if "\u309d" in text or "\u309e" in text:
        text = _expand_kana_iteration(text)
    if _SMALL_KANA.search(text):
        text = text.translate(_SMALL_TO_LARGE)
    return unicodedata.normalize("NFC", text)


# --- kanji names -------------------------------------------------------------------------------

# 異体字 folding: variant → the form most people type. Rules followed:
# - fold 旧字体/異体字 to the 新字体 or JIS level-1 form of the *same* character (髙→高, 﨑→崎);
# - never fold two characters that are different surnames in practice: 斎 and 斉 stay distinct,
#   so 齋→斎 and 齊→斉 only; 島/嶋 and 沢/澤 are folded because they are the same character;
# - 籠/篭: 篭 (a 俗字) folds to the 常用漢字 form 籠;
# - characters with a canonical decomposition (e.g. U+FA10 塚 → 塚) are already folded by NFKC;
#   they are listed anyway so the table documents them.
_ITAIJI_PAIRS: tuple[tuple[str, str], ...] = (
    ("\u9ad9", "高"),  # 髙 はしご高
    ("\ufa11", "崎"),  # 﨑 たつさき
    ("\u5d5c", "崎"),  # 嵜
    ("\u908a", "辺"),  # 邊
    ("\u9089", "辺"),  # 邉
    ("\u9f4b", "斎"),  # 齋
    ("\u9f4a", "斉"),  # 齊
    ("\u6ff5", "浜"),  # 濵
    ("\u6ff1", "浜"),  # 濱
    ("\u5fb7", "徳"),  # 德
    ("\u6afb", "桜"),  # 櫻
    ("\u6fa4", "沢"),  # 澤
    ("\u5ee3", "広"),  # 廣
    ("\u570b", "国"),  # 國
    ("\u771e", "真"),  # 眞
    ("\u60e0", "恵"),  # 惠
    ("\u51a8", "富"),  # 冨
    ("\u69c7", "槙"),  # 槇
    ("\u7bed", "籠"),  # 篭
    ("\U00020bb7", "吉"),  # 𠮷 つちよし
    ("\ufa10", "塚"),  # 塚 (compatibility ideograph; NFKC already folds it)
    ("\U0002123d", "土"),  # 𡈽 つちへんの点あり土
    ("\u5d8b", "島"),  # 嶋
    ("\u5d8c", "島"),  # 嶌
    ("\u5cef", "峰"),  # 峯
    ("\u8218", "館"),  # 舘
    ("\u7027", "滝"),  # 瀧
    ("\u66fe", "曽"),  # 曾
    ("\u6801", "柳"),  # 栁
    ("\u85cf", "蔵"),  # 藏
    ("\u69ae", "栄"),  # 榮
    ("\u58fd", "寿"),  # 壽
    ("\u5be6", "実"),  # 實
    ("\u5713", "円"),  # 圓
    ("\u842c", "万"),  # 萬
    ("\u6dfa", "浅"),  # 淺
    ("\u7028", "瀬"),  # 瀨
    ("\u8cf4", "頼"),  # 賴
    ("\u9f9c", "亀"),  # 龜
    ("\u9ed1", "黒"),  # 黑
    ("\u975c", "静"),  # 靜
    ("\u5f4c", "弥"),  # 彌
    ("\u79ae", "礼"),  # 禮
    ("\u689d", "条"),  # 條
    ("\u50b3", "伝"),  # 傳
    ("\u7a57", "穂"),  # 穗
    ("\u838a", "荘"),  # 莊
    ("\u66fb", "昇"),  # 曻
    ("\u9115", "郷"),  # 鄕
    ("\u589e", "増"),  # 增
    ("\u9435", "鉄"),  # 鐵
)

ITAIJI_FOLD: Mapping[str, str] = MappingProxyType(dict(_ITAIJI_PAIRS))
_ITAIJI_TABLE = str.maketrans(dict(_ITAIJI_PAIRS))
# name_key's deletions (invisible characters, variation selectors, spaces, separators) and the
# 異体字 folding as one table; the two sets of characters are disjoint, so the order is kept.
_NAME_KEY_TABLE = {
    **_INVISIBLE,
    **{cp: None for cp in (*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0))},
    **_SPACES_AND_SEPARATORS,
    **_ITAIJI_TABLE,
}



def _char_class(codepoints: Iterable[int]) -> re.Pattern[str]:
    """A regex matching any of ``codepoints``, written as ranges (a class listing hundreds of
    single characters, the variation selectors among them, searches ten times slower)."""
    ranges: list[list[int]] = []
    for cp in sorted(codepoints):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return re.compile("[" + "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]")


# name_key translates only text that has something in the table (most names have nothing).
_NAME_KEY_CHARS = _char_class(_NAME_KEY_TABLE)
# A name as most lists write it: CJK unified ideographs (no 々, no compatibility ideographs),
# hiragana, katakana, ー and ASCII spaces — characters NFKC, NFC and casefold all leave alone.
_PLAIN_NAME = re.compile("[\u4e00-\u9fff\u3041-\u3096\u30a1-\u30fa\u30fc ]*")


def _is_variation_selector(ch: str) -> bool:
    # IVS/SVS pick a glyph (two-dot 辻, 葛 variants) but not a different character.
    cp = ord(ch)
    return 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


def _expand_kanji_iteration(s: str) -> str:
    # 佐々木 and 佐佐木 are the same reading and the same name written two ways.
    out: list[str] = []
    for ch in s:
        out.append(out[-1] if ch == "々" and out else ch)
    return "".join(out)


def name_key(s: str | None) -> str:
    """A key for comparing 氏名: NFKC, no spaces or middle dots, 異体字 folded (ITAIJI_FOLD),
    variation selectors dropped, 々 expanded, Latin case folded."""
    if not s:
        return ""
    if _PLAIN_NAME.fullmatch(s):  # kanji and kana (NFKC, NFC, no case): only spaces and 異体字 can change
        text = s.replace(" ", "") if " " in s else s
        if not _NAME_KEY_CHARS.search(text):
            return text
    text = unicodedata.normalize("NFKC", s)
    if " " in text:  # as in kana_key: the common case of the table, cheaply
        text = text.replace(" ", "")
    if _NAME_KEY_CHARS.search(text):
        text = text.translate(_NAME_KEY_TABLE)
    if "々" in text:
        text = _expand_kanji_iteration(text)
    # NFC last: dropping the space NFKC puts before a spacing mark (¸ → " ̧") can leave a
    # combining mark that now joins the previous letter.
    return unicodedata.normalize("NFC", text.casefold())


def looks_alike(a: str | None, b: str | None) -> bool:
    """True when two names have the same name_key; two blank names never look alike."""
    key = name_key(a)
    return bool(key) and key == name_key(b)


# --- possible matches ----------------------------------------------------------------------------

# Surname characters that are different characters (name_key keeps them apart, so nothing is
# merged on them) but that one person is often found written with either: 斉藤 on a sign-up sheet
# and 齋藤 in the roster. Same reading and municipality with such a difference is offered as
# 「同じ人かも」 (import preview, duplicate people), never matched silently. Each group folds to its
# first character; name_key has already folded 齋→斎, 齊→斉, 邊/邉→辺, 澤→沢, 嶋/嶌→島, 﨑/嵜→崎,
# 髙→高, 𠮷→吉, 國→国, 櫻→桜, 廣→広, 濱/濵→浜, 德→徳 (ITAIJI_FOLD).
# Source: the common surname variants listed in issue 16 (斉/齊/齋/斎, 辺/邊/邉, 沢/澤, 島/嶋/嶌,
# 崎/﨑/嵜, 高/髙, 吉/𠮷, 国/國, 桜/櫻, 広/廣, 浜/濱, 竜/龍, 徳/德), checked against the family
# table of the PyPI package ja-itaiji 1.0.2 (MIT), which has all of them except 斉/齊/齋/斎 and
# 吉/𠮷; it is not a dependency because it lacks exactly the pair this is for.
VARIANT_GROUPS: tuple[str, ...] = (
    "斉斎齊齋",
    "竜龍",
    "辺邊邉",
    "沢澤",
    "島嶋嶌",
    "崎﨑嵜",
    "高髙",
    "吉\U00020bb7",
    "国國",
    "桜櫻",
    "広廣",
    "浜濱濵",
    "徳德",
)
_VARIANT_TABLE = str.maketrans({ch: group[0] for group in VARIANT_GROUPS for ch in group[1:]})
_VARIANT_CHARS = re.compile("[" + "".join(ch for group in VARIANT_GROUPS for ch in group[1:]) + "]")


def variant_key(key: str | None) -> str:
    """A ``name_key`` with the VARIANT_GROUPS folded: equal for 斉藤 and 齋藤. For suggesting a
    possible match only (two people may really be 斉藤 and 斎藤)."""
    if not key:
        return ""
    return key.translate(_VARIANT_TABLE) if _VARIANT_CHARS.search(key) else key


def _keys_variant_touches() -> str:
    # A name_key has already folded most of each group (髙→高, 嶋→島 …); the characters where
    # variant_key still changes something are those of a group that name_key leaves split
    # (斉/斎 after 齋→斎 and 齊→斉, 竜/龍): only names with one of them can be 「同じ人かも」.
    out: list[str] = []
    for group in VARIANT_GROUPS:
        keys = sorted({name_key(ch) for ch in group})
        if len(keys) > 1:
            out.extend(keys)
    return "".join(out)


VARIANT_KEY_CHARS = _keys_variant_touches()
_VARIANT_ANY = re.compile("[" + VARIANT_KEY_CHARS + "]")


def has_variant_chars(key: str) -> bool:
    """Whether a name_key has a character variant_key can fold onto another name's (only those
    can be 「同じ人かも」)."""
    return bool(_VARIANT_ANY.search(key))
