"""Issue 16 item 4: the dry run finds what the real run refuses, and both exit 2.

A return saying 第2層SCを配置した圏域数 5 of 日常生活圏域 3 passed ``survey collect --dry-run``
(exit 0) and was refused only when applied — and that run exited 0 too.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.progress import status
from sasaeai_desktop.services.progress import survey_apply
from sasaeai_desktop.services.progress import survey_collect
from sasaeai_desktop.services.progress import survey_forms
from tests.cli_runner import CliRunner


def _set_answer(path: Path, key: str, value: object) -> str:
    """Write an answer into the return; the cell's address (D12 …)."""
    wb = load_workbook(path)
    where = ""
    for row in wb["調査票"].iter_rows(min_row=1):
        if row[0].value == key:
            row[3].value = value
            where = row[3].coordinate
    wb.save(path)
    return where


def _returns(ctx, tmp_path: Path) -> tuple[list[tuple[str, str, str]], Path, list[Path]]:
    with ctx.uow() as uow:
        munis = municipalities.insurers(uow)[:2]
    for mid, *_ in munis:
        status.save_status(ctx.uow(), mid, 2025, {"sc2_total_areas": 3, "sc2_placed_areas": 1})
    out = tmp_path / "sv"
    survey_forms.make_surveys(ctx.uow(), 2025, out, municipality_ids=[x[0] for x in munis])
    return munis, out, sorted(out.glob("*.xlsx"))


def test_a_return_the_real_run_refuses_is_refused_by_the_dry_run_with_its_file_and_cell(sasaeai: CliRunner, nagano,
                                                                                          tmp_path: Path) -> None:
    munis, out, (bad, good) = _returns(nagano, tmp_path)
    cell = _set_answer(bad, "sc2_placed_areas", 5)  # of 3 日常生活圏域
    _set_answer(bad, "issues", "移動支援")
    _set_answer(good, "issues", "担い手不足")

    plan = survey_collect.collect(nagano.uow(), 2025, out)
    (p,) = plan.problems
    assert p.where() == f"{bad.name}!{cell}"
    assert "第2層SCを配置した圏域数（5）が日常生活圏域の数（3）を超えています" in p.message
    # the refused pair is not offered for applying; the return's other answers are
    changes = {(r.code, c.key) for r in plan.returns for c in r.changes}
    assert (munis[0][1], "sc2_placed_areas") not in changes and (munis[0][1], "issues") in changes
    assert plan.marks[bad.name] == [p]  # the error workbook marks the cell

    nagano.close()
    db = str(nagano.db_path)
    args = ["--db", db, "survey", "collect", str(out), "--fiscal-year", "2025"]
    done = sasaeai.inside(*args, "--dry-run")
    assert done.returncode == 2
    assert f"{bad.name}!{cell} — 第2層SCを配置した圏域数（5）が日常生活圏域の数（3）を超えています" in done.stderr

    done = sasaeai.inside(*args, "--accept-all")
    assert done.returncode == 2
    assert f"{bad.name}!{cell}" in done.stderr
    after = {mid: status.get_status(nagano.uow(), mid, 2025).values for mid, *_ in munis}
    assert after[munis[0][0]]["sc2_placed_areas"] == 1  # refused, as the dry run said
    assert after[munis[0][0]]["issues"] == "移動支援" and after[munis[1][0]]["issues"] == "担い手不足"


def test_clean_returns_still_exit_0(sasaeai: CliRunner, nagano, tmp_path: Path) -> None:
    _munis, out, (a, b) = _returns(nagano, tmp_path)
    _set_answer(a, "sc2_placed_areas", 3)  # all 3 圏域: allowed
    nagano.close()
    args = ["--db", str(nagano.db_path), "survey", "collect", str(out), "--fiscal-year", "2025"]
    assert sasaeai.inside(*args, "--dry-run").returncode == 0
    assert sasaeai.inside(*args, "--accept-all").returncode == 0


def test_two_returns_right_alone_and_wrong_together_are_refused_by_the_dry_run(sasaeai: CliRunner, nagano,
                                                                                tmp_path: Path) -> None:
    """One file says 3 圏域 have a 第2層SC (of 3: fine), another that there are 2 圏域 (1 of 2:
    fine): applied together, 3 of 2 — the dry run says so before anything is applied."""
    munis, out, (a, _b) = _returns(nagano, tmp_path)
    twin = out / "copy.xlsx"
    twin.write_bytes(a.read_bytes())
    cell = _set_answer(a, "sc2_placed_areas", 3)
    _set_answer(twin, "sc2_total_areas", 2)
    plan = survey_collect.collect(nagano.uow(), 2025, out)
    (p,) = plan.problems
    assert p.where() == f"{a.name}!{cell}" and "（3）が日常生活圏域の数（2）を超えています" in p.message
    nagano.close()
    args = ["--db", str(nagano.db_path), "survey", "collect", str(out), "--fiscal-year", "2025"]
    assert sasaeai.inside(*args, "--dry-run").returncode == 2
    assert sasaeai.inside(*args, "--accept-all").returncode == 2
    assert status.get_status(nagano.uow(), munis[0][0], 2025).values["sc2_placed_areas"] == 1


def test_a_choice_refused_at_apply_names_file_and_cell(nagano, tmp_path: Path) -> None:
    """In the window the user may pick values the preview did not offer together: refused with the cell."""
    munis, out, (a, _b) = _returns(nagano, tmp_path)
    cell = _set_answer(a, "sc2_placed_areas", 2)
    plan = survey_collect.collect(nagano.uow(), 2025, out)
    assert not plan.problems
    status.save_status(nagano.uow(), munis[0][0], 2025, {"sc2_total_areas": 1, "sc2_placed_areas": 1})  # changed since
    result = survey_apply.apply_plan(nagano.uow(), plan, lambda r, c: c.returned)
    assert len(result.problems) == 1 and f"{a.name}!{cell}" in result.problems[0] and "超えています" in result.problems[0]
    assert status.get_status(nagano.uow(), munis[0][0], 2025).values["sc2_placed_areas"] == 1
