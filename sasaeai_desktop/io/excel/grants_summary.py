"""The 年度 summary of 補助金・モデル事業 as a print-ready workbook: one sheet with the totals by
program and by region, one with every record of the 年度. Amounts are numbers (#,##0), so the
officer can go on calculating with them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sasaeai_desktop.domain.grants import GrantSummary

from .text import clean_cell_text

__all__ = ["write_grant_summary_xlsx"]

BODY_POINTS = 10.0
_YEN = "#,##0"


def write_grant_summary_xlsx(path: str | os.PathLike[str], summary: GrantSummary, *, prefecture: str = "") -> int:
    """Write the summary to ``path`` (.xlsx); returns the number of records listed."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.styles import Border
    from openpyxl.styles import Font
    from openpyxl.styles import PatternFill
    from openpyxl.styles import Side

    from sasaeai_desktop.io.output_files import save_workbook

    from .page import JAPANESE_FONT
    from .page import fit_to_paper
    from .page import japanese_defaults

    wb = Workbook()
    japanese_defaults(wb)
    thin = Side(style="thin", color="FF404040")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", start_color="FFD9E1F2", end_color="FFD9E1F2")
    bold = Font(name=JAPANESE_FONT, size=BODY_POINTS, bold=True, charset=128)
    body = Font(name=JAPANESE_FONT, size=BODY_POINTS, charset=128)
    wrap = Alignment(vertical="top", wrap_text=True)

    def put(ws: Any, row: int, values: tuple[Any, ...], *, head: bool = False) -> None:
        for j, value in enumerate(values, 1):
            c = ws.cell(row=row, column=j, value=clean_cell_text(value) if isinstance(value, str) else value)
            c.font, c.border, c.alignment = (bold if head else body), border, wrap
            if head:
                c.fill = fill
            elif isinstance(value, int):
                c.number_format = _YEN

    def titled(ws: Any, widths: tuple[float, ...]) -> None:
        ws["A1"] = clean_cell_text(summary.title)
        ws["A1"].font = Font(name=JAPANESE_FONT, size=14, bold=True, charset=128)
        ws["A2"] = clean_cell_text(prefecture)
        ws["A2"].font = body
        for j, w in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + j)].width = w

    totals = wb.active
    totals.title = "集計"
    widths: tuple[float, ...] = (34.0, 8.0, 16.0, 16.0)
    titled(totals, widths)
    row = 4
    region_head = f"圏域別（{summary.region_kind}）" if summary.region_kind else "圏域別"
    for heading, first, lines in (("事業別", "事業名", summary.by_program), (region_head, "圏域", summary.by_region)):
        totals.cell(row=row, column=1, value=heading).font = bold
        put(totals, row + 1, (first, "件数", "交付決定額（円）", "支払額（円）"), head=True)
        row += 2
        for x in (*lines, summary.total):
            put(totals, row, (x.name, x.count, x.decided, x.paid))
            row += 1
        row += 1
    fit_to_paper(totals, widths, font_points=BODY_POINTS, title_rows="1:2")  # the title on every page
    totals.print_area = f"A1:D{row - 1}"

    listing = wb.create_sheet("交付先の一覧")
    widths = (14.0, 14.0, 30.0, 10.0, 14.0, 14.0, 12.0)
    titled(listing, widths)
    put(listing, 4, ("圏域", "市町村", "事業名", "種別", "交付決定額（円）", "支払額（円）", "状況"), head=True)
    for i, r in enumerate(summary.records, 5):
        put(listing, i, (r.region, r.municipality, r.program, r.kind, r.decided, r.paid, r.status))
    listing.freeze_panes = "A5"
    fit_to_paper(listing, widths, font_points=BODY_POINTS, title_rows="4:4")
    listing.print_area = f"A1:G{4 + len(summary.records)}"
    wb.properties.creator = "SasaeAI Desktop"
    wb.properties.title = summary.title
    save_workbook(wb, Path(path))
    return len(summary.records)
