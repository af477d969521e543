"""The compiled status table (市町村間情報交換用シート) as an A4 landscape PDF.

The two header rows repeat on every page (``repeatRows=2``); grouped tables are one reportlab
Table per region (a long single Table slows reportlab down sharply), each with its own header.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sasaeai_desktop.domain.status_table import COMPILED_COLUMNS
from sasaeai_desktop.domain.status_table import CompiledTable
from sasaeai_desktop.domain.status_table import compiled_row_texts
from sasaeai_desktop.domain.status_table import header_spans

if TYPE_CHECKING:
    from .common import GlyphReport

__all__ = ["write_status_table_pdf"]


def write_status_table_pdf(
    path: str | os.PathLike[str], table: CompiledTable, *, footer: str = "", report: GlyphReport | None = None,
    author: str = "",
) -> int:
    """Write the table; returns the page count. ``report``: a GlyphReport collecting replaced characters."""
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
    small = st["tiny"].clone("cell", fontSize=6.5, leading=8.2)
    head = small.clone("head", alignment=1, fontSize=6.8)
    usable = page_size("landscape")[0] - 20 * mm
    total_w = sum(w for *_x, w in COMPILED_COLUMNS)
    widths = [usable * w / total_w for *_x, w in COMPILED_COLUMNS]

    def p(text: str, style: object, where: str = "") -> Paragraph:
        return Paragraph(escape(printable(text, report, where)), style)

    header1 = [""] * len(COMPILED_COLUMNS)
    header2 = [""] * len(COMPILED_COLUMNS)
    spans = []
    for top, first, last, both in header_spans():
        header1[first] = p(top, head)
        if both:
            spans.append(("SPAN", (first, 0), (first, 1)))
        elif last > first:
            spans.append(("SPAN", (first, 0), (last, 0)))
    for j, (_t, sub, _k, _w) in enumerate(COMPILED_COLUMNS):
        if sub is not None:
            header2[j] = p(sub, head)
    base_style = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),  # empty cells too, or Helvetica (never embedded) joins
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 1), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
        ("VALIGN", (0, 2), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        *spans,
    ]
    story: list = [p(table.title, st["title"]), ]
    if table.group_kind:
        story.append(p(f"圏域の種類: {table.group_kind}", st["subtitle"]))
    story.append(Spacer(1, 3 * mm))
    for group in table.groups:
        if group.name:
            story.append(p(f"{group.name}（{len(group.rows)}市町村）", st["heading"].clone("group", keepWithNext=1)))
        data = [header1, header2]
        for r in group.rows:
            data.append([p(t, small, r.name) for t in compiled_row_texts(r)])
        t = Table(data, colWidths=widths, repeatRows=2)
        t.setStyle(TableStyle(base_style))
        story.append(t)
    decor = PageDecor(header_left=table.title, footer_left=footer)
    return build_pdf(Path(path), story, title=table.title, subject="市町村の取組状況（市町村間情報交換用シート）",
                     author=author, decor=decor, orientation="landscape",
                     margins_mm=(10, 10, 15, 14))
