"""Workbooks as people make them, written by the tests with openpyxl (small and fast).

``book(path, rows)`` writes rows from A1 (None = empty cell, a row ``[]`` = blank row);
``merge`` merges ranges, ``extra`` adds more sheets. ``cache_formula_values`` gives formula cells
a saved result the way Excel does (openpyxl itself never writes one).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import PatternFill

PEOPLE_HEADER = ["氏名", "ふりがな", "役割", "市町村", "所属", "職名", "電話", "メール", "備考"]


def book(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    sheet: str = "名簿",
    merge: Iterable[str] = (),
    extra: Mapping[str, Sequence[Sequence[Any]]] | None = None,
    blank_formatted_rows: int = 0,
) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value is not None:
                ws.cell(r, c, value)
    for rng in merge:
        ws.merge_cells(rng)
    if blank_formatted_rows:
        fill = PatternFill("solid", start_color="FFFFF2CC", end_color="FFFFF2CC")
        start = len(rows) + 1
        for r in range(start, start + blank_formatted_rows):
            for c in (1, 2, 3):
                ws.cell(r, c).fill = fill
    for name, more in (extra or {}).items():
        other = wb.create_sheet(name)
        for row in more:
            other.append(list(row))
    wb.save(path)
    return path


def people_book(path: Path, data: Sequence[Sequence[Any]], *, title: bool = True, **kw: Any) -> Path:
    """A 関係者 sheet: a title, a date line, a blank row, the header, then ``data``."""
    top: list[list[Any]] = [["令和7年度 生活支援コーディネーター名簿"], ["作成日: 令和7年4月1日"], []] if title else []
    return book(path, [*top, PEOPLE_HEADER, *data], **kw)


def set_cell_text(path: Path, sheet_xml: str, ref: str, text: str) -> None:
    """Put ``text`` into cell ``ref`` in the XML itself: openpyxl cuts text at Excel's 32,767
    characters when writing, other programs do not (a 100,000-character cell)."""
    from xml.sax.saxutils import escape

    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts[sheet_xml].decode("utf-8")
    pattern = re.compile(rf'<c r="{ref}"[^>]*>.*?</c>', re.S)
    xml, n = pattern.subn(lambda _: f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>', xml)
    assert n == 1, ref
    parts[sheet_xml] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def cache_formula_values(path: Path, sheet_xml: str, values: Mapping[str, Any]) -> None:
    """Give formula cells (by reference, e.g. 'C5') a saved result, as Excel would have."""
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts[sheet_xml].decode("utf-8")
    for ref, value in values.items():
        pattern = re.compile(rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>')
        if isinstance(value, str):
            repl = rf'<c r="{ref}" t="str"><f>\2</f><v>{value}</v></c>'
        else:
            repl = rf'<c r="{ref}"\1><f>\2</f><v>{value}</v></c>'
        xml, n = pattern.subn(repl, xml)
        assert n == 1, (ref, xml[:2000])
    parts[sheet_xml] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
