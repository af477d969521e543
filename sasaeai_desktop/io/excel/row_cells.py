"""The cells of one data row: each column's value made into what the sheet shows (a styled cell
where it needs a format, a bare value where it does not) and the lines its wrapped text takes.

Speed: openpyxl's own per-cell work (type check, XML) is the floor; a styled cell adds the cost
of a ``Cell`` object. So styles are built once per column, one styled ``WriteOnlyCell`` per
column is reused for every row (``ws.append`` serialises a row before it returns), and cells
that need no style (plain text, floats without format) go in as bare values.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment

from .cell_formats import DATE_FORMAT_SEIREKI
from .cell_formats import DATE_FORMAT_WAREKI
from .cell_formats import FALSE_MARK
from .cell_formats import FIRST_EXCEL_DATE
from .cell_formats import FISCAL_YEAR_FORMAT
from .cell_formats import FISCAL_YEAR_FORMAT_WAREKI
from .cell_formats import INT_FORMAT
from .cell_formats import TIME_FORMAT
from .cell_formats import TRUE_MARK
from .cell_formats import DateStyle
from .cell_formats import as_date
from .cell_formats import as_time
from .spec import ColumnSpec
from .spec import SheetSpec
from .text import clean_cell_text
from .text import display_width

__all__ = ["LINE_POINTS", "RowCells"]

_WRAP_ALIGN = Alignment(vertical="top", wrap_text=True)
_TOP_ALIGN = Alignment(vertical="top")
_CENTER_ALIGN = Alignment(horizontal="center", vertical="top")

LINE_POINTS = 18.0  # one line of 11 pt 游ゴシック (Excel's own row height for it is 18.75)
_HALF_WIDTH_POINTS = 5.5  # a half-width character of 11 pt text
_UNIT_POINTS_EXCEL = 6.4  # the narrower of the two column units (see print_layout)


def _capacity(width: float) -> int:
    """Half-width characters a wrapped line holds in a column ``width`` units wide (Excel's
    narrower unit: a line count estimated for it is enough for LibreOffice too)."""
    return max(1, int((width * _UNIT_POINTS_EXCEL - 4.0) // _HALF_WIDTH_POINTS))


class RowCells:
    """Per-column converters and the one reusable styled cell each styled column needs."""

    def __init__(self, ws: Any, spec: SheetSpec, date_style: DateStyle, widths: Sequence[float]) -> None:
        self.ws = ws
        self.converters: list[tuple[int, Callable[[Any], Any]]] = []
        for j, col in enumerate(spec.columns):
            self.converters.append((j, self._converter(col, date_style)))
        # Neither Excel nor LibreOffice grows a row for wrapped text it reads from a file (a row
        # without a height stays one line high), so the writer sets the height of rows that wrap.
        self.wrapping = [
            (j, _capacity(widths[j])) for j, col in enumerate(spec.columns)
            if col.kind in ("text", "multiline") and col.printed
        ]

    def lines(self, values: Sequence[Any]) -> int:
        """How many lines the row's tallest wrapped cell takes."""
        most = 1
        for j, capacity in self.wrapping:
            value = values[j]
            if value.__class__ is not str or (len(value) * 2 <= capacity and "\n" not in value):
                continue
            n = 0
            for part in value.split("\n"):
                n += max(1, -(-display_width(part) // capacity))
            if n > most:
                most = n
        return most

    def _styled(self, number_format: str | None = None, alignment: Alignment | None = _TOP_ALIGN) -> Any:
        cell = WriteOnlyCell(self.ws)
        if number_format:
            cell.number_format = number_format
        if alignment is not None:  # top, like the plain cells (the default format) beside it
            cell.alignment = alignment
        return cell

    def _text_converter(self) -> Callable[[Any], Any]:
        # Text wraps at the column width (top-aligned like the rest of the row): on paper a long
        # value takes more lines instead of running under its neighbour or widening the page.
        cell = self._styled(alignment=_WRAP_ALIGN)

        number = self._styled()  # a number in a text column (年度 2025), top-aligned like its row

        def text(value: Any) -> Any:
            if value.__class__ is not str:
                if value is None or isinstance(value, bool):
                    return value
                if isinstance(value, (int, float)):
                    if isinstance(value, float) and not math.isfinite(value):
                        return None  # Excel has no NaN / ∞
                    number.value = value
                    return number
                value = value.isoformat() if isinstance(value, dt.date) else str(value)
            if not value:
                return None
            cell.value = clean_cell_text(value)
            cell.data_type = "s"  # '=' or '#' first is text, never a formula or an error value
            return cell

        return text

    def _converter(self, col: ColumnSpec, date_style: DateStyle) -> Callable[[Any], Any]:
        kind = col.kind
        if kind == "text":
            return self._text_converter()
        if kind == "multiline":
            cell = self._styled(col.number_format, _WRAP_ALIGN)

            def multiline(value: Any) -> Any:
                if value is None or value == "":
                    return None
                cell.value = clean_cell_text(value if value.__class__ is str else str(value))
                cell.data_type = "s"
                return cell

            return multiline
        if kind == "int" or kind == "float":
            fmt = col.number_format or (INT_FORMAT if kind == "int" else None)
            if fmt is None:
                text = self._text_converter()

                def plain_number(value: Any) -> Any:
                    if value is None or value.__class__ is int:
                        return value
                    return text(value)  # floats (NaN / ∞ dropped), and notes typed as text

                return plain_number
            cell = self._styled(fmt)
            text = self._text_converter()
            want_int = kind == "int"

            def number(value: Any) -> Any:
                cls = value.__class__
                if cls is int or cls is float:
                    if cls is float:
                        if not math.isfinite(value):
                            return None  # Excel has no NaN / ∞
                        if want_int and value.is_integer():
                            value = int(value)
                    cell.value = value
                    return cell
                if value is None:
                    return None
                return text(value)  # a note typed where a number belongs stays visible as text

            return number
        if kind == "date":
            default = DATE_FORMAT_WAREKI if date_style == "wareki" else DATE_FORMAT_SEIREKI
            cell = self._styled(col.number_format or default)
            text = self._text_converter()

            def date(value: Any) -> Any:
                if value is None:
                    return None
                value = as_date(value)
                if isinstance(value, dt.date):
                    if value < FIRST_EXCEL_DATE:  # Excel shows ##### for these: write the text
                        return f"{value.year}/{value.month:02d}/{value.day:02d}"
                    cell.value = value
                    return cell
                return text(value)

            return date
        if kind == "fiscal_year":
            wareki = date_style == "wareki"
            cell = self._styled(FISCAL_YEAR_FORMAT_WAREKI if wareki else FISCAL_YEAR_FORMAT)
            text = self._text_converter()

            def fiscal_year(value: Any) -> Any:
                if value is None:
                    return None
                if value.__class__ is int and 1900 < value < 10000:
                    if wareki:
                        cell.value = dt.date(value, 4, 1)
                        # openpyxl does not see a date in 'ggge' and puts its own date format back
                        cell.number_format = FISCAL_YEAR_FORMAT_WAREKI
                    else:
                        cell.value = value
                    return cell
                return text(value)

            return fiscal_year
        if kind == "time":
            cell = self._styled(col.number_format or TIME_FORMAT)
            text = self._text_converter()

            def time(value: Any) -> Any:
                if value is None or value == "":
                    return None
                value = as_time(value)
                if isinstance(value, dt.time):
                    cell.value = value
                    return cell
                return text(value)

            return time
        if kind == "bool":
            cell = self._styled(col.number_format, _CENTER_ALIGN)
            text = self._text_converter()

            def boolean(value: Any) -> Any:
                if value is None:
                    return None
                if value is True or value is False or value.__class__ is int:
                    cell.value = TRUE_MARK if value else FALSE_MARK
                    return cell
                return text(value)

            return boolean
        raise AssertionError(kind)

    def row(self, values: Sequence[Any]) -> list[Any]:
        out = list(values)
        for j, conv in self.converters:
            out[j] = conv(out[j])
        return out
