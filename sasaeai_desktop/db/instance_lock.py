"""One running copy per database file — the file itself, not the name it was reached by.

SQLite would let a second copy open the same file, but two programs migrating, importing or
merging exchange files into one database at once is how data gets lost (issue 20: two imports
through a hard link corrupted the database), so the second one is told, clearly, and touches
nothing. The lock used to be a file named after the path; a hard link, a symlink or ``./x.db``
against an absolute path each got their own. Now:

- POSIX: ``flock`` on the database file. On Linux flock locks and the fcntl byte-range locks
  SQLite uses are independent (tests/integration/test_instance_lock.py checks that SQLite, WAL
  included, still reads and writes from this and another process under it). The pid of the
  holder goes to ``<db>.lock`` beside it (and, on Linux, is read back from /proc/locks, which
  names it whatever path the holder used). Our descriptor on the database file must stay open
  until every SQLite connection of the process is closed: closing any descriptor of a file drops
  the process's fcntl locks on it, SQLite's included — so ``release`` comes after
  ``engine.dispose()`` (bootstrap.AppContext.close). On NFS and some SMB mounts Linux emulates
  flock with fcntl locks; SQLite is not safe there anyway.
- Windows: byte-range locks are mandatory there and SQLite's own sit at 1 GiB, so we leave the
  database file alone and lock a lock file named after the file's identity (volume serial and
  file index, which Python's ``os.stat`` fills on Windows) in the database's folder. Every name of
  the file in that folder — another spelling, a mapped drive against its UNC path, a symlinked or
  junctioned folder, a second hard link beside it — finds the same lock file. A hard link in
  another folder does not: such links need ``mklink /H`` and are left as the known gap.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from .errors import DatabaseInUseError


class InstanceLock:
    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(os.path.abspath(db_path))
        self._held: _Held | None = None

    @property
    def path(self) -> Path:
        """The side file holding the holder's pid (on Windows, the lock file itself)."""
        return _note_path(self.db_path)

    def acquire(self) -> None:
        held = _try_lock(self.db_path)
        if held is None:
            raise DatabaseInUseError(
                f"データベース「{self.db_path}」は別の SasaeAI（プロセス {_holder(self.db_path)}）が使用中です。"
                "そちらを終了してから、もう一度開いてください。"
            )
        self._held = held

    def release(self) -> None:
        if self._held is not None:
            held, self._held = self._held, None
            held.release()

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _read_note(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    # The pid is written at the start of the lock file and the lock sits on a byte past it: a
    # locked range cannot even be read by another process on Windows, and the second copy must
    # read the pid to name the holder.
    _LOCK_OFFSET = 4096

    def _note_path(db_path: Path) -> Path:
        real = db_path.resolve()
        info = os.stat(real)
        if not info.st_ino:  # a file system without file indexes: the name is all there is
            return real.with_name(real.name + ".lock")
        return real.parent / f".sasaeai-{info.st_dev:x}-{info.st_ino:x}.lock"

    class _Held:
        def __init__(self, fh: IO[bytes], path: Path) -> None:
            self.fh, self.path = fh, path

        def release(self) -> None:
            try:
                self.fh.seek(_LOCK_OFFSET)
                msvcrt.locking(self.fh.fileno(), msvcrt.LK_UNLCK, 1)
            finally:
                self.fh.close()
            # Fails harmlessly while another copy has the file open (Windows will not delete an
            # open file), so a lock someone else holds is never removed from under them.
            try:
                self.path.unlink()
            except OSError:
                pass

    def _try_lock(db_path: Path) -> _Held | None:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        with open(db_path, "ab"):  # the file must exist to have an identity
            pass
        path = _note_path(db_path)
        # Never truncated at opening: the holder's pid may be in it.
        fh = os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT | os.O_BINARY, 0o666), "r+b")
        try:
            fh.seek(_LOCK_OFFSET)  # msvcrt.locking locks from the current position
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            fh.close()
            return None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()).encode("ascii"))
        fh.flush()
        return _Held(fh, path)

    def _holder(db_path: Path) -> str:
        try:
            return _read_note(_note_path(db_path)) or "不明"
        except OSError:
            return "不明"

else:
    import fcntl

    def _note_path(db_path: Path) -> Path:
        real = db_path.resolve()
        return real.with_name(real.name + ".lock")

    class _Held:
        def __init__(self, fd: int, note: Path) -> None:
            self.fd, self.note = fd, note

        def release(self) -> None:
            # The note goes first, while the lock is still ours: whoever takes the lock next
            # writes their own, and a stale pid is never read as the holder's.
            try:
                self.note.unlink(missing_ok=True)
            except OSError:
                pass
            try:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            finally:
                os.close(self.fd)

    def _try_lock(db_path: Path) -> _Held | None:
        fd = os.open(db_path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        note = _note_path(db_path)
        try:
            note.write_text(str(os.getpid()), encoding="utf-8")
        except OSError:
            pass  # only the message's pid depends on it
        return _Held(fd, note)

    def _holder(db_path: Path) -> str:
        return _pid_from_proc_locks(db_path) or _read_note(_note_path(db_path)) or "不明"

    def _pid_from_proc_locks(db_path: Path) -> str:
        """The pid holding a flock on this file (Linux), whatever name it opened the file by."""
        try:
            info = os.stat(db_path)
            lines = Path("/proc/locks").read_text(encoding="ascii", errors="replace").splitlines()
        except OSError:
            return ""
        wanted = f"{os.major(info.st_dev):02x}:{os.minor(info.st_dev):02x}:{info.st_ino}"
        for line in lines:
            fields = line.split()
            # "1: FLOCK  ADVISORY  WRITE 4242 fe:00:2507330 0 EOF"; "->" marks a waiter
            if len(fields) >= 6 and fields[1] == "FLOCK" and fields[5] == wanted:
                return fields[4]
        return ""
