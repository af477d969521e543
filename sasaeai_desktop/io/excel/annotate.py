"""A copy of an imported book with its problems marked: the ``--errors-out`` file.

openpyxl loads the whole book (formatting, formulas, merged cells kept), each bad cell gets a
fill and a comment with the messages, and a first sheet 「取り込みの問題」 lists every problem
(``sheet!row:column — message``) so nothing is lost when a problem has no cell (a missing column).
Written to a temporary file beside the target and moved over it when complete.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from collections.abc import Sequence
from pathlib import Path

from .text import clean_cell_text

__all__ = ["PROBLEM_FILL", "PROBLEMS_SHEET", "annotate_copy"]

PROBLEM_FILL = "FFFFC7CE"  # Excel's "light red fill" of conditional formatting
PROBLEMS_SHEET = "取り込みの問題"
_AUTHOR = "SasaeAI Desktop"
# openpyxl holds the whole book, each cell an object (~0.5 KB with its value and style): a
# 50,000 × 12 list (600,000 cells) took 310 MB; the limit keeps the copy well under 1 GB.
MAX_CELLS = 1_000_000


def annotate_copy(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    sheet: str,
    marks: Mapping[tuple[int, int], Sequence[str]],
    problems: Sequence[str],
) -> None:
    """``marks``: (0-based row, 0-based col) → messages for that cell of ``sheet``."""
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment
    from openpyxl.styles import Font
    from openpyxl.styles import PatternFill

    from sasaeai_desktop.io.output_files import save_workbook

    from .errors import ExcelReadError
    from .file_check import check_file
    from .workbook_guard import count_cells

    src = check_file(source)  # read again: it may have changed since it was planned
    cells = count_cells(src)
    if cells > MAX_CELLS:
        raise ExcelReadError(
            f"「{src.name}」はセルが多すぎて（約 {cells:,} 個、上限 {MAX_CELLS:,} 個）、問題に印を付けた写しを作れません"
            "（写しはブック全体を読み込んで作るため）。問題の一覧は表示したとおりです。"
        )
    wb = load_workbook(src, keep_vba=False, rich_text=False)
    ws = wb[sheet]
    fill = PatternFill(fill_type="solid", start_color=PROBLEM_FILL, end_color=PROBLEM_FILL)
    merged_top_left: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:  # a merged cell is written through its top-left cell
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged_top_left[(r, c)] = (rng.min_row, rng.min_col)
    for (row, col), messages in sorted(marks.items()):
        r, c = merged_top_left.get((row + 1, col + 1), (row + 1, col + 1))
        cell = ws.cell(row=r, column=c)
        cell.fill = fill
        text = clean_cell_text("\n".join(dict.fromkeys(messages)))[:30000]
        comment = Comment(text, _AUTHOR)
        comment.width = 320
        comment.height = min(60 + 18 * text.count("\n") + len(text) // 2, 600)
        cell.comment = comment

    if PROBLEMS_SHEET in wb.sheetnames:
        del wb[PROBLEMS_SHEET]
    report = wb.create_sheet(PROBLEMS_SHEET, 0)
    report.append([f"取り込みの問題 {len(problems):,}件（赤いセルにコメントがあります）"])
    report["A1"].font = Font(bold=True, size=12)
    report.append([])
    report.append(["場所", "内容"])
    for text in problems:
        where, _, message = text.partition(" — ")
        report.append([clean_cell_text(where), clean_cell_text(message)])
    report.column_dimensions["A"].width = 28
    report.column_dimensions["B"].width = 100
    for row in report.iter_rows(min_row=4, max_col=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    report.freeze_panes = "A4"
    wb.active = wb.sheetnames.index(PROBLEMS_SHEET)
    for ws_ in wb.worksheets:  # only the report sheet selected, or Excel groups the sheets
        ws_.sheet_view.tabSelected = ws_.title == PROBLEMS_SHEET

    dest = Path(target)
    save_workbook(wb, dest)
