"""Importing Excel sheets: preview first (``plan_import``), then write all or nothing (``apply_import``).

The use case behind ファイル > Excelから取り込む… and ``sasaeai import KIND FILE``::

    plan = plan_import(uow, "people", "名簿.xlsx")        # reads, matches, writes nothing
    print(plan.counts, *map(str, plan.problems))          # 新規/更新/変更なし per row, every problem
    if plan.ok:
        apply_import(uow, plan)                           # one transaction; abort → rollback

What a kind of sheet means (columns, matching, writing) is in ``services/imports/kinds.py``; this
module is the engine every kind shares:

- the book and sheet (``io.excel.reader``: python-calamine, clear messages for a CSV renamed, a
  PDF, an empty or password-protected file, a missing sheet), the header row found among title
  rows, merged cells and blank rows, a mapping the user fixed by hand remembered per layout
  (``LocalSetting`` 'excel_mapping:<kind>:<fingerprint>');
- every data row: blank rows skipped, notes (※…, 注…) and 合計 rows left out, each cell parsed
  by its column's parser, problems collected as ``sheet!row:column — message``;
- matching (the kind) and the comparison with stored records: unchanged rows are skipped;
- ``apply_import``: refuses a plan with problems (nothing is written), refuses when the records
  changed since the preview, then writes in bulk (``session.execute(insert(Model), rows)``) in
  one transaction, checking ``abort`` between chunks; ``Cancelled`` rolls everything back.
- ``write_errors_copy``: a copy of the book with each bad cell filled and commented, plus a sheet
  listing every problem (``--errors-out``).

Memory: rows are streamed from calamine; the plan keeps one small record per data row (its
parsed values) so the preview can show every row and the apply needs no second read.
"""

from __future__ import annotations

import gc
import json
import os
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from sqlalchemy import func, select

from sasaeai_desktop import cancellation
from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.io.excel.reader import (
    EXCEL_MAX_CHARS,
    HEADER_SCAN_ROWS,
    ExcelReadError,
    Header,
    Workbook,
    apply_mapping,
    column_letter,
    excel_error,
    fill_merged_down,
    find_header,
    is_note_row,
)
from sasaeai_desktop.io.excel.sheets import IGNORED_HEADERS
from sasaeai_desktop.io.excel.spec import header_key
from sasaeai_desktop.io.excel.values import ValueProblem
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.services.imports.values import (
    ValueAnswers,
    ValueQuestion,
    attach_cells,
    check_answers,
    load_answers,
    store_answers,
)
from sasaeai_desktop.services.imports.kinds import (
    ACTION_LABELS,
    ASK,
    CREATE,
    ERROR,
    KINDS,
    SKIP,
    UPDATE,
    Candidate,
    ImportKind,
    PlannedRow,
    Problem,
)
from sasaeai_desktop.services.imports import activities as activity_imports  # noqa: F401  registers visits and consultations in KINDS

__all__ = [
    "ACTION_LABELS",
    "ASK",
    "CREATE",
    "ERROR",
    "SKIP",
    "UPDATE",
    "Candidate",
    "ColumnInfo",
    "ValueQuestion",
    "ImportPlan",
    "ImportResult",
    "PlannedRow",
    "Problem",
    "apply_import",
    "field_choices",
    "forget_mappings",
    "import_kinds",
    "plan_import",
    "remembered_mappings",
    "write_errors_copy",
]

MAPPING_PREFIX = "excel_mapping:"
CHECK_EVERY = 1000
_TOTAL_WORDS = frozenset(("合計", "計", "総計", "小計", "県計", "全体", "総数"))
_IGNORED = frozenset(header_key(h) for h in IGNORED_HEADERS)


_MISSING = object()
_BLANK = object()  # an empty cell (or spaces only)
_CACHE_VALUES = 2048  # distinct texts remembered per column


class _Bad:
    """A cell that could not be read (kept in the per-column cache like a parsed value)."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


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


def import_kinds() -> list[tuple[str, str]]:
    """(kind, title) of every kind of sheet that can be imported."""
    return [(k, cls.title) for k, cls in KINDS.items()]


def field_choices(kind: str) -> list[tuple[str, str]]:
    """(key, header) of every column a sheet of ``kind`` can carry, for the mapping combo boxes."""
    return [(c.key, c.header) for c in kind_class(kind).spec.columns]


def kind_class(kind: str) -> type[ImportKind]:
    try:
        return KINDS[kind]
    except KeyError:
        raise UserError(f"取り込める種類は {', '.join(KINDS)} です（指定: {kind}）。") from None


# --- remembered mappings -----------------------------------------------------------------------


def _mapping_key(kind: str, fingerprint: str) -> str:
    return f"{MAPPING_PREFIX}{kind}:{fingerprint}"


def _load_mappings(session: Any, kind: str) -> dict[str, dict[int, str | None]]:
    prefix = f"{MAPPING_PREFIX}{kind}:"
    out: dict[str, dict[int, str | None]] = {}
    rows = session.execute(select(m.LocalSetting.key, m.LocalSetting.value).where(m.LocalSetting.key.startswith(prefix)))
    for key, value in rows:
        try:
            data = json.loads(value)
            out[key[len(prefix):]] = {int(c): (k or None) for c, k in data.get("columns", {}).items()}
        except (ValueError, AttributeError, TypeError):
            continue  # a damaged setting is ignored, never fatal
    return out


def _store_mapping(session: Any, kind: str, header: Header, overrides: Mapping[int, str | None]) -> None:
    key = _mapping_key(kind, header.fingerprint)
    value = json.dumps(
        {"columns": {str(c): k or "" for c, k in sorted(overrides.items())},
         "headers": header.texts, "saved": time.strftime("%Y-%m-%d %H:%M:%S")},
        ensure_ascii=False,
    )
    row = session.get(m.LocalSetting, key)
    if row is None:
        session.add(m.LocalSetting(key=key, value=value))
    else:
        row.value = value


def remembered_mappings(uow: UnitOfWork, kind: str) -> dict[str, dict[int, str | None]]:
    """fingerprint → {column: key or None} of the layouts mapped by hand for ``kind``."""
    kind_class(kind)
    with uow:
        return _load_mappings(uow.session, kind)


def forget_mappings(uow: UnitOfWork, kind: str | None = None) -> int:
    """Drop remembered mappings (of one kind, or all); returns how many."""
    prefix = MAPPING_PREFIX + (f"{kind}:" if kind else "")
    with uow:
        rows = uow.session.scalars(select(m.LocalSetting).where(m.LocalSetting.key.startswith(prefix))).all()
        for row in rows:
            uow.session.delete(row)
        uow.commit()
        return len(rows)


# --- planning ----------------------------------------------------------------------------------


def _stamp(session: Any, kind: ImportKind) -> tuple[Any, ...]:
    out: list[Any] = []
    for model in kind.tables:
        out.extend(session.execute(select(func.count(model.id), func.max(model.updated_at))).one())
    return tuple(out)


def _file_stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def _columns(kind_cls: type[ImportKind], header: Header) -> list[ColumnInfo]:
    out = []
    spec = kind_cls.spec
    for j, text in enumerate(header.texts):
        key = header.mapping.get(j)
        if not text and key is None:
            continue
        out.append(ColumnInfo(j, column_letter(j), text, key, spec.column(key).header if key else "",
                              ignored=key is None and header_key(text) in _IGNORED))
    for j, key in header.mapping.items():  # a column mapped by hand beyond the header's last text
        if j >= len(header.texts):
            out.append(ColumnInfo(j, column_letter(j), "", key, spec.column(key).header))
    return sorted(out, key=lambda c: c.index)


def _another_kind_of_list(kind_cls: type[ImportKind], sheet: str, header: Header) -> list[Problem]:
    """For a kind that only updates rows (``needs_value_columns``): a sheet whose only columns this
    kind reads are the ones that name a row (コード, 市町村, ID) while it has columns of its own is
    another list — the region sheet or the 取組状況 table given to the municipalities import
    matched on 市町村 alone. Nothing would be imported from it; say so instead of 「変更なし」."""
    if not kind_cls.needs_value_columns:
        return []
    naming = {k for group in kind_cls.required_columns for k in group} | {"id"}
    mapped = set(header.mapping.values())
    if not mapped or not mapped <= naming:
        return []
    others = [t for j, t in enumerate(header.texts)
              if t and j not in header.mapping and header_key(t) not in _IGNORED]
    if not others:
        return []  # a bare list of names or codes is a list of this kind
    shown = "、".join(f"「{t}」" for t in others[:5]) + (" ほか" if len(others) > 5 else "")
    return [Problem(sheet, None, "", f"このシートは{kind_cls.title}の一覧ではないようです（見出し{header.row + 1}行目の"
                    f"{shown}は{kind_cls.title}の列ではなく、取り込める列がありません）。種類に合った取り込みを選んでください")]


def _header_problems(kind_cls: type[ImportKind], sheet: str, header: Header) -> list[Problem]:
    problems = []
    spec = kind_cls.spec
    present = set(header.mapping.values())
    for group in kind_cls.required_columns:
        if not present.intersection(group):
            names = "」か「".join(spec.column(k).header for k in group)
            problems.append(Problem(sheet, None, "", f"必要な列「{names}」が見出し行（{header.row + 1}行目）にありません"))
    problems += _another_kind_of_list(kind_cls, sheet, header)
    for key, cols in header.duplicates.items():
        texts = "、".join(f"「{header.label(j)}」（{column_letter(j)}列）" for j in cols)
        problems.append(Problem(
            sheet, None, "", f"見出し {texts} がどれも「{spec.column(key).header}」を表しています。"
            "どれか1つだけを取り込むよう列の対応を直すか、見出しを変えてください",
        ))
    return problems


def plan_import(
    uow: UnitOfWork,
    kind: str,
    path: str | os.PathLike[str],
    *,
    sheet: str | None = None,
    mapping: Mapping[int, str | None] | None = None,
    header_row: int | None = None,
    values: Mapping[str, Mapping[str, str | None]] | None = None,
    progress: Progress | None = None,
    abort: Any = None,
) -> ImportPlan:
    """Read ``path`` and work out what importing it as ``kind`` would do; writes nothing
    (except remembering ``mapping`` — {0-based column: key or None} fixed by hand — for this layout).

    ``values``: answers to 「この値は？」 — {column key: {value as written: stored value, or None to
    leave the cell empty}} (services/imports/values.py); remembered when the import is written.

    ``sheet``: a sheet name (default: the first visible sheet whose header is found).
    ``header_row``: force the 1-based header row. Raises ``UserError`` when the file cannot be
    read at all, ``Cancelled`` on abort; everything else is in the plan's ``problems``.
    """
    t0 = time.perf_counter()
    kind_cls = kind_class(kind)
    p = Path(path)
    if progress is not None:
        progress(-1.0, f"「{p.name}」を読み込んでいます…")
    try:
        wb = Workbook(p)
    except ExcelReadError as exc:
        raise UserError(str(exc)) from None
    try:
        plan = _plan_book(uow, wb, kind, kind_cls, sheet=sheet, mapping=mapping, header_row=header_row,
                          values=values, progress=progress, abort=abort)
    except ExcelReadError as exc:  # a book without sheets, a sheet calamine or the formula scan cannot read
        raise UserError(str(exc)) from None
    finally:
        wb.close()
    plan.seconds = time.perf_counter() - t0
    if progress is not None:
        progress(1.0, plan.summary())
    return plan


def _plan_book(
    uow: UnitOfWork,
    wb: Workbook,
    kind: str,
    kind_cls: type[ImportKind],
    *,
    sheet: str | None,
    mapping: Mapping[int, str | None] | None,
    header_row: int | None,
    values: Mapping[str, Mapping[str, str | None]] | None,
    progress: Progress | None,
    abort: Any,
) -> ImportPlan:
    """``plan_import``'s work on an open book (ExcelReadError from the book is left to it)."""
    with uow:
        session = uow.session
        remembered = _load_mappings(session, kind)
        answers = load_answers(session)
        if sheet:
            try:
                names = [wb.resolve_sheet(sheet)]
            except ExcelReadError as exc:
                raise UserError(str(exc)) from None
        else:
            first = wb.resolve_sheet(None)
            names = [first] + [n for n in wb.visible_sheets() if n != first]
        plan = first_plan = None
        for name in names:
            with _paused_gc():
                plan = _plan_sheet(
                    session, wb, kind_cls, name, remembered=remembered, mapping=mapping,
                    header_row=header_row, answers=ValueAnswers(answers, values), progress=progress, abort=abort,
                )
            first_plan = first_plan or plan
            if plan.header is not None:
                break
        assert plan is not None and first_plan is not None
        if plan.header is None and len(names) > 1:
            plan = first_plan  # nothing recognisable anywhere: report on the first sheet
            plan.problems.append(Problem(names[0], None, "", f"ほかのシート（{'、'.join(names[1:])}）にも見出し行が見つかりません"))
        plan.sheets = list(wb.worksheets)
        if mapping and plan.header is not None:
            _store_mapping(session, kind, plan.header, plan.overrides)
            uow.commit()
    return plan


def _plan_sheet(
    session: Any,
    wb: Workbook,
    kind_cls: type[ImportKind],
    sheet: str,
    *,
    remembered: dict[str, dict[int, str | None]],
    mapping: Mapping[int, str | None] | None,
    header_row: int | None,
    answers: ValueAnswers,
    progress: Progress | None,
    abort: Any,
) -> ImportPlan:
    wb.start_problem_scan(sheet)
    try:
        total = wb.row_count(sheet)
        rows_iter = wb.rows(sheet)
    except ExcelReadError as exc:
        raise UserError(str(exc)) from None
    head: list[tuple[int, list[Any]]] = []  # the first non-blank rows, where the header must be
    for r, cells in rows_iter:
        if any(v != "" for v in cells):
            head.append((r, cells))
            if len(head) >= HEADER_SCAN_ROWS and (header_row is None or r >= header_row - 1):
                break
    header = find_header(kind_cls.spec, head, remembered=remembered,
                         at_row=header_row - 1 if header_row else None)
    plan = ImportPlan(kind_cls.kind, kind_cls.title, wb.path, sheet, list(wb.worksheets), header, [], [], [])
    if header is None:
        if header_row:
            msg = f"{header_row}行目は空です。見出しのある行を指定してください"
        else:
            wanted = "、".join(f"「{c.header}」" for c in kind_cls.spec.columns[:6])
            msg = (f"見出し行が見つかりません（先頭{HEADER_SCAN_ROWS}行に{wanted}などの見出しがありません）。"
                   "見出し行を指定するか、列の対応を手で設定してください")
        plan.problems.append(Problem(sheet, None, "", msg))
        return plan
    if mapping:
        overrides = {int(j): (k or None) for j, k in mapping.items()}
        for k in overrides.values():
            if k is not None and k not in kind_cls.spec.keys:
                raise UserError(f"列の対応に不明な項目「{k}」があります（{', '.join(kind_cls.spec.keys)}）。")
        current = dict(header.mapping)
        for j, k in overrides.items():
            current.pop(j, None)
            if k:
                current[j] = k
        apply_mapping(header, current)
        plan.overrides = overrides
    plan.columns = _columns(kind_cls, header)
    plan.problems.extend(_header_problems(kind_cls, sheet, header))

    kind = kind_cls(session, set(header.mapping.values()))
    kind.sheet = sheet
    kind.where = {k: (header.label(j), j) for j, k in header.mapping.items()}
    kind.values = answers
    check_answers(kind)
    plan._kind = kind
    plan._answers = answers
    plan._stamp = _stamp(session, kind)
    plan._file_stamp = _file_stamp(wb.path)
    if plan.problems:  # no usable mapping: the rows would only repeat the same complaint
        return plan

    bad_cells = wb.problem_cells(sheet)
    # Per column: its parser, and a cache of the texts already parsed — 役割, 市町村, 所属 repeat
    # thousands of times in a list; a unique column (氏名, メール) stops caching at _CACHE_VALUES.
    compiled = [
        (key, j, kind.parser(key), key in kind.rules and kind.rules[key].required, header.label(j), {})
        for j, key in sorted(header.mapping.items())
    ]
    label_col = next((j for j, k in header.mapping.items() if k in ("name", "code")), min(header.mapping))
    planned: list[PlannedRow] = []
    append = planned.append
    long_cells: list[tuple[int, str, int, Callable[[Any], Any], str]] = []
    notes = totals = blanks = 0
    note_col: int | None = None
    sheet_name = sheet
    checked = 0
    fraction_scale = 0.85 / max(total, 1)

    def data_rows() -> Iterator[tuple[int, list[Any]]]:
        for r, cells in head:
            if r > header_row0:
                yield r, cells
        yield from rows_iter  # continues after the last row the header scan read

    header_row0 = header.row
    mapped_cols = sorted(header.mapping)
    # Cells merged down over several records (one 所属 for two advisors) count in every row.
    merged = [m for m in wb.merged_ranges(sheet) if m[2] > m[0] and m[0] > header_row0]
    for r, cells in fill_merged_down(data_rows(), merged) if merged else data_rows():
        checked += 1
        if checked >= CHECK_EVERY:
            checked = 0
            cancellation.check(abort, IMPORT_CANCELLED)
            if progress is not None:
                progress(r * fraction_scale, f"{r + 1:,}行目まで確認しました")
        n = len(cells)
        filled = 0  # mapped cells with a value, counted up to 2
        for j in mapped_cols:
            if j < n:
                v = cells[j]
                if v.__class__ is not str or (v and not v.isspace()):
                    filled += 1
                    if filled == 2:
                        break
        if not filled and not (bad_cells and any((r, j) in bad_cells for j in mapped_cols)):
            if any(v != "" for v in cells):  # only columns we do not read: a note, or nothing to import
                nc = is_note_row(cells)
                if nc is not None or (note_col is not None and _continues_note(cells, note_col)):
                    note_col = nc if nc is not None else note_col
                    notes += 1
                else:
                    blanks += 1
            continue
        if filled == 1:  # a note (※…) or the next line of one has a single cell
            nc = is_note_row(cells)
            if nc is not None or (note_col is not None and _continues_note(cells, note_col)):
                note_col = nc if nc is not None else note_col
                notes += 1
                continue
        if label_col < n:
            v = cells[label_col]
            # Every total word has 計, 全体 or 総数: the join runs only for such a label.
            if (v.__class__ is str and len(v) <= 8 and ("計" in v or "全体" in v or "総数" in v)
                    and "".join(v.split()) in _TOTAL_WORDS):
                totals += 1
                continue
        values: dict[str, Any] = {}
        row_problems: list[Problem] = []
        for key, j, parse, required, label, cache in compiled:
            v = cells[j] if j < n else ""
            if bad_cells and (r, j) in bad_cells:
                row_problems.append(Problem(sheet_name, r + 1, label, bad_cells[(r, j)], j))
                continue
            if v.__class__ is str:
                parsed = cache.get(v, _MISSING)
                if parsed.__class__ is str and parsed:  # the usual: a text read before
                    values[key] = parsed
                    continue
                if parsed is _MISSING:
                    if not v or v.isspace():
                        parsed = _BLANK
                    elif v[0] == "#" and excel_error(v):
                        parsed = _Bad(f"エラー値「{v.strip()}」が入っています")
                    else:
                        if len(v) == EXCEL_MAX_CHARS:  # calamine stops at Excel's limit: fetch the rest below
                            long_cells.append((len(planned), key, j, parse, label))
                        try:
                            parsed = parse(v)
                        except ValueProblem as exc:
                            parsed = _Bad(str(exc))
                    if len(cache) < _CACHE_VALUES and len(v) < EXCEL_MAX_CHARS:
                        cache[v] = parsed
                if parsed is _BLANK:
                    if required:
                        row_problems.append(Problem(sheet_name, r + 1, label, f"{label}が空欄です", j))
                    continue
            else:
                try:
                    parsed = parse(v)
                except ValueProblem as exc:
                    parsed = _Bad(str(exc))
            if parsed.__class__ is _Bad:
                row_problems.append(Problem(sheet_name, r + 1, label, parsed.message, j))
                continue
            if parsed == "":  # nothing readable (or 「取り込まない」 answered): a blank cell, never erasing
                if required:
                    row_problems.append(Problem(sheet_name, r + 1, label, f"{label}が空欄です", j))
                continue
            values[key] = parsed
        pr = PlannedRow(r + 1, ERROR, "", values, problems=row_problems)
        if not row_problems:
            kind.match(pr)
            if pr.problems and pr.action != ASK:
                pr.action = ERROR
        pr.label = kind.label(values) or _cell_label(cells, label_col)
        append(pr)

    if long_cells:
        _complete_long_cells(wb, sheet, planned, long_cells)
    if progress is not None:
        progress(0.88, "登録済みのデータと照合しています…")
    cancellation.check(abort, IMPORT_CANCELLED)
    kind.finish(planned)
    kind.release()
    plan.notes.extend(f"注意: {w}" for w in kind.warnings)
    for pr in planned:
        if pr.problems and pr.action not in (ASK, ERROR):
            pr.action = ERROR
    plan.rows = planned
    if not planned:
        plan.notes.append(f"見出し行（{header.row + 1}行目）の下にデータの行がありません（取り込むものはありません）")
    if notes:
        plan.notes.append(f"注記の行 {notes}行は取り込みません（※・注で始まる行）")
    if blanks:
        plan.notes.append(f"取り込む列が空の行 {blanks}行は読み飛ばします")
    if totals:
        plan.notes.append(f"合計の行 {totals}行は取り込みません")
    plan._refresh_problems()
    headers = {k: label for k, (label, _) in kind.where.items()}
    plan.notes.extend(answers.notes(headers))
    plan.value_questions = answers.questions(headers)
    attach_cells(plan.value_questions, plan.problems, {k: j for k, (_, j) in kind.where.items()})
    return plan


def _complete_long_cells(
    wb: Workbook, sheet: str, planned: list[PlannedRow], long_cells: list[tuple[int, str, int, Callable[[Any], Any], str]]
) -> None:
    """Parse again, with their whole text, the cells calamine cut at 32,767 characters."""
    texts = wb.full_texts(sheet, {(planned[i].row - 1, j) for i, _, j, _, _ in long_cells})
    for i, key, j, parse, label in long_cells:
        pr = planned[i]
        full = texts.get((pr.row - 1, j))
        if full is None:
            continue
        pr.problems = [p for p in pr.problems if p.col != j]
        try:
            pr.values[key] = parse(full)
        except ValueProblem as exc:
            pr.values.pop(key, None)
            pr.problems.append(Problem(sheet, pr.row, label, str(exc), j))
            pr.action = ERROR


def _continues_note(cells: list[Any], note_col: int) -> bool:
    """A line under a note (※1 … / its second line) has one text cell in the note's column."""
    filled = [j for j, v in enumerate(cells) if v != ""]
    return filled == [note_col] and isinstance(cells[note_col], str)


def _cell_label(cells: list[Any], col: int) -> str:
    if col < len(cells) and cells[col] != "":
        return str(cells[col])[:40]
    return ""


# --- applying ----------------------------------------------------------------------------------


def apply_import(
    uow: UnitOfWork,
    plan: ImportPlan,
    *,
    progress: Progress | None = None,
    abort: Any = None,
) -> ImportResult:
    """Write ``plan`` in one transaction: everything or (on any error or cancel) nothing."""
    t0 = time.perf_counter()
    if plan.header is None or plan._kind is None:
        raise UserError("見出し行が見つからないため取り込めません。")
    if plan.problems:
        listed = "\n".join(str(p) for p in plan.problems[:20])
        more = f"\n…ほか{len(plan.problems) - 20:,}件" if len(plan.problems) > 20 else ""
        raise UserError(f"問題が{len(plan.problems):,}件あるため、何も書き込みませんでした。\n{listed}{more}")
    try:
        if _file_stamp(plan.path) != plan._file_stamp:
            raise UserError(f"「{plan.path.name}」は確認の後で変更されました。もう一度読み込んでください。")
    except FileNotFoundError:
        raise UserError(f"「{plan.path.name}」が見つかりません（確認の後で移動または削除されました）。") from None
    kind = plan._kind
    todo = [r for r in plan.rows if r.action in (CREATE, UPDATE)]
    total = max(len(todo), 1)
    done = [0]

    def check(n: int) -> None:
        done[0] += n
        cancellation.check(abort, IMPORT_CANCELLED)
        if progress is not None:
            progress(min(done[0] / total, 1.0) * 0.95, f"{min(done[0], total):,}件を書き込みました")

    cancellation.check(abort, IMPORT_CANCELLED)
    if todo:
        from sasaeai_desktop.services import backups

        backups.before(uow, "import")  # 取り込み前: the state this import can be undone to
    with uow:
        session = uow.session
        kind.session = session
        if _stamp(session, kind) != plan._stamp:
            raise UserError("確認の後で登録内容が変更されました（ほかの画面や同期による変更）。もう一度読み込んで確認してください。")
        if plan.overrides:
            _store_mapping(session, plan.kind, plan.header, plan.overrides)
        if plan._answers is not None:
            store_answers(session, plan._answers.to_remember())
        with _paused_gc(), _large_page_cache(session, len(todo)):
            created, updated = kind.write(todo, check)
        cancellation.check(abort, IMPORT_CANCELLED)
        if progress is not None:
            progress(0.97, "保存しています…")
        uow.commit()
    skipped = sum(1 for r in plan.rows if r.action == SKIP)
    result = ImportResult(plan.kind, created, updated, skipped, time.perf_counter() - t0)
    if progress is not None:
        progress(1.0, result.summary())
    return result


@contextmanager
def _paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a sheet is planned or written: the rows make no cycles
    (reference counting frees them), and with 50,000 rows alive each collection walked them all —
    a fifth of the import's time. Switched back on afterwards, whatever happens."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _large_page_cache(session: Any, rows: int) -> Iterator[None]:
    """For a big import on SQLite, a page cache that holds the table's and its indexes' pages
    (the default 2 MB makes a 50,000-row insert spill pages to the WAL and read them back);
    the connection's own setting is put back afterwards."""
    conn = session.connection()
    if conn.dialect.name != "sqlite" or rows < 5000:
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql("PRAGMA cache_size = -32768")  # 32 MiB, only as far as it is used
    try:
        yield
    finally:
        try:
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")
        except Exception:  # never hide the error that got us here; a pooled connection is reset anyway
            pass


# --- the errors-out copy -----------------------------------------------------------------------


def write_errors_copy(plan: ImportPlan, out: str | os.PathLike[str]) -> int:
    """Save a copy of the book with every bad cell filled and commented, and a first sheet
    「取り込みの問題」 listing all problems. Returns the number of problems written."""
    from sasaeai_desktop.io.excel.annotate import annotate_copy

    target = Path(out)
    if target.suffix.lower() != ".xlsx":
        raise UserError(f"問題を書き込むファイル「{target}」の拡張子は .xlsx にしてください。")
    if target.resolve() == plan.path.resolve():
        raise UserError("問題を書き込むファイルには、取り込むファイルとは別の名前を指定してください。")
    if not target.parent.is_dir():
        raise UserError(f"出力先フォルダー「{target.parent}」がありません。")
    marks: dict[tuple[int, int], list[str]] = defaultdict(list)
    header_col = min(plan.header.mapping) if plan.header and plan.header.mapping else 0
    for p in plan.problems:
        if p.row is None:
            continue
        col = p.col
        if col is None and plan.header is not None:
            col = next((j for j, k in plan.header.mapping.items() if plan.header.label(j) == p.column), header_col)
        marks[(p.row - 1, col or 0)].append(p.message)
    listing = [str(p) for p in plan.problems]
    try:
        annotate_copy(plan.path, target, plan.sheet, marks, listing)
    except ExcelReadError as exc:
        raise UserError(str(exc)) from None
    except PermissionError:
        raise UserError(f"「{target}」に書き込めません。Excelで開いている場合は閉じてください。") from None
    except OSError as exc:
        raise UserError(f"「{target}」を保存できませんでした（{exc.strerror or exc}）。") from None
    return len(listing)
