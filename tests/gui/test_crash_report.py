"""The program's own excepthook: a Japanese box and a log file, never a lost traceback."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sasaeai_desktop.gui import crash_report


def test_an_unexpected_error_is_shown_in_japanese_and_logged(
    tmp_path: Path, monkeypatch: Any, message_boxes: Any
) -> None:
    monkeypatch.setenv(crash_report.LOG_ENV, str(tmp_path / "logs"))
    reporter = crash_report.CrashReporter()
    try:
        False.lower()  # type: ignore[attr-defined]  # what 訪問記録PDF once did with clicked(False)
    except AttributeError:
        reporter(*sys.exc_info())  # type: ignore[arg-type]
    log = (tmp_path / "logs" / crash_report.LOG_NAME).read_text(encoding="utf-8")
    assert "AttributeError" in log and "Traceback" in log
    [(kind, title, text)] = message_boxes.shown
    assert kind == "critical" and title == "予期しないエラー"
    assert "予期しないエラーが起きました" in text and str(tmp_path / "logs") in text


def test_an_unwritable_log_still_shows_the_box(tmp_path: Path, monkeypatch: Any, message_boxes: Any) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(crash_report.LOG_ENV, str(blocker / "logs"))  # a folder under a file
    try:
        raise RuntimeError("x")
    except RuntimeError:
        crash_report.CrashReporter()(*sys.exc_info())  # type: ignore[arg-type]
    assert "ログを書けませんでした" in message_boxes.texts()[0]


def test_a_full_disk_is_said_as_such_not_as_a_crash(tmp_path: Path, monkeypatch: Any, message_boxes: Any) -> None:
    """Issue 20: SQLite's "database or disk is full" (or ENOSPC) reaching a slot is the disk message."""
    import errno
    import sqlite3

    monkeypatch.setenv(crash_report.LOG_ENV, str(tmp_path / "logs"))
    for error in (sqlite3.OperationalError("database or disk is full"), OSError(errno.ENOSPC, "No space left on device")):
        try:
            raise error
        except Exception:
            crash_report.CrashReporter()(*sys.exc_info())  # type: ignore[arg-type]
    assert [kind for kind, _t, _x in message_boxes.shown] == ["warning", "warning"]
    assert all("ディスクの空き容量が足りません" in text for _k, _t, text in message_boxes.shown)
