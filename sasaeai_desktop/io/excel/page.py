"""Page setup shared by every sheet the program writes: the Japanese default font, A4 with the
``print_layout`` plan applied, the page header and footer. Imports openpyxl (for writers only)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.pagebreak import Break

from .print_layout import BODY_POINTS
from .print_layout import SIDE_MARGIN_IN
from .print_layout import PrintLayout
from .print_layout import plan_print

__all__ = ["JAPANESE_FONT", "PAPER_A4", "fit_to_paper", "japanese_defaults", "page_setup", "wrap_column"]

PAPER_A4 = "9"  # ECMA-376 paperSize code for A4
JAPANESE_FONT = "游ゴシック"
# family 3 (modern) and charset 128 (Shift_JIS) tell Excel and LibreOffice the font is Japanese,
# so a machine without 游ゴシック substitutes a Japanese font (ＭＳ Ｐゴシック on older Windows;
# LibreOffice takes its CJK font, Noto Sans CJK JP here).
_BODY_FONT = Font(name=JAPANESE_FONT, size=BODY_POINTS, family=3, charset=128)
_WRAP = Alignment(vertical="top", wrap_text=True)


def japanese_defaults(wb: Any, font: Font = _BODY_FONT) -> None:
    """Make ``font`` the workbook's default (font 0: the 'Normal' style, every cell without a
    font of its own, and the unit of the column widths). Call on a new workbook, before any
    cell is styled: fonts added later are numbered after it."""
    wb._fonts = IndexedList([font])


def page_setup(ws: Any, layout: Any, *, top_in: float = 0.8, header_in: float = 0.3) -> None:
    """A4, the layout's orientation, scale and column blocks; header: sheet name and printed
    date, footer: page x / y. ``top_in`` leaves room for the header (LibreOffice draws the
    header in the band between ``header_in`` and ``top_in``, and grows it over the sheet when
    the band is too small for its text)."""
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.orientation = layout.orientation
    ws.page_setup.scale = layout.scale
    ws.page_setup.pageOrder = "downThenOver"  # a block's pages, then the next block's
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    for column in layout.breaks:
        ws.col_breaks.append(Break(id=column))
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN_IN
    ws.page_margins.top = ws.page_margins.bottom = top_in
    ws.page_margins.header = ws.page_margins.footer = header_in
    ws.oddHeader.left.text = "&A"
    ws.oddHeader.right.text = "印刷日 &D"
    ws.oddFooter.center.text = "&P / &N"
    for part in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.center):
        part.size = 11  # scaled with the page like the sheet: the body size keeps it ≥ 7 pt



def fit_to_paper(
    ws: Any,
    widths: Sequence[float],
    *,
    on_paper: Sequence[bool] | None = None,
    repeat: int = 0,
    font_points: float = BODY_POINTS,
    title_rows: str | None = None,
    break_after: Sequence[int] | None = None,
) -> PrintLayout:
    """Plan and apply the page setup of a normal-mode sheet whose columns are ``widths`` (its
    first columns): see ``print_layout.plan_print``. Returns the layout applied."""
    layout = plan_print(
        widths, on_paper if on_paper is not None else [True] * len(widths), repeat=repeat,
        font_points=font_points, break_after=break_after,
    )
    page_setup(ws, layout)
    if title_rows:
        ws.print_title_rows = title_rows
    if layout.repeat:
        ws.print_title_cols = f"A:{get_column_letter(layout.repeat)}"
    return layout


def wrap_column(ws: Any, column: int, first_row: int = 1) -> None:
    """Wrap and top-align the text of one column (for sheets built cell by cell)."""
    for (cell,) in ws.iter_rows(min_row=first_row, min_col=column, max_col=column):
        cell.alignment = _WRAP
