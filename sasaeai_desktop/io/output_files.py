"""Every file the program hands to a user is written here: never onto a database in use, never
half-written, and a full disk said in plain Japanese.

- ``check_output(path, overwrite=...)``: refuse, before any work, a target that is a database this
  process opened or one of its side files (``-wal``, ``-shm``, ``.lock``, ``.replica`` …, compared
  by file identity, so a hard link or a symlink is caught too), a folder, a missing folder, a
  wrong suffix, or — without ``overwrite`` — an existing file.
- ``output_target(path, suffix)``: the lighter check a service makes of the file it is asked to
  write (suffix, folder exists, not a folder); the database check follows at the write.
- ``replacing(path)``: a context manager yielding a temporary file beside the target; the target is
  replaced only when the block ended without error, the temporary file is removed otherwise
  (``atomic_write``, sasaeai_desktop/atomic_files.py). The database check is made again just
  before the rename.
- ``replacing_files_in(folder)``: the same for a folder of files (``survey make``).
- ``locking(targets, password)``: while the block runs, these targets (.xlsx, .pdf) are written
  locked: ``replacing`` yields a temporary file in a private folder instead of one beside the
  target, and what was written there is encrypted into the target (io/locked_files.py). The
  writers do not know: the lock is a step around the finished file.
- ``disk_full(exc)``: the one place that recognises "no space left" (ENOSPC, EFBIG, EDQUOT,
  SQLite's "database or disk is full", lxml's IO_ENOSPC …) and turns it into ``DiskFullError``.

Databases are registered with ``protect_database`` by ``bootstrap.open_database`` and by the
command line before it parses its outputs.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections import Counter
from collections.abc import Iterable
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from sasaeai_desktop.atomic_files import atomic_write
from sasaeai_desktop.atomic_files import new_temp_beside
from sasaeai_desktop.db.disk_space import causes
from sasaeai_desktop.db.disk_space import disk_full_message
from sasaeai_desktop.db.disk_space import is_disk_full
from sasaeai_desktop.db.disk_space import is_size_limit
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.quoted import quoted

# SQLite's own files beside a database, our lock and replica files, and the temporary names they use.
SIDE_SUFFIXES = ("", "-wal", "-shm", "-journal", ".lock", ".replica", ".replica.tmp")

DISK_FULL = "ディスクの空き容量が足りません"

# How many times each database is open in this process (a test opens thousands, one after another).
_protected: Counter[Path] = Counter()
# Targets to write locked, with their passwords (``locking``). Keyed by path, not by thread: the
# window writes in its task lane's worker thread.
_locked: dict[Path, tuple[str, list[Path]]] = {}


class OutputPathError(UserError):
    """The output path cannot be used; nothing was written."""


class DiskFullError(UserError):
    """The disk (or a size limit) ran out while writing; nothing half-written was left."""

    def __init__(self, needed_bytes: int | None = None, *, size_limit: bool = False, text: str | None = None) -> None:
        self.needed_bytes = needed_bytes
        hint = "（ファイルサイズの上限に達した可能性もあります）" if size_limit else ""
        super().__init__(text or (
            f"{disk_full_message(needed_bytes)}{hint}"
            "作りかけのファイルは残していません。不要なファイルを削除して空きを作ってから、もう一度実行してください。"
        ))


def protect_database(db_path: str | os.PathLike[str]) -> None:
    """Never write an output onto this database or its side files while it is open (``release_database``)."""
    _protected[Path(os.path.abspath(db_path))] += 1


def release_database(db_path: str | os.PathLike[str]) -> None:
    """The database was closed: outputs are checked against it no longer (unless open elsewhere here)."""
    key = Path(os.path.abspath(db_path))
    if _protected[key] > 1:
        _protected[key] -= 1
    else:
        _protected.pop(key, None)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False


def database_clash(target: str | os.PathLike[str]) -> Path | None:
    """The protected database ``target`` would overwrite (itself or a side file), or None."""
    target = Path(target)
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare the name only
        resolved = Path(os.path.abspath(target))
    for db in _protected:
        for suffix in SIDE_SUFFIXES:
            side = db.with_name(db.name + suffix)
            if resolved == side.resolve() or _same_file(target, side):
                return db
        # its backups: in its backup folder (db/backups.py), and those older versions left beside it
        if resolved.name.startswith(f"{db.stem}.backup-") and resolved.parent in _backup_places(db):
            return db
    return None


def _backup_places(db: Path) -> set[Path]:
    from sasaeai_desktop.db.backups import backup_folder

    places = {db.parent.resolve()}
    try:
        places.add(backup_folder(db).resolve())
    except (OSError, RuntimeError):
        pass
    return places


def check_output(
    path: str | os.PathLike[str],
    *,
    overwrite: bool,
    suffixes: Iterable[str] = (),
    option: str = "--out",
    overwrite_option: str | None = "--overwrite",
) -> Path:
    """The target as a Path, or ``OutputPathError`` saying what is wrong with it (nothing is written)."""
    try:
        return _check_output(path, overwrite, suffixes, option, overwrite_option)
    except OSError as exc:  # a name too long for the file system, a loop of links …
        raise OutputPathError(f"{option or '出力先'}「{quoted(path, 120)}」は使えないパスです（{exc.strerror or exc}）。") from None


def output_target(path: str | os.PathLike[str], suffix: str) -> Path:
    """The file a service writes, as a Path, or ``OutputPathError`` when it does not end in
    ``suffix`` (e.g. ".pdf"), its folder does not exist, or it is a folder."""
    target = Path(path)
    if target.suffix.lower() != suffix:
        raise OutputPathError(f"出力ファイル「{target}」の拡張子は {suffix} にしてください。")
    if not target.parent.is_dir():
        raise OutputPathError(f"出力先フォルダー「{target.parent}」がありません。")
    if target.is_dir():
        raise OutputPathError(f"「{target}」はフォルダーです。ファイル名を指定してください。")
    return target


def _check_output(
    path: str | os.PathLike[str], overwrite: bool, suffixes: Iterable[str], option: str, overwrite_option: str | None
) -> Path:
    target = Path(path)
    label = f"{option}「{quoted(target, 120)}」" if option else f"出力先「{quoted(target, 120)}」"
    if not str(path).strip():
        raise OutputPathError(f"{option or '出力先'} に出力ファイルのパスを指定してください。")
    clash = database_clash(target)
    if clash is not None:
        raise OutputPathError(
            f"{label}は使用中のデータベース「{clash}」またはその関連ファイルです。データベースを上書きすることはできません。"
            "別のファイル名を指定してください。"
        )
    wanted = tuple(s.lower() for s in suffixes)
    if wanted and target.suffix.lower() not in wanted:
        raise OutputPathError(f"{label}: 拡張子は {' / '.join(wanted)} にしてください。")
    if target.is_dir():
        raise OutputPathError(f"{label}はフォルダーです。ファイル名まで指定してください。")
    parent = target.parent
    if not parent.is_dir():
        raise OutputPathError(f"{label}: 出力先フォルダー「{parent}」がありません。")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputPathError(f"{label}: フォルダー「{parent}」に書き込めません。")
    if os.path.lexists(target) and not overwrite:
        how = f"上書きするには {overwrite_option} を付けてください。" if overwrite_option else "別のファイル名を指定してください。"
        raise OutputPathError(f"{label}はすでにあります。{how}")
    return target


def check_output_folder(path: str | os.PathLike[str], *, option: str = "--out") -> Path:
    """A folder to write several files into: it may exist (then it must be a folder) or be made."""
    try:
        return _check_output_folder(path, option)
    except OSError as exc:
        raise OutputPathError(f"{option}「{quoted(path, 120)}」は使えないパスです（{exc.strerror or exc}）。") from None


def _check_output_folder(path: str | os.PathLike[str], option: str) -> Path:
    folder = Path(path)
    label = f"{option}「{quoted(folder, 120)}」"
    if not str(path).strip():
        raise OutputPathError(f"{option} に出力先のフォルダーを指定してください。")
    if database_clash(folder) is not None:
        raise OutputPathError(f"{label}は使用中のデータベースです。フォルダーを指定してください。")
    if os.path.lexists(folder) and not folder.is_dir():
        raise OutputPathError(f"{label}はフォルダーではありません。")
    existing = next((p for p in [folder, *folder.parents] if p.is_dir()), None)
    if existing is None or not os.access(existing, os.W_OK | os.X_OK):
        raise OutputPathError(f"{label}: フォルダー「{existing or folder.parent}」に書き込めません。")
    return folder


def refuse_database(target: Path) -> None:
    clash = database_clash(target)
    if clash is not None:
        raise OutputPathError(
            f"出力先「{target}」は使用中のデータベース「{clash}」またはその関連ファイルです。データベースを上書きすることはできません。"
        )


def _lock_key(target: str | os.PathLike[str]) -> Path:
    return Path(os.path.abspath(target))


@contextmanager
def locking(targets: Iterable[str | os.PathLike[str]], password: str) -> Iterator[list[Path]]:
    """Write these targets encrypted with ``password`` while the block runs (see the module doc);
    yields the list of the targets written so far."""
    from sasaeai_desktop.io.locked_files import check_lockable

    keys = []
    for target in targets:
        check_lockable(target, option="出力先")
        keys.append(_lock_key(target))
    if not password:
        raise UserError("パスワードが空です。")
    written: list[Path] = []
    for key in keys:
        _locked[key] = (password, written)
    try:
        yield written
    finally:
        for key in keys:
            _locked.pop(key, None)


def is_locked_target(target: str | os.PathLike[str]) -> bool:
    return _lock_key(target) in _locked


@contextmanager
def _replacing_locked(target: Path, password: str, written: list[Path]) -> Iterator[Path]:
    """``replacing`` for a locked target: the plain file is written in a private folder, never
    beside the target, and only its encrypted form reaches the target's folder."""
    from sasaeai_desktop.io.locked_files import lock_bytes
    from sasaeai_desktop.io.locked_files import private_folder

    with private_folder() as folder:
        plain = folder / target.name
        yield plain
        data = lock_bytes(plain.read_bytes(), target.suffix, password)
        plain.unlink()
    write_bytes(target, data, already_locked=True)
    written.append(target)


@contextmanager
def replacing(target: str | os.PathLike[str], *, needed_bytes: int | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` when the block succeeds."""
    target = Path(target)
    refuse_database(target)
    lock = _locked.get(_lock_key(target))
    if lock is not None:
        with _replacing_locked(target, *lock) as plain:
            yield plain
    else:
        with _replacing_beside(target, needed_bytes) as tmp:
            yield tmp


@contextmanager
def _replacing_beside(target: Path, needed_bytes: int | None) -> Iterator[Path]:
    if target.is_dir():
        raise OutputPathError(f"出力先「{target}」はフォルダーです。ファイル名まで指定してください。")
    try:
        tmp = new_temp_beside(target, target.suffix + ".tmp")
    except OSError as exc:
        raise disk_full(exc, needed_bytes) or _unwritable(target, exc) from exc
    try:
        with atomic_write(target, temp=tmp):
            yield tmp
            refuse_database(target)  # the check again: a link may have appeared while we wrote
    except BaseException as exc:
        full = disk_full(exc, needed_bytes) if isinstance(exc, Exception) else None
        if full is not None:
            raise full from exc
        raise


def _unwritable(target: Path, exc: OSError) -> OutputPathError:
    return OutputPathError(f"「{target}」に書き込めません: {exc.strerror or exc}")


def write_bytes(target: str | os.PathLike[str], data: bytes, *, already_locked: bool = False) -> None:
    """Write ``data`` to ``target`` atomically, flushed to the disk before the rename
    (``already_locked``: ``data`` is the encrypted form of a locked target, written as it is)."""
    target = Path(target)
    refuse_database(target)
    with _replacing_beside(target, len(data)) if already_locked else replacing(target, needed_bytes=len(data)) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())


@contextmanager
def replacing_files_in(folder: str | os.PathLike[str], *, overwrite: bool) -> Iterator[Path]:
    """Yield a staging folder; when the block succeeds, its files are moved into ``folder``.

    Nothing reaches ``folder`` before every file is complete; without ``overwrite`` an existing
    file of the same name stops the whole move (before anything is moved).
    """
    folder = Path(folder)
    check_output_folder(folder)
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(folder) / f".staging-{secrets.token_hex(4)}"
        staging.mkdir()
    except OSError as exc:
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        raise disk_full(exc) or _unwritable(folder, exc) from exc
    try:
        yield staging
        names = sorted(p.name for p in staging.iterdir())
        for name in names:
            refuse_database(folder / name)
        clashes = [n for n in names if os.path.lexists(folder / n)]
        if clashes and not overwrite:
            raise OutputPathError(
                f"「{folder}」には同じ名前のファイルが {len(clashes)} 件あります（例: {clashes[0]}）。"
                "上書きするには --overwrite を付けるか、別のフォルダーを指定してください。"
            )
        for name in names:
            os.replace(staging / name, folder / name)
        staging.rmdir()
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        full = disk_full(exc) if isinstance(exc, Exception) else None
        if full is not None:
            raise full from exc
        raise


def disk_full(exc: BaseException, needed_bytes: int | None = None) -> DiskFullError | None:
    """``DiskFullError`` when ``exc`` (or what caused it) means the disk or a size limit ran out."""
    for e in causes(exc):
        if isinstance(e, DiskFullError):
            return e
        if DISK_FULL in str(e):  # already said, with more detail (db/disk_space.py): keep its words
            return DiskFullError(needed_bytes, text=str(e))
    if not is_disk_full(exc):
        return None
    return DiskFullError(needed_bytes, size_limit=is_size_limit(exc))


def let_go_quietly(exc: BaseException) -> None:
    """Free what a failed save left in its frames now, without "Exception ignored" lines.

    openpyxl leaves its ZipFile and its worksheet's XML stream open when a save fails (a full
    disk); when they are collected they try to write again and Python prints "Exception ignored in:
    ZipFile.__del__" (or in ``WorksheetWriter.get_stream``) after our message. Clearing the failed
    frames collects them here, with the hook for unraisable errors silenced for that moment (the
    error itself is raised to the caller as usual).
    """
    import gc
    import sys
    import traceback

    previous = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        traceback.clear_frames(exc.__traceback__)
        gc.collect()
    finally:
        sys.unraisablehook = previous


class Saveable(Protocol):
    """An openpyxl workbook, as far as saving it goes."""

    def save(self, filename: Path) -> None: ...


def save_workbook(wb: Saveable, target: str | os.PathLike[str], *, needed_bytes: int | None = None) -> None:
    """``wb.save`` through ``replacing``: atomic, and quiet after a failed save."""
    with replacing(target, needed_bytes=needed_bytes) as tmp:
        try:
            wb.save(tmp)
        except BaseException as exc:
            let_go_quietly(exc)
            raise
