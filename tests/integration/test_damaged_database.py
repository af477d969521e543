"""A damaged database is refused at opening (quick_check), with the way back: the newest good backup."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db.errors import DatabaseOpenError
from sasaeai_desktop.db.migrate import backup_file
from tests.cli_runner import CliRunner


def damage(path: Path, pages: int = 3) -> None:
    """Overwrite ``pages`` pages in the body of a checkpointed database (a bad sector, a bad copy)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        count, size = conn.execute("PRAGMA page_count").fetchone()[0], conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    for page in [count // 2 + i for i in range(pages - 1)] + [count - 2]:
        data[(page - 1) * size : page * size] = b"\x5a" * size
    path.write_bytes(bytes(data))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_damaged_database_is_not_written_and_the_newest_good_backup_is_named(
    sasaeai: CliRunner, nagano: AppContext
) -> None:
    path = nagano.db_path
    nagano.close()
    older = backup_file(path, "0005")
    os.utime(older, (1_700_000_000, 1_700_000_000))
    newest_good = backup_file(path, "0006")
    broken = path.with_name(f"{path.stem}.backup-0007-20991231-000000.db")  # newer, but not whole
    broken.write_bytes(newest_good.read_bytes()[:8192] + b"\0" * 8192)
    damage(path)
    before = _digest(path)

    done = sasaeai.inside("--db", str(path), "init", "--prefecture", "長野県")

    err = done.stderr
    assert done.returncode == 2, err
    assert "壊れています" in err and "Traceback" not in err
    assert f"正常なバックアップ「{newest_good}」" in err and str(broken) not in err
    assert _digest(path) == before
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_without_a_backup_the_message_says_so(nagano: AppContext) -> None:
    path = nagano.db_path
    nagano.close()
    damage(path)
    with pytest.raises(DatabaseOpenError, match="正常なバックアップは見つかりませんでした"):
        open_database(path)
