"""Builds and wires everything: database path, lock, engine, migrations, session factory.

The GUI and the CLI both start here, so whatever one can open the other can too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from sasaeai_desktop.db.backups import remove_leftovers
from sasaeai_desktop.db.engine import check_database_file, create_sqlite_engine
from sasaeai_desktop.db.instance_lock import InstanceLock
from sasaeai_desktop.db.migrate import MigrationResult, ensure_schema, preflight
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.io.output_files import protect_database, release_database
from sasaeai_desktop.paths import resolve_db_path


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

    def __enter__(self) -> "AppContext":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_database(
    db: str | Path | None = None, *, lock: bool = True, held_lock: InstanceLock | None = None
) -> AppContext:
    """Open (creating if needed) and migrate the database; raises DatabaseOpenError subclasses.

    ``held_lock``: the instance lock of this file, already taken (the start-up's first look,
    services/first_pages.py); it is released with the context, or at once if opening fails."""
    db_path = resolve_db_path(db)
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
    factory = sessionmaker(engine, expire_on_commit=False)
    protect_database(db_path)  # no output may be written onto it while it is open (issue 20)
    return AppContext(db_path, engine, factory, migration, instance_lock)
