"""Reading a controlled value the way people write it: one matcher for every vocabulary.

Offices write 役割 「第１層生活支援コーディネーター」, 「第一層ＳＣ」, 「地域包括支援センター」 where the
database stores 第1層SC and 包括職員. A ``Vocabulary`` holds the stored values (``choices``) and,
as data, the other wordings of each (``aliases``, in domain/vocab_aliases.py); ``match`` compares
them through ``match_key`` — NFKC (全角/半角), no spaces or separators (・ / 、 brackets), 漢数字
and a missing 第 in layer numbers (第一層, 1層 → 第1層), a hyphen written for ー, case.

A wording that could be two values (「コーディネーター」 without its 層) is listed in ``unclear``
and never matched: the import asks instead of guessing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field

__all__ = ["AliasClash", "Vocabulary", "match_key"]

_KANJI_DIGITS = str.maketrans("〇一二三四五六七八九", "0123456789")
_LAYER = re.compile(r"第?([0-9〇一二三四五六七八九])層")
_STAGE = re.compile(r"第?([0-9〇一二三四五六七八九])段階")
# A hyphen or dash after katakana is a long vowel typed on the wrong key (コ－ディネ－タ－).
_DASH_AFTER_KANA = re.compile(r"(?<=[\u30a1-\u30fa\u30fc])[-‐‑‒–—―−]")
# Spaces and the separators people put anywhere in a term (首長/管理職, 研修、勉強会, (第1層)).
_SEPARATORS = re.compile(r"[\s・/,、.。()\[\]{}「」『』【】〔〕〈〉《》<>:;\"'“”‘’]+")


def match_key(text: str) -> str:
    """The form two wordings are compared in: '第一層 ＳＣ' and '第1層sc' give the same key."""
    s = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))  # first: '第 1 層' is 第1層
    s = _DASH_AFTER_KANA.sub("ー", s)
    s = _LAYER.sub(lambda m: f"第{m.group(1).translate(_KANJI_DIGITS)}層", s)
    s = _STAGE.sub(lambda m: f"第{m.group(1).translate(_KANJI_DIGITS)}段階", s)
    return s.casefold()


class AliasClash(ValueError):
    """The alias table is wrong: one wording for two values, or an alias of no value."""


@dataclass(frozen=True)
class Vocabulary:
    """A controlled list: its stored values, their other wordings, the wordings never guessed."""

    key: str  # 'role': remembered answers are per vocabulary
    label: str  # '役割', in messages and questions
    choices: tuple[str, ...]
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # value → other wordings
    unclear: Mapping[str, str] = field(default_factory=dict)  # wording → what it leaves open
    _index: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _unclear: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        for value in self.choices:
            self._add(index, value, value)
        for value, wordings in self.aliases.items():
            if value not in self.choices:
                raise AliasClash(f"{self.label}: 「{value}」 is not a value of the vocabulary")
            for wording in wordings:
                self._add(index, wording, value)
        unclear = {match_key(w): why for w, why in self.unclear.items()}
        both = sorted(set(unclear) & set(index))
        if both:
            raise AliasClash(f"{self.label}: {both} are both unclear and an alias")
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_unclear", unclear)

    def _add(self, index: dict[str, str], wording: str, value: str) -> None:
        k = match_key(wording)
        if not k:
            raise AliasClash(f"{self.label}: an empty wording for 「{value}」")
        if index.setdefault(k, value) != value:
            raise AliasClash(f"{self.label}: 「{wording}」 is both 「{index[k]}」 and 「{value}」")

    def match(self, text: str) -> str | None:
        """The stored value ``text`` means, or None (unknown, or one of the unclear wordings)."""
        return self._index.get(match_key(text))

    def why_unclear(self, text: str) -> str | None:
        """For a wording that could be several values: what is missing ('第1層か第2層か')."""
        return self._unclear.get(match_key(text))

    def wordings(self) -> dict[str, str]:
        """Every wording the table knows (values and aliases) → its value: for tests and docs."""
        out = {v: v for v in self.choices}
        for value, wordings in self.aliases.items():
            out.update({w: value for w in wordings})
        return out
