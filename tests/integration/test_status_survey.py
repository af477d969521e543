"""Status per 年度, regions, the compiled table, the survey round trip and the progress dashboard."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.progress import dashboard as progress
from sasaeai_desktop.services.progress import regions
from sasaeai_desktop.services.progress import status
from sasaeai_desktop.services.progress import survey_apply
from sasaeai_desktop.services.progress import survey_collect
from sasaeai_desktop.services.progress import survey_forms
from sasaeai_desktop.services.progress import survey_plan
from sasaeai_desktop.services.progress import survey_report


def _first(ctx):  # type: ignore[no-untyped-def]
    with ctx.uow() as uow:
        return municipalities.insurers(uow)[:6]


def test_save_validates_and_copies_last_year(nagano) -> None:  # type: ignore[no-untyped-def]
    (mid, _code, _name), *_ = _first(nagano)
    with pytest.raises(ValidationError) as err:
        status.save_status(nagano.uow(), mid, 2024, {"sc2_placed_areas": 5, "sc2_total_areas": 3, "stage": 4})
    assert set(err.value.fields) == {"sc2_placed_areas", "stage"}
    saved = status.save_status(nagano.uow(), mid, 2024, {"sc1_placed": True, "stage": 2, "sc2_placed_areas": 1,
                                                         "sc2_total_areas": 3})
    assert saved.values["stage"] == 2
    new = status.get_status(nagano.uow(), mid, 2025)
    assert new.id is None and new.copied_from_year == 2024 and new.values["sc1_placed"] is True
    assert status.start_fiscal_year(nagano.uow(), 2025) == 1
    assert status.start_fiscal_year(nagano.uow(), 2025) == 0
    status.save_status(nagano.uow(), mid, 2025, {"stage": 3})
    hist = status.history(nagano.uow(), mid)
    assert [(h.fiscal_year, h.values["stage"]) for h in hist] == [(2024, 2), (2025, 3)]


def test_duplicate_rows_are_folded_on_save(nagano) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import func
    from sqlalchemy import insert
    from sqlalchemy import select

    from sasaeai_desktop.db import models as m

    (mid, _c, _n), *_ = _first(nagano)
    with nagano.uow() as uow:  # two laptops created the same 年度
        uow.session.execute(insert(m.MunicipalityStatus), [
            {"municipality_id": mid, "fiscal_year": 2025, "stage": 1},
            {"municipality_id": mid, "fiscal_year": 2025, "stage": 2}])
        uow.commit()
    status.save_status(nagano.uow(), mid, 2025, {"issues": "担い手"})
    with nagano.uow() as uow:
        ms = m.MunicipalityStatus
        live = uow.session.scalar(select(func.count(ms.id)).where(ms.municipality_id == mid, ms.deleted.is_(False)))
    assert live == 1


def test_regions_one_per_kind_and_grouping(nagano) -> None:  # type: ignore[no-untyped-def]
    munis = _first(nagano)
    kind = regions.find_kind(nagano.uow(), "ブロック")
    a = regions.create_region(nagano.uow(), kind.id, "北")
    b = regions.create_region(nagano.uow(), kind.id, "南")
    regions.set_region(nagano.uow(), munis[0][0], kind.id, a.id)
    regions.set_region(nagano.uow(), munis[0][0], kind.id, b.id)  # moves, never two
    regions.set_region(nagano.uow(), munis[1][0], kind.id, a.id)
    groups = regions.group_municipalities(nagano.uow(), kind.id, [x[0] for x in munis])
    assert [(g.name, len(g.municipality_ids)) for g in groups] == [("北", 1), ("南", 1), (regions.UNASSIGNED, 4)]
    with pytest.raises(UserError):
        regions.find_kind(nagano.uow(), "ない種類")


def test_compiled_table_files(nagano, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from sasaeai_desktop.io.excel.status_table import write_status_table
    from sasaeai_desktop.io.pdf.status_table import write_status_table_pdf

    mid = _first(nagano)[0][0]
    status.save_status(nagano.uow(), mid, 2025, {"sc1_placed": True, "sc1_entrusted_to": "社協", "tsusho_b": True,
                                                 "tsusho_b_note": "通いの場", "stage": 2})
    table = status.compiled_table(nagano.uow(), 2025, group_by="ブロック")
    assert table.row_count == 77
    write_status_table(tmp_path / "t.xlsx", table)
    ws = load_workbook(tmp_path / "t.xlsx")["取組状況"]
    assert ws.print_title_rows == "$3:$4"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
    assert "C3:D3" in {str(r) for r in ws.merged_cells.ranges}  # 生活支援コーディネーター over 第1層/第2層
    texts = [c.value for row in ws.iter_rows(min_row=5) for c in row if c.value]
    assert any("社協に委託" in str(t) for t in texts) and "通いの場" in texts
    assert write_status_table_pdf(tmp_path / "t.pdf", table) >= 1


def _set_answer(path: Path, key: str, value: object) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    for row in wb["調査票"].iter_rows(min_row=1):
        if row[0].value == key:
            row[3].value = value
    wb.save(path)


def test_survey_round_trip(nagano, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    munis = _first(nagano)
    for mid, *_ in munis:
        status.save_status(nagano.uow(), mid, 2025, {"sc1_placed": False, "stage": 1, "sc2_total_areas": 4,
                                                     "sc2_placed_areas": 0})
    out = tmp_path / "sv"
    made = survey_forms.make_surveys(nagano.uow(), 2025, out, municipality_ids=[x[0] for x in munis])
    assert made.files == 6
    files = sorted(out.glob("*.xlsx"))
    wb = load_workbook(files[0])
    assert wb["_sasaeai"].sheet_state == "veryHidden" and wb["調査票"].protection.sheet
    form = wb["調査票"]
    answers = [r[3] for r in form.iter_rows(min_row=9) if r[0].value in status.FIELD_BY_KEY]
    assert len(answers) == len(status.FIELDS) and not any(c.protection.locked for c in answers)  # only answers open
    assert all(r[2].protection.locked for r in form.iter_rows(min_row=4, max_row=40))
    dates = [c for c in answers if status.FIELD_BY_KEY[form.cell(c.row, 1).value].kind == "date"]
    assert dates and all(c.number_format == "yyyy/mm/dd" for c in dates)
    assert all(c.number_format == "General" for c in answers if c not in dates)
    assert wb["調査票"].data_validations.dataValidation
    # 0: clean edit in a renamed file with rows inserted and a typed choice
    wb["調査票"].insert_rows(12, 2)
    wb.save(files[0])
    _set_answer(files[0], "sc1_placed", "有")
    _set_answer(files[0], "stage", "2")
    files[0].rename(out / "返送_renamed.xlsx")
    # 1: a formula; 2: another 年度; 3: hidden sheet deleted; 4: filled twice, differently
    _set_answer(files[1], "sc2_placed_areas", "=1+1")
    wb = load_workbook(files[2])
    wb["_sasaeai"]["B5"] = "2024"
    wb.save(files[2])
    wb = load_workbook(files[3])
    del wb["_sasaeai"]
    wb.save(files[3])
    _set_answer(files[3], "issues", "移動支援")
    _set_answer(files[4], "strengths", "A")
    (out / "dup.xlsx").write_bytes(files[4].read_bytes())
    _set_answer(out / "dup.xlsx", "strengths", "B")
    # 5: made from data that changed since
    status.save_status(nagano.uow(), munis[5][0], 2025, {"stage": 3})
    _set_answer(files[5], "stage", "② ニーズと担い手の掘り起こし")
    _set_answer(files[5], "issues", "新しい課題")

    plan = survey_collect.collect(nagano.uow(), 2025, out)
    kinds = {(r.code, c.key): c.kind for r in plan.returns for c in r.changes}
    assert kinds[(munis[0][1], "sc1_placed")] == "clean" and kinds[(munis[0][1], "stage")] == "clean"
    assert kinds[(munis[3][1], "issues")] == "unverified"
    assert kinds[(munis[4][1], "strengths")] == "disagree"
    assert kinds[(munis[5][1], "stage")] == "conflict" and kinds[(munis[5][1], "issues")] == "clean"
    messages = " ".join(p.text() for p in plan.problems)
    assert "数式" in messages and "2024年度" in messages
    assert not any(r.code == munis[2][1] for r in plan.returns)

    survey_report.write_error_workbook(plan, out / "_errors.xlsx")
    ewb = load_workbook(out / "_errors.xlsx")
    assert "問題一覧" in ewb.sheetnames and len(ewb.sheetnames) >= 2

    result = survey_apply.apply_plan(nagano.uow(), plan, survey_apply.default_decision())
    assert result.fields >= 3 and any("作成後にデータが変更" in s for s in result.skipped)
    assert status.get_status(nagano.uow(), munis[0][0], 2025).values["stage"] == 2
    assert status.get_status(nagano.uow(), munis[5][0], 2025).values["stage"] == 3  # conflict kept
    assert status.get_status(nagano.uow(), munis[3][0], 2025).values["issues"] == ""  # unverified kept
    # collecting again changes nothing more
    again = survey_collect.collect(nagano.uow(), 2025, out)
    assert all(c.kind != "clean" for r in again.returns for c in r.changes)


def _strip_ident(path: Path, code: object, name: object) -> None:
    """A return whose hidden sheet was deleted, with the code and name cells as given."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    del wb["_sasaeai"]
    ws = wb["調査票"]
    ws["D4"], ws["D5"] = code, name
    wb.save(path)


def test_collect_without_hidden_sheet_matches_or_asks(nagano, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    munis = _first(nagano)
    out = tmp_path / "sv"
    survey_forms.make_surveys(nagano.uow(), 2025, out, municipality_ids=[x[0] for x in munis[:4]])
    files = sorted(out.glob("*.xlsx"))
    (a, b, c, d) = munis[:4]
    _strip_ident(files[0], None, f"長野県 {a[2]}")  # no code, the name written another way
    _strip_ident(files[1], b[1], c[2])  # the code of one, the name of another
    _strip_ident(files[2], None, c[2][:-1] + "子市")  # a mistyped name, no code
    _strip_ident(files[3], int(d[1]), None)  # the code as a number, no name
    for f in files:
        _set_answer(f, "issues", f"課題 {f.name[:5]}")

    plan = survey_collect.collect(nagano.uow(), 2025, out)
    by_code = {r.code: r for r in plan.returns}
    assert by_code[a[1]].matched_by == "市町村名" and by_code[d[1]].matched_by == "市町村コード"
    assert {u.file for u in plan.unmatched} == {files[1].name, files[2].name}
    clash = next(u for u in plan.unmatched if u.file == files[1].name)
    assert [x[0] for x in clash.candidates] == [b[0], c[0]] and "別の市町村" in clash.reason
    typo = next(u for u in plan.unmatched if u.file == files[2].name)
    assert c[0] in [x[0] for x in typo.candidates]
    assert b[1] not in by_code and c[1] not in by_code  # nothing taken from an unmatched return
    asked = [p for p in plan.problems if p.key == survey_plan.MATCH_KEY]
    assert {p.file for p in asked} == {files[1].name, files[2].name} and "--assign" in asked[0].message
    assert any("--assign" in line for line in survey_report.plan_lines(plan))
    # even "accept everything" leaves the unmatched returns alone
    first = survey_apply.apply_plan(nagano.uow(), plan, survey_apply.default_decision(overwrite=True))
    assert first.municipalities == 2  # a and d
    assert status.get_status(nagano.uow(), b[0], 2025).id is None  # nothing saved for b

    # the user says whose they are: in the GUI one at a time, from the command line all at once
    plan = survey_collect.assign_return(nagano.uow(), plan, files[1].name, b[0])
    r = next(r for r in plan.returns if r.municipality_id == b[0])
    assert r.matched_by == "指定" and {ch.kind for ch in r.changes} == {"unverified"}
    assert files[1].name not in {u.file for u in plan.unmatched}
    assert not any(p.file == files[1].name and p.key == survey_plan.MATCH_KEY for p in plan.problems)
    with pytest.raises(UserError):
        survey_collect.assign_return(nagano.uow(), plan, files[1].name, c[0])  # no longer unmatched
    survey_forms.make_surveys(nagano.uow(), 2025, tmp_path / "fresh", municipality_ids=[d[0]])
    (out / "with_sheet.xlsx").write_bytes(next((tmp_path / "fresh").glob("*.xlsx")).read_bytes())
    again = survey_collect.collect(nagano.uow(), 2025, out,
                           assign={files[1].name: b[1], files[2].name: c[2], "with_sheet.xlsx": a[1]})
    assert not again.unmatched and {b[1], c[1]} <= {r.code for r in again.returns}
    assert any("with_sheet.xlsx" in n and f"{d[2]}として読みました" in n for n in again.notes)  # the sheet wins
    (out / "with_sheet.xlsx").unlink()
    with pytest.raises(UserError, match="ありません"):
        survey_collect.collect(nagano.uow(), 2025, out, assign={"nothing.xlsx": b[1]})
    with pytest.raises(UserError, match="分かりません"):
        survey_collect.collect(nagano.uow(), 2025, out, assign={files[2].name: "どこにもない村"})
    result = survey_apply.apply_plan(nagano.uow(), again, survey_apply.default_decision(overwrite=True))
    assert result.municipalities == 2  # b and c (a and d were applied above)
    assert status.get_status(nagano.uow(), c[0], 2025).values["issues"] == f"課題 {files[2].name[:5]}"
    # Next week the same files are still in the folder: whose they are was remembered.
    later = survey_collect.collect(nagano.uow(), 2025, out)
    assert not later.unmatched and {b[1], c[1]} <= {code for code, _n in later.unchanged}
    _set_answer(files[2], "issues", "書き直した")  # saved again: new content, asked again
    assert [u.file for u in survey_collect.collect(nagano.uow(), 2025, out).unmatched] == [files[2].name]


def test_progress_dashboard_and_pdf(nagano, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sasaeai_desktop.io.pdf.dashboard import write_dashboard_pdf

    munis = _first(nagano)
    for fy in (2023, 2024, 2025):
        for i, (mid, *_r) in enumerate(munis):
            status.save_status(nagano.uow(), mid, fy, {"sc1_placed": i < 3 or fy == 2025, "stage": 1,
                                                       "sc2_placed_areas": 0, "sc2_total_areas": 2})
    d = progress.progress_dashboard(nagano.uow(), 2025, group_by="ブロック", today=dt.date(2025, 10, 1))
    sc1 = next(f for f in d.indicators if f.key == "sc1")
    assert (sc1.count, sc1.previous, sc1.change) == (6, 3, 3)
    assert d.stages[1] == 6 and d.stages[progress.NO_STAGE] == 77 - 6
    assert len(d.unmoved) == 3  # sc1 moved for the other three
    assert len(d.not_visited) == 77 and len(d.no_training) == 77
    assert write_dashboard_pdf(tmp_path / "d.pdf", d, prefecture="長野県") == 1


def test_region_kinds_and_regions_edited(nagano) -> None:  # type: ignore[no-untyped-def]
    munis = _first(nagano)
    ids = [x[0] for x in munis]
    before = [k.name for k in regions.list_kinds(nagano.uow())]  # the defaults made by init
    kind = regions.create_kind(nagano.uow(), "広域")
    east = regions.create_region(nagano.uow(), kind.id, "東信")
    north = regions.create_region(nagano.uow(), kind.id, "北信")
    assert regions.assign(nagano.uow(), kind.id, east.id, ids[:4] + ids[:1]) == 4  # a repeat counts once
    assert regions.assign(nagano.uow(), kind.id, north.id, ids[2:5]) == 3  # 2 moved (one each), 1 new
    assert regions.assign(nagano.uow(), kind.id, north.id, ids[2:5]) == 0
    assert regions.member_counts(nagano.uow(), kind.id) == {east.id: 2, north.id: 3}
    with pytest.raises(UserError):
        regions.assign(nagano.uow(), kind.id, east.id, [ids[0], "no-such-id"])
    assert regions.member_counts(nagano.uow(), kind.id)[east.id] == 2  # all or nothing

    with pytest.raises(ValidationError):
        regions.rename_region(nagano.uow(), east.id, "北信")
    assert regions.rename_region(nagano.uow(), east.id, " 東信地域 ").name == "東信地域"
    other = regions.create_kind(nagano.uow(), "圏域X")
    with pytest.raises(ValidationError):
        regions.rename_kind(nagano.uow(), kind.id, "圏域X")
    regions.rename_kind(nagano.uow(), kind.id, "広域ブロック")
    assert regions.find_kind(nagano.uow(), "広域ブロック").id == kind.id

    table = regions.membership_table(nagano.uow())
    assert [k.name for k in table.kinds] == [*before, "広域ブロック", "圏域X"] and len(table.municipalities) == 77
    assert table.cells[(ids[0], kind.id)] == east.id and (ids[0], other.id) not in table.cells

    assert regions.delete_region(nagano.uow(), east.id) == 2
    assert [r.name for r in regions.list_regions(nagano.uow(), kind.id)] == ["北信"]
    groups = regions.group_municipalities(nagano.uow(), kind.id, ids)
    assert [(g.name, len(g.municipality_ids)) for g in groups] == [("北信", 3), (regions.UNASSIGNED, 3)]
    regions.create_region(nagano.uow(), kind.id, "東信地域")  # the name is free again
    assert regions.delete_kind(nagano.uow(), kind.id) == 3
    assert [k.name for k in regions.list_kinds(nagano.uow())] == [*before, "圏域X"]
    with pytest.raises(UserError):
        regions.find_kind(nagano.uow(), "広域ブロック")


def test_region_memberships_excel_round_trip(nagano, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook
    from openpyxl import load_workbook

    from sasaeai_desktop.services.progress import region_sheet

    munis = _first(nagano)
    kind = regions.find_kind(nagano.uow(), "ブロック")
    north = regions.create_region(nagano.uow(), kind.id, "北")
    regions.assign(nagano.uow(), kind.id, north.id, [x[0] for x in munis[:3]])
    out = tmp_path / "regions.xlsx"
    assert region_sheet.write_membership_sheet(nagano.uow(), out) == 77
    again = region_sheet.plan_membership_import(nagano.uow(), out)
    assert not again.changes and not again.problems and again.unchanged == 3  # our own export: nothing to do

    wb = load_workbook(out)
    ws = wb.active
    head = next(r for r in range(1, 6) if ws.cell(r, 1).value == "コード")
    col = {ws.cell(head, c).value: c for c in range(1, ws.max_column + 1)}
    ws.cell(head, ws.max_column + 1, "広域圏")  # a new kind
    new_col = ws.max_column
    ws.cell(head + 1, col["ブロック"], "南")  # a new region, moving 長野市
    ws.cell(head + 2, col["ブロック"]).value = None  # blank: 松本市 stays in 北
    ws.cell(head + 3, col["ブロック"], "（圏域未設定）")  # 上田市 taken out
    ws.cell(head + 1, new_col, "東信")
    ws.cell(head + 4, 1).value = None
    ws.cell(head + 4, 2, "岡谷士")  # typo and no code: a problem, nothing written
    wb.save(out)
    plan = region_sheet.plan_membership_import(nagano.uow(), out)
    assert plan.new_kinds == ["広域圏"] and plan.new_regions == {"ブロック": ["南"], "広域圏": ["東信"]}
    assert len(plan.problems) == 1 and "B" in plan.problems[0] and "岡谷士" in plan.problems[0]
    with pytest.raises(UserError):
        region_sheet.apply_membership_import(nagano.uow(), plan)
    assert [k.name for k in regions.list_kinds(nagano.uow())][-1] != "広域圏"  # nothing written
    wb = load_workbook(out)
    wb.active.cell(head + 4, 2, "長野県 岡谷市")  # by name alone (no code), written another way
    wb.save(out)
    plan = region_sheet.plan_membership_import(nagano.uow(), out)
    assert not plan.problems and {(c.municipality, c.kind, c.before, c.after) for c in plan.changes} == {
        (munis[0][2], "ブロック", "北", "南"), (munis[2][2], "ブロック", "北", ""), (munis[0][2], "広域圏", "", "東信")}
    assert region_sheet.apply_membership_import(nagano.uow(), plan) == 3
    table = regions.membership_table(nagano.uow())
    names = {r.id: r.name for rs in table.regions.values() for r in rs}
    wide = regions.find_kind(nagano.uow(), "広域圏")
    assert names[table.cells[(munis[0][0], kind.id)]] == "南" and names[table.cells[(munis[0][0], wide.id)]] == "東信"
    assert names[table.cells[(munis[1][0], kind.id)]] == "北" and (munis[2][0], kind.id) not in table.cells

    # a sheet a prefecture already keeps: a title row, names only, full-width spaces
    own = Workbook()
    own.active.append(["令和7年度 圏域一覧"])
    own.active.append(["市町村名", "保健所圏域"])
    own.active.append(["長野県　松本市", "松本圏域"])
    own.save(tmp_path / "own.xlsx")
    plan = region_sheet.plan_membership_import(nagano.uow(), tmp_path / "own.xlsx")
    assert not plan.problems and plan.new_regions == {"保健所圏域": ["松本圏域"]} and len(plan.changes) == 1
    own.active.append(["松本市", "中信圏域"])  # the same municipality twice
    own.save(tmp_path / "own.xlsx")
    plan = region_sheet.plan_membership_import(nagano.uow(), tmp_path / "own.xlsx")
    assert plan.problems == ["Sheet!4行目 — 松本市は3行目にもあります"]


def test_collect_reads_months_and_stays_quiet_about_what_is_stored(nagano, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b, c, *_ = _first(nagano)
    status.save_status(nagano.uow(), a[0], 2025, {"tsusho_a": True, "tsusho_a_note": "ミニデイ（緩和した基準）"})
    out = tmp_path / "sv"
    survey_forms.make_surveys(nagano.uow(), 2025, out, municipality_ids=[a[0], b[0]])
    fa, fb = sorted(out.glob("*.xlsx"))
    _set_answer(fa, "transition_date", "H29.4")  # a month, as municipalities answer 移行時期
    _set_answer(fa, "sc1_since", "平成27年10月")
    _set_answer(fa, "tsusho_a_note", "ミニデイ（緩和した基準）")  # typed again 全角: as stored, no change
    from openpyxl import load_workbook

    wb = load_workbook(fb)
    wb["調査票"]["D4"].value = c[1]  # another town wrote its code over b's form
    wb.save(fb)
    plan = survey_collect.collect(nagano.uow(), 2025, out)
    (r,) = plan.returns
    assert {ch.key: ch.returned for ch in r.changes} == {"transition_date": dt.date(2017, 4, 1),
                                                          "sc1_since": dt.date(2015, 10, 1)}
    (p,) = plan.problems
    assert p.file == fb.name and f"{c[1]}（{c[2]}）" in p.message
    survey_apply.apply_plan(nagano.uow(), plan, survey_apply.default_decision())
    again = survey_collect.collect(nagano.uow(), 2025, out)  # the same folder a week later
    assert not again.returns and again.unchanged == [(a[1], a[2])]
    assert f"■ 変更のない回答: {a[2]}" in survey_report.plan_lines(again)
    _set_answer(fa, "transition_date", "H29.13")
    bad = survey_collect.collect(nagano.uow(), 2025, out)
    assert any(p.key == "transition_date" and "H29.13" in p.message for p in bad.problems)
