"""What every printout shares: the embedded Japanese font, A4 pages, "1 / 3" page numbers,
the office footer, Japanese line breaking, and visible replacement of characters the font lacks.

Every font in our PDFs is embedded: reportlab's canvas would otherwise start in Helvetica (a
standard font that is never embedded), so the canvas base font is switched to IPAexGothic
before any canvas exists. IPAexGothic is subset and embedded by reportlab automatically, and so
is the fallback gothic for the characters it lacks (io.pdf.fonts: one font name, two files).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate
from reportlab.platypus import Flowable
from reportlab.platypus import Frame
from reportlab.platypus import PageTemplate

from sasaeai_desktop import cancellation
from sasaeai_desktop.io.output_files import replacing
from sasaeai_desktop.io.pdf.fonts import JapaneseFont
from sasaeai_desktop.io.pdf.fonts import TrueTypeFile
from sasaeai_desktop.io.pdf.fonts import is_selector
from sasaeai_desktop.paths import resource_path

PROGRAM = "SasaeAI Desktop"
FONT = "IPAexGothic"
FALLBACK_FONT = "SasaeAIFallbackGothic"
REPLACEMENT = "〓"  # the 下駄 mark: how Japanese print shows a character that could not be set


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the bundled font once and make it the canvas default; returns its name."""
    fallback = TrueTypeFile(FALLBACK_FONT, str(resource_path("fonts", "sasaeai-fallback-gothic.ttf")))
    pdfmetrics.registerFont(fallback)
    font = JapaneseFont(FONT, str(resource_path("fonts", "ipaexg.ttf")), fallback)
    pdfmetrics.registerFont(font)
    # One face only: bold and italic map to it so <b> in a Paragraph never falls back to Helvetica.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)
    rl_config.canvas_basefontname = FONT
    # platypus read the old default when it was imported: a Table cell without its own FONTNAME
    # (even an empty one) would still select Helvetica, which is never embedded.
    from reportlab.platypus import tables

    tables.CellStyle.fontname = FONT
    return FONT


def font() -> JapaneseFont:
    register_fonts()
    return pdfmetrics.getFont(FONT)


@lru_cache(maxsize=1)
def _drawable() -> frozenset[str]:
    """Every character one of the two fonts draws, with line breaks, tabs and the variation
    selectors: one C-speed superset test clears almost every text of a printout."""
    f = font()
    codes = set(f.face.charToGlyph) | set(f.fallback.face.charToGlyph)
    selectors = [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]
    return frozenset(map(chr, codes)) | frozenset("\n\r\t") | frozenset(map(chr, selectors))


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` neither bundled font can draw (line breaks and tabs aside; a
    variation selector is printed with its base character, io.pdf.fonts)."""
    if _drawable().issuperset(text):
        return []
    f = font()
    return sorted({ch for ch in text if ch not in "\n\r\t" and not is_selector(ch) and not f.has_glyph(ch)})


@dataclass
class GlyphReport:
    """Characters replaced by 〓, with where they were, for the caller to tell the user."""

    replaced: dict[str, list[str]] = field(default_factory=dict)  # character → places

    def add(self, ch: str, where: str) -> None:
        self.replaced.setdefault(ch, []).append(where)

    def messages(self) -> list[str]:
        return [
            f"「{ch}」（U+{ord(ch):04X}）はフォントにないため「{REPLACEMENT}」で印刷しました: {'、'.join(places[:5])}"
            + (f" ほか{len(places) - 5}件" if len(places) > 5 else "")
            for ch, places in sorted(self.replaced.items())
        ]


def printable(text: str, report: GlyphReport | None = None, where: str = "") -> str:
    """``text`` with characters the font lacks replaced visibly (never silently dropped)."""
    missing = missing_glyphs(text)
    if not missing:
        return text
    for ch in missing:
        if report is not None:
            report.add(ch, where or text[:20])
        text = text.replace(ch, REPLACEMENT)
    return text


def escape(text: str) -> str:
    """Paragraph markup escaping; line breaks become <br/>."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r\n", "\n").replace("\n", "<br/>")
    )


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles for ``JaParagraph`` (io.pdf.linebreak: wordWrap='CJK' selects its Japanese
    line breaking); titles shrink to 75 % to stay on one line before they break."""
    register_fonts()
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=15, wordWrap="CJK", alignment=TA_LEFT)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=12),
        "tiny": ParagraphStyle("tiny", parent=base, fontSize=7.5, leading=10),
        "title": ParagraphStyle("title", parent=base, fontSize=17, leading=24, alignment=TA_CENTER, spaceAfter=4,
                                shrinkToFit=0.75),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=15, alignment=TA_CENTER,
                                   shrinkToFit=0.8),
        "heading": ParagraphStyle("heading", parent=base, fontSize=12, leading=17, spaceBefore=6, spaceAfter=3,
                                  shrinkToFit=0.85),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
    }


GRID = colors.HexColor("#555555")
HEADER_FILL = colors.HexColor("#E6E6E6")  # light grey: reads in black-and-white print


@dataclass(frozen=True)
class PageDecor:
    """What goes around the content on every page."""

    header_left: str = ""
    header_right: str = ""
    footer_left: str = ""  # e.g. the office name and phone from settings
    page_numbers: bool = True  # "1 / 3" centred at the bottom


class _NumberedCanvas(Canvas):
    """Defers page output until the page count is known, so pages read "2 / 5"."""

    decor: PageDecor = PageDecor()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self._draw_decor(total)
            super().showPage()
        super().save()

    def _draw_decor(self, total: int) -> None:
        d = self.decor
        width, height = self._pagesize
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillColor(colors.black)
        if d.header_left:
            self.drawString(15 * mm, height - 10 * mm, printable(d.header_left))
        if d.header_right:
            self.drawRightString(width - 15 * mm, height - 10 * mm, printable(d.header_right))
        if d.footer_left:
            self.drawString(15 * mm, 8 * mm, printable(d.footer_left))
        if d.page_numbers:
            self.drawRightString(width - 15 * mm, 8 * mm, f"{self._pageNumber} / {total}")
        self.restoreState()


def creator() -> str:
    from sasaeai_desktop import __version__

    return f"{PROGRAM} {__version__}"


def set_metadata(canvas: Canvas, *, title: str, subject: str, author: str = "") -> None:
    """The document information of a PDF drawn straight on a canvas (build_pdf sets the same):
    without it reportlab writes Creator "anonymous" and no title."""
    canvas.setTitle(title)
    canvas.setSubject(subject)
    canvas.setAuthor(author or PROGRAM)
    canvas.setCreator(creator())


def page_size(orientation: str = "portrait") -> tuple[float, float]:
    return landscape(A4) if orientation == "landscape" else A4


def build_pdf(
    path: str | os.PathLike[str],
    story: Sequence[Flowable],
    *,
    title: str,
    subject: str,
    decor: PageDecor = PageDecor(),
    orientation: str = "portrait",
    margins_mm: tuple[float, float, float, float] = (15, 15, 16, 16),  # left, right, top, bottom
    author: str = "",  # the office name from settings; the program when there is none
    on_page: Callable[[Canvas, BaseDocTemplate], None] | None = None,
    on_page_end: Callable[[Canvas, BaseDocTemplate], None] | None = None,
) -> int:
    """Write an A4 PDF atomically (temporary file, then rename); returns the page count.
    ``title`` names the document with its date (和暦) where it has one; ``subject`` says what kind
    of printout it is."""
    register_fonts()
    path = Path(path)
    size = page_size(orientation)
    left, right, top, bottom = (m * mm for m in margins_mm)
    canvas_cls = type("DecoratedCanvas", (_NumberedCanvas,), {"decor": decor})
    with replacing(path) as tmp:
        doc = BaseDocTemplate(
            str(tmp), pagesize=size, title=title, author=author or PROGRAM, subject=subject, creator=creator(),
            leftMargin=left, rightMargin=right, topMargin=top, bottomMargin=bottom,
            initialFontName=FONT,
        )
        frame = Frame(left, bottom, size[0] - left - right, size[1] - top - bottom, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page or (lambda c, d: None),
                                           onPageEnd=on_page_end or (lambda c, d: None))])
        abort = cancellation.current()
        doc.afterFlowable = lambda _flowable: cancellation.check(abort)  # 中止 between two flowables
        doc.build(list(story), canvasmaker=canvas_cls)
        pages = doc.page
    return pages
