"""Forks: two databases that issued the same (replica, counter) for different edits.

A copied laptop folder, a backup put back together with its ``.replica`` side file, or one file
handed to two laptops by a cloud folder: both copies carry on numbering the same replica's
entries. The copy normally notices at its next sync step that it is not the file that owned the
id (``change_capture.check_identity``) and takes a new one; this module is the safety net for the
cases it cannot see (a file written back into the same place, an older program).

Every entry carries a content hash fixed by the replica that sealed it (``x``) and its
predecessor's (``p``). An entry whose (replica, counter) is known here with another hash is a
fork. The two branches part at counter ``d``; the branch whose first entry has the larger hash
moves to a new replica id derived from that hash alone, renumbered from 1, and the other
keeps the id. The rule depends only on the two branches, so every replica that meets the fork
(here, or through a ``forks`` record in a file) moves the same branch to the same id and they
still converge; nothing is skipped as "known", so both sides' edits are kept (concurrent edits of
one field become a conflict the officer resolves). A replica whose own branch moves takes the new
id for its future edits.

References from other entries (version vectors) follow the branch the sender holds, told by the
file's ``tips`` (the hash of the sender's newest entry of each replica), down the whole line of
branches the sender numbered as one replica; when that is unknown they are cut back to before the
fork, which can only turn a supersede into a conflict, never lose an edit.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from dataclasses import dataclass
from typing import Any

from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.services.sync import clock as sync_clock

# Namespace of the ids given to moved branches (uuid5 of the branch's first hash).
FORK_NAMESPACE = uuid.UUID("6f1c2a3e-8d4b-5e7f-9a0b-1c2d3e4f5a6b")


@dataclass(frozen=True)
class Fork:
    origin: str  # the replica id both branches used
    counter: int  # the first number they issued differently
    new_origin: str  # the id the moved branch continues under
    moved_here: bool  # this database is the copy that continues under the new id
    found_at: dt.datetime | None = None


def fork_id(first_hash: str) -> str:
    """The id a moved branch continues under, from its first entry's hash alone: a branch that
    forks again after its parent moved is met as a fork of the old id by a replica that has not
    seen the parent's fork, and of the new id by one that has — both must name it alike."""
    return str(uuid.uuid5(FORK_NAMESPACE, first_hash))


def tips(db: sqlite3.Connection) -> dict[str, str]:
    """The hash of the newest entry of each replica held here (for the receiver's translation)."""
    return {
        o: h for o, h, _ in db.execute("SELECT origin, hash, max(counter) FROM sync_entry GROUP BY origin")
        if h
    }


def records(db: sqlite3.Connection) -> list[dict[str, Any]]:
    return [
        {"x": x, "o": o, "c": c, "n": n}
        for x, o, c, n in db.execute("SELECT hash, origin, counter, new_origin FROM sync_fork ORDER BY origin, counter, hash")
    ]


def all_forks(db: sqlite3.Connection) -> list[Fork]:
    me = cc.get_meta(db, cc.META_REPLICA)
    return [
        Fork(o, c, n, n == me, _dt(at))
        for o, c, n, at in db.execute("SELECT origin, counter, new_origin, found_at FROM sync_fork ORDER BY found_at, origin")
    ]


def _dt(v: Any) -> dt.datetime | None:
    if v is None or isinstance(v, dt.datetime):
        return v
    return dt.datetime.fromisoformat(str(v))


def _by_hash(db: sqlite3.Connection, x: str) -> tuple[str, int] | None:
    row = db.execute("SELECT origin, counter FROM sync_entry WHERE hash = ?", (x,)).fetchone()
    return (row[0], int(row[1])) if row else None


def move_branch(db: sqlite3.Connection, origin: str, d: int, new_origin: str, first_hash: str) -> bool:
    """Rename this database's entries (origin, ≥ d) to (new_origin, counter − d + 1), and every
    version vector, peer counter and acknowledgement that counts them. The entries keep their
    hashes and change rows; which edits saw which is unchanged, only their names move. When this
    database holds the other branch, nothing is renamed but the counts of the branches that
    descend from the moving one (told by their hashes)."""
    line, moving = _line(db, origin, d, first_hash)
    held = max(moving) if moving else None
    if held is not None:
        db.execute(f"UPDATE sync_entry SET origin = ?, counter = counter - ? WHERE origin = ? AND counter IN ({','.join('?' * len(moving))})",
                   (new_origin, d - 1, origin, *moving))
    needle = f'%{json.dumps(origin)}%'
    sides: dict[str, bool | None] = {}
    for seq, own, vv_text in db.execute("SELECT seq, origin, vv FROM sync_entry WHERE vv LIKE ?", (needle,)).fetchall():
        vv = json.loads(vv_text)
        if int(vv.get(origin, 0)) < d:
            continue
        if own not in sides:
            sides[own] = _side(db, own, origin, d, new_origin, line)
        side = sides[own]
        if side if side is not None else held is not None:
            db.execute("UPDATE sync_entry SET vv = ? WHERE seq = ?",
                       (json.dumps(_split(vv, origin, d, new_origin), sort_keys=True), seq))
    if held is None:
        return False
    name = (db.execute("SELECT name FROM sync_peer WHERE replica_id = ?", (origin,)).fetchone() or ("",))[0]
    cc.ensure_peer(db, new_origin, name)
    db.execute("UPDATE sync_peer SET counter = ? WHERE replica_id = ?", (held - d + 1, new_origin))
    db.execute("UPDATE sync_peer SET counter = ? WHERE replica_id = ?", (d - 1, origin))
    for rid, acked in db.execute("SELECT replica_id, acked FROM sync_peer WHERE acked LIKE ?", (needle,)).fetchall():
        ack = json.loads(acked or "{}")
        if int(ack.get(origin, 0)) >= d:
            # which branch that peer holds is not known here: send it this one again (known
            # entries are recognised by their hash and skipped)
            ack[origin] = d - 1
            db.execute("UPDATE sync_peer SET acked = ? WHERE replica_id = ?", (json.dumps(ack, sort_keys=True), rid))
    if cc.get_meta(db, cc.META_REPLICA) == origin:
        cc.set_meta(db, cc.META_REPLICA, new_origin)  # this database is the copy that moves on
    return True


def _line(db: sqlite3.Connection, origin: str, d: int, first_hash: str) -> tuple[dict[str, int], list[int]]:
    """The moving branch's hashes known here with their numbers under ``origin`` (``first_hash``
    at d, held or not), and the numbers of those held here. Read along the ``prev`` hashes: an
    entry that follows another hash than the held one before it is another branch's (a database
    can take in an entry of one branch and later the number before it from the other) and stays.
    Past a number not held here, or an entry without hashes, the line is taken to go on, as
    nothing tells otherwise."""
    line = {first_hash: d}
    held: list[int] = []
    on = False  # the nearest held entry before this one is on the line
    last = d - 1
    for c, x, p in db.execute(
            "SELECT counter, hash, prev FROM sync_entry WHERE origin = ? AND counter >= ? ORDER BY counter", (origin, d)):
        c = int(c)
        if x == first_hash or (p and p in line):
            on = True
        elif not p:
            on = on and c > d
        elif c == last + 1:
            on = False  # follows a held entry that is not on the line
        if on:
            if x:
                line[x] = c
            held.append(c)
        last = c
    return line, held


def _side(db: sqlite3.Connection, branch: str, origin: str, d: int, new_origin: str, line: dict[str, int]) -> bool | None:
    """Whether what the entries of ``branch`` count of ``origin`` past d is the moving branch
    (True) or the other one (False), told by the line of hashes ``branch`` continues; None when
    they cannot tell (a replica of its own, or a branch that left before d: what it counts of
    ``origin`` came with the files it read). ``line``: the moving branch's hashes held here with
    their numbers under ``origin``."""
    seen: set[str] = set()
    while branch not in seen:
        if branch == new_origin:
            return True
        if branch == origin:
            return False  # the side that keeps the id (what moved is renamed already)
        seen.add(branch)
        row = db.execute("SELECT prev FROM sync_entry WHERE origin = ? AND counter = 1", (branch,)).fetchone()
        p = row[0] if row else None
        if not p:
            return None
        if p in line:
            return True
        here = _by_hash(db, p)
        if here is None:
            # left ``origin`` after d from a number this database holds with another hash: the other side
            left = db.execute("SELECT origin, counter FROM sync_fork WHERE new_origin = ?", (branch,)).fetchone()
            if left is None or left[0] != origin or int(left[1]) - 1 < d:
                return None
            ours = next((x for x, c in line.items() if c == int(left[1]) - 1), None)
            return False if ours is not None and ours != p else None
        if here[0] == origin and here[1] < d:
            return None
        branch = here[0]
    return None


def _split(vv: dict[str, int], origin: str, d: int, new_origin: str) -> dict[str, int]:
    """A version vector that counted the moved branch as ``origin`` up to k ≥ d."""
    k = int(vv.get(origin, 0))
    if k < d:
        return vv
    out = _cut(vv, origin, d)
    out[new_origin] = max(int(out.get(new_origin, 0)), k - d + 1)
    return out


def _cut(vv: dict[str, int], origin: str, d: int) -> dict[str, int]:
    """A version vector whose view of ``origin`` past d is unknown: keep only what precedes it."""
    k = int(vv.get(origin, 0))
    if k < d:
        return vv
    out = {q: n for q, n in vv.items() if q != origin}
    if d > 1:
        out[origin] = d - 1
    return out


def _record(db: sqlite3.Connection, x: str, origin: str, counter: int, new_origin: str) -> bool:
    cur = db.execute(
        "INSERT OR IGNORE INTO sync_fork (hash, origin, counter, new_origin, found_at) VALUES (?, ?, ?, ?, ?)",
        (x, origin, counter, new_origin, sync_clock.now()),
    )
    return cur.rowcount > 0


class Reconciler:
    """Renames the entries of one incoming file into this database's names, detecting forks."""

    def __init__(self, db: sqlite3.Connection, payload: dict[str, Any]) -> None:
        self.db = db
        self.payload = payload
        self.found: list[Fork] = []
        self.labels: dict[str, tuple[str, int]] = {}  # hash → (origin, counter) here
        self.first_prev: dict[str, str] = {}  # branch → the hash before its first entry, from the file
        self._load()

    def _load(self) -> None:
        """Fork records held here, read once (an import of thousands of entries asks per entry)."""
        self.moved: dict[str, str] = {}  # first hash of a moved branch → its new id
        self.by_origin: dict[str, list[tuple[int, str]]] = {}
        self.left: dict[str, tuple[str, int]] = {}  # moved branch → the number it left its id after
        for x, o, c, n in self.db.execute("SELECT hash, origin, counter, new_origin FROM sync_fork ORDER BY counter"):
            self.moved[x] = n
            self.by_origin.setdefault(o, []).append((int(c), n))
            self.left[n] = (o, int(c) - 1)

    def _adopt(self, x: str, origin: str, counter: int, new_origin: str) -> None:
        if not _record(self.db, x, origin, counter, new_origin):
            return
        here = _by_hash(self.db, x)  # by hash: the record may name it by the other id of a moved parent
        if here is not None and here[0] != new_origin:
            move_branch(self.db, here[0], here[1], new_origin, x)
        elif here is None:
            move_branch(self.db, origin, counter, new_origin, x)  # the counts of its branches held here
        mine = cc.get_meta(self.db, cc.META_REPLICA) == new_origin  # this database was the copy
        self.found.append(Fork(origin, counter, new_origin, mine))
        self._load()

    def _settle(self) -> None:
        """Move every branch a record names that still sits under its old id here. A fork of a
        renamed branch is recorded under the new id; read before the record that renames the
        branch (records come sorted by id, not by which came first), it found nothing to move."""
        for _ in range(len(self.moved) + 1):
            pending = [(here, n, x) for x, n in self.db.execute("SELECT hash, new_origin FROM sync_fork ORDER BY found_at, origin")
                       if (here := _by_hash(self.db, x)) is not None and here[0] != n]
            if not pending:
                return
            (o, c), n, x = pending[0]
            move_branch(self.db, o, c, n, x)
            self.found.append(Fork(o, c, n, cc.get_meta(self.db, cc.META_REPLICA) == n))

    def _label(self, e: dict[str, Any]) -> tuple[str, int]:
        o, c, x, p = e["o"], int(e["c"]), e["x"], e.get("p") or ""
        if x in self.labels:
            return self.labels[x]
        here = _by_hash(self.db, x)
        if here is not None:
            return here
        if x in self.moved:
            return self.moved[x], 1
        if p and self.moved:  # only a database that renamed a branch can hold one elsewhere
            before = self.labels.get(p) or _by_hash(self.db, p)
            if before is None and p in self.moved:  # follows a moved branch's first entry, not held here
                before = self.moved[p], 1
            if before is not None and before[0] != o:
                # continues a branch that was renamed here — unless that branch forked again
                # (the renamed laptop copied once more): the number after it may be taken here
                # by the other side, which a plain "next number" would skip as already held
                o, c = before[0], before[1] + 1
                near = self._near(o, c)
                local = near[c][0] if c in near else None
                if local and local != x:
                    return self._fork(o, c, local, x)
                return self._before_next(o, c, x, near) if local is None else (o, c)
        near = self._near(o, c)
        local = near[c][0] if c in near else None
        prev_local = near[c - 1][0] if c - 1 in near else None
        if c > 1 and p and prev_local and prev_local != p:
            # the lines parted before this number, whether or not it is held here: the entries
            # from where they part are not in this file (a file made for this laptop leaves out
            # the numbers it holds from its own line), and a fork taken here would put this entry
            # after another line's (state machine, seed 7, example 1,615)
            raise UserError(
                f"同じ端末ID（{o[-8:]}）で内容の異なる変更が届きましたが、分かれた所からの変更がこのファイルにありません。"
                "送り主に「全員用のファイル」（宛先を指定しないファイル）を作ってもらい、それを読み込んでください。データベースは変更していません。"
            )
        if local and local != x:
            return self._fork(o, c, local, x)
        return self._before_next(o, c, x, near) if local is None else (o, c)

    def _near(self, o: str, c: int) -> dict[int, tuple[str, str]]:
        """The entries held here at c − 1, c and c + 1 of ``o``: number → (hash, prev), "" where
        sealed before entries had hashes."""
        return {int(k): (h or "", q or "") for k, h, q in self.db.execute(
            "SELECT counter, hash, prev FROM sync_entry WHERE origin = ? AND counter IN (?, ?, ?)", (o, c - 1, c, c + 1))}

    def _before_next(self, o: str, c: int, x: str, near: dict[int, tuple[str, str]]) -> tuple[str, int]:
        """A number not held here whose next one is: when that one follows another entry, the
        two lines part here (this database took in an entry of one branch, and now the number
        before it comes from the other)."""
        follows = near[c + 1][1] if c + 1 in near else ""
        if follows and follows != x:
            return self._fork(o, c, follows, x)
        return o, c

    def _fork(self, o: str, c: int, local: str, incoming: str) -> tuple[str, int]:
        moving = max(local, incoming)
        new_origin = fork_id(moving)
        self._adopt(moving, o, c, new_origin)
        return (new_origin, 1) if moving == incoming else (o, c)

    def _sender_label(self, q: str) -> str | None:
        """Under which id this database holds the sender's newest entry of replica ``q``: tells
        which branch of a forked id the sender counts as ``q``."""
        tip = self.payload.get("tips", {}).get(q)
        where = (self.labels.get(tip) or _by_hash(self.db, tip)) if tip else None
        return where[0] if where else None

    def _parent(self, branch: str) -> tuple[str, int] | None:
        """The entry a branch continues from (before its first one), as named here: told by the
        hashes, so it holds whichever id a fork was recorded under; a branch that parted at the
        first number has none, and then its fork record says where it left (number 0)."""
        p = self.first_prev.get(branch)
        if p is None:
            row = self.db.execute("SELECT prev FROM sync_entry WHERE origin = ? AND counter = 1", (branch,)).fetchone()
            p = row[0] if row else None
        held = (self.labels.get(p) or _by_hash(self.db, p)) if p else None
        if held is not None:
            return held
        if p in self.moved:  # the first entry of a moved branch, not held here
            return self.moved[p], 1
        return self.left.get(branch)

    def _lineage(self, branch: str, top: str) -> list[tuple[str, int | None]] | None:
        """The branches from ``top`` down to ``branch``, each with the last of its numbers the next
        one continues from (``branch`` itself with None); None when ``branch`` does not descend
        from ``top``."""
        chain: list[tuple[str, int | None]] = [(branch, None)]
        while chain[-1][0] != top:
            parent = self._parent(chain[-1][0])
            if parent is None or any(parent[0] == name for name, _ in chain):
                return None
            chain.append(parent)
        return chain[::-1]

    def _translate(self, vv: dict[str, int], own: tuple[str, str, int] | None) -> dict[str, int]:
        out = {q: int(n) for q, n in vv.items()}
        if not self.by_origin:
            return out
        for q in list(out):
            k = out[q]
            if not any(k >= d for d, _ in self.by_origin.get(q, ())):
                continue  # below every fork of q: one history, whoever counts it
            # the entry's own earlier entries are its own branch; others, the sender's
            target = own[1] if own is not None and own[0] == q else self._sender_label(q)
            if target == q:
                continue  # the branch that kept the id
            chain = self._lineage(target, q) if target is not None else None
            if chain is None:  # not known which branch: only what precedes every fork counts as seen
                out = _cut(out, q, min(d for d, _ in self.by_origin[q]))
                continue
            # the sender numbered the whole line as q: its numbers run through each branch the
            # line passed (a branch that forked again after its parent moved: several)
            del out[q]
            for name, last in chain:
                if last is None or k <= last:
                    out[name] = max(out.get(name, 0), k)
                    break
                if last:
                    out[name] = max(out.get(name, 0), last)
                k -= last
        return out

    def run(self) -> list[dict[str, Any]]:
        """The payload's entries in this database's names (entries without hashes — an older
        program's file — unchanged)."""
        for r in self.payload.get("forks", []):
            self._adopt(str(r["x"]), str(r["o"]), int(r["c"]), str(r["n"]))
        self._settle()
        named: list[tuple[dict[str, Any], tuple[str, int]]] = []
        for e in self.payload["entries"]:
            if not e.get("x"):
                named.append((e, (e["o"], int(e["c"]))))
                continue
            label = self._label(e)
            self.labels[e["x"]] = label
            if label[1] == 1 and e.get("p"):
                self.first_prev[label[0]] = e["p"]
            named.append((e, label))
        out = []
        for e, (o, c) in named:
            if not e.get("x"):
                out.append(e)
                continue
            own = (e["o"], o, c)
            vv = self._translate(e["v"], own)
            if o != e["o"]:  # renamed here: its predecessor in the branch is its own previous number
                vv = {q: n for q, n in vv.items()}
                if c > 1:
                    vv[o] = max(int(vv.get(o, 0)), c - 1)
            out.append({**e, "o": o, "c": c, "v": vv})
        return out

    def translate_ack(self, vv: dict[str, Any]) -> dict[str, int]:
        """The sender's version vector (its acknowledgement) in this database's names."""
        return self._translate({k: int(v) for k, v in vv.items()}, None)


def describe(forks: list[Fork], names: dict[str, str], dry_run: bool = False) -> list[str]:
    """What the officer reads about forks found in a file (CLI output, 同期 page)."""
    kept = "両方の変更を残します" if dry_run else "両方の変更を残しました"
    out = []
    for f in forks:
        who = names.get(f.origin) or f.origin[-8:]
        text = (
            f"同じ端末ID（{who}・{f.origin[-8:]}）で内容の異なる変更が届きました（{f.counter} 番以降）。"
            f"{who}のフォルダーがコピーされたか、バックアップから戻されたものとみなし、{kept}"
            f"（一方は新しい端末 {f.new_origin[-8:]} の変更として扱います）。"
        )
        if f.moved_here:
            text += "このパソコンの変更は今後、新しい端末IDで記録します。"
        text += "同じ項目を両方で変えていた所は競合として表示します。"
        out.append(text)
    return out


__all__ = ["FORK_NAMESPACE", "Fork", "Reconciler", "all_forks", "describe", "fork_id", "move_branch", "records", "tips"]
