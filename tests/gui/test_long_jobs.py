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
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QPushButton

from sasaeai_desktop.gui import tasks
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings.prints import PRINTS


def _event(shell: Any) -> str:
    return events.save_event(shell.uow(), events.EventData(
        None, "養成研修", "生活支援コーディネーター養成研修", 2025,
        sessions=(events.SessionData(None, dt.date(2025, 7, 1), "1日目", "長野市ふれあい福祉センター", 40),)))


def _progress_button(qtbot: Any, handle: tasks.TaskHandle) -> QPushButton:
    qtbot.waitUntil(lambda: handle.progress_dialog is not None and handle.progress_dialog.isVisible(), timeout=5000)
    button = handle.progress_dialog.findChild(QPushButton)
    assert button is not None and button.text() == "中止"
    return button


def test_a_held_print_shows_progress_stops_on_中止_and_writes_no_file(
    qtbot: Any, window: Any, shell: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: Any
) -> None:
    """A PDF writer has no abort argument (reportlab builds in one call): 中止 reaches it through
    sasaeai_desktop.cancellation between two pages, and its temporary file goes with it."""
    from sasaeai_desktop import cancellation
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
            while True:  # a long build: only 中止 gets out of here, between two "pages"
                time.sleep(0.01)
                kept_on.append(1)
                cancellation.check(cancellation.current())

    monkeypatch.setitem(PRINTS, "sign-in-sheet", ("受付名簿", held_sign_in_sheet))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    window.show_page("trainings")
    page = window.page("trainings")
    page.reveal(event_id)
    assert page.event_id == event_id
    page.prints.print_pdf("sign-in-sheet")
    handle = page.prints._print_task
    assert handle.progress_dialog is None  # not flashed at once: a short job never shows it
    button = _progress_button(qtbot, handle)
    assert writing.is_set() and not handle.done
    assert handle.progress_dialog.labelText() == "受付名簿を作成しています…"

    # The window answers while the job runs: a page switch is processed.
    window.show_page("people")
    qtbot.waitUntil(lambda: window.current_page() is window.page("people"), timeout=2000)

    button.click()
    qtbot.waitUntil(lambda: handle.done, timeout=5000)
    assert handle.cancelled
    assert not out.exists() and list(folder.iterdir()) == []  # neither the PDF nor its temporary file
    assert "「受付名簿」を中止しました" in window.statusBar().currentMessage()
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
    real_apply = applying.apply_import
    reached: list[int] = []

    def apply_slowly(uow: Any, plan: Any, *, progress: Any = None, abort: threading.Event) -> Any:
        def held(fraction: float, message: str = "") -> None:
            progress(fraction, message)
            reached.append(1)
            while not abort.is_set():  # held on the first row until the user stops it
                time.sleep(0.01)

        return real_apply(uow, plan, progress=held, abort=abort)

    monkeypatch.setattr(applying, "apply_import", apply_slowly)
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


def test_no_garbage_collection_pauses_the_window_while_a_task_runs(qtbot: Any) -> None:
    """Full collections over a big job's objects held the GIL for up to a second (the longest
    stalls measured): automatic collection waits while a task runs and is back after it; and the
    worker hands the GIL over to the GUI thread sooner than every 5 ms."""
    import gc
    import sys

    assert gc.isenabled()
    interval = sys.getswitchinterval()
    seen: list[bool] = []
    release = threading.Event()

    def work(_progress: Any, _abort: threading.Event) -> None:
        seen.append(gc.isenabled())
        seen.append(sys.getswitchinterval() < 0.001)
        release.wait(5)

    handle = tasks.run_task(None, work, title="集計", on_success=lambda _r: None)
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen == [False, True] and not gc.isenabled()
    release.set()
    qtbot.waitUntil(lambda: handle.done, timeout=3000)
    qtbot.waitUntil(lambda: handle.worker_returned.is_set(), timeout=3000)
    qtbot.waitUntil(gc.isenabled, timeout=3000)
    assert sys.getswitchinterval() == interval


def test_after_an_import_the_dashboard_counts_off_the_gui_thread(
    qtbot: Any, window: Any, shell: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The figures of a big database took a quarter of a second to count on the GUI thread each
    time a job told the pages that data changed: they are counted on the task lane now."""
    from sasaeai_desktop.gui import changes
    from sasaeai_desktop.services import municipalities
    from sasaeai_desktop.services import people
    from sasaeai_desktop.services.progress import dashboard_counts

    from .helpers import wait_loaded

    page = window.current_page()
    wait_loaded(qtbot, page)
    before = page.tiles["people"].number_label.text()
    counted_on: list[bool] = []
    real = dashboard_counts.dashboard_summary

    def summary(uow: Any, today: Any) -> Any:
        counted_on.append(threading.current_thread() is threading.main_thread())
        return real(uow, today)

    monkeypatch.setattr(dashboard_counts, "dashboard_summary", summary)
    mid = next(iter(municipalities.choices(shell.uow())))[0]
    people.save(shell.uow(), people.PersonData(None, "百瀬 直美", "ももせ なおみ", "第2層SC", mid))  # its commit tells the page
    changes.written(frozenset({"person"}))  # a second notice while the first count runs: counted again, not lost
    qtbot.waitUntil(lambda: page.tiles["people"].number_label.text() != before, timeout=5000)
    assert counted_on and not any(counted_on)
    assert int(page.tiles["people"].number_label.text().replace(",", "")) == int(before.replace(",", "")) + 1
    qtbot.waitUntil(lambda: not page._refresh_again and page._refresh.done, timeout=5000)
    tasks.wait_for_idle()
