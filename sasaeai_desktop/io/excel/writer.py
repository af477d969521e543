"""Writing one table to a real .xlsx, streaming (openpyxl write-only mode, memory stays flat).

Layout of the sheet::

    row 1      title (bold)                       ← title_lines[0]
    row 2..    further title lines (出力日 …)       ← title_lines[1:]
    (blank)
    header     bold, filled, bordered, wrapped    ← frozen below, repeated on every printed page
    data …     auto-filter over header + data

Speed: openpyxl's own per-cell work (type check, XML) is the floor; a styled cell adds the cost
of a ``Cell`` object. So styles are built once per column, one styled ``WriteOnlyCell`` per
column is reused for every row (``ws.append`` serialises a row before it returns), and cells
that need no style (plain text, floats without format) go in as bare values.
openpyxl's ``WriteOnlyWorksheet._values_to_row`` then still tries every prepared cell as a
value first, builds a ValueError message (with the cell's repr) to find out it is a cell, and
makes a fresh scratch cell after each styled one: with five styled columns that was ~30% of the
run. ``_fast_rows`` replaces it, for the data rows of our own sheet only, with the same loop
minus that detour; it is installed only when the private method has the signature it replaces
(openpyxl 3.1), otherwise the public path is used (same file, slower). A unit test checks the
two paths write identical sheets. See benchmarks/bench_export.py for the figures.

Safety: the workbook is written to a hidden temporary file in the target folder and moved over
the target with ``os.replace`` only when complete, so a failure or a cancel never leaves a half
file (and an existing file stays as it was). Text is cleaned of characters XML cannot hold, and
text starting with '=' or '#' is written as text, never as a formula or an error value.
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
import os
import re
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Literal, Sequence

from sasaeai_desktop.io.output_files import disk_full, refuse_database, save_workbook

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import ALL_TEMP_FILES

from .errors import Cancelled
from .spec import ColumnSpec, SheetSpec
from .text import display_width

__all__ = [
    "CHECK_EVERY",
    "DATE_FORMAT_SEIREKI",
    "DATE_FORMAT_WAREKI",
    "INT_FORMAT",
    "MAX_WIDTH",
    "Cancelled",
    "column_widths",
    "write_table",
]

DateStyle = Literal["seireki", "wareki"]
Progress = Callable[[float, str], None]

DATE_FORMAT_SEIREKI = "yyyy/mm/dd"
# 和暦 in Excel: [$-411] is the Japanese locale, ggg the era name (令和), e the era year.
# (Excel 2019+ also knows [$-ja-JP-x-gannen] to print 元年; [$-411] is understood everywhere,
# LibreOffice included, and prints 令和1年 for 2019.)
DATE_FORMAT_WAREKI = '[$-411]ggge"年"m"月"d"日"'
INT_FORMAT = "#,##0"
PAPER_A4 = "9"  # ECMA-376 paperSize code for A4
TRUE_MARK, FALSE_MARK = "○", "×"

CHECK_EVERY = 1000  # rows between abort checks / progress reports
WIDTH_SAMPLE_ROWS = 500
MAX_WIDTH = 60.0
_WIDTH_PADDING = 2.0
_MAX_CELL_CHARS = 32767  # Excel refuses longer cell text
_FIRST_EXCEL_DATE = dt.date(1900, 3, 1)  # serials before this are wrong (1900 leap-year bug) or negative

# What XML 1.0 cannot hold (openpyxl would raise IllegalCharacterError mid-stream) and CR,
# which Excel shows as _x000D_; CRLF / CR become LF.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r]")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_TITLE_FONT = Font(name="Calibri", size=14, bold=True)
_HEADER_FONT = Font(name="Calibri", size=11, bold=True)
_HEADER_FILL = PatternFill(fill_type="solid", start_color="FFDDEBF7", end_color="FFDDEBF7")
_THIN = Side(style="thin", color="FF808080")
_HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP_ALIGN = Alignment(vertical="top", wrap_text=True)
_CENTER_ALIGN = Alignment(horizontal="center")


def _clean_text(text: str) -> str:
    if _UNSAFE.search(text):
        text = _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) > _MAX_CELL_CHARS:
        text = text[:_MAX_CELL_CHARS]
    return text


def _as_date(value: Any) -> Any:
    """A date for a date column: date/datetime as a date, an ISO text parsed, anything else as is."""
    if isinstance(value, dt.datetime):  # a date column shows the day (and Excel refuses tz-aware times)
        return value.date()
    if isinstance(value, (dt.date, int, float)) or value is None:
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return value
    return value


def _shown_text(value: Any, col: ColumnSpec, date_style: DateStyle) -> str:
    """What a cell will roughly look like, for the width estimate."""
    if value is None:
        return ""
    if col.kind == "bool":
        return TRUE_MARK
    if col.kind == "date":
        value = _as_date(value)
        if isinstance(value, dt.date):
            return "令和10年12月31日" if col.number_format is None and date_style == "wareki" else "2025/12/31"
    if col.kind == "int" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,.0f}"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def column_widths(
    spec: SheetSpec, sample: Sequence[Sequence[Any]], *, date_style: DateStyle = "seireki"
) -> list[float]:
    """Widths in Excel character units: the widest of header and sample, padded, capped at
    ``MAX_WIDTH``, never below the spec's hint. Full-width characters count as 2."""
    widths: list[float] = []
    for j, col in enumerate(spec.columns):
        best = display_width(col.header)
        for row in sample:
            if j < len(row):
                w = display_width(_shown_text(row[j], col, date_style))
                if w > best:
                    best = w
        widths.append(max(float(col.width), min(MAX_WIDTH, best + _WIDTH_PADDING)))
    return widths


class _Columns:
    """Per-column converters and the one reusable styled cell each styled column needs."""

    def __init__(self, ws: Any, spec: SheetSpec, date_style: DateStyle) -> None:
        self.ws = ws
        self.converters: list[tuple[int, Callable[[Any], Any]]] = []
        for j, col in enumerate(spec.columns):
            self.converters.append((j, self._converter(col, date_style)))

    def _styled(self, number_format: str | None = None, alignment: Alignment | None = None) -> Any:
        cell = WriteOnlyCell(self.ws)
        if number_format:
            cell.number_format = number_format
        if alignment is not None:
            cell.alignment = alignment
        return cell

    def _text_converter(self) -> Callable[[Any], Any]:
        forced = self._styled()  # unstyled: only used to force data_type 's'

        def text(value: Any) -> Any:
            if value.__class__ is not str:
                if value is None or isinstance(value, int):
                    return value
                if isinstance(value, float):
                    return value if math.isfinite(value) else None  # Excel has no NaN / ∞
                value = value.isoformat() if isinstance(value, dt.date) else str(value)
            if not value:
                return None
            value = _clean_text(value)
            first = value[0]
            if first == "=" or first == "#":  # a formula or an error code to openpyxl: keep as text
                forced.value = value
                forced.data_type = "s"
                return forced
            return value

        return text

    def _converter(self, col: ColumnSpec, date_style: DateStyle) -> Callable[[Any], Any]:
        kind = col.kind
        if kind == "text":
            return self._text_converter()
        if kind == "multiline":
            cell = self._styled(col.number_format, _WRAP_ALIGN)

            def multiline(value: Any) -> Any:
                if value is None or value == "":
                    return None
                cell.value = _clean_text(value if value.__class__ is str else str(value))
                cell.data_type = "s"
                return cell

            return multiline
        if kind == "int" or kind == "float":
            fmt = col.number_format or (INT_FORMAT if kind == "int" else None)
            if fmt is None:
                text = self._text_converter()

                def plain_number(value: Any) -> Any:
                    if value is None or value.__class__ is int:
                        return value
                    return text(value)  # floats (NaN / ∞ dropped), and notes typed as text

                return plain_number
            cell = self._styled(fmt)
            text = self._text_converter()
            want_int = kind == "int"

            def number(value: Any) -> Any:
                cls = value.__class__
                if cls is int or cls is float:
                    if cls is float:
                        if not math.isfinite(value):
                            return None  # Excel has no NaN / ∞
                        if want_int and value.is_integer():
                            value = int(value)
                    cell.value = value
                    return cell
                if value is None:
                    return None
                return text(value)  # a note typed where a number belongs stays visible as text

            return number
        if kind == "date":
            default = DATE_FORMAT_WAREKI if date_style == "wareki" else DATE_FORMAT_SEIREKI
            cell = self._styled(col.number_format or default)
            text = self._text_converter()

            def date(value: Any) -> Any:
                if value is None:
                    return None
                value = _as_date(value)
                if isinstance(value, dt.date):
                    if value < _FIRST_EXCEL_DATE:  # Excel shows ##### for these: write the text
                        return f"{value.year}/{value.month:02d}/{value.day:02d}"
                    cell.value = value
                    return cell
                return text(value)

            return date
        if kind == "bool":
            cell = self._styled(col.number_format, _CENTER_ALIGN)
            text = self._text_converter()

            def boolean(value: Any) -> Any:
                if value is None:
                    return None
                if value is True or value is False or value.__class__ is int:
                    cell.value = TRUE_MARK if value else FALSE_MARK
                    return cell
                return text(value)

            return boolean
        raise AssertionError(kind)

    def row(self, values: Sequence[Any]) -> list[Any]:
        out = list(values)
        for j, conv in self.converters:
            out[j] = conv(out[j])
        return out


FAST_ROWS = True  # tests switch it off to compare with openpyxl's own (public) path


def _fast_rows(ws: Any) -> bool:
    """Give ``ws`` a leaner ``_values_to_row`` for rows made by ``_Columns.row``; False if not
    possible with this openpyxl (the caller then simply keeps the standard one)."""
    method = getattr(WriteOnlyWorksheet, "_values_to_row", None)
    if not FAST_ROWS or method is None or not isinstance(ws, WriteOnlyWorksheet):
        return False
    try:
        if list(inspect.signature(method).parameters) != ["self", "values", "row_idx"]:
            return False
    except (TypeError, ValueError):
        return False
    scratch = WriteOnlyCell(ws)  # never styled, so it can carry every plain value

    def values_to_row(values: Sequence[Any], row_idx: int) -> Iterable[Any]:
        col_idx = 0
        for value in values:
            col_idx += 1
            if value is None:
                continue
            if value.__class__ is Cell:  # a prepared (styled or forced-text) cell of _Columns
                cell = value
            else:
                cell = scratch
                cell.value = value
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    ws._values_to_row = values_to_row
    return True


def _title_cells(ws: Any, title_lines: Sequence[str]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for i, line in enumerate(title_lines):
        if i == 0:
            cell = WriteOnlyCell(ws, _clean_text(str(line)))
            cell.font = _TITLE_FONT
            cell.data_type = "s"
            rows.append([cell])
        else:
            cell = WriteOnlyCell(ws, _clean_text(str(line)))
            cell.data_type = "s"
            rows.append([cell])
    return rows


def _header_cells(ws: Any, spec: SheetSpec) -> list[Any]:
    cells = []
    for col in spec.columns:
        cell = WriteOnlyCell(ws, _clean_text(col.header))
        cell.data_type = "s"
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.border = _HEADER_BORDER
        cell.alignment = _HEADER_ALIGN
        cells.append(cell)
    return cells


def _sheet_title(title: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", title).strip("'") or "Sheet1"
    return cleaned[:31]


def _discard_sheet_stream(ws: Any) -> None:
    """Close and delete openpyxl's own temporary file for a write-only sheet that was not saved."""
    writer = getattr(ws, "_writer", None)
    for gen in (getattr(ws, "_rows", None), getattr(writer, "xf", None)):
        if gen is not None:
            try:
                gen.close()
            except Exception:  # the stream may already be broken by the error we are cleaning up after
                pass
    out = getattr(writer, "out", None)
    if isinstance(out, str):
        try:
            os.remove(out)
        except OSError:
            pass  # still listed in ALL_TEMP_FILES: openpyxl removes it at exit
        else:
            if out in ALL_TEMP_FILES:
                ALL_TEMP_FILES.remove(out)


def write_table(
    path: str | os.PathLike[str],
    spec: SheetSpec,
    rows: Iterable[Sequence[Any]],
    *,
    title_lines: Sequence[str] = (),
    date_style: DateStyle = "seireki",
    progress: Progress | None = None,
    abort: Any = None,
    total: int | None = None,
) -> int:
    """Write ``rows`` (values in ``spec.columns`` order) as one formatted sheet to ``path``.

    ``title_lines``: the first is the bold title, the rest plain lines under it (出力日 …).
    ``date_style``: 'seireki' (2025/04/01) or 'wareki' (令和7年4月1日) for date columns;
    the cells are real Excel dates either way.
    ``progress(fraction, message)`` is called every ``CHECK_EVERY`` rows (fraction 0..1, or -1
    when the row count is unknown: show a busy indicator); ``abort`` (anything
    with ``is_set()``, e.g. threading.Event) is checked as often and raises ``Cancelled``.
    ``total``: the expected row count for the fraction (``len(rows)`` is used when it exists).
    Returns the number of data rows written. On any error no file is created or changed.
    """
    if date_style not in ("seireki", "wareki"):
        raise ValueError(f"unknown date_style {date_style!r}; use 'seireki' or 'wareki'")
    target = Path(path)
    if total is None and hasattr(rows, "__len__"):
        total = len(rows)  # type: ignore[arg-type]
    n_cols = len(spec.columns)
    if n_cols == 0:
        raise ValueError(f"sheet spec {spec.kind!r} has no columns")

    it = iter(rows)
    sample = list(islice(it, WIDTH_SAMPLE_ROWS))
    widths = column_widths(spec, sample, date_style=date_style)

    refuse_database(target)  # before any work, not only at the rename
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_sheet_title(spec.title))
    written = 0
    try:
        header_row = len(title_lines) + 2 if title_lines else 1
        last_col = get_column_letter(n_cols)

        # Everything written before <sheetData> must be set before the first append.
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.freeze_panes = f"A{header_row + 1}"
        for j, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(j)].width = round(width, 1)
            if spec.columns[j - 1].hidden:
                ws.column_dimensions[get_column_letter(j)].hidden = True
        # Written after <sheetData> (at close): could be set later, set here to keep them together.
        landscape = n_cols > 6 or sum(widths) > 100
        ws.page_setup.paperSize = PAPER_A4
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.print_title_rows = f"{header_row}:{header_row}"
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        ws.page_margins.header = ws.page_margins.footer = 0.3
        ws.oddFooter.center.text = "&P / &N"
        if title_lines:  # the title on pages 2, 3, …; page 1 has it in row 1 already
            ws.HeaderFooter.differentFirst = True
            ws.firstFooter.center.text = "&P / &N"
            ws.oddHeader.left.text = _clean_text(str(title_lines[0])).replace("&", "&&")
        wb.properties.creator = "SasaeAI Desktop"
        wb.properties.title = _clean_text(str(title_lines[0])) if title_lines else spec.title

        for cells in _title_cells(ws, title_lines):
            ws.append(cells)
        if title_lines:
            ws.append([])
        ws.append(_header_cells(ws, spec))

        columns = _Columns(ws, spec, date_style)
        _fast_rows(ws)  # from here on only rows made by columns.row are appended
        convert = columns.row
        append = ws.append
        pad = [None] * n_cols

        def rows_again() -> Iterable[Sequence[Any]]:
            yield from sample
            yield from it

        def report() -> None:
            if progress is not None:
                fraction = 0.95 * min(written / total, 1.0) if total else -1.0
                progress(fraction, f"{written:,}件を書き出しました")

        if abort is not None and abort.is_set():
            raise Cancelled()
        next_check = CHECK_EVERY
        for values in rows_again():
            if len(values) != n_cols:
                values = (list(values) + pad)[:n_cols]
            append(convert(values))
            written += 1
            if written == next_check:
                next_check += CHECK_EVERY
                if abort is not None and abort.is_set():
                    raise Cancelled()
                report()

        ws.auto_filter.ref = f"A{header_row}:{last_col}{header_row + written}"
        if abort is not None and abort.is_set():
            raise Cancelled()
        if progress is not None:
            progress(0.95 if total else -1.0, f"{written:,}件を書き出しました。ファイルを保存しています…")
        save_workbook(wb, target)
    except BaseException as exc:
        _discard_sheet_stream(ws)
        # openpyxl streams rows to its own temporary file first: a full disk can show up there
        full = disk_full(exc) if isinstance(exc, Exception) else None
        if full is not None:
            raise full from exc
        raise
    if progress is not None:
        progress(1.0, f"{written:,}件を保存しました")
    return written
