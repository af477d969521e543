"""Backups of the database file: written to a temporary name, checked whole, then renamed.

A backup that a kill or a full disk interrupts must never pass for one: before, a kill during the
copy left a full-size file under the backup's own name plus a journal, which opened as an empty
database, and a full disk left a partial copy plus a journal filling the rest of the disk. Now
the copy is written to ``<backup>.partial`` without a journal (a half-written copy is thrown
away, never rolled back), checked with ``PRAGMA integrity_check`` and only then renamed. A
``.partial`` file left by a kill is removed the next time a backup is made or the database opened
(under the instance lock, so it is never one being written).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from .disk_space import MB, check_free_space, disk_full_message, is_disk_full
from .errors import BackupFailedError
from .integrity import integrity_problem

PARTIAL_SUFFIX = ".partial"


def database_bytes(db_path: Path) -> int:
    """The file and its write-ahead log: what a copy of it can take, at most."""
    return sum(p.stat().st_size for p in (db_path, _side(db_path, "-wal")) if p.exists())


def backup_name(db_path: Path, label: str, when: dt.datetime | None = None) -> Path:
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return db_path.with_name(f"{db_path.stem}.backup-{label}-{stamp}{db_path.suffix or '.db'}")


def backups(db_path: Path) -> list[Path]:
    """The backups beside ``db_path``, newest first (finished ones only: a .partial never counts)."""
    found = db_path.parent.glob(f"{_glob_escape(db_path.stem)}.backup-*{db_path.suffix or '.db'}")
    return sorted((p for p in found if p.is_file()), key=lambda p: p.stat().st_mtime, reverse=True)


def newest_good_backup(db_path: Path, *, look_at: int = 5) -> Path | None:
    """The newest backup that passes a full integrity_check (of the newest ``look_at``).

    One with a hot journal beside it (left by a kill before backups were made this way) is not
    whole, however it reads: opened normally, the journal rolls it back to nothing."""
    for candidate in backups(db_path)[:look_at]:
        if _side(candidate, "-journal").exists():
            continue
        if integrity_problem(candidate) is None:
            return candidate
    return None


def remove_leftovers(db_path: Path) -> None:
    """Copies a kill interrupted; call only while holding the database's instance lock."""
    pattern = f"{_glob_escape(db_path.stem)}.backup-*{PARTIAL_SUFFIX}"
    for leftover in db_path.parent.glob(pattern):
        for path in (leftover, _side(leftover, "-journal")):
            path.unlink(missing_ok=True)


def backup_file(db_path: Path, label: str) -> Path:
    """A consistent, checked copy through SQLite's backup API (safe with WAL, unlike copying bytes)."""
    remove_leftovers(db_path)
    needed = database_bytes(db_path)
    check_free_space(db_path.parent, needed, before="バックアップ")
    target = backup_name(db_path, label)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        _copy(db_path, partial)
        problem = integrity_problem(partial)
        if problem is not None:
            raise BackupFailedError(
                f"バックアップ「{target}」の整合性チェックに失敗しました（{problem}）。バックアップは残していません。"
                "元のデータベースが壊れている可能性があります。データベースには何も書き込んでいません。"
            )
        os.replace(partial, target)
    except BaseException as exc:
        partial.unlink(missing_ok=True)
        _side(partial, "-journal").unlink(missing_ok=True)
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise BackupFailedError(_write_failed(target, needed, exc)) from exc
        raise
    return target


def _copy(db_path: Path, partial: Path) -> None:
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(partial)
        try:
            dst.execute("PRAGMA journal_mode = OFF")
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _write_failed(target: Path, needed: int, exc: BaseException) -> str:
    if is_disk_full(exc):
        said = f"{disk_full_message(needed)}バックアップ「{target}」を書き込めませんでした。"
    elif getattr(exc, "sqlite_errorname", "").startswith("SQLITE_IOERR"):
        # SQLite reports a file-size limit (EFBIG) as a plain write error, as it does a full disk
        # on some file systems: both are most likely "no room".
        said = (
            f"バックアップ「{target}」を書き込めませんでした（{exc}）。"
            f"ディスクの空き容量（必要: 約 {max(1, -(-needed // MB)):,} MB）と、ファイルの大きさの上限を確かめてください。"
        )
    else:
        said = f"バックアップ「{target}」を作れませんでした（{exc}）。"
    return said + "途中までのバックアップは削除しました。データベースには何も書き込んでいません。"


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)
