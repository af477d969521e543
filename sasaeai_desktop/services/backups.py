"""Backups and restore as the command line and the window use them (docs/backups.md).

- ``daily_if_due(db_path)``: the first start of each day (cheap when today's exists: one folder
  listing); ``before(uow, trigger)``: before an import, a sync import, a survey collection;
- ``create``: a backup now (手動, or ``out`` to a file of the user's choosing);
- ``list_backups``: this database's backups with date, size, trigger and schema revision;
- ``restore``: the 復元前 backup, then the chosen file written back (db/restore.py).

Every backup made in the backup folder is followed by the rotation (db/backup_rotation.py).
``SASAEAI_AUTO_BACKUP=0`` turns the automatic ones (daily, before an operation) off for a run:
for the test suite, whose thousands of throw-away databases need none; migrations and the
復元前 backup are taken regardless.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sasaeai_desktop.db import backups as store
from sasaeai_desktop.db.backup_rotation import rotate
from sasaeai_desktop.db.errors import BackupFailedError
from sasaeai_desktop.db.errors import DatabaseOpenError
from sasaeai_desktop.db.integrity import integrity_problem
from sasaeai_desktop.db.restore import Restored
from sasaeai_desktop.db.restore import restore_file
from sasaeai_desktop.domain.errors import UserError

AUTO_BACKUP_ENV = "SASAEAI_AUTO_BACKUP"


@dataclass(frozen=True)
class BackupRow:
    path: Path
    made: dt.datetime
    trigger: str
    label: str  # 日次, 取り込み前 …
    size: int
    revision: str  # schema revision ("" when it cannot be read)

    def as_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "made": self.made.isoformat(), "trigger": self.trigger,
                "label": self.label, "size": self.size, "revision": self.revision}


@dataclass(frozen=True)
class RestoreResult:
    restored: Restored
    safety_backup: Path | None  # the 復元前 backup (None: there was no database to keep)
    damaged_copy: Path | None  # the current file was damaged: its bytes, kept as they were


def auto_enabled() -> bool:
    return os.environ.get(AUTO_BACKUP_ENV, "1").strip() != "0"


def create(db_path: Path, trigger: str = "manual", *, out: Path | None = None) -> BackupRow:
    try:
        path = store.backup_file(db_path, trigger, out=out)
    except DatabaseOpenError as exc:  # no room, no folder, a copy that failed its check: said as is
        raise UserError(str(exc)) from exc
    if out is None:
        rotate(db_path, made=path)
    parsed = store.parse_name(path)
    made = parsed[1] if parsed else store.now()
    return _row(store.BackupInfo(path, made, trigger, path.stat().st_size))


def daily_if_due(db_path: Path) -> BackupRow | None:
    """The day's first backup, unless one of today's exists (or there is nothing to back up)."""
    if not auto_enabled():
        return None
    try:
        if db_path.stat().st_size == 0:
            return None
    except OSError:
        return None
    if store.has_backup_on(db_path, store.now().date()):
        return None
    return create(db_path, "daily")


# The office reads every laptop's file one after another on a Friday; a sync file can be read
# again, so one backup before the first of them is enough (a copy and a check of the whole
# database for each file made the office's round three times slower: bench_sync_year.py).
SYNC_BACKUP_EVERY = dt.timedelta(minutes=30)


def before(uow: Any, trigger: str) -> Path | None:
    """The backup before an operation that writes much (``trigger``: import, sync-import,
    survey-collect); a sync import within SYNC_BACKUP_EVERY of the last one's backup makes none."""
    if not auto_enabled():
        return None
    with uow:
        name = uow.session.get_bind().url.database
    if not name or name == ":memory:":
        return None
    if trigger == "sync-import":
        last = next((b for b in store.backup_infos(Path(name)) if b.trigger == trigger), None)
        if last is not None and dt.timedelta(0) <= store.now() - last.made < SYNC_BACKUP_EVERY:
            return None
    return create(Path(name), trigger).path


def list_backups(db_path: Path) -> list[BackupRow]:
    return [_row(info) for info in store.backup_infos(db_path)]


def restore(db_path: Path, source: Path) -> RestoreResult:
    """Restore ``source`` into ``db_path``. The caller holds the database's instance lock and has
    closed its connections (bootstrap.restore_into does both for an open database)."""
    source = Path(source)
    try:
        if db_path.exists() and source.resolve() == db_path.resolve():
            raise UserError(f"「{source}」は今開いているデータベースそのものです。バックアップのファイルを選んでください。")
    except OSError:
        pass
    kept: dict[str, Path | None] = {"safety": None, "damaged": None}

    def keep_current() -> None:
        if not db_path.exists() or db_path.stat().st_size == 0:
            return
        try:
            kept["safety"] = create(db_path, "restore").path
        except UserError as exc:
            if not isinstance(exc.__cause__, BackupFailedError) or integrity_problem(db_path) is None:
                raise
            # Restoring is the way out of a damaged database: its bytes are kept as they are
            # (a backup of it could not pass its own check), then the restore goes on.
            kept["damaged"] = _keep_damaged(db_path)

    try:
        restored = restore_file(db_path, source, before_write=keep_current)
    except DatabaseOpenError as exc:
        raise UserError(str(exc)) from exc
    except sqlite3.Error as exc:
        raise UserError(f"「{source}」を復元できませんでした（{exc}）。データベースは変更していません。") from exc
    return RestoreResult(restored, kept["safety"], kept["damaged"])


def _keep_damaged(db_path: Path) -> Path:
    folder = store.backup_folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{db_path.stem}.damaged-{store.now():%Y%m%d-%H%M%S}{db_path.suffix or '.db'}"
    shutil.copy2(db_path, target)
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        shutil.copy2(wal, target.with_name(target.name + "-wal"))
    return target


def _row(info: store.BackupInfo) -> BackupRow:
    return BackupRow(info.path, info.made, info.trigger, info.label, info.size, _revision(info.path))


def _revision(path: Path) -> str:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return ""
    return str(row[0]) if row else ""


def folder_of(db_path: Path) -> Path:
    """This database's backup folder (where ``create`` writes and ``list_backups`` looks first)."""
    return store.backup_folder(db_path)


@dataclass(frozen=True)
class FolderSetting:
    folder: Path  # where backups go now
    chosen: bool  # False: the default in the user data folder


def folder_setting() -> FolderSetting:
    from sasaeai_desktop import app_settings

    return FolderSetting(app_settings.backup_root(), app_settings.chosen_backup_root() is not None)


def choose_folder(folder: Path | None) -> FolderSetting:
    """Set the backup folder (None: back to the default); a folder this program cannot write into
    is refused before it is remembered, so the next backup does not fail unseen."""
    from sasaeai_desktop import app_settings

    if folder is not None:
        probe = Path(folder) / ".sasaeai-write-test"
        try:
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise UserError(f"フォルダー「{folder}」に書き込めません（{exc.strerror or exc}）。別のフォルダーを選んでください。") from exc
    app_settings.set_backup_root(folder)
    return folder_setting()
