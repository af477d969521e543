"""Issue 16 item 4 in the window: the 調査票の回収 preview shows a refused return before applying."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.progress import status
from sasaeai_desktop.services.progress import survey_collect
from sasaeai_desktop.services.progress import survey_forms


def test_preview_shows_the_refusal_before_applying(qtbot: Any, shell: Any, ctx: Any, tmp_path: Path) -> None:
    from sasaeai_desktop.gui.dialogs.survey_collect_dialog import CollectDialog

    with ctx.uow() as uow:
        (mid, _code, _name), *_ = municipalities.insurers(uow)[:1]
    status.save_status(ctx.uow(), mid, 2025, {"sc2_total_areas": 3, "sc2_placed_areas": 1})
    out = tmp_path / "sv"
    survey_forms.make_surveys(ctx.uow(), 2025, out, municipality_ids=[mid])
    (path,) = sorted(out.glob("*.xlsx"))
    wb = load_workbook(path)
    for row in wb["調査票"].iter_rows():
        if row[0].value == "sc2_placed_areas":
            row[3].value = 5
            cell = row[3].coordinate
        if row[0].value == "issues":
            row[3].value = "移動支援"
    wb.save(path)

    dialog = CollectDialog(shell, survey_collect.collect(ctx.uow(), 2025, out))
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    assert not dialog.problems_box.isHidden()
    texts = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert texts == [f"{path.name}!{cell} — 第2層SCを配置した圏域数（5）が日常生活圏域の数（3）を超えています。"
                     "この回答の「第2層SCを配置した圏域数」「日常生活圏域の数」は反映しません。"]
    dialog.grab().save(str(tmp_path / "collect_refused.png"))
    dialog.apply()
    assert not dialog.result_.problems  # nothing refused after the preview said what it leaves out
    values = status.get_status(ctx.uow(), mid, 2025).values
    assert (values["sc2_placed_areas"], values["issues"]) == (1, "移動支援")
