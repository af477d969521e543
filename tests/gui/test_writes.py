"""The one write runner (gui/writes.py): a short write from the window goes through the task lane;
alone it is done at once, behind a long import the window says 「処理中…」 and either writes when
the import ends or, on 中止, takes the write back without writing."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from sasaeai_desktop.gui import tasks
from sasaeai_desktop.gui.dialogs.person_dialog import PersonDialog
from sasaeai_desktop.gui.writes import WriteWithdrawn
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services import people

from .helpers import sql
from .helpers import waiting_dialog


def test_a_short_write_alone_is_done_in_place(qtbot: Any, shell: Any, db_path: Any) -> None:
    pid = write(None, "保存", lambda: people.save(shell.uow(), people.PersonData(None, "山田 太郎", "やまだ たろう")))
    assert sql(db_path, "SELECT name FROM person WHERE id = ?", pid) == [("山田 太郎",)]
    with pytest.raises(ZeroDivisionError):  # an error comes back to the caller as raised
        write(None, "保存", lambda: 1 / 0)


def test_behind_a_long_import_it_says_so_and_writes_after(
    qtbot: Any, shell: Any, db_path: Any, long_import: threading.Event
) -> None:
    seen: list[str] = []

    def look() -> None:
        dialog = waiting_dialog()
        seen.append(dialog.labelText() if dialog else "")
        assert sql(db_path, "SELECT count(*) FROM person WHERE name = '山田 太郎'") == [(0,)]
        long_import.set()

    QTimer.singleShot(200, look)
    pid = write(None, "保存", lambda: people.save(shell.uow(), people.PersonData(None, "山田 太郎", "やまだ たろう")))
    assert seen and "「取り込み」が終わると「保存」を続けます" in seen[0]
    assert sql(db_path, "SELECT name FROM person WHERE id = ?", pid) == [("山田 太郎",)]
    assert waiting_dialog() is None


def test_stopping_the_wait_writes_nothing_and_keeps_the_form(
    qtbot: Any, shell: Any, db_path: Any, long_import: threading.Event
) -> None:
    dialog = PersonDialog(shell)
    qtbot.addWidget(dialog)
    dialog.ui.nameEdit.setText("鈴木 花子")
    dialog.ui.kanaEdit.setText("すずき はなこ")

    def stop() -> None:
        waiting = waiting_dialog()
        assert waiting is not None
        waiting.findChild(QPushButton).click()  # 中止

    QTimer.singleShot(200, stop)
    dialog.accept()  # the import still runs: the save was taken back out of the queue
    assert not long_import.is_set()
    assert dialog.saved_id is None and dialog.result() == 0  # still open, with what was typed
    assert dialog.ui.nameEdit.text() == "鈴木 花子"
    with pytest.raises(WriteWithdrawn):
        QTimer.singleShot(200, stop)
        write(None, "保存", lambda: people.save(shell.uow(), people.PersonData(None, "山田 太郎", "やまだ たろう")))
    long_import.set()
    tasks.wait_for_idle()
    qtbot.wait(50)
    assert sql(db_path, "SELECT count(*) FROM person") == [(0,)]


def test_a_visit_draft_is_not_kept_behind_a_long_import(
    qtbot: Any, shell: Any, long_import: threading.Event, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The autosave ticks while the officer types: behind an import it waits for the next tick
    rather than stopping the typing with 「処理中…」."""
    from sasaeai_desktop.gui.dialogs import visit_dialog

    queued: list[str] = []
    monkeypatch.setattr(visit_dialog, "write", lambda _parent, title, _fn: queued.append(title))
    dialog = visit_dialog.VisitDialog(shell)
    qtbot.addWidget(dialog)
    dialog._dirty = True
    assert dialog.autosave() is False and queued == []
    assert dialog._dirty  # kept for the next tick


def test_behind_a_page_refresh_it_waits_without_a_dialog(
    qtbot: Any, shell: Any, db_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read on the lane (a page's refresh after the last write) ends within the grace: the
    write waits for it without flashing 「処理中…」, which would take the focus from the desk."""
    shown: list[str] = []
    monkeypatch.setattr(tasks.TaskHandle, "show_now", lambda _self, message: shown.append(message))
    release, started = threading.Event(), threading.Event()

    def refresh(_progress: Any, _abort: Any) -> None:
        started.set()
        release.wait(5)

    tasks.run_task(None, refresh, title="ダッシュボードの更新", on_success=lambda _r: None)
    assert started.wait(5)
    threading.Timer(0.03, release.set).start()
    pid = write(None, "保存", lambda: people.save(shell.uow(), people.PersonData(None, "山田 太郎", "やまだ たろう")))
    assert shown == []
    assert sql(db_path, "SELECT name FROM person WHERE id = ?", pid) == [("山田 太郎",)]
