"""A survey collection told: the error workbook (every problem, and each form with its problem cells
filled red) and the plan as text for the CLI."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.io.excel.text import clean_cell_text
from sasaeai_desktop.services.progress import status as st
from sasaeai_desktop.services.progress.survey_plan import CollectPlan
from sasaeai_desktop.services.progress.survey_plan import Problem


def write_error_workbook(plan: CollectPlan, path: str | os.PathLike[str]) -> None:
    """One workbook: 「問題一覧」 (file!cell — message) and, per file with cell problems, a sheet
    showing its form rows with the problem cells filled red and the message as a comment."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from sasaeai_desktop.io.excel.page import fit_to_paper
    from sasaeai_desktop.io.excel.page import japanese_defaults
    from sasaeai_desktop.io.excel.page import wrap_column
    from sasaeai_desktop.io.output_files import save_workbook

    wb = Workbook()
    japanese_defaults(wb)
    ws = wb.active
    ws.title = "問題一覧"
    ws.append([f"{fiscal_year_label(plan.fiscal_year, 'both')} 調査票回収の問題 {len(plan.problems)}件（{plan.folder}）"])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([])
    ws.append(["ファイル", "場所", "内容"])
    for p in plan.problems:
        ws.append([p.file, p.where(), clean_cell_text(p.message)])
    for letter, width in zip("ABC", (30, 24, 60)):
        ws.column_dimensions[letter].width = width
        wrap_column(ws, "ABC".index(letter) + 1, 4)
    fit_to_paper(ws, (30, 24, 60), title_rows="3:3")
    used: set[str] = set()
    for fname, marks in plan.marks.items():
        form = plan.forms.get(fname)
        if form is not None and form.sheet is not None:
            _add_marked_form(wb, fname, form, marks, used)
    save_workbook(wb, Path(path))


def _add_marked_form(wb: Any, fname: str, form: Any, marks: list[Problem], used: set[str]) -> None:
    """A sheet showing ``form``'s rows, the cells of ``marks`` filled red with the message as a comment."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.styles import PatternFill

    from sasaeai_desktop.io.excel.annotate import PROBLEM_FILL
    from sasaeai_desktop.io.excel.page import fit_to_paper
    from sasaeai_desktop.io.excel.page import wrap_column

    fill = PatternFill("solid", start_color=PROBLEM_FILL, end_color=PROBLEM_FILL)
    sheet = wb.create_sheet(_safe_sheet_title(Path(fname).stem, used))
    sheet.append([f"{fname} の「{form.sheet}」（赤いセルに問題があります）"])
    sheet["A1"].font = Font(bold=True)
    for letter, width in zip("ABC", (30, 36, 44)):
        sheet.column_dimensions[letter].width = width
    sheet.append(["項目", "回答（返送された値）", "問題"])
    by_row = {p.row: p for p in marks}
    rows = sorted({c.row: (k, c) for k, c in {**form.head, **form.cells}.items()}.items())
    for r, (key, cell) in rows:
        label = st.FIELD_BY_KEY[key].label if key in st.FIELD_BY_KEY else {"@code": "市町村コード", "@name": "市町村名",
                                                                           "@fiscal_year": "年度"}.get(key, key)
        value = cell.value
        shown = f"={value}" if cell.formula and not str(value).startswith("=") else value
        p = by_row.get(r)
        sheet.append([f"{label}（{r}行目）", clean_cell_text(str(shown)) if shown is not None else None,
                      clean_cell_text(p.message) if p else None])
        if p is not None:
            c = sheet.cell(row=sheet.max_row, column=2)
            c.fill = fill
            c.comment = Comment(clean_cell_text(p.message), "SasaeAI Desktop")
    for column in (1, 2, 3):
        wrap_column(sheet, column, 2)
    fit_to_paper(sheet, (30, 36, 44), title_rows="2:2")


def _safe_sheet_title(text: str, used: set[str]) -> str:
    import re

    base = re.sub(r"[\[\]:*?/\\]", "_", text)[:28] or "回答"
    title, n = base, 2
    while title in used or title == "問題一覧":
        title, n = f"{base[:26]}_{n}", n + 1
    used.add(title)
    return title


def plan_lines(plan: CollectPlan) -> list[str]:
    """The plan as text (CLI output), per municipality and field."""
    lines = [f"{fiscal_year_label(plan.fiscal_year, 'both')}: {plan.files_read} ファイルを読みました。"]
    lines += [f"※ {n}" for n in plan.notes]
    marks = {"clean": "  ", "conflict": "! ", "unverified": "? ", "disagree": "≠ "}
    for r in plan.returns:
        lines.append(f"■ {r.name}（{r.code}）照合: {r.matched_by}　ファイル: {'、'.join(r.files)}")
        for n in r.notes:
            lines.append(f"  ※ {n}")
        for c in r.changes:
            lines.append(f"  {marks[c.kind]}{c.label}: {st.display_value(c.key, c.current)} → "
                         f"{st.display_value(c.key, c.returned)}" + (f"（{c.message}）" if c.message else ""))
            for fn, v in c.alternatives:
                lines.append(f"      {fn}: {st.display_value(c.key, v)}")
    if plan.unchanged:
        lines.append("■ 変更のない回答: " + "、".join(name for _code, name in plan.unchanged))
    for u in plan.unmatched:
        lines.append(f"■ 市町村が分からない回答: {u.file}（コード欄「{u.form_code}」、名前欄「{u.form_name}」）")
        if u.candidates:
            lines.append("  候補: " + "、".join(f"{name}（{code}）" for _id, code, name in u.candidates))
        lines.append(f"  取り込むには --assign \"{u.file}=市町村コード\" を付けて実行してください。")
    return lines
