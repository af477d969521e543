"""The bulk way of inserting (db.bulk_insert): indexes dropped and rebuilt, change capture muted and
written afterwards in one statement — the same database and the same change log as row by row."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.db import bulk_insert
from sasaeai_desktop.db import change_capture
from sasaeai_desktop.domain.ids import new_ids
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import planning
from tests.excel_books import people_book

COLUMNS = ("id", "name", "kana", "name_key", "kana_key", "role", "municipality_id", "organisation_id", "affiliation",
           "title", "phone", "email", "notes", "merged_into_id", "created_at", "updated_at", "deleted")
INSERT = f"INSERT INTO person ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


@pytest.fixture
def small_batches_are_bulk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Take the bulk path for a handful of rows (the real thresholds are thousands)."""
    monkeypatch.setattr(bulk_insert, "DROP_INDEXES_MIN", 1)
    monkeypatch.setattr(bulk_insert, "CAPTURE_AFTER_MIN", 1)


@contextmanager
def raw(ctx: AppContext, *, commit: bool = True) -> Iterator[sqlite3.Connection]:
    with ctx.uow() as uow:
        yield uow.session.connection().connection.dbapi_connection
        if commit:
            uow.commit()
        else:
            uow.rollback()


def people_rows(n: int, tag: str) -> list[tuple[Any, ...]]:
    """Rows with every kind of value a person row has: text, NULL, a REAL-free timestamp, 0."""
    out = []
    for i, pid in enumerate(new_ids(n)):
        out.append((pid, f"{tag}氏名{i}", f"かな{i}", f"{tag}氏名{i}", f"かな{i}", "第1層SC", None, None, "社協" if i % 2 else "",
                    "", f"026-000-{i:04d}", "", "行1\n行2" if i % 3 == 0 else "", None, "2026-04-01 09:00:00.000000",
                    "2026-04-01 09:00:00.000000", 0))
    return out


def person_indexes(db: sqlite3.Connection) -> list[tuple[str, str]]:
    return bulk_insert.secondary_indexes(db, "person")


def changes(db: sqlite3.Connection, ids: list[str]) -> list[tuple[str, str, str, dict[str, Any]]]:
    found = {r[1]: r for r in db.execute("SELECT tbl, row_id, op, data, seq FROM sync_change WHERE tbl = 'person' ORDER BY seq")}
    return [(found[i][0], found[i][1], found[i][2], json.loads(found[i][3])) for i in ids if i in found]


def test_bulk_insert_writes_the_change_log_the_triggers_write(ctx: AppContext, small_batches_are_bulk: None) -> None:
    trigger_rows, bulk_rows = people_rows(7, "T"), people_rows(7, "B")
    with raw(ctx) as db:
        indexes = person_indexes(db)
        assert len(indexes) >= 5  # name_key, kana_key, role, municipality, organisation, merged_into
        db.executemany(INSERT, trigger_rows)  # captured row by row
        with bulk_insert.bulk_inserting(db, "person", len(bulk_rows)):
            assert person_indexes(db) == []  # dropped while the rows go in
            assert change_capture.is_muted(db)
            db.executemany(INSERT, bulk_rows)
    with raw(ctx) as db:
        assert person_indexes(db) == indexes
        assert not change_capture.is_muted(db)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        by_trigger = changes(db, [r[0] for r in trigger_rows])
        by_bulk = changes(db, [r[0] for r in bulk_rows])
        seqs = [r[0] for r in db.execute("SELECT seq FROM sync_change WHERE tbl = 'person' ORDER BY seq")]
        in_seq_order = [r[0] for r in db.execute("SELECT row_id FROM sync_change WHERE tbl = 'person' ORDER BY seq")]
    assert len(by_trigger) == len(by_bulk) == 7 and len(seqs) == 14
    assert in_seq_order == [r[0] for r in trigger_rows + bulk_rows]  # the order the rows were inserted
    for t, b in zip(by_trigger, by_bulk):
        assert t[0] == b[0] == "person" and t[2] == b[2] == "I"
        # The same fields with the same values, apart from the tag in the names.
        assert {k: str(v).replace("T氏名", "氏名") for k, v in t[3].items()} == {
            k: str(v).replace("B氏名", "氏名") for k, v in b[3].items()}
        assert set(t[3]) == set(COLUMNS) - {"id"}


def test_small_batch_keeps_indexes_and_triggers(ctx: AppContext) -> None:
    rows = people_rows(3, "S")
    with raw(ctx) as db:
        indexes = person_indexes(db)
        with bulk_insert.bulk_inserting(db, "person", len(rows)):
            assert person_indexes(db) == indexes and not change_capture.is_muted(db)
            db.executemany(INSERT, rows)
        assert len(changes(db, [r[0] for r in rows])) == 3


def test_already_muted_stays_muted_and_unrecorded(ctx: AppContext, small_batches_are_bulk: None) -> None:
    """A sync import mutes capture itself: rows it inserts are not ours to record."""
    rows = people_rows(4, "M")
    with raw(ctx, commit=False) as db:
        change_capture.mute(db)
        with bulk_insert.bulk_inserting(db, "person", len(rows)):
            db.executemany(INSERT, rows)
        assert change_capture.is_muted(db)
        assert changes(db, [r[0] for r in rows]) == []


def test_failure_inside_restores_indexes_and_capture(ctx: AppContext, small_batches_are_bulk: None) -> None:
    rows = people_rows(5, "F")
    with raw(ctx, commit=False) as db:
        indexes = person_indexes(db)
        before = db.execute("SELECT count(*) FROM sync_change").fetchone()[0]
        with pytest.raises(RuntimeError):
            with bulk_insert.bulk_inserting(db, "person", len(rows)):
                db.executemany(INSERT, rows[:3])
                raise RuntimeError("cancelled half-way")
        # Whoever carries on in this transaction finds the table whole and the rows recorded …
        assert person_indexes(db) == indexes and not change_capture.is_muted(db)
        assert len(changes(db, [r[0] for r in rows])) == 3
        assert db.execute("SELECT count(*) FROM sync_change").fetchone()[0] == before + 3
    # … and the rollback leaves nothing behind.
    with raw(ctx) as db:
        assert person_indexes(db) == indexes
        assert db.execute("SELECT count(*) FROM person").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM sync_change").fetchone()[0] == before


def test_people_import_in_bulk_is_indexed_and_captured(nagano: AppContext, tmp_path: Path, small_batches_are_bulk: None) -> None:
    path = people_book(tmp_path / "名簿.xlsx", [
        ["佐藤　一郎", "サトウ イチロウ", "第1層SC", "松本市", "", "", "0263-34-3000", "", ""],
        ["鈴木 花子", "すずき はなこ", "市町村職員", "上田市", "", "", "", "", "担当\n2年目"],
        ["高橋 健太", "たかはし けんた", "第2層SC", "北佐久郡軽井沢町", "", "", "", "", ""],
    ])
    with raw(nagano) as db:
        indexes = person_indexes(db)
    plan = planning.plan_import(nagano.uow(), "people", path)
    assert plan.ok, [str(p) for p in plan.problems]
    assert applying.apply_import(nagano.uow(), plan).created == 3
    with raw(nagano) as db:
        assert person_indexes(db) == indexes
        people = db.execute("SELECT id, name, municipality_id, notes FROM person ORDER BY rowid").fetchall()
        logged = changes(db, [p[0] for p in people])
        plan_rows = db.execute("EXPLAIN QUERY PLAN SELECT id FROM person WHERE name_key = '佐藤一郎'").fetchall()
    assert [p[1] for p in people] == ["佐藤 一郎", "鈴木 花子", "高橋 健太"]
    assert [(c[2], c[3]["name"], c[3]["municipality_id"], c[3]["notes"]) for c in logged] == [
        ("I", p[1], p[2], p[3]) for p in people]
    assert any("ix_person_name_key" in str(r) for r in plan_rows)  # the index is there and used


def test_rows_inserter_splits_at_sqlites_parameter_limit(ctx: AppContext) -> None:
    """Many rows a statement, never more parameters than SQLite takes, the rows in their order."""
    rows = people_rows(7, "R")
    width = len(COLUMNS)

    class Recording:  # the connection, with the statements it is given written down
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db, self.statements = db, []

        def getlimit(self, category: int) -> int:
            return self.db.getlimit(category)

        def execute(self, sql: str, values: list[Any]) -> sqlite3.Cursor:
            self.statements.append((sql.count("(?"), len(values)))
            return self.db.execute(sql, values)

    with raw(ctx, commit=False) as db:
        before = db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 3 * width + 1)  # three rows a statement
        recording = Recording(db)
        try:
            insert = bulk_insert.rows_inserter(recording, INSERT.split(" VALUES ")[0] + " VALUES ",  # type: ignore[arg-type]
                                               "(" + ", ".join("?" * width) + ")", width)
            insert(rows)
        finally:
            db.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, before)
        assert recording.statements == [(3, 3 * width), (3, 3 * width), (1, width)]
        stored = db.execute(f"SELECT {', '.join(COLUMNS)} FROM person ORDER BY rowid").fetchall()
        assert stored == rows
        assert len(changes(db, [r[0] for r in rows])) == 7  # captured by the triggers, as executemany's would be


def test_rows_inserter_refuses_a_row_of_another_length(ctx: AppContext) -> None:
    rows = people_rows(2, "L")
    width = len(COLUMNS)
    with raw(ctx, commit=False) as db:
        insert = bulk_insert.rows_inserter(db, INSERT.split(" VALUES ")[0] + " VALUES ",
                                           "(" + ", ".join("?" * width) + ")", width)
        with pytest.raises(ValueError, match=f"{width} values"):
            insert([rows[0][:-1], rows[1]])
        assert db.execute("SELECT count(*) FROM person").fetchone()[0] == 0
