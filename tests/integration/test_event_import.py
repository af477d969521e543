"""``sasaeai import events``: the events sheet ``sasaeai export events`` writes reads back 変更なし
(the demo's forums with counts, 開催市町村 and media included); edits come back, new rows make events
with a first 日程, bad cells are problems at sheet!row:column and nothing is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from sasaeai_desktop import demo
from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.exports import export_list
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import plan_rows
from sasaeai_desktop.services.imports import planning
from sasaeai_desktop.services.imports.events import head_count
from sasaeai_desktop.services.imports.import_plan import ImportPlan
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import outreach
from sasaeai_desktop.services.trainings.event_sheet import media_line
from sasaeai_desktop.services.trainings.event_sheet import read_media_line
from sasaeai_desktop.services.trainings.outreach import MediaItem
from sasaeai_desktop.services.trainings.outreach import PublicCounts
from tests.excel_books import book
from tests.import_checks import assert_imports_unchanged
from tests.import_checks import change_records

HEADER_ROW = 4


def _table(ctx: AppContext, model: Any) -> list[tuple[Any, ...]]:
    t = model.__table__
    with ctx.uow() as uow:
        return [tuple(r) for r in uow.session.execute(select(t).order_by(t.c.id))]


def _forum(ctx: AppContext, title: str = "支え合いフォーラム", days: tuple[dt.date, ...] = (dt.date(2025, 11, 3),),
           kind: str = "フォーラム・セミナー") -> str:
    sessions = tuple(events.SessionData(None, d, venue="県民文化会館") for d in days)
    return events.save_event(ctx.uow(), events.EventData(None, kind, title, 2025, sessions=sessions))


def _cells(path: Path) -> tuple[openpyxl.Workbook, dict[str, int]]:
    wb = openpyxl.load_workbook(path)
    head = [c.value for c in wb.active[HEADER_ROW]]
    return wb, {h: i + 1 for i, h in enumerate(head) if h}


def _row_of(wb: openpyxl.Workbook, col: dict[str, int], title: str) -> int:
    ws = wb.active
    return next(r for r in range(HEADER_ROW + 1, ws.max_row + 1) if ws.cell(r, col["研修名"]).value == title)


def _plan(ctx: AppContext, path: Path) -> ImportPlan:
    return planning.plan_import(ctx.uow(), "events", path)


def test_demo_events_export_imports_back_unchanged_through_the_command_line(sasaeai, tmp_path: Path) -> None:
    db, out = tmp_path / "demo.db", tmp_path / "events.xlsx"
    # the demo as it stands at the end of a 年度: its forums are held (in winter), so they have
    # public counts — built on today's date, the test passed or failed by the day it ran on
    with open_database(db) as ctx:
        setup.init_prefecture(ctx.uow(), "長野県")
        demo.fill_demo(ctx.uow(), scale=1, seed=7, today=dt.date(2026, 3, 31))
    exported = sasaeai.inside("--db", str(db), "export", "events", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    wb, col = _cells(out)
    rows = [r for r in wb.active.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[col["研修名"] - 1]]
    assert any(r[col["一般参加者数"] - 1] for r in rows) and any(r[col["作成した媒体"] - 1] for r in rows)
    assert any(r[col["開催市町村"] - 1] for r in rows) and any(r[col["うち住民"] - 1] for r in rows)
    with open_database(db) as ctx:
        tables = [_table(ctx, t) for t in (m.TrainingEvent, m.TrainingSession, m.EventMedia)]
        changes = change_records(ctx)
    for _ in range(2):  # applied, then again: 変更なし both times, nothing written
        result = sasaeai.inside("--db", str(db), "import", "events", str(out))
        assert result.returncode == 0, result.stderr
        assert f"新規 0件、更新 0件、変更なし {len(rows)}件" in result.stdout
    with open_database(db) as ctx:
        assert [_table(ctx, t) for t in (m.TrainingEvent, m.TrainingSession, m.EventMedia)] == tables
        assert change_records(ctx) == changes


def test_edits_come_back_and_a_new_row_makes_an_event_with_its_first_session(nagano: AppContext, tmp_path: Path) -> None:
    ueda = municipalities.find_by_code(nagano.uow(), "202037")
    assert ueda is not None
    forum = _forum(nagano)
    outreach.save_counts(nagano.uow(), forum, PublicCounts(240, 180, 50), ueda.id)
    flyer = outreach.save_media(nagano.uow(), forum, MediaItem(None, "チラシ", "開催案内", "\\\\share\\普及\\a.pdf",
                                                               notes="500部"))
    outreach.save_media(nagano.uow(), forum, MediaItem(None, "DVD", "記録DVD"))
    path = tmp_path / "events.xlsx"
    export_list(nagano.uow(), "events", path)
    assert_imports_unchanged(nagano, "events", path, 1)

    wb, col = _cells(path)
    ws, r = wb.active, _row_of(wb, col, "支え合いフォーラム")
    assert ws.cell(r, col["作成した媒体"]).value == "チラシ: 開催案内 <\\\\share\\普及\\a.pdf>\nDVD: 記録DVD"
    ws.cell(r, col["一般参加者数"], "２６０人")
    ws.cell(r, col["日程数"], "2日間")  # follows from the 日程: neither read nor a problem
    ws.cell(r, col["会場"], "上田創造館")
    ws.cell(r, col["開催市町村"], "松本市")
    ws.cell(r, col["開催市町村コード"]).value = None
    ws.cell(r, col["作成した媒体"], "チラシ: 開催案内 <\\\\share\\普及\\a.pdf>\n動画: 記録動画 <https://example.jp/v>")
    new = ws.max_row + 1
    for header, value in (("年度", "令和7年度"), ("種別", "フォーラム・セミナー"), ("研修名", "地域デビュー講座"),
                          ("開催日", "R8.2.14"), ("会場", "松本市中央公民館"), ("一般参加者数", "85名"),
                          ("作成した媒体", "情報誌: 支え合い通信")):
        ws.cell(new, col[header], value)
    wb.save(path)

    plan = _plan(nagano, path)
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.counts[plan_rows.UPDATE] == 1 and plan.counts[plan_rows.CREATE] == 1
    applying.apply_import(nagano.uow(), plan)
    got = outreach.get_outreach(nagano.uow(), forum)
    matsumoto = municipalities.find_by_code(nagano.uow(), "202029")
    assert matsumoto is not None
    assert got.counts == PublicCounts(260, 180, 50) and got.host_municipality_id == matsumoto.id
    assert [(x.kind, x.title, x.link) for x in got.media] == [("チラシ", "開催案内", "\\\\share\\普及\\a.pdf"),
                                                             ("動画", "記録動画", "https://example.jp/v")]
    assert got.media[0].id == flyer and got.media[0].notes == "500部"  # the line kept its row and 備考
    assert [(s.date, s.venue) for s in events.get_event(nagano.uow(), forum).sessions] == [
        (dt.date(2025, 11, 3), "上田創造館")]
    added = next(e for e in events.list_events(nagano.uow(), 2025) if e.title == "地域デビュー講座")
    assert [(s.date, s.venue) for s in events.get_event(nagano.uow(), added.id).sessions] == [
        (dt.date(2026, 2, 14), "松本市中央公民館")]
    assert outreach.get_outreach(nagano.uow(), added.id).counts == PublicCounts(85)
    path2 = tmp_path / "again.xlsx"
    export_list(nagano.uow(), "events", path2)
    assert_imports_unchanged(nagano, "events", path2, 2)


def test_without_the_id_an_event_is_matched_by_title_and_first_day(nagano: AppContext, tmp_path: Path) -> None:
    spring, autumn = _forum(nagano, days=(dt.date(2025, 5, 10),)), _forum(nagano, days=(dt.date(2025, 11, 3),))
    path = book(tmp_path / "e.xlsx", [["研修名", "開催日", "年度", "種別", "一般参加者数"],
                                      ["支え合いフォーラム", "2025/11/3", 2025, "フォーラム・セミナー", 120],
                                      ["支え合いフォーラム", None, 2025, "フォーラム・セミナー", 5]], sheet="研修")
    plan = _plan(nagano, path)
    assert not plan.ok
    assert [str(p) for p in plan.problems] == [
        "研修!3:研修名 — 同じ研修名・年度の研修が2件登録されています。ID列（出力したファイルの「ID」）で指定してください"]
    path = book(tmp_path / "e.xlsx", [["研修名", "開催日", "年度", "種別", "一般参加者数"],
                                      ["支え合いフォーラム", "2025/11/3", 2025, "フォーラム・セミナー", 120]], sheet="研修")
    applying.apply_import(nagano.uow(), _plan(nagano, path))
    assert outreach.get_outreach(nagano.uow(), autumn).counts == PublicCounts(120)
    assert outreach.get_outreach(nagano.uow(), spring).counts == PublicCounts()


def test_bad_cells_are_problems_at_their_cell_and_nothing_is_written(nagano: AppContext, tmp_path: Path) -> None:
    course = _forum(nagano, "二日間の養成研修", (dt.date(2025, 9, 1), dt.date(2025, 9, 8)), kind="養成研修")
    before = [_table(nagano, t) for t in (m.TrainingEvent, m.TrainingSession, m.EventMedia)]
    path = book(tmp_path / "bad.xlsx", [
        ["年度", "種別", "研修名", "開催日", "会場", "一般参加者数", "住民", "専門職", "開催市町村", "媒体", "ID"],
        [2025, "講演会", "A", None, None, "-3", None, None, None, "ポスター: 掲示用\nちらし 案内"],
        [2025, "フォーラム・セミナー", "B", None, "県庁", "約100", None, None, "どこか村", None],
        [2025, "フォーラム・セミナー", "C", "2025-10-01", None, 100, 80, 30, None, None],
        [2025, "養成研修", "二日間の養成研修", "2025-09-02", None, None, None, None, None, None, course],
        [2025, "フォーラム・セミナー", "D", "2025-10-02", None, 1.5, None, "1,000,000", None, None],
        [2025, "フォーラム・セミナー", "E", None, "県庁", None, None, None, None, None],
    ], sheet="研修")
    plan = _plan(nagano, path)
    problems = [str(p) for p in plan.problems]
    assert not plan.ok
    expected = [
        "研修!2:種別 — 種別「講演会」は使えません",
        "研修!2:一般参加者数 — -3 は0以上の数ではありません",
        "研修!3:一般参加者数 — 「約100」は整数として読み取れません",
        "研修!3:開催市町村 — ",
        "研修!4:一般参加者数 — うち住民とうち関係者の合計（110人）が一般参加者数（100人）を超えています",
        "研修!2:媒体 — 媒体「ちらし 案内」の種類が読み取れません",
        "研修!5:開催日 — この研修には日程が2件あります。開催日・会場は研修の画面で日程ごとに変えてください",
        "研修!6:一般参加者数 — 1.5 は整数ではありません",
        "研修!6:専門職 — 「1,000,000」は多すぎます",
        "研修!7:会場 — 日程がまだないため、会場は開催日と一緒に入力してください",
    ]
    for words in expected:
        assert any(p.startswith(words) for p in problems), (words, problems)
    with pytest.raises(UserError, match="何も書き込みませんでした"):
        applying.apply_import(nagano.uow(), plan)
    assert [_table(nagano, t) for t in (m.TrainingEvent, m.TrainingSession, m.EventMedia)] == before
    assert events.get_event(nagano.uow(), course).sessions[0].date == dt.date(2025, 9, 1)


def test_bad_sheet_exits_2_on_the_command_line(sasaeai, nagano: AppContext, tmp_path: Path) -> None:
    path = book(tmp_path / "bad.xlsx", [["年度", "種別", "研修名", "一般参加者数"],
                                        [2025, "フォーラム・セミナー", "フォーラム", "たくさん"]], sheet="研修")
    nagano.close()
    result = sasaeai.inside("--db", str(nagano.db_path), "import", "events", str(path))
    assert result.returncode == 2
    assert "研修!2:一般参加者数" in result.stdout + result.stderr


def test_head_counts_and_media_lines_read_what_people_write() -> None:
    assert [head_count(v) for v in ("１２０人", "85名", " 1,200 ", 40, 40.0, "0")] == [120, 85, 1200, 40, 40, 0]
    for bad in ("-1", -1, "12.5", "約100", 100_001, True):
        with pytest.raises(ValueError):
            head_count(bad)
    line = media_line("チラシ", "案内 <第2版>", "https://example.jp/a(1).pdf")
    assert read_media_line(line) == ("チラシ", "案内 <第2版>", "https://example.jp/a(1).pdf")
    assert read_media_line("ＤＶＤ：記録DVD") == ("DVD", "記録DVD", "")
    assert read_media_line("ちらし: 案内") == ("チラシ", "案内", "")
    assert read_media_line("dvd :記録") == ("DVD", "記録", "")
    assert read_media_line(media_line("動画", "", "\\\\share\\v.mp4")) == ("動画", "", "\\\\share\\v.mp4")
