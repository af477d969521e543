"""Enrolment as a snapshot: a new laptop takes the office's tables as they are (docs/sync.md).

Once compaction has folded change rows (services/sync/compact.py) their values are no longer in
the change log, so an enrolment cannot replay every entry. It carries instead the synced rows,
the entries (hash chains), the change log with folded rows as they are, the multi-head fields,
the fork records and the history blocks — not the office's identity, peers or file records. The new
laptop writes them verbatim and then holds what the office holds, metadata included, so its
merges decide what the office's would.
"""

from __future__ import annotations

import base64
import sqlite3
from typing import Any

from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.services.sync import compact as sync_compact

BOOKKEEPING = ("sync_entry", "sync_change", "sync_head", "sync_fork", "sync_history")
BLOBS = {"sync_history": "data"}  # binary columns travel as base64 in the JSON payload


def _columns(db: sqlite3.Connection, tbl: str) -> list[str]:
    return [r[1] for r in db.execute(f'PRAGMA table_info("{tbl}")')]


def take(db: sqlite3.Connection) -> dict[str, Any]:
    """The snapshot part of an enrolment payload (inside the caller's read transaction)."""
    tables: dict[str, Any] = {}
    for tbl in [*cc.synced_tables(db), *BOOKKEEPING]:
        cols = _columns(db, tbl)
        quoted = ", ".join(f'"{c}"' for c in cols)
        # change rows written after the seal (a form saved a moment ago) are not in an entry yet
        where = f" WHERE seq <= {int(cc.get_meta(db, cc.META_SEALED) or 0)}" if tbl == "sync_change" else ""
        rows = db.execute(f'SELECT {quoted} FROM "{tbl}"{where}').fetchall()
        if tbl in BLOBS:
            at = cols.index(BLOBS[tbl])
            rows = [(*r[:at], base64.b64encode(r[at]).decode("ascii"), *r[at + 1:]) for r in rows]
        tables[tbl] = {"cols": cols, "rows": rows}
    return {
        "tables": tables,
        "acks": sync_compact.ack_matrix(db),
        "sealed": int(cc.get_meta(db, cc.META_SEALED) or 0),
        "hlc": int(cc.get_meta(db, cc.META_HLC) or 0),
    }


def restore(db: sqlite3.Connection, snap: dict[str, Any]) -> int:
    """Write a snapshot into this new, empty database (inside the caller's transaction);
    returns how many synced rows it holds. The caller sets identity and peers."""
    synced = cc.synced_tables(db)
    db.execute("PRAGMA defer_foreign_keys = ON")
    cc.mute(db)
    rows_added = 0
    for tbl, part in snap["tables"].items():
        if tbl not in synced and tbl not in BOOKKEEPING:
            raise ValueError(f"unknown table {tbl!r} in an enrolment file")
        mine = set(_columns(db, tbl))
        cols = [c for c in part["cols"] if c in mine]
        idx = [part["cols"].index(c) for c in cols]
        quoted = ", ".join(f'"{c}"' for c in cols)
        blob = part["cols"].index(BLOBS[tbl]) if tbl in BLOBS else -1
        db.executemany(
            f'INSERT INTO "{tbl}" ({quoted}) VALUES ({", ".join("?" * len(cols))})',
            ([base64.b64decode(row[i]) if i == blob else row[i] for i in idx] for row in part["rows"]),
        )
        if tbl in synced:
            rows_added += len(part["rows"])
    cc.unmute(db)
    for origin, counter in db.execute("SELECT origin, max(counter) FROM sync_entry GROUP BY origin").fetchall():
        cc.ensure_peer(db, origin)
        db.execute("UPDATE sync_peer SET counter = ? WHERE replica_id = ?", (counter, origin))
    last = db.execute("SELECT max(seq) FROM sync_change").fetchone()[0]
    cc.set_meta(db, cc.META_SEALED, str(max(int(snap.get("sealed", 0)), int(last or 0))))
    cc.set_meta(db, cc.META_HLC, str(int(snap.get("hlc", 0))))
    sync_compact.merge_acks(db, snap.get("acks", {}))
    return rows_added


__all__ = ["restore", "take"]
