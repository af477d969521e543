"""The alias tables of the controlled vocabularies (domain/vocab_aliases.py) and their matcher."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.vocab_aliases import ROLE
from sasaeai_desktop.domain.vocab_aliases import STAGE
from sasaeai_desktop.domain.vocab_aliases import VOCABULARIES
from sasaeai_desktop.domain.vocab_match import AliasClash
from sasaeai_desktop.domain.vocab_match import Vocabulary
from sasaeai_desktop.domain.vocab_match import match_key

WORDINGS = [(v, wording, value) for v in VOCABULARIES.values() for wording, value in v.wordings().items()]
_KANJI = dict(zip("0123456789", "〇一二三四五六七八九"))


@pytest.mark.parametrize("words", VOCABULARIES.values(), ids=lambda v: v.key)
def test_every_value_is_itself_and_every_alias_its_value(words: Vocabulary) -> None:
    for value in words.choices:
        assert words.match(value) == value
    for wording, value in words.wordings().items():
        assert words.match(wording) == value, wording
        assert words.why_unclear(wording) is None


@pytest.mark.parametrize("words", VOCABULARIES.values(), ids=lambda v: v.key)
def test_no_wording_means_two_values(words: Vocabulary) -> None:
    meanings: dict[str, set[str]] = defaultdict(set)
    for value in words.choices:
        meanings[match_key(value)].add(value)
    for value, wordings in words.aliases.items():
        for wording in wordings:
            meanings[match_key(wording)].add(value)
    assert not {k: v for k, v in meanings.items() if len(v) > 1}


def test_a_table_with_one_wording_for_two_values_is_refused() -> None:
    with pytest.raises(AliasClash):
        Vocabulary("x", "役割", ("第1層SC", "第2層SC"), aliases={"第1層SC": ("SC",), "第2層SC": ("ＳＣ",)})
    with pytest.raises(AliasClash):
        Vocabulary("x", "役割", ("第1層SC",), aliases={"第1層SC": ("SC",)}, unclear={"ｓｃ": "層"})
    with pytest.raises(AliasClash):
        Vocabulary("x", "役割", ("第1層SC",), aliases={"第9層SC": ("SC",)})


def test_the_vocabularies_cover_the_stored_lists() -> None:
    assert ROLE.choices == vocab.ROLES and STAGE.choices == tuple(vocab.STAGES.values())
    assert "協議体構成員" in vocab.ROLES and vocab.ROLES[-1] == "その他"


def _widen(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(WORDINGS), st.data())
def test_spelling_variants_mean_the_same_value(case: tuple[Vocabulary, str, str], data: st.DataObject) -> None:
    words, wording, value = case
    written = wording
    if data.draw(st.booleans(), "漢数字"):
        written = re.sub(r"第(\d)層", lambda m: f"第{_KANJI[m[1]]}層", written)
    if data.draw(st.booleans(), "第 dropped"):
        written = re.sub(r"第(\d)層", r"\1層", written)
    if data.draw(st.booleans(), "全角"):
        written = _widen(written)
    spaces = data.draw(st.lists(st.integers(0, len(written)), max_size=3), "spaces")
    for i in sorted(spaces, reverse=True):
        written = written[:i] + data.draw(st.sampled_from([" ", "\u3000", "  "])) + written[i:]
    assert words.match(written) == value, written


@pytest.mark.parametrize("written", ["コーディネーター", "生活支援コーディネーター", "ＳＣ", "sc", "地域支え合い推進員",
                                     "ｺｰﾃﾞｨﾈｰﾀｰ", "生活支援 コーディネーター（地域支え合い推進員）"])
def test_a_coordinator_without_a_layer_is_never_guessed(written: str) -> None:
    assert ROLE.match(written) is None
    assert ROLE.why_unclear(written) == "第1層か第2層かが分かりません"


@pytest.mark.parametrize(("written", "value"), [
    ("第1層生活支援コーディネーター", "第1層SC"), ("第２層生活支援コーディネーター", "第2層SC"), ("第一層ＳＣ", "第1層SC"),
    ("第２層 コ－ディネ－タ－", "第2層SC"), ("地域包括支援センター職員", "包括職員"), ("包括", "包括職員"),
    ("社会福祉協議会", "社協職員"), ("社協", "社協職員"), ("行政", "市町村職員"), ("町役場", "市町村職員"),
    ("協議体メンバー", "協議体構成員"), ("首長/管理職", "首長・管理職"),
])
def test_the_wordings_of_the_brief(written: str, value: str) -> None:
    assert ROLE.match(written) == value


@pytest.mark.parametrize(("written", "stage"), [
    ("①", 1), ("基盤整備", 1), ("第一段階", 1), ("② ニーズと担い手の掘り起し", 2), ("担い手の掘り起こし", 2),
    ("地域課題の解決", 3), ("③地域の課題解決", 3), (2, 2), ("第3段階 取組中", 3),
])
def test_survey_returns_read_the_stage_in_its_wordings(written: object, stage: int) -> None:
    from sasaeai_desktop.io.excel.survey_form import parse_stage

    assert parse_stage(written) == stage
