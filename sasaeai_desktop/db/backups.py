"""Backups of the database file: written to a temporary name, checked whole, then renamed.

A backup that a kill or a full disk interrupts must never pass for one: before, a kill during the
copy left a full-size file under the backup's own name plus a journal, which opened as an empty
database, and a full disk left a partial copy plus a journal filling the rest of the disk. Now
the copy is written to ``<backup>.partial`` without a journal (a half-written copy is thrown
away, never rolled back), checked with ``PRAGMA integrity_check`` and only then renamed. A
``.partial`` file left by a kill is removed the next time a backup is made or the database opened
(under the instance lock, so it is never one being written).

Where (issue 17): one folder per database under the backup folder (app_settings.backup_root: the
user data folder, or the folder chosen in 設定 / ``sasaeai backup folder``), named after the
database's name and a hash of its full path, so two databases' backups never mix; a
``database.txt`` in it names the database for a person looking. The file name says what made the
backup and when: ``<stem>.backup-<trigger>-<YYYYmmdd-HHMMSS>[-n].db`` (TRIGGERS). Backups made
beside the database by older versions are still found (listed, named as the way back).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from sasaeai_desktop.atomic_files import atomic_write

from .disk_space import MB
from .disk_space import check_free_space
from .disk_space import disk_full_message
from .disk_space import is_disk_full
from .errors import BackupFailedError
from .integrity import integrity_problem

PARTIAL_SUFFIX = ".partial"
# One backup at a time in this process: the window's daily backup runs on its own thread and a
# 手動 one on the write lane; two in the same second would pick the same free name.
_ONE_AT_A_TIME = threading.Lock()
RESTORE_STAGING_SUFFIX = ".restore.partial"  # db/restore.py: the checked copy before it is written back
SOURCE_NOTE = "database.txt"

# What made a backup: the key goes into the file name, the label is what the user reads.
TRIGGERS: dict[str, str] = {
    "daily": "日次",
    "import": "取り込み前",
    "sync-import": "同期取り込み前",
    "survey-collect": "調査票回収前",
    "restore": "復元前",
    "migration": "移行前",
    "manual": "手動",
}
_STAMP = "%Y%m%d-%H%M%S"
def now() -> dt.datetime:
    """The clock of every backup name and of the daily check (tests replace it to pass days)."""
    return dt.datetime.now()


_NAME_RE = re.compile(r"\.backup-(?P<label>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: dt.datetime
    trigger: str  # a TRIGGERS key; older versions' migration backups carry the revision instead
    size: int

    @property
    def label(self) -> str:
        if self.trigger in TRIGGERS:
            return TRIGGERS[self.trigger]
        return TRIGGERS["migration"]  # before issue 17 only migrations made backups (label = revision)


def database_bytes(db_path: Path) -> int:
    """The file and its write-ahead log: what a copy of it can take, at most."""
    return sum(p.stat().st_size for p in (db_path, _side(db_path, "-wal")) if p.exists())


def backup_folder(db_path: Path, root: Path | None = None) -> Path:
    """This database's own folder under the backup folder."""
    from sasaeai_desktop.app_settings import backup_root

    real = Path(os.path.abspath(db_path))
    digest = hashlib.sha256(str(real).encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return (root or backup_root()) / f"{real.stem}-{digest}"


def backup_name(db_path: Path, trigger: str, when: dt.datetime | None = None, folder: Path | None = None) -> Path:
    """A name not yet taken (two backups within one second get ``-2``, ``-3`` …)."""
    folder = folder or backup_folder(db_path)
    base = f"{db_path.stem}.backup-{trigger}-{(when or now()).strftime(_STAMP)}"
    suffix = db_path.suffix or ".db"
    target, n = folder / f"{base}{suffix}", 1
    while target.exists() or _side(target, PARTIAL_SUFFIX).exists():
        n += 1
        target = folder / f"{base}-{n}{suffix}"
    return target


def parse_name(path: Path) -> tuple[str, dt.datetime, int] | None:
    m = _NAME_RE.search(path.stem)
    if m is None:
        return None
    try:
        made = dt.datetime.strptime(m["stamp"], _STAMP)
    except ValueError:
        return None
    return m["label"], made, int(m["n"] or 1)


def backup_infos(db_path: Path, folder: Path | None = None) -> list[BackupInfo]:
    """This database's finished backups (a .partial never counts), newest first; also those an
    older version left beside the database."""
    suffix = db_path.suffix or ".db"
    pattern = f"{_glob_escape(db_path.stem)}.backup-*{suffix}"
    places = [folder or backup_folder(db_path), db_path.parent]
    # Names carry the time to the second; two backups of one second (a pre-import one right after
    # the daily one) are told apart by the file's own time.
    found: dict[Path, tuple[tuple[dt.datetime, int, float], BackupInfo]] = {}
    for place in places:
        try:
            candidates = list(place.glob(pattern))
        except OSError:
            continue
        for p in candidates:
            parsed = parse_name(p)
            try:
                if parsed is None or not p.is_file():
                    continue
                stat = p.stat()
            except OSError:
                continue
            label, made, n = parsed
            found[p] = ((made, n, stat.st_mtime), BackupInfo(p, made, label, stat.st_size))
    return [info for _key, info in sorted(found.values(), key=lambda kv: kv[0], reverse=True)]


def backups(db_path: Path) -> list[Path]:
    """The backups of ``db_path``, newest first."""
    return [info.path for info in backup_infos(db_path)]


def has_backup_on(db_path: Path, day: dt.date, folder: Path | None = None) -> bool:
    """The cheap check of the daily backup: one directory listing, no file opened."""
    stamp = f"-{day:%Y%m%d}-"
    folder = folder or backup_folder(db_path)
    try:
        names = os.listdir(folder)
    except OSError:
        return False
    return any(".backup-" in name and stamp in name and not name.endswith(PARTIAL_SUFFIX) for name in names)


def newest_good_backup(db_path: Path, *, look_at: int = 5) -> Path | None:
    """The newest backup that passes a full integrity_check (of the newest ``look_at``).

    One with a hot journal beside it (left by a kill before backups were made this way) is not
    whole, however it reads: opened normally, the journal rolls it back to nothing."""
    for candidate in backups(db_path)[:look_at]:
        if _side(candidate, "-journal").exists():
            continue
        if integrity_problem(candidate) is None:
            return candidate
    return None


def damaged_message(db_path: Path, problem: str) -> str:
    move_aside = (
        f"SasaeAI をすべて終了し、「{db_path.name}」と、同じ名前で -wal・-shm で終わるファイルを"
        "別のフォルダーへ移してから"
    )
    backup = newest_good_backup(db_path)
    if backup is not None:
        made = time.strftime("%Y-%m-%d %H:%M", time.localtime(backup.stat().st_mtime))
        way_back = (
            f"復旧の手順: 正常なバックアップ「{backup}」（{made} 作成、整合性チェック済み）があります。"
            f"コマンド「sasaeai --db \"{db_path}\" backup restore \"{backup}\"」で戻せます"
            "（壊れたファイルはバックアップフォルダーにそのまま残します）。"
            f"または、{move_aside}、そのバックアップをコピーし、「{db_path.name}」という名前で元の場所に置いてください。"
            "バックアップより後に入力した分は、入力し直すか同期ファイルを読み込み直してください。"
        )
    else:
        way_back = (
            f"正常なバックアップは見つかりませんでした（バックアップフォルダー「{backup_folder(db_path)}」と、"
            f"データベースと同じフォルダーの「{db_path.stem}.backup-…{db_path.suffix or '.db'}」を探しました）。"
            f"別の場所に保存したコピーがあれば、コマンド「sasaeai --db \"{db_path}\" backup restore コピーのファイル」で戻すか、"
            f"{move_aside}、そのコピーを「{db_path.name}」という名前で置いてください。"
            "なければシステム担当者に相談してください（SQLite の .recover で取り出せる場合があります）。"
        )
    return (
        f"データベース「{db_path}」は壊れています（整合性チェックの結果: {problem}）。"
        f"これ以上壊さないよう、何も書き込まずに中止しました。\n{way_back}"
    )


def remove_leftovers(db_path: Path) -> None:
    """Copies a kill interrupted; call only while holding the database's instance lock, and never
    during a restore (its checked copy is one of them: see remove_restore_leftover)."""
    pattern = f"{_glob_escape(db_path.stem)}.backup-*{PARTIAL_SUFFIX}"
    for place in (db_path.parent, backup_folder(db_path)):
        try:
            leftovers = list(place.glob(pattern))
        except OSError:
            continue
        for leftover in leftovers:
            for path in (leftover, _side(leftover, "-journal")):
                path.unlink(missing_ok=True)


def remove_restore_leftover(db_path: Path) -> None:
    """The checked copy of a restore a kill interrupted (db/restore.py); at opening, under the lock."""
    staging = _side(db_path, RESTORE_STAGING_SUFFIX)
    for path in (staging, *(_side(staging, side) for side in ("-journal", "-wal", "-shm"))):
        path.unlink(missing_ok=True)


def backup_file(
    db_path: Path, trigger: str, *, when: dt.datetime | None = None, folder: Path | None = None, out: Path | None = None
) -> Path:
    """A consistent, checked copy through SQLite's backup API (safe with WAL, unlike copying bytes).

    ``out``: this file instead of a name in the database's backup folder (``backup create --out``)."""
    with _ONE_AT_A_TIME:
        return _backup_file(db_path, trigger, when=when, folder=folder, out=out)


def _backup_file(db_path: Path, trigger: str, *, when: dt.datetime | None, folder: Path | None, out: Path | None) -> Path:
    remove_leftovers(db_path)
    needed = database_bytes(db_path)
    if out is None:
        folder = folder or backup_folder(db_path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _note_source(folder, db_path)
        except OSError as exc:
            raise BackupFailedError(
                f"バックアップの保存先「{folder}」を作れません（{exc.strerror or exc}）。"
                "保存先の設定（設定ページ、または sasaeai backup folder）を確かめてください。データベースには何も書き込んでいません。"
            ) from exc
        target = backup_name(db_path, trigger, when, folder)
    else:
        target = Path(out)
    check_free_space(target.parent, needed, before="バックアップ")
    partial = _side(target, PARTIAL_SUFFIX)
    try:
        with atomic_write(target, temp=partial):
            _copy(db_path, partial)
            problem = integrity_problem(partial)
            if problem is not None:
                raise BackupFailedError(
                    f"バックアップ「{target}」の整合性チェックに失敗しました（{problem}）。バックアップは残していません。"
                    "元のデータベースが壊れている可能性があります。データベースには何も書き込んでいません。"
                )
    except BaseException as exc:
        _side(partial, "-journal").unlink(missing_ok=True)
        if isinstance(exc, (sqlite3.Error, OSError)):
            raise BackupFailedError(_write_failed(target, needed, exc)) from exc
        raise
    return target


def _note_source(folder: Path, db_path: Path) -> None:
    note = folder / SOURCE_NOTE
    if not note.exists():
        note.write_text(f"{Path(os.path.abspath(db_path))}\n", encoding="utf-8")


def _copy(db_path: Path, partial: Path) -> None:
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(partial)
        try:
            dst.execute("PRAGMA journal_mode = OFF")
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def _write_failed(target: Path, needed: int, exc: BaseException) -> str:
    if is_disk_full(exc):
        said = f"{disk_full_message(needed)}バックアップ「{target}」を書き込めませんでした。"
    elif getattr(exc, "sqlite_errorname", "").startswith("SQLITE_IOERR"):
        # SQLite reports a file-size limit (EFBIG) as a plain write error, as it does a full disk
        # on some file systems: both are most likely "no room".
        said = (
            f"バックアップ「{target}」を書き込めませんでした（{exc}）。"
            f"ディスクの空き容量（必要: 約 {max(1, -(-needed // MB)):,} MB）と、ファイルの大きさの上限を確かめてください。"
        )
    else:
        said = f"バックアップ「{target}」を作れませんでした（{exc}）。"
    return said + "途中までのバックアップは削除しました。データベースには何も書き込んでいません。"


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)
