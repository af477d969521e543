"""A prefecture officer's day through the main window, keyboard first: what got in the way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from sasaeai_desktop.gui.dialogs.visit_dialog import VisitDialog
from sasaeai_desktop.gui.main_window import MainWindow

from .helpers import sql, type_text, wait_loaded, when_modal
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
