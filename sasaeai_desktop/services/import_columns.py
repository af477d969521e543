"""The import engine's hot loop: data rows parsed a block at a time, column by column.

A 50,000-row sheet has half a million cells. Read row by row, each cell cost about a
microsecond of interpreter work around its parser (unpack the column, look the text up in the
column's cache, test what came back, store it) — more than the parsing itself for the columns
that repeat (役割, 市町村, 所属). Column by column, the cache look-ups, the choice of the values
to keep and their storing into the rows' dicts are ``map``/``compress`` calls that run in C; the
parsers are called for the texts not yet in the cache, in row order, as before. Each cell ends
the same way as in a row-by-row loop: a value in the row's dict, absent (blank), or a problem.

Parsers must be pure (a kind's ``parse_*`` methods read only what the kind loaded): the block's
cells are parsed before its rows are matched.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import is_, itemgetter, not_, setitem
from typing import Any, Callable, Mapping, Sequence

from sasaeai_desktop.io.excel.reader import EXCEL_MAX_CHARS, excel_error
from sasaeai_desktop.io.excel.values import ValueProblem
from sasaeai_desktop.services.import_kinds import Problem

__all__ = ["BLOCK_ROWS", "CACHE_VALUES", "BlockParser", "Column", "LongCell"]

BLOCK_ROWS = 1000  # rows parsed together: large enough for C-speed passes, small for memory
CACHE_VALUES = 2048  # distinct texts remembered per column (a unique column stops caching there)

# (index of the row in the plan, key, 0-based column, parser, header label): a cell calamine cut
# at Excel's limit, parsed again with its whole text once the sheet has been read.
LongCell = tuple[int, str, int, Callable[[Any], Any], str]


class _Missing:
    """Not in the column's cache yet."""

    __slots__ = ()


class _Blank:
    """An empty cell (or spaces only)."""

    __slots__ = ()


_MISSING = _Missing()
_BLANK = _Blank()


class _Bad:
    """A cell that could not be read (kept in the per-column cache like a parsed value)."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


@dataclass
class Column:
    """One mapped column: where it is, how it is read, what the rows call it."""

    key: str
    index: int  # 0-based
    parse: Callable[[Any], Any]
    required: bool
    label: str  # the header as written, for problems
    cache: dict[str, Any] = field(default_factory=dict)  # cell text → parsed value (or _BLANK/_Bad)


class BlockParser:
    """Parses blocks of data rows of one sheet; keeps each column's cache between blocks."""

    def __init__(self, sheet: str, columns: Sequence[Column], bad_cells: Mapping[tuple[int, int], str]) -> None:
        self.sheet = sheet
        self.columns = list(columns)
        self.bad_cells = bad_cells  # (row, col) → message: formulas without a value, error cells
        self.width = max((c.index for c in self.columns), default=-1) + 1

    def parse(self, rows: Sequence[int], cells: Sequence[list[Any]], first: int,
              long_cells: list[LongCell]) -> tuple[list[dict[str, Any]], list[list[Problem]]]:
        """For 0-based sheet rows ``rows`` with their ``cells``: each row's values by key (blank
        cells absent) and its problems, in column order. ``first``: the plan index of the first
        row (for ``long_cells``)."""
        m = len(cells)
        width = self.width
        if min(map(len, cells), default=width) < width:  # a short row reads as blank beyond its end
            cells = [c if len(c) >= width else c + [""] * (width - len(c)) for c in cells]
        values: list[dict[str, Any]] = [{} for _ in range(m)]
        problems: list[list[Problem]] = [[] for _ in range(m)]
        sheet = self.sheet
        for col in self.columns:
            j, key, label, required = col.index, col.key, col.label, col.required
            texts = list(map(itemgetter(j), cells))
            parsed = list(map(col.cache.get, texts, repeat(_MISSING)))  # only texts are cached
            if self.bad_cells:
                for i, r in enumerate(rows):
                    message = self.bad_cells.get((r, j))
                    if message is not None:
                        parsed[i] = _Bad(message)
            missing = list(compress(range(m), map(is_, parsed, repeat(_MISSING))))
            if missing:
                self._parse_cells(col, texts, parsed, missing, first, long_cells)
            if required:
                keep = [p is not _BLANK and p.__class__ is not _Bad and p != "" for p in parsed]
            else:
                keep = [p is not _BLANK and p.__class__ is not _Bad for p in parsed]
            if not all(keep):
                for i in compress(range(m), map(not_, keep)):
                    p = parsed[i]
                    if p.__class__ is _Bad:
                        problems[i].append(Problem(sheet, rows[i] + 1, label, p.message, j))
                    elif required:
                        problems[i].append(Problem(sheet, rows[i] + 1, label, f"{label}が空欄です", j))
                deque(map(setitem, compress(values, keep), repeat(key), compress(parsed, keep)), maxlen=0)
            else:
                deque(map(setitem, values, repeat(key), parsed), maxlen=0)
        return values, problems

    @staticmethod
    def _parse_cells(col: Column, texts: list[Any], parsed: list[Any], missing: list[int], first: int,
                     long_cells: list[LongCell]) -> None:
        parse, cache = col.parse, col.cache
        for i in missing:
            v = texts[i]
            if v.__class__ is not str:  # numbers, dates, booleans: parsed each time (1 == 1.0 == True)
                try:
                    parsed[i] = parse(v)
                except ValueProblem as exc:
                    parsed[i] = _Bad(str(exc))
                continue
            p = cache.get(v, _MISSING)  # the same text earlier in this block
            if p is _MISSING:
                if not v or v.isspace():
                    p = _BLANK
                elif v[0] == "#" and excel_error(v):
                    p = _Bad(f"エラー値「{v.strip()}」が入っています")
                else:
                    if len(v) == EXCEL_MAX_CHARS:  # calamine stops at Excel's limit: the rest is read later
                        long_cells.append((first + i, col.key, col.index, parse, col.label))
                    try:
                        p = parse(v)
                    except ValueProblem as exc:
                        p = _Bad(str(exc))
                if len(cache) < CACHE_VALUES and len(v) < EXCEL_MAX_CHARS:
                    cache[v] = p
            parsed[i] = p
