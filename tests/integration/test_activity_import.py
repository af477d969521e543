"""The visit and consultation logs: export → import unchanged, into an empty database and back,
an edit comes back as an update, and the rows an office's old spreadsheet gets wrong (issue 6)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update

from sasaeai_desktop import demo
from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.activities import log_sheets as activity_logs
from sasaeai_desktop.services.activities import visits
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import plan_rows
from sasaeai_desktop.services.imports import planning
from tests.excel_books import book
from tests.integration.test_excel_import_roundtrip import _changes
from tests.integration.test_excel_import_roundtrip import _table

TODAY = dt.date(2026, 5, 1)
TABLES = (m.Visit, m.VisitParticipant, m.FollowUpTask, m.Consultation, m.Person)


@pytest.fixture
def filled(nagano: AppContext) -> AppContext:
    demo.fill_demo(nagano.uow(), scale=1, today=TODAY)
    return nagano


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[AppContext]:
    """A second database, initialised for 長野県 and nothing else (an office's new installation)."""
    context = open_database(tmp_path / "empty.db")
    setup.init_prefecture(context.uow(), "長野県")
    yield context
    context.close()


def _rows(path: Path, drop_last: bool = True) -> list[tuple[Any, ...]]:
    """The data rows of an exported sheet, text NFKC-normalised (imports store text that way)."""
    def norm(v: Any) -> Any:
        return unicodedata.normalize("NFKC", v) if isinstance(v, str) else v

    rows = openpyxl.load_workbook(path).active.iter_rows(min_row=4, values_only=True)
    return [tuple(norm(v) for v in (r[:-1] if drop_last else r)) for r in rows]


def _without_last_column(path: Path, out: Path) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    ws.delete_cols(ws.max_column)
    wb.save(out)
    return out


@pytest.mark.parametrize("kind", ["visits", "consultations"])
def test_export_imports_back_unchanged_with_and_without_the_id_column(filled: AppContext, tmp_path: Path, kind: str) -> None:
    before = [_table(filled, t) for t in TABLES]
    changes = _changes(filled)
    path = tmp_path / f"{kind}.xlsx"
    n = activity_logs.export_log(filled.uow(), kind, path)
    assert n > 100
    for source in (path, _without_last_column(path, tmp_path / "no-id.xlsx")):  # ID, then the natural key
        plan = planning.plan_import(filled.uow(), kind, source)
        assert plan.ok, [str(p) for p in plan.problems[:5]]
        assert plan.counts == {plan_rows.CREATE: 0, plan_rows.UPDATE: 0, plan_rows.SKIP: n, plan_rows.ASK: 0, plan_rows.ERROR: 0}
        result = applying.apply_import(filled.uow(), plan)
        assert (result.created, result.updated, result.skipped) == (0, 0, n)
    assert [_table(filled, t) for t in TABLES] == before
    assert _changes(filled) == changes  # not even a change record


def test_visit_log_into_an_empty_database_and_out_again(filled: AppContext, tmp_path: Path, empty: AppContext) -> None:
    path = tmp_path / "visits.xlsx"
    n = activity_logs.export_log(filled.uow(), "visits", path)
    source = _without_last_column(path, tmp_path / "old-office.xlsx")
    plan = planning.plan_import(empty.uow(), "visits", source)
    assert plan.ok and plan.counts[plan_rows.CREATE] == n
    assert any("関係者として新しく登録します" in note for note in plan.notes)  # people who went were not registered yet
    applying.apply_import(empty.uow(), plan)
    back = tmp_path / "back.xlsx"
    assert activity_logs.export_log(empty.uow(), "visits", back) == n
    assert _rows(back) == _rows(path)  # participants with roles, follow-ups with owner, due date and 済
    again = planning.plan_import(empty.uow(), "visits", source)
    assert again.counts[plan_rows.SKIP] == n
    with empty.uow() as uow:  # the same person on many rows was registered once
        names = uow.session.execute(select(m.Person.name_key, func.count()).group_by(m.Person.name_key, m.Person.municipality_id)).all()
    assert all(c == 1 for _, c in names)


def test_consultation_log_into_an_empty_database(filled: AppContext, tmp_path: Path, empty: AppContext) -> None:
    path = tmp_path / "consultations.xlsx"
    n = activity_logs.export_log(filled.uow(), "consultations", path)
    plan = planning.plan_import(empty.uow(), "consultations", path)
    # an advisor the database does not know is a problem of that cell, never a guess
    referred = [p for p in plan.problems if p.column == "紹介したアドバイザー"]
    assert referred and all("登録されていません" in p.message for p in referred)
    assert len(plan.problems) == len(referred)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    col = [c.value for c in ws[4]].index("紹介したアドバイザー") + 1
    ws.delete_cols(col)
    ws.delete_cols(ws.max_column)  # and the ID
    source = tmp_path / "no-advisor.xlsx"
    wb.save(source)
    plan = planning.plan_import(empty.uow(), "consultations", source)
    assert plan.ok and plan.counts[plan_rows.CREATE] == n
    applying.apply_import(empty.uow(), plan)
    back = tmp_path / "back.xlsx"
    activity_logs.export_log(empty.uow(), "consultations", back)
    keep = [i for i in range(len(_rows(path)[0])) if i != col - 1]
    assert [tuple(r[i] for i in keep) for r in _rows(back)] == [tuple(r[i] for i in keep) for r in _rows(path)]


def test_an_edited_cell_comes_back_as_an_update(filled: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "visits.xlsx"
    n = activity_logs.export_log(filled.uow(), "visits", path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    headers = [c.value for c in ws[4]]
    row = ws[5]
    vid = row[headers.index("ID")].value
    row[headers.index("助言内容")].value = "協議体の記録を残すよう助言した。"
    row[headers.index("フォローアップ")].value = "研修案内を送る（田中）期限2026-06-01\n資料を共有する 済"
    wb.save(path)
    plan = planning.plan_import(filled.uow(), "visits", path)
    assert plan.counts[plan_rows.UPDATE] == 1 and plan.counts[plan_rows.SKIP] == n - 1
    assert next(r for r in plan.rows if r.action == plan_rows.UPDATE).changes == ("助言内容", "フォローアップ")
    applying.apply_import(filled.uow(), plan)
    saved = visits.get(filled.uow(), vid)
    assert saved.advice == "協議体の記録を残すよう助言した。"
    assert [(f.title, f.owner_name, f.due_date, f.done) for f in saved.follow_ups] == [
        ("研修案内を送る", "田中", dt.date(2026, 6, 1), False), ("資料を共有する", "", None, True)]
    assert planning.plan_import(filled.uow(), "visits", path).counts[plan_rows.SKIP] == n
    # changing another task keeps the day a done task was done
    with filled.uow() as uow:
        uow.session.execute(update(m.FollowUpTask).where(m.FollowUpTask.visit_id == vid, m.FollowUpTask.done.is_(True))
                            .values(done_date=dt.date(2026, 5, 20)))
        uow.commit()
    wb = openpyxl.load_workbook(path)
    wb.active[5][headers.index("フォローアップ")].value = "研修案内を送る（田中）期限2026-06-15\n資料を共有する 済"
    wb.save(path)
    applying.apply_import(filled.uow(), planning.plan_import(filled.uow(), "visits", path))
    assert [(f.due_date, f.done_date) for f in visits.get(filled.uow(), vid).follow_ups] == [
        (dt.date(2026, 6, 15), None), (None, dt.date(2026, 5, 20))]


HEADER = ["訪問日", "開始", "市町村", "目的区分", "市町村側の出席者", "助言内容", "フォローアップ"]


def test_bad_rows_are_named_and_a_follow_up_due_before_the_visit_is_a_warning(nagano: AppContext, tmp_path: Path) -> None:
    path = book(tmp_path / "old.xlsx", [
        ["訪問記録（R7）"], [], HEADER,
        ["令和7年6月10日", "9時30分", "松本市", "定期訪問", "山田 花子（第1層SC）", "記録を残す", "資料を送る（県）期限2025-06-01"],
        [None, "10:00", "松本市", "", "", "日付がない", ""],
        ["2025/6/12", "", "松本", "", "", "", ""],
        [dt.date(2025, 6, 13), 0.5625, "202029", "懇談", "", "", "報告する 期限 R7.7.1 済"],
        [45827, "25:00", "軽井沢町", "", "", "", "期限を書き間違えた 期限 7月"],
    ], sheet="訪問記録")
    plan = planning.plan_import(nagano.uow(), "visits", path)
    messages = [str(p) for p in plan.problems]
    assert "訪問記録!5:訪問日 — 訪問日が空欄です" in messages
    assert any(m_.startswith("訪問記録!6:市町村 — 市町村「松本」が長野県の市町村に見つかりません") for m_ in messages)
    assert any(m_.startswith("訪問記録!7:目的区分 — 目的区分「懇談」は使えません") for m_ in messages)
    assert any(m_.startswith("訪問記録!8:開始 — 「25:00」は時刻として読み取れません") for m_ in messages)
    assert any(m_.startswith("訪問記録!8:フォローアップ — フォローアップ「期限を書き間違えた」の期限") for m_ in messages)
    assert len(messages) == 5  # row 4 is fine: the follow-up due before the visit is only a warning
    assert plan.rows[0].action == plan_rows.CREATE and "期限 2025-06-01 が訪問日 2025-06-10 より前" in plan.rows[0].note
    assert any(n.startswith("注意: 訪問記録!4:フォローアップ — フォローアップ「資料を送る」の期限") for n in plan.notes)
    with pytest.raises(UserError, match="問題が5件あるため、何も書き込みませんでした"):
        applying.apply_import(nagano.uow(), plan)  # all or nothing
    with nagano.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(m.Visit)) == 0
    # the good rows alone: written, times and 和暦 read
    fixed = book(tmp_path / "fixed.xlsx", [HEADER, [
        "令和7年6月10日", "9時30分", "松本市", "定期訪問", "山田 花子（第1層SC）", "記録を残す", "資料を送る（県）期限2025-06-01"],
        [dt.date(2025, 6, 13), 0.5625, "202029", "", "", "", "報告する 期限 R7.7.1 済"]], sheet="訪問記録")
    plan = planning.plan_import(nagano.uow(), "visits", fixed)
    assert plan.ok, [str(p) for p in plan.problems]
    assert applying.apply_import(nagano.uow(), plan).created == 2
    with nagano.uow() as uow:
        got = uow.session.execute(select(m.Visit.visit_date, m.Visit.start_time).order_by(m.Visit.visit_date)).all()
    assert got == [(dt.date(2025, 6, 10), dt.time(9, 30)), (dt.date(2025, 6, 13), dt.time(13, 30))]


def test_consultations_link_who_asked_when_registered_and_keep_the_name_otherwise(nagano: AppContext, tmp_path: Path) -> None:
    from sasaeai_desktop.services import municipalities
    from sasaeai_desktop.services import people

    matsumoto = next(mid for mid, label in municipalities.choices(nagano.uow()) if "松本市" in label)
    pid = people.save(nagano.uow(), people.PersonData(None, "山田 花子", role="第1層SC", municipality_id=matsumoto))
    header = ["受付日", "方法", "市町村", "相談者", "分類", "相談内容", "完了", "完了日"]
    path = book(tmp_path / "相談.xlsx", [header,
        ["2025/7/1", "電話", "松本市", "山田 花子", "協議体、居場所", "協議体の進め方", "", ""],
        ["R7.7.2", "メール", "", "鈴木 一郎", "", "補助金について", "○", "2025-07-03"],
        ["2025/7/3", "FAX", "松本市", "", "", "様式について", "", ""],
        ["2025/7/4", "電話", "松本市", "", "", "", "", ""],
        ["2025/7/5", "電話", "松本市", "", "", "研修の日程", "済", "2025-07-01"],
    ], sheet="相談記録")
    plan = planning.plan_import(nagano.uow(), "consultations", path)
    assert [str(p) for p in plan.problems] == [
        "相談記録!4:方法 — 相談方法「FAX」は使えません（電話、メール、来所、訪問時、その他 のいずれか）",
        "相談記録!5:相談内容 — 相談内容が空欄です",
        "相談記録!6:完了日 — 完了日 2025-07-01 が受付日より前です",
    ]
    good = [list(r) for r in openpyxl.load_workbook(path).active.iter_rows(min_row=2, max_row=3, values_only=True)]
    fixed = book(tmp_path / "fixed.xlsx", [header, *good], sheet="相談記録")
    plan = planning.plan_import(nagano.uow(), "consultations", fixed)
    assert plan.ok and applying.apply_import(nagano.uow(), plan).created == 2
    with nagano.uow() as uow:
        got = uow.session.execute(select(m.Consultation.person_id, m.Consultation.from_name, m.Consultation.topics,
                                         m.Consultation.is_closed, m.Consultation.closed_date)
                                  .order_by(m.Consultation.received_date)).all()
    assert got == [(pid, "", "協議体、居場所", False, None), (None, "鈴木 一郎", "", True, dt.date(2025, 7, 3))]
    assert planning.plan_import(nagano.uow(), "consultations", fixed).counts[plan_rows.SKIP] == 2
