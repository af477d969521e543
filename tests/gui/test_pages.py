"""Settings, the advisor roster's form, change notifications and F5."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.dialogs.advisor_dialog import AdvisorDialog
from sasaeai_desktop.gui.dialogs.field_errors import is_invalid
from sasaeai_desktop.gui.main_window import MainWindow
from sasaeai_desktop.services import settings as office_settings

from .helpers import sql
from .helpers import wait_loaded
from .helpers import when_modal
from .sample_data import add_sample_records


def test_settings_are_validated_and_stored(qtbot: Any, window: MainWindow, shell: Any) -> None:
    window.show_page("settings")
    page = window.current_page()
    wait_loaded(qtbot, page)
    page.edits["office_name"].setText("長野県健康福祉部介護支援課")
    page.edits["phone"].setText("０２６－２３５－７１１１")  # full width, as typed with an IME
    page.edits["email"].setText("kaigo@")
    assert not page.save()
    assert is_invalid(page.edits["email"]) and "kaigo@" in page.error_label.text()
    assert page.edits["office_name"].text() == "長野県健康福祉部介護支援課"  # kept while fixing
    page.edits["email"].setText("kaigo-shien@pref.nagano.lg.jp")
    assert page.save()
    assert page.saved_label.text() == "保存しました"
    stored = office_settings.get_settings(shell.uow())
    assert stored.office_name == "長野県健康福祉部介護支援課"
    assert stored.phone == "026-235-7111" == page.edits["phone"].text()
    assert stored.email == "kaigo-shien@pref.nagano.lg.jp"


def test_advisor_row_opens_the_advisor_form(qtbot: Any, shell: Any, db_path: Path) -> None:
    add_sample_records(db_path, people=12)
    window = MainWindow(shell, initial_page="advisors")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.current_page()
    wait_loaded(qtbot, page)
    page.select_row(0)
    advisor_id = page.selected_id()
    name = sql(db_path, "SELECT p.name FROM advisor a JOIN person p ON p.id = a.person_id WHERE a.id = ?", advisor_id)[0][0]

    def check(dialog: QDialog) -> None:
        assert isinstance(dialog, AdvisorDialog)
        assert dialog.ui.nameEdit.text() == name
        dialog.reject()

    seen = when_modal(check)
    cell = page.view.visualRect(page.model.index(0, 0)).center()
    # a press first, as a real double click has: the view only opens the row it saw pressed
    QTest.mousePress(page.view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    QTest.mouseRelease(page.view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    QTest.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert seen and seen[0]._original.id == advisor_id


def test_a_change_refreshes_visible_lists_and_marks_hidden_ones(qtbot: Any, window: MainWindow) -> None:
    window.show_page("people")
    people_page = window.current_page()
    wait_loaded(qtbot, people_page)
    window.show_page("municipalities")
    municipalities_page = window.current_page()
    wait_loaded(qtbot, municipalities_page)
    people_before = people_page.model.blocks_fetched
    muni_before = municipalities_page.model.blocks_fetched
    changes.written(frozenset({"municipality"}))
    assert municipalities_page.model.blocks_fetched > muni_before  # visible: re-queried now
    assert people_page.model.blocks_fetched == people_before and people_page._stale  # hidden: later
    window.show_page("people")
    qtbot.waitUntil(lambda: people_page.model.blocks_fetched > people_before)
    changes.written(frozenset({"training_event"}))  # nothing the people list shows
    assert not people_page._stale


def test_f5_reloads_the_current_page(qtbot: Any, window: MainWindow) -> None:
    window.show_page("municipalities")
    page = window.current_page()
    wait_loaded(qtbot, page)
    before = page.model.blocks_fetched
    QTest.keyClick(window, Qt.Key.Key_F5)
    assert page.model.blocks_fetched == before + 1
