"""The import's shortcuts for the usual cell (026-232-0111, user@example.jp, くぼた たえこ) must
give exactly what the full parsing gives, and leave everything else to it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from sasaeai_desktop.domain import names as N
from sasaeai_desktop.io.excel import values as V
from tests.unit.test_name_keys_tables import reference_kana_key


class _Text(str):
    """A str subclass: the parsers' shortcuts test ``value.__class__ is str``, so this takes the
    full path with the same text."""


def _outcome(parse, value):  # type: ignore[no-untyped-def]
    try:
        return "ok", parse(value)
    except V.ValueProblem as exc:
        return "problem", str(exc)


PHONE_CHARS = "0123456789-- ()+０１ー－‐"
EMAIL_CHARS = "abcXYZ019._%+-@@.:mailto ＠\u3000é"


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from(PHONE_CHARS), max_size=18)
       | st.lists(st.text("0123456789", max_size=6), min_size=1, max_size=4).map("-".join))
def test_phone_shortcut_matches_the_full_parse(s: str) -> None:
    assert _outcome(V.phone, s) == _outcome(V.phone, _Text(s))


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from(EMAIL_CHARS), max_size=24)
       | st.builds(lambda a, b, c: f"{a}@{b}.{c}", st.text("ab.-_+", min_size=1, max_size=8),
                   st.text("xy-.", min_size=1, max_size=6), st.text("jp.-", min_size=1, max_size=4)))
def test_email_shortcut_matches_the_full_parse(s: str) -> None:
    assert _outcome(V.email, s) == _outcome(V.email, _Text(s))


def test_shortcuts_take_the_usual_cells() -> None:
    assert V._PLAIN_PHONE.fullmatch("026-232-0111") and V._PLAIN_PHONE.fullmatch("0261-47-6320")
    assert V._PLAIN_EMAIL.fullmatch("user1@example.jp")
    assert N._PLAIN_HIRAGANA.fullmatch("くぼた たえこ")
    assert V.email("a" * 189 + "@example.jp") == "a" * 189 + "@example.jp"  # 200 characters
    assert _outcome(V.email, "a" * 200 + "@example.jp")[0] == "problem"  # too long: the full path says so


HIRAGANA = "".join(map(chr, range(0x3041, 0x3097))) + "ー ゝゞ\u3099ヴカ　"


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=st.sampled_from(HIRAGANA), max_size=14))
def test_kana_key_shortcut_matches_the_definition(s: str) -> None:
    assert N.kana_key(s) == reference_kana_key(s)


TEXT_CHARS = "久保田多恵子ｶﾀカナくぼた ー\u3000\u00a0\t\n\u200bＡａ1１"


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from(TEXT_CHARS), max_size=14))
def test_text_and_kana_shortcuts_match_clean_text(s: str) -> None:
    cleaned = N.clean_text(s)
    assert V.text(s) == cleaned
    assert V.kana(s) == (N.to_hiragana(cleaned) if cleaned else cleaned)
    assert _outcome(lambda v: V.kana(v, 5), s) == _outcome(lambda v: V.kana(v, 5), _Text(s))


NAME_CHARS = "久保田多恵子佐藤高髙﨑崎斎斉辻々ゝあアｱー 　・\ufe00\u200bＡa"


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=st.sampled_from(NAME_CHARS), max_size=10))
def test_name_key_shortcut_matches_the_definition(s: str) -> None:
    from tests.unit.test_name_keys_tables import reference_name_key

    assert N.name_key(s) == reference_name_key(s)


WRITTEN_CHARS = "塚\ufa10神\ufa19髙﨑ｶﾀカナ ー\u3000\u00a0\t\n\r\u200b\x1bＡａ1１"


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from(WRITTEN_CHARS), max_size=14))
def test_written_shortcuts_match_written_text(s: str) -> None:
    """Names are stored as written: the shortcut of ``written`` (printable, single spaces) and the
    full path agree, neither applies NFKC, and the name key folds what they keep."""
    assert V.written(s) == N.written_text(s)
    assert V.written_multiline(s) == N.written_text(s, multiline=True)
    assert _outcome(lambda v: V.written(v, 5), s) == _outcome(lambda v: V.written(v, 5), _Text(s))
    kept = V.written(s)
    assert all(ch in s for ch in kept.replace(" ", ""))  # nothing but white space is changed
    assert N.name_key(kept) == N.name_key(N.clean_text(s))
