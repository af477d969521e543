"""A first look at the database with plain sqlite3, before SQLAlchemy is imported.

The program's start-up shows its first page from this (services/first_pages.py) and opens the
database properly (bootstrap.open_database: checks, migrations, the engine) right after. So the
look must never be wrong where the proper opening would object: anything unusual — no file, not
SQLite, read-only, in use by another copy, an unreadable schema version — gives ``None`` and
the start-up takes the ordinary way, which explains the problem to the user. The instance lock is
taken here and handed over to the proper opening, so nobody can start between the two.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DatabaseOpenError
from .file_checks import check_database_file
from .instance_lock import InstanceLock


@dataclass
class QuickRead:
    db_path: Path
    revision: str | None  # alembic_version of the file
    _connection: sqlite3.Connection = field(repr=False)
    _lock: InstanceLock | None = field(repr=False)

    def query(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        return self._connection.execute(sql, params).fetchall()

    def close(self) -> InstanceLock | None:
        """Close the connection; the lock (still held) goes to whoever opens the database next."""
        self._connection.close()
        lock, self._lock = self._lock, None
        return lock

    def release(self) -> None:
        """Close and let go of the lock too (the ordinary start-up will take it again)."""
        lock = self.close()
        if lock is not None:
            lock.release()


def quick_read(db_path: Path) -> QuickRead | None:
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None  # nothing to show yet: the first start makes the database
    try:
        check_database_file(db_path)
        lock = InstanceLock(db_path)
        lock.acquire()
    except (DatabaseOpenError, OSError):
        return None
    try:
        # Read-write (a read-only connection cannot open a WAL database whose -shm file is gone),
        # but query_only: this look never writes.
        conn = sqlite3.connect(db_path, timeout=5.0, isolation_level=None)
        try:
            conn.execute("PRAGMA query_only = ON")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            conn.close()
            raise
    except sqlite3.Error:
        lock.release()
        return None
    return QuickRead(db_path, row[0] if row else None, conn, lock)
