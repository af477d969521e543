"""The shared PDF base: embedded font only, page numbers, visible glyph replacement, atomic write."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph

from sasaeai_desktop.io.pdf.common import REPLACEMENT
from sasaeai_desktop.io.pdf.common import GlyphReport
from sasaeai_desktop.io.pdf.common import PageDecor
from sasaeai_desktop.io.pdf.common import build_pdf
from sasaeai_desktop.io.pdf.common import escape
from sasaeai_desktop.io.pdf.common import printable
from sasaeai_desktop.io.pdf.common import styles

needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")


def _story(n: int) -> list[Paragraph]:
    st = styles()
    return [Paragraph(escape(f"{i}: 髙橋 﨑子 協議体の立ち上げ\n居場所づくり"), st["body"]) for i in range(n)]


@needs_poppler
def test_every_font_is_embedded_and_text_extractable(tmp_path: Path) -> None:
    pdf = tmp_path / "x.pdf"
    pages = build_pdf(pdf, _story(200), title="テスト", subject="試験", decor=PageDecor(footer_left="長野県 介護支援課"))
    assert pages > 1
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts), fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "髙橋 﨑子" in text and f"1/{pages}" in text.replace(" ", "") and "長野県 介護支援課" in text


def test_missing_glyph_is_replaced_visibly_and_reported() -> None:
    report = GlyphReport()
    # U+30000 (CJK Extension G) is in neither bundled font; 𠮷 is in the fallback gothic.
    assert printable("\U00030000田 太郎", report, "名簿3行目") == f"{REPLACEMENT}田 太郎"
    assert report.messages() and "U+30000" in report.messages()[0] and "名簿3行目" in report.messages()[0]
    assert printable("髙橋 﨑 𠮷田 辻\U000E0100", report) == "髙橋 﨑 𠮷田 辻\U000E0100"


def test_failed_build_leaves_no_file(tmp_path: Path) -> None:
    class Boom(Paragraph):
        def wrap(self, *a):  # type: ignore[no-untyped-def]
            raise RuntimeError("boom")

    target = tmp_path / "out.pdf"
    with pytest.raises(RuntimeError):
        build_pdf(target, [Boom("x", styles()["body"])], title="x", subject="x")
    assert list(tmp_path.iterdir()) == []


NAMES = ["𠮷田 花子", "𡈽屋 次郎", "髙橋 一郎", "山﨑 恵子", "\ufa10本 健", "辻\U000E0100 美和", "辻 太郎"]


@needs_poppler
def test_names_outside_the_bmp_and_with_selectors_extract_as_stored(tmp_path: Path) -> None:
    """𡈽 came back as 「℣屋」 (reportlab wrote its ToUnicode as <2123D>), 𠮷 and 辻+U+E0100 printed
    〓: now the fallback gothic draws 𠮷, the font's variant draws 辻+U+E0100, and the text layer
    holds every name exactly — in Paragraphs and in plain canvas strings alike."""
    from reportlab.pdfgen.canvas import Canvas

    from sasaeai_desktop.io.pdf.common import FONT

    pdf = tmp_path / "names.pdf"
    build_pdf(pdf, [Paragraph(escape(printable(n)), styles()["body"]) for n in NAMES], title="氏名", subject="氏名")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.split("\n")[: len(NAMES)] == NAMES
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "IPAexGothic" in fonts and "SasaeAIFallbackGothic" in fonts
    # the variation sequence draws the font's own variant glyph (aj3056), not the plain 辻
    from sasaeai_desktop.io.pdf.common import font

    f = font()
    (_, stand_in), = f.runs("辻\U000E0100")
    assert f.face.charToGlyph[ord(stand_in)] != f.face.charToGlyph[ord("辻")]

    canvas_pdf = tmp_path / "canvas.pdf"
    c = Canvas(str(canvas_pdf))
    for i, name in enumerate(NAMES):
        c.setFont(FONT, 12)
        c.drawString(72, 700 - 20 * i, printable(name))
    c.save()
    text = subprocess.run(["pdftotext", str(canvas_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert text.split("\n")[: len(NAMES)] == NAMES
