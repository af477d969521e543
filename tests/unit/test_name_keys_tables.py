"""name_key / kana_key run as str.translate tables for speed: they must give exactly what the
plain step-by-step definition gives (kept here as the reference)."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from sasaeai_desktop.domain import names as N

_DAKUTEN = "\u3099"


def _drop(s: str) -> str:
    return "".join(ch for ch in s if not ch.isspace() and ch not in N._NAME_SEPARATORS)


def reference_name_key(s: str) -> str:
    if not s:
        return ""
    text = unicodedata.normalize("NFKC", s).translate(N._INVISIBLE)
    text = "".join(ch for ch in text if not N._is_variation_selector(ch))
    text = _drop(text).translate(N._ITAIJI_TABLE)
    return unicodedata.normalize("NFC", N._expand_kanji_iteration(text).casefold())


def reference_kana_key(s: str) -> str:
    if not s:
        return ""
    text = N.to_hiragana(s.translate(N._INVISIBLE)).casefold()
    text = _drop(text).translate(N._DASH_TO_CHOON)
    text = N._expand_kana_iteration(text).translate(N._SMALL_TO_LARGE)
    return unicodedata.normalize("NFC", text)


TRICKY = (
    "佐藤一郎髙橋﨑々ゝゞヽヾすみカタカナｶﾀｶﾅぁぃっゃー-‐・·=゠ 　\t\n\u200b\u2060\ufeff\ufe00\U000e0100"
    "ABCßİ゛゜か゛ヷヸ\u3099\u309a𠮷\ufa10ﾞﾟ\u00a0\u2028\u1680\u202f\u205f\u3000〜～㍻\x1c\x85"
)


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=12))
def test_tables_match_the_step_by_step_definition(s: str) -> None:
    assert N.name_key(s) == reference_name_key(s)
    assert N.kana_key(s) == reference_kana_key(s)


def test_every_space_character_is_in_the_table() -> None:
    spaces = [cp for cp in range(0x110000) if chr(cp).isspace()]
    assert max(spaces) <= 0x3000
    assert all(cp in N._SPACES_AND_SEPARATORS for cp in spaces)


def reference_clean_text(s: str, multiline: bool) -> str:
    if not s:
        return ""
    text = unicodedata.normalize("NFKC", s).translate(N._INVISIBLE)
    # Control characters are dropped too, except those str.split/splitlines read as whitespace.
    text = "".join(c for c in text if not (unicodedata.category(c) == "Cc" and not c.isspace()))
    if not multiline:
        return " ".join(text.split())
    return "\n".join(" ".join(line.split()) for line in text.splitlines()).strip("\n")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=12), st.booleans())
def test_clean_text_shortcuts_match_the_definition(s: str, multiline: bool) -> None:
    """clean_text replaces U+3000 before NFKC and translates only when there is something to drop."""
    assert N.clean_text(s, multiline=multiline) == reference_clean_text(s, multiline)


def test_name_key_shortcut_finds_every_character_of_the_table() -> None:
    """name_key skips the table when _NAME_KEY_CHARS finds nothing: it must find each key, and
    only those."""
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        assert (N._NAME_KEY_CHARS.search(chr(cp)) is not None) == (cp in N._NAME_KEY_TABLE), hex(cp)
