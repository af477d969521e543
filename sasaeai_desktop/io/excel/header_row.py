"""Finding the header row among title rows, a date line, merged cells and blank rows, matching its
texts to a sheet spec's columns, and telling note rows (※…, 注…) from data.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from .spec import ColumnSpec
from .spec import SheetSpec
from .spec import header_key
from .text import column_letter

HEADER_SCAN_ROWS = 30


_BRACKETS = re.compile(r"[（(【\[〔<＜《][^）)】\]〕>＞》]*[）)】\]〕>＞》]")
_MARKS = re.compile(r"^[*＊※●◎◆■□・]+|[*＊※●◎◆■□]+$")


def _loose_key(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = _BRACKETS.sub("", s)
    s = _MARKS.sub("", "".join(s.split()))
    return header_key(s)


def match_header(spec: SheetSpec, text: object) -> ColumnSpec | None:
    """The column a header cell names: exact (NFKC, no spaces, synonyms), else without a note in
    brackets or a required-mark ('氏名（漢字）', '※電話番号', 'メール*')."""
    col = spec.find_column(text)
    if col is not None or not isinstance(text, str):
        return col
    loose = _loose_key(text)
    if loose and loose != header_key(text):
        return spec.find_column(loose)
    return None


def header_fingerprint(texts: Sequence[object]) -> str:
    """A short id of a header row's layout: the normalised texts in column order."""
    keys = [header_key(t) if not isinstance(t, float) else header_key(str(t)) for t in texts]
    while keys and not keys[-1]:
        keys.pop()
    return hashlib.sha1("\x1f".join(keys).encode("utf-8")).hexdigest()[:16]


@dataclass
class Header:
    """The header found in a sheet: where it is and what each column carries."""

    row: int  # 0-based index of the (last) header row; data starts below it
    texts: list[str]  # the header text of each column from A (merged two-row headers combined)
    mapping: dict[int, str]  # column index → field key
    unknown: list[int] = field(default_factory=list)  # columns with a header nobody reads
    duplicates: dict[str, list[int]] = field(default_factory=dict)  # key → columns naming it twice or more
    fingerprint: str = ""
    remembered: bool = False  # the mapping came (partly) from a remembered layout
    first_row: int = 0  # 0-based first header row (== row unless two rows)

    def column_of(self, key: str) -> int | None:
        for col, k in self.mapping.items():
            if k == key:
                return col
        return None

    def label(self, col: int) -> str:
        text = self.texts[col] if col < len(self.texts) else ""
        return text or column_letter(col)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _score(spec: SheetSpec, row: Sequence[Any]) -> tuple[int, dict[int, str]]:
    found: dict[int, str] = {}
    for j, value in enumerate(row):
        if isinstance(value, str) and value:
            col = match_header(spec, value)
            if col is not None:
                found[j] = col.key
    return len(set(found.values())), found


def find_header(
    spec: SheetSpec,
    rows: Sequence[tuple[int, Sequence[Any]]],
    *,
    remembered: Mapping[str, Mapping[int, str | None]] | None = None,
    at_row: int | None = None,
) -> Header | None:
    """The header among ``rows`` (the first rows of the sheet, with their indices).

    The row naming the most known columns wins (the earliest on a tie); a row whose layout was
    mapped by hand before (``remembered``: fingerprint → {column: key or None}) wins outright.
    ``at_row`` (0-based) forces the header row. None when no row names any known column.
    """
    remembered = remembered or {}
    best: tuple[int, int, dict[int, str]] | None = None  # (score, position in rows, found)
    for pos, (r, row) in enumerate(rows):
        if at_row is not None and r != at_row:
            continue
        texts = [_cell_text(v) for v in row]
        fp = header_fingerprint(texts)
        if fp in remembered and any(v for v in texts):
            best = (10_000, pos, _score(spec, row)[1])
            break
        score, found = _score(spec, row)
        if at_row is not None or (score > 0 and (best is None or score > best[0])):
            best = (score, pos, found)
    if best is None:
        return None
    _, pos, found = best
    r, row = rows[pos]
    texts = [_cell_text(v) for v in row]
    first_row = r

    # A second header row under the first (連絡先 over 電話 | メール): every cell in it is a header.
    if pos + 1 < len(rows) and at_row is None:
        r2, row2 = rows[pos + 1]
        texts2 = [_cell_text(v) for v in row2]
        filled = [j for j, t in enumerate(texts2) if t]
        score2, found2 = _score(spec, row2)
        if filled and len(found2) == len(filled) and any(j not in found or found2[j] != found.get(j) for j in found2):
            width = max(len(texts), len(texts2))
            texts = (texts + [""] * width)[:width]
            for j, key in found2.items():
                if j not in found:
                    texts[j] = texts2[j]
                    found[j] = key
            r = r2

    fp = header_fingerprint(texts)
    mapping: dict[int, str] = {}
    used_memory = False
    memory = remembered.get(fp)
    if memory is not None:
        used_memory = True
        for j in range(len(texts)):
            if j in memory:
                remembered_key = memory[j]
                if remembered_key:
                    mapping[j] = remembered_key
            elif j in found:
                mapping[j] = found[j]
    else:
        mapping = dict(found)
    header = Header(row=r, texts=texts, mapping={}, fingerprint=fp, remembered=used_memory, first_row=first_row)
    apply_mapping(header, mapping)
    return header


def apply_mapping(header: Header, mapping: Mapping[int, str]) -> None:
    """Set ``header.mapping`` and recompute unknown and duplicate columns."""
    header.mapping = {j: k for j, k in sorted(mapping.items()) if k}
    by_key: dict[str, list[int]] = {}
    for j, key in header.mapping.items():
        by_key.setdefault(key, []).append(j)
    header.duplicates = {k: cols for k, cols in by_key.items() if len(cols) > 1}
    header.unknown = [j for j, t in enumerate(header.texts) if t and j not in header.mapping]


# --- notes and blank rows ----------------------------------------------------------------------

_NOTE_START = re.compile(r"^\s*(?:[※＊*]|[（(]?注[）)\d１-９:：]|注\s|注$|注記|備考[:：])")


def is_note_row(row: Sequence[Any]) -> int | None:
    """The column of a note row — its only filled cell is text starting with ※, ＊ or 注 — else None."""
    col = None
    for j, v in enumerate(row):
        if v == "" or v is None:
            continue
        if col is not None:
            return None
        col = j
    if col is None:
        return None
    value = row[col]
    if isinstance(value, str) and _NOTE_START.match(value):
        return col
    return None
