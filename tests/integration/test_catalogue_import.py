"""The catalogue's sheet: export → import is 変更なし, edits come back, new kinds join the list,
problems name sheet!row:column (``sasaeai import activities`` runs the same plan)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import func
from sqlalchemy import select

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.db import models as m
from sasaeai_desktop.services.catalogue import entries
from sasaeai_desktop.services.catalogue import kinds
from sasaeai_desktop.services.catalogue.sheet import CATALOGUE
from sasaeai_desktop.services.catalogue.sheet import export_catalogue
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import plan_rows
from sasaeai_desktop.services.imports import planning
from tests.excel_books import book

HEADER_ROW = 4


def _mid(ctx: AppContext, code: str) -> str:
    with ctx.uow() as uow:
        return str(uow.session.scalar(select(m.Municipality.id).where(m.Municipality.code == code)))


def _rows(ctx: AppContext, model: Any) -> list[tuple[Any, ...]]:
    t = model.__table__
    with ctx.uow() as uow:
        return [tuple(r) for r in uow.session.execute(select(t).order_by(t.c.id))]


def _changes(ctx: AppContext) -> int:
    with ctx.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(m.SyncChange.__table__)) or 0)


def _fill(ctx: AppContext) -> None:
    matsumoto, ueda = _mid(ctx, "202029"), _mid(ctx, "202037")
    save = entries.save
    save(ctx.uow(), entries.EntryData(
        None, "ふれあいサロン 髙橋", "サロン", matsumoto, area="中央地区", organiser="中央地区社協", content="体操\n茶話会",
        schedule="毎週火曜 10:00〜12:00", frequency="週1回", participants=25, cost="1回100円", contact="代表 山田（0263-00-0000）",
        contact_consent=True, description="誰でも参加できます。", tags="体操、茶話会", notes="会場は公民館", publishable=True,
        info_date=dt.date(2026, 6, 1)))
    save(ctx.uow(), entries.EntryData(None, "買い物バス", "買い物支援", ueda, contact="090-0000-0000", contact_consent=False))
    save(ctx.uow(), entries.EntryData(None, "見守り隊", "", ueda))  # kind, consent and most fields blank


def test_export_then_import_is_all_unchanged(nagano: AppContext, tmp_path: Path) -> None:
    _fill(nagano)
    tables = (m.CatalogueEntry, m.CatalogueKind)
    before, changes = [_rows(nagano, t) for t in tables], _changes(nagano)
    path = tmp_path / "地域資源.xlsx"
    assert export_catalogue(nagano.uow(), path) == 3
    plan = planning.plan_import(nagano.uow(), "activities", path)
    assert plan.ok, [str(p) for p in plan.problems[:5]]
    assert [c.key for c in plan.columns] == list(CATALOGUE.keys)
    assert plan.counts == {plan_rows.CREATE: 0, plan_rows.UPDATE: 0, plan_rows.SKIP: 3, plan_rows.ASK: 0, plan_rows.ERROR: 0}
    result = applying.apply_import(nagano.uow(), plan)
    assert (result.created, result.updated, result.skipped) == (0, 0, 3)
    assert [_rows(nagano, t) for t in tables] == before
    assert _changes(nagano) == changes  # not even a change record

    ws = openpyxl.load_workbook(path).active
    headers = [c.value for c in ws[HEADER_ROW]]
    row = next(r for r in ws.iter_rows(min_row=HEADER_ROW + 1) if r[0].value == "買い物バス")
    row[headers.index("参加人数")].value = 12
    row[headers.index("掲載")].value = "○"
    wb = ws.parent
    wb.save(path)
    plan = planning.plan_import(nagano.uow(), "activities", path)
    changed = next(r for r in plan.rows if r.action == plan_rows.UPDATE)
    assert plan.counts[plan_rows.SKIP] == 2 and changed.changes == ("参加人数", "掲載")
    applying.apply_import(nagano.uow(), plan)
    got = entries.list_entries(nagano.uow(), entries.EntryFilter(search="買い物バス"))[0]
    assert got.publishable is True and entries.get(nagano.uow(), got.id).participants == 12


def test_an_office_list_creates_entries_and_adds_its_own_kinds(nagano: AppContext, tmp_path: Path) -> None:
    path = book(tmp_path / "資源.xlsx", [
        ["活動名", "種別", "市町村名", "日常生活圏域", "主催", "活動内容", "曜日", "人数", "参加費", "問い合わせ先", "連絡先の公開", "掲載可否"],
        ["いきいき体操", "体操教室", "松本市", "南部", "NPOまつもと", "ストレッチ", "月・木", 15, "無料", "0263-11-1111", "可", "○"],
        ["ｻﾛﾝ ひだまり", "サロン", "上田市", "", "", "", "", "", "", "", "-", "×"],
        ["朝の体操", "体操教室", "上田市", "", "", "", "", "", "", "", "", ""],
    ], sheet="資源")
    plan = planning.plan_import(nagano.uow(), "activities", path)
    assert plan.ok, [str(p) for p in plan.problems]
    assert plan.counts[plan_rows.CREATE] == 3
    assert [w.message for w in plan._kind.warnings] == ["種類「体操教室」は一覧にないため、新しい種類として追加します"]
    applying.apply_import(nagano.uow(), plan)
    assert kinds.list_kinds(nagano.uow())[-1] == "体操教室"
    assert kinds.list_kinds(nagano.uow()).count("体操教室") == 1
    first = entries.get(nagano.uow(), entries.list_entries(nagano.uow(), entries.EntryFilter(search="いきいき"))[0].id)
    assert (first.kind, first.area, first.participants, first.contact_consent, first.publishable) == ("体操教室", "南部", 15, True, True)
    salon = entries.get(nagano.uow(), entries.list_entries(nagano.uow(), entries.EntryFilter(kind="サロン"))[0].id)
    assert (salon.contact_consent, salon.publishable) == (None, False)
    again = planning.plan_import(nagano.uow(), "activities", path)
    assert again.counts[plan_rows.SKIP] == 3  # matched on municipality and name (ｻﾛﾝ = サロン)


def test_problems_name_sheet_row_and_column_and_nothing_is_written(nagano: AppContext, tmp_path: Path) -> None:
    path = book(tmp_path / "資源.xlsx", [
        ["名称", "種類", "市町村", "参加人数", "連絡先掲載", "更新日"],
        ["", "サロン", "松本市", "", "", ""],
        ["体操", "サロン", "松本", "-3", "たぶん", "2026-13-40"],
        ["体操会", "サロン", "松本市", "", "", ""],
        ["体操会", "サロン", "松本市", "", "", ""],
    ], sheet="資源")
    plan = planning.plan_import(nagano.uow(), "activities", path)
    got = {f"{p.sheet}!{p.row}:{p.column}" for p in plan.problems}
    assert {"資源!2:名称", "資源!3:市町村", "資源!3:参加人数", "資源!3:連絡先掲載", "資源!3:更新日", "資源!5:名称"} <= got
    assert entries.count(nagano.uow()) == 0
