"""Training printouts on A4 with the embedded font: 受付名簿 (sign-in sheet with a tick column and a
QR code per row), 名札 (name cards, 8 per page with cut lines), 参加者名簿, グループ表 and 修了証書.

Everything here takes plain data (the caller — services.trainings.prints — gathers it) and
reportlab is imported inside the functions, so importing this module costs nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sasaeai_desktop import cancellation

__all__ = [
    "CertificateText",
    "NameCard",
    "SheetRow",
    "write_certificates",
    "write_group_table",
    "write_name_cards",
    "write_participants",
    "write_sign_in_sheet",
]

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class SheetRow:
    no: int
    code: str  # printed short code
    qr: str  # what the QR code holds (the registration id)
    name: str
    kana: str
    municipality: str
    role: str
    affiliation: str
    group: str = ""
    note: str = ""  # 当日, 事前課題 …


@dataclass(frozen=True)
class NameCard:
    name: str
    kana: str
    municipality: str
    affiliation: str
    group: str = ""


@dataclass(frozen=True)
class CertificateText:
    name: str
    body: str  # 'あなたは令和7年…の全課程を修了したことを証します。'
    date_text: str  # 令和7年7月2日
    issuer: str  # 長野県知事 阿部 守一 / 健康福祉部 介護支援課長 … (設定)
    number: str = ""  # 第12号
    heading: str = "修 了 証 書"  # or 受 講 証 明 書 (a series: the sessions attended are listed)
    items: tuple[str, ...] = ()  # lines listed under the body (the sessions of a 受講証明書)
    seal: bool = False  # leave a 公印 space (a box marked 印) over the issuer's name


def _qr_with_code(value: str, size: float, label: Any, qr_column: float, label_column: float) -> Any:
    """The 受付コード cell: the QR code and the printed code beside it."""
    from .qr import QrWithLabel

    return QrWithLabel(value, size, label, qr_column, label_column)


def write_sign_in_sheet(
    path: PathLike, title: str, subtitle: str, rows: Sequence[SheetRow], *, footer: str = "", report: Any = None,
    with_qr: bool = True, sections: Sequence[tuple[str, Sequence[SheetRow]]] = (), author: str = "",
) -> int:
    """受付名簿: No., code + QR, 市町村, 氏名 (ふりがな), 役割・所属, a tick column (受付) and 備考.

    ``sections``: one sheet per 日程 (subtitle, rows), each from a new page and numbered from 1,
    instead of ``subtitle`` and ``rows``: a tick column belongs to one day."""
    from reportlab.platypus import PageBreak

    from .common import PageDecor
    from .common import build_pdf

    story: list[Any] = []
    for i, (sub, part) in enumerate(sections or ((subtitle, rows),)):
        if i:
            story.append(PageBreak())
        story += _sign_in_story(title, sub, part, report, with_qr)
    return build_pdf(path, story, title=_doc_title(title, subtitle), subject="研修の受付名簿", author=author,
                     decor=PageDecor(header_left=title, footer_left=footer))


def _doc_title(title: str, subtitle: str) -> str:
    """The PDF's Title: the printout's title (it already names its kind) and the event's dates."""
    return "　".join(x for x in (title, subtitle) if x)


def _sign_in_story(title: str, subtitle: str, rows: Sequence[SheetRow], report: Any, with_qr: bool) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer
    from reportlab.platypus import Table
    from reportlab.platypus import TableStyle

    from .common import FONT
    from .common import GRID
    from .common import HEADER_FILL
    from .common import escape
    from .common import printable
    from .common import styles
    from .linebreak import JaParagraph as Paragraph

    st = styles()
    cell = st["small"]
    tiny = st["tiny"]
    center = st["small"].clone("c", alignment=1)

    def p(text: str, style: Any = cell) -> Any:
        return Paragraph(escape(printable(text, report, text[:20])), style)

    qr_size = 13 * mm
    head = [p("No.", center), p("受付コード", center), p("市町村", center), p("氏名（ふりがな）", center),
            p("役割・所属", center), p("受付", center), p("備考", center)]
    widths = [10 * mm, 26 * mm, 24 * mm, 44 * mm, 46 * mm, 14 * mm, 16 * mm]
    data: list[list[Any]] = [head]
    for r in rows:
        code_cell: Any = p(r.code, center)
        if with_qr:
            code_cell = _qr_with_code(r.qr, qr_size, Paragraph(escape(r.code), tiny), qr_size + 1 * mm, 11 * mm)
        name = f"<font size=11>{escape(printable(r.name, report, r.name))}</font><br/><font size=7>{escape(printable(r.kana, report))}</font>"
        role = "・".join(x for x in (r.role, r.affiliation) if x)
        data.append([p(str(r.no), center), code_cell, p(r.municipality), Paragraph(name, cell), p(role),
                     "□", p(r.note, tiny)])
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (5, 1), (5, -1), 16),
        ("ALIGN", (5, 1), (5, -1), "CENTER"),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 1), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 1.5),
    ]))
    return [p(title, st["title"]), p(subtitle, st["subtitle"]), Spacer(1, 4 * mm), table,
            Spacer(1, 3 * mm), p(f"申込 {len(rows)}名　受付欄に✓を付け、後で同じ行順で入力できます（受付コード／QRは受付画面で読み取れます）。", tiny)]


def write_name_cards(path: PathLike, title: str, cards: Sequence[NameCard], *, report: Any = None,
                     subtitle: str = "", author: str = "") -> int:
    """名札: 2 × 4 cards (91 × 55 mm, business-card size) per A4 page, with dashed cut lines."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from .common import FONT
    from .common import printable
    from .common import register_fonts
    from .common import set_metadata

    register_fonts()
    from pathlib import Path

    from sasaeai_desktop.io.output_files import replacing

    path = Path(path)
    cw, ch = 91 * mm, 55 * mm
    cols, rows_per = 2, 4
    left = (A4[0] - cols * cw) / 2
    bottom = (A4[1] - rows_per * ch) / 2
    pages = 0
    abort = cancellation.current()  # the task's 中止, checked between pages
    with replacing(path) as tmp:
        c = Canvas(str(tmp), pagesize=A4, initialFontName=FONT)
        set_metadata(c, title=_doc_title(f"{title}　名札", subtitle), subject="研修の名札", author=author)
        per = cols * rows_per
        for start in range(0, max(len(cards), 1), per):
            cancellation.check(abort)
            pages += 1
            chunk = cards[start:start + per]
            c.setStrokeColor(colors.HexColor("#888888"))
            c.setDash(3, 3)
            c.setLineWidth(0.4)
            for i in range(cols + 1):  # cut lines to the page edge
                x = left + i * cw
                c.line(x, 0, x, A4[1])
            for j in range(rows_per + 1):
                y = bottom + j * ch
                c.line(0, y, A4[0], y)
            c.setDash()
            for k, card in enumerate(chunk):
                col, row = k % cols, k // cols
                x0 = left + col * cw
                y0 = bottom + (rows_per - 1 - row) * ch
                cx = x0 + cw / 2
                c.setFillColor(colors.black)
                c.setFont(FONT, 9)
                c.drawCentredString(cx, y0 + ch - 10 * mm, printable(card.municipality, report))
                c.setFont(FONT, 8)
                c.drawCentredString(cx, y0 + ch - 15 * mm, printable(card.affiliation[:30], report))
                c.setFont(FONT, 8.5)
                c.drawCentredString(cx, y0 + 31 * mm, printable(card.kana, report))
                name = printable(card.name, report)
                size = 26
                while size > 12 and c.stringWidth(name, FONT, size) > cw - 10 * mm:
                    size -= 1
                c.setFont(FONT, size)
                c.drawCentredString(cx, y0 + 20 * mm, name)
                if card.group:
                    c.setFont(FONT, 10)
                    c.drawRightString(x0 + cw - 5 * mm, y0 + 5 * mm, printable(card.group, report))
                c.setFont(FONT, 6.5)
                c.drawString(x0 + 5 * mm, y0 + 5 * mm, printable(title[:40], report))
            c.showPage()
        c.save()
    return pages


def write_participants(
    path: PathLike, title: str, subtitle: str, rows: Sequence[SheetRow], *, footer: str = "", report: Any = None,
    author: str = "",
) -> int:
    """参加者名簿: No., 市町村, 氏名, ふりがな, 役割, 所属, グループ."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer
    from reportlab.platypus import Table
    from reportlab.platypus import TableStyle

    from .common import FONT
    from .common import GRID
    from .common import HEADER_FILL
    from .common import PageDecor
    from .common import build_pdf
    from .common import escape
    from .common import printable
    from .common import styles
    from .linebreak import JaParagraph as Paragraph

    st = styles()
    cell = st["small"]
    center = cell.clone("c2", alignment=1)

    def p(text: str, style: Any = cell) -> Any:
        return Paragraph(escape(printable(text, report, text[:20])), style)

    data: list[list[Any]] = [[p(h, center) for h in ("No.", "市町村", "氏名", "ふりがな", "役割", "所属", "グループ")]]
    for r in rows:
        data.append([p(str(r.no), center), p(r.municipality), p(r.name), p(r.kana), p(r.role), p(r.affiliation), p(r.group, center)])
    table = Table(data, colWidths=[10 * mm, 24 * mm, 30 * mm, 32 * mm, 22 * mm, 46 * mm, 16 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]))
    story = [p(title, st["title"]), p(subtitle, st["subtitle"]), Spacer(1, 4 * mm), table]
    return build_pdf(path, story, title=_doc_title(title, subtitle), subject="研修の参加者名簿", author=author,
                     decor=PageDecor(header_left=title, footer_left=footer))


def write_group_table(
    path: PathLike, title: str, subtitle: str, groups: Sequence[tuple[str, Sequence[tuple[str, str, str, str]]]], *,
    footer: str = "", report: Any = None, author: str = "",
) -> int:
    """グループ表: one block per group (label, then 市町村・氏名・役割・段階 of each member), two blocks a row."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer
    from reportlab.platypus import Table
    from reportlab.platypus import TableStyle

    from .common import FONT
    from .common import GRID
    from .common import HEADER_FILL
    from .common import PageDecor
    from .common import build_pdf
    from .common import escape
    from .common import printable
    from .common import styles
    from .linebreak import JaParagraph as Paragraph

    st = styles()
    cell = st["tiny"]
    center = st["small"].clone("c3", alignment=1, fontSize=11, leading=14)

    def p(text: str, style: Any = cell) -> Any:
        return Paragraph(escape(printable(text, report, text[:20])), style)

    def block(label: str, members: Sequence[tuple[str, str, str, str]], width: float) -> Any:
        data: list[list[Any]] = [[p(f"{label or '未割当'}（{len(members)}名）", center), "", "", ""]]
        for muni, name, role, stage in members:
            data.append([p(muni), p(name), p(role), p(stage)])
        scale = width / (77 * mm)
        t = Table(data, colWidths=[w * scale for w in (20 * mm, 26 * mm, 19 * mm, 12 * mm)], repeatRows=1)
        t.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT), ("SPAN", (0, 0), (-1, 0)), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 1.5), ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
        ]))
        return t

    story: list[Any] = [p(title, st["title"]), p(subtitle, st["subtitle"]), Spacer(1, 4 * mm)]
    pending: list[Any] = []

    def flush_pair() -> None:
        if not pending:
            return
        outer = Table([pending + [""] * (2 - len(pending))], colWidths=[90 * mm, 90 * mm])
        outer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), FONT),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm)]))
        story.append(outer)
        pending.clear()

    for label, members in groups:
        half = block(label, members, 77 * mm)
        if half.wrap(77 * mm, 10_000 * mm)[1] > 220 * mm:  # about the A4 frame under a title
            # Side by side, a block cannot break across pages (reportlab raised LayoutError on a
            # group of a few hundred); a group that long gets the full width and breaks with its
            # label repeated on each page.
            flush_pair()
            story.extend([block(label, members, 180 * mm), Spacer(1, 4 * mm)])
            continue
        pending.append(half)
        if len(pending) == 2:
            flush_pair()
    flush_pair()
    return build_pdf(path, story, title=_doc_title(title, subtitle), subject="研修のグループ表", author=author,
                     decor=PageDecor(header_left=title, footer_left=footer))


def write_certificates(path: PathLike, title: str, certificates: Sequence[CertificateText], *, report: Any = None,
                       subtitle: str = "", author: str = "") -> int:
    """修了証書 / 受講証明書: one per page, formal layout (double frame, number, heading, 氏名 殿, body,
    the listed sessions, date, issuer, an optional 公印 box).

    Drawn straight on the canvas (no flowable layout): 500 certificates take well under a second.
    """
    from pathlib import Path

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from sasaeai_desktop.io.output_files import replacing

    from .common import FONT
    from .common import printable
    from .common import register_fonts
    from .common import set_metadata
    from .linebreak import wrap_text

    register_fonts()
    path = Path(path)
    W, H = A4
    abort = cancellation.current()  # the task's 中止, checked between certificates
    with replacing(path) as tmp:
        c = Canvas(str(tmp), pagesize=A4, initialFontName=FONT)
        kinds = dict.fromkeys(x.heading.replace(" ", "") for x in certificates) or {"修了証書": None}
        kind = "・".join(kinds)
        set_metadata(c, title=_doc_title(f"{title}　{kind}", subtitle), subject=f"研修の{kind}", author=author)
        for cert in certificates or [CertificateText("", "", "", "")]:
            cancellation.check(abort)
            c.setStrokeColor(colors.HexColor("#333333"))
            c.setLineWidth(2.2)
            c.rect(14 * mm, 14 * mm, W - 28 * mm, H - 28 * mm)
            c.setLineWidth(0.6)
            c.rect(17 * mm, 17 * mm, W - 34 * mm, H - 34 * mm)
            c.setFillColor(colors.black)
            if cert.number:
                c.setFont(FONT, 11)
                c.drawString(30 * mm, H - 32 * mm, printable(cert.number, report))
            heading = cert.heading
            size = 40
            while size > 24 and c.stringWidth(heading, FONT, size) > W - 60 * mm:
                size -= 2
            c.setFont(FONT, size)
            c.drawCentredString(W / 2, H - 70 * mm, heading)
            name = printable(cert.name, report, cert.name)
            size = 28
            while size > 16 and c.stringWidth(name + "　殿", FONT, size) > W - 80 * mm:
                size -= 1
            c.setFont(FONT, size)
            c.drawCentredString(W / 2, H - 110 * mm, f"{name}　殿")
            # body: 16 pt, generous leading, broken between phrases (io.pdf.linebreak)
            c.setFont(FONT, 16)
            lines = wrap_text(printable(cert.body, report), FONT, 16, W - 70 * mm)
            y = H - 145 * mm
            for ln in lines:
                c.drawString(35 * mm, y, ln)
                y -= 12 * mm
            if cert.items:
                # a long series shrinks its list to stay above the date line
                room = y - 92 * mm
                step = max(5.5 * mm, min(9 * mm, room / len(cert.items)))
                item_size = min(13.0, step / mm * 1.6)
                c.setFont(FONT, item_size)
                y -= 2 * mm
                for item in cert.items:
                    c.drawString(42 * mm, y, printable(item, report)[:60])
                    y -= step
            c.setFont(FONT, 14)
            c.drawString(35 * mm, 80 * mm, printable(cert.date_text, report))
            issuer = printable(cert.issuer, report)
            issuer_size = 16
            right = W - 35 * mm
            box = 22 * mm
            if cert.seal:
                right = W - 35 * mm - box - 3 * mm  # the name ends just left of the 公印 box
            while issuer_size > 10 and c.stringWidth(issuer, FONT, issuer_size) > right - 40 * mm:
                issuer_size -= 1
            c.setFont(FONT, issuer_size)
            c.drawRightString(right, 58 * mm, issuer)
            if cert.seal:
                bx, by = W - 35 * mm - box, 58 * mm + 2 * mm - box / 2
                c.setStrokeColor(colors.HexColor("#999999"))
                c.setLineWidth(0.5)
                c.setDash(2, 2)
                c.rect(bx, by, box, box)
                c.setDash()
                c.setFillColor(colors.HexColor("#999999"))
                c.setFont(FONT, 12)
                c.drawCentredString(bx + box / 2, by + box / 2 - 4, "印")
                c.setFillColor(colors.black)
            c.showPage()
        c.save()
    return max(len(certificates), 1)
