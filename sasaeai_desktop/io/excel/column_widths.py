"""Column widths of a written sheet, estimated from the header and a sample of the rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from .cell_formats import TRUE_MARK
from .cell_formats import DateStyle
from .cell_formats import as_date
from .spec import ColumnSpec
from .spec import SheetSpec
from .text import display_width

__all__ = ["MAX_WIDTH", "WIDTH_SAMPLE_ROWS", "column_widths"]

WIDTH_SAMPLE_ROWS = 500
# 10 全角: longer text wraps (every cell wraps), so one long value does not shrink the whole page.
# A multiline column keeps its spec width (its text wraps by nature).
MAX_WIDTH = 20.0
_WIDTH_PADDING = 2.0


def _shown_text(value: Any, col: ColumnSpec, date_style: DateStyle) -> str:
    """What a cell will roughly look like, for the width estimate."""
    if value is None:
        return ""
    if col.kind == "bool":
        return TRUE_MARK
    if col.kind == "time":
        return "23:59"
    if col.kind == "fiscal_year":
        return "令和10年度" if date_style == "wareki" else "2025"
    if col.kind == "date":
        value = as_date(value)
        if isinstance(value, dt.date):
            return "令和10年12月31日" if col.number_format is None and date_style == "wareki" else "2025/12/31"
    if col.kind == "int" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:,.0f}"
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def column_widths(
    spec: SheetSpec, sample: Sequence[Sequence[Any]], *, date_style: DateStyle = "seireki"
) -> list[float]:
    """Widths in Excel character units: the widest of header and sample, padded, capped at
    ``MAX_WIDTH`` (a multiline column at its spec width), never below the spec's hint.
    Full-width characters count as 2."""
    widths: list[float] = []
    for j, col in enumerate(spec.columns):
        best = display_width(col.header)
        for row in sample:
            if j < len(row):
                w = display_width(_shown_text(row[j], col, date_style))
                if w > best:
                    best = w
        cap = min(MAX_WIDTH, float(col.width)) if col.kind == "multiline" else MAX_WIDTH
        widths.append(max(float(col.width), min(cap, best + _WIDTH_PADDING)))
    return widths
