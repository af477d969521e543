"""The booklet of local activities (事例集) as an A4 portrait PDF: a cover with the title and the
年度, the contents by 圏域 (or municipality) with page numbers, then the activities, two to a page,
or a whole page for one whose texts do not fit half of one.

Every card is measured first (io/pdf/booklet_card.py), so the page of every activity is known
before anything is drawn: the contents print their page numbers in one pass, with no second build.
Each section starts on a new page. The booklet prints what it is given: the choice of what may
be published is the service's (services/catalogue/booklet.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable
from reportlab.platypus import PageBreak

from sasaeai_desktop import cancellation
from sasaeai_desktop.domain.booklet import Booklet
from sasaeai_desktop.domain.booklet import BookletEntry
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.io.pdf.booklet_card import SIZES
from sasaeai_desktop.io.pdf.booklet_card import Card
from sasaeai_desktop.io.pdf.booklet_card import CardParts
from sasaeai_desktop.io.pdf.booklet_card import card_parts
from sasaeai_desktop.io.pdf.booklet_card import fit_line
from sasaeai_desktop.io.pdf.booklet_card import shortened
from sasaeai_desktop.io.pdf.common import FONT
from sasaeai_desktop.io.pdf.common import HEADER_FILL
from sasaeai_desktop.io.pdf.common import PageDecor
from sasaeai_desktop.io.pdf.common import build_pdf
from sasaeai_desktop.io.pdf.common import page_size
from sasaeai_desktop.io.pdf.common import printable
from sasaeai_desktop.io.pdf.common import register_fonts
from sasaeai_desktop.io.pdf.linebreak import wrap_text

if TYPE_CHECKING:
    from sasaeai_desktop.io.pdf.common import GlyphReport

__all__ = ["write_booklet_pdf"]

MARGINS = (15.0, 15.0, 16.0, 16.0)  # left, right, top, bottom (mm), as build_pdf's default
ROW = 6.2 * mm  # a line of the contents
CONTENTS_TITLE = 16 * mm
NOTHING_WRITTEN = "事例集の作成を中止しました。ファイルは作成していません。"


def _frame() -> tuple[float, float]:
    width, height = page_size()
    left, right, top, bottom = (x * mm for x in MARGINS)
    return width - left - right, height - top - bottom


@dataclass
class _Placed:
    entry: BookletEntry
    section: str
    card: CardParts
    full: bool
    page: int = 0  # 0-based among the activity pages


def fit_card(entry: BookletEntry, section: str, width: float, half: float, full: float,
             report: GlyphReport | None, notes: list[str]) -> tuple[CardParts, bool]:
    """The card at the largest size that fits half a page, else a whole page; a text too long even
    for a whole page at the smallest size is shortened (and said so in ``notes``)."""
    for size in SIZES[:2]:
        card = card_parts(entry, width, size, 42 * mm, section, report)
        if card.height <= half:
            return card, False
    for size in SIZES:
        card = card_parts(entry, width, size, 70 * mm, section, report)
        if card.height <= full:
            return card, True
    keep = 0.9
    while keep > 0.05:
        texts = (shortened(entry.content, keep), shortened(entry.description, keep))
        card = card_parts(entry, width, SIZES[-1], 55 * mm, section, report, texts)
        if card.height <= full:
            notes.append(f"「{entry.name}」は内容・紹介文が1ページに収まらないため、途中までを印刷しました。")
            return card, True
        keep *= 0.8
    raise ValueError(f"the card of {entry.name!r} does not fit a page")  # 120-character fields always fit


def _plan(booklet: Booklet, report: GlyphReport | None, notes: list[str]) -> list[_Placed]:
    width, height = _frame()
    half, full = height / 2 - 2 * mm, height - 2 * mm
    placed: list[_Placed] = []
    page, used = 0, 0  # halves used on ``page``
    for section in booklet.sections:
        if used:
            page, used = page + 1, 0
        for entry in section.entries:
            card, is_full = fit_card(entry, section.name, width, half, full, report, notes)
            if used == 2 or (is_full and used):
                page, used = page + 1, 0
            placed.append(_Placed(entry, section.name, card, is_full, page))
            used += 2 if is_full else 1
    return placed


def _contents_rows(booklet: Booklet, placed: list[_Placed]) -> list[tuple[str, str, str, int]]:
    """(kind of row, text, kind, page index): a section's heading, then its activities."""
    rows: list[tuple[str, str, str, int]] = []
    i = 0
    for section in booklet.sections:
        rows.append(("section", section.name, "", placed[i].page))
        for _ in section.entries:
            p = placed[i]
            rows.append(("entry", f"{p.entry.name}（{p.entry.municipality}）", p.entry.kind, p.page))
            i += 1
    return rows


def _contents_chunks(rows: list[tuple[str, str, str, int]]) -> list[list[tuple[str, str, str, int]]]:
    """The rows of each contents page (fixed rows, so the page count is known before drawing); a
    section's heading never ends a page without its first activity."""
    height = _frame()[1]
    room = [int((height - CONTENTS_TITLE) // ROW), int(height // ROW)]
    chunks: list[list[tuple[str, str, str, int]]] = [[]]
    for row in rows:
        if len(chunks[-1]) >= room[len(chunks) > 1]:
            moved = [chunks[-1].pop()] if chunks[-1][-1][0] == "section" else []
            chunks.append(moved)
        chunks[-1].append(row)
    return chunks


class _Cover(Flowable):
    def __init__(self, booklet: Booklet, count: int, report: GlyphReport | None) -> None:
        super().__init__()
        self.booklet, self.count, self.report = booklet, count, report

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, _frame()[1] - 1
        return self.width, self.height

    def draw(self) -> None:
        c, b = self.canv, self.booklet
        c.setFillColor(HEADER_FILL)
        c.rect(0, self.height * 0.52, self.width, self.height * 0.3, stroke=0, fill=1)
        c.setFillColor(colors.black)
        size = 26.0
        lines = wrap_text(printable(b.title, self.report, "表題"), FONT, size, self.width - 20 * mm)
        y = self.height * 0.52 + self.height * 0.15 + (len(lines) - 1) * size * 0.7
        c.setFont(FONT, size)
        for line in lines:
            c.drawCentredString(self.width / 2, y, line)
            y -= size * 1.4
        c.setFont(FONT, 16)
        c.drawCentredString(self.width / 2, self.height * 0.45, b.year_label)
        if b.prefecture:
            c.drawCentredString(self.width / 2, self.height * 0.45 - 12 * mm, printable(b.prefecture, self.report))
        c.setFont(FONT, 10.5)
        y = self.height * 0.25
        for line in [*b.conditions, f"掲載 {self.count:,} 件"]:
            c.drawCentredString(self.width / 2, y, fit_line(printable(line, self.report), 10.5, self.width))
            y -= 6 * mm


class _ContentsPage(Flowable):
    """One page of the contents: fixed rows, so how many pages they take is known in advance."""

    def __init__(self, rows: list[tuple[str, str, str, int]], first: bool, page_offset: int, grouping: str) -> None:
        super().__init__()
        self.rows, self.first, self.offset, self.grouping = rows, first, page_offset, grouping

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, _frame()[1] - 1
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        y = self.height
        if self.first:
            c.setFont(FONT, 16)
            c.drawString(0, y - 9 * mm, "目次")
            c.setFont(FONT, 9)
            c.drawRightString(self.width, y - 9 * mm, f"（{self.grouping}ごと）")
            y -= CONTENTS_TITLE
        kind_w, page_w = 30 * mm, 12 * mm
        for what, text, kind, page in self.rows:
            y -= ROW
            number = str(page + self.offset)
            if what == "section":
                c.setFillColor(HEADER_FILL)
                c.rect(0, y + 0.8 * mm, self.width, ROW - 0.8 * mm, stroke=0, fill=1)
                c.setFillColor(colors.black)
                c.setFont(FONT, 10.5)
                c.drawString(2 * mm, y + 2.2 * mm, fit_line(text, 10.5, self.width - page_w - 4 * mm))
            else:
                c.setFont(FONT, 9.5)
                c.drawString(5 * mm, y + 2.2 * mm, fit_line(text, 9.5, self.width - kind_w - page_w - 8 * mm))
                c.setFont(FONT, 8.5)
                c.drawString(self.width - kind_w - page_w, y + 2.2 * mm, fit_line(kind, 8.5, kind_w - 2 * mm))
            c.drawRightString(self.width, y + 2.2 * mm, number)


class _Progress:
    def __init__(self, total: int, progress: Progress | None, abort: Any) -> None:
        self.total, self.done, self.progress, self.abort = total, 0, progress, abort

    def __call__(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(min(1.0, 0.2 + 0.8 * self.done / self.total),
                          f"事例集を組版しています（{self.done:,}/{self.total:,}件）…")
        cancellation.check(self.abort, NOTHING_WRITTEN)


def write_booklet_pdf(path: str | os.PathLike[str], booklet: Booklet, *, footer: str = "", author: str = "",
                      report: GlyphReport | None = None, notes: list[str] | None = None,
                      progress: Progress | None = None, abort: Any = None) -> int:
    """Write the booklet (atomically); returns the page count. ``notes`` gets a line for every
    activity whose texts had to be shortened to fit a page."""
    register_fonts()
    notes = notes if notes is not None else []
    if progress is not None:
        progress(0.05, "事例集のページを割り付けています…")
    placed = _plan(booklet, report, notes)
    cancellation.check(abort, NOTHING_WRITTEN)
    rows = [(w, printable(t, report), printable(k, report), p) for w, t, k, p in _contents_rows(booklet, placed)]
    chunks = _contents_chunks(rows)
    first_activity_page = 2 + len(chunks)  # the cover is page 1
    height = _frame()[1]
    story: list[Flowable] = [_Cover(booklet, booklet.entry_count, report), PageBreak()]
    for i, chunk in enumerate(chunks):
        story += [_ContentsPage(chunk, i == 0, first_activity_page, booklet.grouping), PageBreak()]
    tick = _Progress(len(placed), progress, abort)
    for i, p in enumerate(placed):
        if i and p.page != placed[i - 1].page:
            story.append(PageBreak())
        slot = height - 0.5 if p.full else height / 2 - 0.5
        story.append(Card(p.card, slot, tick))
    year = booklet.year_label.split("（")[0]
    # The running head at 8 pt: a long title is cut to leave room for the 年度 at the right.
    head = fit_line(printable(booklet.title, report), 8, _frame()[0] - 30 * mm)
    decor = PageDecor(header_left=head, header_right=year, footer_left=footer)
    return build_pdf(Path(path), story, title=f"{booklet.title} {year}", subject="地域資源・活動事例の事例集",
                     author=author, decor=decor, margins_mm=MARGINS)
