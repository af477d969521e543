"""Japanese line breaking for the PDFs: between phrases, never inside a word or a number.

reportlab's wordWrap='CJK' breaks between any two characters (「グルー／プ表」「養／成研修」
「2017年4／月」) and keeps only one closing mark off a line start. Here every position between two
characters gets a rank:

- ``PHRASE``: a BudouX phrase boundary (BudouX: Google's phrase segmenter, trained on Japanese
  text), or after a space;
- ``SCRIPT``: a change of script inside a phrase (生活支援｜コーディネーター｜養成研修), used
  only when a phrase is longer than the line;
- ``ANY``: any other boundary, the last resort for a phrase longer than the line;
- ``NEVER``: kinsoku (no line starts with 。、）」ー・ or a small kana, none ends with （「),
  inside a number with its unit (2017年4月, 40名, 026-235-7111), inside a run of Latin letters,
  digits and address marks (an e-mail address), inside a katakana word, and before a variation
  selector (it belongs to the character before it).

``break_lines`` fills each line greedily to the best-ranked position that fits; a closing mark that
overflows hangs in the margin as in Japanese typesetting. ``JaParagraph`` is reportlab's Paragraph
with this rule instead of its own (only ``breakLinesCJK`` is replaced) and can shrink a title to
fit one line before it breaks it; ``wrap_text`` serves text drawn straight on the canvas.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus.paragraph import Paragraph
from reportlab.platypus.paragraph import ParaLines
from reportlab.platypus.paragraph import _handleBulletWidth
from reportlab.platypus.paragraph import cjkU
from reportlab.platypus.paragraph import makeCJKParaLine

from sasaeai_desktop.io.pdf.fonts import is_selector

__all__ = ["JaParagraph", "break_lines", "break_ranks", "char_widths", "wrap_text"]

NEVER, ANY, SCRIPT, PHRASE = 0, 1, 2, 3

CANNOT_START = frozenset(
    "!'),.:;?\"]}、。，．：；！？）〉》」』】〕｝］〙〗々〻ゝゞヽヾ―‐ー〜～…‥・゛゜°′″℃％‰"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
)
CANNOT_END = frozenset("([{（〔［｛〈《「『【〘〖‘“￥＄＃＠〒")
HANG = frozenset("、。，．,.")  # may hang past the right edge rather than start a line
_WORD = frozenset("0123456789０１２３４５６７８９ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                  "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
                  "@._-+:/%&#=~'’－＿＠．：／")
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_ERAS = frozenset(("令和", "平成", "昭和", "大正", "明治"))
_BEFORE_NUMBER = frozenset("第約計全各毎")


@lru_cache(maxsize=1)
def _parser() -> Any:
    import budoux

    return budoux.load_default_japanese_parser()


def _script(ch: str) -> str:
    if "\u30a0" <= ch <= "\u30ff" or ch == "ー":
        return "katakana"
    if "\u3040" <= ch <= "\u309f":
        return "hiragana"
    if ch in _WORD:
        return "word"
    if unicodedata.category(ch) == "Lo":
        return "kanji"
    return "other"


def _never(prev: str, ch: str) -> bool:
    if ch in CANNOT_START or prev in CANNOT_END or is_selector(ch) or ch.isspace():
        return True
    if prev in _WORD and ch in _WORD:
        # inside an address or a word; an over-long address may still break before @ . / (ANY)
        return not (ch in "@./" and prev not in _DIGITS)
    if prev in _DIGITS and unicodedata.category(ch) in ("Lo", "So", "Po"):
        return True  # a number and its unit: 4月, 40名, 3か所, 5％
    return _script(prev) == "katakana" and _script(ch) == "katakana"


@lru_cache(maxsize=4096)
@lru_cache(maxsize=16384)
def break_ranks(text: str) -> tuple[int, ...]:
    """rank[i]: how good a line break before ``text[i]`` is (rank[0] is unused).

    Cached per text: a year's printouts repeat the same municipality, role and office names on
    every row, and the BudouX parse is the costly part of breaking them."""
    ranks = [NEVER] * len(text)
    phrase_starts: set[int] = set()
    pos = 0
    for piece in text.split("\n"):
        if piece.strip():
            at = pos
            for phrase in _parser().parse(piece):
                at += len(phrase)
                phrase_starts.add(at)
        pos += len(piece) + 1
    for i in range(1, len(text)):
        prev, ch = text[i - 1], text[i]
        if prev == "\n" or ch == "\n" or _never(prev, ch):
            continue
        if ch in _DIGITS and (prev in _BEFORE_NUMBER or text[max(0, i - 2):i] in _ERAS):
            continue  # 第2層, 令和8年: the word and its number
        if prev in _WORD and ch in _WORD:
            ranks[i] = ANY
        elif i in phrase_starts or prev.isspace():
            ranks[i] = PHRASE
        elif _script(prev) != _script(ch):
            ranks[i] = SCRIPT
        else:
            ranks[i] = ANY
    return tuple(ranks)


def break_lines(text: str, widths: Sequence[float], max_widths: Sequence[float] | float,
                forced: Callable[[int], bool] = lambda i: False) -> list[tuple[int, int]]:
    """Lines of ``text`` as (start, end) indices; ``widths[i]`` is the width of ``text[i]``,
    ``forced(i)`` says that character ends its line (a <br/>)."""
    if isinstance(max_widths, (int, float)):
        max_widths = [max_widths]
    ranks = break_ranks(text)
    n = len(text)
    lines: list[tuple[int, int]] = []
    start = 0
    while start < n:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        used = 0.0
        i = start
        end = None
        while i < n:
            if forced(i):
                end = i + 1
                break
            if used + widths[i] > limit + 1e-6 and i > start:
                break
            used += widths[i]
            i += 1
        if end is None:
            end = n if i >= n else _best_break(text, ranks, widths, start, i, limit)
        lines.append((start, end))
        start = end
    return lines


def _best_break(text: str, ranks: Sequence[int], widths: Sequence[float], start: int, over: int, limit: float) -> int:
    """Where to end a line from ``start`` whose character ``over`` no longer fits."""
    # 。、 overflowing by themselves hang in the margin instead of starting the next line.
    if text[over] in HANG and (over + 1 >= len(text) or ranks[over + 1] != NEVER):
        return over + 1
    best: dict[int, int] = {}
    for b in range(over, start, -1):
        r = ranks[b]
        if r != NEVER and r not in best:
            best[r] = b
            if r == PHRASE:
                break
    if PHRASE in best:
        b = best[PHRASE]
        # A phrase that will not fit a whole line anyway is broken here rather than leaving this
        # line mostly empty.
        nxt = next((j for j in range(b + 1, len(text)) if ranks[j] == PHRASE), len(text))
        if sum(widths[b:nxt]) <= limit or sum(widths[start:b]) >= 0.5 * limit:
            return b
        inside = [x for r, x in best.items() if r != PHRASE and x > b]
        return max(inside) if inside else b
    if SCRIPT in best:
        return best[SCRIPT]
    if ANY in best:
        return _no_orphan(text, ranks, start, best[ANY])
    # A word longer than the line (ミニデイサービス in a narrow cell) breaks where it must, but
    # still keeps ー and small kana off the start of a line: 「ミニデイ／サービス」.
    return next((b for b in range(over, start, -1) if not _kinsoku(text[b - 1], text[b])), over)


def _kinsoku(prev: str, ch: str) -> bool:
    return ch in CANNOT_START or prev in CANNOT_END or is_selector(ch)


def _no_orphan(text: str, ranks: Sequence[int], start: int, b: int) -> int:
    """Inside an over-long phrase, leave at least two characters for the next line
    (「（住民／主体）」 rather than 「（住民主／体）」)."""
    end = next((j for j in range(b + 1, len(text)) if ranks[j] == PHRASE or text[j] == "\n"), len(text))
    if sum(1 for ch in text[b:end] if ch not in CANNOT_START) > 1:
        return b
    earlier = next((j for j in range(b - 1, start + 1, -1) if ranks[j] != NEVER), None)
    return earlier if earlier is not None else b


class JaParagraph(Paragraph):
    """reportlab's Paragraph with Japanese line breaking (module docstring). Needs
    wordWrap='CJK' in its style (io.pdf.common.styles has it).

    ``shrink`` (default: the style's ``shrinkToFit``, else 1): a title is set smaller, down to this
    fraction of its size, to stay on one line before it is broken."""

    def __init__(self, text: str, style: Any, *args: Any, shrink: float | None = None, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)
        self._shrink = shrink if shrink is not None else getattr(style, "shrinkToFit", 1.0)
        self._shrunk_for: float | None = None

    _wrapped_for: float | None = None
    _wrapped: tuple[float, float] = (0.0, 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Lines are broken once per width: a table measures its cells again at every page break
        # (a 1,200-row sheet wrapped each paragraph ~2.6 times) and draws them with the same width.
        if self._wrapped_for == availWidth and getattr(self, "blPara", None) is not None:
            return self._wrapped
        if self._shrink < 1.0 and self._shrunk_for != availWidth:
            self._shrunk_for = availWidth
            self._fit_one_line(availWidth)
        self._wrapped = super().wrap(availWidth, availHeight)
        self._wrapped_for = availWidth
        return self._wrapped

    def _fit_one_line(self, width: float) -> None:
        frags = [f for f in self.frags if getattr(f, "text", "")]
        natural = sum(stringWidth(f.text, f.fontName, f.fontSize) for f in frags)
        room = width - self.style.leftIndent - self.style.rightIndent
        if natural <= room or not frags:
            return
        scale = max(self._shrink, room / natural)
        for f in self.frags:
            f.fontSize = getattr(f, "_full_size", f.fontSize)
            f._full_size = f.fontSize
            f.fontSize = f.fontSize * scale
        self.__dict__.pop("blPara", None)

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        frags = self.frags
        if not frags or (hasattr(self, "blPara") and getattr(self, "_splitpara", False)):
            return super().breakLinesCJK(maxWidths)
        self.height = 0
        _handleBulletWidth(self.bulletText, self.style, maxWidths)
        if len(frags) == 1 and hasattr(frags[0], "text") and not hasattr(frags[0], "cbDefn") and not self.style.endDots:
            return self._one_frag_lines(frags[0], maxWidths)
        units: list[Any] = []
        for f in frags:
            text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
            units.extend([cjkU(t, f, "utf8") for t in text] if text else [cjkU(text, f, "utf8")])
        # A frag without text is a <br/> (or an image): "\n" keeps the positions aligned.
        text = "".join(u or "\n" for u in units)
        widths = [u.width for u in units]
        forced = [hasattr(u.frag, "lineBreak") for u in units]
        autoleading = getattr(self, "autoLeading", getattr(self.style, "autoLeading", ""))
        calc_bounds = autoleading not in ("", "off")
        lines = []
        for n, (a, b) in enumerate(break_lines(text, widths, maxWidths, forced.__getitem__)):
            limit = maxWidths[min(n, len(maxWidths) - 1)]
            used = sum(widths[a:b])
            lines.append(makeCJKParaLine(units[a:b], limit, used, limit - used, forced[b - 1], calc_bounds))
        return ParaLines(kind=1, lines=lines)

    @staticmethod
    def _one_frag_lines(f: Any, maxWidths: Sequence[float]) -> Any:
        """One run of text in one font (most cells): the plain line form reportlab's own
        single-frag path returns, much cheaper to build and draw than a line per character run."""
        text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
        widths = char_widths(text, f.fontName, f.fontSize)
        lines = []
        for n, (a, b) in enumerate(break_lines(text, widths, maxWidths)):
            limit = maxWidths[min(n, len(maxWidths) - 1)]
            lines.append((limit - sum(widths[a:b]), [text[a:b]]))
        return f.clone(kind=0, lines=lines, ascent=f.fontSize, descent=-0.2 * f.fontSize)


@lru_cache(maxsize=256)
def _width_table(font_name: str, size: float) -> dict[str, float]:
    return {}


def char_widths(text: str, font_name: str, size: float) -> list[float]:
    """The width of each character of ``text``, measured once per font and size (a dict look-up
    instead of reportlab's stringWidth call for every character of every cell)."""
    table = _width_table(font_name, size)
    out = []
    for ch in text:
        w = table.get(ch)
        if w is None:
            w = table[ch] = stringWidth(ch, font_name, size)
        out.append(w)
    return out


def wrap_text(text: str, font_name: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines of at most ``width`` points, for canvas.drawString."""
    return list(_wrapped(text, font_name, size, width))


@lru_cache(maxsize=1024)
def _wrapped(text: str, font_name: str, size: float, width: float) -> tuple[str, ...]:
    """Cached: 500 certificates of one event carry the same body text."""
    text = text.replace("\r\n", "\n")
    widths = [0.0 if ch == "\n" else w for ch, w in zip(text, char_widths(text, font_name, size))]
    out = []
    for a, b in break_lines(text, widths, width, lambda i: text[i] == "\n"):
        out.append(text[a:b].rstrip("\n"))
    return tuple(out)
