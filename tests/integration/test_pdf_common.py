"""The shared PDF base: embedded font only, page numbers, visible glyph replacement, atomic write."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from sasaeai_desktop.io.pdf.common import REPLACEMENT, GlyphReport, PageDecor, build_pdf, escape, printable, styles

needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")


def _story(n: int) -> list[Paragraph]:
    st = styles()
    return [Paragraph(escape(f"{i}: 髙橋 﨑子 協議体の立ち上げ\n居場所づくり"), st["body"]) for i in range(n)]


@needs_poppler
def test_every_font_is_embedded_and_text_extractable(tmp_path: Path) -> None:
    pdf = tmp_path / "x.pdf"
    pages = build_pdf(pdf, _story(200), title="テスト", decor=PageDecor(footer_left="長野県 介護支援課"))
    assert pages > 1
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts), fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "髙橋 﨑子" in text and f"1/{pages}" in text.replace(" ", "") and "長野県 介護支援課" in text


def test_missing_glyph_is_replaced_visibly_and_reported() -> None:
    report = GlyphReport()
    assert printable("𠮷田 太郎", report, "名簿3行目") == f"{REPLACEMENT}田 太郎"
    assert report.messages() and "U+20BB7" in report.messages()[0] and "名簿3行目" in report.messages()[0]
    assert printable("髙橋 﨑", report) == "髙橋 﨑"  # both are in IPAexGothic


def test_failed_build_leaves_no_file(tmp_path: Path) -> None:
    class Boom(Paragraph):
        def wrap(self, *a):  # type: ignore[no-untyped-def]
            raise RuntimeError("boom")

    target = tmp_path / "out.pdf"
    with pytest.raises(RuntimeError):
        build_pdf(target, [Boom("x", styles()["body"])], title="x")
    assert list(tmp_path.iterdir()) == []
