"""Small helpers shared by the GUI tests."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QProgressDialog


def wait_loaded(qtbot: Any, page: Any, timeout: int = 3000) -> None:
    qtbot.waitUntil(page.is_data_ready, timeout=timeout)


def copy_database(source: Path, target: Path) -> Path:
    """A copy of a test database (a template built once per session) for one test to change."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # consistent even if a WAL file were left beside the template
        # the template stands for this test's own file: it owns its replica id (a real copy
        # takes a new one at its first sync step, change_capture.check_identity)
        if dst.execute("SELECT 1 FROM sqlite_master WHERE name = 'local_meta'").fetchone():
            from sasaeai_desktop.db import change_capture

            change_capture.bind_file(dst, target)
            dst.commit()
    finally:
        dst.close()
        src.close()
    return target


def sql(db_path: Path, query: str, *params: Any) -> list[tuple[Any, ...]]:
    """Plain sqlite3, to compute what the GUI should show independently of the services."""
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.execute(query, params))
    finally:
        conn.close()


def when_modal(action: Callable[[QDialog], None], *, within: float = 60.0) -> list[QDialog]:
    """Run ``action`` on the next modal dialog once it is open (call before what opens it with
    exec()). Returns a list that will hold the dialog, for later assertions. If the action fails
    or leaves the dialog open, the dialog is rejected so the test fails instead of hanging.

    The wait is wall-clock: a count of polls ran out while a loaded machine waited for something
    else (window activation) before the dialog opened, and the dialog then waited forever."""
    seen: list[QDialog] = []
    QTimer.singleShot(0, partial(_poll_modal, action, seen, time.monotonic() + within))
    return seen


def _poll_modal(action: Callable[[QDialog], None], seen: list[QDialog], deadline: float) -> None:
    # a module function and partial, not a closure that names itself: no reference cycle is left
    # for the collector (which is off while a background task runs, gui/tasks.py)
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, QDialog) and dialog.isVisible():
        seen.append(dialog)
        try:
            action(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()
    elif time.monotonic() < deadline:
        QTimer.singleShot(20, partial(_poll_modal, action, seen, deadline))


def type_text(widget: Any, text: str) -> None:
    """Type Japanese one character at a time, as an input method commits it.

    QTest.keyClicks only knows ASCII (it asserts on 松); a key event carrying the text is what a
    widget receives from an IME commit on most platforms."""
    from PySide6.QtCore import QEvent
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (pdftotext -layout), whitespace folded: what a reader of the printout sees."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(p.split()) for p in out.split("\f") if p.strip()]


def type_into_cell(table: Any, row: int, col: int, text: str) -> None:
    """F2 on a grid cell, the text typed, Tab to commit: as a person moving to the next cell."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    table.setFocus()
    table.setCurrentCell(row, col)
    QTest.keyClick(table, Qt.Key.Key_F2)
    [editor] = [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()]
    editor.selectAll()
    type_text(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Tab)


def waiting_dialog() -> QProgressDialog | None:
    """The 「処理中…」 dialog of a write queued behind a long task, when one is shown."""
    return next((w for w in QApplication.allWidgets()
                 if isinstance(w, QProgressDialog) and w.isVisible() and "処理中" in w.labelText()), None)


def open_page(qtbot: Any, shell: Any, key: str) -> Any:
    """The main window shown on the page ``key``, its list loaded; the page is returned."""
    from sasaeai_desktop.gui.main_window import MainWindow

    window = MainWindow(shell, initial_page=key)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.current_page()
    wait_loaded(qtbot, page)
    return page
