"""The window's save dialogs ask before replacing a file, but never may a file be written onto the
database the window has open — not even through a link that looks like a workbook (issue 20)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sasaeai_desktop.gui.main_window import MainWindow

from .helpers import wait_loaded


def test_export_onto_the_open_database_is_refused(
    qtbot: Any, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch: Any, message_boxes: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from sasaeai_desktop.gui import tasks

    link = tmp_path / "一覧.xlsx"
    link.symlink_to(db_path)
    size = db_path.stat().st_size
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(link), ""))
    window.show_page("municipalities")
    wait_loaded(qtbot, window.current_page())
    window.export_action.trigger()
    assert tasks.wait_for_idle(20000)
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=5000)
    [(kind, _title, text)] = message_boxes.shown
    assert kind == "warning" and "データベース" in text
    assert link.is_symlink() and db_path.stat().st_size == size
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT count(*) FROM municipality").fetchone()[0] > 0
    finally:
        conn.close()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
