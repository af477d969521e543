"""The grants area's files: the 年度 summary as PDF or Excel, one use case the window and the CLI
both call (the office's details in the PDF's footer and as its author, like the other reports)."""

from __future__ import annotations

import os
from pathlib import Path

from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.grants.queries import summary
from sasaeai_desktop.services.table_files import TableFile
from sasaeai_desktop.services.table_files import office_pdf

__all__ = ["write_summary"]


def write_summary(uow: UnitOfWork, fiscal_year: int, path: str | os.PathLike[str], *,
                  region_kind: str | None = None) -> TableFile:
    """The 年度 summary (totals by program and region, every record) as .pdf or .xlsx by the suffix;
    its ``rows`` are the records."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise UserError(f"出力ファイル「{path}」の拡張子は .pdf か .xlsx にしてください。")
    data = summary(uow, fiscal_year, region_kind=region_kind)
    pref = setup.current_prefecture(uow)
    prefecture = pref[1] if pref else ""
    if suffix == ".pdf":
        from sasaeai_desktop.io.pdf.grants_summary import write_grant_summary_pdf

        pages, warnings = office_pdf(uow, lambda footer, report, author: write_grant_summary_pdf(
            path, data, prefecture=prefecture, footer=footer, report=report, author=author))
        return TableFile(data.title, len(data.records), pages, warnings)
    from sasaeai_desktop.io.excel.grants_summary import write_grant_summary_xlsx

    return TableFile(data.title, write_grant_summary_xlsx(path, data, prefecture=prefecture))
