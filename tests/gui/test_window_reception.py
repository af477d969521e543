"""Reception at a training through the real main window, keyboard and scanner only.

A scanner types the code and presses Enter; an officer types a few kana and presses Enter. Either
must check one person in and clear the box, and nothing else may happen: no dialog opens, the
event is not touched (the window-wide 開く once answered Enter here and renamed the event).
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QPushButton

from sasaeai_desktop.gui import tasks
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import registrations

from .helpers import sql
from .helpers import type_text
from .helpers import waiting_dialog

FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
FAMILY_KANA = ["さとう", "すずき", "たかはし", "たなか", "いとう", "わたなべ", "やまもと", "なかむら", "こばやし", "かとう"]
GIVEN = ["一郎", "恵子", "健一", "美和", "誠"]
GIVEN_KANA = ["いちろう", "けいこ", "けんいち", "みわ", "まこと"]


@pytest.fixture
def event(shell: Any) -> dict[str, Any]:
    """A one-day course with 50 registrations (10 surnames × 5 given names: さとう matches 5)."""
    uow = shell.uow
    ids = {name: mid for mid, name in municipalities.choices(uow())}
    towns = ["長野市", "松本市", "上田市", "諏訪市", "飯田市"]
    ev = events.save_event(uow(), events.EventData(
        None, "養成研修", "生活支援コーディネーター養成研修", 2026,
        sessions=(events.SessionData(None, dt.date(2026, 12, 7), "1日目", "長野市ふれあい福祉センター", 80),)))
    regs = []
    for i, (fam, fk) in enumerate(zip(FAMILY, FAMILY_KANA)):
        for j, (giv, gk) in enumerate(zip(GIVEN, GIVEN_KANA)):
            pid = people.save(uow(), people.PersonData(None, f"{fam} {giv}", f"{fk} {gk}", "第2層SC", ids[towns[(i + j) % 5]]))
            regs.append(registrations.register(uow(), ev, pid).registration_id)
    return {"id": ev, "regs": regs, "session": events.get_event(uow(), ev).sessions[0].id}


def _open_desk(qtbot: Any, window: Any, event_id: str) -> Any:
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # 研修
    page = window.current_page()
    assert window.current_key() == "trainings"
    for i in range(page.events.count()):
        if page.events.item(i).data(Qt.ItemDataRole.UserRole) == event_id:
            page.events.setCurrentRow(i)
    page.tabs.setCurrentWidget(page.desk)
    page.desk.box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.desk.box)
    return page


def _event_row(db_path: Any, event_id: str) -> list[tuple[Any, ...]]:
    return sql(db_path, "SELECT title, event_type, fiscal_year, updated_at FROM training_event WHERE id = ?", event_id)


def _present(db_path: Any) -> int:
    return sql(db_path, "SELECT count(*) FROM attendance WHERE present = 1 AND deleted = 0")[0][0]


def _no_dialog_opened(dialogs: list[Any]) -> None:
    assert QApplication.activeModalWidget() is None
    assert [d for d in QApplication.topLevelWidgets() if isinstance(d, QDialog) and d.isVisible()] == []
    assert dialogs == []


@pytest.fixture
def opened_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Any dialog the window would open (exec) is recorded and closed at once instead."""
    seen: list[Any] = []

    def record(self: QDialog) -> int:
        seen.append(type(self).__name__)
        return 0

    monkeypatch.setattr(QDialog, "exec", record)
    return seen


def test_typed_kana_and_enter_checks_in_and_clears(
    qtbot: Any, window: Any, db_path: Any, event: dict[str, Any], opened_dialogs: list[Any]
) -> None:
    page = _open_desk(qtbot, window, event["id"])
    before = _event_row(db_path, event["id"])
    desk = page.desk
    type_text(desk.box, "さとう")
    assert desk.results.count() == 5
    QTest.keyClick(desk.box, Qt.Key.Key_Return)
    _no_dialog_opened(opened_dialogs)
    assert _present(db_path) == 1
    assert desk.box.text() == "" and "佐藤 一郎" in desk.status.text()
    # the next name, Enter again: still the desk, still the same event
    type_text(desk.box, "すずき")
    QTest.keyClick(desk.box, Qt.Key.Key_Enter)  # the keypad's Enter too
    _no_dialog_opened(opened_dialogs)
    assert _present(db_path) == 2
    assert _event_row(db_path, event["id"]) == before
    assert QApplication.focusWidget() is desk.box


def test_fifty_scanner_check_ins_in_a_row(
    qtbot: Any, window: Any, db_path: Any, event: dict[str, Any], opened_dialogs: list[Any]
) -> None:
    page = _open_desk(qtbot, window, event["id"])
    before = _event_row(db_path, event["id"])
    desk = page.desk
    for n, reg in enumerate(event["regs"], start=1):
        # QR codes hold the registration id, the printed line its short code: scan both kinds
        code = reg if n % 2 else registrations.short_code(reg)
        QTest.keyClicks(desk.box, code)
        QTest.keyClick(desk.box, Qt.Key.Key_Return)
        assert desk.box.text() == "", f"scan {n} left {desk.box.text()!r}"
        assert QApplication.focusWidget() is desk.box
    _no_dialog_opened(opened_dialogs)
    assert _present(db_path) == 50
    assert _event_row(db_path, event["id"]) == before
    assert window.current_key() == "trainings" and page.tabs.currentWidget() is page.desk


def test_a_second_scan_says_already_checked_in(
    qtbot: Any, window: Any, db_path: Any, event: dict[str, Any], opened_dialogs: list[Any]
) -> None:
    page = _open_desk(qtbot, window, event["id"])
    desk = page.desk
    code = registrations.short_code(event["regs"][7])
    for _ in range(2):
        QTest.keyClicks(desk.box, code)
        QTest.keyClick(desk.box, Qt.Key.Key_Return)
    assert "受付済み" in desk.status.text()
    rows = sql(db_path, "SELECT count(*) FROM attendance WHERE registration_id = ? AND deleted = 0", event["regs"][7])
    assert rows == [(1,)]
    _no_dialog_opened(opened_dialogs)


def test_an_unknown_code_is_said_and_kept_for_the_next_scan(
    qtbot: Any, window: Any, db_path: Any, event: dict[str, Any], opened_dialogs: list[Any]
) -> None:
    page = _open_desk(qtbot, window, event["id"])
    desk = page.desk
    QTest.keyClicks(desk.box, "ABCDEF")
    QTest.keyClick(desk.box, Qt.Key.Key_Return)
    assert "ABCDEF" in desk.status.text() and "ありません" in desk.status.text()
    assert _present(db_path) == 0
    # the next scan replaces the unknown code instead of being appended to it
    QTest.keyClicks(desk.box, registrations.short_code(event["regs"][0]))
    QTest.keyClick(desk.box, Qt.Key.Key_Return)
    assert _present(db_path) == 1
    _no_dialog_opened(opened_dialogs)


def test_enter_on_the_event_list_still_opens_the_editor(
    qtbot: Any, window: Any, event: dict[str, Any], opened_dialogs: list[Any]
) -> None:
    page = _open_desk(qtbot, window, event["id"])
    page.events.setFocus()
    QTest.keyClick(page.events, Qt.Key.Key_Return)
    assert opened_dialogs == ["EventDialog"]


def test_no_window_shortcut_fires_from_a_text_field(qtbot: Any, window: Any) -> None:
    """Whatever plain key a later window action is bound to, a text field keeps it."""
    from PySide6.QtGui import QAction
    from PySide6.QtGui import QKeySequence

    fired: list[str] = []
    for key in ("Return", "Enter", "Delete", "Space", "A"):
        action = QAction(key, window)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _=False, k=key: fired.append(k))
        window.addAction(action)
    window.show_page("people")
    box = window.current_page().search_edit
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete, Qt.Key.Key_Space, Qt.Key.Key_A):
        QTest.keyClick(box, key)
    assert fired == []
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # commands still work
    assert QApplication.focusWidget() is box


def test_a_walk_in_is_added_from_the_box_with_ctrl_enter(
    qtbot: Any, window: Any, db_path: Any, event: dict[str, Any]
) -> None:
    """Nobody registered as もりた: Enter says so and checks nobody in; Ctrl+Enter opens the
    当日参加 form with the typed kana, and saving it registers and checks the person in."""
    from .helpers import when_modal

    page = _open_desk(qtbot, window, event["id"])
    desk = page.desk
    type_text(desk.box, "もりた")
    QTest.keyClick(desk.box, Qt.Key.Key_Return)
    assert "もりた" in desk.status.text() and "Ctrl+Enter" in desk.status.text()
    assert _present(db_path) == 0

    def fill(dialog: Any) -> None:
        assert dialog.ui.kanaEdit.text() == "もりた"
        dialog.ui.nameEdit.setText("森田 花子")
        dialog.ui.kanaEdit.setText("もりた はなこ")
        dialog.ui.municipalityCombo.setCurrentIndex(dialog.ui.municipalityCombo.findText("長野市"))
        dialog.save()

    seen = when_modal(fill)
    QTest.keyClick(desk.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert seen and "当日参加" in seen[0].windowTitle()
    rows = sql(db_path, "SELECT p.name, a.present FROM registration r JOIN person p ON p.id = r.person_id "
                        "JOIN attendance a ON a.registration_id = r.id WHERE r.walk_in = 1")
    assert rows == [("森田 花子", 1)]
    assert desk.box.text() == ""
    window.activateWindow()  # what the desktop does when the form closes
    qtbot.waitUntil(lambda: QApplication.focusWidget() is desk.box, timeout=2000)


def test_the_desk_says_when_it_shows_only_the_first_rows(
    qtbot: Any, window: Any, event: dict[str, Any]
) -> None:
    """50 registrants, an empty box: the list holds the first 30 and says there are more — a
    registrant below them looked absent to the officer at the desk."""
    page = _open_desk(qtbot, window, event["id"])
    desk = page.desk
    assert desk.results.count() == desk.SHOWN == 30
    assert "先頭の 30 件" in desk.status.text()
    type_text(desk.box, "さとう")
    qtbot.waitUntil(lambda: desk.results.count() == 5)
    assert desk.status.text().endswith("5 件") and "先頭" not in desk.status.text()


def test_a_scan_behind_an_import_says_so_and_lands_after_it(
    qtbot: Any, window: Any, db_path: Any, event: dict[str, Any], long_import: threading.Event
) -> None:
    """Through the real window: the import holds the lane, so the desk's write says 「処理中…」
    at once instead of freezing, and the presence is stored when the import ends."""
    page = _open_desk(qtbot, window, event["id"])
    seen: list[str] = []

    def look() -> None:
        dialog = waiting_dialog()
        seen.append(dialog.labelText() if dialog else "")
        seen.append(str(_present(db_path)))
        long_import.set()

    QTimer.singleShot(400, look)
    QTest.keyClicks(page.desk.box, registrations.short_code(event["regs"][0]))
    QTest.keyClick(page.desk.box, Qt.Key.Key_Return)
    assert seen and "「取り込み」が終わると「出欠」を続けます" in seen[0] and seen[1] == "0"
    assert _present(db_path) == 1 and page.desk.box.text() == ""
    assert waiting_dialog() is None


def test_stopping_a_scan_behind_an_import_writes_nothing(
    qtbot: Any, window: Any, db_path: Any, event: dict[str, Any], long_import: threading.Event, message_boxes: Any
) -> None:
    page = _open_desk(qtbot, window, event["id"])
    code = registrations.short_code(event["regs"][0])

    def stop() -> None:
        dialog = waiting_dialog()
        assert dialog is not None
        dialog.findChild(QPushButton).click()  # 中止

    QTimer.singleShot(400, stop)
    QTest.keyClicks(page.desk.box, code)
    QTest.keyClick(page.desk.box, Qt.Key.Key_Return)
    assert any("「出欠」を取りやめました" in text for text in message_boxes.texts())
    assert page.desk.box.text() == code  # kept for another try
    long_import.set()
    tasks.wait_for_idle()
    qtbot.wait(50)
    assert _present(db_path) == 0
