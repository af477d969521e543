"""One activity of the booklet (事例集) as a card of half an A4 page or a whole one.

A card is measured before it is placed: its parts (name, place, photos, the table of 実施主体 …
連絡先, the 紹介文) are wrapped at the card's width and their heights summed, so a long text takes
a whole page or a smaller size instead of running past the card's edge (``fit_card``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

from sasaeai_desktop.domain.booklet import BookletEntry
from sasaeai_desktop.domain.booklet import BookletPhoto
from sasaeai_desktop.io.pdf.common import FONT
from sasaeai_desktop.io.pdf.common import GRID
from sasaeai_desktop.io.pdf.common import HEADER_FILL
from sasaeai_desktop.io.pdf.common import escape
from sasaeai_desktop.io.pdf.common import printable
from sasaeai_desktop.io.pdf.common import styles
from sasaeai_desktop.io.pdf.linebreak import JaParagraph

if TYPE_CHECKING:
    from sasaeai_desktop.io.pdf.common import GlyphReport

PAD = 3 * mm
GAP = 2.5 * mm  # between the parts of a card
SIZES = (9.5, 8.5, 7.5)  # body text sizes tried, largest first
LABEL_WIDTH = 22 * mm
ACCENT = colors.HexColor("#2F5D8A")  # the kind's label: dark enough for black-and-white print


class _Jpeg(ImageReader):
    """A stored JPEG for ``canvas.drawImage``: its bytes go into the PDF as they are (DCTDecode),
    never decoded and re-compressed. The canvas names an image by a digest of ``getRGBData()``
    (it only hashes it): here that is the JPEG file itself, as unique as the pixels and free."""

    _dataA = None

    def __init__(self, jpeg: bytes) -> None:
        super().__init__(io.BytesIO(jpeg))
        self._jpeg = jpeg

    def getRGBData(self) -> bytes:
        return self._jpeg


class PhotoRow(Flowable):
    """Up to three photos side by side, each fitted in its share of the row, captions beneath."""

    def __init__(self, photos: Sequence[BookletPhoto], height: float, captions: list[str], caption_size: float) -> None:
        super().__init__()
        self.photos, self.row_height, self.captions, self.caption_size = photos, height, captions, caption_size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        caption = self.caption_size * 1.4 if any(self.captions) else 0.0
        self.height = self.row_height + caption
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        n = len(self.photos)
        box = (self.width - GAP * (n - 1)) / n
        top = self.height
        for i, (photo, caption) in enumerate(zip(self.photos, self.captions)):
            x = i * (box + GAP)
            scale = min(box / max(photo.width, 1), self.row_height / max(photo.height, 1))
            w, h = photo.width * scale, photo.height * scale
            c.drawImage(_Jpeg(photo.jpeg), x + (box - w) / 2, top - h, w, h)
            if caption:
                c.setFont(FONT, self.caption_size)
                c.drawCentredString(x + box / 2, top - self.row_height - self.caption_size * 1.15, caption)


@dataclass
class CardParts:
    parts: list[tuple[Flowable, float]]  # each wrapped at the card's width, with its height
    height: float


def fit_line(text: str, size: float, width: float) -> str:
    """``text`` cut with … to one line of ``width`` (a caption under a photo, a line of the contents)."""
    if stringWidth(text, FONT, size) <= width:
        return text
    while text and stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text + "…"


def card_parts(entry: BookletEntry, width: float, size: float, photo_height: float, section: str,
               report: GlyphReport | None, texts: tuple[str, str] | None = None) -> CardParts:
    """The card's parts at body size ``size``; ``texts`` replaces 内容 and 紹介文 (shortened)."""
    st = styles()
    where = entry.name[:20]

    def para(text: str, style: Any) -> JaParagraph:
        return JaParagraph(escape(printable(text, report, where)), style)

    body = st["body"].clone("bk_body", fontSize=size, leading=size * 1.45)
    label = body.clone("bk_label", textColor=colors.black)
    name = st["heading"].clone("bk_name", fontSize=size + 5, leading=(size + 5) * 1.3, spaceBefore=0, spaceAfter=0,
                               shrinkToFit=0.8)
    meta = body.clone("bk_meta", fontSize=size - 0.5, leading=(size - 0.5) * 1.4, textColor=colors.HexColor("#333333"))
    content, description = texts if texts is not None else (entry.content, entry.description)
    kind = f'<font color="#FFFFFF" backColor="{ACCENT.hexval().replace("0x", "#")}">&nbsp;{escape(printable(entry.kind, report, where))}&nbsp;</font>&nbsp;' \
        if entry.kind else ""
    place = "　".join(x for x in (entry.municipality, entry.area) if x)
    flow: list[Flowable] = [
        JaParagraph(kind + escape(printable(entry.name, report, where)), name),
        para(f"{place}　｜　{section}" if section and section != entry.municipality else place, meta),
    ]
    if entry.photos:
        usable = (width - 2 * PAD - GAP * (len(entry.photos) - 1)) / len(entry.photos)
        caption_size = max(size - 2, 6.5)
        captions = [fit_line(printable(p.caption, report, where), caption_size, usable) for p in entry.photos]
        flow.append(PhotoRow(entry.photos, photo_height, captions, caption_size))
    fields = [("実施主体", entry.organiser), ("内容", content), ("曜日・時間", entry.schedule),
              ("頻度", entry.frequency), ("参加人数", f"約{entry.participants:,}人" if entry.participants else ""),
              ("費用", entry.cost), ("連絡先", entry.contact)]
    rows = [[para(k, label), para(v, body)] for k, v in fields if v]
    if rows:
        table = Table(rows, colWidths=[LABEL_WIDTH, width - 2 * PAD - LABEL_WIDTH])
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]))
        flow.append(table)
    if description:
        flow.append(para(description, body))
    parts = [(f, f.wrap(width - 2 * PAD, 10_000)[1]) for f in flow]
    return CardParts(parts, sum(h for _, h in parts) + GAP * (len(parts) - 1) + 2 * PAD)


class Card(Flowable):
    """A measured card drawn at its slot's full height (half a page or a page)."""

    def __init__(self, parts: CardParts, slot_height: float, on_draw: Any = None) -> None:
        super().__init__()
        self.card, self.slot_height, self.on_draw = parts, slot_height, on_draw

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.slot_height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(GRID)
        c.setLineWidth(0.6)
        c.roundRect(0, 1 * mm, self.width, self.slot_height - 2 * mm, 2 * mm)
        y = self.slot_height - 1 * mm - PAD
        for flowable, height in self.card.parts:
            y -= height
            flowable.drawOn(c, PAD, y)
            y -= GAP
        if self.on_draw is not None:
            self.on_draw()


def shortened(text: str, keep: float) -> str:
    """The first ``keep`` share of ``text``, cut at a line or sentence end when one is near, with …."""
    if not text:
        return text
    cut = max(1, int(len(text) * keep))
    head = text[:cut]
    end = max(head.rfind("。"), head.rfind("\n"))
    if end > cut * 0.6:
        head = head[:end + 1]
    return head.rstrip() + "…（以下略）"
