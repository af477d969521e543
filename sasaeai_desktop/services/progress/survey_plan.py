"""What a survey collection found, before anything is stored: the plan ``survey_collect`` builds,
the user decides on and ``survey_apply`` stores.

How a returned field is classified (``FieldChange.kind``):
- ``clean``: the database still holds what the form was made from, so the answer is new information;
- ``conflict``: the database changed since the form was made *and* the answer differs from both
  (someone edited the status meanwhile) — the user decides;
- ``unverified``: the hidden identification sheet was deleted, so there is no version to compare
  with (matched by the code or name typed in the form) — the user decides;
- ``disagree``: two returns for the same municipality give different answers — the user picks one.
Files that cannot be used at all and answers that cannot be read are *problems*: listed with
``file!cell — message`` and written to an error workbook with the cells highlighted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

MATCH_KEY = "@match"  # Problem.key of a return whose municipality the user must name
CHOSEN_BEFORE = "前回の指定"


@dataclass
class Problem:
    file: str  # file name
    message: str
    row: int | None = None  # 1-based cell in the form sheet, when the problem has one
    col: int | None = None
    key: str | None = None
    refused: bool = False  # found by comparing (survey_checks), made again when the plan is

    def where(self) -> str:
        if self.row is None:
            return self.file
        from openpyxl.utils import get_column_letter  # tiny module, only for the message

        return f"{self.file}!{get_column_letter(self.col or 1)}{self.row}"

    def text(self) -> str:
        return f"{self.where()} — {self.message}"


@dataclass
class FieldChange:
    key: str
    label: str
    current: Any  # the database now
    returned: Any  # the answer
    base: Any = None  # what the form was made from (None when unknown)
    kind: str = "clean"  # clean / conflict / unverified / disagree
    message: str = ""
    alternatives: list[tuple[str, Any]] = field(default_factory=list)  # disagree: (file, value)

    @property
    def needs_decision(self) -> bool:
        return self.kind != "clean"


@dataclass
class MunicipalityReturn:
    municipality_id: str
    code: str
    name: str
    files: list[str]
    matched_by: str  # 識別シート / 市町村コード / 市町村名 / 指定 (the user chose) / 前回の指定 (chosen before)
    changes: list[FieldChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)



@dataclass
class CollectPlan:
    fiscal_year: int
    folder: Path
    files_read: int = 0
    returns: list[MunicipalityReturn] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    marks: dict[str, list[Problem]] = field(default_factory=dict)  # file → cell problems
    forms: dict[str, Any] = field(default_factory=dict)  # file → RawForm (for the error workbook)
    unmatched: list[UnmatchedReturn] = field(default_factory=list)  # no hidden sheet, no sure match
    notes: list[str] = field(default_factory=list)  # said once for the whole collection
    # Read, but nothing to change (answered as stored, or taken in an earlier collection): names.
    unchanged: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    fingerprints: dict[str, str] = field(default_factory=dict)  # file → content hash (remembered choices)
    # What was read, kept so that ``assign_return`` can re-plan without reading the files again.
    read_returns: list[ReadReturn] = field(default_factory=list, repr=False)

    def add_problem(self, problem: Problem) -> None:
        """Listed; and marked on its file's sheet of the error workbook when it has a cell."""
        self.problems.append(problem)
        if problem.row is not None:
            self.marks.setdefault(problem.file, []).append(problem)

    def drop_problems(self, dropped: Callable[[Problem], bool]) -> None:
        self.problems = [p for p in self.problems if not dropped(p)]
        for fname in list(self.marks):
            self.marks[fname] = [p for p in self.marks[fname] if not dropped(p)]
            if not self.marks[fname]:
                del self.marks[fname]

    @property
    def clean_changes(self) -> int:
        return sum(1 for r in self.returns for c in r.changes if c.kind == "clean")

    @property
    def undecided_changes(self) -> int:
        return sum(1 for r in self.returns for c in r.changes if c.kind != "clean")


@dataclass
class UnmatchedReturn:
    """A return without the hidden sheet whose code and name cells name no municipality for sure
    (blank, unknown, or pointing at two different ones). The GUI asks which municipality it is;
    the CLI takes ``--assign FILE=CODE``."""

    file: str
    form_code: str  # as typed in the form ('' when blank)
    form_name: str
    reason: str
    candidates: list[tuple[str, str, str]] = field(default_factory=list)  # (id, code, name), likeliest first


@dataclass
class ReadReturn:
    file: str
    municipality_id: str | None  # None: unmatched
    answers: dict[str, tuple[Any, Any]]  # key → (value, RawCell)
    base: dict[str, Any] | None  # what the form was made from (None: no hidden sheet)
    matched_by: str

