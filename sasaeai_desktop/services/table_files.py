"""What the areas' table files share: a table written as .pdf or .xlsx by the path's suffix (the
grants' 年度 summary, the compiled status table) reports the same things back, and its PDF carries
the office's details in the footer and as its author, with the characters the font lacks named."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.services import settings as office_settings


@dataclass(frozen=True)
class TableFile:
    title: str
    rows: int  # what the table lists: records, municipalities
    pages: int = 0  # 0 for Excel
    warnings: list[str] = field(default_factory=list)  # characters printed as 〓, for the user


def office_pdf(uow: UnitOfWork, write: Callable[[str, Any, str], int]) -> tuple[int, list[str]]:
    """Run ``write(footer, glyph_report, author)`` with the office's footer and name; returns the
    pages written and the characters the font lacked, said for the user."""
    from sasaeai_desktop.io.pdf.common import GlyphReport

    office = office_settings.get_settings(uow)
    report = GlyphReport()
    pages = write(office.footer, report, office.office_name)
    return pages, report.messages()
