"""One running copy per database *file*: the lock holds whatever name the file is reached by."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db.errors import DatabaseInUseError
from sasaeai_desktop.db.instance_lock import InstanceLock
from tests.cli_runner import CliRunner

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="hard links and flock: the POSIX lock")

_HOLDER = """
import sys
from sasaeai_desktop.bootstrap import open_database
ctx = open_database(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
ctx.close()
"""


def _state(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def held(tmp_path: Path) -> Iterator[tuple[Path, int]]:
    """A database opened by another process, which keeps it open until the test ends."""
    folder = tmp_path / "office"
    folder.mkdir()
    path = folder / "data.db"
    open_database(path).close()
    proc = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        yield path, proc.pid
    finally:
        proc.communicate("", timeout=30)


@pytest.mark.parametrize("kind", ["hard link", "symlink", "relative path"])
def test_another_name_of_a_database_in_use_is_refused_and_untouched(
    sasaeai: CliRunner, held: tuple[Path, int], tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, holder_pid = held
    elsewhere = tmp_path / "elsewhere"  # another folder: a lock file beside the name would differ
    elsewhere.mkdir()
    if kind == "hard link":
        other = elsewhere / "copy-of-data.db"
        os.link(path, other)
    elif kind == "symlink":
        other = elsewhere / "link.db"
        other.symlink_to(path)
    else:
        monkeypatch.chdir(path.parent)
        other = Path(".") / path.name
    before = _state(path.parent), _state(elsewhere)
    done = sasaeai.inside("--db", str(other), "init", "--prefecture", "長野県")
    err = done.stderr
    assert done.returncode == 2, err
    assert "使用中" in err and f"プロセス {holder_pid}" in err and "Traceback" not in err
    assert (_state(path.parent), _state(elsewhere)) == before  # touched nothing, not even a lock file


def test_sqlite_and_wal_work_under_the_lock_from_this_and_another_process(tmp_path: Path) -> None:
    """flock on the database file and SQLite's own fcntl locks do not meet (Linux)."""
    path = tmp_path / "t.db"
    ctx = open_database(path)
    try:
        with ctx.engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO local_meta (key, value) VALUES ('here', '1')")
        code = (
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], timeout=5, isolation_level=None); "
            "c.execute('BEGIN IMMEDIATE'); c.execute(\"INSERT INTO local_meta (key, value) VALUES ('there', '2')\"); "
            "c.execute('COMMIT'); print(c.execute('PRAGMA journal_mode').fetchone()[0], "
            "c.execute('SELECT count(*) FROM local_meta WHERE key IN (\\'here\\', \\'there\\')').fetchone()[0])"
        )
        out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True).stdout
        assert out.split() == ["wal", "2"]
        with ctx.engine.begin() as conn:
            assert conn.exec_driver_sql("SELECT value FROM local_meta WHERE key = 'there'").scalar() == "2"
            conn.exec_driver_sql("UPDATE local_meta SET value = '3' WHERE key = 'there'")
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        ctx.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT value FROM local_meta WHERE key = 'there'").fetchone()[0] == "3"
    finally:
        conn.close()


def test_a_hard_link_is_refused_in_the_same_process_and_free_after_release(tmp_path: Path) -> None:
    path = tmp_path / "data.db"
    link = tmp_path / "other-name.db"
    lock = InstanceLock(path)
    lock.acquire()
    try:
        os.link(path, link)
        with pytest.raises(DatabaseInUseError, match=f"プロセス {os.getpid()}"):
            InstanceLock(link).acquire()
    finally:
        lock.release()
    assert not lock.path.exists()  # the pid note goes with the lock
    with InstanceLock(link):
        pass
