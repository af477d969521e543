"""The compiled status table (市町村間情報交換用シート) as a print-ready workbook.

openpyxl in normal mode (merged cells need it): a title, a grouped two-row header with merged
cells like the 京都府 sheet, one row per municipality, a shaded row per region when grouped by a
region kind. Printed on A4 at a scale that keeps the 9 pt body text ≥ 7 pt (``print_layout``):
the 18 columns do not fit one page at that size, so they print in two blocks of columns, the
市町村 column and the two header rows repeated on every page. The page header (sheet name,
printed date) sits in its own band above the sheet: with the default margins LibreOffice drew it
over the title on page 1 and against the repeated heading rows on the next pages.
"""

from __future__ import annotations

import os
from pathlib import Path

from sasaeai_desktop.domain.status_table import COMPILED_COLUMNS
from sasaeai_desktop.domain.status_table import CompiledTable
from sasaeai_desktop.domain.status_table import compiled_row_texts
from sasaeai_desktop.domain.status_table import header_spans

from .text import clean_cell_text

__all__ = ["write_status_table"]

FIRST_HEADER_ROW = 3
BODY_POINTS = 9.0  # the table is dense; printed at ≥ 83 % it stays ≥ 7.5 pt
LINE_POINTS = 14.0


def write_status_table(path: str | os.PathLike[str], table: CompiledTable, *, subtitle: str = "") -> int:
    """Write ``table`` to ``path`` (.xlsx); returns the number of municipality rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.styles import Border
    from openpyxl.styles import Font
    from openpyxl.styles import PatternFill
    from openpyxl.styles import Side
    from openpyxl.utils import get_column_letter

    from sasaeai_desktop.io.output_files import save_workbook

    from .page import JAPANESE_FONT
    from .page import fit_to_paper
    from .page import japanese_defaults
    from .text import display_width

    wb = Workbook()
    japanese_defaults(wb)  # before any style: 游ゴシック 11 pt is font 0 and the column-width unit
    ws = wb.active
    ws.title = "取組状況"
    n_cols = len(COMPILED_COLUMNS)
    last = get_column_letter(n_cols)
    thin = Side(style="thin", color="FF404040")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", start_color="FFD9E1F2", end_color="FFD9E1F2")
    group_fill = PatternFill("solid", start_color="FFF2F2F2", end_color="FFF2F2F2")
    head_font = Font(name=JAPANESE_FONT, size=BODY_POINTS, bold=True, charset=128)
    body_font = Font(name=JAPANESE_FONT, size=BODY_POINTS, charset=128)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)

    ws["A1"] = clean_cell_text(table.title)
    ws["A1"].font = Font(name=JAPANESE_FONT, size=14, bold=True, charset=128)
    sub = subtitle or ("圏域の種類: " + table.group_kind if table.group_kind else "")
    ws["A2"] = clean_cell_text(sub)
    ws["A2"].font = Font(name=JAPANESE_FONT, size=BODY_POINTS, charset=128)

    h1, h2 = FIRST_HEADER_ROW, FIRST_HEADER_ROW + 1
    for top, first, last_i, both in header_spans():
        c = ws.cell(row=h1, column=first + 1, value=top)
        if both:
            ws.merge_cells(start_row=h1, start_column=first + 1, end_row=h2, end_column=first + 1)
        elif last_i > first:
            ws.merge_cells(start_row=h1, start_column=first + 1, end_row=h1, end_column=last_i + 1)
    for j, (_top, subh, _key, width) in enumerate(COMPILED_COLUMNS, 1):
        if subh is not None:
            ws.cell(row=h2, column=j, value=subh)
        ws.column_dimensions[get_column_letter(j)].width = width
        for r in (h1, h2):  # every cell of a merged range gets the border, or Excel draws gaps
            cell = ws.cell(row=r, column=j)
            cell.font, cell.fill, cell.alignment, cell.border = head_font, head_fill, center, border
    ws.row_dimensions[h1].height = 26
    ws.row_dimensions[h2].height = 30

    row = h2 + 1
    count = 0
    for group in table.groups:
        if group.name:
            c = ws.cell(row=row, column=1, value=f"{group.name}（{len(group.rows)}市町村）")
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=n_cols)
            for j in range(1, n_cols + 1):
                cell = ws.cell(row=row, column=j)
                cell.fill, cell.border = group_fill, border
            c.font = Font(name=JAPANESE_FONT, size=BODY_POINTS, bold=True, charset=128)
            row += 1
        for compiled in group.rows:
            texts = compiled_row_texts(compiled)
            lines = 1
            for j, text in enumerate(texts, 1):
                cell = ws.cell(row=row, column=j, value=clean_cell_text(text) if text else None)
                cell.font, cell.alignment, cell.border = body_font, wrap, border
                capacity = max(1, int((COMPILED_COLUMNS[j - 1][3] * 6.4 - 4) // (BODY_POINTS / 2)))
                lines = max(lines, sum(max(1, -(-display_width(part) // capacity)) for part in text.split("\n")))
            ws.row_dimensions[row].height = min(LINE_POINTS * lines + 3, 400)
            row += 1
            count += 1

    ws.freeze_panes = f"B{h2 + 1}"
    # a block ends only where a top heading ends (通所型サービス stays on one page with its A/B/C)
    group_ends = [last_i + 1 for _top, _first, last_i, _both in header_spans()]
    fit_to_paper(
        ws, [c[3] for c in COMPILED_COLUMNS], repeat=1, font_points=BODY_POINTS, title_rows=f"{h1}:{h2}",
        break_after=group_ends,
    )
    ws.print_area = f"A1:{last}{max(row - 1, h2)}"
    wb.properties.creator = "SasaeAI Desktop"
    wb.properties.title = table.title

    target = Path(path)
    save_workbook(wb, target)
    return count

