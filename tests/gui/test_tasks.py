"""The operation runner: off the GUI thread, progress only when slow, cancel, errors for people."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui import tasks


def test_quick_work_reports_success_on_the_gui_thread(qtbot: Any) -> None:
    results: list[tuple[Any, bool]] = []
    gui_thread = threading.current_thread()
    worker_threads: list[threading.Thread] = []

    def work(progress: Any, abort: threading.Event) -> int:
        worker_threads.append(threading.current_thread())
        progress(0.5, "半分")
        return 42

    handle = tasks.run_task(
        None, work, title="テスト", on_success=lambda r: results.append((r, threading.current_thread() is gui_thread))
    )
    with qtbot.waitSignal(handle.finished, timeout=3000):
        pass
    assert results == [(42, True)]
    assert worker_threads and worker_threads[0] is not gui_thread
    assert handle.progress_dialog is None  # finished well within a second: nothing flashed on screen


@pytest.mark.parametrize("fails", [False, True])
def test_a_handle_nobody_keeps_lives_until_its_callback_has_returned(qtbot: Any, fails: bool) -> None:
    """Deleted inside its own slot, the handle crashed Qt; it is let go on a later turn of the loop."""
    kept_during_callback: list[bool] = []

    def work(_progress: Any, _abort: threading.Event) -> int:
        if fails:
            raise UserError("だめです")
        return 1

    def callback(*_args: Any) -> None:
        kept_during_callback.append(any(h._title == "捨てられるタスク" for h in tasks._running))

    tasks.run_task(None, work, title="捨てられるタスク", on_success=callback, on_error=callback)  # handle not kept
    qtbot.waitUntil(lambda: bool(kept_during_callback), timeout=3000)
    assert kept_during_callback == [True]
    qtbot.waitUntil(lambda: not any(h._title == "捨てられるタスク" for h in tasks._running), timeout=3000)


def test_slow_work_shows_progress_and_can_be_cancelled(qtbot: Any) -> None:
    cancelled: list[bool] = []
    succeeded: list[Any] = []

    def work(progress: Any, abort: threading.Event) -> None:
        for i in range(300):
            if abort.is_set():
                raise RuntimeError("stopped")  # a service raises when it sees abort
            progress(i / 300, f"{i} 行目を処理しています")
            time.sleep(0.01)

    handle = tasks.run_task(
        None, work, title="取り込み", on_success=succeeded.append, on_cancel=lambda: cancelled.append(True)
    )
    qtbot.waitUntil(lambda: handle.progress_dialog is not None and handle.progress_dialog.isVisible(), timeout=3000)
    dialog = handle.progress_dialog
    assert dialog.windowTitle() == "取り込み"
    assert "行目を処理しています" in dialog.labelText()
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "中止"
    button.click()
    assert dialog.labelText() == "中止しています…"
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert handle.abort.is_set() and handle.cancelled
    assert cancelled == [True] and succeeded == []


def test_user_error_is_shown_as_is(qtbot: Any, message_boxes: Any) -> None:
    def work(progress: Any, abort: threading.Event) -> None:
        raise UserError("ファイル「a.xlsx」が見つかりません。")

    handle = tasks.run_task(None, work, title="取り込み", on_success=lambda r: None)
    with qtbot.waitSignal(handle.finished, timeout=3000):
        pass
    assert message_boxes.shown == [("warning", "取り込み", "ファイル「a.xlsx」が見つかりません。")]


def test_unexpected_error_is_an_internal_error_with_details(qtbot: Any, message_boxes: Any, own_error_log: Any) -> None:
    def work(progress: Any, abort: threading.Event) -> None:
        {}["missing"]

    handle = tasks.run_task(None, work, title="集計", on_success=lambda r: None)
    with qtbot.waitSignal(handle.finished, timeout=3000):
        pass
    kind, title, text = message_boxes.shown[-1]
    assert (kind, title) == ("exec", "内部エラー")
    assert "KeyError" in text and "Traceback" in text  # the traceback sits in the details box
    log = (own_error_log / "sasaeai-errors.log").read_text(encoding="utf-8")
    assert "集計" in log and "KeyError" in log and str(own_error_log) in text  # and in the log, which the box names


def test_on_error_replaces_the_default_box(qtbot: Any, message_boxes: Any) -> None:
    errors: list[BaseException] = []
    handle = tasks.run_task(None, lambda p, a: 1 / 0, title="x", on_success=lambda r: None, on_error=errors.append)
    with qtbot.waitSignal(handle.finished, timeout=3000):
        pass
    assert isinstance(errors[0], ZeroDivisionError) and message_boxes.shown == []


def test_change_hub_reaches_only_interested_pages(qtbot: Any) -> None:
    seen: list[frozenset[str]] = []
    changes.hub().changed.connect(seen.append)
    try:
        changes.written(frozenset({"municipality", "sync_entry"}))
        changes.written(frozenset({"sync_peer"}))  # no page shows it: nothing is said
    finally:
        changes.hub().changed.disconnect(seen.append)
    assert seen == [frozenset({"municipalities"})]
    assert changes.touches(seen[0], {"municipalities", "people"})
    assert not changes.touches(seen[0], {"events"})


@pytest.fixture(autouse=True)
def _lane_is_idle() -> Any:
    yield
    assert tasks.wait_for_idle(5000)


def test_a_full_disk_is_the_disk_message_not_an_internal_error(qtbot: Any, message_boxes: Any) -> None:
    """Issue 20: however deep SQLite noticed it, the window says what the command line says."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    def work(progress: Any, abort: threading.Event) -> None:
        raise OperationalError("INSERT …", {}, sqlite3.OperationalError("database or disk is full"))

    handle = tasks.run_task(None, work, title="取り込み", on_success=lambda r: None)
    with qtbot.waitSignal(handle.finished, timeout=3000):
        pass
    [(kind, title, text)] = message_boxes.shown
    assert (kind, title) == ("warning", "取り込み") and text.startswith("ディスクの空き容量が足りません")
