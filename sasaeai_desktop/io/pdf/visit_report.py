"""訪問記録票: the A4 visit record a prefecture files — header block, sections, signatures line.

Takes plain data (``VisitSheet``) and lays out one visit per page group; reportlab is imported
only here (callers import this module lazily).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether
from reportlab.platypus import PageBreak
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle

from sasaeai_desktop.domain.wareki import format_date
from sasaeai_desktop.io.pdf.common import FONT
from sasaeai_desktop.io.pdf.common import GRID
from sasaeai_desktop.io.pdf.common import HEADER_FILL
from sasaeai_desktop.io.pdf.common import GlyphReport
from sasaeai_desktop.io.pdf.common import PageDecor
from sasaeai_desktop.io.pdf.common import build_pdf
from sasaeai_desktop.io.pdf.common import escape
from sasaeai_desktop.io.pdf.common import printable
from sasaeai_desktop.io.pdf.common import styles
from sasaeai_desktop.io.pdf.linebreak import JaParagraph as Paragraph


@dataclass(frozen=True)
class VisitSheet:
    id: str
    visit_date: dt.date
    time_text: str  # '10:00〜12:00'
    municipality: str
    place: str
    purpose_category: str
    purpose: str
    prefecture_staff: str
    advisors: str
    municipality_side: str
    observations: str
    issues: str
    advice: str
    follow_ups: Sequence[tuple[str, str, str, bool]]  # (title, owner, due, done)
    next_visit: str
    recorded_by: str
    is_draft: bool = False


def _p(text: str, style: str, report: GlyphReport, where: str) -> Paragraph:
    return Paragraph(escape(printable(text or "", report, where)), styles()[style])


def _visit_story(v: VisitSheet, report: GlyphReport) -> list:
    st = styles()
    where = f"{v.visit_date:%Y-%m-%d} {v.municipality}"
    title = "訪問記録票" + ("（下書き）" if v.is_draft else "")
    story: list = [Paragraph(title, st["title"]), Spacer(1, 2 * mm)]

    def label(t: str) -> Paragraph:
        return _p(t, "small", report, where)

    def val(t: str) -> Paragraph:
        return _p(t, "body", report, where)

    date_text = f"{v.visit_date.year}年{v.visit_date.month}月{v.visit_date.day}日（{format_date(v.visit_date)}）"
    header = [
        [label("訪問日"), val(date_text), label("時間"), val(v.time_text)],
        [label("訪問先"), val(v.municipality), label("場所"), val(v.place)],
        [label("目的区分"), val(v.purpose_category), label("記録者"), val(v.recorded_by)],
        [label("目的"), val(v.purpose), "", ""],
        [label("県の出席者"), val(v.prefecture_staff), "", ""],
        [label("アドバイザー"), val(v.advisors or "なし"), "", ""],
        [label("市町村側の出席者"), val(v.municipality_side), "", ""],
    ]
    t = Table(header, colWidths=[28 * mm, 62 * mm, 20 * mm, 70 * mm])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (0, -1), HEADER_FILL),
        ("BACKGROUND", (2, 0), (2, 2), HEADER_FILL),
        ("SPAN", (1, 3), (3, 3)), ("SPAN", (1, 4), (3, 4)), ("SPAN", (1, 5), (3, 5)), ("SPAN", (1, 6), (3, 6)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    story += [t, Spacer(1, 4 * mm)]
    for heading, body in (("1. 把握した状況", v.observations), ("2. 課題", v.issues), ("3. 助言内容", v.advice)):
        box = Table([[val(body or "（記載なし）")]], colWidths=[180 * mm])
        box.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("BOX", (0, 0), (-1, -1), 0.5, GRID), ("TOPPADDING", (0, 0), (-1, -1), 4),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        story += [Paragraph(heading, st["heading"]), box]
    story.append(Paragraph("4. 今後の対応（フォローアップ）", st["heading"]))
    rows: list[list[Paragraph | str]] = [[label("内容"), label("担当"), label("期限"), label("状況")]]
    for title_, owner, due, done in v.follow_ups:
        rows.append([val(title_), val(owner), val(due), val("済" if done else "未")])
    if len(rows) == 1:
        rows.append([val("（なし）"), "", "", ""])
    ft = Table(rows, colWidths=[100 * mm, 35 * mm, 28 * mm, 17 * mm], repeatRows=1)
    ft.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL)]))
    story += [ft, Spacer(1, 2 * mm), val(f"次回訪問予定: {v.next_visit or '未定'}"), Spacer(1, 6 * mm)]
    sign = Table(
        [[label("記録者"), "", label("担当係長"), "", label("課長"), ""]],
        colWidths=[16 * mm, 44 * mm, 18 * mm, 42 * mm, 14 * mm, 46 * mm], rowHeights=[14 * mm],
    )
    sign.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, GRID), ("BACKGROUND", (0, 0), (0, 0), HEADER_FILL),
                              ("BACKGROUND", (2, 0), (2, 0), HEADER_FILL), ("BACKGROUND", (4, 0), (4, 0), HEADER_FILL),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story.append(KeepTogether([Paragraph("確認欄", st["small"]), sign]))
    return story


def build_visit_report(path: Path | str, visits: Sequence[VisitSheet], *, title: str, office: str = "",
                       header_right: str = "", author: str = "") -> tuple[int, GlyphReport]:
    report = GlyphReport()
    story: list = []
    for i, v in enumerate(visits):
        if i:
            story.append(PageBreak())
        story += _visit_story(v, report)
    decor = PageDecor(header_left=title, header_right=header_right, footer_left=office)
    pages = build_pdf(path, story, title=title, subject="訪問記録票", author=author, decor=decor)
    return pages, report
