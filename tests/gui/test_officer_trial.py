"""A prefecture officer's day through the main window, keyboard first: what got in the way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.dialogs.visit_dialog import VisitDialog
from sasaeai_desktop.gui.main_window import MainWindow

from .helpers import sql
from .helpers import type_text
from .helpers import wait_loaded
from .helpers import when_modal
from .visit_form_helpers import click_on_close_question


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _activate(qtbot: Any, dialog: QDialog) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)


def _pick_municipality(qtbot: Any, dialog: VisitDialog) -> None:
    combo = dialog.ui.municipalityCombo
    combo.setFocus()
    type_text(combo.lineEdit(), "まつもと")
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: combo.currentText() == "松本市" and not popup.isVisible(), timeout=1000)
    qtbot.wait(10)
    _activate(qtbot, dialog)


def test_enter_on_the_add_participant_button_adds_a_row_and_does_not_save(
    qtbot: Any, window: MainWindow, db_path: Path, monkeypatch: Any
) -> None:
    """Tab lands on 「＋ 参加者を追加」; Enter there used to press the hidden default 保存 and
    close the form with the visit saved (not even a draft) and no participant."""
    click_on_close_question(monkeypatch, "破棄")
    window.show_page("activities")
    wait_loaded(qtbot, window.current_page().visits)
    before = sql(db_path, "select count(*) from visit")[0][0]
    state: dict[str, Any] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, VisitDialog)
        _activate(qtbot, dialog)
        _pick_municipality(qtbot, dialog)
        # Enter in a one-line field or on the 目的区分 list moves nothing and saves nothing.
        for widget in (dialog.ui.placeEdit, dialog.ui.purposeCategoryCombo):
            widget.setFocus()
            QTest.keyClick(widget, Qt.Key.Key_Return)
            assert dialog.isVisible(), f"Enter on {widget.objectName()} closed the form"
        add = dialog.participants.add_button
        add.setFocus()
        QTest.keyClick(add, Qt.Key.Key_Return)
        state["open_after_enter"] = dialog.isVisible()
        state["rows"] = len(dialog.participants.rows)
        follow = dialog.follow_ups.add_button
        follow.setFocus()
        QTest.keyClick(follow, Qt.Key.Key_Enter)
        state["follow_rows"] = len(dialog.follow_ups.rows)
        state["still_open"] = dialog.isVisible()

    when_modal(fill)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert state["open_after_enter"], "Enter on 「＋ 参加者を追加」 closed the form"
    assert state["rows"] == 1
    assert state["follow_rows"] == 1 and state["still_open"]
    assert sql(db_path, "select count(*) from visit where is_draft = 0")[0][0] <= before


def _tab_from(widget: QWidget, times: int = 1) -> QWidget:
    widget.setFocus()
    for _ in range(times):
        QTest.keyClick(_focused(), Qt.Key.Key_Tab)
    return _focused()


def test_tab_keeps_added_participant_rows_where_they_are_read(qtbot: Any, window: MainWindow, monkeypatch: Any) -> None:
    """A participant row added with the button used to join the end of the Tab chain: from 目的
    Tab skipped the participants, which came only after 閉じる."""
    click_on_close_question(monkeypatch, "破棄")
    window.show_page("activities")
    wait_loaded(qtbot, window.current_page().visits)
    state: dict[str, Any] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, VisitDialog)
        _activate(qtbot, dialog)
        ui = dialog.ui
        add = dialog.participants.add_button
        add.setFocus()
        QTest.keyClick(add, Qt.Key.Key_Space)
        QTest.keyClick(_focused(), Qt.Key.Key_Tab)  # the new row's 氏名
        type_text(_focused(), "山田")
        side, name, role, remove = dialog.participants.rows[0]
        follow = dialog.follow_ups.add_button
        follow.setFocus()
        QTest.keyClick(follow, Qt.Key.Key_Space)
        title, owner, due, done, follow_remove = dialog.follow_ups.rows[0]
        state["after_purpose"] = _tab_from(ui.purposeEdit)
        state["side"] = side
        state["after_row"] = _tab_from(remove)
        state["after_add"] = _tab_from(add)
        state["after_advice"] = _tab_from(ui.adviceEdit)
        state["title"] = title
        state["after_follow_add"] = _tab_from(follow)
        state["after_close"] = _tab_from(ui.buttonBox.button(ui.buttonBox.StandardButton.Cancel))
        state["municipality"] = ui.municipalityCombo

    when_modal(fill)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert state["after_purpose"] is state["side"]
    assert state["after_add"].placeholderText().startswith("把握した状況")
    assert state["after_advice"] is state["title"]
    assert state["after_follow_add"].placeholderText().startswith("例: 1225")  # 次回訪問
    assert state["after_close"] in (state["municipality"], state["municipality"].lineEdit())


def test_tab_through_the_dispatch_form_reaches_the_days_between_status_and_report(
    qtbot: Any, window: MainWindow, monkeypatch: Any, message_boxes: Any
) -> None:
    """「＋ 派遣日を追加」 and the day rows came after 閉じる, and the scroll area was a Tab stop."""
    from PySide6.QtWidgets import QMessageBox

    message_boxes.answer = QMessageBox.StandardButton.Yes  # 破棄して閉じますか？ → はい, at the end
    window.show_page("activities")
    page = window.current_page()
    page.tabs.setCurrentIndex(2)
    wait_loaded(qtbot, page.dispatches)
    state: dict[str, Any] = {}

    def fill(dialog: QDialog) -> None:
        _activate(qtbot, dialog)
        ui = dialog.ui  # type: ignore[attr-defined]
        days = dialog.days  # type: ignore[attr-defined]
        state["after_status"] = _tab_from(ui.statusCombo)
        state["add"] = days.add_button
        QTest.keyClick(days.add_button, Qt.Key.Key_Return)
        state["row"] = days.rows[0]
        state["focus_after_add"] = _focused()
        state["after_row"] = _tab_from(days.rows[0][-1])
        state["after_status_2"] = _tab_from(ui.statusCombo)
        state["after_add"] = _tab_from(days.add_button)
        state["after_report"] = _tab_from(ui.outcomeEdit)
        state["outcome"], state["filter"] = ui.outcomeEdit, ui.advisorFilterEdit

    when_modal(fill)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert state["after_status"] is state["add"]
    assert state["focus_after_add"] is state["row"][0]  # Enter on the button added a day, cursor in it
    assert state["after_row"] is state["add"]
    assert state["after_status_2"] is state["row"][0]
    assert state["after_add"] is state["outcome"]
    assert state["after_report"] is state["filter"]


@pytest.mark.parametrize("page_key, attribute", [("advisors", "activityEdit"), ("advisors", "notesEdit"),
                                                 ("trainings", "notesEdit"), ("trainings", "questionsEdit")])
def test_tab_leaves_a_free_text_box_in_the_advisor_and_event_forms(
    qtbot: Any, window: MainWindow, message_boxes: Any, page_key: str, attribute: str
) -> None:
    """日頃の活動分野, 備考, プログラム and the survey items took Tab as a tab character: the officer
    tabbing down the form was stuck there."""
    from PySide6.QtWidgets import QMessageBox

    message_boxes.answer = QMessageBox.StandardButton.Yes  # 破棄して閉じますか？
    window.show_page(page_key)
    qtbot.wait(100)
    state: dict[str, Any] = {}

    def fill(dialog: QDialog) -> None:
        _activate(qtbot, dialog)
        box = getattr(dialog.ui, attribute)
        box.setFocus()
        QTest.keyClicks(box, "abc")
        QTest.keyClick(box, Qt.Key.Key_Tab)
        state["text"] = box.toPlainText()
        state["left"] = _focused() is not box

    when_modal(fill)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert state["text"] == "abc"
    assert state["left"]


def test_opening_the_reception_tab_puts_the_cursor_in_the_box(qtbot: Any, window: MainWindow, db_path: Path) -> None:
    """Clicking 受付 left the focus on the tab bar: the first scanned code went nowhere."""
    from sasaeai_desktop.services import people
    from sasaeai_desktop.services.trainings import events
    from sasaeai_desktop.services.trainings import registrations

    uow = window.shell.uow
    muni = sql(db_path, "SELECT id FROM municipality WHERE name = '松本市'")[0][0]
    import datetime as dt

    event = events.save_event(uow(), events.EventData(None, "養成研修", "受付の練習", 2026,
                                            sessions=(events.SessionData(None, dt.date(2026, 12, 10)),)))
    person = people.save(uow(), people.PersonData(None, "信濃 太郎", "しなの たろう", "第2層SC", muni))
    code = registrations.short_code(registrations.register(uow(), event, person).registration_id)
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # 研修
    page = window.current_page()
    page.reload()
    for i in range(page.events.count()):
        if page.events.item(i).data(Qt.ItemDataRole.UserRole) == event:
            page.events.setCurrentRow(i)
    bar = page.tabs.tabBar()
    index = page.tabs.indexOf(page.desk)
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert page.tabs.currentWidget() is page.desk
    QTest.keyClicks(_focused(), code)
    QTest.keyClick(_focused(), Qt.Key.Key_Return)
    assert sql(db_path, "SELECT count(*) FROM attendance WHERE present = 1 AND registration_id IN "
                        "(SELECT id FROM registration WHERE event_id = ?)", event)[0][0] == 1


def test_typing_on_the_visits_page_goes_to_its_search_box(qtbot: Any, window: MainWindow) -> None:
    """訪問・相談 opened with the focus on its tab bar: typed text went nowhere (the other list
    pages put it in their search box). After Ctrl+Tab the next tab's box has it."""
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # 市町村, searching there
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert _focused() is window.current_page().search_box()
    QTest.keyClick(_focused(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    wait_loaded(qtbot, page.visits)
    type_text(_focused(), "松本")
    assert page.visits.search_box().text() == "松本"
    QTest.keyClick(_focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.current() is page.consultations
    type_text(_focused(), "協議体")
    assert page.consultations.search_box().text() == "協議体"


@pytest.mark.parametrize("page_key, table, box", [("advisors", "advisor", "activityEdit"), ("people", "person", "notesEdit")])
def test_ctrl_enter_saves_the_advisor_and_person_forms_too(
    qtbot: Any, window: MainWindow, db_path: Path, page_key: str, table: str, box: str
) -> None:
    """The visit, consultation and dispatch forms save with Ctrl+Enter (their button says so);
    in the advisor and person forms it did nothing, and from a free-text box, where Enter is a new
    line, there was no key that saved at all."""
    window.show_page(page_key)
    wait_loaded(qtbot, window.current_page())
    state: dict[str, Any] = {}

    def fill(dialog: QDialog) -> None:
        _activate(qtbot, dialog)
        type_text(_focused(), "信濃 一郎")
        QTest.keyClick(_focused(), Qt.Key.Key_Tab)
        type_text(_focused(), "しなの いちろう")
        text_box = getattr(dialog, box, None) or getattr(dialog.ui, box)  # type: ignore[attr-defined]
        text_box.setFocus()
        QTest.keyClicks(text_box, "memo")
        QTest.keyClick(text_box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        state["closed"] = not dialog.isVisible()

    when_modal(fill)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert state["closed"]
    person = "(SELECT id FROM person WHERE name = '信濃 一郎' AND deleted = 0)"
    key = "person_id" if table == "advisor" else "id"
    assert sql(db_path, f"SELECT count(*) FROM {table} WHERE {key} IN {person} AND deleted = 0")[0][0] == 1


@pytest.mark.parametrize("number, key", [(2, "municipalities"), (3, "activities"), (6, "catalogue"), (7, "people"), (8, "grants")])
def test_ctrl_number_puts_the_cursor_in_the_page_search_box(qtbot: Any, window: MainWindow, number: int, key: str) -> None:
    """Ctrl+2…8 from the side bar (where the window starts) left the focus there: a name typed
    next went to the side bar's own type-ahead instead of the page's search."""
    window.navigation.setFocus()
    QTest.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == key
    type_text(_focused(), "松本")
    assert window.current_page().search_box().text() == "松本"


@pytest.mark.parametrize("tab, table, day_column, noun", [
    (0, "visit", "visit_date", "の訪問記録"), (1, "consultation", "received_date", "の相談記録"),
])
def test_deleting_a_visit_asks_about_the_visit_not_the_town(
    qtbot: Any, window: MainWindow, db_path: Path, message_boxes: Any, tab: int, table: str, day_column: str, noun: str
) -> None:
    """Del on a visit asked 「松本市」を削除しますか？, as if the town itself were going."""
    from .sample_data import add_sample_records

    add_sample_records(db_path)
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    page.tabs.setCurrentIndex(tab)
    page.reload()
    wait_loaded(qtbot, page.current())
    QTest.keyClick(_focused(), Qt.Key.Key_Return)  # from the search box to the first row
    QTest.keyClick(_focused(), Qt.Key.Key_Delete)
    kind, title, text = message_boxes.shown[-1]
    assert kind == "question"
    assert noun in text, text
    assert "/" in text.split("」")[0]  # the day is named
    assert sql(db_path, f"SELECT count(*) FROM {table} WHERE deleted = 1")[0][0] == 0  # いいえ: nothing gone


def test_the_participant_type_ahead_shows_its_lines_whole(qtbot: Any, window: MainWindow, monkeypatch: Any) -> None:
    """The suggestion list was as narrow as the 氏名 field: 「＋「Yamada」を新しい…」."""
    click_on_close_question(monkeypatch, "破棄")
    window.show_page("activities")
    wait_loaded(qtbot, window.current_page().visits)
    state: dict[str, Any] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, VisitDialog)
        _activate(qtbot, dialog)
        add = dialog.participants.add_button
        add.setFocus()
        QTest.keyClick(add, Qt.Key.Key_Space)
        QTest.keyClick(_focused(), Qt.Key.Key_Tab)
        name = _focused()
        type_text(name, "信濃 花子")
        popup = name.completer().popup()
        qtbot.waitUntil(popup.isVisible, timeout=2000)
        label = "＋「信濃 花子」を新しい人として登録"
        state["needed"] = popup.fontMetrics().horizontalAdvance(label)
        state["width"] = popup.viewport().width()
        popup.hide()

    when_modal(fill)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert state["width"] >= state["needed"]
