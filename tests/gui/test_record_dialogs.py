"""The consultation and dispatch forms (offscreen): errors mark their fields and keep what was
typed, a save announces its kinds on the changes hub, and closing with unsaved input asks first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QMessageBox

from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.dialogs.consultation_dialog import ConsultationDialog
from sasaeai_desktop.gui.dialogs.dispatch_dialog import DispatchDialog
from sasaeai_desktop.gui.dialogs.field_errors import is_invalid
from sasaeai_desktop.services.activities import consultations
from sasaeai_desktop.services.activities import dispatches
from sasaeai_desktop.services.advisors import roster as advisors

from .helpers import sql


@pytest.fixture
def emitted(qapp: Any) -> Any:
    seen: list[frozenset[str]] = []
    changes.hub().changed.connect(seen.append)
    yield seen
    changes.hub().changed.disconnect(seen.append)


def test_consultation_errors_keep_the_typing_then_save(qtbot: Any, shell: Any, emitted: Any) -> None:
    dialog = ConsultationDialog(shell)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    save = ui.buttonBox.button(QDialogButtonBox.StandardButton.Save)
    assert save.text() == "保存 (Ctrl+Enter)" and not save.autoDefault()
    ui.municipalityCombo.setEditText("松本しー")
    ui.answerEdit.setPlainText("資料を送った")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.saved_id is None
    assert is_invalid(ui.municipalityCombo) and is_invalid(ui.questionEdit)
    text = ui.errorLabel.text()
    assert "松本しー" in text and "相談内容" in text  # the form's own message wins for the municipality
    assert ui.answerEdit.toPlainText() == "資料を送った" and emitted == []

    ui.municipalityCombo.setEditText("松本市")
    ui.questionEdit.setPlainText("協議体の進め方")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved_id
    assert emitted == [frozenset({"consultations"})]
    saved = consultations.get(shell.uow(), dialog.saved_id)
    assert (saved.question, saved.answer) == ("協議体の進め方", "資料を送った")


def test_consultation_closing_asks_only_when_something_was_typed(qtbot: Any, shell: Any, message_boxes: Any) -> None:
    cid = consultations.save(shell.uow(), consultations.ConsultationData(
        id=None, received_date=dt.date(2025, 5, 1), from_name="宮坂", question="居場所づくり"))
    dialog = ConsultationDialog(shell, cid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert not dialog.isVisible() and message_boxes.shown == []

    dialog = ConsultationDialog(shell, cid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.answerEdit.setPlainText("書きかけ")
    dialog.reject()  # answered No: the typing stays
    assert dialog.isVisible() and [k for k, _t, _x in message_boxes.shown] == ["question"]
    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.reject()
    assert not dialog.isVisible()
    assert consultations.get(shell.uow(), cid).answer == ""


def test_dispatch_marks_the_day_row_and_the_advisor_list_then_saves(
    qtbot: Any, shell: Any, db_path: Path, emitted: Any, message_boxes: Any
) -> None:
    aid = advisors.save(shell.uow(), advisors.AdvisorData(id=None, name="宮坂 一郎", kana="みやさか いちろう"))
    emitted.clear()  # the advisor's own save was said; the dialog's is what this test watches
    dialog = DispatchDialog(shell)
    qtbot.addWidget(dialog)
    ui = dialog.ui
    ui.municipalityCombo.setEditText("松本市")
    ui.purposeEdit.setPlainText("協議体の立ち上げ")
    date, start, end, venue = dialog.days.add_row()
    date.set_value(dt.date(2025, 7, 1))  # type: ignore[attr-defined]
    start.set_value(dt.time(14, 0))  # type: ignore[attr-defined]
    end.set_value(dt.time(13, 0))  # type: ignore[attr-defined]
    venue.setText("市役所")  # type: ignore[attr-defined]
    dialog.accept()
    assert dialog.saved_id is None and emitted == []
    assert is_invalid(ui.advisorList) and is_invalid(end)
    assert "アドバイザー" in ui.errorLabel.text() and "終了時刻" in ui.errorLabel.text()
    assert ui.purposeEdit.toPlainText() == "協議体の立ち上げ"

    ui.advisorList.item(0).setCheckState(Qt.CheckState.Checked)
    end.set_value(dt.time(16, 0))  # type: ignore[attr-defined]
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert emitted == [frozenset({"dispatches"})]
    saved = dispatches.get(shell.uow(), dialog.saved_id)
    assert saved.advisor_ids == (aid,) and saved.municipality_id == sql(
        db_path, "SELECT id FROM municipality WHERE name = '松本市'")[0][0]
    assert [(d.date, d.start_time, d.end_time, d.venue) for d in saved.days] == [
        (dt.date(2025, 7, 1), dt.time(14, 0), dt.time(16, 0), "市役所")]

    dialog = DispatchDialog(shell, saved.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.outcomeEdit.setPlainText("参加者12人")
    dialog.reject()
    assert dialog.isVisible() and message_boxes.shown[-1][0] == "question"
    dialog.ui.outcomeEdit.setPlainText("")
    dialog.reject()  # back as it was opened: nothing to ask
    assert not dialog.isVisible() and len(message_boxes.shown) == 1
