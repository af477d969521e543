"""The 年度's training attendance as Excel: who attended what, per municipality and role, with the
municipalities nobody came from listed in the same sheet (marked 受講者なし) so they stand out."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING
from typing import Any

from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.io.excel.spec import ColumnSpec
from sasaeai_desktop.io.excel.spec import SheetSpec
from sasaeai_desktop.io.output_files import output_target
from sasaeai_desktop.services.trainings import coverage

if TYPE_CHECKING:  # openpyxl is imported only when exporting
    from sasaeai_desktop.io.excel.cell_formats import DateStyle

ATTENDANCE_EXPORT = SheetSpec(
    "attendance_export",
    "研修の受講状況",
    (
        ColumnSpec("municipality_code", "市町村コード", "text", 9),
        ColumnSpec("municipality", "市町村", "text", 12),
        ColumnSpec("role", "役割", "text", 11),
        ColumnSpec("name", "氏名", "text", 12),
        ColumnSpec("kana", "ふりがな", "text", 14),
        ColumnSpec("event_type", "研修種別", "text", 14),
        ColumnSpec("event_title", "研修名", "text", 26),  # wraps: the sheet fits A4 landscape at ≥ 7.5 pt
        ColumnSpec("first_date", "初日", "date", 12),
        ColumnSpec("sessions_attended", "出席日程数", "int", 8),
        ColumnSpec("sessions_total", "日程数", "int", 7),
    ),
)


def export_attendance(uow: UnitOfWork, fiscal_year: int, out: str | os.PathLike[str], *, date_style: DateStyle = "seireki") -> tuple[int, int]:
    """Write the sheet; returns (attendance lines, municipalities with nobody)."""

    from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
    from sasaeai_desktop.io.excel.writer import write_table

    output_target(out, ".xlsx")
    lines = coverage.attendance_lines(uow, fiscal_year)
    cov = coverage.coverage(uow, fiscal_year)
    rows: list[list[Any]] = []
    by_code: dict[str, list[coverage.AttendanceLine]] = {}
    for ln in lines:
        by_code.setdefault(ln.municipality_code, []).append(ln)
    for c in cov:
        if c.none:
            rows.append([c.code, c.name, "", "（受講者なし）", "", "", "", None, 0, None])
        for ln in by_code.pop(c.code, []):
            rows.append([ln.municipality_code, ln.municipality, ln.role, ln.name, ln.kana, ln.event_type, ln.event_title,
                         ln.first_date, ln.sessions_attended, ln.sessions_total])
    for rest in by_code.values():  # people without a municipality of ours (県職員, NPO …)
        for ln in rest:
            rows.append([ln.municipality_code, ln.municipality or "（市町村なし）", ln.role, ln.name, ln.kana, ln.event_type,
                         ln.event_title, ln.first_date, ln.sessions_attended, ln.sessions_total])
    missing = [c.name for c in cov if c.none]
    title = [f"{fiscal_year_label(fiscal_year)} 研修の受講状況",
             f"受講者のいない市町村 {len(missing)}: {'、'.join(missing)}" if missing else "すべての市町村から受講者があります"]
    write_table(out, ATTENDANCE_EXPORT, rows, title_lines=title, date_style=date_style)
    return len(lines), len(missing)
