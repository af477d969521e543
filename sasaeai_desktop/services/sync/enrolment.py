"""A new laptop joins the dataset: the enrolment file an office laptop writes (every entry, the
prefecture, the dataset id and a snapshot of its tables), and the join that makes a new, empty
database a replica from it."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import hlc
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services.sync import clock as sync_clock
from sasaeai_desktop.services.sync import fork as sync_fork
from sasaeai_desktop.services.sync import snapshot as sync_snapshot
from sasaeai_desktop.services.sync.export import ExportResult
from sasaeai_desktop.services.sync.export import write_file
from sasaeai_desktop.services.sync.importing import ImportResult
from sasaeai_desktop.services.sync.incoming import apply_entries
from sasaeai_desktop.services.sync.incoming import check_header
from sasaeai_desktop.services.sync.incoming import commit
from sasaeai_desktop.services.sync.incoming import decrypt
from sasaeai_desktop.services.sync.incoming import gap_check
from sasaeai_desktop.services.sync.incoming import read_file
from sasaeai_desktop.services.sync.passphrase import adopt_kdf
from sasaeai_desktop.services.sync.peers import peer_label
from sasaeai_desktop.services.sync.peers import short_id
from sasaeai_desktop.services.sync.replica import META_PREFECTURE
from sasaeai_desktop.services.sync.replica import after_commit
from sasaeai_desktop.services.sync.replica import database_path
from sasaeai_desktop.services.sync.replica import transaction


def make_enrolment(uow: UnitOfWork, path: Path | str, passphrase: str,
                   progress: Progress | None = None, abort: threading.Event | None = None) -> ExportResult:
    """A file a new laptop joins from (``join``): every entry, the prefecture and the dataset id."""
    return write_file(uow, Path(path), passphrase, pkg.KIND_ENROL, None, progress, abort)


def join(uow: UnitOfWork, path: Path | str, passphrase: str, name: str = "",
         progress: Progress | None = None, abort: threading.Event | None = None) -> ImportResult:
    """Make this new, empty database a replica of the dataset in an enrolment file."""
    path = Path(path)
    blob, header, offset = read_file(path, passphrase)
    if header.get("kind") != pkg.KIND_ENROL:
        raise UserError(f"「{path.name}」は参加用ファイルではありません。`sasaeai sync enrol --out FILE` で作ったファイルを指定してください。")
    db_path = database_path(uow)
    now_ms = hlc.wall_ms()
    with transaction(uow) as db:
        if cc.get_meta(db, cc.META_DATASET) is not None or cc.get_meta(db, META_PREFECTURE) is not None:
            raise UserError("このデータベースにはすでにデータがあります。参加は新しいデータベース（--db で新しいファイル名を指定）で行ってください。")
        check_header(db, header, path, None)
        payload = decrypt(blob, header, offset, passphrase, path)
        meta = payload.get("meta", {})
        cc.set_meta(db, cc.META_DATASET, str(header["dataset_id"]))
        if meta.get("prefecture_code"):
            cc.set_meta(db, META_PREFECTURE, meta["prefecture_code"])
        replica = new_id()
        cc.set_meta(db, cc.META_REPLICA, replica)
        if name:
            cc.set_meta(db, cc.META_NAME, name)
        cc.ensure_peer(db, replica, name)
        adopt_kdf(db, header)
        cc.seal(db, now_ms)  # nothing should be pending in a new database, but be exact
        names = payload.get("names", {})
        payload["entries"] = sync_fork.Reconciler(db, payload).run()  # adopts the dataset's fork records
        todo = gap_check(db, payload["entries"], names)
        counts, applied, warnings = apply_entries(db, todo, progress, abort, now_ms)
        if "snapshot" in payload:  # the office's tables as they are (services/sync/snapshot.py)
            counts.added += sync_snapshot.restore(db, payload["snapshot"])
            applied = db.execute("SELECT count(*) FROM sync_entry").fetchone()[0]
        source = str(header.get("source", ""))
        for rid, pname in names.items():
            cc.ensure_peer(db, rid, pname)
        if source:
            db.execute("UPDATE sync_peer SET acked = ?, last_in_at = ? WHERE replica_id = ?",
                       (json.dumps(header.get("sender_vv", {}), sort_keys=True), sync_clock.now(), source))
        summary = f"{peer_label(names, source)} のデータで参加しました: {counts.added:,} 件を登録しました。この端末の ID は {short_id(replica)} です。"
        db.execute(
            "INSERT OR REPLACE INTO sync_file (sha256, direction, at, peer, name, entries, bytes, summary) VALUES (?, 'in', ?, ?, ?, ?, ?, ?)",
            (hashlib.sha256(blob).hexdigest(), sync_clock.now(), source, path.name, applied, len(blob), summary),
        )
        commit(uow)
    after_commit(uow, db_path)
    return ImportResult(counts.added, counts.updated, counts.conflicts, counts.skipped, counts.deleted, applied, 0, False,
                        False, 0, source, str(header.get("source_name", "")), tuple(warnings), summary)
