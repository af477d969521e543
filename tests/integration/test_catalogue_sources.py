"""Where a catalogue entry was learnt of, in the sheet: 把握した訪問日 / 把握した相談日 / 把握した研修
are written as a person names the records and read back to the same ones (変更なし); a reference
that names no record, or several, is a problem at its sheet!row:column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from sqlalchemy import select

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.db import models as m
from sasaeai_desktop.services.activities import consultations
from sasaeai_desktop.services.activities import visits
from sasaeai_desktop.services.catalogue import entries
from sasaeai_desktop.services.catalogue import sources
from sasaeai_desktop.services.catalogue.sheet import export_catalogue
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import plan_rows
from sasaeai_desktop.services.imports import planning
from sasaeai_desktop.services.trainings import events
from tests.excel_books import book
from tests.import_checks import assert_imports_unchanged

HEADER_ROW = 4


def _mid(ctx: AppContext, code: str) -> str:
    with ctx.uow() as uow:
        return str(uow.session.scalar(select(m.Municipality.id).where(m.Municipality.code == code)))


def _event(ctx: AppContext, title: str, day: dt.date) -> str:
    return events.save_event(ctx.uow(), events.EventData(None, "フォーラム・セミナー", title, day.year,
                                                         sessions=(events.SessionData(None, day),)))


def _records(ctx: AppContext) -> dict[str, str]:
    ueda = _mid(ctx, "202037")
    day = dt.date(2025, 6, 2)
    out = {
        "visit_a": visits.save(ctx.uow(), visits.VisitData(None, ueda, day, purpose="居場所づくり")).id,
        "visit_b": visits.save(ctx.uow(), visits.VisitData(None, ueda, day, purpose="補助金の説明")).id,
        "consultation": consultations.save(ctx.uow(), consultations.ConsultationData(
            None, dt.date(2025, 7, 1), municipality_id=ueda, topics="移動支援", question="送迎")),
        "forum_2024": _event(ctx, "支え合いフォーラム", dt.date(2024, 11, 3)),
        "forum_2025": _event(ctx, "支え合いフォーラム", dt.date(2025, 11, 8)),
    }
    save = entries.save
    out["salon"] = save(ctx.uow(), entries.EntryData(None, "サロン", "サロン", ueda, visit_id=out["visit_b"]))
    out["bus"] = save(ctx.uow(), entries.EntryData(None, "買い物バス", "買い物支援", ueda,
                                                   consultation_id=out["consultation"]))
    out["cafe"] = save(ctx.uow(), entries.EntryData(None, "認知症カフェ", "居場所", ueda, event_id=out["forum_2025"]))
    out["plain"] = save(ctx.uow(), entries.EntryData(None, "見守り隊", "見守り", ueda))
    return out


def _sheet_rows(path: Path) -> tuple[list[str], dict[str, list[object]]]:
    ws = openpyxl.load_workbook(path).active
    headers = [str(c.value) for c in ws[HEADER_ROW]]
    rows = {str(r[0].value): [c.value for c in r] for r in ws.iter_rows(min_row=HEADER_ROW + 1) if r[0].value}
    return headers, rows


def test_sources_are_written_by_date_and_title_and_read_back_unchanged(nagano: AppContext, tmp_path: Path) -> None:
    ids = _records(nagano)
    path = tmp_path / "地域資源.xlsx"
    export_catalogue(nagano.uow(), path)
    headers, rows = _sheet_rows(path)
    cols = [headers.index(h) for h in ("把握した訪問日", "把握した相談日", "把握した研修")]
    assert [rows["サロン"][i] for i in cols] == [dt.datetime(2025, 6, 2), None, None]
    assert [rows["買い物バス"][i] for i in cols] == [None, dt.datetime(2025, 7, 1), None]
    assert [rows["認知症カフェ"][i] for i in cols] == [None, None, "支え合いフォーラム（2025-11-08）"]
    # two visits that day: the one linked is kept; two forums of one title: the day tells them apart
    assert_imports_unchanged(nagano, "activities", path, 4)
    assert entries.get(nagano.uow(), ids["salon"]).visit_id == ids["visit_b"]

    wb = openpyxl.load_workbook(path)
    ws = wb.active
    by_name = {r[0].value: r for r in ws.iter_rows(min_row=HEADER_ROW + 1)}
    by_name["サロン"][cols[2]].value = "支え合いフォーラム（2024-11-03）"  # learnt of at last year's forum instead
    by_name["サロン"][cols[0]].value = None
    by_name["見守り隊"][cols[1]].value = "2025/7/1"
    wb.save(path)
    plan = planning.plan_import(nagano.uow(), "activities", path)
    assert plan.ok, [str(p) for p in plan.problems]
    changed = {r.values["name"]: r.changes for r in plan.rows if r.action == plan_rows.UPDATE}
    assert changed == {"サロン": ("把握した研修",), "見守り隊": ("把握した相談日",)}
    applying.apply_import(nagano.uow(), plan)
    salon, plain = (entries.get(nagano.uow(), ids[k]) for k in ("salon", "plain"))
    assert (salon.visit_id, salon.event_id) == (None, ids["forum_2024"])
    assert plain.consultation_id == ids["consultation"]
    assert_imports_unchanged(nagano, "activities", path, 4)  # the second time: 変更なし


def test_references_that_name_no_record_or_several_are_problems_at_their_cell(nagano: AppContext,
                                                                                tmp_path: Path) -> None:
    _records(nagano)
    path = book(tmp_path / "資源.xlsx", [
        ["名称", "市町村", "把握した訪問日", "把握した相談日", "把握した研修"],
        ["新しいサロン", "上田市", "2025-06-02", "", ""],  # two visits that day, none linked yet
        ["朝市", "上田市", "2025-06-09", "", ""],  # no visit that day
        ["体操", "上田市", "", "", "支え合いフォーラム"],  # two forums of that title
        ["カフェ", "上田市", "", "", "まちづくり講演会"],  # no such event
        ["配食", "上田市", "", "2025-07-01", "支え合いフォーラム（2025-11-08）"],  # two sources
        ["送迎", "上田市", "2025-06-02 居場所", "", ""],  # the purpose's first words pick one
    ], sheet="資源")
    plan = planning.plan_import(nagano.uow(), "activities", path)
    got = {f"{p.sheet}!{p.row}:{p.column}": p.message for p in plan.problems}
    assert set(got) == {"資源!2:把握した訪問日", "資源!3:把握した訪問日", "資源!4:把握した研修", "資源!5:把握した研修",
                        "資源!6:把握した研修"}
    assert "2件あります" in got["資源!2:把握した訪問日"] and "訪問記録がありません" in got["資源!3:把握した訪問日"]
    assert "日程の日付を書き足して" in got["資源!4:把握した研修"] and "見つかりません" in got["資源!5:把握した研修"]
    assert "どれか1列" in got["資源!6:把握した研修"]
    assert entries.count(nagano.uow()) == 4  # nothing written


def test_a_visit_picked_by_its_words_and_the_form_choices(nagano: AppContext, tmp_path: Path) -> None:
    ids = _records(nagano)
    path = book(tmp_path / "資源.xlsx", [["名称", "市町村", "把握した訪問"], ["送迎", "上田市", "2025-06-02 居場所"]])
    plan = planning.plan_import(nagano.uow(), "activities", path)
    assert plan.ok, [str(p) for p in plan.problems]
    applying.apply_import(nagano.uow(), plan)
    new = entries.list_entries(nagano.uow(), entries.EntryFilter(search="送迎"))[0]
    assert entries.get(nagano.uow(), new.id).visit_id == ids["visit_a"]

    offered = sources.choices(nagano.uow(), _mid(nagano, "202037"))
    assert [c.label for c in offered] == [
        "訪問 2025-06-02 居場所づくり", "訪問 2025-06-02 補助金の説明", "相談 2025-07-01 移動支援",
        "研修 2025-11-08 支え合いフォーラム", "研修 2024-11-03 支え合いフォーラム"]
    elsewhere = sources.choices(nagano.uow(), _mid(nagano, "202029"), keep=("visit_id", ids["visit_a"]))
    assert [c.label for c in elsewhere][0] == "訪問 2025-06-02 居場所づくり"  # the recorded one, though in 上田市


def test_an_event_title_with_brackets_of_its_own(nagano: AppContext) -> None:
    from sasaeai_desktop.io.excel.values import ValueProblem
    from sasaeai_desktop.services.record_refs import RecordRefs
    from sasaeai_desktop.services.record_refs import split_refs
    from sasaeai_desktop.services.record_refs import visit_ref

    basic = _event(nagano, "研修会（基礎編）", dt.date(2025, 10, 1))
    with nagano.uow() as uow:
        refs = RecordRefs(uow.session)
        assert refs.event("研修会（基礎編）") == basic  # （基礎編） is no date: part of the title
        assert refs.event("研修会（基礎編）（2025-10-01）") == basic
        assert refs.event("研修会(基礎編) (R7.10.1)") == basic  # half-width brackets, 和暦
        try:
            refs.event("研修会（基礎編）（2025-10-02）")
        except ValueProblem as exc:
            assert "2025-10-02に日程のあるもの" in str(exc)
        else:
            raise AssertionError("a day the event does not have was accepted")
    assert split_refs("a、b\n\n c \na、b") == ["a、b", "c"]
    assert visit_ref("2025/6/2  補助金 の説明") == "2025-06-02 補助金 の説明"
    assert visit_ref(dt.datetime(2025, 6, 2, 0, 0)) == dt.date(2025, 6, 2)
