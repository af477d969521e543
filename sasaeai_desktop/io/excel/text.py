"""Text helpers for sheets: text a cell can hold, display width of Japanese text, the 出力日 line,
column letters (no openpyxl)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from sasaeai_desktop.domain.wareki import format_date

__all__ = ["clean_cell_text", "column_letter", "display_width", "output_date_line"]

_MAX_CELL_CHARS = 32767  # Excel refuses longer cell text
# What XML 1.0 cannot hold (openpyxl would raise IllegalCharacterError mid-stream) and CR,
# which Excel shows as _x000D_; CRLF / CR become LF.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\r]")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# 'F'ullwidth, 'W'ide and 'A'mbiguous (○ × ※ ① Greek …) take two cells in a Japanese font.
_WIDE = frozenset("FWA")


def clean_cell_text(text: str) -> str:
    """``text`` as a cell can hold it: no characters XML cannot hold, line breaks as LF, at most
    the 32,767 characters Excel accepts."""
    if _UNSAFE.search(text):
        text = _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) > _MAX_CELL_CHARS:
        text = text[:_MAX_CELL_CHARS]
    return text


def display_width(text: str) -> int:
    """Width of the widest line of ``text`` in half-width cells: 'abc' → 3, '長野県' → 6."""
    if text.isascii():
        if "\n" not in text:
            return len(text)
        return max(len(line) for line in text.split("\n"))
    best = 0
    eaw = unicodedata.east_asian_width
    for line in text.split("\n"):
        w = 0
        for ch in line:
            w += 2 if eaw(ch) in _WIDE else 1
        if w > best:
            best = w
    return best


def output_date_line(day: dt.date | None = None) -> str:
    """'出力日: 2026年11月26日（令和8年11月26日）' for ``day`` (today when None)."""
    day = day or dt.date.today()
    return f"出力日: {day.year}年{day.month}月{day.day}日（{format_date(day)}）"


def column_letter(index: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA'."""
    out = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out
