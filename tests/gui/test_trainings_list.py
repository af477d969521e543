"""Issue 15, item 9 (研修 page): the event list has a 年度 filter and a search box (SQL), titles are
shown on one line each instead of wrapping, and the 申込・出欠 grid of a 2-日程 course fits a
1366-px screen without scrolling sideways. Driven through the main window."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people
from sasaeai_desktop.services.trainings import checkin
from sasaeai_desktop.services.trainings import events as training_events
from sasaeai_desktop.services.trainings import group_work
from sasaeai_desktop.services.trainings import registrations
from tests.gui.helpers import type_text

THIS_FY = fiscal_year_of(dt.date.today())
LONG_TITLE = f"{fiscal_year_label(THIS_FY)} 生活支援コーディネーターフォローアップ研修（第2層協議体の運営と地域資源の把握・第3回）"


def _event(shell: Any, title: str, fy: int, venue: str = "", *, days: int = 1, event_type: str = "養成研修") -> str:
    first = dt.date(fy, 9, 1)
    return training_events.save_event(shell.uow(), training_events.EventData(None, event_type, title, fy, sessions=tuple(
        training_events.SessionData(None, first + dt.timedelta(days=30 * n), f"{n + 1}日目", venue, 40) for n in range(days))))


@pytest.fixture
def events(shell: Any) -> dict[str, str]:
    return {
        "old": _event(shell, "生活支援コーディネーター養成研修", THIS_FY - 1, "長野市ふれあい福祉センター"),
        "old_block": _event(shell, "中信ブロック情報交換会", THIS_FY - 1, "松本市総合社会福祉センター", event_type="情報交換会"),
        "long": _event(shell, LONG_TITLE, THIS_FY, "上田市ふれあい福祉センター"),
        "block": _event(shell, "南信ブロック情報交換会", THIS_FY, "飯田市 鼎公民館", event_type="情報交換会"),
    }


def _ids(page: Any) -> set[str]:
    return {page.events.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.events.count())}


def test_year_filter_defaults_to_this_year_and_search_narrows(qtbot: Any, window: Any, events: dict[str, str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window.show_page("trainings")
    page = window.pages["trainings"]
    opened: list[str | None] = []
    monkeypatch.setattr(page, "open_selected", lambda: opened.append(page.event_id))  # 開く (Enter) would open the form
    assert page.year_combo.currentData() == THIS_FY
    assert _ids(page) == {events["long"], events["block"]}
    assert window.count_label.text() == "研修 2 件"

    page.year_combo.setFocus()
    QTest.keyClick(page.year_combo, Qt.Key.Key_Home)  # すべての年度
    assert page.year_combo.currentData() is None and _ids(page) == set(events.values())
    QTest.keyClick(page.year_combo, Qt.Key.Key_End)  # the oldest 年度
    assert page.year_combo.currentData() == THIS_FY - 1 and _ids(page) == {events["old"], events["old_block"]}
    QTest.keyClick(page.year_combo, Qt.Key.Key_Home)

    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # 検索
    assert QApplication.focusWidget() is page.search_edit
    type_text(page.search_edit, "ブロック")
    qtbot.waitUntil(lambda: _ids(page) == {events["old_block"], events["block"]}, timeout=3000)
    page.search_edit.clear()
    type_text(page.search_edit, "松本")  # a 日程's venue
    qtbot.waitUntil(lambda: _ids(page) == {events["old_block"]}, timeout=3000)
    assert page.event_id == events["old_block"] and "中信ブロック" in page.header.text()
    QTest.keyClick(page.search_edit, Qt.Key.Key_Return)  # to the list, not the window's 開く (the event form)
    assert QApplication.focusWidget() is page.events and opened == []
    page.search_edit.setFocus()
    QTest.keyClick(page.search_edit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.events

    page.search_edit.clear()
    type_text(page.search_edit, "該当なし")
    qtbot.waitUntil(lambda: page.events.count() == 0, timeout=3000)
    assert page.event_id is None and page.header.text() == "" and page.empty_label.isVisible()
    assert not page.import_regs_btn.isEnabled() and not page.edit_btn.isEnabled()


def test_copying_to_next_year_shows_the_copy(window: Any, events: dict[str, str]) -> None:
    window.show_page("trainings")
    page = window.pages["trainings"]
    for i in range(page.events.count()):
        if page.events.item(i).data(Qt.ItemDataRole.UserRole) == events["block"]:
            page.events.setCurrentRow(i)
    QTest.mouseClick(page.sessions.copy_btn, Qt.MouseButton.LeftButton)
    assert page.year_combo.currentData() == THIS_FY + 1  # the filter followed, the copy is not hidden
    assert page.event_id not in events.values() and _ids(page) == {page.event_id}
    assert "南信ブロック情報交換会" in page.events.currentItem().text()


def test_long_titles_take_one_line_with_the_date_under_them(window: Any, shell: Any, events: dict[str, str]) -> None:
    window.resize(1366, 768)
    window.show_page("trainings")
    page = window.pages["trainings"]
    items = {page.events.item(i).data(Qt.ItemDataRole.UserRole): page.events.item(i) for i in range(page.events.count())}
    long_item, short_item = items[events["long"]], items[events["block"]]
    stored = training_events.get_event(shell.uow(), events["long"]).title  # as saved (NFKC: （） → ())
    title, detail = long_item.text().split("\n")
    assert title == stored.split(" ", 1)[1]  # 「令和N年度 」 left out: the filter and the date say it
    assert detail.startswith(f"{THIS_FY}-09-01(") and "申込0" in detail
    assert stored in long_item.toolTip()
    # Every event is two lines high, however long its title: no wrapping into a third line.
    assert page.events.visualItemRect(long_item).height() == page.events.visualItemRect(short_item).height()
    assert page.events.visualItemRect(long_item).height() < 3 * page.events.fontMetrics().height() + 12
    assert not page.events.horizontalScrollBar().isVisible()


def test_registration_grid_of_a_two_day_course_fits_1366(window: Any, shell: Any) -> None:
    uow = shell.uow
    ids = {name: mid for mid, name in municipalities.choices(uow())}
    eid = _event(shell, "生活支援コーディネーター養成研修", THIS_FY, "長野県社会福祉総合センター", days=2)
    sessions = [s.id for s in training_events.get_event(uow(), eid).sessions]
    names = [("佐々木 美由紀", "ささき みゆき", "北佐久郡軽井沢町"), ("長谷川 健太郎", "はせがわ けんたろう", "下伊那郡阿智村"),
             ("小笠原 由紀子", "おがさわら ゆきこ", "東筑摩郡山形村"), ("宮澤 一", "みやざわ はじめ", "松本市")]
    for n, (name, kana, town) in enumerate(names):
        pid = people.save(uow(), people.PersonData(None, name, kana, "第2層SC", ids.get(town) or ids["松本市"],
                                                  affiliation="社会福祉協議会 地域福祉課"))
        rid = registrations.register(uow(), eid, pid).registration_id
        checkin.mark_attendance(uow(), rid, sessions[0], n % 2 == 0)
    group_work.assign_groups(uow(), eid, 2)

    window.resize(1366, 768)
    window.show_page("trainings")
    page = window.pages["trainings"]
    page.tabs.setCurrentWidget(page.regs.parentWidget())
    QApplication.processEvents()
    grid = page.regs
    assert grid.rowCount() == 4
    heads = [grid.horizontalHeaderItem(j).text() for j in range(grid.columnCount())]
    assert heads[-3:] == ["1日目", "2日目", "注意"] and "ふりがな" not in heads
    assert grid.horizontalScrollBar().maximum() == 0
    last = grid.columnCount() - 1
    assert grid.columnViewportPosition(last) + 40 <= grid.viewport().width()  # 注意 is on screen too
    name_col = heads.index("氏名")
    assert grid.item(0, name_col).text() == "佐々木 美由紀" and "ささき みゆき" in grid.item(0, name_col).toolTip()
    assert [grid.item(i, heads.index("1日目")).text() for i in range(4)] == ["○", "×", "○", "×"]
