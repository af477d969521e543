"""Applying other replicas' entries: the per-field three-way causal merge.

Each field of each row is a multi-value register. Its *heads* are the writes to it that no other
known write has seen (an entry E has seen write L when E's version vector covers L's counter).
A field with one head holds that head's value; with several, the winner (largest HLC, then
entry hash; for ``deleted``, the largest value first so a delete is never silently undone)
is shown, every head is kept in ``sync_head``, and when the heads' values differ that is a
conflict for the user. Heads depend only on the set of writes known, never on the order they
arrived in, which is why replicas that have seen the same entries hold the same data.

The single head of a field is not stored: it is the last change row (local order) that wrote
the field. Only fields with several heads have ``sync_head`` rows.

Deletes: every update records the row's ``deleted`` value as its writer saw it, so an edit made
concurrently with a delete becomes a second head of ``deleted`` (0 against 1): a conflict, not a
resurrection. A hard delete (leaf rows) writes ``deleted`` = 2 and removes the row while all
heads agree; when a concurrent edit exists, the row is rebuilt from the delete's before-image
and kept soft-deleted with the conflict recorded.
"""

from __future__ import annotations

import bisect
import json
import sqlite3
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from sasaeai_desktop.db.change_capture import CLOCK_COLUMNS
from sasaeai_desktop.db.change_capture import touched_fields
from sasaeai_desktop.services.sync.compact import History

HARD_DELETED = 2


@dataclass
class EntryInfo:
    seq: int
    origin: str
    counter: int
    hlc: int
    vv: dict[str, int]
    hash: str = ""  # fixed by the replica that sealed it; the name (origin, counter) may move on a fork

    @property
    def rank(self) -> tuple[int, str, str]:
        """Order among concurrent writes: the later clock, then the hash — not the replica id,
        which a fork can rename after the value was chosen (replicas would then keep different
        winners of a tie). Entries from before hashes fall back to the id."""
        return (self.hlc, self.hash, self.origin)

    def has_seen(self, other: EntryInfo) -> bool:
        return self is not other and self.vv.get(other.origin, 0) >= other.counter


@dataclass
class Head:
    entry: EntryInfo
    value: Any

    @property
    def key(self) -> str:
        return json.dumps(self.value, sort_keys=True)


@dataclass
class ApplyCounts:
    added: int = 0
    updated: int = 0
    conflicts: int = 0
    skipped: int = 0
    deleted: int = 0
    touched: set[tuple[str, str]] = field(default_factory=set)


def _inserted_rowid(cur: sqlite3.Cursor) -> int:
    """The rowid an INSERT just gave (typed optional by sqlite3: None only before any insert)."""
    if cur.lastrowid is None:
        raise RuntimeError("an INSERT gave no rowid")
    return cur.lastrowid


def maximal(cands: list[Head]) -> list[Head]:
    return [c for c in cands if not any(d.entry.has_seen(c.entry) for d in cands if d is not c)]


def winner(fieldname: str, heads: list[Head]) -> Head:
    if fieldname in CLOCK_COLUMNS:
        return max(heads, key=lambda h: (str(h.value or ""), *h.entry.rank))
    if fieldname == "deleted":
        return max(heads, key=lambda h: (int(h.value or 0), *h.entry.rank))
    return max(heads, key=lambda h: h.entry.rank)


def is_conflict(heads: list[Head], fieldname: str = "") -> bool:
    return fieldname not in CLOCK_COLUMNS and len({h.key for h in heads}) > 1


class Merger:
    """Applies entries inside the caller's transaction (capture muted by the caller)."""

    def __init__(self, db: sqlite3.Connection, tables: dict[str, list[str]]) -> None:
        self.db = db
        self.tables = tables
        self.entries: dict[int, EntryInfo] = {}
        self._starts: list[int] = []
        self._ends: list[tuple[int, int]] = []  # (last_seq, entry seq) aligned with _starts
        for seq, origin, counter, clock, vv, first, last, digest in db.execute(
            "SELECT seq, origin, counter, hlc, vv, first_seq, last_seq, hash FROM sync_entry ORDER BY first_seq"
        ):
            info = EntryInfo(seq, origin, counter, clock, json.loads(vv), digest or "")
            self.entries[seq] = info
            if last >= first:
                self._starts.append(first)
                self._ends.append((last, seq))
        self.counts = ApplyCounts()
        self.history = History(db)

    # --- lookups -------------------------------------------------------------------------------

    def entry_of_change(self, change_seq: int) -> EntryInfo | None:
        i = bisect.bisect_right(self._starts, change_seq) - 1
        if i < 0:
            return None
        last, entry_seq = self._ends[i]
        return self.entries[entry_seq] if change_seq <= last else None

    def entry(self, seq: int) -> EntryInfo:
        info = self.entries.get(seq)
        if info is None:
            seq_, origin, counter, clock, vv, digest = self.db.execute(
                "SELECT seq, origin, counter, hlc, vv, hash FROM sync_entry WHERE seq = ?", (seq,)
            ).fetchone()
            info = self.entries[seq] = EntryInfo(seq_, origin, counter, clock, json.loads(vv), digest or "")
        return info

    def row_log(self, tbl: str, row_id: str) -> list[tuple[int, str, Any]]:
        return [
            (seq, op, json.loads(data))
            for seq, op, data in self.db.execute(
                "SELECT seq, op, data FROM sync_change WHERE tbl = ? AND row_id = ? ORDER BY seq DESC", (tbl, row_id)
            )
        ]

    def explicit_heads(self, tbl: str, row_id: str) -> dict[str, list[Head]]:
        out: dict[str, list[Head]] = {}
        for f, entry, value in self.db.execute(
            "SELECT field, entry, value FROM sync_head WHERE tbl = ? AND row_id = ?", (tbl, row_id)
        ):
            out.setdefault(f, []).append(Head(self.entry(entry), json.loads(value)))
        return out

    def heads_of(self, fieldname: str, explicit: dict[str, list[Head]], log: list[tuple[int, str, Any]],
                 row: dict[str, Any] | None = None) -> list[Head]:
        if fieldname in explicit:
            return list(explicit[fieldname])
        for seq, op, data in log:
            if data == ["*"] or fieldname in touched_fields(op, data):  # ["*"]: a folded insert
                info = self.entry_of_change(seq)
                if info is None:  # not sealed yet: cannot happen inside an import (sealed first)
                    raise RuntimeError(f"unsealed change {seq} met while merging")
                if op == "D":
                    return [Head(info, HARD_DELETED)]
                # a folded change (services/sync/compact.py) keeps the names of the fields it
                # wrote; as the single head of this field its value is the live row's — but a
                # row rebuilt from a hard delete's before-image holds what the deleting replica
                # saw, so then the value comes from the history
                if isinstance(data, dict):
                    value = data[fieldname]
                elif row is not None:
                    value = row.get(fieldname)
                else:
                    value = json.loads(self.history.folded(seq))[fieldname]
                return [Head(info, value)]
        return []

    # --- applying ------------------------------------------------------------------------------

    def begin_entry(self, origin: str, counter: int, clock: int, vv: dict[str, int], now_ms: int,
                    digest: str | None = None, prev: str | None = None) -> EntryInfo:
        cur = self.db.execute(
            "INSERT INTO sync_entry (origin, counter, hlc, vv, first_seq, last_seq, applied_ms, hash, prev) VALUES (?, ?, ?, ?, 0, -1, ?, ?, ?)",
            (origin, counter, clock, json.dumps(vv, sort_keys=True), now_ms, digest, prev),
        )
        info = EntryInfo(_inserted_rowid(cur), origin, counter, clock, dict(vv), digest or "")
        self.entries[info.seq] = info
        self._current = info
        self._first: int | None = None  # the entry's change rows, as _record writes them
        self._last: int | None = None
        return info

    def end_entry(self, info: EntryInfo) -> None:
        if self._first is not None:
            self.db.execute("UPDATE sync_entry SET first_seq = ?, last_seq = ? WHERE seq = ?", (self._first, self._last, info.seq))

    def _record(self, tbl: str, row_id: str, op: str, data: dict[str, Any], at: int) -> None:
        cur = self.db.execute(
            "INSERT INTO sync_change (tbl, row_id, op, data, at) VALUES (?, ?, ?, ?, ?)",
            (tbl, row_id, op, json.dumps(data, ensure_ascii=False, separators=(",", ":")), at),
        )
        seq = _inserted_rowid(cur)
        # The entry's range grows as its rows are written: a later change of the same entry to
        # the same row must find this one.
        if self._first is None:
            self._first = seq
            self._starts.append(seq)
            self._ends.append((seq, self._current.seq))
        self._last = seq
        self._ends[-1] = (seq, self._current.seq)

    def apply_change(self, info: EntryInfo, tbl: str, row_id: str, op: str, data: dict[str, Any], at: int) -> None:
        cols = self.tables.get(tbl)
        if cols is None:
            raise ValueError(f"unknown table {tbl!r} in an exchange file")
        colset = set(cols)
        data = {k: v for k, v in data.items() if k in colset and k != "id"}
        row = self._fetch(tbl, cols, row_id)
        log = self.row_log(tbl, row_id)
        explicit = self.explicit_heads(tbl, row_id)
        present = row is not None
        if row is None:
            tomb = next((d for _, o, d in log if o == "D"), None)
            if tomb is not None:
                row = {**tomb, "id": row_id}  # the before-image of the hard delete
            elif op == "D":
                self._record(tbl, row_id, op, data, at)
                self.counts.skipped += 1
                return
            elif op == "I" or not log:
                row = None
            else:
                raise ValueError(f"change to {tbl} {row_id} whose row is missing")
        if row is None:  # a new row: nothing to merge with
            self._insert(tbl, row_id, data)
            self._record(tbl, row_id, op, data, at)
            self.counts.added += 1
            self.counts.touched.add((tbl, row_id))
            return
        new_values: dict[str, Any] = {}
        gone = False
        for f in touched_fields(op, data):
            value = HARD_DELETED if op == "D" else data[f]
            earlier = [h for h in self.heads_of(f, explicit, log, row if present else None)
                       if h.entry.seq != info.seq]  # same entry: superseded
            heads = maximal(earlier + [Head(info, value)])
            had_conflict = f in explicit and is_conflict(explicit[f], f)
            if len(heads) == 1:
                shown = value
                if f in explicit:
                    self.db.execute("DELETE FROM sync_head WHERE tbl = ? AND row_id = ? AND field = ?", (tbl, row_id, f))
            else:
                self.db.execute("DELETE FROM sync_head WHERE tbl = ? AND row_id = ? AND field = ?", (tbl, row_id, f))
                self.db.executemany(
                    "INSERT INTO sync_head (tbl, row_id, field, entry, value) VALUES (?, ?, ?, ?, ?)",
                    [(tbl, row_id, f, h.entry.seq, json.dumps(h.value, ensure_ascii=False)) for h in heads],
                )
                shown = winner(f, heads).value
                if is_conflict(heads, f) and not had_conflict:
                    self.counts.conflicts += 1
            if f == "deleted" and shown == HARD_DELETED:
                if all(h.value == HARD_DELETED for h in heads):
                    gone = True
                shown = 1
            new_values[f] = shown
        self._record(tbl, row_id, op, data, at)
        self.counts.touched.add((tbl, row_id))
        if gone:
            if present:
                self.db.execute(f'DELETE FROM "{tbl}" WHERE id = ?', (row_id,))
                self.counts.deleted += 1
            else:
                self.counts.skipped += 1
            return
        if not present:
            self._insert(tbl, row_id, {**{k: v for k, v in row.items() if k in colset and k != "id"}, **new_values})
            self.counts.added += 1
            return
        changed = {k: v for k, v in new_values.items() if row.get(k) != v}
        if changed:
            sets = ", ".join(f'"{k}" = ?' for k in changed)
            self.db.execute(f'UPDATE "{tbl}" SET {sets} WHERE id = ?', [*changed.values(), row_id])
            self.counts.updated += 1
        else:
            self.counts.skipped += 1

    def _fetch(self, tbl: str, cols: list[str], row_id: str) -> dict[str, Any] | None:
        cur = self.db.execute(f'SELECT * FROM "{tbl}" WHERE id = ?', (row_id,))
        r = cur.fetchone()
        if r is None:
            return None
        return dict(zip([d[0] for d in cur.description], r))

    def _insert(self, tbl: str, row_id: str, values: dict[str, Any]) -> None:
        cols = ["id", *values]
        quoted = ", ".join(f'"{c}"' for c in cols)
        self.db.execute(f'INSERT INTO "{tbl}" ({quoted}) VALUES ({", ".join("?" * len(cols))})', [row_id, *values.values()])


__all__ = ["ApplyCounts", "EntryInfo", "HARD_DELETED", "Head", "Merger", "is_conflict", "maximal", "winner"]
