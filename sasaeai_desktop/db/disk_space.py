"""Free disk space: asked before a backup or a migration, and said the same way everywhere.

For other writers too (outputs of commands): ``check_free_space(folder, needed)`` before writing,
``is_disk_full(exc)`` to recognise the failure afterwards, and ``disk_full_message(needed)`` for
the one sentence the user sees (「ディスクの空き容量が足りません（必要: 約 N MB）」).
"""

from __future__ import annotations

import errno
import math
import shutil
import sqlite3
from pathlib import Path

from .errors import NotEnoughSpaceError

MB = 1024 * 1024
# Beyond what a copy or a migration itself needs: SQLite's temporary files, the -shm, and what
# the rest of the laptop needs to keep running.
MARGIN_BYTES = 16 * MB

_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
_SQLITE_FULL = 13


def disk_full_message(needed_bytes: int | None = None) -> str:
    if needed_bytes is None:
        return "ディスクの空き容量が足りません。"
    return f"ディスクの空き容量が足りません（必要: 約 {max(1, math.ceil(needed_bytes / MB)):,} MB）。"


def is_disk_full(exc: BaseException) -> bool:
    """A write that failed for want of space (or of the file size allowed), from the OS or SQLite."""
    if isinstance(exc, OSError):
        return exc.errno in _FULL_ERRNOS
    if isinstance(exc, sqlite3.Error):
        return getattr(exc, "sqlite_errorcode", None) == _SQLITE_FULL or "database or disk is full" in str(exc)
    return "database or disk is full" in str(exc)  # SQLAlchemy's wrapper of the sqlite3 error


def free_bytes(folder: Path) -> int:
    while not folder.exists() and folder != folder.parent:  # the folder a new file would go to
        folder = folder.parent
    return shutil.disk_usage(folder).free


def check_free_space(folder: Path, needed_bytes: int, *, before: str) -> None:
    """Raise NotEnoughSpaceError unless ``folder`` has room for ``needed_bytes`` plus a margin."""
    needed = needed_bytes + MARGIN_BYTES
    free = free_bytes(folder)
    if free < needed:
        raise NotEnoughSpaceError(
            disk_full_message(needed)
            + f"「{folder}」のドライブの空きは約 {free // MB:,} MB です。{before}の前に確かめたため、何も書き込んでいません。"
            "不要なファイルを削除して空きを作ってから、もう一度実行してください。"
        )
