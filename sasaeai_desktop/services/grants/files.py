"""The grants area's files: the 年度 summary as PDF or Excel, one use case the window and the CLI
both call (the office's details in the PDF's footer and as its author, like the other reports)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.services import settings as office_settings
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.grants.queries import summary

__all__ = ["SummaryFile", "write_summary"]


@dataclass(frozen=True)
class SummaryFile:
    title: str
    records: int
    pages: int = 0  # 0 for Excel
    warnings: list[str] = field(default_factory=list)  # characters printed as 〓, for the user


def write_summary(uow: UnitOfWork, fiscal_year: int, path: str | os.PathLike[str], *,
                  region_kind: str | None = None) -> SummaryFile:
    """The 年度 summary (totals by program and region, every record) as .pdf or .xlsx by the suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise UserError(f"出力ファイル「{path}」の拡張子は .pdf か .xlsx にしてください。")
    data = summary(uow, fiscal_year, region_kind=region_kind)
    pref = setup.current_prefecture(uow)
    prefecture = pref[1] if pref else ""
    if suffix == ".pdf":
        from sasaeai_desktop.io.pdf.common import GlyphReport
        from sasaeai_desktop.io.pdf.grants_summary import write_grant_summary_pdf

        office = office_settings.get_settings(uow)
        report = GlyphReport()
        pages = write_grant_summary_pdf(path, data, prefecture=prefecture, footer=office.footer, report=report,
                                        author=office.office_name)
        return SummaryFile(data.title, len(data.records), pages, report.messages())
    from sasaeai_desktop.io.excel.grants_summary import write_grant_summary_xlsx

    return SummaryFile(data.title, write_grant_summary_xlsx(path, data, prefecture=prefecture))
