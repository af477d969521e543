"""The progress dashboard, the status editor and the collect preview, offscreen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.progress import status
from sasaeai_desktop.services.progress import survey_collect
from sasaeai_desktop.services.progress import survey_forms


def _seed(ctx: Any) -> list[tuple[str, str, str]]:
    with ctx.uow() as uow:
        munis = municipalities.insurers(uow)[:5]
    for fy in (2024, 2025):
        for i, (mid, *_r) in enumerate(munis):
            status.save_status(ctx.uow(), mid, fy, {"sc1_placed": i < 2 or fy == 2025, "stage": 1 + (fy == 2025),
                                                    "sc2_total_areas": 3, "sc2_placed_areas": 1})
    return munis


def test_dashboard_shows_progress_and_keeps_tiles(qtbot: Any, shell: Any, ctx: Any, tmp_path: Path) -> None:
    from sasaeai_desktop.gui.pages.progress_dashboard import ProgressDashboardPage

    _seed(ctx)
    page = ProgressDashboardPage(shell)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.reload()
    assert page.tiles["municipalities"].number_label.text() == "77"
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    d = page.progress_data
    assert d is not None and d.fiscal_year == 2025
    sc1 = next(f for f in d.indicators if f.key == "sc1")
    assert (sc1.count, sc1.change) == (5, 3)
    assert page.bars.series and page.donut.items[1][1] == 5
    from PySide6.QtWidgets import QLabel

    figures = [w.text() for w in page.figures.findChildren(QLabel)]
    assert "<b>5</b> / 77（6%）" in figures and any("+3" in t for t in figures)  # sc1: 5 placed, 3 more
    assert page.follow_tables["not_visited"].rowCount() == 77
    assert page.region_table.rowCount() >= 1
    page.grab().save(str(tmp_path / "dash.png"))


def test_status_dialog_validates_and_saves(qtbot: Any, shell: Any, ctx: Any) -> None:
    from sasaeai_desktop.gui.dialogs.status_dialog import StatusDialog

    munis = _seed(ctx)
    dialog = StatusDialog(shell, munis[0][0], 2026)
    qtbot.addWidget(dialog)
    # the frame comes from ui/status_dialog.ui, the fields (one group per status group) are added into it
    assert dialog.ui.historyTable is dialog.history and dialog.ui.pageTitle.text().endswith(f"（{munis[0][1]}）")
    assert dialog.ui.formLayout.count() == len(status.GROUPS) + 1  # + the stretch
    assert all(dialog.ui.formHost.isAncestorOf(w) for w in dialog.widgets.values())
    assert "2025年度の内容を写しています" in dialog.note_label.text()
    assert dialog.history.rowCount() == 2
    dialog.widgets["sc2_placed_areas"].setValue(9)  # more than the 3 areas
    dialog.save()
    assert not dialog.error_label.isHidden() and "超えています" in dialog.error_label.text()
    dialog.widgets["sc2_placed_areas"].setValue(3)
    dialog.save()
    assert dialog.saved_id is not None
    assert status.get_status(ctx.uow(), munis[0][0], 2026).values["sc2_placed_areas"] == 3


def test_collect_dialog_applies_only_ticked(qtbot: Any, shell: Any, ctx: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from PySide6.QtCore import Qt

    from sasaeai_desktop.gui.dialogs.survey_collect_dialog import CollectDialog

    munis = _seed(ctx)
    out = tmp_path / "sv"
    survey_forms.make_surveys(ctx.uow(), 2025, out, municipality_ids=[m[0] for m in munis[:2]])
    for path, text in zip(sorted(out.glob("*.xlsx")), ("課題A", "課題B")):
        wb = load_workbook(path)
        for row in wb["調査票"].iter_rows():
            if row[0].value == "issues":
                row[3].value = text
        wb.save(path)
    plan = survey_collect.collect(ctx.uow(), 2025, out)
    dialog = CollectDialog(shell, plan)
    qtbot.addWidget(dialog)
    assert len(dialog.items) == 2 and all(i.checkState(0) == Qt.CheckState.Checked for i, *_r in dialog.items)
    dialog.items[1][0].setCheckState(0, Qt.CheckState.Unchecked)
    dialog.apply()
    assert status.get_status(ctx.uow(), munis[0][0], 2025).values["issues"] == "課題A"
    assert status.get_status(ctx.uow(), munis[1][0], 2025).values["issues"] == ""


def test_municipalities_page_has_status_button(qtbot: Any, shell: Any) -> None:
    from sasaeai_desktop.gui.pages.catalog import page_specs

    spec = next(s for s in page_specs() if s.key == "municipalities")
    page = spec.factory(shell)
    qtbot.addWidget(page)
    assert page.status_button.text() == "取組状況…"


def test_collect_dialog_asks_whose_return(qtbot: Any, shell: Any, ctx: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from PySide6.QtCore import Qt

    from sasaeai_desktop.gui.dialogs.survey_collect_dialog import CollectDialog

    munis = _seed(ctx)
    out = tmp_path / "sv"
    survey_forms.make_surveys(ctx.uow(), 2025, out, municipality_ids=[m[0] for m in munis[:2]])
    path = sorted(out.glob("*.xlsx"))[0]
    wb = load_workbook(path)
    del wb["_sasaeai"]
    ws = wb["調査票"]
    ws["D4"], ws["D5"] = munis[0][1], munis[1][2]  # the code of one, the name of the other
    for row in ws.iter_rows():
        if row[0].value == "issues":
            row[3].value = "担い手不足"
    wb.save(path)
    dialog = CollectDialog(shell, survey_collect.collect(ctx.uow(), 2025, out))
    qtbot.addWidget(dialog)
    dialog.resize(1000, 600)
    dialog.show()
    combo = dialog.unmatched_combos[path.name]
    assert not dialog.unmatched_box.isHidden() and not dialog.items
    assert not dialog.apply_button.isEnabled()
    assert [combo.itemData(i) for i in (1, 2)] == [munis[0][0], munis[1][0]]  # the two it could be, first
    dialog.grab().save(str(tmp_path / "collect_ask.png"))
    combo.setCurrentIndex(2)
    dialog.unmatched_buttons[path.name].click()
    assert dialog.unmatched_box.isHidden() and path.name not in dialog.unmatched_combos
    assert dialog.problems.count() == 0 and dialog.apply_button.isEnabled()
    (item, r, c, _combo), = dialog.items
    assert (r.municipality_id, c.key, c.kind) == (munis[1][0], "issues", "unverified")
    assert item.checkState(0) == Qt.CheckState.Unchecked  # not verified: the user ticks it
    item.setCheckState(0, Qt.CheckState.Checked)
    dialog.apply()
    assert status.get_status(ctx.uow(), munis[1][0], 2025).values["issues"] == "担い手不足"
    assert status.get_status(ctx.uow(), munis[0][0], 2025).values["issues"] == ""


def test_bar_chart_makes_room_for_wrapped_names(qtbot: Any) -> None:
    from PySide6.QtGui import QColor

    from sasaeai_desktop.gui.widgets.charts import BarChart

    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(360, 300)
    chart.set_data("t", ["A", "B", "C"], [("x", QColor("blue"), [10.0, 20.0, 30.0])])
    short = chart.minimumSizeHint().height()
    chart.set_data("t", ["第2層協議体\n全圏域", "第2層SC 全圏域に配置", "C"], [("x", QColor("blue"), [10.0, 20.0, 30.0])])
    line = chart.fontMetrics().height()
    assert chart.minimumSizeHint().height() >= short + line  # at least one more line under the bars
    chart.grab()  # paints with the measured room (no exception, nothing drawn outside)


def test_collect_dialog_keeps_choices_when_a_return_is_assigned(qtbot: Any, shell: Any, ctx: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from PySide6.QtCore import Qt

    from sasaeai_desktop.gui.dialogs.survey_collect_dialog import CollectDialog

    munis = _seed(ctx)
    out = tmp_path / "sv"
    survey_forms.make_surveys(ctx.uow(), 2025, out, municipality_ids=[m[0] for m in munis[:2]])
    first, second = sorted(out.glob("*.xlsx"))

    def answer(path: Path, value: str, strip: bool = False) -> None:
        wb = load_workbook(path)
        ws = wb["調査票"]
        if strip:
            del wb["_sasaeai"]
            ws["D4"].value, ws["D5"].value = None, "どこか"
        for row in ws.iter_rows():
            if row[0].value == "strengths":
                row[3].value = value
        wb.save(path)

    (out / "copy.xlsx").write_bytes(first.read_bytes())
    answer(first, "A")
    answer(out / "copy.xlsx", "B")  # two returns of munis[0] that disagree
    answer(second, "C", strip=True)  # nobody knows whose
    dialog = CollectDialog(shell, survey_collect.collect(ctx.uow(), 2025, out))
    qtbot.addWidget(dialog)
    (item, _r, change, combo), = dialog.items
    assert change.kind == "disagree" and combo is not None and combo.count() == 2
    combo.setCurrentIndex(1)
    item.setCheckState(0, Qt.CheckState.Checked)
    chosen = combo.currentData()
    ask = dialog.unmatched_combos[second.name]
    ask.setCurrentIndex(ask.findData(munis[1][0]))
    dialog.unmatched_buttons[second.name].click()
    assert len(dialog.items) == 2
    kept = next(x for x in dialog.items if x[2].kind == "disagree")
    assert kept[0].checkState(0) == Qt.CheckState.Checked and kept[3].currentData() == chosen
    dialog.apply()
    assert status.get_status(ctx.uow(), munis[0][0], 2025).values["strengths"] == chosen
    assert status.get_status(ctx.uow(), munis[1][0], 2025).values["strengths"] == ""  # unverified, not ticked
