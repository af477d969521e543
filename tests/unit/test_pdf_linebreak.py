"""Japanese line breaking in the PDFs (io.pdf.linebreak): between phrases, never inside a word, a
number with its unit, or before 。、）」ー; titles shrink before they break."""

from __future__ import annotations

import pytest
from reportlab.lib.units import mm

from sasaeai_desktop.io.pdf.common import FONT
from sasaeai_desktop.io.pdf.common import styles
from sasaeai_desktop.io.pdf.linebreak import CANNOT_START
from sasaeai_desktop.io.pdf.linebreak import wrap_text


def _lines(text: str, width: float, style: str = "small") -> list[str]:
    from sasaeai_desktop.io.pdf.linebreak import JaParagraph

    p = JaParagraph(text, styles()[style])
    p.wrap(width, 10_000)
    return _texts(p)


def _texts(p: object) -> list[str]:
    """The lines of a wrapped paragraph, in either of reportlab's line forms."""
    para = p.blPara  # type: ignore[attr-defined]
    if para.kind == 0:
        return ["".join(words) for _space, words in para.lines]
    return ["".join(str(getattr(w, "text", "")) for w in line.words) for line in para.lines]


@pytest.mark.parametrize("text, width, whole", [
    ("第2層協議体 情報交換会（北信ブロック）グループ表", 30 * mm, "グループ表"),
    ("生活支援コーディネーター養成研修（初任者）", 34 * mm, "養成研修"),
    ("配置の時期は2017年4月です。", 24 * mm, "2017年4月"),
    ("連絡先: taro.yamada@example.jp まで", 45 * mm, "taro.yamada@example.jp"),
])
def test_no_break_inside_a_word_or_a_number(text: str, width: float, whole: str) -> None:
    lines = _lines(text, width)
    assert len(lines) > 1 and "".join(lines) == text
    assert any(whole in line for line in lines), lines
    assert not any(line[0] in CANNOT_START for line in lines[1:]), lines


def test_kinsoku_on_the_canvas_too() -> None:
    body = "あなたは令和7年7月1日から令和7年7月2日までに開催された「令和7年度 生活支援コーディネーター養成研修」の全課程を修了したことを証します。"
    lines = wrap_text(body, FONT, 16, 140 * mm)
    assert "".join(lines) == body and len(lines) > 1
    assert not any(line[0] in CANNOT_START or line[-1] in "「（" for line in lines), lines
    assert all(not line.endswith(("コーディ", "養", "7年7")) for line in lines), lines


def test_a_title_shrinks_before_it_breaks() -> None:
    from sasaeai_desktop.io.pdf.linebreak import JaParagraph

    title = JaParagraph("令和7年度 生活支援コーディネーター養成研修 グループ表", styles()["title"])
    title.wrap(120 * mm, 10_000)
    assert len(title.blPara.lines) == 1 and title.frags[0].fontSize < styles()["title"].fontSize
    too_long = JaParagraph("令和7年度 生活支援コーディネーター養成研修（初任者・北信ブロック）参加者名簿", styles()["title"])
    too_long.wrap(90 * mm, 10_000)
    lines = _texts(too_long)
    # 75 % is the floor, then it breaks between phrases
    assert len(lines) > 1 and too_long.frags[0].fontSize == 0.75 * styles()["title"].fontSize
    assert any("コーディネーター" in line for line in lines) and any("参加者名簿" in line for line in lines), lines


def test_no_single_character_left_over_and_no_break_after_an_era() -> None:
    from sasaeai_desktop.io.pdf.common import register_fonts

    register_fonts()
    # a status-table header cell too narrow for its phrase: not 「（住民主／体）」
    assert wrap_text("（住民主体）", FONT, 6.5, 27) == ["（住民", "主体）"]
    # 「令和／8年」 in the visit report's date cell
    assert wrap_text("2026年6月12日（令和8年6月12日）", FONT, 6.5, 110) == ["2026年6月12日", "（令和8年6月12日）"]


def test_marked_up_text_breaks_the_same_way() -> None:
    """Several runs (<font>, <br/>) take the per-character path: same rule, forced breaks kept."""
    lines = _lines('<font size="7">活動分野</font>　第2層協議体 情報交換会（北信ブロック）グループ表<br/>2017年4月から', 34 * mm)
    # (reportlab's markup parser turns the 全角 space after a tag into a plain one)
    assert "".join(lines).replace("　", " ") == "活動分野 第2層協議体 情報交換会（北信ブロック）グループ表2017年4月から"
    assert any("グループ表" in line for line in lines) and lines[-1] == "2017年4月から", lines
    assert not any(line[:1] in CANNOT_START for line in lines[1:]), lines


def test_narrow_status_cells_break_at_the_best_place_left() -> None:
    from sasaeai_desktop.io.pdf.common import register_fonts

    register_fonts()
    assert wrap_text("2016年10月", FONT, 6.5, 28) == ["2016年", "10月"]  # not 「2016年1／0月」
    # a katakana word wider than the cell still keeps ー and small kana off a line start
    assert wrap_text("ミニデイサービス（緩和した基準）", FONT, 6.5, 30)[:2] == ["ミニデイ", "サービス"]
    assert wrap_text("有償ボランティアによる家事援助", FONT, 6.5, 30)[:3] == ["有償", "ボラン", "ティアに"]
