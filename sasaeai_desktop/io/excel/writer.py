"""Writing one table to a real .xlsx, streaming (openpyxl write-only mode, memory stays flat).

Layout of the sheet::

    row 1      title (bold)                       ← title_lines[0]
    row 2..    further title lines (出力日 …)       ← title_lines[1:]
    (blank)
    header     bold, filled, bordered, wrapped    ← frozen below, repeated on every printed page
    data …     auto-filter over header + data

Print (``print_layout``): A4, text never printed below 7 pt — portrait or landscape at a chosen
scale, or, for lists too wide for that, blocks of columns printed one after the other with the
key columns repeated; ID columns (for re-import) stay in the file outside the print area. The
default font is 游ゴシック (charset 128, so Excel on a PC without it takes another Japanese font;
LibreOffice substitutes a CJK one), and every plain cell wraps and is top-aligned (the default
cell format, so unstyled cells stay unstyled and fast). Header: sheet name and printed date;
footer: page x / y.

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
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from collections.abc import Sized
from itertools import islice
from pathlib import Path
from typing import Any
from typing import Literal

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment
from openpyxl.styles import Border
from openpyxl.styles import Font
from openpyxl.styles import PatternFill
from openpyxl.styles import Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import ALL_TEMP_FILES

from sasaeai_desktop import cancellation
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.io.output_files import disk_full
from sasaeai_desktop.io.output_files import refuse_database
from sasaeai_desktop.io.output_files import save_workbook

from .page import JAPANESE_FONT
from .page import PAPER_A4
from .page import japanese_defaults
from .page import page_setup
from .print_layout import BODY_POINTS
from .print_layout import narrow_to_fit
from .print_layout import plan_print
from .spec import ColumnSpec
from .spec import SheetSpec
from .text import display_width

__all__ = [
    "CHECK_EVERY",
    "DATE_FORMAT_SEIREKI",
    "DATE_FORMAT_WAREKI",
    "INT_FORMAT",
    "JAPANESE_FONT",
    "MAX_WIDTH",
    "PAPER_A4",
    "TIME_FORMAT",
    "column_widths",
    "write_table",
]

DateStyle = Literal["seireki", "wareki"]

DATE_FORMAT_SEIREKI = "yyyy/mm/dd"
# 和暦 in Excel: [$-411] is the Japanese locale, ggg the era name (令和), e the era year.
# (Excel 2019+ also knows [$-ja-JP-x-gannen] to print 元年; [$-411] is understood everywhere,
# LibreOffice included, and prints 令和1年 for 2019.)
DATE_FORMAT_WAREKI = '[$-411]ggge"年"m"月"d"日"'
INT_FORMAT = "#,##0"
TIME_FORMAT = "h:mm"
FISCAL_YEAR_FORMAT = "0"  # 2025, never 2,025
# 和暦 年度: the cell holds 1 April of the 年度 (a number, so it sorts), shown as 令和7年度
FISCAL_YEAR_FORMAT_WAREKI = '[$-411]ggge"年度"'
TRUE_MARK, FALSE_MARK = "○", "×"

CHECK_EVERY = 1000  # rows between abort checks / progress reports
WIDTH_SAMPLE_ROWS = 500
# 10 全角: longer text wraps (every cell wraps), so one long value does not shrink the whole page.
# A multiline column keeps its spec width (its text wraps by nature).
MAX_WIDTH = 20.0
_WIDTH_PADDING = 2.0
_MAX_CELL_CHARS = 32767  # Excel refuses longer cell text
_FIRST_EXCEL_DATE = dt.date(1900, 3, 1)  # serials before this are wrong (1900 leap-year bug) or negative

# What XML 1.0 cannot hold (openpyxl would raise IllegalCharacterError mid-stream) and CR,
# which Excel shows as _x000D_; CRLF / CR become LF.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r]")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_TITLE_FONT = Font(name=JAPANESE_FONT, size=14, bold=True, family=3, charset=128)
_HEADER_FONT = Font(name=JAPANESE_FONT, size=BODY_POINTS, bold=True, family=3, charset=128)
_HEADER_FILL = PatternFill(fill_type="solid", start_color="FFDDEBF7", end_color="FFDDEBF7")
_THIN = Side(style="thin", color="FF808080")
_HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP_ALIGN = Alignment(vertical="top", wrap_text=True)
_TOP_ALIGN = Alignment(vertical="top")
_CENTER_ALIGN = Alignment(horizontal="center", vertical="top")


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


def _as_time(value: Any) -> Any:
    """A time for a time column: a time as is (to the minute), '9:30' / '09:30:00' parsed, anything
    else as is (shown as text)."""
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, dt.time):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, str):
        try:
            return dt.time.fromisoformat(value.strip()).replace(microsecond=0, tzinfo=None)
        except ValueError:
            return value
    return value


def _shown_text(value: Any, col: ColumnSpec, date_style: DateStyle) -> str:
    """What a cell will roughly look like, for the width estimate."""
    if value is None:
        return ""
    if col.kind == "bool":
        return TRUE_MARK
    if col.kind == "time":
        return "23:59"
    if col.kind == "fiscal_year":
        return "令和10年度" if date_style == "wareki" else "2025"
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
    ``MAX_WIDTH`` (a multiline column at its spec width), never below the spec's hint.
    Full-width characters count as 2."""
    widths: list[float] = []
    for j, col in enumerate(spec.columns):
        best = display_width(col.header)
        for row in sample:
            if j < len(row):
                w = display_width(_shown_text(row[j], col, date_style))
                if w > best:
                    best = w
        cap = min(MAX_WIDTH, float(col.width)) if col.kind == "multiline" else MAX_WIDTH
        widths.append(max(float(col.width), min(cap, best + _WIDTH_PADDING)))
    return widths


_LINE_POINTS = 18.0  # one line of 11 pt 游ゴシック (Excel's own row height for it is 18.75)
_HALF_WIDTH_POINTS = 5.5  # a half-width character of 11 pt text
_UNIT_POINTS_EXCEL = 6.4  # the narrower of the two column units (see print_layout)


def _capacity(width: float) -> int:
    """Half-width characters a wrapped line holds in a column ``width`` units wide (Excel's
    narrower unit: a line count estimated for it is enough for LibreOffice too)."""
    return max(1, int((width * _UNIT_POINTS_EXCEL - 4.0) // _HALF_WIDTH_POINTS))


class _Columns:
    """Per-column converters and the one reusable styled cell each styled column needs."""

    def __init__(self, ws: Any, spec: SheetSpec, date_style: DateStyle, widths: Sequence[float]) -> None:
        self.ws = ws
        self.converters: list[tuple[int, Callable[[Any], Any]]] = []
        for j, col in enumerate(spec.columns):
            self.converters.append((j, self._converter(col, date_style)))
        # Neither Excel nor LibreOffice grows a row for wrapped text it reads from a file (a row
        # without a height stays one line high), so the writer sets the height of rows that wrap.
        self.wrapping = [
            (j, _capacity(widths[j])) for j, col in enumerate(spec.columns)
            if col.kind in ("text", "multiline") and col.printed
        ]

    def lines(self, values: Sequence[Any]) -> int:
        """How many lines the row's tallest wrapped cell takes."""
        most = 1
        for j, capacity in self.wrapping:
            value = values[j]
            if value.__class__ is not str or (len(value) * 2 <= capacity and "\n" not in value):
                continue
            n = 0
            for part in value.split("\n"):
                n += max(1, -(-display_width(part) // capacity))
            if n > most:
                most = n
        return most

    def _styled(self, number_format: str | None = None, alignment: Alignment | None = _TOP_ALIGN) -> Any:
        cell = WriteOnlyCell(self.ws)
        if number_format:
            cell.number_format = number_format
        if alignment is not None:  # top, like the plain cells (the default format) beside it
            cell.alignment = alignment
        return cell

    def _text_converter(self) -> Callable[[Any], Any]:
        # Text wraps at the column width (top-aligned like the rest of the row): on paper a long
        # value takes more lines instead of running under its neighbour or widening the page.
        cell = self._styled(alignment=_WRAP_ALIGN)

        number = self._styled()  # a number in a text column (年度 2025), top-aligned like its row

        def text(value: Any) -> Any:
            if value.__class__ is not str:
                if value is None or isinstance(value, bool):
                    return value
                if isinstance(value, (int, float)):
                    if isinstance(value, float) and not math.isfinite(value):
                        return None  # Excel has no NaN / ∞
                    number.value = value
                    return number
                value = value.isoformat() if isinstance(value, dt.date) else str(value)
            if not value:
                return None
            cell.value = _clean_text(value)
            cell.data_type = "s"  # '=' or '#' first is text, never a formula or an error value
            return cell

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
        if kind == "fiscal_year":
            wareki = date_style == "wareki"
            cell = self._styled(FISCAL_YEAR_FORMAT_WAREKI if wareki else FISCAL_YEAR_FORMAT)
            text = self._text_converter()

            def fiscal_year(value: Any) -> Any:
                if value is None:
                    return None
                if value.__class__ is int and 1900 < value < 10000:
                    if wareki:
                        cell.value = dt.date(value, 4, 1)
                        # openpyxl does not see a date in 'ggge' and puts its own date format back
                        cell.number_format = FISCAL_YEAR_FORMAT_WAREKI
                    else:
                        cell.value = value
                    return cell
                return text(value)

            return fiscal_year
        if kind == "time":
            cell = self._styled(col.number_format or TIME_FORMAT)
            text = self._text_converter()

            def time(value: Any) -> Any:
                if value is None or value == "":
                    return None
                value = _as_time(value)
                if isinstance(value, dt.time):
                    cell.value = value
                    return cell
                return text(value)

            return time
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
    if total is None and isinstance(rows, Sized):
        total = len(rows)
    n_cols = len(spec.columns)
    if n_cols == 0:
        raise ValueError(f"sheet spec {spec.kind!r} has no columns")

    it = iter(rows)
    sample = list(islice(it, WIDTH_SAMPLE_ROWS))
    widths = narrow_to_fit(
        column_widths(spec, sample, date_style=date_style), [c.printed for c in spec.columns],
        [c.kind in ("text", "multiline") for c in spec.columns],
    )

    refuse_database(target)  # before any work, not only at the rename
    wb = Workbook(write_only=True)
    japanese_defaults(wb)
    ws = wb.create_sheet(_sheet_title(spec.title))
    written = 0
    try:
        header_row = len(title_lines) + 2 if title_lines else 1
        last_col = get_column_letter(n_cols)

        # Everything written before <sheetData> must be set before the first append.
        ws.freeze_panes = f"A{header_row + 1}"
        layout = plan_print(widths, [c.printed for c in spec.columns], repeat=spec.repeat)
        for j, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(j)].width = round(width, 1)
            col = spec.columns[j - 1]
            # a column kept off paper but before the last printed one can only be left out by hiding it
            if col.hidden or (not col.paper and j < layout.last_column):
                ws.column_dimensions[get_column_letter(j)].hidden = True
        page_setup(ws, layout)
        if layout.repeat:
            ws.print_title_cols = f"A:{get_column_letter(layout.repeat)}"
        ws.print_title_rows = f"{header_row}:{header_row}"
        wb.properties.creator = "SasaeAI Desktop"
        wb.properties.title = _clean_text(str(title_lines[0])) if title_lines else spec.title

        for cells in _title_cells(ws, title_lines):
            ws.append(cells)
        if title_lines:
            ws.append([])
        ws.append(_header_cells(ws, spec))

        columns = _Columns(ws, spec, date_style, widths)
        _fast_rows(ws)  # from here on only rows made by columns.row are appended
        convert = columns.row
        lines = columns.lines
        append = ws.append
        pad = [None] * n_cols
        heights = ws.row_dimensions  # openpyxl's row writer takes the row's attributes from here
        first_data_row = header_row + 1

        def rows_again() -> Iterable[Sequence[Any]]:
            yield from sample
            yield from it

        def report() -> None:
            if progress is not None:
                fraction = 0.95 * min(written / total, 1.0) if total else -1.0
                progress(fraction, f"{written:,}件を書き出しました")

        cancellation.check(abort)
        next_check = CHECK_EVERY
        for values in rows_again():
            if len(values) != n_cols:
                values = (list(values) + pad)[:n_cols]
            n_lines = lines(values)
            if n_lines > 1:
                row_idx = first_data_row + written
                heights[row_idx] = {"ht": f"{min(409.0, n_lines * _LINE_POINTS + 2):g}", "customHeight": "1"}
                append(convert(values))
                del heights[row_idx]  # written: keep memory flat
            else:
                append(convert(values))
            written += 1
            if written == next_check:
                next_check += CHECK_EVERY
                cancellation.check(abort)
                report()

        ws.auto_filter.ref = f"A{header_row}:{last_col}{header_row + written}"
        ws.print_area = f"A1:{get_column_letter(layout.last_column)}{header_row + max(written, 1)}"
        cancellation.check(abort)
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
