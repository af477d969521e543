"""The PDF font: IPAexGothic, with the fallback gothic for characters it lacks, and a text layer
that gives back every name exactly as stored.

reportlab knows one TrueType file per font name and no fallback, so ``JapaneseFont`` is a small
composite: it measures and splits text into runs per file (IPAexGothic first, then
resources/fonts/sasaeai-fallback-gothic.ttf), handing the fallback's subsets to the page under
subset numbers from ``FALLBACK_SUBSETS`` on. Every place that draws text — Paragraphs, Table cells,
``canvas.drawString``, chart labels — goes through ``splitString``/``stringWidth``, so the fallback
works everywhere without the callers knowing.

Two things reportlab 4/5 gets wrong, fixed here without touching its files (``TrueTypeFile``):

- Its ToUnicode CMap writes each character as ``"<%04X>" % code``: for a character outside the
  BMP that is five hex digits (𡈽 U+2123D → ``<2123D>``), which a reader takes as the bytes
  21 23 D… so pdftotext gave 「℣屋」. A ToUnicode destination is UTF-16BE; ``addObjects`` rewrites
  the CMap of a subset that holds such characters (or variation sequences) as surrogate pairs.
- It ignores variation selectors (辻 + U+E0100 is two characters, the second has no glyph). A
  (base, selector) pair is given a stand-in code in Supplementary Private Use Area-B: the glyph is
  the font's variant for that sequence (cmap format 14) or the base glyph when the font has no such
  variant, and the ToUnicode entry for it is the two characters, so copying gives the name as stored.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from reportlab.pdfbase.ttfonts import SUBSETN
from reportlab.pdfbase.ttfonts import TTFont

__all__ = ["FALLBACK_SUBSETS", "JapaneseFont", "TrueTypeFile", "is_selector"]

FALLBACK_SUBSETS = 10_000  # subset numbers from here on belong to the fallback file
_STAND_IN = 0x100000  # Supplementary Private Use Area-B: no stored name uses it


def is_selector(ch: str) -> bool:
    code = ord(ch)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int], sequences: dict[int, str]) -> str:
    """reportlab's ttfonts.makeToUnicodeCMap with UTF-16BE destinations (see the module docstring)."""
    entries = [f"<{i:02X}> <{_utf16_hex(sequences.get(code) or chr(code))}>" for i, code in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo", f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def",
        "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange",
        f"{len(subset)} beginbfchar", *entries, "endbfchar",
        "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


class TrueTypeFile(TTFont):
    """One TrueType file, with a correct ToUnicode and variation sequences (module docstring)."""

    def __init__(self, name: str, path: str) -> None:
        # shapable=False: without uharfbuzz reportlab does not shape anyway; our stand-in codes
        # must reach splitString unchanged.
        super().__init__(name, path, shapable=False)
        self.path = path
        self.sequences: dict[int, str] = {}  # stand-in code → base + selector
        self._codes: dict[str, int] = {}

    @cached_property
    def _variants(self) -> dict[tuple[int, int], int | None]:
        """(base, selector) → glyph index of the variant, or None where the base glyph is the one
        meant (a 'default' sequence). Read only when a selector first appears: most PDFs have none."""
        from fontTools.ttLib import TTFont as FontToolsFont

        cmap = FontToolsFont(self.path, lazy=True)["cmap"]
        out: dict[tuple[int, int], int | None] = {}
        table = next((t for t in cmap.tables if t.format == 14), None)
        if table is not None:
            order = FontToolsFont(self.path, lazy=True).getGlyphOrder()
            index = {n: i for i, n in enumerate(order)}
            for selector, pairs in table.uvsDict.items():
                for base, glyph in pairs:
                    out[(base, selector)] = None if glyph is None else index.get(glyph)
        return out

    def stand_in(self, base: str, selector: str) -> str:
        """The one character that draws ``base`` as varied by ``selector`` and copies as both."""
        key = base + selector
        code = self._codes.get(key)
        if code is None:
            face = self.face
            glyph = self._variants.get((ord(base), ord(selector)))
            code = _STAND_IN + len(self._codes)
            # (a base this file cannot draw keeps glyph 0, the box, as it would alone)
            face.charToGlyph[code] = face.charToGlyph.get(ord(base), 0) if glyph is None else glyph
            face.charWidths[code] = face.charWidths.get(ord(base), face.defaultWidth)
            self._codes[key] = code
            self.sequences[code] = key
        return chr(code)

    def addObjects(self, doc: Any) -> None:
        state = self._assignState(doc)
        subsets = [list(s) for s in state.subsets]
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            if any(code > 0xFFFF for code in subset):
                base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
                doc.idToObject["toUnicodeCMap:" + base].content = _to_unicode_cmap(base, subset, self.sequences)


class JapaneseFont(TrueTypeFile):
    """IPAexGothic with a per-character fallback file and variation sequences (module docstring)."""

    def __init__(self, name: str, path: str, fallback: TrueTypeFile) -> None:
        super().__init__(name, path)
        self.fallback = fallback
        own = self.face.charToGlyph
        selectors = [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]
        # One C-speed set test tells whether a text needs the slow path at all (almost none do);
        # a regular expression with this class was ten times slower on the one-character texts
        # that Paragraph measures.
        self._special = frozenset(chr(c) for c in [*selectors, *fallback.face.charToGlyph] if c not in own)

    def has_glyph(self, ch: str) -> bool:
        code = ord(ch)
        return code in self.face.charToGlyph or code in self.fallback.face.charToGlyph

    def runs(self, text: str) -> list[tuple[TrueTypeFile, str]]:
        """``text`` as (file, characters) runs, a variation sequence as one stand-in character
        of the file that draws its base; a selector with nothing before it is dropped."""
        out: list[tuple[TrueTypeFile, list[str]]] = []
        own, other = self.face.charToGlyph, self.fallback.face.charToGlyph
        for ch in text:
            if is_selector(ch):
                if out and out[-1][1] and ord(out[-1][1][-1]) < _STAND_IN:
                    font, chars = out[-1]
                    chars[-1] = font.stand_in(chars[-1], ch)
                continue
            code = ord(ch)
            font = self.fallback if code not in own and code in other else self
            if out and out[-1][0] is font:
                out[-1][1].append(ch)
            else:
                out.append((font, [ch]))
        return [(font, "".join(chars)) for font, chars in out]

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if self._special.isdisjoint(text):
            return super().stringWidth(text, size, encoding)
        return sum(TTFont.stringWidth(font, part, size) for font, part in self.runs(text))

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if self._special.isdisjoint(text):
            return super().splitString(text, doc, encoding)
        out: list[tuple[int, bytes]] = []
        for font, part in self.runs(text):
            if font is self:
                out += super().splitString(part, doc, encoding)
            else:
                out += [(FALLBACK_SUBSETS + n, b) for n, b in font.splitString(part, doc, encoding)]
        return out

    def getSubsetInternalName(self, subset: int, doc: Any) -> str:
        if subset >= FALLBACK_SUBSETS:
            return self.fallback.getSubsetInternalName(subset - FALLBACK_SUBSETS, doc)
        return super().getSubsetInternalName(subset, doc)
