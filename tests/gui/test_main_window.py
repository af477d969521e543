"""The main window: every page opens and shows real data; sorting and searching go through SQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from sasaeai_desktop.gui.main_window import MainWindow
from sasaeai_desktop.gui.pages.catalog import PAGE_KEYS
from sasaeai_desktop.services import listing

from .helpers import sql
from .helpers import type_text
from .helpers import wait_loaded
from .sample_data import add_sample_records


def _cell(page: Any, row: int, key: str) -> str:
    return page.model.index(row, page.model.column_of(key)).data()


def test_navigation_order_and_title(window: MainWindow) -> None:
    labels = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert labels == ["ダッシュボード", "市町村", "訪問・相談", "研修", "アドバイザー", "地域資源", "人", "補助金", "同期", "設定"]
    assert window.windowTitle() == "SasaeAI Desktop — 長野県"
    assert window.current_key() == "dashboard"
    # only the page shown so far was built
    assert list(window.pages) == ["dashboard"]


def test_every_page_shows_real_data(qtbot: Any, shell: Any, db_path: Path) -> None:
    add_sample_records(db_path, people=30)
    window = MainWindow(shell)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    for key in PAGE_KEYS:
        window.show_page(key)
        wait_loaded(qtbot, window.current_page())

    # no stray top-level windows (a parentless label made visible would be one, and steal focus)
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]

    dashboard = window.pages["dashboard"]
    assert dashboard.tiles["municipalities"].number_label.text() == "77"
    assert dashboard.tiles["people"].number_label.text() == "30"
    assert dashboard.tiles["advisors"].number_label.text() == "8"
    assert "年度" in dashboard.activity_header.text()

    municipalities = window.pages["municipalities"]
    assert municipalities.model.total == 77 == municipalities.model.rowCount()
    assert sql(db_path, "SELECT count(*) FROM municipality WHERE kind = '区'") == [(0,)]
    headers = [municipalities.model.headerData(i, Qt.Orientation.Horizontal) for i in range(8)]
    assert headers == [c.label for c in listing.columns("municipalities")]
    assert _cell(municipalities, 0, "name") == "長野市"  # code order: 202011 first

    activities = window.pages["activities"]
    assert [activities.tabs.tabText(i) for i in range(activities.tabs.count())] == [
        "訪問・助言", "相談対応", "アドバイザー派遣", "フォローアップ", "検索",
    ]
    visits = activities.lists[0]
    assert visits.model.total == 40
    newest = sql(db_path, "SELECT max(visit_date) FROM visit")[0][0]
    assert _cell(visits, 0, "visit_date") == newest.replace("-", "/")  # newest first, shown as 2026/05/01
    window.show_page("activities")  # a tab loads when it is first shown
    activities.tabs.setCurrentIndex(1)
    wait_loaded(qtbot, activities.lists[1])
    assert activities.lists[1].model.total == 15

    assert window.pages["trainings"].events.count() == 6  # the 研修 page: events list + detail
    advisors = window.pages["advisors"]
    assert advisors.model.total == 8
    bools = {_cell(advisors, r, "phone_ok") for r in range(8)}
    assert bools <= {"○", "×", ""}
    assert window.pages["people"].model.total == 30

    replica = sql(db_path, "SELECT value FROM local_meta WHERE key = 'replica_id'")[0][0]
    dataset = sql(db_path, "SELECT value FROM local_meta WHERE key = 'dataset_id'")[0][0]
    assert window.pages["sync"].replica_label.text() == replica
    assert window.pages["sync"].dataset_label.text() == dataset

    settings = window.pages["settings"]
    assert settings.db_path_label.text() == str(db_path)
    assert settings.schema_label.text() == sql(db_path, "SELECT version_num FROM alembic_version")[0][0]
    assert "長野県" in settings.prefecture_label.text()


def test_status_bar_shows_path_prefecture_and_count(qtbot: Any, window: MainWindow, db_path: Path) -> None:
    window.show_page("municipalities")
    page = window.current_page()
    wait_loaded(qtbot, page)
    qtbot.waitUntil(lambda: window.count_label.text().startswith("77 件中 1–"))
    assert window.db_path_label.toolTip() == str(db_path)
    assert window.prefecture_label.text() == "長野県"


def test_sorting_by_kana_descending_is_done_in_sql(qtbot: Any, window: MainWindow, db_path: Path) -> None:
    window.show_page("municipalities")
    page = window.current_page()
    wait_loaded(qtbot, page)
    header = page.view.horizontalHeader()
    kana_col = page.model.column_of("kana")
    fetched_before = page.model.blocks_fetched
    for _ in range(2):  # a click sorts by the column; a second click reverses if needed
        x = header.sectionViewportPosition(kana_col) + header.sectionSize(kana_col) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
        if page.model.descending:
            break
    assert page.model.sort_key == "kana" and page.model.descending
    assert page.model.blocks_fetched > fetched_before  # re-queried, not sorted in Python
    expected = sql(
        db_path, "SELECT name FROM municipality WHERE deleted = 0 ORDER BY kana DESC, id LIMIT 1"
    )[0][0]
    assert _cell(page, 0, "name") == expected


def test_search_filters_after_a_pause(qtbot: Any, window: MainWindow) -> None:
    window.show_page("municipalities")
    page = window.current_page()
    wait_loaded(qtbot, page)
    page.search_edit.setFocus()
    type_text(page.search_edit, "松本")
    assert page.model.total == 77  # debounced: nothing re-queried on every key stroke
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=2000)
    assert _cell(page, 0, "name") == "松本市"
    assert page.count_label.text() == "1 件"
    page.search_edit.clear()
    qtbot.waitUntil(lambda: page.model.total == 77, timeout=2000)


def test_keyboard_shortcuts(qtbot: Any, window: MainWindow) -> None:
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "municipalities"
    page = window.current_page()
    wait_loaded(qtbot, page)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.focusWidget() is page.search_edit)
    # Enter in the search box goes to the first result instead of opening something
    QTest.keyClick(page.search_edit, Qt.Key.Key_Return)
    assert page.selected_row() == 0
    assert window.open_action.isEnabled() and window.delete_action.isEnabled()
    QTest.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "catalogue"
    QTest.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "grants"
    QTest.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # the tenth page
    assert window.current_key() == "settings"
    assert not window.new_action.isEnabled() and not window.find_action.isEnabled()
    assert window.page_actions["settings"].isChecked()


def test_dashboard_tile_leads_to_its_list(qtbot: Any, window: MainWindow) -> None:
    dashboard = window.current_page()
    wait_loaded(qtbot, dashboard)
    QTest.mouseClick(dashboard.tiles["people"], Qt.MouseButton.LeftButton)
    assert window.current_key() == "people"


def test_export_is_offered_for_municipalities_only(qtbot: Any, window: MainWindow) -> None:
    window.show_page("municipalities")
    assert window.export_action.isEnabled()
    window.show_page("people")  # phone numbers and e-mail addresses: not written to loose files
    assert not window.export_action.isEnabled()


def test_export_writes_the_list_as_shown(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any, message_boxes: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from sasaeai_desktop.gui import tasks

    target = tmp_path / "市町村一覧"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.show_page("municipalities")
    page = window.current_page()
    wait_loaded(qtbot, page)
    page.search_edit.setText("松本")
    page.apply_search()
    window.export_action.trigger()
    assert tasks.wait_for_idle(20000)
    written = target.with_suffix(".xlsx")
    qtbot.waitUntil(lambda: "出力しました" in window.statusBar().currentMessage(), timeout=5000)
    assert message_boxes.shown == []
    assert written.stat().st_size > 0
    from openpyxl import load_workbook

    values = [c for row in load_workbook(written, read_only=True).active.iter_rows(values_only=True) for c in row]
    assert "松本市" in values and "長野市" not in values  # searched as on screen


def test_delete_key_in_the_search_box_edits_text_not_rows(qtbot: Any, window: MainWindow, message_boxes: Any) -> None:
    window.show_page("municipalities")
    page = window.current_page()
    wait_loaded(qtbot, page)
    page.select_row(3)
    page.search_edit.setFocus()
    page.search_edit.setText("abc")
    page.search_edit.setCursorPosition(0)
    qtbot.waitUntil(lambda: window.focusWidget() is page.search_edit)
    QTest.keyClick(page.search_edit, Qt.Key.Key_Delete)
    assert page.search_edit.text() == "bc"
    assert message_boxes.shown == []  # no 削除の確認: the row was not at stake
