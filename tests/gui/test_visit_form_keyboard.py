"""The visit form typed at the keyboard through the main window (issue 15, items 4, 6, 7):
訪問・相談 → Ctrl+N → 「まつ」 → R8.12.1, 1130 → a participant registered inline → a follow-up
due 20261225 → Ctrl+Enter; unreadable dates said at their field; the calendar opens at the visit's
day; closing asks 下書きを残す／破棄／保存 even after an autosave; drafts are counted nowhere."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.dialogs.field_errors import is_invalid
from sasaeai_desktop.gui.dialogs.visit_dialog import VisitDialog
from sasaeai_desktop.gui.main_window import MainWindow

from .helpers import sql
from .helpers import type_text
from .helpers import wait_loaded
from .helpers import when_modal
from .visit_form_helpers import click_on_close_question


@pytest.fixture(autouse=True)
def _a_failing_test_closes_the_form(monkeypatch: Any) -> None:
    """when_modal rejects a form left open by a failed step; its question must not block."""
    click_on_close_question(monkeypatch, "破棄")


def _open_visits(qtbot: Any, window: MainWindow) -> Any:
    window.show_page("activities")
    page = window.current_page()
    wait_loaded(qtbot, page.visits)
    return page


def _new_visit_by_keyboard(window: MainWindow, action: Any) -> list[QDialog]:
    seen = when_modal(action)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    return seen


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _pick_municipality(qtbot: Any, dialog: VisitDialog, typed: str, name: str) -> None:
    combo = dialog.ui.municipalityCombo
    # The form opens with the cursor in 市町村 (once the window is active, which offscreen needs asking).
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (combo, combo.lineEdit()), timeout=2000)
    type_text(combo.lineEdit(), typed)
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    rows = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
    QTest.keyClick(popup, Qt.Key.Key_Down)
    for _ in range(rows.index(next(r for r in rows if r.startswith(name)))):
        QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: combo.currentText() == name and not popup.isVisible(), timeout=1000)
    qtbot.wait(10)  # the picker tidies the line after the completer wrote it
    _back_to(qtbot, dialog)


def _back_to(qtbot: Any, dialog: QDialog) -> None:
    """Offscreen, a closed completer popup stays the active window; a desktop gives it back."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)


def _type_and_tab(text: str) -> QWidget:
    widget = _focused()
    QTest.keyClicks(widget, text)
    QTest.keyClick(widget, Qt.Key.Key_Tab)
    return widget


def test_a_visit_typed_at_the_keyboard_with_a_new_participant(qtbot: Any, window: MainWindow, db_path: Path) -> None:
    page = _open_visits(qtbot, window)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, VisitDialog)
        ui = dialog.ui
        _pick_municipality(qtbot, dialog, "まつ", "松本市")
        QTest.keyClick(_focused(), Qt.Key.Key_Tab)
        assert _focused() is ui.visitDateEdit
        ui.visitDateEdit.selectAll()
        _type_and_tab("R8.12.1")
        assert ui.visitDateEdit.text() == "2026-12-01(火)" and not is_invalid(ui.visitDateEdit)
        assert _type_and_tab("1130") is ui.startTimeEdit
        assert ui.startTimeEdit.text() == "11:30"

        # A participant nobody has registered: offered in the type-ahead, registered inline.
        QTest.mouseClick(dialog.participants.add_button, Qt.MouseButton.LeftButton)
        side, name, role = dialog.participants.rows[0][:3]
        assert _focused() is side
        QTest.keyClick(side, Qt.Key.Key_Down)
        QTest.keyClick(side, Qt.Key.Key_Down)  # 市町村側
        QTest.keyClick(side, Qt.Key.Key_Tab)
        assert _focused() is name
        type_text(name, "信濃 花子")
        popup = name.completer().popup()
        qtbot.waitUntil(popup.isVisible, timeout=2000)
        rows = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
        assert rows[-1] == "＋「信濃 花子」を新しい人として登録"
        for _ in rows:
            QTest.keyClick(popup, Qt.Key.Key_Down)
        QTest.keyClick(popup, Qt.Key.Key_Return)
        panel = dialog.new_person
        qtbot.waitUntil(panel.isVisible, timeout=1000)
        _back_to(qtbot, dialog)
        assert panel.name_edit.text() == "信濃 花子"
        assert panel.muni_combo.currentText() == "松本市"  # the visit's municipality
        assert panel.role_combo.currentText() == "市町村職員"
        assert _focused() is panel.kana_edit
        type_text(panel.kana_edit, "しなの はなこ")
        panel.role_combo.setCurrentText("第1層SC")
        QTest.mouseClick(panel.register_button, Qt.MouseButton.LeftButton)
        assert not panel.isVisible()
        qtbot.waitUntil(lambda: name.text() == "信濃 花子", timeout=1000)
        assert role.text() == "第1層SC"

        # A follow-up with its 期限 typed as digits.
        QTest.mouseClick(dialog.follow_ups.add_button, Qt.MouseButton.LeftButton)
        title, owner, due = dialog.follow_ups.rows[0][:3]
        assert _focused() is title
        type_text(title, "先行事例の資料を送る")
        QTest.keyClick(title, Qt.Key.Key_Tab)
        type_text(owner, "宮坂")
        QTest.keyClick(owner, Qt.Key.Key_Tab)
        assert _focused() is due
        _type_and_tab("20261225")
        assert due.text() == "2026-12-25(金)"

        QTest.keyClick(_focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert not dialog.isVisible(), dialog.ui.errorLabel.text()

    seen = _new_visit_by_keyboard(window, fill)
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted
    visit = sql(db_path, "SELECT v.id, mun.name, v.visit_date, v.start_time, v.is_draft FROM visit v "
                         "JOIN municipality mun ON mun.id = v.municipality_id WHERE v.deleted = 0")
    assert [row[1:] for row in visit] == [("松本市", "2026-12-01", "11:30:00.000000", 0)]
    people = sql(db_path, "SELECT p.name, p.kana, mun.name, p.role, vp.side, vp.role FROM visit_participant vp "
                          "JOIN person p ON p.id = vp.person_id JOIN municipality mun ON mun.id = p.municipality_id "
                          "WHERE vp.visit_id = ? AND vp.deleted = 0", visit[0][0])
    assert people == [("信濃 花子", "しなの はなこ", "松本市", "第1層SC", "municipality", "第1層SC")]
    tasks = sql(db_path, "SELECT title, owner_name, due_date FROM follow_up_task WHERE visit_id = ?", visit[0][0])
    assert tasks == [("先行事例の資料を送る", "宮坂", "2026-12-25")]
    qtbot.waitUntil(lambda: page.visits.model.total == 1, timeout=2000)


@pytest.mark.parametrize(("typed", "message"), [
    ("R8.13.1", "訪問日: 「R8.13.1」は存在しない日付です"),
    ("未入力20261225", "訪問日: 「未入力20261225」は日付として読み取れません"),
])
def test_an_unreadable_date_is_said_at_its_field(qtbot: Any, window: MainWindow, db_path: Path,
                                                 typed: str, message: str) -> None:
    _open_visits(qtbot, window)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, VisitDialog)
        ui = dialog.ui
        _pick_municipality(qtbot, dialog, "まつ", "松本市")
        QTest.keyClick(_focused(), Qt.Key.Key_Tab)
        ui.visitDateEdit.selectAll()
        QTest.keyClicks(ui.visitDateEdit, "")
        type_text(ui.visitDateEdit, typed)
        QTest.keyClick(ui.visitDateEdit, Qt.Key.Key_Tab)
        assert ui.visitDateEdit.text() == typed  # kept as typed, not mixed with a placeholder
        assert is_invalid(ui.visitDateEdit) and message.split(": ", 1)[1] in ui.visitDateEdit.toolTip()
        _type_and_tab("25:00")
        assert is_invalid(ui.startTimeEdit)
        QTest.keyClick(_focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.isVisible()
        errors = ui.errorLabel.text()
        assert message in errors and "開始時刻: 「25:00」は時刻として正しくありません" in errors
        assert "入力してください" not in errors  # the field's own message, not 「訪問日を入力してください」
        ui.visitDateEdit.setFocus()
        ui.visitDateEdit.selectAll()
        _type_and_tab("1201")
        ui.startTimeEdit.selectAll()
        QTest.keyClicks(ui.startTimeEdit, "9:5")
        QTest.keyClick(ui.startTimeEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert not dialog.isVisible(), ui.errorLabel.text()

    seen = _new_visit_by_keyboard(window, fill)
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted
    year = dt.date.today().year
    assert sql(db_path, "SELECT visit_date, start_time FROM visit WHERE deleted = 0") == [
        (f"{year}-12-01", "09:05:00.000000")]


def test_calendars_open_at_today_and_at_the_visits_day(qtbot: Any, window: MainWindow) -> None:
    _open_visits(qtbot, window)
    opened: dict[str, QDate] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, VisitDialog)
        ui = dialog.ui
        ui.visitDateEdit.set_value(None)
        ui.visitDateEdit.setFocus()
        QTest.keyClick(ui.visitDateEdit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        popup = ui.visitDateEdit.popup
        assert popup is not None and popup.isVisible()
        opened["visit"] = popup.calendar.selectedDate()
        popup.close()
        _back_to(qtbot, dialog)
        ui.visitDateEdit.setFocus()
        _type_and_tab("R8.3.10")
        QTest.mouseClick(dialog.follow_ups.add_button, Qt.MouseButton.LeftButton)
        due = dialog.follow_ups.rows[0][2]
        due.calendar_action.trigger()
        opened["due"] = due.popup.calendar.selectedDate()
        # Picking a day in the calendar fills the field.
        due.popup.calendar.setSelectedDate(QDate(2026, 3, 24))
        due.popup.calendar.activated.emit(QDate(2026, 3, 24))
        assert due.text() == "2026-03-24(火)"
        dialog._edited = dialog._dirty = False

    seen = _new_visit_by_keyboard(window, fill)
    assert seen
    today = dt.date.today()
    assert opened["visit"] == QDate(today.year, today.month, today.day)
    assert opened["due"] == QDate(2026, 3, 10)


def _type_a_visit_and_wait_for_the_autosave(qtbot: Any, dialog: VisitDialog) -> None:
    dialog.autosave_timer.setInterval(50)
    _pick_municipality(qtbot, dialog, "まつ", "松本市")
    QTest.keyClick(_focused(), Qt.Key.Key_Tab)
    dialog.ui.visitDateEdit.selectAll()
    _type_and_tab("R8.12.1")
    # an autosave of what is typed now: one that fired mid-typing (today's date still in the
    # field) also shows the label, so the label alone would not say the date is in
    qtbot.waitUntil(lambda: not dialog._dirty and "下書きを保存しました" in dialog.ui.draftLabel.text(), timeout=3000)


@pytest.mark.parametrize("how", ["escape", "close_button", "閉じる"])
@pytest.mark.parametrize("answer", ["下書きを残す", "破棄", "保存"])
def test_closing_after_an_autosave_asks_and_does_what_was_answered(
    qtbot: Any, window: MainWindow, db_path: Path, monkeypatch: Any, answer: str, how: str,
) -> None:
    page = _open_visits(qtbot, window)
    asked = click_on_close_question(monkeypatch, answer)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, VisitDialog)
        _type_a_visit_and_wait_for_the_autosave(qtbot, dialog)
        assert sql(db_path, "SELECT is_draft FROM visit WHERE deleted = 0") == [(1,)]
        if how == "escape":
            QTest.keyClick(_focused(), Qt.Key.Key_Escape)
        elif how == "close_button":
            dialog.close()
        else:
            QTest.mouseClick(dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()

    seen = _new_visit_by_keyboard(window, fill)
    assert seen
    assert len(asked) == 1 and sorted(asked[0][1]) == sorted(["下書きを残す", "破棄", "保存", "入力に戻る"])
    assert "件数・集計・出力には含まれません" in asked[0][0]
    live = sql(db_path, "SELECT is_draft FROM visit WHERE deleted = 0")
    assert live == {"下書きを残す": [(1,)], "破棄": [], "保存": [(0,)]}[answer]
    if answer == "下書きを残す":
        qtbot.waitUntil(lambda: page.visits.model.total == 1, timeout=2000)
        state = page.visits.model.column_of("draft")
        assert page.visits.model.row_values(0)[state] == "下書き"


def test_back_to_the_form_from_the_question_keeps_it_open(qtbot: Any, window: MainWindow, monkeypatch: Any) -> None:
    _open_visits(qtbot, window)
    click_on_close_question(monkeypatch, "入力に戻る")

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, VisitDialog)
        _type_a_visit_and_wait_for_the_autosave(qtbot, dialog)
        QTest.keyClick(_focused(), Qt.Key.Key_Escape)
        assert dialog.isVisible() and dialog.ui.visitDateEdit.text() == "2026-12-01(火)"
        dialog._edited = dialog._dirty = False

    assert _new_visit_by_keyboard(window, fill)


def test_a_person_registered_for_a_discarded_visit_does_not_stay(qtbot: Any, window: MainWindow, db_path: Path,
                                                                 monkeypatch: Any) -> None:
    _open_visits(qtbot, window)
    click_on_close_question(monkeypatch, "破棄")

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, VisitDialog)
        _type_a_visit_and_wait_for_the_autosave(qtbot, dialog)
        QTest.mouseClick(dialog.participants.add_button, Qt.MouseButton.LeftButton)
        name = dialog.participants.rows[0][1]
        assert isinstance(name, QLineEdit)
        name.setFocus()
        type_text(name, "木曽 次郎")
        popup = name.completer().popup()
        qtbot.waitUntil(popup.isVisible, timeout=2000)
        QTest.keyClick(popup, Qt.Key.Key_Escape)  # the type-ahead closes
        _back_to(qtbot, dialog)
        assert _focused() is name
        QTest.keyClick(name, Qt.Key.Key_Tab)  # leaving a name that matches nobody offers to register it
        qtbot.waitUntil(dialog.new_person.isVisible, timeout=1000)
        type_text(dialog.new_person.kana_edit, "きそ じろう")
        QTest.mouseClick(dialog.new_person.register_button, Qt.MouseButton.LeftButton)
        assert sql(db_path, "SELECT count(*) FROM person WHERE name = '木曽 次郎' AND deleted = 0") == [(1,)]
        qtbot.waitUntil(lambda: bool(sql(db_path, "SELECT 1 FROM visit_participant WHERE deleted = 0")), timeout=3000)
        QTest.keyClick(_focused(), Qt.Key.Key_Escape)
        assert not dialog.isVisible()

    assert _new_visit_by_keyboard(window, fill)
    assert sql(db_path, "SELECT count(*) FROM visit WHERE deleted = 0") == [(0,)]
    assert sql(db_path, "SELECT count(*) FROM person WHERE name = '木曽 次郎' AND deleted = 0") == [(0,)]


@pytest.fixture
def demo_filled(ctx: Any) -> None:
    from sasaeai_desktop import demo

    demo.fill_demo(ctx.uow(), scale=1)


def test_on_demo_data_the_dashboard_counts_what_the_export_writes(
    demo_filled: None, qtbot: Any, window: MainWindow, shell: Any, db_path: Path, tmp_path: Path, monkeypatch: Any,
) -> None:
    from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
    from sasaeai_desktop.services.activities import log_sheets as activity_logs

    drafts = sql(db_path, "SELECT count(*) FROM visit WHERE deleted = 0 AND is_draft = 1")[0][0]
    assert drafts > 0  # the demo has drafts, as a real laptop does
    exported = activity_logs.export_log(shell.uow(), "visits", tmp_path / "visits.xlsx",
                                        fiscal_year=fiscal_year_of(dt.date.today()))
    window.show_page("dashboard")
    tile = window.current_page().tiles["visits"]
    qtbot.waitUntil(lambda: tile.number_label.text() == f"{exported:,}", timeout=3000)

    # A draft left by closing the form is counted neither.
    page = _open_visits(qtbot, window)
    click_on_close_question(monkeypatch, "下書きを残す")

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, VisitDialog)
        _type_a_visit_and_wait_for_the_autosave(qtbot, dialog)
        QTest.keyClick(_focused(), Qt.Key.Key_Escape)

    assert _new_visit_by_keyboard(window, fill)
    assert sql(db_path, "SELECT count(*) FROM visit WHERE deleted = 0 AND is_draft = 1")[0][0] == drafts + 1
    assert activity_logs.export_log(shell.uow(), "visits", tmp_path / "again.xlsx",
                                    fiscal_year=fiscal_year_of(dt.date.today())) == exported
    window.show_page("dashboard")
    qtbot.wait(200)
    assert tile.number_label.text() == f"{exported:,}"
    # The list shows the drafts too, marked, and says how many of its rows they are.
    qtbot.waitUntil(lambda: page.visits.drafts_listed == drafts + 1, timeout=3000)
    total = page.visits.model.total
    assert page.visits.count_label.text() == f"{total:,} 件（うち下書き {drafts + 1:,} 件）"


def test_the_consultation_form_reads_typed_dates_too(qtbot: Any, window: MainWindow, db_path: Path,
                                                     message_boxes: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    from sasaeai_desktop.gui.dialogs.consultation_dialog import ConsultationDialog

    message_boxes.answer = QMessageBox.StandardButton.Yes  # a failed step closes the form without hanging
    page = _open_visits(qtbot, window)
    page.tabs.setCurrentWidget(page.consultations)
    wait_loaded(qtbot, page.consultations)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ConsultationDialog)
        ui = dialog.ui
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is ui.receivedDateEdit, timeout=2000)
        ui.receivedDateEdit.selectAll()
        _type_and_tab("R8.11.30")
        assert ui.receivedDateEdit.text() == "2026-11-30(月)"
        ui.municipalityCombo.setCurrentText("松本市")
        ui.questionEdit.setFocus()
        type_text(ui.questionEdit, "協議体の進め方")
        ui.closedCheck.setChecked(True)
        ui.closedDateEdit.setFocus()
        _type_and_tab("1301")
        QTest.keyClick(_focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert dialog.isVisible() and "完了日: 「1301」は存在しない日付です" in ui.errorLabel.text()
        assert is_invalid(ui.closedDateEdit)
        ui.closedDateEdit.setFocus()
        ui.closedDateEdit.selectAll()
        type_text(ui.closedDateEdit, "令和8年12月2日")
        QTest.keyClick(ui.closedDateEdit, Qt.Key.Key_Tab)
        QTest.keyClick(_focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert not dialog.isVisible(), ui.errorLabel.text()

    assert _new_visit_by_keyboard(window, fill)
    assert sql(db_path, "SELECT received_date, closed_date FROM consultation WHERE deleted = 0") == [
        ("2026-11-30", "2026-12-02")]


def test_the_event_sessions_read_short_dates_within_the_fiscal_year(qtbot: Any, shell: Any) -> None:
    from sasaeai_desktop.gui.dialogs.event_dialog import EventDialog

    dialog = EventDialog(shell, None)
    qtbot.addWidget(dialog)
    dialog.ui.fiscalYearSpin.setValue(2026)
    dialog.ui.sessionTable.item(0, 0).setText("7/1")
    dialog.ui.sessionTable.item(0, 1).setText("1330")
    dialog._add_session_row(None)
    dialog.ui.sessionTable.item(1, 0).setText("0210")  # February of the 年度: the next calendar year
    sessions = dialog.collect().sessions
    assert [(s.date, s.start_time) for s in sessions] == [(dt.date(2026, 7, 1), dt.time(13, 30)), (dt.date(2027, 2, 10), None)]
    dialog.ui.sessionTable.item(1, 1).setText("25:00")
    with pytest.raises(Exception, match="2行目の時刻: 「25:00」は時刻として正しくありません"):
        dialog.collect()


def test_the_status_form_reads_typed_wareki_dates(qtbot: Any, window: MainWindow, shell: Any) -> None:
    from sasaeai_desktop.gui.dialogs.status_dialog import StatusDialog
    from sasaeai_desktop.services.progress import status

    window.show_page("municipalities")
    page = window.current_page()
    wait_loaded(qtbot, page)
    page.view.selectRow(0)
    mid = page.selected_id()
    assert mid is not None

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, StatusDialog)
        field = dialog.widgets["transition_date"]
        field.setFocus()
        type_text(field, "H29.13.1")
        dialog.ui.buttonBox.accepted.emit()
        assert dialog.isVisible() and "総合事業の移行時期: 「H29.13.1」は存在しない日付です" in dialog.error_label.text()
        assert is_invalid(field)
        field.selectAll()
        type_text(field, "平成29年4月1日")
        dialog.ui.buttonBox.accepted.emit()
        assert not dialog.isVisible(), dialog.error_label.text()

    seen = when_modal(fill)
    QTest.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    assert seen
    fy = seen[0].fiscal_year  # type: ignore[attr-defined]
    assert status.get_status(shell.uow(), mid, fy).values["transition_date"] == dt.date(2017, 4, 1)


def test_a_dispatch_day_typed_without_a_year_follows_the_request_date(
    qtbot: Any, window: MainWindow, message_boxes: Any,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from sasaeai_desktop.gui.dialogs.dispatch_dialog import DispatchDialog

    message_boxes.answer = QMessageBox.StandardButton.Yes  # closing at the end throws the form away
    page = _open_visits(qtbot, window)
    page.tabs.setCurrentWidget(page.dispatches)
    wait_loaded(qtbot, page.dispatches)
    shown: dict[str, str] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, DispatchDialog)
        ui = dialog.ui
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        ui.requestDateEdit.setFocus()
        ui.requestDateEdit.selectAll()
        _type_and_tab("R8.12.20")
        QTest.mouseClick(dialog.days.add_button, Qt.MouseButton.LeftButton)
        day, start = dialog.days.rows[-1][:2]
        day.setFocus()
        day.selectAll()
        _type_and_tab("1/15")
        shown["day"] = day.text()
        assert _focused() is start
        _type_and_tab("930")
        shown["start"] = start.text()

    assert _new_visit_by_keyboard(window, fill)
    assert shown == {"day": "2027-01-15(金)", "start": "09:30"}


def test_no_autosave_while_a_date_is_half_typed(qtbot: Any, window: MainWindow, db_path: Path) -> None:
    _open_visits(qtbot, window)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, VisitDialog)
        _type_a_visit_and_wait_for_the_autosave(qtbot, dialog)
        dialog.autosave_timer.stop()
        ui = dialog.ui
        ui.visitDateEdit.setFocus()
        ui.visitDateEdit.selectAll()
        QTest.keyClicks(ui.visitDateEdit, "R8.1")  # still typing
        assert not dialog.autosave()
        assert sql(db_path, "SELECT visit_date FROM visit WHERE deleted = 0") == [("2026-12-01",)]
        QTest.keyClicks(ui.visitDateEdit, "2.3")
        assert dialog.autosave()
        assert sql(db_path, "SELECT visit_date FROM visit WHERE deleted = 0") == [("2026-12-03",)]
        dialog._edited = dialog._dirty = False

    assert _new_visit_by_keyboard(window, fill)
