"""An exported file imports back unchanged: municipalities, people and advisors (export ↔ import)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update

from sasaeai_desktop import demo
from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.io.excel.sheets import ADVISORS
from sasaeai_desktop.io.excel.sheets import PEOPLE
from sasaeai_desktop.services.advisors import roster as advisors
from sasaeai_desktop.services.exports import export_list
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import import_plan
from sasaeai_desktop.services.imports import plan_rows
from sasaeai_desktop.services.imports import planning

HEADER_ROW = 4


def _table(ctx: AppContext, model: Any) -> list[tuple[Any, ...]]:
    """Every row of a table, every column: what 'unchanged' means."""
    t = model.__table__
    with ctx.uow() as uow:
        return [tuple(r) for r in uow.session.execute(select(t).order_by(t.c.id))]


def _changes(ctx: AppContext) -> int:
    with ctx.uow() as uow:
        return int(uow.session.execute(select(func.count()).select_from(m.SyncChange.__table__)).scalar())


def _round_trip(ctx: AppContext, kind: str, path: Path, tables: tuple[Any, ...]) -> import_plan.ImportPlan:
    before = [_table(ctx, t) for t in tables]
    changes = _changes(ctx)
    n = export_list(ctx.uow(), kind, path)
    plan = planning.plan_import(ctx.uow(), kind, path)
    assert plan.ok, [str(p) for p in plan.problems[:5]]
    assert plan.counts == {plan_rows.CREATE: 0, plan_rows.UPDATE: 0, plan_rows.SKIP: n, plan_rows.ASK: 0, plan_rows.ERROR: 0}
    result = applying.apply_import(ctx.uow(), plan)
    assert (result.created, result.updated, result.skipped) == (0, 0, n)
    assert [_table(ctx, t) for t in tables] == before
    assert _changes(ctx) == changes  # not even a change record
    return plan


def _mid(ctx: AppContext, code: str) -> str:
    with ctx.uow() as uow:
        return uow.session.scalar(select(m.Municipality.id).where(m.Municipality.code == code))


def test_municipalities_round_trip_and_an_edit_comes_back(nagano: AppContext, tmp_path: Path) -> None:
    with nagano.uow() as uow:
        uow.session.execute(update(m.Municipality).where(m.Municipality.code == "202029").values(
            population=237_318, aging_rate=30.25, daily_life_areas=8, address="松本市丸の内3-7", phone="0263-34-3000",
            notes="協議体: 第1層設置済み\n第2層は検討中（R7〜）"))
        uow.commit()
    path = tmp_path / "市町村.xlsx"
    _round_trip(nagano, "municipalities", path, (m.Municipality,))

    wb = openpyxl.load_workbook(path)
    ws = wb.active
    row = next(r for r in ws.iter_rows(min_row=HEADER_ROW + 1) if r[0].value == "202029")
    row[5].value = 240_000
    wb.save(path)
    plan = planning.plan_import(nagano.uow(), "municipalities", path)
    assert plan.counts[plan_rows.UPDATE] == 1 and plan.counts[plan_rows.SKIP] == 76
    assert next(r for r in plan.rows if r.action == plan_rows.UPDATE).changes == ("人口",)


def _person(ctx: AppContext, **values: Any) -> str:
    pid = new_id()
    row = dict(id=pid, name="", kana="", role="", municipality_id=None, organisation_id=None, affiliation="", title="",
               phone="", email="", notes="", merged_into_id=None)
    row.update(values)
    row.update(name_key=name_key(row["name"]), kana_key=kana_key(row["kana"]))
    with ctx.uow() as uow:
        uow.session.execute(insert(m.Person), [row])
        uow.commit()
    return pid


def test_people_round_trip(nagano: AppContext, tmp_path: Path) -> None:
    matsumoto, karuizawa = _mid(nagano, "202029"), _mid(nagano, "203211")
    with nagano.uow() as uow:
        org = new_id()
        uow.session.execute(insert(m.Organisation), [dict(id=org, name="松本市社会福祉協議会", kind="社会福祉協議会")])
        uow.commit()
    _person(nagano, name="佐藤 一郎", kana="さとう いちろう", role="第1層SC", municipality_id=matsumoto, organisation_id=org,
            title="主任", phone="0263-34-3000", email="sato@example.jp", notes="旧姓：大野\n第2層も兼務（R7〜）")
    # Two records the office has not merged yet: same name, reading and municipality.
    _person(nagano, name="鈴木 花子", kana="すずき はなこ", municipality_id=karuizawa)
    _person(nagano, name="鈴木 花子", kana="すずき はなこ", municipality_id=karuizawa, phone="0267-45-0000")
    _person(nagano, name="髙橋 健太", kana="タカハシ ケンタ", affiliation="みのりボランティアグループ（任意団体）")
    _person(nagano, name="ｻﾄｳ ﾊﾅｺ", role="住民リーダー")
    path = tmp_path / "関係者.xlsx"
    plan = _round_trip(nagano, "people", path, (m.Person,))
    assert [c.key for c in plan.columns] == list(PEOPLE.keys)
    ws = openpyxl.load_workbook(path).active
    assert ws.column_dimensions["J"].hidden  # the ID column


def test_advisors_round_trip(nagano: AppContext, tmp_path: Path) -> None:
    source = tmp_path / "名簿.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["氏名", "ふりがな", "区分", "所属", "職名", "日頃の活動分野", "電話", "電話公開", "メール", "メール公開", "担当市町村", "開始年度", "終了年度", "備考"])
    ws.append(["山田 太郎", "やまだ たろう", "中間支援組織", "NPO法人ささえあい", "理事", "協議体の立ち上げ、居場所づくりの支援。",
               "026-232-0111", "可", "yamada@example.jp", "否", "松本市、軽井沢町", "令和5年度", None, "第1層SCの経験"])
    ws.append(["川口 道子", "かわぐち みちこ", "有識者", "信州大学", "教授", "ファシリテーション", None, None, None, None, None, 2019, 2024, None])
    ws.append(["森 一", "もり はじめ", "社協", "長野県社会福祉協議会", None, "見守り\n担い手養成", "026-000-0000", "-", None, None, "長野市", None, None, None])
    wb.save(source)
    first = planning.plan_import(nagano.uow(), "advisors", source)
    assert first.ok, [str(p) for p in first.problems]
    applying.apply_import(nagano.uow(), first)
    path = tmp_path / "アドバイザー.xlsx"
    plan = _round_trip(nagano, "advisors", path, (m.Person, m.Advisor, m.AdvisorField, m.AdvisorAssignment))
    assert [c.key for c in plan.columns] == list(ADVISORS.keys)
    exported = openpyxl.load_workbook(path).active
    header = [c.value for c in exported[HEADER_ROW]]
    yamada = next(r for r in exported.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0] == "山田 太郎")
    row = dict(zip(header, yamada))
    assert row["活動分野の分類"] == "協議体の立ち上げ、居場所づくり"
    assert row["担当市町村"] == "松本市、軽井沢町"
    assert (row["電話公開"], row["メール公開"], row["開始年度"], row["終了年度"]) == ("○", "×", 2023, None)



def test_advisor_roles_round_trip(nagano: AppContext, tmp_path: Path) -> None:
    """主担当/副担当 travel in 担当市町村 as 「松本市（主担当）」: created by an import, written by the
    export, unchanged by importing it back, changed when the file changes; a role left out is kept."""
    source = tmp_path / "名簿.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["氏名", "ふりがな", "担当市町村"])
    ws.append(["山田 太郎", "やまだ たろう", "軽井沢町(副)、松本市（主担当）、上田市"])
    wb.save(source)
    first = planning.plan_import(nagano.uow(), "advisors", source)
    assert first.ok, [str(p) for p in first.problems]
    applying.apply_import(nagano.uow(), first)

    def roles() -> list[tuple[str, str]]:
        return sorted((a.municipality, a.role) for a in advisors.get(nagano.uow(), _advisor_id(nagano)).assignments)

    assert roles() == [("上田市", ""), ("松本市", "主担当"), ("軽井沢町", "副担当")]
    path = tmp_path / "アドバイザー.xlsx"
    _round_trip(nagano, "advisors", path, (m.Person, m.Advisor, m.AdvisorField, m.AdvisorAssignment))
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    column = [c.value for c in ws[HEADER_ROW]].index("担当市町村")
    row = next(r for r in ws.iter_rows(min_row=HEADER_ROW + 1) if r[0].value == "山田 太郎")
    assert row[column].value == "松本市（主担当）、上田市、軽井沢町（副担当）"  # code order

    row[column].value = "松本市（副担当）、上田市（主担当）、軽井沢町"
    wb.save(path)
    plan = planning.plan_import(nagano.uow(), "advisors", path)
    assert plan.counts[plan_rows.UPDATE] == 1
    assert next(r for r in plan.rows if r.action == plan_rows.UPDATE).changes == ("担当市町村",)
    applying.apply_import(nagano.uow(), plan)
    assert roles() == [("上田市", "主担当"), ("松本市", "副担当"), ("軽井沢町", "副担当")]


def _advisor_id(ctx: AppContext) -> str:
    with ctx.uow() as uow:
        return uow.session.scalar(select(m.Advisor.id).where(m.Advisor.deleted.is_(False)))


@pytest.mark.slow
def test_demo_dataset_round_trips(nagano: AppContext, tmp_path: Path) -> None:
    """The fictional prefecture: 2,500 people (near-duplicates included), 40 advisors, 77 municipalities."""
    demo.fill_demo(nagano.uow(), scale=1)
    _round_trip(nagano, "municipalities", tmp_path / "m.xlsx", (m.Municipality,))
    _round_trip(nagano, "people", tmp_path / "p.xlsx", (m.Person,))
    _round_trip(nagano, "advisors", tmp_path / "a.xlsx", (m.Person, m.Advisor, m.AdvisorField, m.AdvisorAssignment))
