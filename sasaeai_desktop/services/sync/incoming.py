"""What an import and a join both do with a file that arrives: read and check it whole before
touching the database, find the entries it lacks the ground for (a gap), apply the rest with the
per-field causal merge (merge.py), and commit with the deferred foreign keys checked."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path
from typing import Any

from sasaeai_desktop import cancellation
from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import hlc
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services.sync.merge import ApplyCounts
from sasaeai_desktop.services.sync.merge import Merger
from sasaeai_desktop.services.sync.passphrase import check_passphrase_text
from sasaeai_desktop.services.sync.peers import peer_label
from sasaeai_desktop.services.sync.peers import short_id
from sasaeai_desktop.services.sync.replica import SYNC_CANCELLED
from sasaeai_desktop.services.sync.replica import known_schemas


def read_file(path: Path, passphrase: str) -> tuple[bytes, dict[str, Any], int]:
    passphrase = check_passphrase_text(passphrase)
    try:
        blob = Path(path).read_bytes()
    except FileNotFoundError:
        raise UserError(f"ファイル「{path}」が見つかりません。") from None
    except OSError as exc:
        raise UserError(f"ファイル「{path}」を読めません: {exc}") from None
    try:
        header, offset = pkg.read_header(blob)
    except pkg.PackageError as exc:
        raise UserError(f"「{Path(path).name}」を読み込めません。{exc}データベースは変更していません。") from None
    return blob, header, offset


def check_header(db: sqlite3.Connection | None, header: dict[str, Any], path: Path, dataset: str | None) -> None:
    known, head_rev = known_schemas()
    schema = str(header.get("schema"))
    if schema not in known:
        raise UserError(
            f"「{path.name}」は新しいバージョンの SasaeAI で作られています（スキーマ {schema}）。"
            "SasaeAI を更新してから読み込んでください。ファイルは消さずに保管してください。データベースは変更していません。"
        )
    if dataset is not None and header.get("dataset_id") != dataset:
        raise UserError(
            f"「{path.name}」は別のデータ（データセット {str(header.get('dataset_id'))[-8:]}）のファイルです。"
            f"このデータベースのデータセットは {dataset[-8:]} です。同じ職場の同期ファイルか確認してください。データベースは変更していません。"
        )


def decrypt(blob: bytes, header: dict[str, Any], offset: int, passphrase: str, path: Path) -> dict[str, Any]:
    try:
        return pkg.open_package(blob, header, offset, passphrase)
    except pkg.PackageError as exc:
        raise UserError(f"「{path.name}」を読み込めません。{exc}データベースは変更していません。") from None


def gap_check(db: sqlite3.Connection, entries: list[dict[str, Any]], names: dict[str, str],
              advice: str = "") -> list[dict[str, Any]]:
    """The entries to apply, in order; UserError naming what is missing when there is a gap."""
    known = cc.version_vector(db)
    todo = []
    missing: dict[str, tuple[int, int]] = {}

    def need(origin: str, lo: int, hi: int) -> None:
        a, b = missing.get(origin, (lo, hi))
        missing[origin] = (min(a, lo), max(b, hi))

    for e in entries:
        o, c = e["o"], int(e["c"])
        if c <= known.get(o, 0):
            continue
        ok = True
        if c != known.get(o, 0) + 1:
            need(o, known.get(o, 0) + 1, c - 1)
            ok = False
        for x, n in e["v"].items():
            if x != o and int(n) > known.get(x, 0):
                need(x, known.get(x, 0) + 1, int(n))
                ok = False
        if not ok:
            continue
        known[o] = c
        todo.append(e)
    if missing:
        parts = [
            f"端末 {peer_label(names, o)} の変更 {lo}〜{hi} 番" if lo != hi else f"端末 {peer_label(names, o)} の変更 {lo} 番"
            for o, (lo, hi) in sorted(missing.items())
        ]
        raise UserError(
            "このファイルの前に必要な変更が、このパソコンにまだ届いていません（" + "、".join(parts) + "）。"
            + (advice or "先にそれを含むファイルを読み込むか、相手に「全員用のファイル」（宛先を指定しないファイル）を作ってもらってください。")
            + "データベースは変更していません。"
        )
    return todo


def check_tips(db: sqlite3.Connection, payload: dict[str, Any], names: dict[str, str], advice: str) -> None:
    """The sender's newest entry of each replica must be held here or be in the file.

    A file made for one peer leaves out what that peer acknowledged, counted by number. When the
    peer holds those numbers from another branch of a copied laptop (a fork not met yet here),
    the file's entries would be read as having seen this database's branch: a field's value
    would differ from the other laptops' for good, or an update would arrive for a row never
    created here. The sender's tips tell: a tip neither held nor in the file means the sender
    holds something under numbers this database uses for something else (or lost, restored from
    a backup). A file for everyone carries every entry, so it always passes."""
    in_file = {e["x"] for e in payload.get("entries", []) if e.get("x")}
    unknown = sorted(
        o for o, h in payload.get("tips", {}).items() if h and h not in in_file
        and db.execute("SELECT 1 FROM sync_entry WHERE hash = ?", (h,)).fetchone() is None
    )
    if unknown:
        raise UserError(
            "このファイルの送り主が持っている変更のうち、このパソコンにないものがファイルに入っていません（"
            + "、".join(f"端末 {peer_label(names, o)}" for o in unknown) + "）。"
            + advice
            + "データベースは変更していません。"
        )


def apply_entries(db: sqlite3.Connection, entries: list[dict[str, Any]], progress: Progress | None,
                  abort: threading.Event | None, now_ms: int) -> tuple[ApplyCounts, int, list[str]]:
    tables = cc.synced_tables(db)
    merger = Merger(db, tables)
    clock = int(cc.get_meta(db, cc.META_HLC) or 0)
    warnings: list[str] = []
    db.execute("PRAGMA defer_foreign_keys = ON")
    cc.mute(db)
    total = max(len(entries), 1)
    for i, e in enumerate(entries):
        if i % 20 == 0:
            cancellation.check(abort, SYNC_CANCELLED)
            if progress:
                progress(0.1 + 0.8 * i / total, f"変更 {i:,}/{len(entries):,} 件目を反映中")
        origin, counter, eclock = e["o"], int(e["c"]), int(e["h"])
        info = merger.begin_entry(origin, counter, eclock, {k: int(v) for k, v in e["v"].items()}, now_ms,
                                  e.get("x"), e.get("p"))
        for tbl, row_id, op, data, at in e["ch"]:
            merger.apply_change(info, tbl, row_id, op, data, int(at))
        merger.end_entry(info)
        cc.ensure_peer(db, origin)
        db.execute("UPDATE sync_peer SET counter = ? WHERE replica_id = ? AND counter < ?", (counter, origin, counter))
        received = hlc.receive(clock, eclock, now_ms)
        if not received.adopted and not warnings:
            warnings.append(
                f"端末 {short_id(origin)} の時計が1日以上進んでいます（{dt.datetime.fromtimestamp(hlc.physical_ms(eclock) / 1000):%Y-%m-%d %H:%M}）。"
                "その端末の日付と時刻を確認してください。"
            )
        clock = received.clock
    cc.unmute(db)
    cc.set_meta(db, cc.META_HLC, str(clock))
    # The change rows just written belong to the remote entries, not to the next local seal.
    last = db.execute("SELECT max(seq) FROM sync_change").fetchone()[0]
    if last is not None:
        cc.set_meta(db, cc.META_SEALED, str(last))
    return merger.counts, len(entries), warnings


def fk_error(violations: list) -> UserError:
    return UserError(
        f"取り込むと参照関係に不整合が生じます（{violations[0][0] if violations else '不明'} など）。"
        "取り込みを取り消しました。データベースは変更していません。"
    )


def commit(uow: UnitOfWork) -> None:
    """Commit; foreign keys are deferred during an import, so a violation shows up here."""
    from sqlalchemy.exc import IntegrityError

    try:
        uow.commit()
    except IntegrityError as exc:
        uow.rollback()
        raise fk_error([]) from exc
