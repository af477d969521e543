"""普及啓発: an event's public attendance counts and media (services.trainings.outreach)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain import outreach as o
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import outreach
from sasaeai_desktop.services.trainings.outreach import MediaItem
from sasaeai_desktop.services.trainings.outreach import PublicCounts


def _event(ctx, kind="フォーラム・セミナー", fy=2025, title="支え合いまちづくりフォーラム") -> str:
    data = events.EventData(None, kind, title, fy, sessions=(events.SessionData(None, dt.date(fy, 11, 3)),))
    return events.save_event(ctx.uow(), data)


def test_counts_round_trip_and_not_recorded_is_none(nagano):
    eid = _event(nagano)
    assert outreach.get_outreach(nagano.uow(), eid).counts == PublicCounts()
    outreach.save_counts(nagano.uow(), eid, PublicCounts(240, 180, 50))
    assert outreach.get_outreach(nagano.uow(), eid).counts == PublicCounts(240, 180, 50)
    outreach.save_counts(nagano.uow(), eid, PublicCounts(0, None, None))
    assert outreach.get_outreach(nagano.uow(), eid).counts == PublicCounts(0, None, None)


@pytest.mark.parametrize(("counts", "field", "words"), [
    (PublicCounts(-1), "public_attendance", "負の数"),
    (PublicCounts(10, 2.5), "public_residents", "人数ではありません"),
    (PublicCounts(True), "public_attendance", "人数ではありません"),
    (PublicCounts(1_000_000), "public_attendance", "多すぎます"),
    (PublicCounts(100, 80, 30), "public_attendance", "超えています"),
])
def test_bad_counts_are_refused_with_a_japanese_message(nagano, counts, field, words):
    eid = _event(nagano)
    with pytest.raises(ValidationError) as err:
        outreach.save_counts(nagano.uow(), eid, counts)
    assert words in err.value.fields[field]
    assert outreach.get_outreach(nagano.uow(), eid).counts == PublicCounts()


def test_parse_count_reads_what_people_type():
    assert o.parse_count("１２０人", "一般参加者数") == 120
    assert o.parse_count(" 1,200 ", "一般参加者数") == 1200
    assert o.parse_count("", "一般参加者数") is None
    for bad in ("約100", "-3", "12.5"):
        with pytest.raises(ValueError, match="一般参加者数"):
            o.parse_count(bad, "一般参加者数")


def test_media_add_edit_remove(nagano):
    eid = _event(nagano)
    a = outreach.save_media(nagano.uow(), eid, MediaItem(None, "チラシ", " 開催案内チラシ ", "\\\\share\\普及\\chirashi.pdf"))
    b = outreach.save_media(nagano.uow(), eid, MediaItem(None, "動画", "", "https://example.jp/forum.mp4"))
    got = outreach.get_outreach(nagano.uow(), eid).media
    assert [(x.kind, x.title) for x in got] == [("チラシ", "開催案内チラシ"), ("動画", "")]
    outreach.save_media(nagano.uow(), eid, MediaItem(a, "DVD", "記録DVD", "", "100枚配布"))
    outreach.remove_media(nagano.uow(), b)
    assert outreach.get_outreach(nagano.uow(), eid).media == (MediaItem(a, "DVD", "記録DVD", "", "100枚配布"),)
    with pytest.raises(NotFoundError):
        outreach.remove_media(nagano.uow(), b)
    other = _event(nagano, title="別のフォーラム")
    with pytest.raises(NotFoundError):
        outreach.save_media(nagano.uow(), other, MediaItem(a, "DVD", "記録DVD"))


@pytest.mark.parametrize(("item", "field"), [
    (MediaItem(None, "看板", "x"), "kind"),
    (MediaItem(None, "チラシ", "x", "h" * (o.MAX_LINK_LENGTH + 1)), "link"),
    (MediaItem(None, "チラシ", "x", "a\nb"), "link"),
    (MediaItem(None, "チラシ", "", ""), "title"),
])
def test_bad_media_is_refused(nagano, item, field):
    eid = _event(nagano)
    with pytest.raises(ValidationError) as err:
        outreach.save_media(nagano.uow(), eid, item)
    assert field in err.value.fields
    assert outreach.get_outreach(nagano.uow(), eid).media == ()


def test_media_and_counts_are_captured_for_sync(nagano):
    eid = _event(nagano)
    outreach.save_counts(nagano.uow(), eid, PublicCounts(50))
    outreach.save_media(nagano.uow(), eid, MediaItem(None, "情報誌", "地域デビュー情報"))
    with nagano.uow() as uow:
        rows = uow.session.execute(select(m.SyncChange.tbl, m.SyncChange.data)).all()
    assert any(t == "event_media" and "地域デビュー情報" in d for t, d in rows)
    assert any(t == "training_event" and "public_attendance" in d and "50" in d for t, d in rows)


def test_figures_count_only_outreach_types_of_the_year(nagano):
    forum = _event(nagano)
    outreach.save_counts(nagano.uow(), forum, PublicCounts(300, 250, 40))
    second = _event(nagano, title="市民公開講座")
    outreach.save_counts(nagano.uow(), second, PublicCounts(80))
    _event(nagano, title="まだ記録なし")
    gone = _event(nagano, title="中止")
    outreach.save_counts(nagano.uow(), gone, PublicCounts(999))
    events.delete_event(nagano.uow(), gone)
    training = _event(nagano, kind="養成研修", title="養成研修")
    outreach.save_counts(nagano.uow(), training, PublicCounts(70))
    outreach.save_counts(nagano.uow(), _event(nagano, fy=2024, title="昨年度"), PublicCounts(500))
    for kind in ("チラシ", "チラシ", "DVD"):
        outreach.save_media(nagano.uow(), forum, MediaItem(None, kind, kind))
    outreach.save_media(nagano.uow(), training, MediaItem(None, "動画", "研修動画"))
    f = outreach.outreach_figures(nagano.uow(), 2025)
    assert (f.events, f.with_counts, f.attendance, f.residents, f.professionals) == (3, 2, 380, 250, 40)
    assert f.media == {"チラシ": 2, "DVD": 1} and f.media_total == 3
    assert outreach.outreach_figures(nagano.uow(), 2023) == o.OutreachFigures(0, 0, 0, 0, 0, {})


def test_progress_dashboard_and_its_pdf_count_outreach(nagano, tmp_path):
    import re
    import subprocess

    from sasaeai_desktop.services.progress import dashboard as progress
    from sasaeai_desktop.services.progress import files as progress_files

    forum = _event(nagano)
    outreach.save_counts(nagano.uow(), forum, PublicCounts(1250, 900, 300))
    outreach.save_media(nagano.uow(), forum, MediaItem(None, "DVD", "記録DVD"))
    outreach.save_counts(nagano.uow(), _event(nagano, kind="トップセミナー", title="首長向け"), PublicCounts(40))
    d = progress.progress_dashboard(nagano.uow(), 2025)
    assert d.outreach == o.OutreachFigures(1, 1, 1250, 900, 300, {"DVD": 1}, unplaced=o.OutreachCounts(1, 1250, 1, 1))
    assert dict(d.outreach.rows())["一般参加者数"] == "1,250人（うち住民 900人・関係者 300人）"
    assert progress_files.write_dashboard_pdf(nagano.uow(), d, tmp_path / "d.pdf") == 1
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(tmp_path / "d.pdf"), "-"], capture_output=True,
                                             text=True, check=True).stdout)
    assert "普及啓発" in text and "1,250人" in text and "DVD1" in text


def test_the_events_export_has_the_public_attendance_column(nagano, sasaeai, tmp_path):
    import openpyxl

    from sasaeai_desktop.services import municipalities

    ueda = municipalities.find_by_code(nagano.uow(), "202037")
    assert ueda is not None
    forum = _event(nagano)
    outreach.save_counts(nagano.uow(), forum, PublicCounts(240), ueda.id)
    _event(nagano, title="人数未記録のセミナー")
    out = tmp_path / "events.xlsx"
    nagano.close()  # the command opens the database itself
    result = sasaeai.inside("--db", str(nagano.db_path), "export", "events", "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    head = next(i for i, r in enumerate(rows) if "研修名" in r)
    col, title = rows[head].index("一般参加者数"), rows[head].index("研修名")
    found = {r[title]: r[col] for r in rows[head + 1:] if r[title]}
    assert found == {"支え合いまちづくりフォーラム": 240, "人数未記録のセミナー": None}
    col = rows[head].index("開催市町村")
    assert {r[title]: r[col] for r in rows[head + 1:] if r[title]} == {"支え合いまちづくりフォーラム": "上田市",
                                                                      "人数未記録のセミナー": None}


def test_counts_and_media_from_two_laptops_merge(tmp_path):
    from tests.integration.test_sync import EVENT
    from tests.integration.test_sync import sync_world

    with sync_world(tmp_path) as (office, a, b, _pid, send):
        outreach.save_counts(a.uow(), EVENT, PublicCounts(300))
        outreach.save_media(a.uow(), EVENT, MediaItem(None, "チラシ", "開催案内"))
        # B has not seen A's total yet: it records the split it was told, leaving the total alone
        outreach.save_counts(b.uow(), EVENT, PublicCounts(None, 200))
        outreach.save_media(b.uow(), EVENT, MediaItem(None, "DVD", "記録DVD"))
        assert send(a, office).conflicts == 0
        assert send(b, office).conflicts == 0
        send(office, a)
        send(office, b)
        for ctx in (office, a, b):
            got = outreach.get_outreach(ctx.uow(), EVENT)
            assert got.counts == PublicCounts(300, 200)
            assert sorted(x.kind for x in got.media) == ["DVD", "チラシ"]


def test_outreach_by_region_of_where_it_was_held_on_the_dashboard_and_its_pdf(nagano, tmp_path):
    import re
    import subprocess

    from sasaeai_desktop.services import municipalities
    from sasaeai_desktop.services.progress import dashboard as progress
    from sasaeai_desktop.services.progress import files as progress_files
    from sasaeai_desktop.services.progress import regions

    def mid(code: str) -> str:
        found = municipalities.find_by_code(nagano.uow(), code)
        assert found is not None
        return found.id

    nagano_city, matsumoto, ueda = mid("202011"), mid("202029"), mid("202037")
    kind = regions.create_kind(nagano.uow(), "テスト圏域")
    north, east = (regions.create_region(nagano.uow(), kind.id, n) for n in ("北信", "東信"))
    regions.assign(nagano.uow(), kind.id, north.id, [nagano_city])
    regions.assign(nagano.uow(), kind.id, east.id, [ueda])
    held = {"北信フォーラム": (nagano_city, 300), "北信セミナー": (nagano_city, 120), "東信フォーラム": (ueda, 200),
            "松本フォーラム": (matsumoto, 90), "県フォーラム": (None, 1000)}
    for title, (host, people) in held.items():
        eid = _event(nagano, title=title)
        outreach.save_counts(nagano.uow(), eid, PublicCounts(people), host)
        if title != "北信セミナー":
            outreach.save_media(nagano.uow(), eid, MediaItem(None, "チラシ", f"{title}のチラシ"))
    assert outreach.get_outreach(nagano.uow(), eid).host_municipality_id is None
    with pytest.raises(ValidationError) as err:
        outreach.save_counts(nagano.uow(), eid, PublicCounts(1), "no-such-municipality")
    assert "開催市町村が見つかりません" in err.value.fields["host_municipality_id"]

    d = progress.progress_dashboard(nagano.uow(), 2025, group_by="テスト圏域")
    by_name = {g.name: g.outreach for g in d.groups}
    assert by_name["北信"] == o.OutreachCounts(2, 420, 1, 2)
    assert by_name["東信"] == o.OutreachCounts(1, 200, 1, 1)
    assert by_name["（圏域未設定）"] == o.OutreachCounts(1, 90, 1, 1)  # 松本市 is in none of them
    assert d.outreach.unplaced == o.OutreachCounts(1, 1000, 1, 1)
    assert sum((g.outreach for g in d.groups), o.OutreachCounts()) + d.outreach.unplaced == d.outreach.counts
    assert by_name["北信"].cells() == ["2件", "420人", "1点"]
    progress_files.write_dashboard_pdf(nagano.uow(), d, tmp_path / "d.pdf")
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(tmp_path / "d.pdf"), "-"], capture_output=True,
                                             text=True, check=True).stdout)
    assert "北信2件420人1点" in text and "東信1件200人1点" in text
    assert "（開催市町村の記録なし）1件1,000人1点" in text


def test_a_planned_forum_with_no_count_is_not_recorded_not_nobody(nagano):
    """The 圏域 table: a forum still to be held shows 「—」, not 「0人」, and a sum over some of the
    events says over how many (a planned forum is not a 0 in it)."""
    from sasaeai_desktop.services import municipalities
    from sasaeai_desktop.services.progress import dashboard as progress
    from sasaeai_desktop.services.progress import regions

    found = [municipalities.find_by_code(nagano.uow(), c) for c in ("202011", "202037")]
    nagano_city, ueda = (f.id for f in found if f is not None)
    kind = regions.create_kind(nagano.uow(), "テスト圏域")
    north, east = (regions.create_region(nagano.uow(), kind.id, n) for n in ("北信", "東信"))
    regions.assign(nagano.uow(), kind.id, north.id, [nagano_city])
    regions.assign(nagano.uow(), kind.id, east.id, [ueda])
    held = outreach.save_counts
    held(nagano.uow(), _event(nagano, title="北信フォーラム"), PublicCounts(300), nagano_city)
    held(nagano.uow(), _event(nagano, title="北信セミナー（予定）"), PublicCounts(), nagano_city)
    held(nagano.uow(), _event(nagano, title="東信フォーラム（予定）"), PublicCounts(), ueda)

    d = progress.progress_dashboard(nagano.uow(), 2025, group_by="テスト圏域")
    by_name = {g.name: g.outreach for g in d.groups}
    assert by_name["北信"] == o.OutreachCounts(2, 300, 0, 1)
    assert by_name["北信"].cells() == ["2件", "300人（1件分）", "0点"]
    assert by_name["東信"].cells() == ["1件", "—", "0点"]
    assert by_name["（圏域未設定）"].cells() == ["", "", ""]
    assert (by_name["北信"] + by_name["東信"]).cells() == ["3件", "300人（1件分）", "0点"]
    assert d.outreach is not None and d.outreach.counts.recorded == 1
