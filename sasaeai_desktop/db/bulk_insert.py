"""Inserting many rows into one table fast, inside the caller's transaction (SQLite).

Two costs dominate a 50,000-row INSERT into ``person`` (measured, CPU): keeping its six
secondary indexes up to date row by row (~1.2 s; building them afterwards from sorted keys takes
~0.1 s) and the change-capture trigger firing once per row (~0.5 s; the same change rows written
by one INSERT … SELECT afterwards take less). ``bulk_inserting`` does both the cheap way when the
batch is large:

- indexes: dropped before and created again after, when the rows coming are at least
  ``DROP_INDEXES_MIN`` and at least a third of the rows already there (rebuilding an index costs
  about a fifth of inserting into it per row, and it is rebuilt over the whole table);
- capture: muted during the insert, then every new row (rowid above the largest before) recorded
  with ``change_capture.record_inserts`` — the rows, JSON and order the trigger would have written.

Everything happens in the caller's transaction (the engine BEGINs before DDL too), so a failure or
a cancel rolls back the rows, the index drops and the mute together. A small batch goes through
unchanged: no DDL, triggers as usual.

``rows_inserter`` puts rows in with multi-row ``INSERT … VALUES (…), (…)`` statements: one
statement run for 100 rows instead of executemany's reset, bind and step for each (~0.1 s less
for 50,000 people).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from contextlib import contextmanager
from itertools import chain
from typing import Any

from sqlalchemy import Connection

from sasaeai_desktop.db import change_capture

__all__ = ["CAPTURE_AFTER_MIN", "DROP_INDEXES_MIN", "ROWS_PER_INSERT", "bulk_inserting", "rows_inserter",
           "large_page_cache", "secondary_indexes", "sql_literal", "sqlite_connection",
           "table_inserter"]

DROP_INDEXES_MIN = 5000
CAPTURE_AFTER_MIN = 1000
LARGE_CACHE_MIN = 5000
ROWS_PER_INSERT = 100  # more gained nothing, and each number of rows is a statement of its own to prepare


def secondary_indexes(db: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the indexes created for ``table`` (not the automatic ones
    behind PRIMARY KEY / UNIQUE, which cannot be dropped)."""
    return db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
        (table,),
    ).fetchall()


def _last_rowid(db: sqlite3.Connection, table: str) -> int:
    return db.execute(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').fetchone()[0]


@contextmanager
def bulk_inserting(db: sqlite3.Connection, table: str, rows: int) -> Iterator[None]:
    """Around INSERTs of about ``rows`` new rows into ``table`` (raw connection, open transaction).

    Only INSERTs into ``table`` may run inside: capture is muted for the whole database, and
    afterwards only the rows added to ``table`` are recorded.
    """
    if rows < CAPTURE_AFTER_MIN:
        yield
        return
    before = _last_rowid(db, table)
    capture = change_capture.capture_installed(db, table) and not change_capture.is_muted(db)
    indexes = secondary_indexes(db, table) if rows >= max(DROP_INDEXES_MIN, before // 3) else []
    if capture:
        change_capture.mute(db)
    for name, _sql in indexes:
        db.execute(f'DROP INDEX "{name}"')
    try:
        yield
    except BaseException:
        # The caller rolls back, which undoes all of this; restore it anyway in case the caller
        # carries on in the same transaction (never a table without its indexes or its log).
        try:
            _restore(db, table, indexes, capture, before)
        except sqlite3.Error:
            pass
        raise
    _restore(db, table, indexes, capture, before)


def _restore(db: sqlite3.Connection, table: str, indexes: list[tuple[str, str]], capture: bool, before: int) -> None:
    present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,))}
    for name, sql in indexes:
        if name not in present:
            db.execute(sql)
    if capture:
        change_capture.unmute(db)
        change_capture.record_inserts(db, table, before)


def rows_inserter(db: sqlite3.Connection, insert_into: str, one_row: str, width: int
                  ) -> Callable[[Sequence[Sequence[Any]]], None]:
    """``insert(rows)``: the rows (each ``width`` values, in order) inserted with
    ``insert_into + one_row + ", " + one_row …`` ('INSERT INTO t (a, b, c) VALUES ', '(?, ?, 0)'),
    up to ``ROWS_PER_INSERT`` rows a statement — fewer when SQLite allows fewer parameters."""
    per_statement = max(1, min(ROWS_PER_INSERT, db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // max(width, 1)))
    statements: dict[int, str] = {}

    def insert(rows: Sequence[Sequence[Any]]) -> None:
        for i in range(0, len(rows), per_statement):
            part = rows[i : i + per_statement]
            sql = statements.get(len(part))
            if sql is None:
                sql = statements[len(part)] = insert_into + ", ".join([one_row] * len(part))
            values = list(chain.from_iterable(part))
            if len(values) != width * len(part):  # one row of another length would shift all after it
                raise ValueError(f"{insert_into.strip()}: every row needs {width} values")
            db.execute(sql, values)

    return insert


def sqlite_connection(conn: Connection) -> sqlite3.Connection:
    """The driver's connection under ``conn``: the bulk paths here talk to it directly."""
    raw = conn.connection.dbapi_connection
    if not isinstance(raw, sqlite3.Connection):
        raise TypeError(f"not an SQLite connection: {type(raw).__name__}")
    return raw


def sql_literal(value: Any) -> str:
    """An SQLite literal for a value as the driver would bind it (None, int, float, str)."""
    if value is None:
        return "NULL"
    if isinstance(value, (bool, int)):
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no SQL literal for {type(value).__name__}")


def table_inserter(db: sqlite3.Connection, table: str, columns: Sequence[str], constants: Mapping[str, Any]
                   ) -> Callable[[Sequence[Sequence[Any]]], None]:
    """``rows_inserter`` for rows of ``columns`` into ``table``; ``constants`` (column → one value for
    every row, already as the driver takes it) are written into the statement instead of bound
    again for each row (binding is most of the driver's time: 17 parameters a row took half again
    as long as 12)."""
    insert_into = 'INSERT INTO "{}" ({}) VALUES '.format(table, ", ".join(f'"{c}"' for c in (*columns, *constants)))
    one_row = "({})".format(", ".join(["?"] * len(columns) + [sql_literal(v) for v in constants.values()]))
    return rows_inserter(db, insert_into, one_row, len(columns))


@contextmanager
def large_page_cache(conn: Connection, rows: int) -> Iterator[None]:
    """For a big import on SQLite, a page cache that holds the table's and its indexes' pages
    (the default 2 MB makes a 50,000-row insert spill pages to the WAL and read them back);
    the connection's own setting is put back afterwards."""
    if conn.dialect.name != "sqlite" or rows < LARGE_CACHE_MIN:
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    conn.exec_driver_sql("PRAGMA cache_size = -32768")  # 32 MiB, only as far as it is used
    try:
        yield
    finally:
        try:
            conn.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")
        except Exception:  # never hide the error that got us here; a pooled connection is reset anyway
            pass
