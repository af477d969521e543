"""Controlled values in imported sheets: the official wording is read, an unknown one is asked.

Every column that holds a value of a vocabulary (役割, 区分, 種別, 目的区分, 相談方法, 活動分野の分類)
reads it through ``ValueAnswers.resolve``:
1. the vocabulary's own values and aliases (domain/vocab_aliases.py: 第１層生活支援コーディネーター →
   第1層SC, 社会福祉協議会 → 社協職員 …);
2. the answer given now — the preview's 「この値は？」 or ``--map 役割=書かれた値:取り込む値``;
3. the answer remembered from an earlier import (``LocalSetting`` 'excel_value:<vocabulary>:<key>',
   saved when an import with that answer is written, per vocabulary: a 役割 answered for a sign-up
   sheet is known to the next 名簿 too);
otherwise the cell is a problem (``UnknownValue``) and the plan lists it as a question
(``plan.value_questions``), once per distinct written value.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain import vocab_aliases as va
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.vocab_match import Vocabulary
from sasaeai_desktop.domain.vocab_match import match_key
from sasaeai_desktop.io.excel import values as V

__all__ = [
    "BLANK",
    "COLUMN_VOCABULARIES",
    "BadAnswer",
    "attach_cells",
    "UnknownValue",
    "ValueAnswers",
    "ValueQuestion",
    "check_answers",
    "controlled_parser",
    "load_answers",
    "store_answers",
]

VALUE_PREFIX = "excel_value:"
BLANK = ""  # the answer 「取り込まない（空欄にする）」

# A column's Rule.parse name → the vocabulary its cells hold.
COLUMN_VOCABULARIES: dict[str, Vocabulary] = {
    "role": va.ROLE,
    "advisor_category": va.ADVISOR_CATEGORY,
    "municipality_kind": va.MUNICIPALITY_KIND,
    "visit_purpose": va.VISIT_PURPOSE,
    "channel": va.CONSULTATION_CHANNEL,
    "activity_fields": va.ACTIVITY_FIELD,
}


class UnknownValue(V.ValueProblem):
    """A cell whose value (or values, in a list cell) the vocabulary does not know."""

    def __init__(self, vocabulary: Vocabulary, texts: Sequence[str], choices: Sequence[str], *, unclear: str = "") -> None:
        quoted = "".join(f"「{t}」" for t in texts)
        why = f"{unclear}。" if unclear else ""
        super().__init__(f"{vocabulary.label}{quoted}は使えません（{why}{'、'.join(choices)} のいずれか）")
        self.vocabulary = vocabulary
        self.texts = tuple(texts)


class BadAnswer(UserError):
    """An answer that is not a value of its column (a bad ``--map``, a stale GUI choice)."""

    def __init__(self, column: str, written: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.written = written


@dataclass
class ValueQuestion:
    """「この値は？」 for one written value of one column: the preview asks it once."""

    column: str  # the column key ('role')
    header: str  # the column's header as written in the sheet
    vocabulary: str  # the vocabulary key
    label: str  # '役割'
    written: str  # as in the cell (the first spelling met)
    choices: tuple[str, ...]
    optional: bool  # 「取り込まない（空欄にする）」 may be chosen
    answer: str | None = None  # None: not answered yet; BLANK: left empty
    unclear: str = ""  # why a known wording is not taken ('第1層か第2層かが分かりません')
    cells: list[str] = field(default_factory=list)  # 'シート!12:役割' of the cells that hold it


@dataclass
class _Seen:
    written: str
    vocabulary: Vocabulary
    choices: tuple[str, ...]
    optional: bool
    value: str | None  # None while unknown
    how: str  # 'alias', 'given', 'remembered', 'unknown'


class ValueAnswers:
    """The answers an import plan reads controlled values with (one per plan)."""

    def __init__(self, remembered: Mapping[tuple[str, str], str] | None = None,
                 given: Mapping[str, Mapping[str, str | None]] | None = None) -> None:
        self.remembered = dict(remembered or {})  # (vocabulary key, match key) → value or BLANK
        # column key → match key → (as written, value or BLANK)
        self.given: dict[str, dict[str, tuple[str, str]]] = {
            col: {match_key(w): (w, v or BLANK) for w, v in answers.items()} for col, answers in (given or {}).items()}
        self.seen: dict[tuple[str, str], _Seen] = {}  # (column key, match key) → what was read

    def lookup(self, column: str, vocabulary: Vocabulary, text: str, *, optional: bool = True,
               choices: Sequence[str] | None = None) -> str | None:
        """The stored value ``text`` stands for (BLANK: leave the field empty), None when unknown
        (then remembered as a question)."""
        allowed = tuple(choices) if choices is not None else vocabulary.choices
        key = match_key(text)
        given = self.given.get(column, {}).get(key)  # what the user says now wins over the table
        hit: str | None
        if given is not None:
            hit, how = given[1], "given"
        else:
            hit, how = vocabulary.match(text), "alias"
            if hit is None or hit not in allowed:
                hit, how = None, "unknown"
                remembered = self.remembered.get((vocabulary.key, key))
                if remembered is not None and (remembered in allowed or (remembered == BLANK and optional)):
                    hit, how = remembered, "remembered"
        if (column, key) not in self.seen:
            self.seen[(column, key)] = _Seen(text, vocabulary, allowed, optional, hit, how)
        return hit

    def resolve(self, column: str, vocabulary: Vocabulary, text: str, *, optional: bool = True) -> str:
        value = self.lookup(column, vocabulary, text, optional=optional)
        if value is None:
            raise UnknownValue(vocabulary, (text,), vocabulary.choices, unclear=vocabulary.why_unclear(text) or "")
        return value

    def check(self, column: str, vocabulary: Vocabulary, choices: Sequence[str], optional: bool) -> None:
        """Refuse a given answer that is not a value of the column (``BadAnswer``); an alias of a
        value is taken as that value (--map 役割=…:第1層生活支援コーディネーター)."""
        for key, (written, value) in list(self.given.get(column, {}).items()):
            if value == BLANK:
                if not optional:
                    raise BadAnswer(column, written, f"{vocabulary.label}は空欄にできません（「{written}」の取り込む値を選んでください）。")
                continue
            canonical = value if value in choices else vocabulary.match(value)
            if canonical is None or canonical not in choices:
                raise BadAnswer(column, written, f"「{value}」は{vocabulary.label}の値ではありません（{'、'.join(choices)} のいずれか）。")
            self.given[column][key] = (written, canonical)

    # -- what the plan shows -------------------------------------------------------------------

    def questions(self, headers: Mapping[str, str]) -> list[ValueQuestion]:
        """The values still unknown and the ones answered now, in the order met."""
        return [ValueQuestion(col, headers.get(col, col), s.vocabulary.key, s.vocabulary.label, s.written, s.choices,
                              s.optional, s.value if s.how == "given" else None, s.vocabulary.why_unclear(s.written) or "")
                for (col, _), s in self.seen.items() if s.how in ("unknown", "given")]

    def notes(self, headers: Mapping[str, str]) -> list[str]:
        """One line per value read in another wording: what it became and why."""
        out = []
        for (col, _), s in self.seen.items():
            if s.value is None or s.how == "given" or s.written == s.value:
                continue
            became = f"「{s.value}」" if s.value else "空欄"
            source = "前回の回答" if s.how == "remembered" else "同じ意味の表記"
            out.append(f"読み替え（{source}）: {headers.get(col, col)}「{s.written}」→{became}")
        return out

    def to_remember(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(vocabulary key, match key) → (as written, value) of every answer given now."""
        return {(s.vocabulary.key, key): (s.written, s.value or BLANK)
                for (_, key), s in self.seen.items() if s.how == "given" and s.value is not None}


_QUOTED = re.compile(r"「([^「」]*)」")


def attach_cells(questions: Sequence[ValueQuestion], problems: Sequence[Any], columns: Mapping[str, int | None]) -> None:
    """Fill each question's ``cells`` with the problems it answers ('名簿!12:役割'): a problem of
    the question's column quoting its value — one pass over the problems, however many questions."""
    by_cell: dict[tuple[int | None, str], ValueQuestion] = {}
    for q in questions:
        by_cell[(columns.get(q.column), match_key(q.written))] = q  # 保健 師 and 保健師 are one question
    cols = {c for c, _ in by_cell}
    for p in problems:
        if p.col in cols:
            for text in _QUOTED.findall(p.message):
                asked = by_cell.get((p.col, match_key(text)))
                if asked is not None:
                    asked.cells.append(f"{p.sheet}!{p.row}:{p.column}")


def controlled_parser(answers: ValueAnswers, key: str, parse: str, required: bool) -> Callable[[Any], str]:
    """The cell parser of a column holding one value of a vocabulary (ImportKind.parser)."""
    resolve, words, optional = answers.resolve, COLUMN_VOCABULARIES[parse], not required

    def controlled(value: Any) -> str:
        return resolve(key, words, V.text(value, 40), optional=optional)

    return controlled


def check_answers(kind: Any) -> None:
    """Refuse answers given for a column ``kind`` (an ImportKind) reads no vocabulary in, or with
    a value the column cannot take (``BadAnswer``, a UserError)."""
    for key in kind.values.given:
        rule = kind.rules.get(key)
        if rule is None or rule.parse not in COLUMN_VOCABULARIES:
            raise BadAnswer(key, "", f"「{key}」は{kind.title}の取り込みで値を選べる列ではありません。")
        kind.values.check(key, COLUMN_VOCABULARIES[rule.parse], kind.value_choices(key), not rule.required)


# -- remembered answers --------------------------------------------------------------------------


def load_answers(session: Any) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    rows = session.execute(select(m.LocalSetting.key, m.LocalSetting.value).where(m.LocalSetting.key.startswith(VALUE_PREFIX)))
    for key, value in rows:
        vocab_key, _, mk = key[len(VALUE_PREFIX):].partition(":")
        try:
            answer = json.loads(value)["value"]
        except (ValueError, KeyError, TypeError):
            continue  # a damaged setting is ignored, never fatal
        if isinstance(answer, str) and mk:
            out[(vocab_key, mk)] = answer
    return out


def store_answers(session: Any, answers: Mapping[tuple[str, str], tuple[str, str]]) -> None:
    for (vocab_key, mk), (written, value) in answers.items():
        key = f"{VALUE_PREFIX}{vocab_key}:{mk}"
        data = json.dumps({"value": value, "written": written, "saved": time.strftime("%Y-%m-%d %H:%M:%S")},
                          ensure_ascii=False)
        row = session.get(m.LocalSetting, key)
        if row is None:
            session.add(m.LocalSetting(key=key, value=data))
        else:
            row.value = data
