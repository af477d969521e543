"""Formulas without values and error cells, which only the sheet XML knows: python-calamine reads
the saved values, and a formula a program wrote without computing it has none.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path
from pathlib import PurePosixPath
from typing import Any

from .errors import ExcelReadError

_EXCEL_ERRORS = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!")
)


# --- formulas without values, error cells (only the sheet XML knows) -----------------------------

# What a formula or an error cell looks like in sheet XML (<f>, <f t="shared" …>, <x:f>, t="e").
# bytes.find is memchr-fast; a regex over 15 MB of XML took a second.
# 'f>' ends <f>, </f>, <x:f>, </x:f> — every sheet with a formula has one (a shared formula's
# cells <f t="shared" si="0"/> come with the master cell's <f …>…</f>). A rare false positive
# (another tag ending in f) only costs the exact scan below.
_FORMULA_MARKS = (b"f>", b't="e"')


def _has_formula_mark(xml: bytes) -> bool:
    """Whether ``xml`` may hold a formula or an error cell (one of ``_FORMULA_MARKS``).

    A search for a two-byte string walks the bytes one by one (50 ms for a 50,000-row sheet);
    'f' is rare in sheet XML, and memchr finds each one at memory speed, so 'f>' is looked for as
    an 'f' followed by '>'. 't="e"' has no rare byte: searched as it is."""
    find = xml.find
    i = find(b"f")
    for _ in range(1000):  # text full of f's (inline English): the plain search is cheaper
        if i < 0:
            return _FORMULA_MARKS[1] in xml
        if xml[i + 1 : i + 2] == b">":
            return True
        i = find(b"f", i + 1)
    return any(mark in xml for mark in _FORMULA_MARKS)
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _sheet_xml_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part name inside the zip ('xl/worksheets/sheet1.xml')."""
    from lxml import etree  # a dependency of openpyxl's fast path; imported only when needed

    wb = etree.fromstring(zf.read("xl/workbook.xml"))
    rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out: dict[str, str] = {}
    for sheet in wb.iter("{*}sheet"):
        rid = sheet.get(f"{{{_REL_NS}}}id")
        target = targets.get(rid)
        if not target:
            continue
        target = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        out[sheet.get("name") or ""] = os.path.normpath(target).replace(os.sep, "/")
    return out


def _cell_ref(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d+)", ref)
    if not m:
        raise ValueError(ref)
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def scan_formula_cells(path: str | os.PathLike[str], sheet: str) -> dict[tuple[int, int], str]:
    """(row, col) 0-based → a Japanese note, for each formula cell without a saved result and each
    error value (#REF!, #DIV/0! …). Empty when the sheet has neither (the usual case: one pass of
    a byte search over the decompressed XML). ExcelReadError when the XML is not well-formed
    (calamine reads some such files; lxml, rightly, does not)."""
    from lxml import etree

    try:
        return _scan_formula_cells(path, sheet)
    except etree.XMLSyntaxError as exc:
        raise ExcelReadError(
            f"「{Path(path).name}」のシート「{sheet}」のXMLが壊れています（{exc.msg}）。"
            "Excelで開くと修復できる場合があります。修復して保存し直してから取り込んでください。"
        ) from None


def _scan_formula_cells(path: str | os.PathLike[str], sheet: str) -> dict[tuple[int, int], str]:
    with zipfile.ZipFile(path) as zf:
        part = _sheet_xml_paths(zf).get(sheet)
        if part is None or part not in zf.namelist():
            return {}
        tail = b""
        found = False
        with zf.open(part) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                if _has_formula_mark(tail + chunk):
                    found = True
                    break
                tail = chunk[-8:]
        if not found:
            return {}
        from lxml import etree

        out: dict[tuple[int, int], str] = {}
        with zf.open(part) as fh:
            for _, c in etree.iterparse(fh, tag="{*}c", events=("end",)):
                f = v = None
                for child in c:
                    local = etree.QName(child).localname
                    if local == "f":
                        f = child
                    elif local == "v":
                        v = child
                ref = c.get("r")
                if ref and (f is not None or c.get("t") == "e"):
                    value = v.text if v is not None else None
                    if c.get("t") == "e":
                        out[_cell_ref(ref)] = f"数式がエラーになっています（{value or 'エラー'}）"
                    elif value is None or value == "":
                        text = f"={f.text}" if f is not None and f.text else "数式"
                        out[_cell_ref(ref)] = (
                            f"数式（{text[:40]}）の計算結果が保存されていません。Excelで開いて保存し直すか、"
                            "値として貼り付けてください"
                        )
                c.clear()
        return out


# --- the workbook ------------------------------------------------------------------------------


def excel_error(value: Any) -> str | None:
    """'#REF!' for a cell holding an Excel error code as text, else None."""
    if isinstance(value, str) and value[:1] == "#" and value.strip() in _EXCEL_ERRORS:
        return value.strip()
    return None
