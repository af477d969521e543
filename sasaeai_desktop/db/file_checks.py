"""Checks on a database file before SQLite touches it (before the engine is made: db/engine.py,
and before bootstrap.open_database creates folders or lock files beside it)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import NotADatabaseError
from .errors import ReadOnlyDatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"


def check_database_file(path: Path) -> None:
    """Refuse a file that is not SQLite or cannot be written, before SQLite touches it."""
    if path.exists():
        if not path.is_file():
            raise NotADatabaseError(f"「{path}」はファイルではありません。データベースファイルのパスを指定してください。")
        if path.stat().st_size > 0:
            with path.open("rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
            if head != SQLITE_MAGIC:
                raise NotADatabaseError(
                    f"「{path}」はSQLiteデータベースではありません（中身が別の形式です）。"
                    "ファイルは変更していません。正しいデータベースファイルを指定してください。"
                )
        # The mode bits too: root passes os.access() even on a file marked read-only.
        no_write_bits = not path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
        if no_write_bits or not os.access(path, os.R_OK | os.W_OK):
            raise ReadOnlyDatabaseError(
                f"データベース「{path}」は読み取り専用で、書き込めません。"
                "ファイルの属性（読み取り専用）やフォルダーの権限を確認してください。"
            )
    folder = path.parent
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise ReadOnlyDatabaseError(
            f"データベースのフォルダー「{folder}」に書き込めません（WALファイルとバックアップを置くために必要です）。"
        )
