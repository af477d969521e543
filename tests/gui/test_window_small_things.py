"""Small things an officer met on the first day, through the real window."""

from __future__ import annotations

from typing import Any

from .helpers import wait_loaded


def test_an_empty_list_says_what_to_do(qtbot: Any, window: Any) -> None:
    window.show_page("activities")
    visits = window.current_page().current()
    wait_loaded(qtbot, visits)
    assert visits.model.total == 0
    assert visits.empty_label.isVisible() and not visits.view.isVisible()
    assert "まだ訪問記録はありません" in visits.empty_label.text() and "［新規］" in visits.empty_label.text()
    window.show_page("people")
    people = window.current_page()
    wait_loaded(qtbot, people)
    assert people.empty_label.isVisible() and "Excelから取り込めます" in people.empty_label.text()


def test_a_list_with_rows_shows_its_table(qtbot: Any, window: Any) -> None:
    window.show_page("municipalities")
    page = window.current_page()
    wait_loaded(qtbot, page)
    assert page.view.isVisible() and not page.empty_label.isVisible()


def test_the_empty_dashboard_no_longer_promises_a_later_release(qtbot: Any, window: Any) -> None:
    dashboard = window.current_page()
    wait_loaded(qtbot, dashboard)
    text = dashboard.hint_label.text()
    assert "今後のリリース" not in text and "［新規］" in text
