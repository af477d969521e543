"""The full-text index over visits, consultations and dispatches (SQLite FTS5, trigram tokenizer).

One FTS5 table, ``search_fts``, holds a document per live (not deleted) visit, consultation and
dispatch: a short ``heading`` (purpose / topics) and a ``body`` (what was seen, issues, advice,
question and answer, outcome …), plus unindexed columns used to filter and to show a hit (kind,
row id, date, municipality). SQLite triggers on the three tables keep it in step with every write
path: ORM flushes, bulk ``insert()``, sync imports (which write with raw SQL), a DB browser.

The document's rowid is ``<base table rowid> * 4 + <kind number>``, so a trigger finds the
document of a changed row by rowid instead of scanning. ``VACUUM`` may renumber the rowids of
tables without an INTEGER PRIMARY KEY; ``rebuild(db)`` (``services.activities.search.rebuild_index``)
re-creates every document, and ``check(db)`` tells whether the index agrees with the tables.

The index is derived, local data: it never travels (the sync code only looks at tables that have
``id``, ``created_at``, ``updated_at`` and ``deleted``) and the schema comparison with the models
skips it (``is_index_table``). Triggers are named ``search_*`` so that the sync triggers'
re-installation (``change_capture.install_triggers`` drops ``sync_a*``) leaves them alone.

Everything here is raw SQL for the ``sqlite3`` connection, used by migrations 0003 and 0004 (the
padding, which re-creates every document) and by the rebuild service. ``VOCAB`` (fts5vocab, the
index's trigrams with their document counts, no storage of its own) is created by 0004.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

TABLE = "search_fts"
VOCAB = "search_fts_vocab"  # fts5vocab 'row': each trigram of the index with its document count
CREATE_VOCAB = f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB} USING fts5vocab({TABLE}, 'row')"
# FTS5 creates these beside the virtual table.
SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")


def is_index_table(name: str) -> bool:
    """The FTS table, one of its shadow tables or its vocabulary (not described by the models)."""
    return name in (TABLE, VOCAB) or any(name == TABLE + s for s in SHADOW_SUFFIXES)


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic hook: autogenerate and schema comparison leave the FTS tables alone."""
    return not (type_ == "table" and name is not None and is_index_table(name))


@dataclass(frozen=True)
class Source:
    kind: str  # 'visit' / 'consultation' / 'dispatch' (also the table name)
    number: int  # rowid = base rowid * 4 + number
    day: str  # SQL expression over NEW/OLD row alias 'r'
    municipality: str
    heading: str
    body: str


# Two newlines end every indexed column, so that each character of the text starts a trigram:
# a 1–2 character word is then found through the index as the prefix of the trigrams that begin
# with it (services/activities/search.py reads them from the fts5vocab table), even at the very end.
PAD = "\n\n"


def _join(*exprs: str) -> str:
    """Parts joined by newlines, then PAD (coalesce: a NULL must not blank the document)."""
    return " || char(10) || ".join(f"coalesce({e}, '')" for e in exprs) + " || char(10) || char(10)"


SOURCES: tuple[Source, ...] = (
    Source(
        "visit", 1, "r.visit_date", "r.municipality_id",
        _join("r.purpose_category", "r.purpose"),
        _join("r.place", "r.observations", "r.issues", "r.advice", "r.next_visit_note"),
    ),
    Source(
        "consultation", 2, "r.received_date", "r.municipality_id",
        _join("r.channel", "r.topics"),
        _join("r.from_name", "r.question", "r.answer"),
    ),
    Source(
        "dispatch", 3, "r.request_date", "r.municipality_id",
        _join("r.purpose_category", "r.purpose"),
        _join("r.outcome"),
    ),
)
KIND_NUMBER = {s.kind: s.number for s in SOURCES}
KIND_OF_NUMBER = {s.number: s.kind for s in SOURCES}

CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "kind UNINDEXED, ref_id UNINDEXED, day UNINDEXED, municipality_id UNINDEXED, heading, body, "
    "tokenize = 'trigram')"
)


def _select(src: Source, alias: str) -> str:
    """The document columns of one row; ``alias`` is NEW, OLD or the table for a rebuild."""

    def sub(expr: str) -> str:
        return expr.replace("r.", f"{alias}.")

    return (
        f"{alias}.rowid * 4 + {src.number}, '{src.kind}', {alias}.id, coalesce({sub(src.day)}, ''), "
        f"{sub(src.municipality)}, {sub(src.heading)}, {sub(src.body)}"
    )


_COLS = f"{TABLE} (rowid, kind, ref_id, day, municipality_id, heading, body)"


def trigger_sql(src: Source) -> list[str]:
    t = src.kind
    delete_old = f"DELETE FROM {TABLE} WHERE rowid = OLD.rowid * 4 + {src.number};"
    insert_new = f"INSERT INTO {_COLS} SELECT {_select(src, 'NEW')} WHERE NEW.deleted = 0;"
    return [
        f'CREATE TRIGGER "search_ai_{t}" AFTER INSERT ON "{t}" BEGIN {insert_new} END',
        f'CREATE TRIGGER "search_au_{t}" AFTER UPDATE ON "{t}" BEGIN {delete_old} {insert_new} END',
        f'CREATE TRIGGER "search_ad_{t}" AFTER DELETE ON "{t}" BEGIN {delete_old} END',
    ]


def fill_sql(src: Source) -> str:
    return f'INSERT INTO {_COLS} SELECT {_select(src, "t")} FROM "{src.kind}" AS t WHERE t.deleted = 0'


def create(db: sqlite3.Connection) -> None:
    """Create the table and its triggers and index the rows already present."""
    db.execute(CREATE_TABLE)
    install_triggers(db)
    for src in SOURCES:
        db.execute(fill_sql(src))


def install_triggers(db: sqlite3.Connection) -> None:
    drop_triggers(db)
    for src in SOURCES:
        for sql in trigger_sql(src):
            db.execute(sql)


def drop_triggers(db: sqlite3.Connection) -> None:
    for src in SOURCES:
        for op in ("ai", "au", "ad"):
            db.execute(f'DROP TRIGGER IF EXISTS "search_{op}_{src.kind}"')


def drop(db: sqlite3.Connection) -> None:
    drop_triggers(db)
    db.execute(f"DROP TABLE IF EXISTS {VOCAB}")
    db.execute(f"DROP TABLE IF EXISTS {TABLE}")


def rebuild(db: sqlite3.Connection) -> int:
    """Empty the index and index every live row again (inside the caller's transaction)."""
    db.execute(f"DELETE FROM {TABLE}")
    install_triggers(db)
    for src in SOURCES:
        db.execute(fill_sql(src))
    db.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES('optimize')")  # one segment: fewer pages per query
    return db.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]


def check(db: sqlite3.Connection) -> list[str]:
    """Disagreements between the index and the tables (empty when in step)."""
    problems = []
    for src in SOURCES:
        live = db.execute(f'SELECT count(*) FROM "{src.kind}" WHERE deleted = 0').fetchone()[0]
        indexed = db.execute(f"SELECT count(*) FROM {TABLE} WHERE kind = ?", (src.kind,)).fetchone()[0]
        if live != indexed:
            problems.append(f"{src.kind}: {live} live rows, {indexed} indexed")
        stray = db.execute(
            f'SELECT count(*) FROM {TABLE} f LEFT JOIN "{src.kind}" t ON t.rowid = (f.rowid - {src.number}) / 4 '
            f"WHERE f.kind = ? AND (t.id IS NULL OR t.id <> f.ref_id)",
            (src.kind,),
        ).fetchone()[0]
        if stray:
            problems.append(f"{src.kind}: {stray} documents point at the wrong row")
    return problems
