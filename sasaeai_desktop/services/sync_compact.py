"""Compaction of the change log: fold what every waited-for replica holds (docs/sync.md).

An entry is *stable* here when every replica we wait for has acknowledged it. Folding a stable
change row moves what it wrote to ``local_history`` (the audit trail; never in a file) and keeps
the row's place and the names of the fields it wrote, which is all ``Merger.heads_of`` needs to
find a field's single head (its value is the row's current value). A folded update none of whose
fields is still its row's last write is dropped. Tombstones (``D``), entries (hash chains) and
``sync_head`` rows stay. So a merge after folding decides exactly what it decided before.

Acknowledgements travel in every file (``acks``): what each replica last told its sender it held,
and when; ``local_meta.sync_ack_matrix`` keeps the newest of each here, so a laptop that only
talks to the office learns what the other laptops hold.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db.change_capture import touched_fields

META_ACKS = "sync_ack_matrix"
META_FLOOR = "sync_floor"
META_ENROLMENTS = "sync_enrolments"
DEFAULT_HORIZON_DAYS = 60
ALL = '["*"]'  # a folded insert: it wrote every column
# A laptop that joins from an enrolment file holds what the file holds and nothing the writer
# folds after it; the writer cannot know its id until its first file, so it waits for the file
# itself this long (「登録ファイルは作ってから2週間以内に使ってください」).
ENROLMENT_DAYS = 14


@dataclass(frozen=True)
class CompactResult:
    folded: int  # change rows whose values moved to the history
    dropped: int  # superseded update rows removed
    floor: dict[str, int]
    waiting_for: tuple[str, ...]  # replicas the floor waits for (self included)


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


# --- the floor ---------------------------------------------------------------------------------


def floor(db: sqlite3.Connection) -> dict[str, int]:
    return {k: int(v) for k, v in json.loads(cc.get_meta(db, META_FLOOR) or "{}").items()}


def stable_vector(db: sqlite3.Connection, now: dt.datetime, horizon_days: int) -> tuple[dict[str, int], list[str]]:
    """The counters every waited-for replica holds, and who is waited for.

    Waited for: this replica and every known one that is not retired here, unless its newest
    acknowledgement is older than the horizon. A known replica that never acknowledged anything
    holds nothing we can count on: it blocks until it sends a file or is retired.
    """
    me = cc.get_meta(db, cc.META_REPLICA) or ""
    held = cc.version_vector(db)
    matrix = ack_matrix(db)
    cutoff = _iso(now - dt.timedelta(days=horizon_days))
    waited = [me]
    stable = dict(held)
    for rid, retired in db.execute("SELECT replica_id, retired FROM sync_peer WHERE replica_id != ?", (me,)).fetchall():
        if retired:
            continue
        item = matrix.get(rid)
        if item is not None and str(item.get("at", "")) < cutoff:
            continue  # away past the horizon: a rejoin brings it back (docs/sync.md)
        waited.append(rid)
        vv = item["vv"] if item else {}
        for origin in list(stable):
            stable[origin] = min(stable[origin], int(vv.get(origin, 0)))
    enrolments = json.loads(cc.get_meta(db, META_ENROLMENTS) or "{}")
    recent = _iso(now - dt.timedelta(days=ENROLMENT_DAYS))
    for sha, item in enrolments.items():
        if str(item.get("at", "")) >= recent:
            waited.append(f"enrol:{sha[:12]}")
            for origin in list(stable):
                stable[origin] = min(stable[origin], int(item["vv"].get(origin, 0)))
    return {k: v for k, v in stable.items() if v > 0}, waited


def note_enrolment(db: sqlite3.Connection, sha: str, vv: dict[str, int], now: dt.datetime) -> None:
    """Remember an enrolment file written here (its laptops are waited for, see ENROLMENT_DAYS)."""
    recent = _iso(now - dt.timedelta(days=ENROLMENT_DAYS))
    enrolments = {k: v for k, v in json.loads(cc.get_meta(db, META_ENROLMENTS) or "{}").items() if str(v.get("at", "")) >= recent}
    enrolments[sha] = {"vv": vv, "at": _iso(now)}
    cc.set_meta(db, META_ENROLMENTS, json.dumps(enrolments, sort_keys=True))


# --- folding -----------------------------------------------------------------------------------


def _history_data(op: str, data: dict[str, Any]) -> dict[str, Any]:
    """What 変更履歴 shows of a change, 「内部の項目も表示」 included: all of it, so the audit
    trail of a folded change is the one it had before (leaving out the clock columns and a new
    record's empty fields would save ~20 % of the history, and change what that box shows)."""
    return data


def fold(db: sqlite3.Connection, new_floor: dict[str, int]) -> tuple[int, int]:
    """Fold the change rows of the entries under ``new_floor`` (inside the caller's transaction)."""
    old = floor(db)
    merged = {k: max(int(v), old.get(k, 0)) for k, v in new_floor.items()}
    for k, v in old.items():
        merged.setdefault(k, v)
    sealed = int(cc.get_meta(db, cc.META_SEALED) or 0)
    folded = 0
    rows_touched: set[tuple[str, str]] = set()
    for origin, counter in merged.items():
        lo = old.get(origin, 0)
        if counter <= lo:
            continue
        ranges = db.execute(
            "SELECT first_seq, last_seq FROM sync_entry WHERE origin = ? AND counter > ? AND counter <= ? AND last_seq >= first_seq",
            (origin, lo, counter),
        ).fetchall()
        for first, last in ranges:
            last = min(last, sealed)
            rows = db.execute(
                "SELECT seq, tbl, row_id, op, data, at FROM sync_change WHERE seq BETWEEN ? AND ? AND op != 'D' AND substr(data, 1, 1) = '{'",
                (first, last),
            ).fetchall()
            history, slim = [], []
            for seq, tbl, row_id, op, text, at in rows:
                data = json.loads(text)
                history.append((seq, tbl, row_id, op, origin, at, json.dumps(_history_data(op, data), ensure_ascii=False, separators=(",", ":"))))
                # an insert writes every column: "*" says so in one character
                names = ALL if op == "I" else json.dumps(touched_fields(op, data), separators=(",", ":"))
                slim.append((seq, tbl, row_id, op, names, at))
                rows_touched.add((tbl, row_id))
            db.executemany("INSERT OR REPLACE INTO local_history (seq, tbl, row_id, op, origin, at, data) VALUES (?, ?, ?, ?, ?, ?, ?)", history)
            # delete and write back rather than UPDATE in place: shrinking rows where they stand
            # leaves the change log's pages mostly empty (measured: 56 % unused after a fold)
            db.executemany("DELETE FROM sync_change WHERE seq = ?", [(r[0],) for r in slim])
            db.executemany("INSERT INTO sync_change (seq, tbl, row_id, op, data, at) VALUES (?, ?, ?, ?, ?, ?)", slim)
            folded += len(rows)
    dropped = _drop_superseded(db, rows_touched)
    cc.set_meta(db, META_FLOOR, json.dumps(merged, sort_keys=True))
    return folded, dropped


def _drop_superseded(db: sqlite3.Connection, rows: set[tuple[str, str]]) -> int:
    """Folded updates every field of which a later change of the row wrote again: the head of
    each of those fields is that later change, so merging never reaches them."""
    gone: list[tuple[int]] = []
    for tbl, row_id in rows:
        later: set[str] = set()
        for seq, op, text in db.execute(
            "SELECT seq, op, data FROM sync_change WHERE tbl = ? AND row_id = ? ORDER BY seq DESC", (tbl, row_id)
        ).fetchall():
            fields = touched_fields(op, json.loads(text))
            if text == ALL:
                break  # the insert: nothing earlier
            if op == "U" and text.startswith("[") and later.issuperset(fields):
                gone.append((seq,))
            later.update(fields)
    db.executemany("DELETE FROM sync_change WHERE seq = ?", gone)
    return len(gone)


def compact(db: sqlite3.Connection, now: dt.datetime, horizon_days: int = DEFAULT_HORIZON_DAYS) -> CompactResult:
    """Fold everything stable (inside the caller's transaction, after sealing)."""
    stable, waited = stable_vector(db, now, horizon_days)
    folded, dropped = fold(db, stable)
    return CompactResult(folded, dropped, floor(db), tuple(waited))


def is_folded(text: str) -> bool:
    return text.startswith("[")


def writes(op: str, data: Any, fieldname: str) -> bool:
    """Whether a change (folded or not) wrote ``fieldname``."""
    return data == ["*"] or fieldname in touched_fields(op, data)


__all__ = ["CompactResult", "DEFAULT_HORIZON_DAYS", "ack_matrix", "compact", "floor", "fold", "is_folded", "merge_acks", "writes",
           "stable_vector"]


# --- files and history after folding -------------------------------------------------------------


def folded_history(db: sqlite3.Connection, tbl: str, row_id: str) -> list[tuple[int, str, str, int, dict[str, Any]]]:
    """(seq, op, origin, at, fields) of the row's folded changes."""
    return [
        (seq, op, origin, at, json.loads(data))
        for seq, op, origin, at, data in db.execute(
            "SELECT seq, op, origin, at, data FROM local_history WHERE tbl = ? AND row_id = ?", (tbl, row_id)
        )
    ]


def _label(names: dict[str, str], rid: str) -> str:
    return names.get(rid) or f"端末 {rid[-6:]}"


def unfolded(db: sqlite3.Connection, entries: list[tuple], peer: str | None, names: dict[str, str], kind: str) -> list[tuple]:
    """The entries a file can carry. A peer that lacks a folded entry has been away past the
    horizon (or was retired): it cannot be sent what it lacks, and is told how to rejoin. A file
    for everyone leaves folded entries out (a receiver that lacks them is told at its gap check)."""
    low = floor(db)
    if not low or kind == "enrol":
        return entries
    keep = [e for e in entries if e[2] > low.get(e[1], 0)]
    if peer is not None and len(keep) < len(entries):
        from sasaeai_desktop.services.errors import UserError

        last = db.execute("SELECT last_in_at FROM sync_peer WHERE replica_id = ?", (peer,)).fetchone()
        since = f"（最後にファイルを受け取ったのは {str(last[0])[:10]}）" if last and last[0] else ""
        who = _label(names, peer)
        raise UserError(
            f"{who}は長い間同期していなかったため{since}、その間の変更の一部はこのパソコンですでにまとめられていて、"
            f"{who}用のファイルを作れません。{who}の変更は失われていません: まず{who}で作ったファイルをこのパソコンで読み込み、"
            f"次に新しい登録ファイル（sasaeai sync enrol）を作り、{who}では新しいデータベースにその登録ファイルで参加し直してください"
            f"（sasaeai --db 新しいファイル sync join 登録ファイル、または最初の画面の「登録ファイルから参加…」）。"
        )
    return keep


def gap_advice(db: sqlite3.Connection, payload: dict[str, Any], names: dict[str, str]) -> str:
    """When what this database lacks is below the sender's floor, no later file will bring it:
    the advice is the full resync, not "read the earlier file"."""
    sender_floor = payload.get("floor") or {}
    held = cc.version_vector(db)
    if not any(int(c) > held.get(o, 0) for o, c in sender_floor.items()):
        return ""
    return ("送り主のパソコンでは、このパソコンがまだ受け取っていない古い変更がすでにまとめられています（長い間同期していなかったため）。"
            "このパソコンの変更は失われていません: まずこのパソコンで作ったファイルを送り主のパソコンで読み込んでもらい、"
            "次に送り主のパソコンで作った登録ファイルで、新しいデータベースに参加し直してください"
            "（sasaeai --db 新しいファイル sync join 登録ファイル、または最初の画面の「登録ファイルから参加…」）。")
