"""Builds and wires everything: database path, lock, engine, migrations, session factory.

The GUI and the CLI both start here, so whatever one can open the other can too.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session
from sqlalchemy.orm import sessionmaker

from sasaeai_desktop.db.backups import remove_leftovers
from sasaeai_desktop.db.backups import remove_restore_leftover
from sasaeai_desktop.db.engine import check_database_file
from sasaeai_desktop.db.engine import create_sqlite_engine
from sasaeai_desktop.db.instance_lock import InstanceLock
from sasaeai_desktop.db.migrate import MigrationResult
from sasaeai_desktop.db.migrate import ensure_schema
from sasaeai_desktop.db.migrate import preflight
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.io.output_files import protect_database
from sasaeai_desktop.io.output_files import release_database
from sasaeai_desktop.paths import resolve_db_path

if TYPE_CHECKING:
    from sasaeai_desktop.services.backups import RestoreResult

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    db_path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    migration: MigrationResult
    _lock: InstanceLock | None = field(default=None, repr=False)
    _closed: bool = field(default=False, repr=False)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.session_factory)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            release_database(self.db_path)
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> AppContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(
    db: str | Path | None = None,
    *,
    lock: bool = True,
    held_lock: InstanceLock | None = None,
    daily_backup: bool = True,
) -> AppContext:
    """Open (creating if needed) and migrate the database; raises DatabaseOpenError subclasses.

    ``held_lock``: the instance lock of this file, already taken (kept through a restore:
    restore_into); it is released with the context, or at once if opening fails.
    ``daily_backup``: take the day's first backup now (the command line); the window takes it on
    its background lane after the first paint instead (gui/app.py)."""
    db_path = resolve_db_path(db)
    try:
        had_data = db_path.is_file() and db_path.stat().st_size > 0  # a new file needs no backup yet
    except OSError:
        had_data = False
    try:
        check_database_file(db_path)  # before creating folders or lock files beside it
    except BaseException:
        if held_lock is not None:
            held_lock.release()
        raise
    db_path.parent.mkdir(parents=True, exist_ok=True)
    instance_lock = held_lock or (InstanceLock(db_path) if lock else None)
    if instance_lock is not None and instance_lock is not held_lock:
        instance_lock.acquire()
    try:
        if instance_lock is not None:
            remove_leftovers(db_path)  # a backup a kill interrupted: only ever removed under the lock
            remove_restore_leftover(db_path)
        preflight(db_path)
        engine = create_sqlite_engine(db_path, check=False)
    except BaseException:
        if instance_lock is not None:
            instance_lock.release()
        raise
    try:
        migration = ensure_schema(engine, db_path)
    except BaseException:
        # The connections first: closing the lock's descriptor on the database file would drop
        # the fcntl locks SQLite holds on it (db/instance_lock.py), and a pooled connection would
        # keep the -wal and -shm files beside a database we did not open.
        engine.dispose()
        if instance_lock is not None:
            instance_lock.release()
        raise
    if daily_backup and had_data and instance_lock is not None:
        _daily_backup(db_path)
    factory = sessionmaker(engine, expire_on_commit=False)
    protect_database(db_path)  # no output may be written onto it while it is open (issue 20)
    return AppContext(db_path, engine, factory, migration, instance_lock)


def _daily_backup(db_path: Path) -> None:
    """A daily backup that cannot be made (the chosen folder on a network drive out of reach, a
    full disk) is said, and the command goes on: refusing to work would not protect the data."""
    import sqlite3

    from sasaeai_desktop.db.errors import DatabaseOpenError
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.services import backups

    try:
        backups.daily_if_due(db_path)
    except (UserError, DatabaseOpenError, OSError, sqlite3.Error) as exc:
        log.warning("daily backup failed: %s", exc)
        print(f"警告: 今日のバックアップを作れませんでした: {exc}", file=sys.stderr)


def restore_into(ctx: AppContext, source: Path) -> tuple[RestoreResult | Exception, AppContext]:
    """Restore ``source`` into the open database ``ctx`` and open it again (the window's way).

    The instance lock is kept throughout: no other copy of the program can open the file
    between closing and reopening. ``ctx`` is closed; the returned context replaces it, also
    when the restore was refused (then the result is the error, and the database is as it was).
    Opening again can itself fail (the restored file needs a migration there is no room for):
    that error is raised, with the lock released."""
    from sasaeai_desktop.services import backups

    held, ctx._lock = ctx._lock, None
    ctx.close()
    outcome: RestoreResult | Exception
    try:
        outcome = backups.restore(ctx.db_path, source)
    except Exception as exc:
        outcome = exc
    return outcome, open_database(ctx.db_path, held_lock=held, daily_backup=False)
