"""How a sheet goes on A4: orientation, scale and column blocks, chosen so text stays readable.

Fit-to-width shrinks a wide list until it fits: a 17-column visit log printed at ~2.5 pt. Here the
scale is chosen instead, never below ``MIN_SCALE`` of the body font (7 pt printed for 11 pt text at
the floor, plus a small margin): portrait when the columns fit there, landscape when they fit there,
otherwise the columns are split into blocks, each one page wide, with the leading key columns
(訪問日, 市町村 …) repeated on every block. Pages print block by block (``downThenOver``), so an
officer gets the left half of the list, then the right half, each readable.

Widths are in Excel character units. Printed size of a column: Excel measures the unit by the
default font's digit '0' (游ゴシック 11 pt: 8 px + 5 px padding ≈ 6.4 pt a unit); LibreOffice
printed our sheets at 7.0 pt a unit (measured from the header positions in its PDF). The larger
one is used, so both print at least as large as planned.

Plain Python: no openpyxl, so the tests can compute the same figures from a saved workbook.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "A4_POINTS",
    "BODY_POINTS",
    "MIN_PRINTED_POINTS",
    "PrintLayout",
    "column_points",
    "narrow_to_fit",
    "plan_print",
    "printable_width",
]

A4_POINTS = (595.28, 841.89)  # width, height in portrait
BODY_POINTS = 11.0  # the default font size of the list sheets
MIN_PRINTED_POINTS = 7.0  # the smallest text an officer should have to read on paper
PLANNED_POINTS = 7.5  # the smallest text planned for: a margin over 7 pt for the width estimate
PORTRAIT_MIN_SCALE = 0.85  # portrait only when it barely needs shrinking; else landscape reads better
SIDE_MARGIN_IN = 0.5
_UNIT_PT = 7.0  # one character unit of the 11 pt Japanese default font, in points (LibreOffice)
_PADDING_PT = 0.0


def column_points(width: float) -> float:
    """Printed width (points, at 100 %) of a column ``width`` character units wide (the unit
    depends on the workbook's default font, 11 pt in every sheet the program writes)."""
    return width * _UNIT_PT + _PADDING_PT


def printable_width(orientation: str, left_in: float = SIDE_MARGIN_IN, right_in: float = SIDE_MARGIN_IN) -> float:
    page = A4_POINTS[1] if orientation == "landscape" else A4_POINTS[0]
    return page - 72.0 * (left_in + right_in)


@dataclass(frozen=True)
class PrintLayout:
    orientation: str  # 'portrait' | 'landscape'
    scale: int  # percent, as Excel's page setup takes it
    repeat: int  # leading columns repeated on every block (0 with a single block)
    breaks: tuple[int, ...]  # 1-based columns after which a new block starts
    last_column: int  # the last column on paper (1-based); those after it are for re-import only

    @property
    def blocks(self) -> int:
        return len(self.breaks) + 1


def _fit(total: float, orientation: str, margins: tuple[float, float]) -> float:
    return min(1.0, printable_width(orientation, *margins) / total) if total > 0 else 1.0


def plan_print(
    widths: Sequence[float],
    on_paper: Sequence[bool],
    *,
    repeat: int = 1,
    margins: tuple[float, float] = (SIDE_MARGIN_IN, SIDE_MARGIN_IN),
    font_points: float = BODY_POINTS,
    break_after: Sequence[int] | None = None,
) -> PrintLayout:
    """The page setup for columns of ``widths``; ``on_paper[j]`` False for columns that are only
    for re-import (they must come after the printed ones: the print area ends before them).
    ``repeat``: how many leading columns identify a row (repeated when the list is split);
    ``font_points``: the smallest text size on the sheet (the scale keeps it ≥ 7 pt printed);
    ``break_after``: the 1-based columns a block may end at (e.g. not inside a merged heading)."""
    printed = [j for j, ok in enumerate(on_paper) if ok]
    last = (printed[-1] + 1) if printed else len(widths)
    points = [column_points(w) if on_paper[j] else 0.0 for j, w in enumerate(widths[:last])]
    total = sum(points)
    min_scale = PLANNED_POINTS / font_points
    portrait = _fit(total, "portrait", margins)
    if portrait >= PORTRAIT_MIN_SCALE:
        return PrintLayout("portrait", _percent(portrait), 0, (), last)
    landscape = _fit(total, "landscape", margins)
    if landscape >= min_scale:
        return PrintLayout("landscape", _percent(landscape), 0, (), last)

    # Too wide for one page: blocks of columns, each fitting the page at the chosen scale.
    room = printable_width("landscape", *margins)
    repeat = max(0, min(repeat, last - 1))
    head = sum(points[:repeat])
    target = min_scale
    limit = room / target  # the widest block the page holds at the target scale
    allowed = frozenset(break_after) if break_after is not None else None
    count = len(_pack(points, repeat, last, head, limit, allowed))
    # as many blocks as the target scale needs, then balanced: the narrowest widest block with
    # that count (so the scale comes out as large as it can be)
    low, high = max(points[repeat:last], default=0.0) + head, limit
    for _ in range(40):
        mid = (low + high) / 2
        if len(_pack(points, repeat, last, head, mid, allowed)) <= count:
            high = mid
        else:
            low = mid
    breaks = _pack(points, repeat, last, head, high, allowed)[:-1]
    blocks = [repeat, *breaks, last]
    widest = max(head + sum(points[a:b]) for a, b in zip(blocks, blocks[1:]))
    return PrintLayout("landscape", _percent(min(1.0, room / widest)), repeat, tuple(breaks), last)


def narrow_to_fit(
    widths: Sequence[float], on_paper: Sequence[bool], wrappable: Sequence[bool], *, floor: float = 12.0,
    reach: float = 1.3, font_points: float = BODY_POINTS,
) -> list[float]:
    """Widths narrowed so the printed columns fit one landscape page at the planned text size,
    when they are at most ``reach`` times too wide: the wrapping columns give way in proportion
    to what they have above ``floor``. A list a little too wide then prints on one page (its long text in more
    lines) instead of two half-empty blocks; a much wider one is left to be split."""
    out = [float(w) for w in widths]
    limit = (printable_width("landscape") * font_points / PLANNED_POINTS - _PADDING_PT * len(out)) / _UNIT_PT
    printed = [j for j, ok in enumerate(on_paper) if ok]
    total = sum(out[j] for j in printed)
    if total <= limit or total > limit * reach:
        return out
    while total > limit + 1e-6:  # all wrapping columns give way in proportion, none below the floor
        flexible = [j for j in printed if wrappable[j] and out[j] > floor]
        if not flexible:
            break
        room = sum(out[j] - floor for j in flexible)
        cut = min(total - limit, room)
        for j in flexible:
            out[j] -= cut * (out[j] - floor) / room
        total -= cut
    out = [math.floor(w * 2) / 2 for w in out]  # half units, rounded down: never wider than planned
    return out


def _pack(
    points: Sequence[float], repeat: int, last: int, head: float, limit: float, allowed: frozenset[int] | None = None
) -> list[int]:
    """Greedy blocks of columns ``repeat..last`` no wider than ``limit`` (with the repeated
    ``head``), ending only at ``allowed`` columns when given: the 1-based last column of each."""
    ends: list[int] = []
    width = head  # of the block being filled
    cut: int | None = None  # the last allowed end inside the open block
    j = repeat
    while j < last:
        end = j if allowed is None else cut
        if width > head and width + points[j] > limit and end is not None:
            ends.append(end)
            width, cut = head, None
            j = end
            continue
        width += points[j]
        j += 1
        if allowed is None or j in allowed:
            cut = j if j < last else cut
    ends.append(last)
    return ends


def _percent(scale: float) -> int:
    return max(10, min(100, math.floor(scale * 100)))
