"""Change capture for sync: SQLite triggers on every synced table, sealing, replica identity.

Why triggers: they see every write path (ORM flushes, ``session.execute(insert(Model), rows)``,
Core ``update()`` executemany, raw SQL, even a DB browser), where ORM events miss bulk
statements. Each trigger appends one ``sync_change`` row per row change with a JSON object of the
fields written. The triggers are silent while ``sync_mute`` holds a row (set only inside the
transaction that applies an import, so it can never stay set).

"Sealing" turns the pending change rows (those after ``sync_sealed_seq``) into one entry of this
replica: (replica id, counter + 1, HLC, the version vector seen). It runs before every sync step
(status, export, import, resolve), so no import can slip between a write and its entry, and the
entry's version vector is exactly what its writer had seen.

Functions here work on the raw ``sqlite3`` connection inside the caller's transaction.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path

from sasaeai_desktop.atomic_files import atomic_write
from sasaeai_desktop.domain import hlc
from sasaeai_desktop.domain.ids import new_id

META_DATASET = "dataset_id"
META_REPLICA = "replica_id"
META_SEALED = "sync_sealed_seq"
META_HLC = "sync_hlc"
META_NAME = "sync_replica_name"
META_FILE = "sync_replica_file"  # the database file that owns the replica id (see check_identity)

NON_SYNCED_PREFIXES = ("sqlite_", "sync_", "local_", "alembic_")
REQUIRED_COLUMNS = {"id", "created_at", "updated_at", "deleted"}
# Bookkeeping columns: they merge like any field, but concurrent values are never a conflict
# (the later time is shown).
CLOCK_COLUMNS = ("created_at", "updated_at")
MAX_COLUMNS = 60  # json_object() takes at most 127 arguments in SQLite 3.40

NOW_MS_SQL = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"


# --- which tables are synced -------------------------------------------------------------------


_SCHEMA_CACHE: dict[str, tuple[dict[str, list[str]], set[str]]] = {}


def _schema_key(db: sqlite3.Connection) -> str:
    row = db.execute("SELECT group_concat(name || ':' || coalesce(sql, ''), ';') FROM sqlite_master WHERE type = 'table'").fetchone()
    return row[0] or ""


def _schema(db: sqlite3.Connection) -> tuple[dict[str, list[str]], set[str]]:
    """(synced tables with their columns, referenced tables), cached by the schema's text."""
    key = _schema_key(db)
    hit = _SCHEMA_CACHE.get(key)
    if hit is None:
        tables = _synced_tables(db)
        refs: set[str] = set()
        for name in tables:
            for fk in db.execute(f'PRAGMA foreign_key_list("{name}")'):
                refs.add(fk[2])
        hit = (tables, refs & set(tables))
        if len(_SCHEMA_CACHE) > 16:
            _SCHEMA_CACHE.clear()
        _SCHEMA_CACHE[key] = hit
    return {k: list(v) for k, v in hit[0].items()}, set(hit[1])


def synced_tables(db: sqlite3.Connection) -> dict[str, list[str]]:
    """Table → column names (in table order) for every table that travels between replicas."""
    return _schema(db)[0]


def _synced_tables(db: sqlite3.Connection) -> dict[str, list[str]]:
    names = [
        r[0]
        for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if not r[0].startswith(NON_SYNCED_PREFIXES)
    ]
    out: dict[str, list[str]] = {}
    for name in names:
        cols = [r[1] for r in db.execute(f'PRAGMA table_info("{name}")')]
        if REQUIRED_COLUMNS <= set(cols):
            out[name] = cols
    return out


def referenced_tables(db: sqlite3.Connection, tables: dict[str, list[str]] | None = None) -> set[str]:
    """Synced tables some foreign key points at: their rows are only ever soft-deleted."""
    return _schema(db)[1]


# --- triggers ----------------------------------------------------------------------------------


def real_columns(db: sqlite3.Connection, table: str) -> set[str]:
    """Columns with REAL affinity: their values are written with 17 digits (json_object's
    default of 15 would round 0.1 + 0.2 to 0.3, and replicas would then differ)."""
    return {
        r[1] for r in db.execute(f'PRAGMA table_info("{table}")')
        if any(k in (r[2] or "").upper() for k in ("REAL", "FLOA", "DOUB"))
    }


def _value(prefix: str, col: str, real: AbstractSet[str]) -> str:
    ref = f'{prefix}."{col}"'
    if col in real:
        return f"CASE WHEN typeof({ref}) = 'real' THEN json(printf('%!.17g', {ref})) ELSE {ref} END"
    return ref


def _json_object(prefix: str, cols: list[str], real: AbstractSet[str] = frozenset()) -> str:
    return "json_object(" + ", ".join(f"'{c}', {_value(prefix, c, real)}" for c in cols) + ")"


def trigger_sql(table: str, columns: list[str], real: AbstractSet[str] = frozenset()) -> list[str]:
    cols = [c for c in columns if c != "id"]
    if len(cols) > MAX_COLUMNS:
        raise ValueError(f"{table}: {len(cols)} columns is more than change capture handles ({MAX_COLUMNS})")
    mute = "NOT EXISTS (SELECT 1 FROM sync_mute)"
    changed = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in cols)
    # An update records ``deleted`` when it changes it, and when the row is alive (the writer saw
    # it alive: concurrent with a delete elsewhere, that is a conflict). An edit of a row already
    # deleted leaves ``deleted`` out, so it cannot close a delete conflict it was not about.
    removals = ", ".join(
        f"CASE WHEN OLD.\"{c}\" IS NEW.\"{c}\" {'AND NEW.deleted != 0 ' if c == 'deleted' else ''}THEN '$.{c}' ELSE '$.~' END"
        for c in cols
    )
    ins = "INSERT INTO sync_change (tbl, row_id, op, data, at) VALUES"
    return [
        f'CREATE TRIGGER "sync_ai_{table}" AFTER INSERT ON "{table}" WHEN {mute} BEGIN '
        f"{ins} ('{table}', NEW.id, 'I', {_json_object('NEW', cols, real)}, {NOW_MS_SQL}); END",
        f'CREATE TRIGGER "sync_au_{table}" AFTER UPDATE ON "{table}" WHEN {mute} AND ({changed}) BEGIN '
        f"{ins} ('{table}', NEW.id, 'U', json_remove({_json_object('NEW', cols, real)}, {removals}), {NOW_MS_SQL}); END",
        f'CREATE TRIGGER "sync_ad_{table}" AFTER DELETE ON "{table}" WHEN {mute} BEGIN '
        f"{ins} ('{table}', OLD.id, 'D', {_json_object('OLD', cols, real)}, {NOW_MS_SQL}); END",
    ]


def drop_triggers(db: sqlite3.Connection) -> None:
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_a%' ESCAPE '\\'").fetchall():
        db.execute(f'DROP TRIGGER IF EXISTS "{name}"')


def install_triggers(db: sqlite3.Connection) -> list[str]:
    """(Re)create the capture triggers of every synced table; later migrations that add tables or
    columns call this again. Returns the tables covered."""
    drop_triggers(db)
    tables = _synced_tables(db)
    for table, cols in tables.items():
        for sql in trigger_sql(table, cols, real_columns(db, table)):
            db.execute(sql)
    return sorted(tables)


def backfill_sql(table: str, columns: list[str], real: AbstractSet[str] = frozenset(), *, where: str = "") -> str:
    """Record the rows already present (a database from before sync) as pending inserts
    (those matching ``where``, an SQL condition on ``t``, when given)."""
    cols = [c for c in columns if c != "id"]
    condition = f" WHERE {where}" if where else ""
    return (
        f"INSERT INTO sync_change (tbl, row_id, op, data, at) "
        f"SELECT '{table}', t.id, 'I', {_json_object('t', cols, real)}, {NOW_MS_SQL} FROM \"{table}\" AS t{condition} ORDER BY t.rowid"
    )


def capture_installed(db: sqlite3.Connection, table: str) -> bool:
    """Whether inserts into ``table`` are captured (its trigger exists)."""
    return db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?", (f"sync_ai_{table}",)
    ).fetchone() is not None


def is_muted(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM sync_mute LIMIT 1").fetchone() is not None


def record_inserts(db: sqlite3.Connection, table: str, after_rowid: int) -> int:
    """Record the rows of ``table`` with a rowid above ``after_rowid`` as inserts, in rowid order:
    the same change rows the insert trigger writes one by one (same JSON, same order), in one
    statement. For a bulk insert made with capture muted, inside the same transaction; returns
    how many rows were recorded."""
    cols = synced_tables(db)[table]
    sql = backfill_sql(table, cols, real_columns(db, table), where="t.rowid > ?")
    return db.execute(sql, (after_rowid,)).rowcount


# --- local facts -------------------------------------------------------------------------------


def get_meta(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM local_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def version_vector(db: sqlite3.Connection) -> dict[str, int]:
    return {r[0]: r[1] for r in db.execute("SELECT replica_id, counter FROM sync_peer WHERE counter > 0")}


def ensure_peer(db: sqlite3.Connection, replica_id: str, name: str = "") -> None:
    db.execute(
        "INSERT INTO sync_peer (replica_id, name, counter, acked, retired) VALUES (?, ?, 0, '{}', 0) "
        "ON CONFLICT(replica_id) DO NOTHING",
        (replica_id, name),
    )
    if name:
        db.execute("UPDATE sync_peer SET name = ? WHERE replica_id = ? AND name = ''", (name, replica_id))


def own_counter(db: sqlite3.Connection, replica_id: str) -> int:
    row = db.execute("SELECT counter FROM sync_peer WHERE replica_id = ?", (replica_id,)).fetchone()
    return row[0] if row else 0


def pending_count(db: sqlite3.Connection) -> int:
    sealed = int(get_meta(db, META_SEALED) or 0)
    return db.execute("SELECT count(*) FROM sync_change WHERE seq > ?", (sealed,)).fetchone()[0]


def mute(db: sqlite3.Connection) -> None:
    db.execute("INSERT OR IGNORE INTO sync_mute (id) VALUES (1)")


def unmute(db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM sync_mute")


# --- sealing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sealed:
    origin: str
    counter: int
    changes: int


def touched_fields(op: str, data: dict) -> list[str]:
    """The fields a change writes, as far as merging goes (a hard delete writes ``deleted``)."""
    if op == "D":
        return ["deleted"]
    return list(data)


def seal(db: sqlite3.Connection, now_ms: int | None = None) -> Sealed | None:
    """Stamp the pending local changes as one entry of this replica (inside the caller's transaction)."""
    replica = get_meta(db, META_REPLICA)
    if replica is None:
        return None
    sealed = int(get_meta(db, META_SEALED) or 0)
    last = db.execute("SELECT max(seq) FROM sync_change").fetchone()[0]
    if last is None or last <= sealed:
        return None
    now_ms = hlc.wall_ms() if now_ms is None else now_ms
    tables = synced_tables(db)
    referenced = referenced_tables(db, tables)
    # A hard delete of a row others may point at becomes a soft delete (a child created elsewhere
    # must keep its parent): put the row back, marked deleted, and record it as such.
    hard = db.execute("SELECT seq, tbl, row_id, data FROM sync_change WHERE seq > ? AND op = 'D'", (sealed,)).fetchall()
    soften = [h for h in hard if h[1] in referenced]
    if soften:
        mute(db)
        try:
            for seq, tbl, row_id, data in soften:
                values = json.loads(data)
                values["deleted"] = 1
                if db.execute(f'SELECT 1 FROM "{tbl}" WHERE id = ?', (row_id,)).fetchone() is None:
                    cols = ["id", *values]
                    db.execute(
                        f'INSERT INTO "{tbl}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) VALUES ({", ".join("?" * len(cols))})',
                        [row_id, *values.values()],
                    )
                db.execute("UPDATE sync_change SET op = 'U', data = ? WHERE seq = ?", (json.dumps({"deleted": 1}), seq))
        finally:
            unmute(db)
    # A local write to a field in conflict has seen every value: it closes the conflict.
    if db.execute("SELECT 1 FROM sync_head LIMIT 1").fetchone() is not None:
        rows = db.execute(
            "SELECT DISTINCT h.tbl, h.row_id, h.field, c.op, c.data FROM sync_head h "
            "JOIN sync_change c ON c.tbl = h.tbl AND c.row_id = h.row_id WHERE c.seq > ?",
            (sealed,),
        ).fetchall()
        closed = {(t, r, f) for t, r, f, op, data in rows if f in touched_fields(op, json.loads(data))}
        db.executemany("DELETE FROM sync_head WHERE tbl = ? AND row_id = ? AND field = ?", sorted(closed))
    ensure_peer(db, replica, get_meta(db, META_NAME) or "")
    counter = own_counter(db, replica) + 1
    vv = version_vector(db)
    clock = hlc.tick(int(get_meta(db, META_HLC) or 0), now_ms)
    vv_text = json.dumps(vv, sort_keys=True)
    prev = db.execute("SELECT hash FROM sync_entry WHERE origin = ? AND counter = ?", (replica, counter - 1)).fetchone()
    prev_hash = (prev[0] or "") if prev else ""
    digest = entry_hash(replica, counter, clock, vv_text, prev_hash, db.execute(
        # one string a row, joined by SQLite: 10 × cheaper than formatting 50,000 rows in Python
        "SELECT tbl || char(31) || row_id || char(31) || op || char(31) || data || char(31) || at || char(10) "
        "FROM sync_change WHERE seq > ? AND seq <= ? ORDER BY seq", (sealed, last)))
    db.execute(
        "INSERT INTO sync_entry (origin, counter, hlc, vv, first_seq, last_seq, applied_ms, hash, prev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (replica, counter, clock, vv_text, sealed + 1, last, now_ms, digest, prev_hash),
    )
    db.execute("UPDATE sync_peer SET counter = ? WHERE replica_id = ?", (counter, replica))
    set_meta(db, META_SEALED, str(last))
    set_meta(db, META_HLC, str(clock))
    n = db.execute("SELECT count(*) FROM sync_change WHERE seq > ? AND seq <= ?", (sealed, last)).fetchone()[0]
    return Sealed(replica, counter, n)


def entry_hash(origin: str, counter: int, clock: int, vv_text: str, prev: str, changes: sqlite3.Cursor) -> str:
    """The content identity of an entry, fixed by the replica that seals it and carried verbatim.

    Two files that both issue (replica, counter) — a copied or restored database — give different
    hashes for different edits, so the office can tell a fork from a file it has already read.
    ``prev`` (the hash of the replica's previous entry) chains them: an entry that continues a
    branch is recognised by its predecessor. 128 bits: a fingerprint, not a signature (the file
    itself is authenticated by AES-GCM)."""
    h = hashlib.sha256(f"{origin}\x1f{counter}\x1f{clock}\x1f{vv_text}\x1f{prev}\n".encode())
    while rows := changes.fetchmany(5000):  # each row: "tbl␟row_id␟op␟data␟at\n"
        h.update("".join([r[0] for r in rows]).encode())
    return h.hexdigest()[:32]


# --- replica identity: a copied or restored database file gets a new replica id ----------------


def file_fingerprint(db_path: Path) -> dict[str, object] | None:
    """Which file this is, beyond its name: the volume and file number (inode on Linux and macOS,
    the NTFS file index on Windows — os.stat reports it there too) and the resolved path. A copy,
    a file put back from a backup as a new file, or the same file synced onto another laptop by a
    cloud folder has another (device, inode); a folder renamed or moved on the same drive keeps it."""
    try:
        st = os.stat(db_path)
    except OSError:
        return None
    return {"dev": int(st.st_dev), "ino": int(st.st_ino), "path": str(Path(db_path).resolve())}


def same_file(stored: dict[str, object], current: dict[str, object]) -> bool:
    if stored.get("ino") and current.get("ino"):
        return (stored.get("dev"), stored.get("ino")) == (current.get("dev"), current.get("ino"))
    return stored.get("path") == current.get("path")  # a file system without file numbers (rare)


def bind_file(db: sqlite3.Connection, db_path: Path | None) -> None:
    """Record that this database file owns the replica id (at init, join and every sync step)."""
    if db_path is None:
        return
    current = file_fingerprint(db_path)
    if current is not None and get_meta(db, META_FILE) != json.dumps(current, sort_keys=True):
        set_meta(db, META_FILE, json.dumps(current, sort_keys=True))


def identity_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".replica")


def read_identity(db_path: Path) -> dict | None:
    try:
        return json.loads(identity_path(db_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_identity(db_path: Path, replica_id: str, counter: int) -> None:
    """Written after a commit: the replica id and the highest counter this file has issued."""
    path = identity_path(db_path)
    # a temporary file of its own: the GUI thread and a task may both write it after their commits,
    # and with one fixed temporary name the second rename found it gone (CI, test_friday_sync)
    with atomic_write(path) as tmp:
        tmp.write_text(json.dumps({"replica_id": replica_id, "counter": counter}), encoding="utf-8")


def check_identity(db: sqlite3.Connection, db_path: Path | None) -> str | None:
    """Give this database a new replica id when it is a copy or was restored from a backup.

    The id is kept in the database and in ``<db>.replica`` beside it with the highest counter
    issued, and the database remembers which file it is (``file_fingerprint``). Another file (a
    copy of the folder, a backup put back as a new file, a cloud folder's copy on a second
    laptop), a different id in the side file (the file was copied next to another database), an id with a
    higher counter than the database holds (an older copy of the file was put back), or no side
    file for a database that has already issued entries (copied without it): all mean that this
    file's next entries might reuse numbers a peer already holds for other edits. A fresh id
    avoids that; the history (entries under the old id) stays as it is. Returns the old id.
    """
    if db_path is None:
        return None
    replica = get_meta(db, META_REPLICA)
    if replica is None:
        return None
    counter = own_counter(db, replica)
    side = read_identity(db_path)
    if side is None:
        suspicious = counter > 0
    else:
        suspicious = side.get("replica_id") != replica or int(side.get("counter", 0)) > counter
    # The side file travels with the folder (and comes back with a backup), so it cannot tell a
    # copy from the original on its own: the database also remembers which file it was.
    stored = get_meta(db, META_FILE)
    current = file_fingerprint(db_path)
    if stored and current is not None and not same_file(json.loads(stored), current):
        suspicious = True
    bind_file(db, db_path)
    if not suspicious:
        return None
    return new_replica_id(db)


def new_replica_id(db: sqlite3.Connection) -> str:
    old = get_meta(db, META_REPLICA)
    fresh = new_id()
    set_meta(db, META_REPLICA, fresh)
    ensure_peer(db, fresh, get_meta(db, META_NAME) or "")
    return old or ""
