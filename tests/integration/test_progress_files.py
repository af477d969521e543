"""The progress area's files come from one service (services/progress/files.py) that the window
and the CLI both call: the PDFs carry the office's footer whoever asks."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import openpyxl

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.domain.office import OfficeSettings
from sasaeai_desktop.services import settings as office_settings
from sasaeai_desktop.services.progress import dashboard as progress
from sasaeai_desktop.services.progress import files as progress_files

OFFICE = "長野県健康福祉部介護支援課"


def _pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def _with_office(nagano: AppContext) -> None:
    office_settings.save_settings(nagano.uow(), OfficeSettings(office_name=OFFICE, department="地域包括ケア係",
                                                               phone="026-235-7111"))


def test_status_table_pdf_has_the_office_footer_and_xlsx_the_rows(nagano: AppContext, tmp_path: Path) -> None:
    _with_office(nagano)
    pdf = progress_files.write_status_table(nagano.uow(), 2025, tmp_path / "t.pdf")
    assert pdf.rows == 77 and pdf.pages >= 1 and pdf.warnings == []
    assert f"{OFFICE}地域包括ケア係026-235-7111" in _pdf_text(tmp_path / "t.pdf")
    xlsx = progress_files.write_status_table(nagano.uow(), 2025, tmp_path / "t.xlsx")
    assert (xlsx.title, xlsx.rows, xlsx.pages) == (pdf.title, 77, 0)
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").active.max_row > 77


def test_dashboard_pdf_has_the_office_footer(nagano: AppContext, tmp_path: Path) -> None:
    _with_office(nagano)
    d = progress.progress_dashboard(nagano.uow(), 2025)
    assert progress_files.write_dashboard_pdf(nagano.uow(), d, tmp_path / "d.pdf") == 1
    text = _pdf_text(tmp_path / "d.pdf")
    assert OFFICE in text and "026-235-7111" in text  # the footer (the window's PDF had none before)
