"""What the PDF writers cache (measured characters, wrapped canvas text, break ranks, the glyph
check) gives the same output as measuring afresh, and a caller cannot spoil a cached answer."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from sasaeai_desktop.io.pdf.common import FONT
from sasaeai_desktop.io.pdf.common import missing_glyphs
from sasaeai_desktop.io.pdf.common import printable
from sasaeai_desktop.io.pdf.common import register_fonts
from sasaeai_desktop.io.pdf.linebreak import break_lines
from sasaeai_desktop.io.pdf.linebreak import break_ranks
from sasaeai_desktop.io.pdf.linebreak import char_widths
from sasaeai_desktop.io.pdf.linebreak import wrap_text

TEXTS = [
    "あなたは令和7年7月1日から令和7年7月2日までに開催された「令和7年度 生活支援コーディネーター養成研修（初任者編）」の全課程を修了したことを証します。",
    "第2層生活支援コーディネーター・長野市社会福祉協議会",
    "髙橋 𠮷子　葛\U000E0100城市\nadvisor@example.jp 026-235-7111",
]


def _fresh_wrap(text: str, size: float, width: float) -> list[str]:
    widths = [0.0 if ch == "\n" else stringWidth(ch, FONT, size) for ch in text]
    return [text[a:b].rstrip("\n") for a, b in break_lines(text, widths, width, lambda i: text[i] == "\n")]


def test_measured_and_wrapped_text_is_what_a_fresh_measurement_gives() -> None:
    register_fonts()
    for text in TEXTS:
        assert char_widths(text, FONT, 16) == [stringWidth(ch, FONT, 16) for ch in text]
        assert char_widths(text, FONT, 16) == char_widths(text, FONT, 16)  # from the table the second time
        for size, width in ((16, 430.0), (9, 120.0)):
            first = wrap_text(text, FONT, size, width)
            assert first == _fresh_wrap(text, size, width)
            first.append("spoilt")  # the caller's list is its own
            assert wrap_text(text, FONT, size, width) == _fresh_wrap(text, size, width)
        assert break_ranks(text) is break_ranks(text)


def test_the_fast_glyph_check_still_finds_what_no_font_draws() -> None:
    register_fonts()
    assert missing_glyphs("佐藤 花子\n葛\U000E0100城\t") == []
    assert missing_glyphs("a\U0010FFFDb\uE000") == sorted({"\U0010FFFD", "\uE000"})
    assert printable("名前\U0010FFFD") == "名前〓"


def test_a_paragraph_wrapped_again_at_another_width_is_broken_afresh() -> None:
    """JaParagraph keeps its lines per width (tables measure a cell again at every page break);
    a new width must not get the old lines, and the old width again must match a fresh paragraph."""
    from sasaeai_desktop.io.pdf.common import styles
    from sasaeai_desktop.io.pdf.linebreak import JaParagraph

    register_fonts()
    style = styles()["body"]
    para = JaParagraph(TEXTS[0], style)
    for width in (400.0, 120.0, 400.0, 120.0):
        fresh = JaParagraph(TEXTS[0], style)
        assert para.wrap(width, 1000) == fresh.wrap(width, 1000)
        assert [line for line in para.blPara.lines] == [line for line in fresh.blPara.lines]
    title = JaParagraph("生活支援コーディネーター養成研修（初任者編）受付名簿", styles()["title"])
    assert title.wrap(200, 100) == JaParagraph(title.text, styles()["title"]).wrap(200, 100)
