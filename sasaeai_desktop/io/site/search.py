"""Search text folded the same way on both sides: the index is folded here when the site is
written, what a visitor types is folded by ``FOLD_JS`` in the browser.

Folding: NFKC (full-width letters and digits, half-width katakana), lower case, katakana to
hiragana (サロン finds さろん), and no white space (a phrase split across a line still matches).
Search is substring matching over this text, so a word of two characters (配食, サロン) finds
every activity that mentions it; several words must all be found.
"""

from __future__ import annotations

import re
import unicodedata

_KATAKANA = range(0x30A1, 0x30F7)  # ァ … ヶ; their hiragana are 0x60 below
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).lower()
    chars = (chr(ord(c) - 0x60) if ord(c) in _KATAKANA else c for c in folded)
    return _SPACE.sub("", "".join(chars))


# The same folding in the browser (String.prototype.normalize is in every browser since 2016).
FOLD_JS = r"""function fold(text) {
    var s = String(text).normalize("NFKC").toLowerCase();
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      out += (c >= 0x30a1 && c <= 0x30f6) ? String.fromCharCode(c - 0x60) : s.charAt(i);
    }
    return out.replace(/\s+/g, "");
  }"""
