"""A grant's related visits and events in its sheet: 関連する訪問 / 関連する研修 name them one a line
('2025-06-02 補助金の説明', '支え合いフォーラム（2025-11-08）'), read back to the same links (変更なし),
changed by editing the lines; a line that names no record, or several, is a problem at its cell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from sqlalchemy import select

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.db import models as m
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.activities import visits
from sasaeai_desktop.services.grants import records
from sasaeai_desktop.services.grants.records import GrantData
from sasaeai_desktop.services.grants.sheet import export_grants
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import plan_rows
from sasaeai_desktop.services.imports import planning
from sasaeai_desktop.services.trainings import events
from tests.excel_books import book
from tests.import_checks import assert_imports_unchanged

HEADER_ROW = 4


def _mid(ctx: AppContext, code: str) -> str:
    found = municipalities.find_by_code(ctx.uow(), code)
    assert found is not None
    return found.id


def _event(ctx: AppContext, title: str, day: dt.date) -> str:
    return events.save_event(ctx.uow(), events.EventData(None, "フォーラム・セミナー", title, 2025,
                                                         sessions=(events.SessionData(None, day),)))


def _setup(ctx: AppContext) -> dict[str, str]:
    mid = _mid(ctx, "202011")
    visit = visits.save
    out = {
        "explain": visit(ctx.uow(), visits.VisitData(None, mid, dt.date(2025, 6, 2), purpose="補助金の説明\n詳細")).id,
        "same_day": visit(ctx.uow(), visits.VisitData(None, mid, dt.date(2025, 6, 2), purpose="協議体")).id,
        "report": visit(ctx.uow(), visits.VisitData(None, mid, dt.date(2025, 9, 1), purpose="実績の確認")).id,
        "forum": _event(ctx, "支え合いフォーラム", dt.date(2025, 11, 8)),
        "forum_again": _event(ctx, "支え合いフォーラム", dt.date(2026, 2, 8)),
        "seminar": _event(ctx, "担い手養成講座", dt.date(2025, 10, 1)),
    }
    base = dict(fiscal_year=2025, kind="モデル事業", amount_decided=6_000_000)
    out["model"] = records.save(ctx.uow(), GrantData(None, mid, program="モデル事業A", visit_ids=(out["explain"],),
                                                     event_ids=(out["forum"], out["seminar"]), **base))
    out["plain"] = records.save(ctx.uow(), GrantData(None, mid, program="拠点整備", **base))
    return out


def test_links_are_written_as_dates_and_titles_and_read_back_unchanged(nagano: AppContext, tmp_path: Path) -> None:
    ids = _setup(nagano)
    path = tmp_path / "補助金.xlsx"
    export_grants(nagano.uow(), path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    headers = [c.value for c in ws[HEADER_ROW]]
    col_v, col_e = headers.index("関連する訪問"), headers.index("関連する研修")
    rows = {r[2].value: r for r in ws.iter_rows(min_row=HEADER_ROW + 1) if r[2].value}
    assert rows["モデル事業A"][col_v].value == "2025-06-02 補助金の説明"
    assert rows["モデル事業A"][col_e].value == "担い手養成講座（2025-10-01）\n支え合いフォーラム（2025-11-08）"
    assert rows["拠点整備"][col_v].value is None and rows["拠点整備"][col_e].value is None
    assert_imports_unchanged(nagano, "grants", path, 2)

    rows["モデル事業A"][col_v].value = "2025-06-02 補助金の説明\n2025/9/1"  # one visit more
    rows["モデル事業A"][col_e].value = "支え合いフォーラム（2025-11-08）"  # the course no longer
    rows["拠点整備"][col_e].value = "支え合いフォーラム（2026-02-08）"
    wb.save(path)
    plan = planning.plan_import(nagano.uow(), "grants", path)
    assert plan.ok, [str(p) for p in plan.problems]
    changed = {r.values["program"]: r.changes for r in plan.rows if r.action == plan_rows.UPDATE}
    assert changed == {"モデル事業A": ("関連する訪問", "関連する研修"), "拠点整備": ("関連する研修",)}
    applying.apply_import(nagano.uow(), plan)
    model, plain = (records.get(nagano.uow(), ids[k]) for k in ("model", "plain"))
    assert set(model.visit_ids) == {ids["explain"], ids["report"]} and model.event_ids == (ids["forum"],)
    assert plain.event_ids == (ids["forum_again"],) and plain.visit_ids == ()
    assert_imports_unchanged(nagano, "grants", path, 2)  # the second time: 変更なし
    with nagano.engine.connect() as conn:  # one grant_link row per link: the removed one deleted, softly
        links = conn.exec_driver_sql("SELECT count(*), sum(deleted) FROM grant_link").fetchone()
    assert tuple(links) == (5, 1)


def test_a_new_record_links_and_bad_lines_are_problems_at_their_cell(nagano: AppContext, tmp_path: Path) -> None:
    ids = _setup(nagano)
    head = ["年度", "市町村", "事業名", "種別", "関連する訪問", "関連する研修"]
    path = book(tmp_path / "補助金.xlsx", [
        head,
        ["令和7年度", "長野市", "新規A", "補助金", "2025-06-02 補助", "担い手養成講座"],
        ["令和7年度", "長野市", "新規B", "補助金", "2025-06-02", ""],  # two visits that day
        ["令和7年度", "長野市", "新規C", "補助金", "2025-07-07", "支え合いフォーラム"],  # none; two forums
        ["令和7年度", "長野市", "新規D", "補助金", "きのう", ""],
        ["令和7年度", "長野市", "新規E", "補助金", "2025-09-01", "まちづくり講演会"],
    ], sheet="補助金")
    plan = planning.plan_import(nagano.uow(), "grants", path)
    got: dict[str, list[str]] = {}
    for p in plan.problems:
        got.setdefault(f"{p.sheet}!{p.row}:{p.column}", []).append(p.message)
    assert set(got) == {"補助金!3:関連する訪問", "補助金!4:関連する訪問", "補助金!4:関連する研修", "補助金!5:関連する訪問",
                        "補助金!6:関連する研修"}
    assert "2件あります" in got["補助金!3:関連する訪問"][0]
    assert "訪問記録がありません" in got["補助金!4:関連する訪問"][0]
    assert "日程の日付を書き足して" in got["補助金!4:関連する研修"][0]
    assert "日付が読み取れません" in got["補助金!5:関連する訪問"][0]
    assert "研修「まちづくり講演会」が見つかりません" in got["補助金!6:関連する研修"][0]

    path = book(tmp_path / "ok.xlsx", [head, ["令和7年度", "長野市", "新規A", "補助金", "2025-06-02 補助", "担い手養成講座"]],
                sheet="補助金")
    plan = planning.plan_import(nagano.uow(), "grants", path)
    assert plan.ok, [str(p) for p in plan.problems]
    applying.apply_import(nagano.uow(), plan)
    with nagano.uow() as uow:
        gid = uow.session.scalar(select(m.Grant.id).where(m.Grant.program == "新規A"))
    new = records.get(nagano.uow(), str(gid))
    assert new.visit_ids == (ids["explain"],) and new.event_ids == (ids["seminar"],)
