"""Build resources/fonts/sasaeai-fallback-gothic.ttf: the glyphs IPAexGothic lacks, from Noto Sans CJK JP.

Why a derived font and not a stock one: the gothic fonts that cover 𠮷 (U+20BB7) and the rest of
JIS X 0213 are CFF-outlined OpenType (Noto Sans CJK, Source Han Sans, 原ノ味), which reportlab
cannot embed, or Mincho (IPAmj明朝, 50 MB). BIZ UDGothic (TrueType) lacks 𠮷 too. So this script
takes Noto Sans CJK JP (SIL OFL 1.1), keeps only

- the JIS X 0213 characters IPAexGothic lacks (Python's ``euc_jis_2004`` codec is the JIS X 0213
  table), and
- every ideograph outside the BMP that Noto Sans CJK JP draws (𠮷, 𩸽, 𠀋 … — names use them),

converts the cubic CFF outlines to quadratic TrueType ones (fontTools.cu2qu; reportlab embeds
``glyf`` only) and renames the result: the OFL forbids a modified font to carry a Reserved Font
Name, and "Noto" is a Google trademark.

Run: ``python packaging/build_fallback_font.py [NotoSansCJK-Regular.ttc]`` (Debian package
``fonts-noto-cjk``; needs ``fonttools``). The output is deterministic for a given input.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection
from fontTools.ttLib import TTFont
from fontTools.ttLib import newTable

ROOT = Path(__file__).resolve().parents[1]
PRIMARY = ROOT / "resources" / "fonts" / "ipaexg.ttf"
OUT = ROOT / "resources" / "fonts" / "sasaeai-fallback-gothic.ttf"
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FAMILY = "SasaeAI Fallback Gothic"
PS_NAME = "SasaeAIFallbackGothic-Regular"
MAX_ERR = 1.0  # font units (of 1000): the quadratic curves stay within a thousandth of an em


def _in_jis_x_0213(code: int) -> bool:
    try:
        chr(code).encode("euc_jis_2004")
    except UnicodeEncodeError:
        return False
    return True


def wanted(source: TTFont, primary: dict[int, str]) -> list[int]:
    out = []
    for code in source.getBestCmap():
        if code in primary or code < 0x80:
            continue
        if _in_jis_x_0213(code) or 0x20000 <= code <= 0x3FFFF:
            out.append(code)
    return sorted(out)


def to_truetype(font: TTFont) -> None:
    """CFF → glyf in place (the fontTools otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.maxComponentDepth = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont) -> None:
    name = font["name"]
    version = name.getDebugName(5) or ""
    for rec in list(name.names):
        if rec.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            name.removeNames(nameID=rec.nameID)
    name.setName(FAMILY, 1, 3, 1, 0x409)
    name.setName("Regular", 2, 3, 1, 0x409)
    name.setName(f"{PS_NAME};derived from Noto Sans CJK JP {version}", 3, 3, 1, 0x409)
    name.setName(FAMILY, 4, 3, 1, 0x409)
    name.setName(PS_NAME, 6, 3, 1, 0x409)
    name.setName(
        "Subset of Noto Sans CJK JP converted to TrueType outlines for SasaeAI Desktop "
        "(packaging/build_fallback_font.py); licensed under the SIL Open Font License 1.1.",
        10, 3, 1, 0x409,
    )


def build(source_path: Path = SOURCE, out: Path = OUT) -> Path:
    collection = TTCollection(str(source_path))
    source = next(f for f in collection.fonts if f["name"].getDebugName(4) == "Noto Sans CJK JP")
    primary = TTFont(str(PRIMARY), lazy=True).getBestCmap()
    codes = wanted(source, primary)
    options = subset.Options()
    options.layout_features = ["vert", "vrt2"]  # no shaping in reportlab: keep the vertical forms only
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=codes)
    sub.subset(source)
    for tag in ("BASE", "GPOS"):
        if tag in source:
            del source[tag]
    to_truetype(source)
    rename(source)
    source["head"].modified = source["head"].created  # reproducible bytes
    out.parent.mkdir(parents=True, exist_ok=True)
    source.save(str(out))
    print(f"{out.name}: {len(codes)} characters, {out.stat().st_size / 1e6:.2f} MB")
    return out


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
