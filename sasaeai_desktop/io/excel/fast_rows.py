"""A leaner ``_values_to_row`` for openpyxl's write-only sheet.

openpyxl's ``WriteOnlyWorksheet._values_to_row`` tries every prepared cell as a value first,
builds a ValueError message (with the cell's repr) to find out it is a cell, and makes a fresh
scratch cell after each styled one: with five styled columns that was ~30% of the run.
``install_fast_rows`` replaces it, for the data rows of our own sheet only, with the same loop
minus that detour; it is installed only when the private method has the signature it replaces
(openpyxl 3.1), otherwise the public path is used (same file, slower). A unit test checks the
two paths write identical sheets. See benchmarks/bench_export.py for the figures.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

from openpyxl.cell import Cell
from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

__all__ = ["FAST_ROWS", "install_fast_rows"]

FAST_ROWS = True  # tests switch it off to compare with openpyxl's own (public) path


def install_fast_rows(ws: Any) -> bool:
    """Give ``ws`` a leaner ``_values_to_row`` for rows made by ``RowCells.row``; False if not
    possible with this openpyxl (the caller then simply keeps the standard one)."""
    method = getattr(WriteOnlyWorksheet, "_values_to_row", None)
    if not FAST_ROWS or method is None or not isinstance(ws, WriteOnlyWorksheet):
        return False
    try:
        if list(inspect.signature(method).parameters) != ["self", "values", "row_idx"]:
            return False
    except (TypeError, ValueError):
        return False
    scratch = WriteOnlyCell(ws)  # never styled, so it can carry every plain value

    def values_to_row(values: Sequence[Any], row_idx: int) -> Iterable[Any]:
        col_idx = 0
        for value in values:
            col_idx += 1
            if value is None:
                continue
            if value.__class__ is Cell:  # a prepared (styled or forced-text) cell of RowCells
                cell = value
            else:
                cell = scratch
                cell.value = value
            cell.column = col_idx
            cell.row = row_idx
            yield cell

    ws._values_to_row = values_to_row
    return True
