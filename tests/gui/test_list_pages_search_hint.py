"""Each list's search box says what it searches, in the terms of that list."""

from __future__ import annotations

from typing import Any

from sasaeai_desktop.gui.pages.list_page import ListPage


def test_search_box_hint_follows_the_list(qtbot: Any, shell: Any) -> None:
    hints = {}
    for kind in ("municipalities", "people", "visits", "consultations"):
        page = ListPage(shell, kind)
        qtbot.addWidget(page)
        hints[kind] = page.search_edit.placeholderText()
    assert "コード" in hints["municipalities"] and "所属" in hints["people"]
    assert "助言" in hints["visits"] and "所属" not in hints["visits"]
    assert "相談内容" in hints["consultations"]
