"""The progress area's files: the compiled status table (Excel or PDF) and the dashboard report (PDF).

One use case each, called by the window and by the CLI alike, so both print the same file: the
office's details in the footer and as the PDF's author; the status table's PDF also reports the
characters the font lacks, for the caller to tell the user.
"""

from __future__ import annotations

import os
from pathlib import Path

from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.progress_dashboard import ProgressDashboard
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.progress import status
from sasaeai_desktop.services.table_files import TableFile
from sasaeai_desktop.services.table_files import office_pdf


def write_status_table(uow: UnitOfWork, fiscal_year: int, path: str | os.PathLike[str], *,
                       group_by: str | None = None) -> TableFile:
    """The 市町村間情報交換用シート for a 年度 (grouped by a region kind, if given) as .pdf or .xlsx by
    the path's suffix; its ``rows`` are the municipalities."""
    table = status.compiled_table(uow, fiscal_year, group_by=group_by)
    if Path(path).suffix.lower() == ".pdf":
        from sasaeai_desktop.io.pdf.status_table import write_status_table_pdf

        pages, warnings = office_pdf(uow, lambda footer, report, author: write_status_table_pdf(
            path, table, footer=footer, report=report, author=author))
        return TableFile(table.title, table.row_count, pages, warnings)
    from sasaeai_desktop.io.excel.status_table import write_status_table as write_status_table_xlsx

    return TableFile(table.title, write_status_table_xlsx(path, table))


def write_dashboard_pdf(uow: UnitOfWork, dashboard: ProgressDashboard, path: str | os.PathLike[str]) -> int:
    """The dashboard's figures (services.progress.dashboard.progress_dashboard) as a one-page report; returns
    the page count."""
    from sasaeai_desktop.io.pdf.dashboard import write_dashboard_pdf as write_pdf

    pref = setup.current_prefecture(uow)
    pages, _warnings = office_pdf(uow, lambda footer, _report, author: write_pdf(
        path, dashboard, prefecture=pref[1] if pref else "", footer=footer, author=author))
    return pages
