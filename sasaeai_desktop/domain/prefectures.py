"""Which prefectures border which (land borders), by 2-digit prefecture code.

Used to tell an officer that a town name in a sheet belongs to a neighbouring prefecture
(嬬恋村 in a 長野県 list is 群馬県's) rather than just "not found". Islands and sea crossings do not
count: 北海道 and 沖縄県 have no neighbours, 山口県 does not border 福岡県.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["NEIGHBOURS", "are_neighbours"]

_BORDERS: tuple[tuple[str, str], ...] = (
    ("02", "03"), ("02", "05"),
    ("03", "04"), ("03", "05"),
    ("04", "05"), ("04", "06"), ("04", "07"),
    ("05", "06"),
    ("06", "07"), ("06", "15"),
    ("07", "08"), ("07", "09"), ("07", "10"), ("07", "15"),
    ("08", "09"), ("08", "11"), ("08", "12"),
    ("09", "10"), ("09", "11"),
    ("10", "11"), ("10", "15"), ("10", "20"),
    ("11", "12"), ("11", "13"), ("11", "19"), ("11", "20"),
    ("12", "13"),
    ("13", "14"), ("13", "19"),
    ("14", "19"), ("14", "22"),
    ("15", "16"), ("15", "20"),
    ("16", "17"), ("16", "20"), ("16", "21"),
    ("17", "18"), ("17", "21"),
    ("18", "21"), ("18", "25"), ("18", "26"),
    ("19", "20"), ("19", "22"),
    ("20", "21"), ("20", "22"), ("20", "23"),
    ("21", "23"), ("21", "24"), ("21", "25"),
    ("22", "23"),
    ("23", "24"),
    ("24", "25"), ("24", "26"), ("24", "29"), ("24", "30"),
    ("25", "26"),
    ("26", "27"), ("26", "28"), ("26", "29"),
    ("27", "28"), ("27", "29"), ("27", "30"),
    ("28", "31"), ("28", "33"),
    ("29", "30"),
    ("31", "32"), ("31", "33"), ("31", "34"),
    ("32", "34"), ("32", "35"),
    ("33", "34"),
    ("34", "35"),
    ("36", "37"), ("36", "38"), ("36", "39"),
    ("37", "38"),
    ("38", "39"),
    ("40", "41"), ("40", "43"), ("40", "44"),
    ("41", "42"),
    ("43", "44"), ("43", "45"), ("43", "46"),
    ("44", "45"),
    ("45", "46"),
)


def _build() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {f"{i:02d}": set() for i in range(1, 48)}
    for a, b in _BORDERS:
        out[a].add(b)
        out[b].add(a)
    return {k: frozenset(v) for k, v in out.items()}


NEIGHBOURS: Mapping[str, frozenset[str]] = MappingProxyType(_build())


def are_neighbours(a: str, b: str) -> bool:
    """True when prefectures ``a`` and ``b`` (2-digit codes) share a land border."""
    return b in NEIGHBOURS.get(a, frozenset())
