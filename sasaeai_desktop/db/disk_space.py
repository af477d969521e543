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
from collections.abc import Iterator
from pathlib import Path

from .errors import NotEnoughSpaceError

MB = 1024 * 1024
# Beyond what a copy or a migration itself needs: SQLite's temporary files, the -shm, and what
# the rest of the laptop needs to keep running.
MARGIN_BYTES = 16 * MB

_FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
# SQLITE_FULL, and SQLITE_IOERR_SHMSIZE (the -shm file could not grow: a full disk or ``ulimit -f``)
_SQLITE_FULL_NAMES = {"SQLITE_FULL", "SQLITE_IOERR_SHMSIZE"}
_SQLITE_FULL = 13
_LXML_FULL_CODES = ("IO_ENOSPC", "IO_EFBIG", "IO_EDQUOT")


def disk_full_message(needed_bytes: int | None = None) -> str:
    if not needed_bytes:
        return "ディスクの空き容量が足りません。"
    return f"ディスクの空き容量が足りません（必要: 約 {max(1, math.ceil(needed_bytes / MB)):,} MB）。"


def causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and everything that led to it (cause, context, a wrapper's ``orig``), each once."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo.extend([e.__cause__, e.__context__, getattr(e, "orig", None)])


def _is_full(e: BaseException) -> bool:
    if isinstance(e, OSError):
        return e.errno in _FULL_ERRNOS
    if isinstance(e, sqlite3.Error):
        if getattr(e, "sqlite_errorname", None) in _SQLITE_FULL_NAMES:
            return True
        if getattr(e, "sqlite_errorcode", None) == _SQLITE_FULL:
            return True
    if type(e).__name__ == "SerialisationError":  # lxml writing a workbook
        return any(code in str(e) for code in _LXML_FULL_CODES)
    return "database or disk is full" in str(e)  # also SQLAlchemy's wrapper of the sqlite3 error


def is_disk_full(exc: BaseException) -> bool:
    """A write that failed for want of space (or of the file size allowed), from the OS, SQLite or lxml."""
    return any(_is_full(e) for e in causes(exc))


def is_size_limit(exc: BaseException) -> bool:
    """Whether a full-disk failure may rather be a file size limit (EFBIG, or ``ulimit -f`` set:
    SQLite does not say which)."""
    if any(isinstance(e, OSError) and e.errno == errno.EFBIG or "EFBIG" in str(e) for e in causes(exc)):
        return True
    try:
        import resource
    except ImportError:  # Windows
        return False
    soft, _hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    return soft != resource.RLIM_INFINITY


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
