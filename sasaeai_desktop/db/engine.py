"""The SQLite engine: WAL, foreign keys on, real transactions (DDL included), file checks.

pysqlite's own transaction handling does not BEGIN before DDL, so a migration
that fails half-way would leave half a schema behind. We switch the driver to
autocommit and emit BEGIN ourselves (the recipe from SQLAlchemy's SQLite docs),
which makes a whole migration, or a whole import, one transaction.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from .errors import NotADatabaseError, ReadOnlyDatabaseError

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


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


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see module docstring
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _on_begin(conn: Any) -> None:
    mode = conn.get_execution_options().get("sqlite_begin", "")
    conn.exec_driver_sql(f"BEGIN {mode}".strip())


def create_sqlite_engine(path: Path | str, *, check: bool = True) -> Engine:
    """An engine on the SQLite file ``path`` (created when missing)."""
    path = Path(path)
    if check:
        check_database_file(path)
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
