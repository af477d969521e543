"""Reading a sync file into this database: all of it is applied, or (on any problem) nothing.

The file is checked whole first (incoming.py); a copied or restored laptop's second branch is
found and kept (fork.py); the entries are applied with the causal merge in one BEGIN IMMEDIATE
transaction; what the sender acknowledged is recorded, and the change log is folded (compact.py).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import hlc
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.services.sync import clock as sync_clock
from sasaeai_desktop.services.sync import compact as sync_compact
from sasaeai_desktop.services.sync import fork as sync_fork
from sasaeai_desktop.services.sync.conflicts import open_conflict_keys
from sasaeai_desktop.services.sync.duplicates import count_duplicates_raw
from sasaeai_desktop.services.sync.duplicates import redirect_merged
from sasaeai_desktop.services.sync.incoming import apply_entries
from sasaeai_desktop.services.sync.incoming import check_header
from sasaeai_desktop.services.sync.incoming import check_tips
from sasaeai_desktop.services.sync.incoming import commit
from sasaeai_desktop.services.sync.incoming import decrypt
from sasaeai_desktop.services.sync.incoming import fk_error
from sasaeai_desktop.services.sync.incoming import gap_check
from sasaeai_desktop.services.sync.incoming import read_file
from sasaeai_desktop.services.sync.merge import ApplyCounts
from sasaeai_desktop.services.sync.passphrase import adopt_kdf
from sasaeai_desktop.services.sync.peers import peer_label
from sasaeai_desktop.services.sync.peers import peer_names
from sasaeai_desktop.services.sync.peers import short_id
from sasaeai_desktop.services.sync.replica import after_commit
from sasaeai_desktop.services.sync.replica import database_path
from sasaeai_desktop.services.sync.replica import require_dataset
from sasaeai_desktop.services.sync.replica import transaction


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    conflicts: int
    skipped: int
    deleted: int
    entries_applied: int
    entries_known: int
    already_imported: bool
    dry_run: bool
    duplicate_people: int
    source: str
    source_name: str
    warnings: tuple[str, ...]
    summary: str
    forks: tuple[str, ...] = ()  # a copied or restored laptop's edits found and kept (said plainly)


def _gap_advice(db: sqlite3.Connection, header: dict[str, Any], names: dict[str, str], path: Path) -> str:
    """What to do about a gap, in the officer's words: most often the file was made for another
    laptop (a laptop back after a month picks the newest file on the shared folder)."""
    source = str(header.get("source") or "")
    sender = peer_label(names, source) if source else "送り主のパソコン"
    me = cc.get_meta(db, cc.META_REPLICA) or ""
    my_name = cc.get_meta(db, cc.META_NAME) or short_id(me)
    target = header.get("for")
    if target and target != me:
        return (f"「{path.name}」は {peer_label(names, str(target))} 用に作られたファイルです。"
                f"{sender}で「{my_name}さん用のファイル」（または「全員用のファイル」）を作ってもらい、それを読み込んでください。")
    return (f"先にそれを含むファイルを読み込むか、{sender}で「{my_name}さん用のファイル」"
            "（または「全員用のファイル」、コマンドでは --for を付けない書き出し）を作ってもらってください。")


def _summary(c: ApplyCounts, n_dups: int, dry_run: bool, source: str) -> str:
    verb = "取り込むと" if dry_run else "取り込みました"
    head = f"{source}のファイルを{verb}" + ("、次のようになります" if dry_run else "")
    text = f"{head}: 追加 {c.added} 件、更新 {c.updated + c.deleted} 件、競合 {c.conflicts} 件、スキップ {c.skipped} 件。"
    if c.conflicts:
        # stored and shown on the 同期 page: no command line here (the CLI adds its own hint)
        text += "競合は「同期」画面の「競合を確認・解決…」で、どちらを残すか選んでください。"
    if n_dups:
        text += f"同一人物の可能性がある人が {n_dups} 組あります。確認して統合してください。"
    if dry_run:
        text += "（試行のみ: データベースは変更していません）"
    return text


def import_file(uow: UnitOfWork, path: Path | str, passphrase: str, dry_run: bool = False,
                progress: Progress | None = None, abort: threading.Event | None = None) -> ImportResult:
    """Read an exchange file; all of it is applied, or (on any problem) nothing."""
    path = Path(path)
    blob, header, offset = read_file(path, passphrase)
    db_path = database_path(uow)
    if not dry_run:
        from sasaeai_desktop.services import backups

        backups.before(uow, "sync-import")
    sha = hashlib.sha256(blob).hexdigest()
    now_ms = hlc.wall_ms()
    with transaction(uow) as db:
        dataset, replica = require_dataset(db)
        check_header(db, header, path, dataset)
        payload = decrypt(blob, header, offset, passphrase, path)
        names = {**payload.get("names", {}), **{k: v for k, v in peer_names(db).items() if v}}
        source, source_name = str(header.get("source", "")), str(header.get("source_name", ""))
        src_label = peer_label(names, source) if source else "不明な端末"
        if db.execute("SELECT 1 FROM sync_file WHERE sha256 = ? AND direction = 'in'", (sha,)).fetchone():
            return ImportResult(0, 0, 0, 0, 0, 0, len(payload.get("entries", [])), True, dry_run, 0, source, source_name, (),
                                f"このファイル（{path.name}）は取り込み済みです。変更はありません。")
        adopt_kdf(db, header)
        # A database put back from a backup (or copied) must not reuse its old counters.
        cc.check_identity(db, db_path)
        replica = cc.get_meta(db, cc.META_REPLICA) or replica
        mine = cc.own_counter(db, replica)
        if any(e["o"] == replica and int(e["c"]) > mine for e in payload["entries"]) or \
                int(header.get("sender_vv", {}).get(replica, 0)) > mine:
            cc.new_replica_id(db)
        cc.seal(db, now_ms)
        # entries in this database's names; a copied laptop's second branch is found and kept
        reconciler = sync_fork.Reconciler(db, payload)
        payload["entries"] = reconciler.run()
        forks = sync_fork.describe(reconciler.found, names, dry_run)
        advice = _gap_advice(db, header, names, path)
        todo = gap_check(db, payload["entries"], names, advice)
        check_tips(db, payload, names, advice)
        known = len(payload["entries"]) - len(todo)
        open_before = set(open_conflict_keys(db))
        counts, applied, warnings = apply_entries(db, todo, progress, abort, now_ms)
        # 競合 is what the officer now has to decide: a conflict the same file also resolved
        # (the office's resolution travelling with both values) is not one.
        counts.conflicts = len(set(open_conflict_keys(db)) - open_before)
        chosen = {id(e) for e in todo}
        counts.skipped += sum(len(e["ch"]) for e in payload["entries"] if id(e) not in chosen)
        redirect_merged(db)
        for rid, name in payload.get("names", {}).items():
            cc.ensure_peer(db, rid, name)
        if source:
            cc.ensure_peer(db, source, source_name)
            db.execute(
                # a file from a laptop marked as no longer used shows it is in use again
                "UPDATE sync_peer SET acked = ?, last_in_at = ?, retired = 0, name = CASE WHEN ? != '' THEN ? ELSE name END WHERE replica_id = ?",
                (json.dumps(reconciler.translate_ack(header.get("sender_vv", {})), sort_keys=True), sync_clock.now(), source_name,
                 source_name, source),
            )
        sync_compact.merge_acks(db, payload.get("acks", {}), reconciler.translate_ack)
        sync_compact.compact(db, sync_clock.now())
        n_dups = count_duplicates_raw(db)
        summary = _summary(counts, n_dups, dry_run, src_label)
        if forks:  # before the dry run's closing note, which is about the whole summary
            summary = summary.replace("（試行のみ", "".join(forks) + "（試行のみ") if dry_run else summary + "".join(forks)
        db.execute(
            "INSERT OR REPLACE INTO sync_file (sha256, direction, at, peer, name, entries, bytes, summary) VALUES (?, 'in', ?, ?, ?, ?, ?, ?)",
            (sha, sync_clock.now(), source, path.name, applied, len(blob), summary),
        )
        if progress:
            progress(0.95, "確定中")
        if dry_run:
            violations = db.execute("PRAGMA foreign_key_check").fetchall()
            uow.rollback()
            if violations:
                raise fk_error(violations)
        else:
            commit(uow)
    if not dry_run:
        after_commit(uow, db_path)
    if progress:
        progress(1.0, "完了")
    return ImportResult(counts.added, counts.updated + counts.deleted, counts.conflicts, counts.skipped, counts.deleted,
                        applied, known, False, dry_run, n_dups, source, source_name, tuple(warnings), summary, tuple(forks))
