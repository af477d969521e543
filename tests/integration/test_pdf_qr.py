"""QR codes on the sign-in sheet: every code drawn still reads back as its registration id when the
page is printed (rendered by poppler, read by zxing-cpp), and a code that appears twice in a
document is one form XObject drawn twice (the per-content cache), with the same modules."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sasaeai_desktop.io.pdf.qr import QUIET_ZONE
from sasaeai_desktop.io.pdf.qr import matrix
from sasaeai_desktop.io.pdf.qr import path_operators
from sasaeai_desktop.io.pdf.trainings import SheetRow
from sasaeai_desktop.io.pdf.trainings import write_sign_in_sheet

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is needed")

IDS = ["0c5b1f3e-8a41-4a8e-9d2b-3f1e6f0a7c11", "7f2d9a60-1b3c-4e5f-a6b7-c8d9e0f1a2b3", "R-00042", "受付-12"]


def _rows(ids: list[str]) -> list[SheetRow]:
    return [SheetRow(i, f"R{i:04d}", v, f"佐藤 花子{i}", "さとう はなこ", "長野市", "第2層SC", "社会福祉協議会")
            for i, v in enumerate(ids, 1)]


def _read_codes(pdf: Path, tmp_path: Path, dpi: int) -> list[str]:
    import zxingcpp
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(tmp_path / "page")], check=True)
    found: list[str] = []
    for png in sorted(tmp_path.glob("page*.png")):
        with Image.open(png) as im:
            found += [r.text for r in zxingcpp.read_barcodes(im, formats=zxingcpp.BarcodeFormat.QRCode)]
    return found


@pytest.mark.parametrize("dpi", [150, 300])
def test_every_code_on_the_sheet_reads_back_as_its_registration(tmp_path: Path, dpi: int) -> None:
    pdf = tmp_path / "sheet.pdf"
    write_sign_in_sheet(pdf, "研修　受付名簿", "令和8年7月1日", _rows(IDS))
    assert sorted(_read_codes(pdf, tmp_path, dpi)) == sorted(IDS)


def test_a_code_printed_twice_is_one_form_drawn_twice(tmp_path: Path) -> None:
    from pypdf import PdfReader

    pdf = tmp_path / "two-days.pdf"
    day = _rows(IDS[:2])
    write_sign_in_sheet(pdf, "研修　受付名簿", "", [], sections=[("1日目", day), ("2日目", day)])
    reader = PdfReader(pdf)
    forms: set[object] = set()
    uses = 0
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for name, ref in xobjects.items():
            if name.startswith("/FormXob.qr"):
                forms.add(ref.idnum)
        uses += page.get_contents().get_data().count(b"/FormXob.qr")
    assert len(forms) == 2 and uses == 4  # two codes, each defined once and drawn on both days' sheets
    assert sorted(_read_codes(pdf, tmp_path, 150)) == sorted(IDS[:2] * 2)


def test_the_cached_path_fills_exactly_the_dark_modules() -> None:
    """The path drawn (cached per content) is the encoder's matrix, module for module."""
    for value in IDS:
        n, ops = path_operators(value)
        rows = matrix(value)
        assert n == len(rows) == len(rows[0])
        assert not any(rows[0]) and not any(r[0] for r in rows)  # the quiet zone is white
        filled = [[False] * n for _ in range(n)]
        for op in ops.splitlines()[:-1]:
            x, y, w, h, kw = op.split()
            assert kw == "re" and h == "1"
            for col in range(int(x), int(x) + int(w)):
                filled[n - 1 - int(y)][col] = True
        assert tuple(tuple(r) for r in filled) == rows
        assert ops.endswith("\nf")
        assert sum(map(sum, rows)) > (n - 2 * QUIET_ZONE) ** 2 // 3  # a real code, not an empty square
        assert path_operators(value) is path_operators(value)  # the cache hands back the same path


def test_the_code_cell_takes_the_room_the_nested_table_took() -> None:
    """QrWithLabel replaced a one-row Table (code, label) in every row: rows keep their height."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table

    from sasaeai_desktop.io.pdf.common import register_fonts
    from sasaeai_desktop.io.pdf.common import styles
    from sasaeai_desktop.io.pdf.linebreak import JaParagraph
    from sasaeai_desktop.io.pdf.qr import QrCode
    from sasaeai_desktop.io.pdf.qr import QrWithLabel

    register_fonts()
    tiny = styles()["tiny"]
    for label in ("R0001", "A-LONG-CODE-1234567"):  # one line, and one that wraps
        ours = QrWithLabel(IDS[0], 13 * mm, JaParagraph(label, tiny), 14 * mm, 11 * mm)
        table = Table([[QrCode(IDS[0], 13 * mm), JaParagraph(label, tiny)]], colWidths=[14 * mm, 11 * mm],
                      style=[("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
        assert ours.wrap(26 * mm, 500) == pytest.approx(table.wrap(26 * mm, 500))
