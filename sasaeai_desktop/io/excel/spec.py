"""Column specs shared by the Excel writer (export) and, later, the reader (import).

Plain Python on purpose: importing a spec never imports openpyxl, so services and the GUI can
describe a sheet (or list what a sheet must contain) without paying for the library.

One ``SheetSpec`` describes one kind of table; each ``ColumnSpec`` says
- ``key``: the field it carries (the name services use, e.g. ``population``),
- ``header``: the canonical Japanese header the writer puts in the header row,
- ``synonyms``: other headers a reader should accept for the same field (何でも取り込めるように),
- ``kind``: how the value is written and read (text / int / float / date / time / bool / multiline;
  fiscal_year: a 年度 such as 2025, shown as 2025 or 令和7年度),
- ``width``: a floor for the column width, in Excel character units ('0' = 1, a 漢字 ≈ 2),
- ``number_format``: an Excel format overriding the kind's default (e.g. '0.0' for a rate),
- ``hidden``: written as a hidden column (the record id an import matches on, kept out of the way),
- ``paper``: False for a column that is only for re-import (an ID): kept in the file, outside the
  print area (such columns come last).

``SheetSpec.repeat``: how many leading columns identify a row; a list too wide for one page is
printed in blocks of columns with these repeated on each.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from typing import Literal

ValueKind = Literal["text", "int", "float", "date", "time", "fiscal_year", "bool", "multiline"]
VALUE_KINDS: tuple[str, ...] = ("text", "int", "float", "date", "time", "fiscal_year", "bool", "multiline")

__all__ = ["VALUE_KINDS", "ColumnSpec", "SheetSpec", "ValueKind", "header_key"]


def header_key(text: object) -> str:
    """A header as compared when reading: NFKC (全角→半角), no spaces at all, lower case.

    '高齢化率（％）', '高齢化率 (%)' and '高齢化率(%)' all give the same key.
    """
    norm = unicodedata.normalize("NFKC", str(text or ""))
    return "".join(norm.split()).lower()


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    header: str
    kind: ValueKind = "text"
    width: float = 8.0
    synonyms: tuple[str, ...] = ()
    number_format: str | None = None
    hidden: bool = False
    paper: bool = True

    @property
    def printed(self) -> bool:
        return self.paper and not self.hidden

    def __post_init__(self) -> None:
        if self.kind not in VALUE_KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}; use one of {', '.join(VALUE_KINDS)}")
        if not isinstance(self.synonyms, tuple):  # accept a list, keep the dataclass hashable
            object.__setattr__(self, "synonyms", tuple(self.synonyms))

    def header_keys(self) -> tuple[str, ...]:
        """The normalised header and synonyms this column answers to (for the reader)."""
        return tuple(dict.fromkeys(header_key(h) for h in (self.header, *self.synonyms)))


@dataclass(frozen=True)
class SheetSpec:
    kind: str
    title: str
    columns: tuple[ColumnSpec, ...] = field(default_factory=tuple)
    repeat: int = 1
    _by_header_key: dict[str, ColumnSpec] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        cols = tuple(self.columns)
        object.__setattr__(self, "columns", cols)
        keys = [c.key for c in cols]
        if len(set(keys)) != len(keys):
            raise ValueError(f"duplicate column keys in sheet spec {self.kind!r}: {keys}")
        seen: dict[str, str] = {}
        for col in cols:
            for hk in col.header_keys():
                if hk in seen and seen[hk] != col.key:
                    raise ValueError(
                        f"header {hk!r} of sheet spec {self.kind!r} names both {seen[hk]!r} and {col.key!r}"
                    )
                seen[hk] = col.key
        # find_column runs for every cell of the rows searched for the header: one look-up each,
        # not every column's synonyms normalised again.
        by_key = {c.key: c for c in cols}
        object.__setattr__(self, "_by_header_key", {hk: by_key[k] for hk, k in seen.items()})

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    def column(self, key: str) -> ColumnSpec:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    def find_column(self, header: object) -> ColumnSpec | None:
        """The column whose header or synonym matches ``header`` (normalised), or None."""
        hk = header_key(header)
        return self._by_header_key.get(hk) if hk else None

    def select(self, keys: Iterable[str]) -> SheetSpec:
        """The same sheet with only ``keys``, in that order."""
        return SheetSpec(self.kind, self.title, tuple(self.column(k) for k in keys), self.repeat)
