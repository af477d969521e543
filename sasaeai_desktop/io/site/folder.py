"""The site's folder, written whole or not at all.

The files go into a hidden temporary folder beside the target; only when the last one is written
does it take the target's name (an earlier export is moved aside first and removed after). A
full disk, an error or 中止 leaves the target as it was and no temporary folder behind.

A target that exists must be empty or an earlier export of this program (its index.html names
the generator, and it holds nothing but the site's own files and folders): replacing any other
folder would delete what a user keeps there.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sasaeai_desktop import cancellation
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.domain.quoted import quoted
from sasaeai_desktop.io.output_files import OutputPathError
from sasaeai_desktop.io.output_files import database_clash
from sasaeai_desktop.io.site.pages import GENERATOR

SITE_PARTS = frozenset({"index.html", "assets", "activities", "municipalities", "kinds", "photos"})
NOTHING_WRITTEN = "キャンセルしました。フォルダーは書き出していません（以前の内容はそのままです）。"


@dataclass(frozen=True)
class WrittenFolder:
    files: int
    bytes: int
    replaced: bool  # an earlier export was replaced


def is_earlier_export(folder: Path) -> bool:
    index = folder / "index.html"
    try:
        with open(index, "rb") as f:
            head = f.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR}">' in head


def check_site_target(out: str | os.PathLike[str], option: str = "--out") -> bool:
    """Whether ``out`` holds an earlier export (to be replaced); ``OutputPathError`` when it may not be written."""
    target = Path(out)
    label = f"{option}「{quoted(out, 120)}」" if option else f"「{quoted(out, 120)}」"
    if not str(out).strip():
        raise OutputPathError(f"{option} に書き出すフォルダーを指定してください。")
    try:
        if database_clash(target) is not None:
            raise OutputPathError(f"{label}は使用中のデータベースです。別のフォルダーを指定してください。")
        if target.exists() and not target.is_dir():
            raise OutputPathError(f"{label}はファイルです。書き出すフォルダーを指定してください。")
        parent = target.absolute().parent
        if not parent.is_dir():
            raise OutputPathError(f"{label}の親フォルダー「{quoted(parent, 120)}」がありません。")
        if not target.exists():
            return False
        names = sorted(p.name for p in target.iterdir())
    except OSError as exc:
        raise OutputPathError(f"{label}は使えないパスです（{exc.strerror or exc}）。") from None
    if not names:
        return False
    others = [n for n in names if n not in SITE_PARTS]
    if not is_earlier_export(target) or others:
        shown = "、".join((others or names)[:5]) + ("…" if len(others or names) > 5 else "")
        raise OutputPathError(
            f"{label}には、このプログラムが書き出したサイト以外のもの（{shown}）があります。"
            "中身を消さないよう、書き出しを止めました。空のフォルダーか、新しいフォルダー名を指定してください。")
    return True


def write_folder(out: str | os.PathLike[str], files: Iterable[tuple[str, bytes]], *, total: int,
                 progress: Progress | None = None, abort: Any = None) -> WrittenFolder:
    """Write ``files`` (relative paths with '/', bytes) as the folder ``out``, atomically."""
    target = Path(out)
    replaced = check_site_target(target)
    parent = target.absolute().parent
    temp = parent / f".{target.name[:80]}.{secrets.token_hex(4)}.tmp"
    temp.mkdir()
    count = size = 0
    try:
        for rel, data in files:
            cancellation.check(abort, NOTHING_WRITTEN)
            path = temp.joinpath(*rel.split("/"))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            count += 1
            size += len(data)
            if progress is not None and (count % 20 == 0 or count == total):
                progress(min(1.0, count / max(total, 1)), f"ファイルを書き出しています（{count:,} / {total:,}）…")
        cancellation.check(abort, NOTHING_WRITTEN)
        _swap(temp, target.absolute(), replaced)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return WrittenFolder(count, size, replaced)


def _swap(temp: Path, target: Path, replaced: bool) -> None:
    if not target.exists():
        os.rename(temp, target)
        return
    if not replaced:  # an empty folder (checked again: something may have appeared meanwhile)
        try:
            target.rmdir()
        except OSError:
            check_site_target(target)
            raise
        os.rename(temp, target)
        return
    old = target.with_name(f".{target.name[:80]}.{secrets.token_hex(4)}.old")
    os.rename(target, old)
    try:
        os.rename(temp, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
