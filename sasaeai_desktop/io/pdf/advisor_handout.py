"""The advisor-list handout as an A4 portrait PDF (reportlab platypus).

Page 1 opens with the title (年度, 「○年○月○日現在」), a boxed note on how to contact the advisors
and what the list may be used for; then one card per advisor::

    ┌ ふりがな ─────────┬ 所属 ──────────────────┬ 連絡先 ──────────────┐
    │ 氏名 (large)       │ 所属法人等の名称　職名     │ 電話 026-…           │
    │ 区分 / 研修での役割 │                          │ メール …             │
    ├────────────────────┴──────────────────────────┴──────────────────────┤
    │ 活動分野  協議体の立ち上げ ／ 居場所づくり                            │
    │ 日頃の活動分野 (free text, wrapped over the full width)               │
    │ 担当市町村  松本市（主担当）、塩尻市（副担当）                        │
    └───────────────────────────────────────────────────────────────────────┘

under headings (あ行, か行 … or one per field of activity). Every page: the title and date at the
top, the office's name and contact at the bottom left, "2 / 9" at the bottom right (io.pdf.common).

Rules the layout keeps:
- a card is never split across pages (KeepTogether); the free text spans the whole width, so
  even 2,000 characters of it fit on one page. A card taller than a whole page (tens of thousands
  of characters) is printed over several pages — its name row repeated, the text marked 「続き」 —
  and reported, never cut and never a crash;
- only black, white and light grey (reads the same on a monochrome printer);
- characters the font lacks are printed as 〓 and reported (io.pdf.common.printable).

This module knows nothing about the database: it prints a ``domain.advisor_handout.Handout``.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable
from reportlab.platypus import KeepTogether
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

from sasaeai_desktop import cancellation
from sasaeai_desktop.domain.progress import Progress

from .common import FONT
from .common import GlyphReport
from .common import PageDecor
from .common import build_pdf
from .common import escape
from .common import printable
from .common import styles
from .linebreak import JaParagraph

if TYPE_CHECKING:  # plain data (domain); only the type checker needs it
    from sasaeai_desktop.domain.advisor_handout import Handout
    from sasaeai_desktop.domain.advisor_handout import HandoutEntry

__all__ = ["CONTENT_WIDTH", "FRAME_HEIGHT", "RenderResult", "render_handout"]

MARGINS_MM = (15.0, 15.0, 16.0, 16.0)  # left, right, top, bottom (io.pdf.common.build_pdf)
CONTENT_WIDTH = (210 - MARGINS_MM[0] - MARGINS_MM[1]) * mm
FRAME_HEIGHT = (297 - MARGINS_MM[2] - MARGINS_MM[3]) * mm
COL_WIDTHS = (44 * mm, 72 * mm, CONTENT_WIDTH - 116 * mm)  # 氏名 | 所属 | 連絡先 (an e-mail address on one line)
CELL_PADDING = 4.5
CARD_GAP = 2.6 * mm
CHECK_EVERY = 25  # cards between progress reports / abort checks
NOTHING_WRITTEN = "キャンセルしました。PDFは作成していません。"

BLACK = colors.black
LINE_GREY = colors.HexColor("#7A7A7A")
NAME_FILL = colors.HexColor("#EDEDED")  # light grey: visible on a monochrome print, text stays black
HEADING_FILL = colors.HexColor("#D9D9D9")



@dataclass
class RenderResult:
    pages: int
    warnings: list[str] = field(default_factory=list)
    split_entries: list[str] = field(default_factory=list)  # names printed over several pages


def _styles() -> dict[str, ParagraphStyle]:
    base = styles()["body"]
    s = {
        "kana": ParagraphStyle("h_kana", parent=base, fontSize=7, leading=9),
        "name": ParagraphStyle("h_name", parent=base, fontSize=12.5, leading=16),
        "label": ParagraphStyle("h_label", parent=base, fontSize=6.8, leading=9, textColor=colors.HexColor("#333333")),
        "cell": ParagraphStyle("h_cell", parent=base, fontSize=8.8, leading=12.2),
        "small": ParagraphStyle("h_small", parent=base, fontSize=7.8, leading=10.4),
        "text": ParagraphStyle("h_text", parent=base, fontSize=8.8, leading=12.6),
        "heading": ParagraphStyle(
            "h_heading", parent=base, fontSize=10.5, leading=14, backColor=HEADING_FILL, borderPadding=(2.2, 4, 2.2, 4),
            spaceBefore=7, spaceAfter=6, leftIndent=4, rightIndent=4,  # the band spans the cards exactly
        ),
        "title": ParagraphStyle("h_title", parent=base, fontSize=16, leading=22, alignment=TA_CENTER, shrinkToFit=0.75),
        "subtitle": ParagraphStyle("h_subtitle", parent=base, fontSize=11, leading=16, alignment=TA_CENTER,
                                   shrinkToFit=0.8),
        "center": ParagraphStyle("h_center", parent=base, fontSize=9, leading=13, alignment=TA_CENTER),
        "note_head": ParagraphStyle("h_note_head", parent=base, fontSize=9.5, leading=14),
        "note": ParagraphStyle("h_note", parent=base, fontSize=8.6, leading=12.6, leftIndent=9, firstLineIndent=-9),
    }
    return s


_CARD_STYLE = TableStyle([
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BOX", (0, 0), (-1, -1), 0.9, BLACK),
    ("LINEBELOW", (0, 0), (-1, 0), 0.5, LINE_GREY),
    ("LINEAFTER", (0, 0), (1, 0), 0.5, LINE_GREY),
    ("BACKGROUND", (0, 0), (0, 0), NAME_FILL),
    ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
])


class _Para(JaParagraph):
    """A Paragraph that breaks its lines once per width. A card's paragraphs are wrapped again
    and again with the same width — by the table measuring its rows, by KeepTogether, by the
    frame and by the table drawing its cells — and line breaking is most of the cost of a page."""

    _wrapped_for: float | None = None
    _wrapped: tuple[float, float] = (0.0, 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._wrapped_for != availWidth:
            self._wrapped = super().wrap(availWidth, availHeight)
            self._wrapped_for = availWidth
        return self._wrapped


class _SectionMark(Flowable):
    """Takes no room; drawn with a card, it tells its page which section the card is in, for the
    running head (「か行 〜 さ行」, 「移動支援（続き）」) that ``_running_head`` puts at the top."""

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.heading = heading

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        sections = self.canv.__dict__.setdefault("_handout_sections", [])
        if not sections or sections[-1] != self.heading:
            sections.append(self.heading)


def _running_head(canv: Any, doc: Any) -> None:
    """At the end of each page: the sections its cards belong to, top right under the header."""
    sections = canv.__dict__.get("_handout_sections") or []
    if sections:
        text = sections[0] if len(sections) == 1 else f"{sections[0]} 〜 {sections[-1]}"
        width, height = canv._pagesize
        canv.saveState()
        canv.setFont(FONT, 8.5)
        canv.drawRightString(width - MARGINS_MM[1] * mm, height - 10 * mm, printable(text))
        canv.restoreState()
    canv._handout_sections = []


class _Checkpoint(Flowable):
    """Takes no room; laid out between cards, it reports progress and honours a cancel."""

    def __init__(self, fraction: float, progress: Progress | None, abort: Any) -> None:
        super().__init__()
        self.fraction, self.progress, self.abort = fraction, progress, abort

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        cancellation.check(self.abort, NOTHING_WRITTEN)
        if self.progress is not None:
            self.progress(0.1 + 0.8 * self.fraction, "名簿を組版しています…")
        return 0, 0

    def draw(self) -> None:
        pass


class _Printer:
    def __init__(self, handout: Handout) -> None:
        self.h = handout
        self.st = _styles()
        self.report = GlyphReport()
        self.split_entries: list[str] = []

    def text(self, value: str, where: str) -> str:
        """Escaped markup with missing glyphs replaced visibly and recorded."""
        return escape(printable(value, self.report, where))

    def para(self, value: str, style: str, where: str) -> Paragraph:
        return _Para(self.text(value, where), self.st[style])

    # -- page 1 ------------------------------------------------------------------------------
    def opening(self) -> list[Flowable]:
        h = self.h
        out: list[Flowable] = [
            Spacer(1, 3 * mm),
            _Para(self.text(f"{h.fiscal_year_label}　{h.title}", "表題"), self.st["title"]),
        ]
        if h.subtitle:
            out.append(_Para(self.text(h.subtitle, "研修名"), self.st["subtitle"]))
        count = f"掲載 {h.advisors}名（{h.sort_label}）"
        line = "　".join(x for x in (h.prefecture, h.as_of_label, count) if x)
        out += [Spacer(1, 1 * mm), _Para(self.text(line, "表題"), self.st["center"])]
        if h.conditions:
            out.append(_Para(self.text("絞り込み: " + "／".join(h.conditions), "絞り込み"), self.st["center"]))
        out += [Spacer(1, 3.5 * mm), self.note_box(), Spacer(1, 2 * mm)]
        return out

    def note_box(self) -> Table:
        h = self.h
        office = h.office_line or (f"{h.prefecture}の担当課" if h.prefecture else "都道府県の担当課")
        contact = f"（{h.office_contact}）" if h.office_contact else ""
        lines = [
            "・地域の取組について相談したいときは、アドバイザーに直接ご連絡ください。",
            "・電話・メールは、ご本人が掲載に同意したものだけを載せています。"
            "連絡先の載っていない方へのご相談は、事務局を通じてお申し込みください。",
            f"・事務局: {office}{contact}",
            "・この名簿は研修等での配布用です。記載された個人情報を、ほかの目的に使ったり、第三者に渡したりしないでください。",
        ]
        cell: list[Flowable] = [_Para("アドバイザーへのご連絡について", self.st["note_head"])]
        cell += [_Para(self.text(x, "案内文"), self.st["note"]) for x in lines]
        box = Table([[cell]], colWidths=[CONTENT_WIDTH])
        box.setStyle(TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.9, BLACK),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]))
        return box

    # -- one card ------------------------------------------------------------------------------
    def top_row(self, e: HandoutEntry) -> list[Any]:
        who = e.name
        name_cell: list[Flowable] = []
        if e.kana:
            name_cell.append(self.para(e.kana, "kana", f"{who}（ふりがな）"))
        name_cell.append(self.para(e.name, "name", f"{who}（氏名）"))
        tags = "　".join(x for x in (e.badge and f"◎{e.badge}", e.category) if x)
        if tags:
            name_cell.append(self.para(tags, "small", f"{who}（区分）"))
        aff_cell: list[Flowable] = [_Para("所属", self.st["label"])]
        affiliation = "　".join(x for x in (e.affiliation, e.title) if x) or "―"
        aff_cell.append(self.para(affiliation, "cell", f"{who}（所属）"))
        contact_cell: list[Flowable] = [_Para("連絡先", self.st["label"])]
        if e.phone:
            contact_cell.append(self.contact_line("電話", e.phone, f"{who}（電話）"))
        if e.email:
            contact_cell.append(self.contact_line("メール", e.email, f"{who}（メール）"))
        if not e.phone and not e.email:
            contact_cell.append(_Para("事務局を通じてご連絡ください", self.st["small"]))
        return [name_cell, aff_cell, contact_cell]

    def contact_line(self, label: str, value: str, where: str) -> Paragraph:
        """'電話 026-…' / 'メール …': set a little smaller when that keeps an address on one line
        (a line break inside an e-mail address is easy to misread); wrapped if even that is not enough."""
        st = self.st["cell"]
        value = printable(value, self.report, where)
        room = COL_WIDTHS[2] - 2 * CELL_PADDING - stringWidth(label + " ", FONT, st.fontSize)
        size = st.fontSize
        while size > 7.0 and stringWidth(value, FONT, size) > room:
            size -= 0.4
        markup = f'<font size="6.8" color="#333333">{label}</font> '
        if size < st.fontSize:
            markup += f'<font size="{size:.1f}">{escape(value)}</font>'
        else:
            markup += escape(value)
        return _Para(markup, st)

    def fields_para(self, e: HandoutEntry, continued: bool = False) -> Paragraph:
        label = "活動分野（続き）" if continued else "活動分野"
        shown = " ／ ".join(e.fields) if e.fields and not continued else ""
        markup = f'<font size="6.8" color="#333333">{label}</font>'
        if shown:
            markup += "　" + self.text(shown, f"{e.name}（活動分野）")
        return _Para(markup, self.st["cell"])

    def munis_para(self, e: HandoutEntry) -> Paragraph:
        markup = '<font size="6.8" color="#333333">担当市町村</font>　' + self.text(
            "、".join(e.municipalities), f"{e.name}（担当市町村）"
        )
        return _Para(markup, self.st["small"])

    def card(self, e: HandoutEntry) -> tuple[Table, bool]:
        """The card's table, and whether it fits on one page (else it is the several-page form)."""
        if e.fields:
            activity: list[Flowable] = [self.fields_para(e)]
            if e.activity_text:
                activity.append(self.para(e.activity_text, "text", f"{e.name}（日頃の活動分野）"))
        else:  # the label and the free text on one line
            text = self.text(e.activity_text, f"{e.name}（日頃の活動分野）") or "―"
            activity = [_Para(f'<font size="6.8" color="#333333">活動分野</font>　{text}', self.st["text"])]
        rows: list[list[Any]] = [self.top_row(e), [activity, "", ""]]
        if e.municipalities:
            rows.append([self.munis_para(e), "", ""])
        table = Table(rows, colWidths=COL_WIDTHS, style=_CARD_STYLE, spaceAfter=CARD_GAP)
        table.setStyle(TableStyle([("SPAN", (0, r), (-1, r)) for r in range(1, len(rows))]))
        _w, height = table.wrap(CONTENT_WIDTH, FRAME_HEIGHT)
        if height <= FRAME_HEIGHT - CARD_GAP:
            return table, True
        return self.long_card(e, rows), False

    def long_card(self, e: HandoutEntry, rows: list[list[Any]]) -> Table:
        """A card taller than a page: the free text in page-sized rows, the name row repeated."""
        top = Table([rows[0]], colWidths=COL_WIDTHS, style=_CARD_STYLE)
        _w, top_h = top.wrap(CONTENT_WIDTH, FRAME_HEIGHT)
        pad = 3 + 4 + 2  # top and bottom padding of a row, and a little air
        budget = FRAME_HEIGHT - top_h - pad - 14 - CARD_GAP  # 14: the 「続き」 label line
        width = CONTENT_WIDTH - 9
        text = self.para(e.activity_text, "text", f"{e.name}（日頃の活動分野）")
        pieces: list[Flowable] = []
        rest: list[Flowable] = [text]
        first_budget = budget - self.fields_para(e).wrap(width, budget)[1]
        avail = first_budget
        while rest:
            para = rest[0]
            _pw, ph = para.wrap(width, avail)
            if ph <= avail:
                pieces.append(para)
                break
            parts = para.split(width, avail)
            if len(parts) < 2:  # cannot split further: let it stand alone on its page
                pieces.append(para)
                break
            pieces.append(parts[0])
            rest = [parts[1]]
            avail = budget
        body: list[list[Any]] = []
        for i, piece in enumerate(pieces):
            body.append([[self.fields_para(e, continued=i > 0), piece], "", ""])
        if e.municipalities:
            body.append([self.munis_para(e), "", ""])
        all_rows = [rows[0], *body]
        table = Table(all_rows, colWidths=COL_WIDTHS, style=_CARD_STYLE, repeatRows=1, spaceAfter=CARD_GAP)
        table.setStyle(TableStyle([("SPAN", (0, r), (-1, r)) for r in range(1, len(all_rows))]
                                  + [("LINEBELOW", (0, r), (-1, r), 0.4, LINE_GREY) for r in range(1, len(all_rows) - 1)]))
        self.split_entries.append(e.name)
        return table

    def heading(self, text: str, count: int) -> Paragraph:
        return _Para(self.text(f"{text}（{count}名）", "見出し"), self.st["heading"])

    # -- the whole story -------------------------------------------------------------------------
    def story(self, progress: Progress | None, abort: Any) -> list[Flowable]:
        out = self.opening()
        total = max(1, sum(len(s.entries) for s in self.h.sections))
        done = 0
        if total == 1 and not self.h.sections:
            out.append(_Para("条件に合うアドバイザーはいません。", self.st["center"]))
        for section in self.h.sections:
            heading: Flowable | None = self.heading(section.heading, len(section.entries))
            for e in section.entries:
                if done % CHECK_EVERY == 0:
                    cancellation.check(abort, NOTHING_WRITTEN)
                card, fits = self.card(e)
                # A card stays whole on one page; the section heading goes with its first card.
                lead: list[Flowable] = [_SectionMark(section.heading)]
                if heading is not None:
                    lead.append(heading)
                heading = None
                out.extend([KeepTogether([*lead, card])] if fits else [*lead, card])
                done += 1
                if done % CHECK_EVERY == 0:
                    out.append(_Checkpoint(done / total, progress, abort))
        return out

    def warnings(self) -> list[str]:
        out = list(self.report.messages())
        for name in self.split_entries:
            out.append(
                f"{name}さんの記載は1ページに収まらないため、複数ページに分けて印刷しました（氏名の行を各ページに繰り返しています）。"
            )
        return out


def _footer(handout: Handout, limit: float) -> str:
    """The office's name and contact, shortened to fit beside the page number."""
    parts = [handout.office_line, handout.office_contact]
    candidates = ["　".join(x for x in parts if x), handout.office_line, handout.office.office_name]
    for text in candidates:
        if text and stringWidth(text, FONT, 8) <= limit:
            return text
    return ""


def render_handout(
    handout: Handout,
    path: Path | str,
    *,
    progress: Progress | None = None,
    abort: Any = None,
) -> RenderResult:
    """Print ``handout`` to ``path`` (written atomically). Raises ``Cancelled`` when ``abort`` is
    set; no file is left then."""
    printer = _Printer(handout)
    story = printer.story(progress, abort)
    if progress is not None:
        progress(0.1, "名簿を組版しています…")
    decor = PageDecor(  # header right: the running head (_running_head)
        header_left=f"{handout.fiscal_year_label}　{handout.title}（{handout.as_of_label}）",
        footer_left=_footer(handout, CONTENT_WIDTH - 30 * mm),
    )
    pages = build_pdf(
        path, story, title=f"{handout.fiscal_year_label}　{handout.title}（{handout.as_of_label}）",
        subject="アドバイザー名簿（配布用）", decor=decor, margins_mm=MARGINS_MM,
        author=handout.office.office_name, on_page_end=_running_head,
    )
    if progress is not None:
        progress(1.0, f"{pages}ページのPDFを作成しました。")
    return RenderResult(pages, printer.warnings(), list(printer.split_entries))
