"""Writing a sync file: the entries a peer has not acknowledged (all of them when it is unknown),
sealed and committed first, then encrypted into one file (io/sync/package.py). An enrolment file
(enrolment.py) is written here too, with the dataset's snapshot in place of entries."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sasaeai_desktop import cancellation
from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services.sync import clock as sync_clock
from sasaeai_desktop.services.sync import compact as sync_compact
from sasaeai_desktop.services.sync import fork as sync_fork
from sasaeai_desktop.services.sync import snapshot as sync_snapshot
from sasaeai_desktop.services.sync.passphrase import check_passphrase_text
from sasaeai_desktop.services.sync.passphrase import kdf_for_writing
from sasaeai_desktop.services.sync.peers import peer_label
from sasaeai_desktop.services.sync.peers import peer_names
from sasaeai_desktop.services.sync.peers import resolve_peer
from sasaeai_desktop.services.sync.replica import META_PREFECTURE
from sasaeai_desktop.services.sync.replica import SYNC_CANCELLED
from sasaeai_desktop.services.sync.replica import after_commit
from sasaeai_desktop.services.sync.replica import database_path
from sasaeai_desktop.services.sync.replica import known_schemas
from sasaeai_desktop.services.sync.replica import require_dataset
from sasaeai_desktop.services.sync.replica import seal_and_check
from sasaeai_desktop.services.sync.replica import transaction


@dataclass(frozen=True)
class ExportResult:
    path: Path
    kind: str
    entries: int
    changes: int
    bytes: int
    sha256: str
    for_peer: str | None
    summary: str


def _entries_for(db: sqlite3.Connection, acked: dict[str, int] | None) -> list[tuple]:
    rows = db.execute(
        "SELECT seq, origin, counter, hlc, vv, first_seq, last_seq, hash, prev FROM sync_entry ORDER BY seq"
    ).fetchall()
    if acked is None:
        return rows
    return [r for r in rows if r[2] > acked.get(r[1], 0)]


def _payload(db: sqlite3.Connection, entries: list[tuple], extra: dict[str, Any], progress: Progress | None,
             abort: threading.Event | None) -> tuple[bytes, int]:
    """The payload JSON, built as text: change data is already JSON and is embedded as is."""
    parts: list[str] = []
    n_changes = 0
    history = sync_compact.History(db)  # folded rows: their texts, for a peer that lacks them
    for i, (_seq, origin, counter, clock, vv, first, last, digest, prev) in enumerate(entries):
        if i % 50 == 0:
            cancellation.check(abort, SYNC_CANCELLED)
            if progress:
                progress(i / max(len(entries), 1) * 0.8, f"変更 {i:,}/{len(entries):,} 件目")
        changes = [
            f'[{json.dumps(t)},{json.dumps(r)},"{op}",{history.text(cseq, data)},{at}]'
            for cseq, t, r, op, data, at in db.execute(
                "SELECT seq, tbl, row_id, op, data, at FROM sync_change WHERE seq BETWEEN ? AND ? ORDER BY seq", (first, last)
            )
        ]
        n_changes += len(changes)
        ident = f'"x":"{digest}","p":"{prev or ""}",' if digest else ""
        parts.append(f'{{"o":{json.dumps(origin)},"c":{counter},"h":{clock},"v":{vv},{ident}"ch":[{",".join(changes)}]}}')
    head = json.dumps(extra, ensure_ascii=False)[:-1]
    text = f'{head},"entries":[{",".join(parts)}]}}'
    return text.encode("utf-8"), n_changes


def _ranges(entries: list[tuple]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for _, origin, counter, *_rest in entries:
        lo, hi = out.get(origin, [counter, counter])
        out[origin] = [min(lo, counter), max(hi, counter)]
    return out


def write_file(uow: UnitOfWork, path: Path, passphrase: str, kind: str, for_peer: str | None,
               progress: Progress | None, abort: threading.Event | None) -> ExportResult:
    passphrase = check_passphrase_text(passphrase)
    # The target is checked before step 1 commits anything: a folder, a missing folder or the
    # database itself is refused with the database unchanged (whether to replace an existing
    # file is the caller's question: the CLI's --overwrite, the window's save dialog).
    from sasaeai_desktop.io.output_files import check_output

    path = check_output(path, overwrite=True, option="")
    db_path = database_path(uow)
    # 1. seal and commit first: an entry must never reach a file unless it is committed here.
    with transaction(uow) as db:
        require_dataset(db)
        seal_and_check(db, db_path)
        kdf_for_writing(db, passphrase)
        uow.commit()
    after_commit(uow, db_path)
    # 2. read and write the file.
    with transaction(uow) as db:
        dataset, replica = require_dataset(db)
        kdf = kdf_for_writing(db, passphrase)
        peer_id = None
        acked: dict[str, int] | None = None
        if for_peer:
            found = resolve_peer(db, for_peer)
            if found is not None:
                peer_id, acked = found
                if not acked:
                    acked = None  # never heard from it: send everything
        entries = _entries_for(db, acked)
        cancellation.check(abort, SYNC_CANCELLED)
        names = peer_names(db)
        # fork records and the newest entry held of each replica: the receiver names the
        # branches of a copied laptop as this database does (services/sync/fork.py); what every
        # replica acknowledged (compaction waits for it)
        extra: dict[str, Any] = {"names": names, "forks": sync_fork.records(db), "tips": sync_fork.tips(db),
                                 "acks": sync_compact.ack_matrix(db)}
        if kind == pkg.KIND_ENROL:
            extra["meta"] = {"prefecture_code": cc.get_meta(db, META_PREFECTURE), "dataset_id": dataset}
            extra["snapshot"] = sync_snapshot.take(db)
            entries = []
        payload, n_changes = _payload(db, entries, extra, progress, abort)
        _, head_rev = known_schemas()
        vv = cc.version_vector(db)
        header = {
            "kind": kind,
            "dataset_id": dataset,
            "schema": head_rev,
            "source": replica,
            "source_name": names.get(replica, ""),
            "for": peer_id,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "sender_vv": vv,
            "ranges": _ranges(entries),
            "entries": len(entries),
            "changes": n_changes,
        }
        if progress:
            progress(0.85, "暗号化して書き込み中")
        cancellation.check(abort, SYNC_CANCELLED)
        sha, size = pkg.write_package(path, header, payload, passphrase, kdf)
        label = "参加用ファイル" if kind == pkg.KIND_ENROL else "同期ファイル"
        target = f"（{peer_label(names, peer_id)} 向け）" if peer_id else ("（全件）" if acked is None else "")
        summary = f"{label}{target}を書き出しました: 変更のまとまり {len(entries):,} 件、変更 {n_changes:,} 行、{size:,} バイト。"
        if peer_id and (rebuilt := sync_compact.count_folded(db, entries)):
            # a laptop away past the horizon (or restored, or copied) is not left short: say so
            summary += (f"{peer_label(names, peer_id)}はしばらく同期していなかったため、ほかのパソコンにはすでに届いて"
                        f"変更履歴にまとめてあった変更 {rebuilt:,} 件も、履歴から戻して入れました。")
        db.execute(
            "INSERT OR REPLACE INTO sync_file (sha256, direction, at, peer, name, entries, bytes, summary) VALUES (?, 'out', ?, ?, ?, ?, ?, ?)",
            (sha, sync_clock.now(), peer_id or "", path.name, len(entries), size, summary),
        )
        if peer_id:
            db.execute("UPDATE sync_peer SET last_out_at = ? WHERE replica_id = ?", (sync_clock.now(), peer_id))
        uow.commit()
    if progress:
        progress(1.0, "完了")
    return ExportResult(path, kind, len(entries), n_changes, size, sha, peer_id, summary)


def export_changes(uow: UnitOfWork, path: Path | str, passphrase: str, for_peer: str | None = None,
                   progress: Progress | None = None, abort: threading.Event | None = None) -> ExportResult:
    """Write the changes ``for_peer`` has not acknowledged (everything when unknown) to ``path``."""
    return write_file(uow, Path(path), passphrase, pkg.KIND_CHANGES, for_peer, progress, abort)
