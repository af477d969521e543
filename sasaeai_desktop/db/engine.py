"""The SQLite engine: WAL, foreign keys on, real transactions (DDL included), file checks.

pysqlite's own transaction handling does not BEGIN before DDL, so a migration
that fails half-way would leave half a schema behind. We switch the driver to
autocommit and emit BEGIN ourselves (the recipe from SQLAlchemy's SQLite docs),
which makes a whole migration, or a whole import, one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy import create_engine
from sqlalchemy import event

from .file_checks import SQLITE_MAGIC
from .file_checks import check_database_file

__all__ = ["SQLITE_MAGIC", "BUSY_TIMEOUT_MS", "PAGE_SIZE", "check_database_file", "create_sqlite_engine"]

BUSY_TIMEOUT_MS = 5000
# The page size of a new database file, said explicitly (an existing file keeps the size it was
# made with: changing it takes a VACUUM). SQLite's usual 4 KiB, measured against 8 and 16 KiB:
# larger pages made a 50,000-person import's write 8-13 % faster (its indexes are built after the
# rows), but a one-row save up to twice as slow (every changed page goes to the WAL whole), a
# sync import of 1,000 changes 0.21 → 0.33 s with 16 KiB, and inserts that keep their indexes
# up to date 7-25 % slower (more bytes shifted per leaf insert). This program is mostly small
# edits and sync: the import's few percent were not worth that.
PAGE_SIZE = 4096


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see module docstring
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    # Before journal_mode: once a file is in WAL mode its page size can no longer change.
    cur.execute(f"PRAGMA page_size = {PAGE_SIZE}")
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
