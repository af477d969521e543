"""訪問・相談 page: the visit form end to end, drafts, the follow-up board, search and the timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QMessageBox

from sasaeai_desktop.gui.dialogs.field_errors import is_invalid
from sasaeai_desktop.gui.dialogs.visit_dialog import VisitDialog
from sasaeai_desktop.gui.main_window import MainWindow
from sasaeai_desktop.gui.pages.activities_page import ActivitiesPage
from sasaeai_desktop.gui.pages.activities_page import TimelineDialog
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people
from sasaeai_desktop.services.activities import follow_ups
from sasaeai_desktop.services.activities import visits

from .helpers import type_text
from .helpers import wait_loaded
from .helpers import when_modal
from .visit_form_helpers import click_on_close_question


def _person(shell: Any, name: str, kana: str, municipality_id: str | None = None) -> str:
    return people.save(shell.uow(), people.PersonData(id=None, name=name, kana=kana, municipality_id=municipality_id))


def _muni(shell: Any, code: str) -> Any:
    found = municipalities.find_by_code(shell.uow(), code)
    assert found is not None
    return found


def _fill_visit(dialog: VisitDialog, *, municipality: str, day: dt.date) -> None:
    ui = dialog.ui
    ui.municipalityCombo.setEditText(municipality)
    ui.visitDateEdit.set_value(day)
    ui.purposeCategoryCombo.setCurrentText("個別助言")
    ui.purposeEdit.setPlainText("移動支援の進め方")
    ui.observationsEdit.setPlainText("地区ごとに送迎ボランティアが活動している")
    ui.issuesEdit.setPlainText("担い手の高齢化")
    ui.adviceEdit.setPlainText("隣町の有償ボランティアの例を紹介した")


def test_the_page_has_its_five_tabs(qtbot: Any, window: MainWindow) -> None:
    window.show_page("activities")
    page = window.current_page()
    assert isinstance(page, ActivitiesPage)
    labels = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert labels == ["訪問・助言", "相談対応", "アドバイザー派遣", "フォローアップ", "検索"]
    wait_loaded(qtbot, page)
    assert page.can_create()


def test_create_a_visit_through_the_form(qtbot: Any, window: MainWindow, shell: Any) -> None:
    matsumoto = _muni(shell, "202029")
    officer = _person(shell, "宮坂 美和", "みやさか みわ")
    window.show_page("activities")
    page = window.current_page()
    wait_loaded(qtbot, page.visits)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, VisitDialog)
        _fill_visit(dialog, municipality="松本市", day=dt.date(2025, 6, 10))
        side, name, role = dialog.participants.add_row()
        side.setCurrentIndex(0)  # 県
        name.setFocus()
        type_text(name, "宮坂")
        name.setText("宮坂 美和")
        role.setText("担当")
        title, owner, due, _done = dialog.follow_ups.add_row()
        title.setText("先行事例の資料を送る")
        owner.setText("宮坂")
        due.set_value(dt.date(2025, 6, 1))  # before the visit: a warning, not an error
        qtbot.waitUntil(lambda: dialog.ui.warningLabel.isVisible(), timeout=1000)
        assert "訪問日" in dialog.ui.warningLabel.text()
        dialog.accept()
        assert not dialog.isVisible(), dialog.ui.errorLabel.text()

    seen = when_modal(fill)
    window.new_action.trigger()
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted
    saved = visits.get(shell.uow(), seen[0].saved_id)
    assert saved.municipality_id == matsumoto.id and saved.visit_date == dt.date(2025, 6, 10)
    assert not saved.is_draft
    assert [(p.person_id, p.side, p.role) for p in saved.participants] == [(officer, "prefecture", "担当")]
    assert [(f.title, f.owner_name, f.due_date) for f in saved.follow_ups] == [("先行事例の資料を送る", "宮坂", dt.date(2025, 6, 1))]
    qtbot.waitUntil(lambda: page.visits.model.total == 1)


def test_missing_or_unknown_municipality_keeps_what_was_typed(qtbot: Any, shell: Any) -> None:
    dialog = VisitDialog(shell)
    qtbot.addWidget(dialog)
    _fill_visit(dialog, municipality="", day=dt.date(2025, 6, 10))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert is_invalid(dialog.ui.municipalityCombo)
    assert "市町村" in dialog.ui.errorLabel.text()
    assert dialog.ui.adviceEdit.toPlainText() == "隣町の有償ボランティアの例を紹介した"

    dialog.ui.municipalityCombo.setEditText("松本しー")
    dialog.accept()
    assert is_invalid(dialog.ui.municipalityCombo)
    assert "松本しー" in dialog.ui.errorLabel.text()
    assert dialog.ui.municipalityCombo.currentText() == "松本しー"
    assert dialog.ui.purposeEdit.toPlainText() == "移動支援の進め方"
    dialog.ui.visitDateEdit.set_value(None)
    dialog.accept()
    assert is_invalid(dialog.ui.visitDateEdit)
    dialog._dirty = False  # nothing to ask on teardown


def test_draft_autosave_survives_closing_the_dialog(qtbot: Any, shell: Any, message_boxes: Any,
                                                    monkeypatch: Any) -> None:
    # Before a municipality is chosen the draft lives in the local settings ...
    dialog = VisitDialog(shell)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.adviceEdit.setPlainText("閉じる前に書いたこと")
    assert dialog.autosave()
    dialog.close()  # the lid closes
    pending = visits.pending_draft(shell.uow())
    assert pending is not None and pending.advice == "閉じる前に書いたこと"

    # ... and the next 新規 offers it back.
    message_boxes.answer = QMessageBox.StandardButton.Yes

    def check(d: QDialog) -> None:
        assert isinstance(d, VisitDialog)
        assert d.ui.adviceEdit.toPlainText() == "閉じる前に書いたこと"
        d.ui.municipalityCombo.setEditText("松本市")
        d.ui.visitDateEdit.set_value(dt.date(2025, 7, 1))
        assert d.autosave()  # now a visit flagged as draft
        d.reject()  # Esc; the question is answered 「下書きを残す」

    from sasaeai_desktop.gui.dialogs.visit_dialog import edit_visit

    click_on_close_question(monkeypatch, "下書きを残す")
    seen = when_modal(check)
    assert edit_visit(shell, None) is None
    assert seen
    stored = visits.drafts(shell.uow())
    assert len(stored) == 1 and stored[0][1] == dt.date(2025, 7, 1)
    assert visits.get(shell.uow(), stored[0][0]).advice == "閉じる前に書いたこと"
    assert visits.pending_draft(shell.uow()) is None


def test_the_autosave_timer_keeps_a_draft(qtbot: Any, shell: Any) -> None:
    dialog = VisitDialog(shell)
    qtbot.addWidget(dialog)
    dialog.autosave_timer.setInterval(50)
    dialog.autosave_timer.start()
    _fill_visit(dialog, municipality="松本市", day=dt.date(2025, 8, 1))
    qtbot.waitUntil(lambda: bool(visits.drafts(shell.uow())), timeout=2000)
    assert "下書き" in dialog.ui.draftLabel.text()
    assert dialog.windowTitle().endswith("（下書き）")
    dialog._dirty = False


def _visit(shell: Any, code: str, day: dt.date, tasks: list[visits.FollowUp], advice: str = "") -> str:
    result = visits.save(shell.uow(), visits.VisitData(
        id=None, municipality_id=_muni(shell, code).id, visit_date=day, purpose="定期訪問", advice=advice,
        follow_ups=tuple(tasks),
    ))
    assert result.id is not None
    return result.id


def test_follow_up_board_puts_overdue_first_and_marks_done(qtbot: Any, window: MainWindow, shell: Any) -> None:
    today = dt.date.today()
    _visit(shell, "202029", today - dt.timedelta(days=30), [
        visits.FollowUp("来月の確認", owner_name="北原", due_date=today + dt.timedelta(days=20)),
        visits.FollowUp("資料を送る", owner_name="北原", due_date=today - dt.timedelta(days=3)),
    ])
    _visit(shell, "202011", today - dt.timedelta(days=10), [
        visits.FollowUp("会議日程の調整", owner_name="百瀬", due_date=today + dt.timedelta(days=5)),
    ])
    window.show_page("activities")
    page = window.current_page()
    page.tabs.setCurrentWidget(page.board)
    qtbot.waitUntil(page.board.is_data_ready, timeout=3000)
    tree = page.board.tree
    groups = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert groups[0].startswith("北原") and "期限切れ 1" in groups[0]
    first = tree.topLevelItem(0)
    assert [first.child(i).text(2) for i in range(first.childCount())] == ["資料を送る", "来月の確認"]
    assert first.child(0).foreground(2).color().name() == "#c62828"

    page.board.by_municipality.setChecked(True)
    labels = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert labels[0].startswith("松本市")

    item = next(i for i in page.board.task_items() if i.text(2) == "資料を送る")
    item.setCheckState(0, Qt.CheckState.Checked)
    open_titles = [i.title for g in follow_ups.board(shell.uow()) for i in g.items]
    assert "資料を送る" not in open_titles
    qtbot.waitUntil(lambda: all(i.text(2) != "資料を送る" for i in page.board.task_items()), timeout=2000)


def test_search_shows_a_highlighted_hit_and_opens_it(qtbot: Any, window: MainWindow, shell: Any) -> None:
    vid = _visit(shell, "202029", dt.date(2025, 5, 1), [], advice="空き店舗を使った居場所づくりを助言した")
    window.show_page("activities")
    page = window.current_page()
    page.tabs.setCurrentWidget(page.search)
    for text in ("居場", "居場所づくり"):  # the 2-character scan and the trigram index
        page.search.search_edit.setText(text)
        page.search.run_search()
        assert page.search.table.rowCount() == 1
        html = page.search.table.item(0, 4).data(Qt.ItemDataRole.UserRole + 2)
        assert f">{text}</b>" in html
        assert page.search.table.item(0, 2).text() == "松本市"
    page.search.table.setCurrentCell(0, 0)
    seen = when_modal(lambda d: d.reject())
    page.search.open_row(0)
    assert seen and isinstance(seen[0], VisitDialog) and seen[0].visit_id == vid


def test_timeline_lists_the_visit(qtbot: Any, shell: Any) -> None:
    matsumoto = _muni(shell, "202029")
    _visit(shell, "202029", dt.date(2025, 5, 1), [], advice="記録の取り方を助言")
    _visit(shell, "202029", dt.date(2024, 9, 1), [], advice="前年度の訪問")
    dialog = TimelineDialog(shell, matsumoto.id)
    qtbot.addWidget(dialog)
    rows = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    assert [r.text(0) for r in rows] == ["2025-05-01", "2024-09-01"]
    assert rows[0].text(1) == "訪問" and "記録の取り方" in rows[0].text(3)
    dialog.fyCombo.setCurrentIndex(dialog.fyCombo.findData(2025))
    assert dialog.tree.topLevelItemCount() == 1
    dialog.kindChecks["visit"].setChecked(False)
    assert dialog.tree.topLevelItemCount() == 0


def test_municipalities_page_opens_the_timeline(qtbot: Any, window: MainWindow, shell: Any) -> None:
    window.show_page("municipalities")
    page = window.current_page()
    wait_loaded(qtbot, page)
    page.select_row(0)
    from PySide6.QtWidgets import QPushButton

    button = page.findChild(QPushButton, "timelineButton")
    assert button is not None and button.isVisible()
    button.click()
    dialogs = [w for w in page.findChildren(TimelineDialog)]
    assert dialogs and dialogs[0].picker.current_id() == page.selected_id()
    dialogs[0].close()


def test_visit_report_pdf_runs_off_the_gui_thread(qtbot: Any, window: MainWindow, shell: Any, tmp_path: Path) -> None:
    _visit(shell, "202029", dt.date(2025, 5, 1), [], advice="助言")
    window.show_page("activities")
    page = window.current_page()
    wait_loaded(qtbot, page.visits)
    page.visits.select_row(0)
    out = tmp_path / "visit.pdf"
    page.visits.export_pdf(str(out))
    with qtbot.waitSignal(page.visits.last_pdf_task.finished, timeout=20000):
        pass
    assert out.read_bytes().startswith(b"%PDF")
