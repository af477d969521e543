"""Issue 15, item 5: a 研修's sign-up sheet (申込者) and attendance sheet (出欠) imported from the
window, through the same preview dialog as the other imports, driven from the 研修 page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import registrations
from tests.excel_books import book
from tests.gui.helpers import sql
from tests.gui.helpers import when_modal

SIGN_UP = [
    ["令和7年度 生活支援コーディネーター養成研修 申込書"],
    [],
    ["氏名", "ふりがな", "市町村", "所属", "役割", "参加日程", "緊急連絡先（当日）"],
    ["高橋 一郎", "たかはし いちろう", "松本市", "松本市社協", "第1層SC", "", "090-0000-0001"],
    ["小松 幸子", "こまつ さちこ", "塩尻市", "塩尻市役所", "市町村職員", "1日目", ""],
    ["宮下 健", "みやした けん", "長野県上田市", "上田市社協", "第2層SC", "2日目", ""],
]


@pytest.fixture
def event(shell: Any) -> str:
    uow = shell.uow
    ids = {name: mid for mid, name in municipalities.choices(uow())}
    people.save(uow(), people.PersonData(None, "高橋 一郎", "たかはし いちろう", "第1層SC", ids["松本市"]))
    return events.save_event(uow(), events.EventData(
        None, "養成研修", "生活支援コーディネーター養成研修", 2025,
        sessions=(events.SessionData(None, dt.date(2025, 7, 1), "1日目", "長野市ふれあい福祉センター", 40),
                  events.SessionData(None, dt.date(2025, 8, 1), "2日目", "松本市総合社会福祉センター", 40))))


def _open_trainings(window: Any, event_id: str) -> Any:
    window.show_page("trainings")
    page = window.pages["trainings"]
    for i in range(page.events.count()):
        if page.events.item(i).data(Qt.ItemDataRole.UserRole) == event_id:
            page.events.setCurrentRow(i)
    assert page.event_id == event_id
    page.tabs.setCurrentWidget(page.regs.parentWidget())
    return page


def _column(table: Any, header: str) -> list[str]:
    heads = [table.horizontalHeaderItem(j).text() for j in range(table.columnCount())]
    j = heads.index(header)
    return [table.item(i, j).text() if table.item(i, j) else "" for i in range(table.rowCount())]


def _wait_task(qtbot: Any, dialog: Any) -> None:
    qtbot.waitUntil(lambda: dialog.task is not None and dialog.task.done, timeout=20000)


def _choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def _registered(db_path: Path, event_id: str) -> list[tuple[str, str | None]]:
    return sql(db_path, "SELECT p.name, s.label FROM registration r JOIN person p ON p.id = r.person_id "
                        "LEFT JOIN training_session s ON s.id = r.session_id "
                        "WHERE r.event_id = ? AND r.deleted = 0 ORDER BY r.row_order", event_id)


def test_sign_up_sheet_imported_from_the_trainings_page(qtbot: Any, window: Any, db_path: Path, event: str,
                                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = book(tmp_path / "申込書.xlsx", SIGN_UP, sheet="申込者")
    _choose_file(monkeypatch, path)
    page = _open_trainings(window, event)
    assert page.regs.rowCount() == 0

    def drive(dialog: Any) -> None:
        assert dialog.kind_combo.currentData() == "registrations" and "養成研修" in dialog.windowTitle()
        assert not dialog.session_combo.isVisible()  # a sign-up sheet names its 日程 per row
        QTest.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
        _wait_task(qtbot, dialog)
        plan = dialog.plan
        assert plan is not None and plan.ok, [str(p) for p in plan.problems] if plan else None
        assert [dialog.model.index(i, 1).data() for i in range(dialog.model.rowCount())] == ["新規"] * 3
        assert dialog.model.index(0, 3).data() == "登録済みの人"  # 高橋 is on file: registered, not duplicated
        assert "緊急連絡先（当日）" in dialog.header_label.text()  # the unknown column is shown, not imported
        assert _registered(db_path, event) == []  # the preview wrote nothing
        unknown = dialog.mapping_combo(6)
        assert unknown is not None and unknown.currentData() == ""
        unknown.setCurrentIndex(unknown.findData("notes"))  # the user says what it is: 備考
        _wait_task(qtbot, dialog)
        assert dialog.plan is not None and dialog.plan.ok and 6 in dialog.plan.overrides
        QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)

    seen = when_modal(drive)
    QTest.mouseClick(page.import_regs_btn, Qt.MouseButton.LeftButton)
    assert seen and seen[0].result and seen[0].result.created == 3
    assert _registered(db_path, event) == [("高橋 一郎", None), ("小松 幸子", "1日目"), ("宮下 健", "2日目")]
    assert sql(db_path, "SELECT count(*) FROM person WHERE name = '高橋 一郎'") == [(1,)]
    assert sql(db_path, "SELECT notes FROM registration WHERE event_id = ? ORDER BY row_order", event)[0] == ("090-0000-0001",)
    # The page redrew itself: the grid and the event list show the three sign-ups.
    assert page.regs.rowCount() == 3
    assert _column(page.regs, "氏名") == ["高橋 一郎", "小松 幸子", "宮下 健"]
    assert "申込3" in page.events.currentItem().text()


def test_a_bad_row_is_shown_and_nothing_is_written(qtbot: Any, window: Any, db_path: Path, event: str,
                                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [*SIGN_UP[:4], ["小松 幸子", "こまつ さちこ", "塩尻し", "", "", "", ""], SIGN_UP[5]]
    path = book(tmp_path / "申込書.xlsx", rows, sheet="申込者")
    errors_out = tmp_path / "申込書_問題.xlsx"
    _choose_file(monkeypatch, path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(errors_out), ""))
    page = _open_trainings(window, event)

    def drive(dialog: Any) -> None:
        QTest.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
        _wait_task(qtbot, dialog)
        assert dialog.plan is not None and not dialog.plan.ok
        assert [str(p).split(" — ")[0] for p in dialog.plan.problems] == ["申込者!5:市町村"]
        assert "問題 1件" in dialog.summary_label.text()
        assert not dialog.import_button.isEnabled()
        bad = next(i for i in range(dialog.model.rowCount()) if dialog.model.index(i, 0).data() == 5)
        assert dialog.model.index(bad, 1).data() == "問題あり" and "塩尻し" in dialog.model.index(bad, 3).data()
        dialog.preview.selectRow(bad)
        assert "申込者!5:市町村" in dialog.detail_label.text()
        QTest.mouseClick(dialog.errors_button, Qt.MouseButton.LeftButton)  # the --errors-out copy
        _wait_task(qtbot, dialog)
        QTest.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    seen = when_modal(drive)
    QTest.mouseClick(page.import_regs_btn, Qt.MouseButton.LeftButton)
    assert seen and seen[0].result is None
    assert _registered(db_path, event) == [] and page.regs.rowCount() == 0
    assert sql(db_path, "SELECT count(*) FROM person") == [(1,)]
    marked = load_workbook(errors_out)
    assert marked["申込者"]["C5"].comment is not None


def test_attendance_sheet_for_the_chosen_session(qtbot: Any, window: Any, shell: Any, db_path: Path, event: str,
                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ev = events.get_event(shell.uow(), event)
    pids = [pid for (pid,) in sql(db_path, "SELECT id FROM person")]
    ids = {name: mid for mid, name in municipalities.choices(shell.uow())}
    pids.append(people.save(shell.uow(), people.PersonData(None, "北原 由美", "きたはら ゆみ", "第1層SC", ids["長野市"])))
    for pid in pids:
        registrations.register(shell.uow(), event, pid)
    path = book(tmp_path / "出欠.xlsx", [["No.", "氏名", "市町村", "出欠"], [1, "高橋 一郎", "松本市", "○"],
                                         [2, "北原 由美", "長野市", "×"]], sheet="受付名簿")
    _choose_file(monkeypatch, path)
    page = _open_trainings(window, event)

    def drive(dialog: Any) -> None:
        assert dialog.kind_combo.currentData() == "attendance" and dialog.session_combo.isVisible()
        QTest.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
        assert dialog.plan is None and "日程を選んで" in dialog.summary_label.text()  # two 日程: nothing guessed
        dialog.session_combo.setCurrentIndex(dialog.session_combo.findData(ev.sessions[1].id))
        _wait_task(qtbot, dialog)
        assert dialog.plan is not None and dialog.plan.ok and dialog.plan.summary().startswith("新規 2件")
        QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)

    seen = when_modal(drive)
    QTest.mouseClick(page.import_attendance_btn, Qt.MouseButton.LeftButton)
    assert seen and seen[0].result and seen[0].result.created == 2
    assert sql(db_path, "SELECT p.name, a.present FROM attendance a JOIN registration r ON r.id = a.registration_id "
                        "JOIN person p ON p.id = r.person_id WHERE a.session_id = ? ORDER BY p.kana",
               ev.sessions[1].id) == [("北原 由美", 0), ("高橋 一郎", 1)]
    assert _column(page.regs, "2日目") == ["○", "×"] and _column(page.regs, "1日目") == ["", ""]


def test_file_menu_import_on_the_trainings_page_offers_the_event_sheets(qtbot: Any, window: Any, event: str) -> None:
    page = _open_trainings(window, event)

    def look(dialog: Any) -> None:
        kinds = [dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())]
        assert kinds[:2] == ["registrations", "attendance"] and "people" in kinds
        assert dialog.findChild(type(page.header), "eventLabel").text().startswith("生活支援コーディネーター養成研修")

    seen = when_modal(look)
    window.import_action.trigger()
    assert seen

    # Elsewhere the event sheets are not offered: they need an event.
    window.show_page("people")

    first = ["people"]

    def general(dialog: Any) -> None:
        kinds = [dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())]
        assert dialog.kind_combo.currentData() == first[0] and not {"registrations", "attendance"} & set(kinds)

    seen = when_modal(general)
    window.import_action.trigger()
    assert seen
    assert page.event_id == event

    # On 研修 with no event selected (nothing matches the search) the general lists are offered,
    # the events sheet (研修・フォーラム) first.
    first[0] = "events"
    window.show_page("trainings")
    page.search_edit.setText("該当なし")
    qtbot.waitUntil(lambda: page.event_id is None, timeout=3000)
    seen = when_modal(general)
    window.import_action.trigger()
    assert seen


def test_a_variant_spelling_is_asked_and_answered_in_the_dialog(qtbot: Any, window: Any, db_path: Path, event: str,
                                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """髙橋 in the sheet, 高橋 on file: the row waits for the officer, who says it is the same person."""
    path = book(tmp_path / "申込書.xlsx", [SIGN_UP[2], ["髙橋 一郎", "たかはし いちろう", "松本市"]], sheet="申込者")
    _choose_file(monkeypatch, path)
    page = _open_trainings(window, event)

    def drive(dialog: Any) -> None:
        QTest.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
        _wait_task(qtbot, dialog)
        assert dialog.model.index(0, 1).data() == "要確認" and not dialog.import_button.isEnabled()
        dialog.preview.selectRow(0)
        assert dialog.decide_box.isVisible() and dialog.decide_box.update_button.text() == "この人の申込にする"
        assert "高橋 一郎（松本市）" in dialog.decide_box.candidate_combo.currentText()
        QTest.mouseClick(dialog.decide_box.update_button, Qt.MouseButton.LeftButton)
        assert dialog.import_button.isEnabled()
        QTest.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)

    seen = when_modal(drive)
    QTest.mouseClick(page.import_regs_btn, Qt.MouseButton.LeftButton)
    assert seen and seen[0].result is not None
    assert _registered(db_path, event) == [("高橋 一郎", None)]  # the person on file, no second 髙橋
    assert sql(db_path, "SELECT count(*) FROM person") == [(1,)]
