"""The advisor-list handout: who is on it, what it may print, and that it prints well.

The PDF is read back with poppler (pdftotext per page, pdffonts), as a person's viewer would.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from sasaeai_desktop.cancellation import Cancelled
from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.office import OfficeSettings
from sasaeai_desktop.services import settings as office_settings
from sasaeai_desktop.services.advisors import handout as H
from sasaeai_desktop.services.advisors import roster as advisors
from sasaeai_desktop.services.advisors.roster import AdvisorData
from sasaeai_desktop.services.advisors.roster import AssignmentData
from tests.cli_runner import CliResult
from tests.cli_runner import CliRunner

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

TODAY = dt.date(2025, 11, 26)  # 令和7年度


def pages_text(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def squash(text: str) -> str:
    """Page text without any white space: a line break inside a word does not hide it."""
    return re.sub(r"\s+", "", text)


def fonts_embedded(pdf: Path) -> list[str]:
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [line for line in lines if " yes yes " not in line]


def field_id(ctx, name: str) -> str:
    return {f.name: f.id for f in advisors.list_fields(ctx.uow())}[name]


def muni(ctx, name: str) -> str:
    with ctx.uow() as uow:
        return uow.session.scalar(select(m.Municipality.id).where(m.Municipality.name == name))


def add(ctx, name: str, kana: str = "", *, fields: tuple[str, ...] = (), **kw) -> str:
    data = AdvisorData(id=None, name=name, kana=kana, field_ids=tuple(field_id(ctx, f) for f in fields), **kw)
    return advisors.save(ctx.uow(), data, today=TODAY)


@pytest.fixture
def office(nagano):
    office_settings.save_settings(
        nagano.uow(),
        OfficeSettings(office_name="長野県健康福祉部介護支援課", department="地域包括ケア係",
                                   phone="026-235-7111", email="kaigo@pref.nagano.lg.jp"),
    )
    return nagano


def cli(sasaeai: CliRunner, ctx, *args: str) -> CliResult:
    """Run the command as a user would: the test's own connection (and its lock) closed first."""
    ctx.close()
    return sasaeai.inside("--db", str(ctx.db_path), "pdf", "advisor-handout", *args)


def write(ctx, tmp_path: Path, name: str = "h.pdf", **options) -> H.HandoutResult:
    return H.write_handout(ctx.uow(), tmp_path / name, H.HandoutOptions(**options), today=TODAY)


@needs_poppler
def test_contacts_only_with_consent_given(office, tmp_path: Path) -> None:
    ctx = office
    add(ctx, "青木 一郎", "あおき いちろう", phone="026-111-1111", email="aoki@example.jp", publish_phone=True, publish_email=True)
    add(ctx, "井上 二郎", "いのうえ じろう", phone="026-222-2222", email="inoue@example.jp")  # nothing recorded
    add(ctx, "上田 三郎", "うえだ さぶろう", phone="026-333-3333", email="ueda@example.jp", publish_phone=False, publish_email=None)
    add(ctx, "江口 四郎", "えぐち しろう", phone="026-444-4444", email="eguchi@example.jp", publish_phone=None, publish_email=True)
    result = write(ctx, tmp_path)
    text = squash("".join(pages_text(result.path)))
    assert "026-111-1111" in text and "aoki@example.jp" in text
    for hidden in ("026-222-2222", "inoue@example.jp", "026-333-3333", "ueda@example.jp", "026-444-4444"):
        assert hidden not in text
    assert "eguchi@example.jp" in text
    assert text.count("事務局を通じてご連絡ください") == 2  # 井上 and 上田 have nothing printable
    entries = {e.name: e for e in H.build_handout(ctx.uow(), today=TODAY).entries()}
    assert (entries["井上 二郎"].phone, entries["井上 二郎"].email) == ("", "")  # never reaches the renderer


@needs_poppler
def test_title_date_note_footer_page_numbers_and_fonts(office, tmp_path: Path) -> None:
    ctx = office
    for i in range(40):
        add(ctx, f"試験 太郎{i:02d}", f"しけん たろう{i:02d}", category="社協", affiliation="長野県社会福祉協議会",
            activity_text="地区社協の育成とボランティアセンターの運営。" * 4, fields=("居場所づくり",))
    result = write(ctx, tmp_path)
    pages = pages_text(result.path)
    assert result.pages == len(pages) > 1 and result.advisors == 40
    first = squash(pages[0])
    assert "令和7年度" in first and "アドバイザー名簿" in first and "令和7年11月26日現在" in first
    assert "アドバイザーへのご連絡について" in first and "同意したものだけ" in first
    for i, page in enumerate(pages, 1):
        flat = squash(page)
        assert f"{i}/{len(pages)}" in flat
        head = page.strip().splitlines()[0]  # title and date left, the section of the page's cards right
        assert "アドバイザー名簿（令和7年11月26日現在）" in squash(head) and head.rstrip().endswith("さ行")
        assert "長野県健康福祉部介護支援課" in flat and "026-235-7111" in flat
    assert fonts_embedded(result.path) == []
    assert result.warnings == []


@needs_poppler
def test_no_card_is_split_across_pages(office, tmp_path: Path) -> None:
    ctx = office
    for i in range(45):
        filler = "住民主体の通いの場づくりと担い手の養成を支援しています。" * (3 + i % 9)
        add(ctx, f"分割 確認{i:02d}", f"ぶんかつ かくにん{i:02d}", activity_text=f"<id{i:02d}>{filler}<end{i:02d}>",
            affiliation="所属" * (i % 7 + 1))
    result = write(ctx, tmp_path)
    pages = [squash(p) for p in pages_text(result.path)]
    assert len(pages) > 3
    for i in range(45):
        where = [n for n, p in enumerate(pages) if f"<id{i:02d}>" in p or f"<end{i:02d}>" in p or f"確認{i:02d}" in p]
        assert len(set(where)) == 1, (i, where)


@needs_poppler
def test_variant_kanji_print_and_a_missing_glyph_is_replaced_and_reported(sasaeai: CliRunner, office,
                                                                           tmp_path: Path) -> None:
    ctx = office
    add(ctx, "髙橋 﨑子", "たかはし さきこ", affiliation="﨑山町社会福祉協議会")
    add(ctx, "𠮷田 太郎", "よしだ たろう")  # 𠮷: the fallback gothic draws it
    add(ctx, "\U00030000田 次郎", "よしだ じろう")  # CJK Extension G: in neither bundled font
    out = tmp_path / "glyph.pdf"
    done = cli(sasaeai, ctx, "--out", str(out))
    assert done.returncode == 0
    text = squash("".join(pages_text(out)))
    assert "髙橋﨑子" in text and "﨑山町" in text
    assert "𠮷田太郎" in text and "〓田次郎" in text
    assert "警告" in done.stderr and "U+30000" in done.stderr and "U+20BB7" not in done.stderr
    assert fonts_embedded(out) == []


@needs_poppler
def test_two_thousand_characters_wrap_and_the_card_stays_whole(office, tmp_path: Path) -> None:
    ctx = office
    add(ctx, "相沢 一", "あいざわ はじめ", activity_text="前置き" * 30)  # something before it on page 1
    long = "<begin>" + ("協議体の立ち上げから住民ワークショップの進行まで、地域の方と一緒に考えます。" * 60)[:2000] + "<finish>"
    add(ctx, "長文 花子", "ちょうぶん はなこ", activity_text=long, fields=("協議体の立ち上げ",))
    result = write(ctx, tmp_path)
    assert result.warnings == []
    pages = [squash(p) for p in pages_text(result.path)]
    on = [n for n, p in enumerate(pages) if "長文花子" in p]
    assert len(on) == 1
    page = pages[on[0]]
    assert "<begin>" in page and "<finish>" in page
    assert squash(long) in page  # every character, in order: wrapped, not cut


@needs_poppler
def test_a_card_taller_than_a_page_is_split_with_its_name_repeated_and_reported(sasaeai: CliRunner, office,
                                                                                tmp_path: Path) -> None:
    ctx = office
    huge = "<begin>" + "地域の支え合いの仕組みづくりを、住民と専門職が一緒に進めるための伴走支援。" * 600 + "<finish>"
    add(ctx, "長大 次郎", "ちょうだい じろう", activity_text=huge)
    add(ctx, "後続 三郎", "こうぞく さぶろう", activity_text="次の人")
    out = tmp_path / "huge.pdf"
    done = cli(sasaeai, ctx, "--out", str(out))
    assert done.returncode == 0
    err = done.stderr
    assert "長大 次郎さんの記載は1ページに収まらない" in err
    pages = [squash(p) for p in pages_text(out)]
    holding = [n for n, p in enumerate(pages) if "長大次郎" in p]
    assert len(holding) >= 3  # the name row repeated on every page of the card
    joined = "".join(pages)
    assert "<begin>" in joined and "<finish>" in joined
    assert joined.count("伴走支援") == 600  # nothing lost at the page breaks
    assert "後続三郎" in joined


@needs_poppler
def test_sorted_by_kana_with_gyo_headings_or_grouped_by_field(office, tmp_path: Path) -> None:
    ctx = office
    add(ctx, "渡辺 和子", "わたなべ かずこ", fields=("見守り",))
    add(ctx, "加藤 健", "カトウ ケン", fields=("移動支援", "見守り"))  # katakana reading sorts the same
    add(ctx, "青木 愛", "あおき あい", fields=("移動支援",))
    add(ctx, "無読 太", "", fields=())
    handout = H.build_handout(ctx.uow(), today=TODAY)
    assert [(s.heading, [e.name for e in s.entries]) for s in handout.sections] == [
        ("あ行", ["青木 愛"]), ("か行", ["加藤 健"]), ("わ行", ["渡辺 和子"]), ("その他", ["無読 太"]),
    ]
    by_field = H.build_handout(ctx.uow(), H.HandoutOptions(sort="field"), today=TODAY)
    assert [(s.heading, [e.name for e in s.entries]) for s in by_field.sections] == [
        ("移動支援", ["青木 愛", "加藤 健"]), ("見守り", ["加藤 健", "渡辺 和子"]), (H.NO_FIELD, ["無読 太"]),
    ]
    assert by_field.advisors == 4
    text = squash("".join(pages_text(write(ctx, tmp_path, sort="field").path)))
    assert text.index("移動支援（2名）") < text.index("見守り（2名）") < text.index(f"{H.NO_FIELD}（1名）")
    only = H.build_handout(ctx.uow(), H.HandoutOptions(sort="field", fields=("見守り",)), today=TODAY)
    assert [(s.heading, [e.name for e in s.entries]) for s in only.sections] == [("見守り", ["加藤 健", "渡辺 和子"])]
    assert only.conditions == ("活動分野: 見守り",)


def test_active_years_regions_and_unknown_names(office) -> None:
    ctx = office
    matsumoto, suwa = muni(ctx, "松本市"), muni(ctx, "諏訪市")
    with ctx.uow() as uow:
        kind = uow.session.scalars(select(m.RegionKind)).first()
        region = m.Region(kind_id=kind.id, name="松本圏域")
        uow.session.add(region)
        uow.session.flush()
        uow.session.add(m.RegionMembership(region_id=region.id, municipality_id=matsumoto))
        uow.commit()
    add(ctx, "松本 担当", "まつもと たんとう", assignments=(AssignmentData(matsumoto, "主担当"),))
    add(ctx, "諏訪 担当", "すわ たんとう", assignments=(AssignmentData(suwa, "副担当"),))
    add(ctx, "引退 済", "いんたい すみ", active_from_fy=2018, active_to_fy=2023)
    names = [e.name for e in H.build_handout(ctx.uow(), today=TODAY).entries()]
    assert names == ["諏訪 担当", "松本 担当"]  # the retired advisor is not on this year's list
    assert "引退 済" in [e.name for e in H.build_handout(ctx.uow(), H.HandoutOptions(fiscal_year=2020), today=TODAY).entries()]
    in_region = H.build_handout(ctx.uow(), H.HandoutOptions(regions=("松本圏域",)), today=TODAY)
    assert [(e.name, e.municipalities) for e in in_region.entries()] == [("松本 担当", ("松本市（主担当）",))]
    with pytest.raises(H.UserError, match="圏域・ブロック「木曽」"):
        H.build_handout(ctx.uow(), H.HandoutOptions(regions=("木曽",)), today=TODAY)
    with pytest.raises(H.UserError, match="活動分野「料理」は登録されていません"):
        H.build_handout(ctx.uow(), H.HandoutOptions(fields=("料理",)), today=TODAY)


@needs_poppler
def test_event_handout_lists_its_lecturers_and_the_advisors_of_its_fields(sasaeai: CliRunner, office,
                                                                           tmp_path: Path) -> None:
    ctx = office
    lecturer = add(ctx, "講師 一郎", "こうし いちろう", fields=("総合事業の制度設計",), active_to_fy=2020)
    by_field = add(ctx, "分野 花子", "ぶんや はなこ", fields=("居場所づくり",))
    add(ctx, "無関係 次郎", "むかんけい じろう", fields=("移動支援",))
    with ctx.uow() as uow:
        s = uow.session
        ev = m.TrainingEvent(fiscal_year=2025, event_type="情報交換会", title="第2回 生活支援コーディネーター情報交換会")
        s.add(ev)
        s.flush()
        s.add(m.TrainingSession(event_id=ev.id, label="", date=dt.date(2025, 12, 10), venue="長野県庁"))
        pid = s.scalar(select(m.Advisor.person_id).where(m.Advisor.id == lecturer))
        s.add(m.EventStaff(event_id=ev.id, person_id=pid, advisor_id=None, kind="講師"))  # entered as a person
        s.add(m.EventField(event_id=ev.id, field_id=field_id(ctx, "居場所づくり")))
        event_id = ev.id
        uow.commit()
    handout = H.build_handout(ctx.uow(), H.HandoutOptions(event_id=event_id), today=TODAY)
    assert {e.name: e.badge for e in handout.entries()} == {"講師 一郎": "講師", "分野 花子": ""}
    assert handout.fiscal_year == 2025 and "情報交換会" in handout.subtitle and "令和7年12月10日" in handout.subtitle
    grouped = H.build_handout(ctx.uow(), H.HandoutOptions(event_id=event_id, sort="field"), today=TODAY)
    assert [(s.heading, [e.name for e in s.entries]) for s in grouped.sections] == [
        (H.STAFF_SECTION, ["講師 一郎"]), ("居場所づくり", ["分野 花子"]),
    ]
    from sasaeai_desktop.services.trainings import (
        prints as training_prints,  # the 研修 page's print menu
    )

    label, fn = training_prints.PRINTS["advisor-handout"]
    printed = fn(ctx.uow(), event_id, tmp_path / "menu.pdf")
    assert label == "アドバイザー名簿" and (printed.items, printed.pages) == (2, 1)
    out = tmp_path / "event.pdf"
    assert cli(sasaeai, ctx, "--event", event_id, "--out", str(out)).returncode == 0
    text = squash("".join(pages_text(out)))
    assert "第2回生活支援コーディネーター情報交換会" in text and "◎講師" in text and "無関係" not in text
    assert by_field
    with pytest.raises(H.UserError, match="研修"):
        H.build_handout(ctx.uow(), H.HandoutOptions(event_id="no-such-event"), today=TODAY)


def test_excel_version_is_the_same_list(office, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ctx = office
    add(ctx, "青木 一郎", "あおき いちろう", phone="026-111-1111", publish_phone=True, email="aoki@example.jp",
        fields=("見守り", "移動支援"), affiliation="NPO法人 あおぞら", title="理事長")
    add(ctx, "井上 二郎", "いのうえ じろう", phone="026-222-2222", email="inoue@example.jp", publish_email=False)
    result = H.write_handout(ctx.uow(), tmp_path / "h.xlsx", fmt="xlsx", today=TODAY)
    assert (result.advisors, result.rows) == (2, 2)
    ws = load_workbook(result.path).active
    values = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(values) if row and row[0] == "氏名")
    assert "令和7年度" in values[0][0] and "アドバイザー名簿" in values[0][0]
    rows = [dict(zip(values[header], row)) for row in values[header + 1:]]
    assert [r["氏名"] for r in rows] == ["青木 一郎", "井上 二郎"]
    assert rows[0]["電話"] == "026-111-1111" and not rows[0]["メール"]
    assert not rows[1]["電話"] and not rows[1]["メール"]
    assert rows[0]["活動分野"] == "移動支援、見守り" and rows[0]["所属"] == "NPO法人 あおぞら\n理事長"
    grouped = H.write_handout(ctx.uow(), tmp_path / "g.xlsx", H.HandoutOptions(sort="field"), fmt="xlsx", today=TODAY)
    assert grouped.rows == 3  # 青木 under both of his fields, 井上 under 活動分野の登録なし


def test_cancel_leaves_no_file_and_bad_options_are_refused(sasaeai: CliRunner, office, tmp_path: Path) -> None:
    ctx = office
    for i in range(60):
        add(ctx, f"取消 {i}", f"とりけし {i}")
    out = tmp_path / "out"
    out.mkdir()
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        H.write_handout(ctx.uow(), out / "c.pdf", abort=stop, today=TODAY)
    assert list(out.iterdir()) == []
    refused = [cli(sasaeai, ctx, "--out", str(out / "x.pdf"), "--sort", "age"),
               cli(sasaeai, ctx, "--out", str(out / "x.txt")),
               cli(sasaeai, ctx, "--out", str(out / "x.pdf"), "--field", "料理"),
               cli(sasaeai, ctx, "--out", str(out / "none" / "x.pdf"))]
    assert [done.returncode for done in refused] == [2, 2, 2, 2]
    err = "".join(done.stderr for done in refused)
    assert "--sort は kana / field" in err and ".pdf にしてください" in err and "料理" in err and "フォルダー" in err
    assert list(out.iterdir()) == []


@needs_poppler
def test_cli_writes_pdf_and_excel_with_several_fields(sasaeai: CliRunner, office, tmp_path: Path) -> None:
    ctx = office
    add(ctx, "青木 一郎", "あおき いちろう", fields=("見守り",))
    add(ctx, "井上 二郎", "いのうえ じろう", fields=("移動支援",))
    add(ctx, "上田 三郎", "うえだ さぶろう", fields=("居場所づくり",))
    pdf, xlsx = tmp_path / "f.pdf", tmp_path / "f.xlsx"
    done = cli(sasaeai, ctx, "--out", str(pdf), "--sort", "field", "--field", "見守り", "移動支援", "--excel", str(xlsx),
               "--as-of", "令和7年4月1日")
    assert done.returncode == 0 and "2名" in done.stdout and xlsx.exists()
    text = squash("".join(pages_text(pdf)))
    assert "上田" not in text and "令和7年4月1日現在" in text and "活動分野:見守り、移動支援" in text


def test_office_not_set_is_a_warning_not_an_error(nagano, tmp_path: Path) -> None:
    add(nagano, "青木 一郎", "あおき いちろう")
    result = write(nagano, tmp_path)
    assert result.pages == 1 and any("事務局" in w and "設定" in w for w in result.warnings)


def test_gyo_of() -> None:
    assert [H.gyo_of(k) for k in ("あおき", "ガトウ", "ぱく", "ゔぃ", "わたなべ", "んどう", "ABC", "")] == [
        "あ行", "か行", "は行", "あ行", "わ行", "わ行", "その他", "その他",
    ]
