"""What an import would do (``ImportPlan``, made by ``planning.plan_import``) and what it did
(``ImportResult``, from ``applying.apply_import``).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from sasaeai_desktop.io.excel.header_row import Header
from sasaeai_desktop.services.imports.kind_base import ImportKind
from sasaeai_desktop.services.imports.plan_rows import ASK
from sasaeai_desktop.services.imports.plan_rows import CREATE
from sasaeai_desktop.services.imports.plan_rows import ERROR
from sasaeai_desktop.services.imports.plan_rows import SKIP
from sasaeai_desktop.services.imports.plan_rows import UPDATE
from sasaeai_desktop.services.imports.plan_rows import PlannedRow
from sasaeai_desktop.services.imports.plan_rows import Problem
from sasaeai_desktop.services.imports.values import ValueAnswers
from sasaeai_desktop.services.imports.values import ValueQuestion

IMPORT_CANCELLED = "取り込みをキャンセルしました。データベースは変更していません。"


@dataclass(frozen=True)
class ColumnInfo:
    """One column of the sheet as the preview shows it."""

    index: int  # 0-based
    letter: str  # 'C'
    header: str  # as written in the sheet ('' when blank)
    key: str | None  # the field it fills, None when not imported
    field: str  # the field's canonical header ('電話'), '' when not imported
    ignored: bool = False  # a row-number column (No., 番号): recognised and left alone


@dataclass(frozen=True)
class ImportResult:
    kind: str
    created: int
    updated: int
    skipped: int
    seconds: float = 0.0

    def summary(self) -> str:
        return f"新規 {self.created:,}件、更新 {self.updated:,}件、変更なし {self.skipped:,}件を取り込みました。"


@dataclass
class ImportPlan:
    """What an import would do, row by row; nothing has been written."""

    kind: str
    title: str  # '関係者'
    path: Path
    sheet: str
    sheets: list[str]  # every worksheet of the book (for a sheet chooser)
    header: Header | None
    columns: list[ColumnInfo]
    rows: list[PlannedRow]
    problems: list[Problem]  # file/header problems first, then the rows' in row order
    notes: list[str] = field(default_factory=list)  # information (notes rows left out, 合計 rows …)
    overrides: dict[int, str | None] = field(default_factory=dict)  # the mapping fixed by hand
    # 「この値は？」: controlled values the vocabularies do not know, and the ones answered now
    value_questions: list[ValueQuestion] = field(default_factory=list)
    seconds: float = 0.0
    _kind: ImportKind | None = field(default=None, repr=False)
    _stamp: tuple[Any, ...] = field(default=(), repr=False)
    _file_stamp: tuple[int, int] = field(default=(0, 0), repr=False)
    _answers: ValueAnswers | None = field(default=None, repr=False)

    @property
    def header_row(self) -> int | None:
        """The 1-based row of the header (the lower one of a two-row header)."""
        return self.header.row + 1 if self.header is not None else None

    @property
    def fingerprint(self) -> str:
        return self.header.fingerprint if self.header is not None else ""

    @property
    def counts(self) -> dict[str, int]:
        out = {CREATE: 0, UPDATE: 0, SKIP: 0, ASK: 0, ERROR: 0}
        for r in self.rows:
            out[r.action] += 1
        return out

    @property
    def ok(self) -> bool:
        """True when the plan can be applied: no problem anywhere, nothing left to decide."""
        return not self.problems and self.header is not None

    @property
    def unknown_columns(self) -> list[ColumnInfo]:
        return [c for c in self.columns if c.key is None and c.header and not c.ignored]

    def summary(self) -> str:
        c = self.counts
        parts = [f"新規 {c[CREATE]:,}件", f"更新 {c[UPDATE]:,}件", f"変更なし {c[SKIP]:,}件"]
        if c[ASK]:
            parts.append(f"要確認 {c[ASK]:,}件")
        if c[ERROR]:
            parts.append(f"問題のある行 {c[ERROR]:,}件")
        return "、".join(parts)

    def lines(self, *, max_rows: int = 50) -> list[str]:
        """The preview as text (the CLI prints it; the GUI shows the same in its table)."""
        out = [f"ファイル: {self.path.name}　シート: {self.sheet}（{self.title}）"]
        if self.header is not None:
            mapped = [f"{c.header or c.letter}→{c.field}" if c.header != c.field else c.field
                      for c in self.columns if c.key]
            out.append(f"見出し: {self.header_row}行目　取り込む列: {'、'.join(mapped)}")
        if self.unknown_columns:
            out.append("取り込まない列: " + "、".join(f"{c.header}（{c.letter}列）" for c in self.unknown_columns))
        out.extend(self.notes)
        asked = [q for q in self.value_questions if q.answer is None]
        if asked:
            example = f"--map {asked[0].header}={asked[0].written}:{(asked[0].choices or ('',))[0]}"
            out.append(f"この値は？（例: {example}。取り込んだ答えは覚えて、次回からは聞きません）:")
            for q in asked[:50]:
                unclear = f"、{q.unclear}" if q.unclear else ""
                out.append(f"  {q.header}「{q.written}」（{len(q.cells):,}か所{unclear}）→ {'／'.join(q.choices)}"
                           f"{'／空欄' if q.optional else ''}")
            if len(asked) > 50:
                out.append(f"  …ほか{len(asked) - 50:,}件")
        out.append(self.summary())
        shown = 0
        for r in self.rows:
            if r.action in (UPDATE, ASK) and shown < max_rows:
                what = f"更新: {'、'.join(r.changes)}" if r.action == UPDATE else "要確認"
                out.append(f"  {r.row}行目 {r.label} — {what}")
                shown += 1
        rest = sum(1 for r in self.rows if r.action in (UPDATE, ASK)) - shown
        if rest > 0:
            out.append(f"  …ほか{rest:,}行")
        if self.problems:
            out.append(f"問題 {len(self.problems):,}件（すべて直すまで何も書き込みません）:")
            out.extend(f"  {p}" for p in self.problems)
        return out

    def decide(self, row: int, choice: str | None) -> None:
        """Answer an ASK row (1-based sheet row): a candidate id to update it, None to create."""
        target = next((r for r in self.rows if r.row == row), None)
        if target is None or target.action not in (ASK, CREATE, UPDATE, SKIP) or not target.candidates:
            raise ValueError(f"row {row} has nothing to decide")
        assert self._kind is not None
        asked = target.extra.pop("ask_problem", None)
        target.problems = [p for p in target.problems if p is not asked]
        self._kind.decide(target, choice)
        # Two rows must not update the same record.
        if target.target_id:
            other = next((r for r in self.rows if r is not target and r.target_id == target.target_id
                          and r.action in (UPDATE, SKIP)), None)
            if other is not None:
                target.action = ASK
                clash = Problem(self.sheet, target.row, _label_of(self, target),
                                f"{other.row}行目も同じ記録を更新します。どちらかを新規にするか、行をまとめてください")
                target.problems.append(clash)
                target.extra["ask_problem"] = clash
        target.extra["decided"] = choice or "new"
        self._refresh_problems()

    def _refresh_problems(self) -> None:
        file_level = [p for p in self.problems if p.row is None]
        self.problems = file_level + [p for r in self.rows for p in r.problems]


def _label_of(plan: ImportPlan, r: PlannedRow) -> str:
    if plan._kind is not None:
        return plan._kind.where.get("name", (plan._kind.spec.columns[0].header, 0))[0]
    return ""


def records_stamp(session: Any, kind: ImportKind) -> tuple[Any, ...]:
    out: list[Any] = []
    for model in kind.tables:
        out.extend(session.execute(select(func.count(model.id), func.max(model.updated_at))).one())
    return tuple(out)


def file_stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns
