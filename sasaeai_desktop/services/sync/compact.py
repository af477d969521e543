"""Compaction of the change log: fold what every waited-for replica holds (docs/sync.md).

Folding a change row moves the text it held into ``sync_history`` (compressed blocks) and keeps
the row's place and the names of the fields it wrote. That is all ``Merger.heads_of`` needs: the
single head of a field is still the last change row that wrote it, and its value is the row's
current value. Entries, hashes, tombstones (``D``) and ``sync_head`` stay as they are. So a merge
after folding decides exactly what it decided before, and a file for a laptop that lacks a folded
entry carries it rebuilt from the history: which entries are folded is a matter of size only,
never of correctness — a wrong guess about what a laptop holds (a copy, a fork, a restore) costs
reading the history back, not an edit.

An entry is *stable* when every waited-for replica has acknowledged it; only stable entries are
folded, so the weekly files, which carry what a peer lacks, rarely need the history (a file for
everyone carries every entry, as it always did: the fallback that always works). Waited for:
this replica and every known one that is not retired here, unless it has been silent longer
than the horizon. Acknowledgements travel in every file (``acks``); ``local_meta.sync_ack_matrix``
keeps the newest of each, so a laptop that only talks to the office learns what the others hold.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db.change_capture import touched_fields

META_ACKS = "sync_ack_matrix"
DEFAULT_HORIZON_DAYS = 60
ALL = '["*"]'  # a folded insert: it wrote every column
# Folding after an import waits until this many change rows are stable: a few rows at a time
# would make small blocks that compress badly, and a round's import would pay for it every time.
BATCH_ROWS = 2000
BLOCK_ROWS = 1000  # rows a history block holds (one is read whole to show one row's history)


@dataclass(frozen=True)
class Folded:
    entries: int  # entries folded now
    rows: int  # change rows folded now
    waiting_for: tuple[str, ...]  # replicas the floor waits for (self included)


@dataclass(frozen=True)
class CompactResult(Folded):
    """What ``sasaeai sync compact`` reports: the fold, and where the database stands after it."""

    folded_total: int  # entries folded in this database
    history_bytes: int  # what the history blocks hold, compressed


# --- acknowledgements --------------------------------------------------------------------------


def _iso(when: dt.datetime) -> str:
    return when.replace(microsecond=0).isoformat()


def ack_matrix(db: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """{replica: {"vv": {...}, "at": iso}}: the newest acknowledgement known of every replica."""
    out: dict[str, dict[str, Any]] = json.loads(cc.get_meta(db, META_ACKS) or "{}")
    # what peers told us directly (sync_peer.acked, last_in_at) is the freshest we have of them
    for rid, acked, last_in in db.execute("SELECT replica_id, acked, last_in_at FROM sync_peer"):
        vv = json.loads(acked or "{}")
        if vv and last_in:
            _merge_one(out, rid, vv, str(last_in).replace(" ", "T")[:19])
    return out


def _merge_one(matrix: dict[str, dict[str, Any]], rid: str, vv: dict[str, int], at: str) -> None:
    old = matrix.get(rid)
    if old is None:
        matrix[rid] = {"vv": {k: int(v) for k, v in vv.items()}, "at": at}
        return
    merged = dict(old["vv"])
    for k, v in vv.items():
        merged[k] = max(int(merged.get(k, 0)), int(v))
    matrix[rid] = {"vv": merged, "at": max(str(old.get("at", "")), at)}


def merge_acks(db: sqlite3.Connection, incoming: dict[str, Any], rename: Any = None) -> None:
    """Take a file's ``acks`` (inside the import's transaction); ``rename`` maps a version vector
    into this database's names (forks: sync_fork.Reconciler.translate_ack)."""
    matrix = json.loads(cc.get_meta(db, META_ACKS) or "{}")
    for rid, item in (incoming or {}).items():
        if not isinstance(item, dict) or not isinstance(item.get("vv"), dict):
            continue
        vv = rename(item["vv"]) if rename else item["vv"]
        _merge_one(matrix, str(rid), vv, str(item.get("at", "")))
    cc.set_meta(db, META_ACKS, json.dumps(matrix, sort_keys=True))


# --- what is stable ----------------------------------------------------------------------------


def stable_vector(db: sqlite3.Connection, now: dt.datetime, horizon_days: int) -> tuple[dict[str, int], list[str]]:
    """The counters every waited-for replica holds, and who is waited for.

    A known replica that never acknowledged anything holds nothing we can count on: it blocks
    until it sends a file, is retired, or the horizon passes (its file then carries more).
    """
    me = cc.get_meta(db, cc.META_REPLICA) or ""
    held = cc.version_vector(db)
    matrix = ack_matrix(db)
    cutoff = _iso(now - dt.timedelta(days=horizon_days))
    waited = [me]
    stable = dict(held)
    for rid, retired, last_in in db.execute(
        "SELECT replica_id, retired, last_in_at FROM sync_peer WHERE replica_id != ?", (me,)
    ).fetchall():
        if retired:
            continue
        item = matrix.get(rid)
        heard = str(item.get("at", "")) if item else str(last_in or "").replace(" ", "T")[:19]
        if heard and heard < cutoff:
            continue  # silent past the horizon: what it lacks travels rebuilt from the history
        waited.append(rid)
        vv = item["vv"] if item else {}
        for origin in list(stable):
            stable[origin] = min(stable[origin], int(vv.get(origin, 0)))
    return {k: v for k, v in stable.items() if v > 0}, waited


# --- folding -----------------------------------------------------------------------------------


def _foldable(db: sqlite3.Connection, stable: dict[str, int]) -> list[tuple[int, int, int]]:
    """(entry seq, first_seq, last_seq) of the sealed, unfolded entries under ``stable``."""
    sealed = int(cc.get_meta(db, cc.META_SEALED) or 0)
    out = []
    for origin, counter in stable.items():
        out += db.execute(
            "SELECT seq, first_seq, last_seq FROM sync_entry WHERE origin = ? AND counter <= ? AND folded = 0 AND last_seq <= ?",
            (origin, counter, sealed),
        ).fetchall()
    return out


def fold(db: sqlite3.Connection, stable: dict[str, int], batch_rows: int = 0) -> tuple[int, int]:
    """Fold the entries under ``stable`` (inside the caller's transaction) when they hold at least
    ``batch_rows`` change rows; returns (entries, rows) folded."""
    entries = _foldable(db, stable)
    if not entries or sum(max(0, last - first + 1) for _, first, last in entries) < batch_rows:
        return 0, 0
    texts: list[tuple[int, str]] = []
    slim: list[tuple[int, str, str, str, str, int]] = []
    for _, first, last in entries:
        for seq, tbl, row_id, op, text, at in db.execute(
            "SELECT seq, tbl, row_id, op, data, at FROM sync_change WHERE seq BETWEEN ? AND ? AND op != 'D' AND substr(data, 1, 1) = '{'",
            (first, last),
        ):
            texts.append((seq, text))
            # an insert writes every column: "*" says so in one character
            names = ALL if op == "I" else json.dumps(touched_fields(op, json.loads(text)), separators=(",", ":"))
            slim.append((seq, tbl, row_id, op, names, at))
    texts.sort()
    for i in range(0, len(texts), BLOCK_ROWS):
        block = texts[i:i + BLOCK_ROWS]
        blob = zlib.compress(json.dumps(block, ensure_ascii=False, separators=(",", ":")).encode(), 6)
        db.execute("INSERT INTO sync_history (first_seq, last_seq, rows, data) VALUES (?, ?, ?, ?)",
                   (block[0][0], block[-1][0], len(block), blob))
    # delete and write back rather than UPDATE in place: shrinking rows where they stand leaves
    # the change log's pages mostly empty (measured: 56 % unused after a fold)
    db.executemany("DELETE FROM sync_change WHERE seq = ?", [(r[0],) for r in slim])
    db.executemany("INSERT INTO sync_change (seq, tbl, row_id, op, data, at) VALUES (?, ?, ?, ?, ?, ?)", slim)
    db.executemany("UPDATE sync_entry SET folded = 1 WHERE seq = ?", [(e[0],) for e in entries])
    return len(entries), len(slim)


def compact(db: sqlite3.Connection, now: dt.datetime, horizon_days: int = DEFAULT_HORIZON_DAYS,
            batch_rows: int | None = None) -> Folded:
    """Fold everything stable (inside the caller's transaction, after sealing); ``batch_rows``
    defaults to BATCH_ROWS (0: fold whatever is stable)."""
    stable, waited = stable_vector(db, now, horizon_days)
    n_entries, n_rows = fold(db, stable, BATCH_ROWS if batch_rows is None else batch_rows)
    return Folded(n_entries, n_rows, tuple(waited))


def with_totals(db: sqlite3.Connection, folded: Folded) -> CompactResult:
    """The fold and the database's totals after it (asked by the command, not by every import)."""
    total, size = db.execute(
        "SELECT (SELECT count(*) FROM sync_entry WHERE folded = 1), (SELECT coalesce(sum(length(data)), 0) FROM sync_history)"
    ).fetchone()
    return CompactResult(folded.entries, folded.rows, folded.waiting_for, int(total), int(size))


def is_folded(text: str) -> bool:
    return text.startswith("[")


class History:
    """The texts folded change rows held, read from the blocks (a block is read once)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._texts: dict[int, str] = {}
        self._read: set[int] = set()

    def texts(self, seqs: Iterable[int]) -> dict[int, str]:
        seqs = list(seqs)  # read twice below
        wanted = [s for s in seqs if s not in self._texts]
        if wanted:
            lo, hi = min(wanted), max(wanted)
            for first, blob in self.db.execute(
                "SELECT first_seq, data FROM sync_history WHERE first_seq <= ? AND last_seq >= ?", (hi, lo)
            ).fetchall():
                if first not in self._read:
                    self._read.add(first)
                    self._texts.update((int(s), t) for s, t in json.loads(zlib.decompress(blob)))
        return {s: self._texts[s] for s in seqs if s in self._texts}

    def text(self, seq: int, stored: str) -> str:
        """What the change row held (``stored`` when it was not folded)."""
        return self.folded(seq) if is_folded(stored) else stored

    def folded(self, seq: int) -> str:
        """What a folded change row held."""
        found = self.texts([seq])
        if seq not in found:
            raise RuntimeError(f"folded change {seq} is missing from sync_history")
        return found[seq]


def count_folded(db: sqlite3.Connection, entries: list[tuple]) -> int:
    """How many of ``entries`` (sync_entry rows, seq first) are folded."""
    folded = {r[0] for r in db.execute("SELECT seq FROM sync_entry WHERE folded = 1")}
    return sum(1 for e in entries if e[0] in folded)


__all__ = ["BATCH_ROWS", "CompactResult", "DEFAULT_HORIZON_DAYS", "Folded", "History", "ack_matrix", "compact", "count_folded", "fold", "is_folded",
           "merge_acks", "stable_vector", "with_totals"]
