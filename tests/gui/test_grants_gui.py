"""補助金・モデル事業 in the window: a report due appears on the dashboard's follow-up tabs."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sasaeai_desktop.domain import grants as dg
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.grants import records


def _due_grant(ctx: Any, code: str, due: dt.date) -> str:
    found = municipalities.find_by_code(ctx.uow(), code)
    assert found is not None
    return records.save(ctx.uow(), records.GrantData(
        None, found.id, 2025, program="地域支え合いモデル事業", kind="モデル事業", amount_decided=6_000_000,
        decided_on=dt.date(2025, 5, 1), report_due=due))


def test_a_report_past_its_deadline_is_on_the_dashboards_follow_up_tab(qtbot: Any, shell: Any, ctx: Any) -> None:
    from sasaeai_desktop.gui.pages.progress_dashboard import ProgressDashboardPage

    _due_grant(ctx, "202029", dt.date.today() - dt.timedelta(days=3))
    _due_grant(ctx, "202037", dt.date.today() + dt.timedelta(days=400))  # far off: not yet a follow-up
    page = ProgressDashboardPage(shell)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.reload()
    table = page.follow_tables["grant_reports"]
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == "松本市" and "（3日超過）" in table.item(0, 2).text()
    tab = page.follow_tabs.indexOf(table)
    assert page.follow_tabs.tabText(tab) == "補助金の実績報告（1）"


def test_grant_form_names_each_wrong_field_then_saves_with_links(qtbot: Any, shell: Any, ctx: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialog

    from sasaeai_desktop.gui.dialogs.field_errors import is_invalid
    from sasaeai_desktop.gui.dialogs.grant_dialog import GrantDialog
    from sasaeai_desktop.services.activities import visits

    matsumoto = municipalities.find_by_code(ctx.uow(), "202029")
    assert matsumoto is not None
    visit = visits.save(ctx.uow(), visits.VisitData(None, matsumoto.id, dt.date(2025, 6, 2), purpose="モデル事業の説明")).id
    dialog = GrantDialog(shell)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    ui.fiscalYearCombo.setCurrentIndex(ui.fiscalYearCombo.findData(2025))
    ui.municipalityCombo.setEditText("松本市")
    ui.programEdit.setText("地域支え合い体制づくりモデル事業")
    ui.amountDecidedEdit.setText("600万円")
    ui.amountPaidEdit.setText("7,000,000")
    ui.appliedDateEdit.setText("R7.5.20")
    ui.decidedDateEdit.setText("R7.5.1")
    dialog.accept()
    assert dialog.saved_id is None
    assert is_invalid(ui.kindCombo) and is_invalid(ui.amountPaidEdit) and is_invalid(ui.decidedDateEdit)
    text = ui.errorLabel.text()
    assert "種別は 補助金、委託、モデル事業、現物提供 のいずれかです" in text
    assert "支払額 7,000,000円が交付決定額 6,000,000円を超えています。" in text
    assert "交付決定日 2025-05-01 が申請日 2025-05-20 より前です。" in text

    ui.kindCombo.setCurrentText("モデル事業")
    ui.amountPaidEdit.setText("300万円")
    ui.decidedDateEdit.setText("R7.6.1")
    ui.reportDueEdit.setText("R8.4.30")
    assert ui.statusLabel.text() in ("実績報告待ち", "報告期限超過")  # by today's date
    links = ui.linksList
    row = next(i for i in range(links.count()) if "モデル事業の説明" in links.item(i).text())
    links.item(row).setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved_id
    saved = records.get(ctx.uow(), dialog.saved_id)
    assert (saved.amount_decided, saved.amount_paid, saved.kind) == (6_000_000, 3_000_000, "モデル事業")
    assert saved.visit_ids == (visit,)


def test_grants_page_filters_by_status_and_shows_the_years_totals(qtbot: Any, shell: Any, ctx: Any,
                                                                   tmp_path: Any) -> None:
    from sasaeai_desktop.gui.pages.grants_page import GrantsPage

    _due_grant(ctx, "202029", dt.date.today() - dt.timedelta(days=3))
    done = _due_grant(ctx, "202037", dt.date.today() - dt.timedelta(days=30))
    records.save(ctx.uow(), replace(records.get(ctx.uow(), done), report_received=dt.date.today() - dt.timedelta(days=40),
                                    amount_paid=6_000_000))
    page = GrantsPage(shell)
    qtbot.addWidget(page)
    page.resize(1366, 728)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    assert page.totals_label.text() == "令和7年度の合計：2件　交付決定額 12,000,000円　支払額 6,000,000円"
    page.status_combo.setCurrentIndex(page.status_combo.findData("報告期限超過"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    municipality = page.model.columns.index(next(c for c in page.model.columns if c.key == "municipality"))
    assert page.model.index(0, municipality).data() == "松本市"
    page.grab().save(str(tmp_path / "grants_page.png"))


def test_an_officer_records_a_model_project_through_the_window(qtbot: Any, window: Any) -> None:
    """Ctrl+8 → 補助金, Ctrl+N → the form, typed as an officer types (600万円, R7.5.1), Ctrl+Enter →
    the row is in the list with the status its dates give."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from .helpers import type_text
    from .helpers import wait_loaded
    from .helpers import when_modal

    QTest.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "grants"
    page = window.current_page()
    wait_loaded(qtbot, page)
    state: dict[str, Any] = {}

    def fill(dialog: Any) -> None:
        ui = dialog.ui
        ui.fiscalYearCombo.setCurrentIndex(ui.fiscalYearCombo.findData(2025))
        ui.municipalityCombo.setFocus()
        type_text(ui.municipalityCombo.lineEdit(), "上田市")
        ui.kindCombo.setCurrentText("モデル事業")
        for edit, text in ((ui.programEdit, "地域支え合い体制づくりモデル事業"), (ui.amountDecidedEdit, "600万円"),
                           (ui.amountPaidEdit, "300万円")):
            edit.setFocus()
            type_text(edit, text)
        for edit, text in ((ui.appliedDateEdit, "R7.4.15"), (ui.decidedDateEdit, "R7.5.1"), (ui.reportDueEdit, "2026/4/30")):
            edit.setFocus()
            QTest.keyClicks(edit, text)
        state["status"] = ui.statusLabel.text()
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        state["saved"] = dialog.saved_id

    when_modal(fill)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert state["saved"], "Ctrl+Enter did not save the form"
    expected = dg.grant_status(dt.date(2025, 4, 15), dt.date(2025, 5, 1), dt.date(2026, 4, 30), None, dt.date.today())
    assert state["status"] == expected
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    saved = records.get(page.shell.uow(), state["saved"])
    assert (saved.amount_decided, saved.amount_paid, saved.report_due) == (6_000_000, 3_000_000, dt.date(2026, 4, 30))
    ueda = municipalities.find_by_code(page.shell.uow(), "202037")
    assert ueda is not None and saved.municipality_id == ueda.id and saved.kind == "モデル事業"
    status = next(i for i, c in enumerate(page.model.columns) if c.key == "status")
    assert page.model.index(0, status).data() == expected


def test_the_summary_dialog_shows_the_years_totals_and_saves_the_pdf(qtbot: Any, shell: Any, ctx: Any, tmp_path: Any,
                                                                     monkeypatch: Any, message_boxes: Any) -> None:
    from PySide6.QtWidgets import QFileDialog

    from sasaeai_desktop.gui.dialogs.grant_summary_dialog import GrantSummaryDialog
    from sasaeai_desktop.services.progress import regions

    kind = regions.find_kind(ctx.uow(), "ブロック")
    north = regions.create_region(ctx.uow(), kind.id, "北信")
    matsumoto = municipalities.find_by_code(ctx.uow(), "202029")
    assert matsumoto is not None
    regions.assign(ctx.uow(), kind.id, north.id, [matsumoto.id])
    _due_grant(ctx, "202029", dt.date(2026, 4, 30))
    _due_grant(ctx, "202037", dt.date(2026, 4, 30))
    dialog = GrantSummaryDialog(shell, 2025)
    qtbot.addWidget(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("ブロック"))
    cells = [[dialog.regions.item(r, c).text() for c in range(4)] for r in range(dialog.regions.rowCount())]
    assert cells == [["北信", "1", "6,000,000", "0"], ["（圏域未設定）", "1", "6,000,000", "0"],
                     ["合計", "2", "12,000,000", "0"]]
    assert dialog.programs.item(0, 0).text() == "地域支え合いモデル事業"
    out = tmp_path / "集計.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    dialog.save(".pdf")
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=10_000)
    assert out.exists() and message_boxes.texts() == [f"「{out}」に保存しました。"]
