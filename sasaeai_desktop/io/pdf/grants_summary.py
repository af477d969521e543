"""The 年度 summary of 補助金・モデル事業 as an A4 portrait PDF: totals by program, by region, then
every record of the 年度 (by region). Tables repeat their header row on each page."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from sasaeai_desktop.domain.grants import GrantSummary
from sasaeai_desktop.domain.grants import SummaryLine
from sasaeai_desktop.domain.grants import yen_text

if TYPE_CHECKING:
    from .common import GlyphReport

__all__ = ["write_grant_summary_pdf"]


def write_grant_summary_pdf(
    path: str | os.PathLike[str], summary: GrantSummary, *, prefecture: str = "", footer: str = "",
    report: GlyphReport | None = None, author: str = "",
) -> int:
    """Write the summary; returns the page count."""
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
    from .common import page_size
    from .common import printable
    from .common import styles
    from .linebreak import JaParagraph as Paragraph

    st = styles()
    cell = st["small"].clone("grant_cell", fontSize=8.5, leading=11)
    num = cell.clone("grant_num", alignment=2)
    usable = page_size()[0] - 30 * mm

    def p(text: str, style: Any = cell) -> Paragraph:
        return Paragraph(escape(printable(text, report, summary.title)), style)

    def style(total_row: bool) -> TableStyle:
        rules: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ]
        if total_row:
            rules.append(("BACKGROUND", (0, -1), (-1, -1), HEADER_FILL))
        return TableStyle(rules)

    def totals(first: str, lines: tuple[SummaryLine, ...]) -> Table:
        head = [p(first), p("件数", num), p("交付決定額（円）", num), p("支払額（円）", num)]
        body = [[p(x.name), p(f"{x.count:,}", num), p(yen_text(x.decided), num), p(yen_text(x.paid), num)]
                for x in (*lines, summary.total)]
        t = Table([head, *body], colWidths=[usable * w for w in (0.46, 0.1, 0.22, 0.22)], repeatRows=1)
        t.setStyle(style(True))
        return t

    story: list[Any] = [p(summary.title, st["title"])]
    if prefecture:
        story.append(p(prefecture, st["subtitle"]))
    story += [Spacer(1, 4 * mm), p("事業別", st["heading"])]
    if not summary.records:
        story.append(p("この年度の記録はありません。", st["body"]))
    else:
        story.append(totals("事業名", summary.by_program))
        region_head = f"圏域別（{summary.region_kind}）" if summary.region_kind else "圏域別"
        story += [Spacer(1, 3 * mm), p(region_head, st["heading"]), totals("圏域", summary.by_region),
                  Spacer(1, 3 * mm), p("交付先の一覧", st["heading"])]
        head = [p(h, num if i in (4, 5) else cell)
                for i, h in enumerate(("圏域", "市町村", "事業名", "種別", "交付決定額", "支払額", "状況"))]
        body = [[p(r.region), p(r.municipality), p(r.program), p(r.kind), p(yen_text(r.decided), num),
                 p(yen_text(r.paid), num), p(r.status)] for r in summary.records]
        widths = (0.12, 0.11, 0.28, 0.10, 0.13, 0.12, 0.14)
        t = Table([head, *body], colWidths=[usable * w for w in widths], repeatRows=1)
        t.setStyle(style(False))
        story.append(t)
    decor = PageDecor(header_left=summary.title, footer_left=footer)
    return build_pdf(Path(path), story, title=summary.title, subject="補助金・モデル事業の年度集計", author=author,
                     decor=decor)
