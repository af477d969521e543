"""Two merge rules the sync state machine found broken (seed 7): a folded head's value is what
its write wrote, and a moved branch's entries keep what they had seen of the id they left."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db.models.base import Base
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.services.sync import compact
from sasaeai_desktop.services.sync.fork import Reconciler
from sasaeai_desktop.services.sync.fork import fork_id
from sasaeai_desktop.services.sync.merge import Merger

ROW = "row-1"
TABLES = {"t": ["id", "role", "deleted"]}


def _db(tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "sync.db"
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)  # the real sync tables
    engine.dispose()
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (id TEXT PRIMARY KEY, role TEXT, deleted INTEGER)")
    return db


def _apply(merger: Merger, origin: str, clock: int, vv: dict[str, int], op: str, data: dict) -> None:
    info = merger.begin_entry(origin, 1, clock, vv, clock, digest=f"{origin}-hash", prev=None)
    merger.apply_change(info, "t", ROW, op, data, clock)
    merger.end_entry(info)


def _heads(db: sqlite3.Connection, field: str) -> dict[str, str]:
    return {
        origin: json.loads(value)
        for origin, value in db.execute(
            "SELECT e.origin, h.value FROM sync_head h JOIN sync_entry e ON e.seq = h.entry WHERE h.field = ?", (field,)
        )
    }


def test_a_folded_head_of_a_hard_deleted_row_keeps_the_value_its_write_wrote(tmp_path: Path) -> None:
    db = _db(tmp_path)
    merger = Merger(db, TABLES)
    _apply(merger, "a", 1_000, {}, "I", {"role": "r0", "deleted": 0})
    _apply(merger, "b", 2_000, {"a": 1}, "U", {"role": "rB", "deleted": 0})
    # the delete's before-image says r0 though it counts b's edit: what the deleting replica
    # showed after a fork was read against the wrong branch (state machine, seed 7)
    _apply(merger, "c", 3_000, {"a": 1, "b": 1}, "D", {"role": "r0", "deleted": 0})
    assert db.execute("SELECT count(*) FROM t").fetchone()[0] == 0
    last = db.execute("SELECT max(seq) FROM sync_change").fetchone()[0]
    cc.set_meta(db, cc.META_SEALED, str(last))
    assert compact.fold(db, {"a": 1, "b": 1, "c": 1}) == (3, 2)  # the delete keeps its text

    # an edit that saw neither b's edit nor the delete: role has two heads, b's and d's
    _apply(Merger(db, TABLES), "d", 4_000, {"a": 1}, "U", {"role": "rD", "deleted": 0})
    assert _heads(db, "role") == {"b": "rB", "d": "rD"}  # not the before-image's r0
    assert db.execute("SELECT role, deleted FROM t").fetchall() == [("rD", 1)]  # kept, deleted, in conflict


def _reconciler(tmp_path: Path, forks: list[tuple[str, str, int, str]], entries: list[tuple[str, int, str, str | None]]) -> Reconciler:
    db = _db(tmp_path)
    db.executemany("INSERT INTO sync_fork (hash, origin, counter, new_origin, found_at) VALUES (?, ?, ?, ?, '2026-12-07')", forks)
    db.executemany(
        "INSERT INTO sync_entry (origin, counter, hlc, vv, first_seq, last_seq, applied_ms, hash, prev) VALUES (?, ?, 0, '{}', 0, -1, 0, ?, ?)",
        entries,
    )
    return Reconciler(db, {"entries": [], "tips": {}})


def test_a_branch_that_left_an_id_after_another_fork_keeps_what_it_saw_of_that_id(tmp_path: Path) -> None:
    # replica q forked at 3 (one side moved to A) and its remaining side again at 4 (one side
    # moved to B): B's first entry saw q:1..3 of the side that kept the id
    forks = [("hA1", "q", 3, "A"), ("hB1", "q", 4, "B")]
    held = [("q", 1, "h1", None), ("q", 2, "h2", "h1"), ("q", 3, "h3", "h2"), ("q", 4, "h4", "h3"),
            ("A", 1, "hA1", "h2"), ("B", 1, "hB1", "h3")]
    rec = _reconciler(tmp_path, forks, held)
    rec.payload["entries"] = [{"o": "q", "c": 4, "x": "hB1", "p": "h3", "v": {"q": 3}}]
    assert rec.run() == [{"o": "B", "c": 1, "x": "hB1", "p": "h3", "v": {"q": 3}}]
    # a vector whose branch is not known counts only what precedes every fork it reaches
    assert rec.translate_ack({"q": 3}) == {"q": 2}


@pytest.mark.parametrize("recorded_as", [("X", 2), ("q", 4)])
def test_a_branch_of_a_moved_branch_counts_what_it_saw_of_each(tmp_path: Path, recorded_as: tuple[str, int]) -> None:
    # X left q at 3, then Y left X at 2 (one replica records that fork under X, another, which
    # met it first, under q at 4): Y's entries saw q:1..2 and X:1 — a sender that knew of no fork
    # numbers that whole line q:1..4 (state machine, seed 7, example 742 of the long profile)
    forks = [("hX1", "q", 3, "X"), ("hY1", *recorded_as, "Y")]
    held = [("q", 1, "h1", None), ("q", 2, "h2", "h1"), ("q", 3, "h3", "h2"),
            ("X", 1, "hX1", "h2"), ("X", 2, "hX2", "hX1"), ("Y", 1, "hY1", "hX1")]
    rec = _reconciler(tmp_path, forks, held)
    rec.payload["entries"] = [{"o": "q", "c": 5, "x": "hY2", "p": "hY1", "v": {"q": 4, "r": 7}}]
    assert rec.run() == [{"o": "Y", "c": 2, "x": "hY2", "p": "hY1", "v": {"q": 2, "X": 1, "Y": 1, "r": 7}}]


def test_a_branch_that_parted_at_the_first_number_takes_the_whole_count(tmp_path: Path) -> None:
    # two copies of a laptop that had issued nothing yet: X's first entry follows nothing, so its
    # fork record says where it left (state machine, seeds 7 and 11)
    held = [("q", 1, "h1", None), ("X", 1, "hX1", None), ("X", 2, "hX2", "hX1")]
    rec = _reconciler(tmp_path, [("hX1", "q", 1, "X")], held)
    rec.payload["tips"] = {"q": "hX2"}
    rec.payload["entries"] = [{"o": "r", "c": 1, "x": "hR1", "p": None, "v": {"q": 2}}]
    assert rec.run() == [{"o": "r", "c": 1, "x": "hR1", "p": None, "v": {"X": 2}}]


def _vv(db: sqlite3.Connection, x: str) -> dict[str, int]:
    return json.loads(db.execute("SELECT vv FROM sync_entry WHERE hash = ?", (x,)).fetchone()[0])


def test_a_late_found_fork_renames_only_the_counts_of_its_own_line(tmp_path: Path) -> None:
    # three copies of q before its first number (q, X, Z); then q forked again at 2 into W.
    # This database held X's branch as q when W's first entry (which follows q's own q:1) came;
    # when the fork at 1 is found, W still saw q:1, not X:1 (state machine, seed 7, example 1,614)
    held = [("q", 1, "hX1", None), ("W", 1, "hW1", "hq1")]
    rec = _reconciler(tmp_path, [("hW1", "q", 2, "W")], held)
    rec.db.execute("""UPDATE sync_entry SET vv = '{"q": 1}' WHERE hash = 'hW1'""")
    rec.payload["forks"] = [{"x": "hX1", "o": "q", "c": 1, "n": "X"}]
    rec.run()
    assert rec.db.execute("SELECT origin, counter FROM sync_entry WHERE hash = 'hX1'").fetchone() == ("X", 1)
    assert _vv(rec.db, "hW1") == {"q": 1}


def test_a_late_found_fork_renames_the_counts_of_its_line_held_by_the_other_side(tmp_path: Path) -> None:
    # the same forks seen from a database that holds q's own branch: X forked again at 2 into V,
    # whose first entry follows X:1 — once the fork at 1 is known, V saw X:1, not q:1
    held = [("q", 1, "hq1", None), ("V", 1, "hV1", "hX1")]
    rec = _reconciler(tmp_path, [("hV1", "q", 2, "V")], held)
    rec.db.execute("""UPDATE sync_entry SET vv = '{"q": 1}' WHERE hash = 'hV1'""")
    rec.payload["forks"] = [{"x": "hX1", "o": "q", "c": 1, "n": "X"}]
    rec.run()
    assert rec.db.execute("SELECT origin, counter FROM sync_entry WHERE hash = 'hq1'").fetchone() == ("q", 1)
    assert _vv(rec.db, "hV1") == {"X": 1}


def _where(db: sqlite3.Connection, x: str) -> tuple[str, int]:
    return db.execute("SELECT origin, counter FROM sync_entry WHERE hash = ?", (x,)).fetchone()


@pytest.mark.parametrize(("incoming", "moves"), [("ef52", "incoming"), ("0a1b", "held")])
def test_a_number_before_one_held_from_another_branch_is_a_fork(tmp_path: Path, incoming: str, moves: str) -> None:
    # this database took in q:2 of q's own line (it follows 40fc); now q:1 of another copy's line
    # comes: the two lines part at 1, and the one with the larger first hash moves (state machine,
    # seed 7, example 1,614: the entry was later renamed with the wrong branch)
    rec = _reconciler(tmp_path, [], [("q", 2, "a1af", "40fc")])
    rec.payload["entries"] = [{"o": "q", "c": 1, "x": incoming, "p": None, "v": {}}]
    [got] = rec.run()
    if moves == "incoming":
        assert (got["o"], got["c"]) == (fork_id(incoming), 1)
        assert _where(rec.db, "a1af") == ("q", 2)
    else:
        assert (got["o"], got["c"]) == ("q", 1)
        assert _where(rec.db, "a1af") == (fork_id("40fc"), 2)
    assert [(f.origin, f.counter) for f in rec.found] == [("q", 1)]


def test_a_moving_branch_takes_only_the_entries_on_its_line(tmp_path: Path) -> None:
    # a database that holds q:1 of one line and q:2 of another (as an earlier version let happen):
    # when the first line moves, the entry that follows another hash stays under q
    held = [("q", 1, "ef52", None), ("q", 2, "a1af", "40fc"), ("q", 3, "b2c3", "a1af")]
    rec = _reconciler(tmp_path, [], held)
    rec.payload["forks"] = [{"x": "ef52", "o": "q", "c": 1, "n": "X"}]
    rec.run()
    assert _where(rec.db, "ef52") == ("X", 1)
    assert _where(rec.db, "a1af") == ("q", 2) and _where(rec.db, "b2c3") == ("q", 3)


def test_the_entry_after_a_moved_branchs_first_one_follows_it_there(tmp_path: Path) -> None:
    # X left q at 2; this database holds neither X's first entry nor q:3: X's second entry, sent
    # by a laptop that knew of no fork as q:3, is X:2 (not q:3, where q's own line goes on)
    rec = _reconciler(tmp_path, [("hX1", "q", 2, "X")], [("q", 1, "h1", None)])
    rec.payload["entries"] = [{"o": "q", "c": 3, "x": "hX2", "p": "hX1", "v": {"q": 2}}]
    [got] = rec.run()
    assert (got["o"], got["c"]) == ("X", 2)


def test_a_held_number_from_a_line_that_parted_earlier_is_refused(tmp_path: Path) -> None:
    # two copies of q before its first number; each issued q:1 and q:2. A file made for this
    # laptop leaves out q:1 (it holds a q:1 of its own), so q:2 of the other line arrives after
    # another q:1: a fork at 2 would hold it after the wrong entry — the file is refused, asking
    # for one made for everyone (state machine, seed 7, example 1,615)
    held = [("q", 1, "5f71", None), ("q", 2, "f4ad", "5f71")]
    rec = _reconciler(tmp_path, [], held)
    rec.payload["entries"] = [{"o": "q", "c": 2, "x": "a294", "p": "5f90", "v": {"q": 1}}]
    with pytest.raises(UserError, match="全員用のファイル"):
        rec.run()
    assert rec.db.execute("SELECT count(*) FROM sync_fork").fetchone() == (0,)
    assert _where(rec.db, "f4ad") == ("q", 2)
