"""Putting a backup back into the database file — all of it, or nothing.

The chosen file is first copied (SQLite backup API, read-only) to ``<db>.restore.partial``
beside the database and checked there: ``PRAGMA integrity_check``, a SasaeAI schema, a revision
this program knows. A damaged, foreign or newer file is refused before anything is written.
The checked copy then takes a **new sync identity** (docs/sync.md: a restored file would reissue
entry counters peers already hold for other edits; with a new replica id its next edits go out
under a name no peer has seen, and the edits made after the backup come back from the office)
and is written into the database file through the backup API again: one SQLite write
transaction, so a kill or a full disk leaves the database as it was, and the file stays the same
file (its instance lock, its place in the sync bookkeeping). The caller holds the instance lock
and has closed its own connections.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import change_capture as cc
from .backups import RESTORE_STAGING_SUFFIX as STAGING_SUFFIX
from .errors import RestoreRefusedError
from .integrity import integrity_problem


@dataclass(frozen=True)
class Restored:
    source: Path
    revision: str
    new_replica_id: str | None  # None: the restored file was never part of a sync


def staging_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + STAGING_SUFFIX)


def stage(db_path: Path, source: Path) -> tuple[Path, str]:
    """The checked copy of ``source`` and its schema revision; raises RestoreRefusedError."""
    from .migrate import known_revisions

    source = Path(source)
    unchanged = "データベースは変更していません。"
    if not source.is_file():
        raise RestoreRefusedError(f"「{source}」がありません（またはファイルではありません）。{unchanged}")
    staged = staging_path(db_path)
    _remove(staged)
    try:
        # Read without leaving -wal/-shm files beside the chosen file (immutable), unless it has
        # a write-ahead log of its own that holds part of its content (a copied live database).
        has_wal = source.with_name(source.name + "-wal").exists()
        mode = "mode=ro" if has_wal else "mode=ro&immutable=1"
        src = sqlite3.connect(f"{source.resolve().as_uri()}?{mode}", uri=True)
        try:
            dst = sqlite3.connect(staged)
            try:
                dst.execute("PRAGMA journal_mode = OFF")
                src.backup(dst)
                # A copy of a WAL database is a WAL database: every later opening would leave
                # -wal/-shm files beside it (a read-only one cannot remove them). The copy is
                # private until it is written back, so a rollback journal is all it needs.
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.DatabaseError as exc:
        _remove(staged)
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_CORRUPT":
            raise RestoreRefusedError(f"「{source}」は壊れているため復元できません（{exc}）。{unchanged}") from exc
        raise RestoreRefusedError(
            f"「{source}」は SasaeAI のバックアップではありません（SQLite のデータベースとして読めません: {exc}）。{unchanged}"
        ) from exc
    problem = integrity_problem(staged)
    if problem is not None:
        _remove(staged)
        raise RestoreRefusedError(f"「{source}」は壊れているため復元できません（整合性チェックの結果: {problem}）。{unchanged}")
    conn = sqlite3.connect(staged)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in tables else None
    finally:
        conn.close()
    if row is None or "local_meta" not in tables:
        _remove(staged)
        raise RestoreRefusedError(f"「{source}」は SasaeAI のデータベースではありません。{unchanged}")
    revision = str(row[0])
    if revision not in known_revisions():
        _remove(staged)
        raise RestoreRefusedError(
            f"「{source}」は新しいバージョンの SasaeAI のデータベースです（スキーマ {revision}）。"
            f"このプログラムでは復元できません。プログラムを更新してください。{unchanged}"
        )
    return staged, revision


def new_identity(staged: Path, db_path: Path) -> str | None:
    """A fresh replica id in the checked copy, bound to the database file it will be written into."""
    conn = sqlite3.connect(staged)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "sync_peer" not in tables or cc.get_meta(conn, cc.META_REPLICA) is None:
            return None
        cc.new_replica_id(conn)
        fresh = cc.get_meta(conn, cc.META_REPLICA)
        current = cc.file_fingerprint(db_path)
        if current is not None:  # the file written into below keeps its number: it stays "this file"
            cc.set_meta(conn, cc.META_FILE, json.dumps(current, sort_keys=True))
        conn.commit()
        return fresh
    finally:
        conn.close()


def write_back(staged: Path, db_path: Path) -> None:
    """The checked copy into the database file, in one write transaction."""
    # mode=ro: a staged copy that has gone missing is an error, never an empty database written back
    src = sqlite3.connect(f"{staged.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(db_path, timeout=10)
        try:
            src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dst.close()
    finally:
        src.close()


def restore_file(db_path: Path, source: Path, before_write: Callable[[], object] | None = None) -> Restored:
    """Check ``source``, give it a new sync identity and write it into ``db_path``. ``before_write``
    runs once the source has passed its checks (the 復元前 backup); the caller holds the instance
    lock and has closed its own connections to the database."""
    from .migrate import head_revision

    staged, revision = stage(db_path, source)
    try:
        if before_write is not None:
            before_write()
        # An older schema's tables may differ from what change_capture writes: there the side file
        # goes instead, and the first sync step after the migration gives the new id
        # (check_identity: no side file for a database that has issued entries).
        fresh = new_identity(staged, db_path) if revision == head_revision() else None
        write_back(staged, db_path)
    finally:
        _remove(staged)
    if fresh is not None:
        cc.write_identity(db_path, fresh, 0)
    else:
        cc.identity_path(db_path).unlink(missing_ok=True)
    return Restored(Path(source), revision, fresh)


def _remove(path: Path) -> None:
    for p in (path, *(path.with_name(path.name + side) for side in ("-journal", "-wal", "-shm"))):
        try:
            os.unlink(p)
        except FileNotFoundError:
            pass
