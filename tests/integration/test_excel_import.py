"""Importing sheets people made into a real temporary database: the preview, matching, all or nothing."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import text

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.cancellation import Cancelled
from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.io.excel.annotate import PROBLEMS_SHEET
from sasaeai_desktop.services import people
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import errors_copy
from sasaeai_desktop.services.imports import import_plan
from sasaeai_desktop.services.imports import mappings
from sasaeai_desktop.services.imports import plan_rows
from sasaeai_desktop.services.imports import planning
from tests.excel_books import PEOPLE_HEADER
from tests.excel_books import book
from tests.excel_books import cache_formula_values
from tests.excel_books import people_book
from tests.excel_books import set_cell_text


def _count(ctx: AppContext, model: Any) -> int:
    with ctx.uow() as uow:
        return int(uow.session.scalar(select(func.count(model.id)).where(model.deleted.is_(False))))


def _people(ctx: AppContext) -> list[tuple[str, ...]]:
    with ctx.uow() as uow:
        mun = m.Municipality
        rows = uow.session.execute(
            select(m.Person.name, m.Person.kana, func.coalesce(mun.name, ""), m.Person.phone, m.Person.email, m.Person.notes)
            .outerjoin(mun, mun.id == m.Person.municipality_id).order_by(m.Person.kana)
        ).all()
    return [tuple(r) for r in rows]


def _problems(plan: import_plan.ImportPlan) -> list[str]:
    return [str(p) for p in plan.problems]


ROWS = [
    ["佐藤　一郎", "サトウ イチロウ", "第1層SC", "松本市", "松本市社会福祉協議会", "主任", "０２６３－３４－３０００", "ｓａｔｏ＠ｅｘａｍｐｌｅ．ｊｐ", "協議体担当\n第2層も兼務"],
    ["鈴木 花子", "すずき はなこ", "市町村職員", "長野県北佐久郡軽井沢町", "", "", "", "", ""],
    [],  # a blank row inside the data
    ["高橋 健太", "たかはし けんた", "第2層SC", "北佐久郡軽井沢町", "", "", "", "", ""],
    ["※ 電話番号は本人の了解を得て記載しています。"],
    ["　 続き: 変更があれば県へ連絡してください"],
]


# --- a sheet as people make it ------------------------------------------------------------------


def test_people_sheet_with_title_rows_blank_rows_and_notes(nagano: AppContext, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", ROWS, merge=["A1:I1"])
    plan = planning.plan_import(nagano.uow(), "people", path)
    assert plan.ok, _problems(plan)
    assert plan.header_row == 4 and plan.sheet == "名簿"
    assert plan.counts[plan_rows.CREATE] == 3 and len(plan.rows) == 3  # notes and the blank row are not rows
    assert [r.row for r in plan.rows] == [5, 6, 8]
    assert any("注記" in n for n in plan.notes)
    assert _count(nagano, m.Person) == 0  # a plan writes nothing

    result = applying.apply_import(nagano.uow(), plan)
    assert (result.created, result.updated, result.skipped) == (3, 0, 0)
    got = {r[0]: r for r in _people(nagano)}
    sato = got["佐藤 一郎"]
    assert sato[1:] == ("さとう いちろう", "松本市", "0263-34-3000", "sato@example.jp", "協議体担当\n第2層も兼務")
    assert got["鈴木 花子"][2] == got["高橋 健太"][2] == "軽井沢町"


def test_importing_the_same_sheet_again_changes_nothing(nagano: AppContext, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", ROWS)
    applying.apply_import(nagano.uow(), planning.plan_import(nagano.uow(), "people", path))
    before = _people(nagano)
    again = planning.plan_import(nagano.uow(), "people", path)
    assert again.counts[plan_rows.SKIP] == 3 and again.counts[plan_rows.CREATE] == 0
    assert applying.apply_import(nagano.uow(), again).created == 0
    assert _people(nagano) == before


def test_same_person_updates_and_blank_cells_keep_what_is_stored(nagano: AppContext, tmp_path: Path) -> None:
    people.save(nagano.uow(), people.PersonData(None, "髙橋 健太", "たかはし けんた", "第2層SC", phone="026-111-2222",
                                                municipality_id=_mid(nagano, "203211")))
    path = people_book(tmp_path / "名簿.xlsx", [["高橋　健太", "タカハシ ケンタ", "", "軽井沢町", "軽井沢町社協", "", "", "k@example.jp", ""]])
    plan = planning.plan_import(nagano.uow(), "people", path)
    assert plan.ok, _problems(plan)
    (row,) = plan.rows
    assert row.action == plan_rows.UPDATE and row.changes == ("所属", "メール")
    applying.apply_import(nagano.uow(), plan)
    (person,) = _people(nagano)
    assert person[0] == "髙橋 健太"  # the stored spelling: matched through the folded key
    assert person[3:5] == ("026-111-2222", "k@example.jp")  # blank 電話 did not erase the number


def _mid(ctx: AppContext, code: str) -> str:
    with ctx.uow() as uow:
        return uow.session.scalar(select(m.Municipality.id).where(m.Municipality.code == code))


def test_same_person_twice_in_one_file_is_a_problem_and_nothing_is_written(nagano: AppContext, tmp_path: Path) -> None:
    data = [ROWS[0], ROWS[1], ["佐藤一郎", "さとういちろう", "第1層SC", "松本市"]]
    path = people_book(tmp_path / "名簿.xlsx", data)
    plan = planning.plan_import(nagano.uow(), "people", path)
    assert _problems(plan) == ["名簿!7:氏名 — 同じ人が5行目にもあります（氏名・ふりがな・市町村が同じ）。1行にまとめてください"]
    with pytest.raises(UserError, match="何も書き込みませんでした"):
        applying.apply_import(nagano.uow(), plan)
    assert _count(nagano, m.Person) == 0


def test_ambiguous_match_is_asked_and_the_answer_is_applied(nagano: AppContext, tmp_path: Path) -> None:
    existing = people.save(nagano.uow(), people.PersonData(None, "田中 直美", "たなか なおみ", municipality_id=_mid(nagano, "202029")))
    path = people_book(tmp_path / "名簿.xlsx", [["田中 直美", "", "住民リーダー", "松本市"]])  # no reading in the sheet
    plan = planning.plan_import(nagano.uow(), "people", path)
    (row,) = plan.rows
    assert row.action == plan_rows.ASK and not plan.ok
    assert "同じ氏名の人が登録済み" in _problems(plan)[0]
    assert [c.id for c in row.candidates] == [existing] and "松本市" in row.candidates[0].label
    plan.decide(row.row, existing)
    assert plan.ok and row.action == plan_rows.UPDATE and row.changes == ("役割",)
    applying.apply_import(nagano.uow(), plan)
    assert people.get(nagano.uow(), existing).role == "住民リーダー"
    assert _count(nagano, m.Person) == 1

    plan = planning.plan_import(nagano.uow(), "people", path)
    plan.decide(plan.rows[0].row, None)  # "a different person": created
    assert plan.ok and plan.rows[0].action == plan_rows.CREATE
    applying.apply_import(nagano.uow(), plan)
    assert _count(nagano, m.Person) == 2


# --- values ------------------------------------------------------------------------------------


def test_every_bad_value_is_reported_with_sheet_row_and_column(nagano: AppContext, tmp_path: Path) -> None:
    data = [
        ["", "さとう", "第1層SC", "松本市"],  # no name
        ["佐藤", "さとう", "課長", "松本市", "", "", "026-232-0111 内線12", "sato@", ""],
        ["鈴木", "すずき", "", "軽井沢", "", "", 262320111, "", ""],
        ["田中", "たなか", "", "嬬恋村"],
    ]
    path = people_book(tmp_path / "名簿.xlsx", data)
    plan = planning.plan_import(nagano.uow(), "people", path)
    got = _problems(plan)
    assert got[0] == "名簿!5:氏名 — 氏名が空欄です"
    assert got[1].startswith("名簿!6:役割 — 役割「課長」は使えません")
    assert got[2].startswith("名簿!6:電話 — 電話番号「026-232-0111 内線12」の形式が正しくありません")
    assert got[3].startswith("名簿!6:メール — メールアドレス「sato@」")
    assert got[4].startswith("名簿!7:市町村 — 市町村「軽井沢」が長野県の市町村に見つかりません。候補: 軽井沢町")
    assert got[5].startswith("名簿!7:電話 — 電話番号が数値として入力されています")
    assert got[6].startswith("名簿!8:市町村 — 市町村「嬬恋村」は長野県の市町村ではありません: 群馬県吾妻郡嬬恋村（隣県）")
    assert len(got) == 7
    assert plan.counts[plan_rows.ERROR] == 4


def test_a_cell_of_100000_characters(nagano: AppContext, tmp_path: Path) -> None:
    long = "長" * 100_000
    path = people_book(tmp_path / "名簿.xlsx", [["x", "ながい"], ["佐藤", "さとう", "", "", "", "", "", "", "x"]])
    set_cell_text(path, "xl/worksheets/sheet1.xml", "A5", long)  # more than Excel (and openpyxl) would write
    set_cell_text(path, "xl/worksheets/sheet1.xml", "I6", long)
    plan = planning.plan_import(nagano.uow(), "people", path)
    assert _problems(plan) == ["名簿!5:氏名 — 長すぎます（100,000文字、この欄は80文字まで）"]
    assert plan.rows[1].action == plan_rows.CREATE and len(plan.rows[1].values["notes"]) == 100_000


def test_formulas_take_the_saved_value_or_are_reported(nagano: AppContext, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", [
        ["佐藤", "さとう", "", "松本市", "", "", '="0263-"&"34-3000"'],
        ["鈴木", "すずき", "", "松本市", "", "", '="026-"&"232-0111"'],
        ["田中", "たなか", "", "松本市", "", "", "=1/0"],
    ])
    cache_formula_values(path, "xl/worksheets/sheet1.xml", {"G5": "0263-34-3000"})
    plan = planning.plan_import(nagano.uow(), "people", path)
    assert plan.rows[0].values["phone"] == "0263-34-3000"
    got = _problems(plan)
    assert got[0].startswith('名簿!6:電話 — 数式（="026-"&"232-0111"）の計算結果が保存されていません')
    assert got[1].startswith("名簿!7:電話 — 数式（=1/0）の計算結果が保存されていません")
    assert len(got) == 2


def test_ten_thousand_blank_formatted_rows_at_the_end(nagano: AppContext, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", ROWS[:2], blank_formatted_rows=10_000)
    plan = planning.plan_import(nagano.uow(), "people", path)
    assert plan.ok and len(plan.rows) == 2


# --- the header --------------------------------------------------------------------------------


def test_no_recognisable_header(nagano: AppContext, tmp_path: Path) -> None:
    path = book(tmp_path / "x.xlsx", [["会議の記録"], ["日時", "場所"], ["4/1", "県庁"]])
    plan = planning.plan_import(nagano.uow(), "people", path)
    assert plan.header is None and not plan.rows
    assert "見出し行が見つかりません" in _problems(plan)[0]
    with pytest.raises(UserError):
        applying.apply_import(nagano.uow(), plan)


def test_duplicate_headers_and_unknown_columns(nagano: AppContext, tmp_path: Path) -> None:
    path = book(tmp_path / "x.xlsx", [["No.", "氏名", "電話", "TEL", "研修受講歴"], [1, "佐藤", "026-232-0111", "026-232-0112", "養成研修"]])
    plan = planning.plan_import(nagano.uow(), "people", path)
    assert _problems(plan) == [
        "名簿 — 見出し 「電話」（C列）、「TEL」（D列） がどれも「電話」を表しています。どれか1つだけを取り込むよう列の対応を直すか、見出しを変えてください"
    ]
    assert [c.header for c in plan.unknown_columns] == ["研修受講歴"]  # reported, not fatal; No. is known
    fixed = planning.plan_import(nagano.uow(), "people", path, mapping={3: None})  # fixed by hand
    assert fixed.ok and fixed.rows[0].values["phone"] == "026-232-0111"


def test_mapping_fixed_by_hand_is_remembered_for_that_layout(nagano: AppContext, tmp_path: Path) -> None:
    path = book(tmp_path / "x.xlsx", [["なまえ", "よみ", "れんらくさき"], ["佐藤", "さとう", "026-232-0111"]])
    first = planning.plan_import(nagano.uow(), "people", path)  # only よみ is known
    assert _problems(first) == ["名簿 — 必要な列「氏名」が見出し行（1行目）にありません"]
    assert [c.header for c in first.unknown_columns] == ["なまえ", "れんらくさき"]
    plan = planning.plan_import(nagano.uow(), "people", path, mapping={0: "name", 2: "phone"})
    assert plan.ok and plan.rows[0].values == {"name": "佐藤", "kana": "さとう", "phone": "026-232-0111"}
    assert list(mappings.remembered_mappings(nagano.uow(), "people").values()) == [{0: "name", 2: "phone"}]
    other = book(tmp_path / "y.xlsx", [["4月分"], ["なまえ", "よみ", "れんらくさき"], ["鈴木", "すずき", "026-232-0112"]])
    again = planning.plan_import(nagano.uow(), "people", other)  # same layout, found and mapped by itself
    assert again.ok and again.header_row == 2 and again.header is not None and again.header.remembered
    assert again.rows[0].values["phone"] == "026-232-0112"
    assert mappings.forget_mappings(nagano.uow(), "people") == 1


def test_several_sheets_choose_one(nagano: AppContext, tmp_path: Path) -> None:
    path = book(tmp_path / "x.xlsx", [["表紙"], ["令和7年度"]], sheet="表紙",
                extra={"名簿": [PEOPLE_HEADER, ["佐藤", "さとう"]], "アドバイザー": [["氏名", "区分"], ["鈴木", "有識者"]]})
    plan = planning.plan_import(nagano.uow(), "people", path)  # the first sheet with a header
    assert plan.sheet == "名簿" and plan.sheets == ["表紙", "名簿", "アドバイザー"]
    assert planning.plan_import(nagano.uow(), "advisors", path, sheet="アドバイザー").rows[0].values["category"] == "有識者"
    with pytest.raises(UserError, match="「表紙」、「名簿」、「アドバイザー」"):
        planning.plan_import(nagano.uow(), "people", path, sheet="集計")


@pytest.mark.parametrize("content", [b"", b"%PDF-1.4\n", "氏名,ふりがな\n佐藤,さとう\n".encode()])
def test_not_an_xlsx_is_a_user_error(nagano: AppContext, tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "名簿.xlsx"
    p.write_bytes(content)
    with pytest.raises(UserError, match="名簿.xlsx"):
        planning.plan_import(nagano.uow(), "people", p)


# --- municipalities ----------------------------------------------------------------------------


def test_municipalities_by_code_or_name_update_figures(nagano: AppContext, tmp_path: Path) -> None:
    path = book(tmp_path / "m.xlsx", [
        ["市町村別 高齢化率（令和7年1月1日現在）"], [],
        ["団体コード", "市町村名", "人口", "高齢化率（％）", "日常生活圏域"],
        ["202011", "長野市", "３６７，０００", "30.5%", 20],
        [20202.0, "松本市", 237318, 30.25, 8],  # a 5-digit code as a number: check digit added
        [None, "北佐久郡軽井沢町", 20000, 32.1, 1],  # no code: by name
        ["合計", None, 624318],  # a total row is left out
    ])
    plan = planning.plan_import(nagano.uow(), "municipalities", path)
    assert plan.ok, _problems(plan)
    assert [r.action for r in plan.rows] == [plan_rows.UPDATE] * 3
    assert plan.rows[0].changes == ("人口", "高齢化率(%)", "日常生活圏域数")
    assert any("合計" in n for n in plan.notes)
    applying.apply_import(nagano.uow(), plan)
    with nagano.uow() as uow:
        got = {r.code: (r.population, r.aging_rate, r.daily_life_areas) for r in uow.session.scalars(select(m.Municipality))}
    assert got["202011"] == (367_000, 30.5, 20) and got["202029"] == (237_318, 30.25, 8) and got["203211"] == (20_000, 32.1, 1)
    assert _count(nagano, m.Municipality) == 77


def test_municipality_of_another_prefecture_or_bad_code(nagano: AppContext, tmp_path: Path) -> None:
    path = book(tmp_path / "m.xlsx", [["コード", "市町村名", "人口"], ["104256", "嬬恋村", 9000], ["202012", "長野市", 1], ["202011", "長野市", 0.5]])
    got = _problems(planning.plan_import(nagano.uow(), "municipalities", path))
    assert got[0].startswith("名簿!2:コード — コード 104256 は群馬県の市町村です")
    assert got[1].startswith("名簿!3:コード — 市町村コード「202012」のチェックディジットが正しくありません（正しくは202011）")
    assert got[2].startswith("名簿!4:人口 — 0.5 は整数ではありません")


# --- advisors ----------------------------------------------------------------------------------


def test_advisor_roster_with_consent_fields_and_municipalities(nagano: AppContext, tmp_path: Path) -> None:
    path = book(tmp_path / "a.xlsx", [
        ["アドバイザー名簿（研修配布用）"],
        ["氏名", "ふりがな", "区分", "所属法人等の名称", "日頃の活動分野", "電話", "電話番号の公開", "メールアドレス", "担当市町村"],
        ["山田 太郎", "やまだ たろう", "中間支援組織", "NPO法人ささえあい", "協議体の立ち上げ、居場所づくり、地域福祉全般",
         "026-232-0111", "可", "yamada@example.jp", "松本市、北佐久郡軽井沢町"],
        ["川口 道子", "かわぐち みちこ", "有識者", "信州大学", "ファシリテーション", "", "", "", ""],
    ], sheet="アドバイザー")
    plan = planning.plan_import(nagano.uow(), "advisors", path)
    assert plan.ok, _problems(plan)
    applying.apply_import(nagano.uow(), plan)
    with nagano.uow() as uow:
        s = uow.session
        advisors = {p.name: a for a, p in s.execute(select(m.Advisor, m.Person).join(m.Person, m.Person.id == m.Advisor.person_id))}
        yamada, kawaguchi = advisors["山田 太郎"], advisors["川口 道子"]
        assert yamada.publish_phone is True
        assert yamada.publish_email is None  # no consent column: unknown, never guessed
        assert kawaguchi.publish_phone is None
        assert yamada.activity_text == "協議体の立ち上げ、居場所づくり、地域福祉全般"  # the text as written
        fields = set(s.scalars(select(m.ActivityField.name).join(m.AdvisorField, m.AdvisorField.field_id == m.ActivityField.id)
                               .where(m.AdvisorField.advisor_id == yamada.id)))
        assert fields == {"協議体の立ち上げ", "居場所づくり"}  # filed under the controlled list where names match
        munis = set(s.scalars(select(m.Municipality.name).join(m.AdvisorAssignment, m.AdvisorAssignment.municipality_id == m.Municipality.id)
                              .where(m.AdvisorAssignment.advisor_id == yamada.id)))
        assert munis == {"松本市", "軽井沢町"}
        person = s.scalar(select(m.Person).where(m.Person.name == "山田 太郎"))
        assert (person.role, person.phone, person.email) == ("アドバイザー", "026-232-0111", "yamada@example.jp")


def test_advisor_consent_can_be_changed_and_unclear_consent_is_refused(nagano: AppContext, tmp_path: Path) -> None:
    header = ["氏名", "ふりがな", "電話公開", "メール公開"]
    first = book(tmp_path / "a.xlsx", [header, ["山田 太郎", "やまだ たろう", "○", "×"]])
    applying.apply_import(nagano.uow(), planning.plan_import(nagano.uow(), "advisors", first))
    second = book(tmp_path / "b.xlsx", [header, ["山田 太郎", "やまだ たろう", "否", "-"]])
    plan = planning.plan_import(nagano.uow(), "advisors", second)
    assert plan.rows[0].action == plan_rows.UPDATE and plan.rows[0].changes == ("電話公開",)
    applying.apply_import(nagano.uow(), plan)
    with nagano.uow() as uow:
        adv = uow.session.scalar(select(m.Advisor))
        assert (adv.publish_phone, adv.publish_email) == (False, False)  # '-' left the refusal as it was
    third = book(tmp_path / "c.xlsx", [header, ["山田 太郎", "やまだ たろう", "△", ""]])
    assert "「△」は「はい/いいえ」として読み取れません" in _problems(planning.plan_import(nagano.uow(), "advisors", third))[0]


# --- all or nothing ----------------------------------------------------------------------------


def _many(n: int) -> list[list[Any]]:
    return [[f"佐藤 {i}", f"さとう {i}", "第2層SC", "松本市", "", "", "", f"u{i}@example.jp", ""] for i in range(n)]


def test_cancel_while_writing_rolls_back_everything(nagano: AppContext, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", _many(5000))
    plan = planning.plan_import(nagano.uow(), "people", path)
    abort = threading.Event()
    seen: list[float] = []

    def progress(fraction: float, message: str) -> None:
        seen.append(fraction)
        if fraction > 0.3:
            abort.set()

    with pytest.raises(Cancelled, match="データベースは変更していません"):
        applying.apply_import(nagano.uow(), plan, progress=progress, abort=abort)
    assert seen and _count(nagano, m.Person) == 0
    with nagano.uow() as uow:  # no change records left behind either
        assert uow.session.execute(select(func.count()).select_from(m.Person.__table__)).scalar() == 0


def test_cancel_while_reading(nagano: AppContext, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", _many(3000))
    abort = threading.Event()
    abort.set()
    with pytest.raises(Cancelled):
        planning.plan_import(nagano.uow(), "people", path, abort=abort)


def test_a_database_error_half_way_leaves_nothing(nagano: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = people_book(tmp_path / "名簿.xlsx", _many(4500))
    plan = planning.plan_import(nagano.uow(), "people", path)
    calls = [0]
    original = plan._kind._bulk_insert_rows  # type: ignore[union-attr]

    def failing(model: Any, cols: Any, rows: Any, check: Any, **kw: Any) -> None:
        def check_then_fail(n: int) -> None:
            calls[0] += 1
            check(n)
            if calls[0] == 2:
                raise RuntimeError("disk full")
        original(model, cols, rows, check_then_fail, **kw)

    monkeypatch.setattr(plan._kind, "_bulk_insert_rows", failing)
    with nagano.uow() as uow:
        schema = uow.session.execute(text("SELECT name, sql FROM sqlite_master ORDER BY name")).all()
    with pytest.raises(RuntimeError):
        applying.apply_import(nagano.uow(), plan)
    assert calls[0] == 2
    assert _count(nagano, m.Person) == 0
    with nagano.uow() as uow:  # indexes, change log and capture as they were (the bulk path mutes it)
        assert uow.session.execute(text("SELECT name, sql FROM sqlite_master ORDER BY name")).all() == schema
        assert uow.session.execute(text("SELECT count(*) FROM sync_change WHERE tbl = 'person'")).scalar() == 0
        assert uow.session.execute(text("SELECT count(*) FROM sync_mute")).scalar() == 0


def test_changes_after_the_preview_are_refused(nagano: AppContext, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", ROWS[:1])
    plan = planning.plan_import(nagano.uow(), "people", path)
    people.save(nagano.uow(), people.PersonData(None, "別の人"))
    with pytest.raises(UserError, match="確認の後で登録内容が変更されました"):
        applying.apply_import(nagano.uow(), plan)


# --- --errors-out ------------------------------------------------------------------------------


def test_errors_copy_marks_each_bad_cell(nagano: AppContext, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", [["佐藤", "さとう", "", "軽井沢", "", "", "026-232-0111 内線12", "", ""], ["鈴木", "すずき"]], merge=["A1:I1"])
    plan = planning.plan_import(nagano.uow(), "people", path)
    out = tmp_path / "名簿_問題.xlsx"
    assert errors_copy.write_errors_copy(plan, out) == 2
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [PROBLEMS_SHEET, "名簿"]
    ws = wb["名簿"]
    assert ws["D5"].fill.start_color.rgb == "FFFFC7CE" and "軽井沢町" in ws["D5"].comment.text
    assert "電話番号" in ws["G5"].comment.text and ws["A6"].comment is None
    assert ws["A1"].value == "令和7年度 生活支援コーディネーター名簿"  # the rest of the book as it was
    report = wb[PROBLEMS_SHEET]
    assert report["A4"].value == "名簿!5:市町村" and "軽井沢" in report["B4"].value
    with pytest.raises(UserError, match="別の名前"):
        errors_copy.write_errors_copy(plan, path)


# --- a new kind of sheet is a spec and a mapping -------------------------------------------------


def test_a_new_kind_with_dates_is_a_column_spec_and_a_row_mapping(nagano: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sasaeai_desktop.io.excel.spec import ColumnSpec
    from sasaeai_desktop.io.excel.spec import SheetSpec
    from sasaeai_desktop.services.imports import kind_base
    from sasaeai_desktop.services.imports import parsers
    from sasaeai_desktop.services.imports import registry

    class VisitDates(kind_base.ImportKind):
        kind, title = "visit_dates", "訪問日"
        spec = SheetSpec("visit_dates", "訪問日", (ColumnSpec("day", "訪問日", "date", 10, ("日付",)),
                                                     ColumnSpec("municipality", "市町村", "text", 10)))
        rules = {"day": parsers.Rule("date", required=True), "municipality": parsers.Rule("municipality")}
        required_columns = (("day",),)
        tables = (m.Visit,)
        written: list[Any] = []

        def __init__(self, session: Any, columns: set[str]) -> None:
            super().__init__(session, columns)
            from sasaeai_desktop.services.municipality_names import MunicipalityResolver
            self.resolver = MunicipalityResolver.load(session)

        def parse_municipality(self, value: Any) -> str:
            return self.resolver.resolve(value)

        def label(self, values: dict[str, Any]) -> str:
            return str(values.get("day", ""))

        def match(self, r: plan_rows.PlannedRow) -> None:
            r.action = plan_rows.CREATE

        def write(self, rows: list[plan_rows.PlannedRow], check: Any) -> tuple[int, int]:
            VisitDates.written.extend(r.values["day"] for r in rows)
            return len(rows), 0

    monkeypatch.setitem(registry.KINDS, "visit_dates", VisitDates)
    import datetime as dt

    styles = [dt.date(2025, 4, 1), "2025/4/1", "2025-04-01", "2025.4.1", "2025年4月1日", "20250401", "２０２５／４／１",
              "2025/4/1(火)", "令和7年4月1日", "令和７年４月１日", "R7.4.1", "R07/04/01", "R7年4月1日", 45748]
    path = book(tmp_path / "v.xlsx", [["日付", "市町村"], *[[s, "松本市"] for s in styles]])
    plan = planning.plan_import(nagano.uow(), "visit_dates", path)
    assert plan.ok, _problems(plan)
    applying.apply_import(nagano.uow(), plan)
    assert VisitDates.written == [dt.date(2025, 4, 1)] * len(styles)
