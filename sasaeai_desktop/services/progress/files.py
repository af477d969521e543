"""The progress area's files: the compiled status table (Excel or PDF) and the dashboard report (PDF).

One use case each, called by the window and by the CLI alike, so both print the same file: the
office's details in the footer and as the PDF's author; the status table's PDF also reports the
characters the font lacks, for the caller to tell the user.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.progress_dashboard import ProgressDashboard
from sasaeai_desktop.services import settings as office_settings
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.progress import status


@dataclass(frozen=True)
class StatusTableFile:
    title: str
    municipalities: int
    pages: int = 0  # 0 for Excel
    warnings: list[str] = field(default_factory=list)  # characters printed as 〓, for the user


def write_status_table(uow: UnitOfWork, fiscal_year: int, path: str | os.PathLike[str], *,
                       group_by: str | None = None) -> StatusTableFile:
    """The 市町村間情報交換用シート for a 年度 (grouped by a region kind, if given) as .pdf or .xlsx by
    the path's suffix."""
    table = status.compiled_table(uow, fiscal_year, group_by=group_by)
    if Path(path).suffix.lower() == ".pdf":
        from sasaeai_desktop.io.pdf.common import GlyphReport
        from sasaeai_desktop.io.pdf.status_table import write_status_table_pdf

        office = office_settings.get_settings(uow)
        report = GlyphReport()
        pages = write_status_table_pdf(path, table, footer=office.footer, report=report, author=office.office_name)
        return StatusTableFile(table.title, table.row_count, pages, report.messages())
    from sasaeai_desktop.io.excel.status_table import write_status_table as write_status_table_xlsx

    return StatusTableFile(table.title, write_status_table_xlsx(path, table))


def write_dashboard_pdf(uow: UnitOfWork, dashboard: ProgressDashboard, path: str | os.PathLike[str]) -> int:
    """The dashboard's figures (services.progress.dashboard.progress_dashboard) as a one-page report; returns
    the page count."""
    from sasaeai_desktop.io.pdf.dashboard import write_dashboard_pdf as write_pdf

    office = office_settings.get_settings(uow)
    pref = setup.current_prefecture(uow)
    return write_pdf(path, dashboard, prefecture=pref[1] if pref else "", footer=office.footer,
                     author=office.office_name)
