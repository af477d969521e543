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

How each value becomes a cell: ``row_cells``; widths: ``column_widths``; openpyxl's row loop
without its detour: ``fast_rows``; number formats and dates: ``cell_formats``.

Safety: the workbook is written to a hidden temporary file in the target folder and moved over
the target with ``os.replace`` only when complete, so a failure or a cancel never leaves a half
file (and an existing file stays as it was). Text is cleaned of characters XML cannot hold, and
text starting with '=' or '#' is written as text, never as a formula or an error value.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from collections.abc import Sequence
from collections.abc import Sized
from itertools import islice
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment
from openpyxl.styles import Border
from openpyxl.styles import Font
from openpyxl.styles import PatternFill
from openpyxl.styles import Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import ALL_TEMP_FILES

from sasaeai_desktop import cancellation
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.io.output_files import disk_full
from sasaeai_desktop.io.output_files import refuse_database
from sasaeai_desktop.io.output_files import save_workbook

from .cell_formats import DateStyle
from .column_widths import WIDTH_SAMPLE_ROWS
from .column_widths import column_widths
from .fast_rows import install_fast_rows
from .page import JAPANESE_FONT
from .page import japanese_defaults
from .page import page_setup
from .print_layout import BODY_POINTS
from .print_layout import narrow_to_fit
from .print_layout import plan_print
from .row_cells import LINE_POINTS
from .row_cells import RowCells
from .spec import SheetSpec
from .text import clean_cell_text

__all__ = ["CHECK_EVERY", "write_table"]

CHECK_EVERY = 1000  # rows between abort checks / progress reports

_TITLE_FONT = Font(name=JAPANESE_FONT, size=14, bold=True, family=3, charset=128)
_HEADER_FONT = Font(name=JAPANESE_FONT, size=BODY_POINTS, bold=True, family=3, charset=128)
_HEADER_FILL = PatternFill(fill_type="solid", start_color="FFDDEBF7", end_color="FFDDEBF7")
_THIN = Side(style="thin", color="FF808080")
_HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _title_cells(ws: Any, title_lines: Sequence[str]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for i, line in enumerate(title_lines):
        if i == 0:
            cell = WriteOnlyCell(ws, clean_cell_text(str(line)))
            cell.font = _TITLE_FONT
            cell.data_type = "s"
            rows.append([cell])
        else:
            cell = WriteOnlyCell(ws, clean_cell_text(str(line)))
            cell.data_type = "s"
            rows.append([cell])
    return rows


def _header_cells(ws: Any, spec: SheetSpec) -> list[Any]:
    cells = []
    for col in spec.columns:
        cell = WriteOnlyCell(ws, clean_cell_text(col.header))
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
        wb.properties.title = clean_cell_text(str(title_lines[0])) if title_lines else spec.title

        for cells in _title_cells(ws, title_lines):
            ws.append(cells)
        if title_lines:
            ws.append([])
        ws.append(_header_cells(ws, spec))

        columns = RowCells(ws, spec, date_style, widths)
        install_fast_rows(ws)  # from here on only rows made by columns.row are appended
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
                heights[row_idx] = {"ht": f"{min(409.0, n_lines * LINE_POINTS + 2):g}", "customHeight": "1"}
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
