"""Reading an Excel sheet into an import plan (``plan_import``): the preview, nothing written.

The use case behind ファイル > Excelから取り込む… and ``sasaeai import KIND FILE``::

    plan = plan_import(uow, "people", "名簿.xlsx")        # reads, matches, writes nothing
    print(plan.counts, *map(str, plan.problems))          # 新規/更新/変更なし per row, every problem
    if plan.ok:
        apply_import(uow, plan)                           # applying.py: one transaction; abort → rollback

What a kind of sheet means (columns, matching, writing) is in its module (registry.py lists
them); this module does the reading every kind shares:

- the book and sheet (``io.excel.reader``: python-calamine, clear messages for a CSV renamed, a
  PDF, an empty or password-protected file, a missing sheet), the header row found among title
  rows, merged cells and blank rows (header_check.py), a mapping the user fixed by hand
  remembered per layout (mappings.py);
- every data row: blank rows skipped, notes (※…, 注…) and 合計 rows left out, each cell parsed
  by its column's parser, problems collected as ``sheet!row:column — message``;
- matching (the kind) and the comparison with stored records: unchanged rows are skipped.

Memory: rows are streamed from calamine; the plan keeps one small record per data row (its
parsed values) so the preview can show every row and the apply needs no second read.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sasaeai_desktop import cancellation
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.io.excel.errors import ExcelReadError
from sasaeai_desktop.io.excel.formula_cells import excel_error
from sasaeai_desktop.io.excel.header_row import HEADER_SCAN_ROWS
from sasaeai_desktop.io.excel.header_row import apply_mapping
from sasaeai_desktop.io.excel.header_row import find_header
from sasaeai_desktop.io.excel.header_row import is_note_row
from sasaeai_desktop.io.excel.reader import EXCEL_MAX_CHARS
from sasaeai_desktop.io.excel.reader import Workbook
from sasaeai_desktop.io.excel.reader import fill_merged_down
from sasaeai_desktop.io.excel.values import ValueProblem
from sasaeai_desktop.services.imports.header_check import header_problems
from sasaeai_desktop.services.imports.header_check import plan_columns
from sasaeai_desktop.services.imports.import_plan import IMPORT_CANCELLED
from sasaeai_desktop.services.imports.import_plan import ImportPlan
from sasaeai_desktop.services.imports.import_plan import file_stamp
from sasaeai_desktop.services.imports.import_plan import records_stamp
from sasaeai_desktop.services.imports.kind_base import ImportKind
from sasaeai_desktop.services.imports.mappings import load_mappings
from sasaeai_desktop.services.imports.mappings import store_mapping
from sasaeai_desktop.services.imports.plan_rows import ASK
from sasaeai_desktop.services.imports.plan_rows import ERROR
from sasaeai_desktop.services.imports.plan_rows import PlannedRow
from sasaeai_desktop.services.imports.plan_rows import Problem
from sasaeai_desktop.services.imports.registry import kind_class
from sasaeai_desktop.services.imports.values import ValueAnswers
from sasaeai_desktop.services.imports.values import attach_cells
from sasaeai_desktop.services.imports.values import check_answers
from sasaeai_desktop.services.imports.values import load_answers

CHECK_EVERY = 1000
_TOTAL_WORDS = frozenset(("合計", "計", "総計", "小計", "県計", "全体", "総数"))


_MISSING = object()
_BLANK = object()  # an empty cell (or spaces only)
_CACHE_VALUES = 2048  # distinct texts remembered per column


class _Bad:
    """A cell that could not be read (kept in the per-column cache like a parsed value)."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


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
        remembered = load_mappings(session, kind)
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
            with paused_gc():
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
            store_mapping(session, kind, plan.header, plan.overrides)
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
    plan.columns = plan_columns(kind_cls, header)
    plan.problems.extend(header_problems(kind_cls, sheet, header))

    kind = kind_cls(session, set(header.mapping.values()))
    kind.sheet = sheet
    kind.where = {k: (header.label(j), j) for j, k in header.mapping.items()}
    kind.values = answers
    check_answers(kind)
    plan._kind = kind
    plan._answers = answers
    plan._stamp = records_stamp(session, kind)
    plan._file_stamp = file_stamp(wb.path)
    if plan.problems:  # no usable mapping: the rows would only repeat the same complaint
        return plan

    bad_cells = wb.problem_cells(sheet)
    # Per column: its parser, and a cache of the texts already parsed — 役割, 市町村, 所属 repeat
    # thousands of times in a list; a unique column (氏名, メール) stops caching at _CACHE_VALUES.
    compiled: list[tuple[str, int, Callable[[Any], Any], bool, str, dict[Any, Any]]] = [
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


@contextmanager
def paused_gc() -> Iterator[None]:
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
