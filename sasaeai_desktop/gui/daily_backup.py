"""The day's first backup, taken off the GUI thread once the window shows its data.

On a ``demo --scale 1`` database the backup with its integrity_check takes a noticeable moment
(docs/backups.md has the figure), and the window must not wait for it: it runs on a plain
worker thread (it only reads the database, through its own connection, so it needs no place on
the write lane of gui/tasks.py and shows no progress dialog). What it did is said in the status
bar; a failure (the chosen folder out of reach) too, with the reason, and the work goes on.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow

log = logging.getLogger(__name__)


class _Relay(QObject):
    finished = Signal(str, int)  # message, milliseconds to show it


_running: list[threading.Thread] = []


def start_daily_backup(window: QMainWindow, db_path: Path) -> threading.Thread:
    relay = _Relay(window)
    relay.finished.connect(lambda text, ms: window.statusBar().showMessage(text, ms))

    def work() -> None:
        from sasaeai_desktop.services import backups

        try:
            row = backups.daily_if_due(db_path)
        except Exception as exc:  # said in the status bar; the work goes on
            log.warning("daily backup failed: %s", exc)
            relay.finished.emit(window.tr("今日のバックアップを作れませんでした: {error}").format(error=exc), 30000)
            return
        if row is not None:
            relay.finished.emit(window.tr("今日のバックアップを作りました（{path}）").format(path=row.path.name), 8000)

    thread = threading.Thread(target=work, name="daily-backup", daemon=True)
    _running[:] = [t for t in _running if t.is_alive()] + [thread]
    thread.start()
    return thread


def wait_for_daily_backup(timeout: float = 30.0) -> None:
    """Before the database is closed or replaced: a backup under way is let finish."""
    for thread in list(_running):
        thread.join(timeout)
