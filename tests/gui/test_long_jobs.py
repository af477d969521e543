"""Long jobs started from the real window: progress with 中止 after a second, 中止 stops them and
leaves nothing behind, and the window keeps answering meanwhile (issue 21 items 1 and 4).

The jobs are held on purpose (a patched service waiting until stopped), never timed."""

from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QPushButton

from sasaeai_desktop.gui import tasks
from sasaeai_desktop.services import imports
from sasaeai_desktop.services import trainings as t
from sasaeai_desktop.services.training_prints import PRINTS


def _event(shell: Any) -> str:
    return t.save_event(shell.uow(), t.EventData(
        None, "養成研修", "生活支援コーディネーター養成研修", 2025,
        sessions=(t.SessionData(None, dt.date(2025, 7, 1), "1日目", "長野市ふれあい福祉センター", 40),)))


def _progress_button(qtbot: Any, handle: tasks.TaskHandle) -> QPushButton:
    qtbot.waitUntil(lambda: handle.progress_dialog is not None and handle.progress_dialog.isVisible(), timeout=5000)
    button = handle.progress_dialog.findChild(QPushButton)
    assert button is not None and button.text() == "中止"
    return button


def test_a_held_print_shows_progress_stops_on_中止_and_writes_no_file(
    qtbot: Any, window: Any, shell: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: Any
) -> None:
    """A PDF writer has no abort hook (reportlab builds in one call): 中止 must still stop it
    mid-write, and its temporary file must go with it."""
    from sasaeai_desktop.io.output_files import replacing

    event_id = _event(shell)
    folder = tmp_path / "出力"
    folder.mkdir()
    out = folder / "受付名簿.pdf"
    writing = threading.Event()
    kept_on = []

    def held_sign_in_sheet(uow: Any, event_id: str, path: Any, *, session_id: Any = None) -> Any:
        with replacing(path) as tmp:
            tmp.write_bytes(b"%PDF-1.4 half a document")
            writing.set()
            while True:  # a long build: only an interrupt gets out of here
                time.sleep(0.01)
                kept_on.append(1)

    monkeypatch.setitem(PRINTS, "sign-in-sheet", ("受付名簿", held_sign_in_sheet))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    window.show_page("trainings")
    page = window.page("trainings")
    page.reveal(event_id)
    assert page.event_id == event_id
    page.print_pdf("sign-in-sheet")
    handle = page._print_task
    assert handle.progress_dialog is None  # not flashed at once: a short job never shows it
    button = _progress_button(qtbot, handle)
    assert writing.is_set() and not handle.done

    # The window answers while the job runs: a page switch is processed.
    window.show_page("people")
    qtbot.waitUntil(lambda: window.current_page() is window.page("people"), timeout=2000)

    button.click()
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    assert handle.cancelled
    assert not out.exists() and list(folder.iterdir()) == []  # neither the PDF nor its temporary file
    assert "受付名簿を作成しています」を中止しました" in window.statusBar().currentMessage()
    assert message_boxes.shown == []  # a cancel is not an error
    qtbot.waitUntil(lambda: handle.worker_returned is not None and handle.worker_returned.is_set(), timeout=2000)


def test_a_held_import_stops_on_中止_with_no_rows_written(
    qtbot: Any, window: Any, shell: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    from sasaeai_desktop.gui.dialogs.import_dialog import ImportDialog

    book = tmp_path / "名簿.xlsx"
    wb = Workbook()
    wb.active.append(["氏名", "ふりがな"])
    for i in range(50):
        wb.active.append([f"佐藤 {i}", f"さとう {i}"])
    wb.save(book)
    real_apply = imports.apply_import
    reached: list[int] = []

    def apply_slowly(uow: Any, plan: Any, *, progress: Any = None, abort: threading.Event) -> Any:
        def held(fraction: float, message: str = "") -> None:
            progress(fraction, message)
            reached.append(1)
            while not abort.is_set():  # held on the first row until the user stops it
                time.sleep(0.01)

        return real_apply(uow, plan, progress=held, abort=abort)

    monkeypatch.setattr(imports, "apply_import", apply_slowly)
    dialog = ImportDialog(shell, "people", parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(book)
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.import_button.isEnabled(), timeout=10000)
    dialog.import_button.click()
    button = _progress_button(qtbot, dialog.task)
    assert reached
    window.show_page("trainings")  # the window behind answers too
    qtbot.waitUntil(lambda: window.current_page() is window.page("trainings"), timeout=2000)
    button.click()
    qtbot.waitUntil(lambda: dialog.task.done, timeout=5000)
    assert dialog.task.cancelled and "中止しました" in dialog.summary_label.text()
    assert "「取り込み」を中止しました" in window.statusBar().currentMessage()
    with shell.uow() as uow:
        from sqlalchemy import text

        assert uow.session.execute(text("SELECT count(*) FROM person WHERE name LIKE '佐藤%'")).scalar() == 0
