"""A roster as prefectures keep it imports without editing, and the roster services agree with it.

The file has what real ones have: a merged title row and a date line above the header, 全角
digits, consent columns written 可/否 and ○/× (blank = not recorded), a 所属 cell merged down over
two advisors, several municipalities in one cell, and a ※ note under the data.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.io.excel.reader import fill_merged_down
from sasaeai_desktop.services import exports
from sasaeai_desktop.services import listing
from sasaeai_desktop.services.advisors import handout as advisor_handout
from sasaeai_desktop.services.advisors import roster as advisors
from sasaeai_desktop.services.advisors.roster import AssignmentData
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import planning

HEADER = ["No.", "氏名", "ふりがな", "所属法人等の名称", "日頃の活動分野", "電話番号", "電話番号の掲載", "メールアドレス",
          "メール掲載", "担当市町村"]
ROWS = [
    ["１", "髙橋　﨑子", "タカハシ　サキコ", "長野県社会福祉協議会", "協議体の立ち上げ、居場所づくり", "０２６－２２８－４２４４", "可",
     "ｓａｋｉｋｏ＠ｅｘａｍｐｌｅ．ｊｐ", "○", "松本市、塩尻市"],
    ["２", "青木 一郎", "あおき いちろう", None, "移動支援", "026-111-1111", "否", "aoki@example.jp", "×", "北佐久郡軽井沢町"],
    ["３", "井上 二郎", "いのうえ じろう", "NPO法人 ながの支え合いネット", "見守り\n住民主体の見守り活動を支援", "０９０（１２３４）５６７８",
     None, "inoue@example.jp", None, None],
]


def roster_file(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "アドバイザー名簿"
    ws["A1"] = "令和7年度　長野県生活支援体制整備事業　アドバイザー名簿"
    ws.merge_cells("A1:J1")
    ws["A2"] = "令和７年４月１日現在"
    ws.merge_cells("A2:J2")
    ws.append([])
    ws.append(HEADER)
    for row in ROWS:
        ws.append(row)
    ws.merge_cells("D5:D6")  # 髙橋 and 青木 share one 所属 cell
    ws.append([])
    ws.append(["※連絡先は、ご本人の同意を得たものに限り掲載しています。"])
    ws.merge_cells("A9:J9")
    wb.save(path)
    return path


def by_name(ctx) -> dict[str, advisors.AdvisorData]:
    ids = listing.fetch_page(ctx.uow(), "advisors", listing.PageRequest(limit=100)).ids
    return {d.name: d for d in (advisors.get(ctx.uow(), i) for i in ids)}


def test_a_real_roster_imports_without_editing(nagano, tmp_path: Path) -> None:
    ctx = nagano
    plan = planning.plan_import(ctx.uow(), "advisors", roster_file(tmp_path / "roster.xlsx"))
    assert plan.problems == [] and plan.counts["create"] == 3
    applying.apply_import(ctx.uow(), plan)

    got = by_name(ctx)
    takahashi, aoki, inoue = got["髙橋 﨑子"], got["青木 一郎"], got["井上 二郎"]
    assert (takahashi.kana, takahashi.phone, takahashi.email) == ("たかはし さきこ", "026-228-4244", "sakiko@example.jp")
    assert (takahashi.publish_phone, takahashi.publish_email) == (True, True)  # 可 / ○
    assert (aoki.publish_phone, aoki.publish_email) == (False, False)  # 否 / ×
    assert (inoue.publish_phone, inoue.publish_email) == (None, None)  # blank: not recorded
    assert aoki.affiliation == "長野県社会福祉協議会"  # from the merged cell
    assert inoue.activity_text == "見守り\n住民主体の見守り活動を支援"
    fields = {f.id: f.name for f in advisors.list_fields(ctx.uow())}
    assert [fields[f] for f in takahashi.field_ids] == ["協議体の立ち上げ", "居場所づくり"]
    assert [a.municipality for a in takahashi.assignments] == ["松本市", "塩尻市"]
    assert [a.municipality for a in aoki.assignments] == ["軽井沢町"]

    entries = {e.name: e for e in advisor_handout.build_handout(ctx.uow()).entries()}
    assert (entries["髙橋 﨑子"].phone, entries["髙橋 﨑子"].email) == ("026-228-4244", "sakiko@example.jp")
    assert (entries["青木 一郎"].phone, entries["青木 一郎"].email) == ("", "")
    assert (entries["井上 二郎"].phone, entries["井上 二郎"].email) == ("", "")
    matrix = advisors.assignment_matrix(ctx.uow())
    covered = {mu.name for mu in matrix.municipalities if matrix.advisors_of(mu.id)}
    assert covered == {"松本市", "塩尻市", "軽井沢町"}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_imported_roster_prints_only_consented_contacts(nagano, tmp_path: Path) -> None:
    ctx = nagano
    applying.apply_import(ctx.uow(), planning.plan_import(ctx.uow(), "advisors", roster_file(tmp_path / "r.xlsx")))
    result = advisor_handout.write_handout(ctx.uow(), tmp_path / "r.pdf")
    text = "".join(subprocess.run(["pdftotext", str(result.path), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "026-228-4244" in text and "sakiko@example.jp" in text
    assert "026-111-1111" not in text and "aoki@example.jp" not in text
    assert "090(1234)5678" not in text and "inoue@example.jp" not in text


def test_form_edits_and_the_import_agree(nagano, tmp_path: Path) -> None:
    """What the form records survives re-importing the same file, and an export imports back unchanged."""
    ctx = nagano
    path = roster_file(tmp_path / "roster.xlsx")
    applying.apply_import(ctx.uow(), planning.plan_import(ctx.uow(), "advisors", path))
    takahashi = by_name(ctx)["髙橋 﨑子"]
    # The office records the roles and a new field in the form.
    roles = tuple(AssignmentData(a.municipality_id, role) for a, role in zip(takahashi.assignments, ("主担当", "副担当")))
    extra = advisors.add_field(ctx.uow(), "買い物支援")
    advisors.save(ctx.uow(), advisors.AdvisorData(**{**takahashi.__dict__, "assignments": roles,
                                                      "field_ids": (*takahashi.field_ids, extra)}))
    again = planning.plan_import(ctx.uow(), "advisors", path)
    assert again.problems == []
    row = next(r for r in again.rows if r.label.startswith("髙橋"))
    # The file names the same municipalities: nothing to change there, the roles stay.
    assert "担当市町村" not in row.changes
    applying.apply_import(ctx.uow(), again)
    after = by_name(ctx)["髙橋 﨑子"]
    assert [(a.municipality, a.role) for a in after.assignments] == [("松本市", "主担当"), ("塩尻市", "副担当")]

    out = tmp_path / "export.xlsx"
    exports.export_list(ctx.uow(), "advisors", out)
    back = planning.plan_import(ctx.uow(), "advisors", out)
    assert back.problems == [] and back.counts["update"] == 0 and back.counts["create"] == 0


def test_assignments_the_import_ends_are_ended_for_the_form_too(nagano, tmp_path: Path) -> None:
    ctx = nagano
    path = roster_file(tmp_path / "roster.xlsx")
    applying.apply_import(ctx.uow(), planning.plan_import(ctx.uow(), "advisors", path))
    # The next roster drops 塩尻市 from 髙橋 (an officer typed only 松本市).
    wb = __import__("openpyxl").load_workbook(path)
    wb.active["J5"] = "松本市"
    wb.save(path)
    applying.apply_import(ctx.uow(), planning.plan_import(ctx.uow(), "advisors", path))
    takahashi = by_name(ctx)["髙橋 﨑子"]
    assert [a.municipality for a in takahashi.assignments] == ["松本市"]
    fy = advisors.current_fiscal_year()
    with ctx.uow() as uow:
        shiojiri = uow.session.scalar(select(m.Municipality.id).where(m.Municipality.name == "塩尻市"))
        asg = m.AdvisorAssignment
        ended = uow.session.execute(
            select(asg.to_fy, asg.deleted).where(asg.advisor_id == takahashi.id, asg.municipality_id == shiojiri)
        ).all()
    assert ended == [(fy - 1, False)]  # kept as history: in charge until last 年度
    assert advisors.assignment_matrix(ctx.uow(), fiscal_year=fy).advisors_of(shiojiri) == []
    last_year = advisors.assignment_matrix(ctx.uow(), fiscal_year=fy - 1)
    assert [a.name for a, _role in last_year.advisors_of(shiojiri)] == ["髙橋 﨑子"]


def test_fill_merged_down() -> None:
    rows = [
        (4, ["1", "A", "社協", "x"]),
        (5, ["2", "B", "", "y"]),
        (6, ["", "", "", ""]),  # a spacer row inside the merged area stays blank
        (7, ["3", "C", "", "z"]),
        (8, ["4", "D", "NPO", "w", ""]),
    ]
    merged = [(4, 2, 6, 2), (8, 3, 8, 4)]  # 所属 over rows 5–7; a cell merged across two columns
    out = list(fill_merged_down(rows, merged))
    assert [cells[2] for _, cells in out] == ["社協", "社協", "", "", "NPO"]
    assert out[4][1] == ["4", "D", "NPO", "w", ""]  # merged sideways: nothing copied across
