"""The backup before a migration: never a file that passes for a backup and is not one, never a
partial file left on a full disk, and the free space asked for before anything is written."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db.backups import backup_folder
from sasaeai_desktop.db.engine import create_sqlite_engine
from sasaeai_desktop.db.migrate import ensure_schema
from sasaeai_desktop.db.migrate import head_revision
from sasaeai_desktop.db.migrate import revision_graph
from tests.cli_runner import CliRunner
from tests.integration.killed_copy import killed_half_way


def _old_database(path: Path) -> Path:
    """A database one revision behind, so that opening it backs it up and migrates it."""
    engine = create_sqlite_engine(path)
    ensure_schema(engine, path, target=revision_graph()[head_revision()] or "")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO local_meta (key, value) VALUES ('probe', 'kept')"))
    engine.dispose()
    return path


def _backup_like(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".backup-" in p.name)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _is_whole_backup(path: Path) -> bool:
    """Opened the ordinary way (a hot journal beside it would be rolled back first)."""
    conn = sqlite3.connect(path)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        probe = conn.execute("SELECT value FROM local_meta WHERE key = 'probe'").fetchone()
        return ok and probe == ("kept",)
    except sqlite3.Error:
        return False
    finally:
        conn.close()


# Killed half-way through the copy of the migration's backup.
_KILLED_MID_BACKUP = killed_half_way("""
from sasaeai_desktop.bootstrap import open_database
open_database(sys.argv[1])
""")


def test_a_kill_during_the_backup_leaves_nothing_that_passes_for_a_backup(tmp_path: Path) -> None:
    path = _old_database(tmp_path / "data.db")
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_MID_BACKUP, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "half"
    finally:
        proc.kill()
        proc.wait()
    finished = [p for p in backup_folder(path).glob("data.backup-*.db")]
    assert all(_is_whole_backup(p) for p in finished), [p.name for p in finished]

    with open_database(path) as ctx:  # the next start: the leftover goes, a whole backup is made
        assert ctx.migration.to_revision == head_revision() and ctx.migration.backup_path is not None
        assert _is_whole_backup(ctx.migration.backup_path)
    assert _backup_like(backup_folder(path)) == [ctx.migration.backup_path.name]


def _fake_free(free: int):  # type: ignore[no-untyped-def]
    def disk_usage(_path: object) -> object:
        return shutil._ntuple_diskusage(10 * free, 9 * free, free)  # type: ignore[attr-defined]

    return disk_usage


def test_too_little_free_space_is_said_before_the_backup_and_nothing_is_written(
    sasaeai: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _old_database(tmp_path / "data.db")
    before = _digest(path), sorted(p.name for p in tmp_path.iterdir())
    monkeypatch.setattr(shutil, "disk_usage", _fake_free(1024 * 1024))
    done = sasaeai.inside("--db", str(path), "init", "--prefecture", "長野県")
    err = done.stderr
    assert done.returncode == 2, err
    assert "ディスクの空き容量が足りません（必要: 約 " in err and "Traceback" not in err
    assert (_digest(path), sorted(p.name for p in tmp_path.iterdir())) == before


def test_a_full_disk_during_the_migration_rolls_it_back_and_keeps_the_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import alembic.command

    from sasaeai_desktop.db.errors import DatabaseOpenError

    path = _old_database(tmp_path / "data.db")
    old = revision_graph()[head_revision()]

    def disk_fills(_cfg: object, _rev: str) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(alembic.command, "upgrade", disk_fills)
    with pytest.raises(DatabaseOpenError, match="ディスクの空き容量が足りません.*元のまま"):
        open_database(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == (old,)
    conn.close()
    (backup,) = backup_folder(path).glob("data.backup-*.db")
    assert _is_whole_backup(backup)


_SIZE_LIMITED = """
import resource, signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, resource.RLIM_INFINITY))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_backup_that_hits_a_file_size_limit_leaves_no_partial_file(sasaeai: CliRunner, tmp_path: Path) -> None:
    path = _old_database(tmp_path / "data.db")
    limit = path.stat().st_size // 3  # room for the -wal and -shm, not for a copy of the file
    before = _digest(path)
    result = sasaeai("--db", str(path), "init", "--prefecture", "長野県", before=_SIZE_LIMITED.format(limit=limit))
    assert result.returncode == 2, result.stderr
    assert "バックアップ" in result.stderr and "書き込めませんでした" in result.stderr
    assert "Traceback" not in result.stderr
    assert not backup_folder(path).exists() or _backup_like(backup_folder(path)) == []
    assert _digest(path) == before
