"""This laptop's side of sync: the raw transaction every step runs in, the dataset and replica it
belongs to, sealing pending changes, its name, folding the change log, and its canonical dump.

How sync works (docs/sync.md): triggers capture every row change (db/change_capture.py); before
any step the pending changes are sealed into an entry of this replica; an export writes the
entries a peer has not acknowledged into one encrypted file (export.py, io/sync/package.py); an
import checks the file whole before touching the database, then applies the entries in one
BEGIN IMMEDIATE transaction with the per-field causal merge (merge.py) and either commits all of
it or nothing (importing.py).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.services.sync import clock as sync_clock
from sasaeai_desktop.services.sync import compact as sync_compact

META_KDF = "sync_kdf"
META_PREFECTURE = "prefecture_code"
SYNC_CANCELLED = "中断しました。データベースは変更していません。"


@contextmanager
def transaction(uow: UnitOfWork, immediate: bool = True) -> Iterator[sqlite3.Connection]:
    """The raw sqlite3 connection inside the unit of work's transaction (BEGIN IMMEDIATE)."""
    with uow:
        opts = {"sqlite_begin": "IMMEDIATE"} if immediate else {}
        db = uow.session.connection(execution_options=opts).connection.dbapi_connection
        if not isinstance(db, sqlite3.Connection):
            raise TypeError("sync runs on the sqlite3 driver (db/engine.py)")
        yield db


def database_path(uow: UnitOfWork) -> Path | None:
    with uow:
        bind = uow.session.get_bind()
        name = (bind if isinstance(bind, Engine) else bind.engine).url.database
    return Path(name) if name and name != ":memory:" else None


def require_dataset(db: sqlite3.Connection) -> tuple[str, str]:
    dataset = cc.get_meta(db, cc.META_DATASET)
    replica = cc.get_meta(db, cc.META_REPLICA)
    if dataset is None or replica is None:
        raise UserError("このデータベースはまだ初期化されていません。先に `sasaeai init --prefecture 都道府県` を実行するか、`sasaeai sync join` で参加してください。")
    return dataset, replica


@functools.lru_cache(maxsize=1)
def known_schemas() -> tuple[frozenset[str], str]:
    from sasaeai_desktop.db.migrate import head_revision
    from sasaeai_desktop.db.migrate import script_directory

    return frozenset(r.revision for r in script_directory().walk_revisions()), head_revision()


def seal_and_check(db: sqlite3.Connection, db_path: Path | None) -> None:
    # a copied or restored file takes a new id first: the pending changes are sealed under it,
    # and the history keeps the old one
    cc.check_identity(db, db_path)
    cc.seal(db)


def after_commit(uow: UnitOfWork, db_path: Path | None) -> None:
    if db_path is None:
        return
    with transaction(uow, immediate=False) as db:
        replica = cc.get_meta(db, cc.META_REPLICA)
        if replica is not None:
            counter = cc.own_counter(db, replica)
        else:
            return
    cc.write_identity(db_path, replica, counter)


def seal_pending(uow: UnitOfWork) -> int:
    """Stamp pending local changes now (the sync page calls this through status())."""
    db_path = database_path(uow)
    with transaction(uow) as db:
        if cc.get_meta(db, cc.META_REPLICA) is None:
            return 0
        seal_and_check(db, db_path)
        uow.commit()
    after_commit(uow, db_path)
    return 1


def compact(uow: UnitOfWork, horizon_days: int = sync_compact.DEFAULT_HORIZON_DAYS) -> sync_compact.CompactResult:
    """Fold now whatever every waited-for replica holds, however little (an import folds only
    once BATCH_ROWS are stable). ``horizon_days``: a laptop silent longer is not waited for."""
    db_path = database_path(uow)
    with transaction(uow) as db:
        require_dataset(db)
        seal_and_check(db, db_path)
        result = sync_compact.with_totals(db, sync_compact.compact(db, sync_clock.now(), horizon_days, batch_rows=0))
        uow.commit()
    after_commit(uow, db_path)
    return result


def set_replica_name(uow: UnitOfWork, name: str) -> None:
    with transaction(uow) as db:
        cc.set_meta(db, cc.META_NAME, name)
        replica = cc.get_meta(db, cc.META_REPLICA)
        if replica:
            cc.ensure_peer(db, replica)
            db.execute("UPDATE sync_peer SET name = ? WHERE replica_id = ?", (name, replica))
        uow.commit()


def canonical_dump(uow: UnitOfWork) -> dict[str, Any]:
    """Every synced row and every multi-head field, in a stable order (replicas compare equal)."""
    with transaction(uow, immediate=False) as db:
        out: dict[str, Any] = {}
        for tbl, cols in cc.synced_tables(db).items():
            quoted = ", ".join(f'"{c}"' for c in cols)
            out[tbl] = db.execute(f'SELECT {quoted} FROM "{tbl}" ORDER BY id').fetchall()
        out["~heads"] = sorted(
            db.execute(
                "SELECT h.tbl, h.row_id, h.field, e.origin, e.counter, h.value FROM sync_head h JOIN sync_entry e ON e.seq = h.entry"
            ).fetchall()
        )
        return out
