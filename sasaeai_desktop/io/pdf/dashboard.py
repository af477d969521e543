"""The progress dashboard as a one-page A4 landscape report (reportlab graphics charts).

Left: the indicators this year against last year (grouped bars, %), the stage distribution (pie);
right: per region of the chosen kind, the share of municipalities per indicator (bars), and the
follow-up list counts, the 年度's 普及啓発 and the same by 圏域 of where it was held. Every string
is drawn in the embedded IPAexGothic.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sasaeai_desktop.domain.outreach import OUTREACH_HEADS
from sasaeai_desktop.domain.outreach import UNPLACED
from sasaeai_desktop.domain.progress_dashboard import NO_STAGE
from sasaeai_desktop.domain.progress_dashboard import ProgressDashboard

if TYPE_CHECKING:
    from .common import GlyphReport

__all__ = ["write_dashboard_pdf"]

STAGE_NAMES = {1: "① 基盤整備", 2: "② 掘り起こし", 3: "③ 課題解決", NO_STAGE: "未記入"}
STAGE_COLOURS = ("#9DC3E6", "#2E75B6", "#1F4E79", "#D9D9D9")
SHORT = {"sc1": "第1層SC", "sc2": "第2層SC", "sc2_all": "第2層SC全圏域", "council1": "第1層協議体",
         "council2": "第2層協議体", "council2_all": "第2層協議体全圏域"}
# Under the bars the long names take two lines (on one they ran into their neighbours).
BAR_NAMES = {**SHORT, "sc2_all": "第2層SC\n全圏域", "council2_all": "第2層協議体\n全圏域"}


def write_dashboard_pdf(path: str | os.PathLike[str], d: ProgressDashboard, *, prefecture: str = "",
                        footer: str = "", report: GlyphReport | None = None, author: str = "") -> int:
    from reportlab.graphics import shapes
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.piecharts import Pie
    from reportlab.graphics.shapes import Drawing
    from reportlab.graphics.shapes import String
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepInFrame
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
    # renderPDF starts every Drawing with STATE_DEFAULTS' font (Helvetica, never embedded).
    shapes.STATE_DEFAULTS["fontName"] = FONT

    def p(text: str, style: str = "small") -> Paragraph:
        return Paragraph(escape(printable(text, report)), st[style])

    blue, grey = colors.HexColor("#2E75B6"), colors.HexColor("#BFBFBF")

    # 1. indicators: this year vs last year, %
    w1, h1 = 135 * mm, 58 * mm
    bars = Drawing(w1, h1)
    bc = VerticalBarChart()
    # Below: two-line category names; above: the title and the value printed over a 100% bar.
    bc.x, bc.y, bc.width, bc.height = 12 * mm, 10 * mm, w1 - 16 * mm, h1 - 22 * mm
    now = [round(f.percent, 1) for f in d.indicators]
    prev = [round(f.previous_percent or 0.0, 1) for f in d.indicators]
    bc.data = [prev, now] if d.stages_previous else [now]
    bc.bars[0].fillColor = grey if d.stages_previous else blue
    if d.stages_previous:
        bc.bars[1].fillColor = blue
    bc.valueAxis.valueMin, bc.valueAxis.valueMax, bc.valueAxis.valueStep = 0, 100, 20
    bc.valueAxis.labels.fontName = FONT
    bc.valueAxis.labels.fontSize = 7
    bc.valueAxis.labelTextFormat = "%d%%"
    bc.categoryAxis.categoryNames = [BAR_NAMES.get(f.key, f.label) for f in d.indicators]
    bc.categoryAxis.labels.fontName = FONT
    bc.categoryAxis.labels.fontSize = 6.5
    bc.barLabelFormat = "%.0f"
    bc.barLabels.fontName = FONT
    bc.barLabels.fontSize = 6
    bc.barLabels.nudge = 5
    bc.groupSpacing = 8
    bc.barSpacing = 1
    bc.bars.strokeColor = None
    bars.add(bc)
    bars.add(String(0, h1 - 5 * mm, "市町村の割合（%）", fontName=FONT, fontSize=9))
    if d.stages_previous:
        lg = Legend()
        lg.fontName, lg.fontSize = FONT, 7
        lg.x, lg.y = w1 - 45 * mm, h1 - 2 * mm
        lg.alignment = "right"
        lg.columnMaximum = 1
        lg.colorNamePairs = [(grey, f"{d.fiscal_year - 1}年度"), (blue, f"{d.fiscal_year}年度")]
        bars.add(lg)

    # 2. stage pie
    w2, h2 = 135 * mm, 52 * mm
    pie_d = Drawing(w2, h2)
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 6 * mm, 6 * mm, 40 * mm, 40 * mm
    keys = [k for k in (1, 2, 3, NO_STAGE) if d.stages.get(k)]
    pie.data = [d.stages[k] for k in keys] or [1]
    pie.labels = [str(d.stages[k]) for k in keys] or ["0"]
    pie.simpleLabels = 1
    pie.slices.fontName = FONT
    pie.slices.fontSize = 8
    pie.slices.labelRadius = 0.7
    pie.slices.fontColor = colors.white
    for i, k in enumerate(keys):
        pie.slices[i].fillColor = colors.HexColor(STAGE_COLOURS[(1, 2, 3, NO_STAGE).index(k)])
        pie.slices[i].strokeColor = colors.white
    pie_d.add(pie)
    pie_d.add(String(0, h2 - 5 * mm, "推進段階の分布（市町村数）", fontName=FONT, fontSize=9))
    lg2 = Legend()
    lg2.fontName, lg2.fontSize = FONT, 7
    lg2.x, lg2.y = 55 * mm, 38 * mm
    lg2.columnMaximum = 4
    lg2.alignment = "right"
    lg2.colorNamePairs = [
        (colors.HexColor(STAGE_COLOURS[i]), f"{STAGE_NAMES[k]} {d.stages.get(k, 0)}"
         + (f"（前年 {d.stages_previous.get(k, 0)}）" if d.stages_previous else ""))
        for i, k in enumerate((1, 2, 3, NO_STAGE))
    ]
    pie_d.add(lg2)

    # 3. table of figures
    head = ["項目", f"{d.fiscal_year}年度", "割合", "前年度", "増減"]
    rows = [head]
    for f in d.indicators:
        ch = f.change
        rows.append([f.label, f"{f.count}/{f.total}", f"{f.percent:.0f}%",
                     "—" if f.previous is None else f"{f.previous}", "—" if ch is None else f"{ch:+d}"])
    fig_table = Table(rows, colWidths=[52 * mm, 20 * mm, 14 * mm, 16 * mm, 14 * mm])
    fig_table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))

    # 4. per region: share with 第1層SC / 第2層SC / 第2層協議体
    right: list = []
    if d.groups:
        n = len(d.groups)
        w3, h3 = 118 * mm, min(max(40 * mm, n * 10 * mm + 22 * mm), 120 * mm)
        reg = Drawing(w3, h3)
        hb = HorizontalBarChart()
        hb.x, hb.y, hb.width, hb.height = 30 * mm, 12 * mm, w3 - 34 * mm, h3 - 20 * mm
        shown = ("sc2", "council1", "council2")
        shades = ("#9DC3E6", "#2E75B6", "#1F4E79")
        # reportlab stacks a group's series from the bottom up: reversed, they read top-down in
        # the legend's order.
        hb.data = [[round(100.0 * g.indicators[k] / g.total, 1) if g.total else 0 for g in reversed(d.groups)]
                   for k in reversed(shown)]
        for i, c in enumerate(reversed(shades)):
            hb.bars[i].fillColor = colors.HexColor(c)
        hb.bars.strokeColor = None
        hb.barSpacing = 0.5
        hb.valueAxis.valueMin, hb.valueAxis.valueMax, hb.valueAxis.valueStep = 0, 100, 25
        hb.valueAxis.labels.fontName = FONT
        hb.valueAxis.labels.fontSize = 6.5
        hb.valueAxis.labelTextFormat = "%d%%"
        hb.categoryAxis.categoryNames = [f"{g.name}（{g.total}）" for g in reversed(d.groups)]
        hb.categoryAxis.labels.fontName = FONT
        hb.categoryAxis.labels.fontSize = 6.5
        hb.groupSpacing = 6
        reg.add(hb)
        reg.add(String(0, h3 - 5 * mm, f"{d.group_kind}別の設置割合", fontName=FONT, fontSize=9))
        lg3 = Legend()
        lg3.fontName, lg3.fontSize = FONT, 6.5
        lg3.x, lg3.y = 30 * mm, 5 * mm
        lg3.columnMaximum = 1
        lg3.alignment = "right"
        lg3.dx, lg3.deltax = 6, 60
        lg3.strokeColor = None
        lg3.colorNamePairs = [(colors.HexColor(c), SHORT[k]) for c, k in zip(shades, shown)]
        reg.add(lg3)
        right.append(reg)
    follow = [
        ["フォローアップ", "市町村数"],
        [f"{d.months}か月以上訪問していない", str(len(d.not_visited))],
        ["今年度の研修参加がない", str(len(d.no_training))],
        ["2年度続けて状況が変わらない", str(len(d.unmoved))],
        ["未完了のフォローアップがある", str(len(d.open_tasks))],
        ["補助金の実績報告が期限切れ・期限間近", str(len({x.municipality_id for x in d.grant_reports}))],
    ]
    ft = Table(follow, colWidths=[70 * mm, 22 * mm])
    ft.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
    ]))
    right += [Spacer(1, 3 * mm), ft]
    if d.outreach is not None:
        ot = Table([["普及啓発", f"{d.fiscal_year}年度"], *[[p(label), p(value)] for label, value in d.outreach.rows()]],
                   colWidths=[48 * mm, 70 * mm])
        ot.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]))
        right += [Spacer(1, 3 * mm), ot]
        if d.groups:  # the same by 圏域 of where each was held
            by_region: list[list[object]] = [[d.group_kind, *OUTREACH_HEADS],
                                             *[[p(g.name), *g.outreach.cells()] for g in d.groups]]
            if d.outreach.unplaced.events:
                by_region.append([p(UNPLACED), *d.outreach.unplaced.cells()])
            rt = Table(by_region, colWidths=[48 * mm, 22 * mm, 26 * mm, 22 * mm], repeatRows=1)
            rt.setStyle(TableStyle([
                ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 7.5),
                ("GRID", (0, 0), (-1, -1), 0.4, GRID), ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]))
            right += [Spacer(1, 2 * mm), rt]
    names = [x.name for x in d.unmoved[:12]]
    if names:
        right += [Spacer(1, 2 * mm), p("状況が変わらない市町村: " + "、".join(names) + (" ほか" if len(d.unmoved) > 12 else ""), "tiny")]

    left = [bars, Spacer(1, 2 * mm), fig_table, Spacer(1, 3 * mm), pie_d]
    title = f"{prefecture} 市町村の取組状況 {d.label}".strip()
    sub = f"保険者 {d.total} 市町村（回答 {d.recorded}）" + (f"　圏域: {d.group_kind}" if d.group_kind else "")
    body = Table([[left, right]], colWidths=[150 * mm, 120 * mm],
                 style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("FONTNAME", (0, 0), (-1, -1), FONT)])
    # One page whatever the number of regions: shrink the body to the space under the title.
    fitted = KeepInFrame(273 * mm, 160 * mm, [body], mode="shrink")
    story = [p(title, "title"), p(sub, "subtitle"), Spacer(1, 4 * mm), fitted]
    decor = PageDecor(footer_left=footer)
    return build_pdf(Path(path), story, title=title, subject="市町村の取組状況（進捗ダッシュボード）", author=author,
                     decor=decor, orientation="landscape",
                     margins_mm=(12, 12, 12, 14))
