"""Reading sheets people made: open the book, hand the data rows over. The book is checked first
(file_check.py), the cells only the XML knows are found by formula_cells.py, and the header row by
header_row.py.

Speed and memory: values come from python-calamine (Rust; a 50,000 × 12 sheet in about a second,
where openpyxl's read-only mode takes ten). Rows are streamed to the caller one at a time, so the
only copy of the whole sheet is calamine's own compact one. openpyxl is not used for reading at
all; the one thing calamine cannot tell — a formula whose result was never saved (a file written
by a program, not by Excel), and error values such as #REF! — is found by scanning the sheet's
XML, and only when the XML contains a formula or an error at all (a byte search otherwise).

What is tolerated above the header: title rows, a date line, merged cells, blank rows; the header
is the row among the first ``HEADER_SCAN_ROWS`` that names the most known columns
(``header_row.find_header``), optionally a second header row under it (連絡先 → 電話 | メール).
Below it: blank rows are skipped and notes (a row whose only cell starts with ※ or 注, and the
lines continuing it) are ignored.

Errors a user can act on are raised as ``ExcelReadError`` with a Japanese message (no openpyxl,
no database here: the services turn it into their ``UserError``).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence
from concurrent.futures import Future
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from .errors import ExcelReadError
from .file_check import check_file
from .formula_cells import scan_formula_cells
from .spec import header_key
from .text import column_letter

EXCEL_MAX_CHARS = 32767  # Excel's limit per cell; python-calamine returns at most this many


def cell_name(row: int, col: int) -> str:
    """0-based (row, col) → 'B12'."""
    return f"{column_letter(col)}{row + 1}"


# Threads are started on the first scan and reused.
_SCANNER = ThreadPoolExecutor(max_workers=2, thread_name_prefix="xlsx-formula-scan")


class Workbook:
    """A checked .xlsx opened with python-calamine. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = check_file(path)
        import python_calamine

        try:
            self._wb = python_calamine.CalamineWorkbook.from_path(str(self.path))
        except python_calamine.PasswordError:
            raise ExcelReadError(f"「{self.path.name}」はパスワードで保護されています。パスワードを解除して保存し直してください。") from None
        except (python_calamine.CalamineError, ValueError, OSError) as exc:
            raise ExcelReadError(
                f"「{self.path.name}」をExcelファイルとして読み込めませんでした（{exc}）。Excelで開けるか確かめてください。"
            ) from None
        self._sheets: dict[str, Any] = {}
        self._scans: dict[str, Future[dict[tuple[int, int], str]]] = {}
        meta = {m.name: m for m in self._wb.sheets_metadata}
        self.sheet_names: list[str] = list(self._wb.sheet_names)
        visible = python_calamine.SheetVisibleEnum.Visible
        worksheet = python_calamine.SheetTypeEnum.WorkSheet
        self.hidden_sheets: set[str] = {n for n, m in meta.items() if m.visible != visible}
        # Chart sheets and macro sheets hold no table.
        self.worksheets: list[str] = [n for n in self.sheet_names if n not in meta or meta[n].typ == worksheet]

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._sheets = {}
        for scan in self._scans.values():
            scan.cancel()
        self._scans = {}
        try:
            self._wb.close()
        except Exception:  # already closed
            pass

    def visible_sheets(self) -> list[str]:
        return [n for n in self.worksheets if n not in self.hidden_sheets]

    def resolve_sheet(self, name: str | None) -> str:
        """The sheet called ``name`` (spaces and full/half width forgiven), or the first visible one."""
        if name is None or name == "":
            visible = self.visible_sheets() or self.worksheets
            if not visible:
                raise ExcelReadError(f"「{self.path.name}」にはワークシートがありません。")
            return visible[0]
        if name in self.sheet_names:
            return name
        wanted = header_key(name)
        matches = [n for n in self.sheet_names if header_key(n) == wanted]
        if len(matches) == 1:
            return matches[0]
        listed = "、".join(f"「{n}」" for n in self.sheet_names)
        raise ExcelReadError(f"シート「{name}」が「{self.path.name}」にありません。シートは {listed} です。")

    def _sheet(self, sheet: str) -> Any:
        import python_calamine

        cached = self._sheets.get(sheet)
        if cached is not None:
            return cached
        try:
            sh = self._wb.get_sheet_by_name(sheet)
        except python_calamine.WorksheetNotFound:
            raise ExcelReadError(f"シート「{sheet}」がありません。シートは {'、'.join(self.sheet_names)} です。") from None
        except (python_calamine.CalamineError, ValueError) as exc:
            raise ExcelReadError(f"シート「{sheet}」を読み込めませんでした（{exc}）。") from None
        self._sheets = {sheet: sh}  # keep one sheet's values at a time
        return sh

    def row_count(self, sheet: str) -> int:
        """Rows up to the last one with a value (0 for an empty sheet)."""
        end = self._sheet(sheet).end
        return end[0] + 1 if end is not None else 0

    def rows(self, sheet: str) -> Iterator[tuple[int, list[Any]]]:
        """(0-based row index, cells from column A) for every row up to the last one with a value.

        Cells are calamine's values: str ('' when empty), float, int, bool, date, datetime, time,
        timedelta. Rows may differ in length only when the sheet is empty.
        """
        sh = self._sheet(sheet)
        start = sh.start
        if start is None:
            return
        end = sh.end or start
        it = iter(sh.iter_rows())
        first = next(it, None)
        if first is None:
            return
        # python-calamine yields rows from row 0 (absolute) and cells from the first used column;
        # older versions started at the first used row. Tell which from the first row.
        row0 = 0
        if start[0] > 0 and any(v != "" for v in first):
            row0 = start[0]
        col0 = 0
        width_rel = end[1] - start[1] + 1
        if start[1] > 0 and len(first) == width_rel:
            col0 = start[1]
        pad = [""] * col0
        r = row0
        yield r, (pad + first) if col0 else first
        for row in it:
            r += 1
            yield r, (pad + row) if col0 else row

    def merged_ranges(self, sheet: str) -> list[tuple[int, int, int, int]]:
        """The merged areas of ``sheet`` as (first row, first column, last row, last column), 0-based."""
        ranges = getattr(self._sheet(sheet), "merged_cell_ranges", None) or []
        return [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges]

    def start_problem_scan(self, sheet: str) -> None:
        """Begin ``problem_cells(sheet)`` in the background. The scan decompresses the sheet's XML
        a second time (0.2 s for 50,000 rows); started before the sheet is loaded, it runs beside
        calamine, which releases the GIL while it parses (as zlib does while it inflates)."""
        if sheet not in self._scans:
            self._scans[sheet] = _SCANNER.submit(scan_formula_cells, self.path, sheet)

    def problem_cells(self, sheet: str) -> dict[tuple[int, int], str]:
        """``scan_formula_cells`` of ``sheet`` (waiting for the scan ``start_problem_scan`` began)."""
        scan = self._scans.pop(sheet, None)
        return scan.result() if scan is not None else scan_formula_cells(self.path, sheet)

    def full_texts(self, sheet: str, cells: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
        """The whole text of cells calamine cut at Excel's limit (EXCEL_MAX_CHARS): a file
        written by a program can hold more. Read with openpyxl's read-only mode, only up to the
        last such row; used only when a cell is exactly at the limit (practically never)."""
        if not cells:
            return {}
        from openpyxl import load_workbook

        last = max(r for r, _ in cells)
        out: dict[tuple[int, int], str] = {}
        wb = load_workbook(self.path, read_only=True, data_only=True)
        try:
            last_col = max(c for _, c in cells)  # not the declared dimension's width, which can be anything
            for r, row in enumerate(wb[sheet].iter_rows(max_row=last + 1, max_col=last_col + 1, values_only=True)):
                for (rr, c) in cells:
                    if rr == r and c < len(row) and isinstance(row[c], str):
                        out[(r, c)] = row[c]
        finally:
            wb.close()
        return out


def fill_merged_down(
    rows: Iterable[tuple[int, list[Any]]], ranges: Sequence[tuple[int, int, int, int]]
) -> Iterator[tuple[int, list[Any]]]:
    """``rows`` with the value of each area merged over several rows repeated down its first column.

    People merge a cell over the rows it applies to (one 所属 for two advisors, one 市町村 for its
    staff); the file stores the value in the area's first cell only. A row that is blank apart
    from such an area stays blank (a merge running into a spacer row adds no record).
    """
    starts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r0, c0, r1, _c1 in ranges:
        if r1 > r0:  # merged across columns only: the value belongs to its first column alone
            starts[r0].append((c0, r1))
    carry: dict[int, tuple[Any, int]] = {}  # column → (value, last row of its area)
    for r, cells in rows:
        if carry:
            carry = {c: vl for c, vl in carry.items() if vl[1] >= r}
        if carry and any(v != "" for v in cells):
            for c, (value, _last) in carry.items():
                if c >= len(cells):
                    cells = cells + [""] * (c + 1 - len(cells))
                if cells[c] == "":
                    cells[c] = value
        for c0, r1 in starts.get(r, ()):
            value = cells[c0] if c0 < len(cells) else ""
            if value != "":
                carry[c0] = (value, r1)
        yield r, cells


def open_workbook(path: str | os.PathLike[str]) -> Workbook:
    return Workbook(path)


# --- the header --------------------------------------------------------------------------------
