"""The database file: creation, pragmas, migrations, backups and every way opening it can fail."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy import text

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db.engine import PAGE_SIZE
from sasaeai_desktop.db.engine import create_sqlite_engine
from sasaeai_desktop.db.errors import DatabaseInUseError
from sasaeai_desktop.db.errors import NewerSchemaError
from sasaeai_desktop.db.errors import NotADatabaseError
from sasaeai_desktop.db.errors import ReadOnlyDatabaseError
from sasaeai_desktop.db.migrate import backup_file
from sasaeai_desktop.db.migrate import ensure_schema
from sasaeai_desktop.db.migrate import head_revision
from sasaeai_desktop.db.migrate import script_directory
from sasaeai_desktop.db.models import Base
from sasaeai_desktop.db.search_index import is_index_table
from sasaeai_desktop.services import setup


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_wal_with_foreign_keys(ctx) -> None:
    with ctx.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert ctx.migration.to_revision == head_revision()


def test_new_database_gets_the_chosen_page_size_and_an_old_one_keeps_its_own(ctx, tmp_path: Path) -> None:
    with ctx.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA page_size").scalar() == PAGE_SIZE
    other = 8192 if PAGE_SIZE != 8192 else 16384
    old = tmp_path / "old.db"
    with open_database(old):
        pass
    conn = sqlite3.connect(old, isolation_level=None)  # as if made with another page size
    for sql in ("PRAGMA journal_mode = DELETE", f"PRAGMA page_size = {other}", "VACUUM", "PRAGMA journal_mode = WAL"):
        conn.execute(sql)
    conn.close()
    with open_database(old) as opened:
        with opened.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA page_size").scalar() == other
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("SELECT count(*) FROM person").scalar() == 0


def test_schema_matches_models_after_migration(ctx) -> None:
    """Autogenerate finds nothing to do: the migrations build exactly the tables the models declare."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from sasaeai_desktop.db.search_index import include_object  # the FTS index has no model

    with ctx.engine.connect() as conn:
        opts = {"compare_type": True, "include_object": include_object}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    assert diff == []


def test_synced_tables_have_uuid_keys_and_no_unique_natural_keys(ctx) -> None:
    insp = inspect(ctx.engine)
    local = {"local_meta", "local_setting", "alembic_version"}
    for table in insp.get_table_names():
        if table in local or table.startswith("sync_"):  # sync bookkeeping never travels itself
            continue
        if is_index_table(table):  # the search index: derived, local, not a model
            continue
        pk = insp.get_pk_constraint(table)["constrained_columns"]
        assert pk == ["id"], table
        cols = {c["name"]: c for c in insp.get_columns(table)}
        assert str(cols["id"]["type"]) == "VARCHAR(36)", table
        assert "deleted" in cols, f"{table} must be soft-deletable"
        assert insp.get_unique_constraints(table) == [], table
        assert not [ix for ix in insp.get_indexes(table) if ix["unique"]], table


def test_foreign_keys_are_enforced(nagano) -> None:
    from sqlalchemy.exc import IntegrityError

    with nagano.engine.connect() as conn, pytest.raises(IntegrityError):
        with conn.begin():
            conn.execute(
                text("INSERT INTO person (id, name, kana, name_key, kana_key, role, affiliation, title, phone, email, notes, municipality_id, deleted) "
                     "VALUES ('x', 'a', '', '', '', '', '', '', '', '', '', 'no-such-municipality', 0)")
            )


def test_migrations_from_every_revision_keep_data_and_back_up(tmp_path: Path) -> None:
    """Start from each revision (the first one included), add data, upgrade to head."""
    revisions = [r.revision for r in script_directory().walk_revisions()][::-1]
    assert revisions[0] == "0001"
    for rev in revisions:
        path = tmp_path / f"from-{rev}.db"
        engine = create_sqlite_engine(path)
        ensure_schema(engine, path, target=rev)
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO local_meta (key, value) VALUES ('probe', :rev)"), {"rev": rev})
        result = ensure_schema(engine, path)
        assert result.to_revision == head_revision()
        assert (result.backup_path is not None) == (rev != head_revision())
        with engine.connect() as conn:
            assert conn.execute(text("SELECT value FROM local_meta WHERE key='probe'")).scalar() == rev
        engine.dispose()


def test_backup_is_a_consistent_copy(nagano) -> None:
    copy = backup_file(nagano.db_path, "test")
    conn = sqlite3.connect(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM municipality").fetchone()[0] == 77
    finally:
        conn.close()


def test_failed_migration_rolls_back_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error half-way through an upgrade leaves no half schema behind (DDL is transactional)."""
    import alembic.command

    path = tmp_path / "t.db"
    engine = create_sqlite_engine(path)
    real_upgrade = alembic.command.upgrade

    def failing_upgrade(cfg, rev):  # type: ignore[no-untyped-def]
        real_upgrade(cfg, rev)  # every table created inside the transaction ...
        raise RuntimeError("simulated crash")  # ... then the process fails

    monkeypatch.setattr(alembic.command, "upgrade", failing_upgrade)
    with pytest.raises(RuntimeError):
        ensure_schema(engine, path)
    assert inspect(engine).get_table_names() == []
    engine.dispose()


def test_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("これはデータベースではありません", encoding="utf-8")
    before = _digest(bad)
    with pytest.raises(NotADatabaseError, match="SQLite"):
        open_database(bad)
    assert _digest(bad) == before


def test_damaged_sqlite_is_refused_untouched(nagano, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.db"
    nagano.engine.dispose()
    with sqlite3.connect(nagano.db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damaged.write_bytes(nagano.db_path.read_bytes()[:1024])
    before = _digest(damaged)
    with pytest.raises(NotADatabaseError):
        open_database(damaged)
    assert _digest(damaged) == before


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    before = _digest(other)
    with pytest.raises(NotADatabaseError, match="invoices"):
        open_database(other)
    assert _digest(other) == before


def test_read_only_file_is_refused(nagano, tmp_path: Path) -> None:
    path = nagano.db_path
    nagano.close()
    mode = path.stat().st_mode
    os.chmod(path, stat.S_IRUSR | stat.S_IRGRP)
    try:
        before = _digest(path)
        with pytest.raises(ReadOnlyDatabaseError, match="読み取り専用"):
            open_database(path)
        assert _digest(path) == before
    finally:
        os.chmod(path, mode)


def test_second_copy_is_refused_while_first_runs(nagano) -> None:
    with pytest.raises(DatabaseInUseError, match="使用中"):
        open_database(nagano.db_path)
    nagano.close()
    open_database(nagano.db_path).close()  # free again once the first copy closed


def test_newer_schema_is_refused_untouched(nagano) -> None:
    path = nagano.db_path
    with nagano.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    nagano.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = _digest(path)
    with pytest.raises(NewerSchemaError, match="新しいバージョン"):
        open_database(path)
    assert _digest(path) == before


def test_db_path_resolution(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from sasaeai_desktop.paths import default_db_path
    from sasaeai_desktop.paths import resolve_db_path

    monkeypatch.delenv("SASAEAI_DB", raising=False)
    assert resolve_db_path(None) == default_db_path()
    monkeypatch.setenv("SASAEAI_DB", str(tmp_path / "env.db"))
    assert resolve_db_path(None) == tmp_path / "env.db"
    assert resolve_db_path(tmp_path / "cli.db") == tmp_path / "cli.db"


def test_init_is_idempotent_and_counts(ctx) -> None:
    first = setup.init_prefecture(ctx.uow(), "長野県")
    assert (first.prefecture_name, first.created, first.total) == ("長野県", 77, 77)
    second = setup.init_prefecture(ctx.uow(), "20")
    assert (second.created, second.total) == (0, 77)
    with ctx.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM municipality")).scalar() == 77
        assert conn.execute(text("SELECT count(*) FROM activity_field")).scalar() > 0
        assert conn.execute(text("SELECT count(*) FROM region_kind")).scalar() == 3
    assert setup.current_prefecture(ctx.uow()) == ("20", "長野県")


def test_init_with_wards_links_each_ward_to_its_city(ctx) -> None:
    setup.init_prefecture(ctx.uow(), "北海道")
    with ctx.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT w.name, c.name FROM municipality w JOIN municipality c ON c.id = w.parent_id WHERE w.kind = '区'")
        ).all()
        insurers = conn.execute(text("SELECT count(*) FROM municipality WHERE kind != '区'")).scalar()
    assert insurers == 179
    assert len(rows) == 10 and {c for _, c in rows} == {"札幌市"}


def test_init_refuses_a_second_prefecture(nagano) -> None:
    from sasaeai_desktop.domain.errors import UserError

    with pytest.raises(UserError, match="長野県用"):
        setup.init_prefecture(nagano.uow(), "新潟県")


@pytest.mark.parametrize("query", ["長野県", "長野", "20", "２０", "200000", "ながのけん", "ながの"])
def test_find_prefecture_accepts_names_and_codes(query: str) -> None:
    assert setup.find_prefecture(query).name == "長野県"


def test_find_prefecture_lists_choices_when_unknown() -> None:
    from sasaeai_desktop.domain.errors import UnknownPrefectureError

    with pytest.raises(UnknownPrefectureError) as info:
        setup.find_prefecture("信州")
    assert len(info.value.choices) == 47 and "長野県" in str(info.value)


def test_fast_revision_reading_agrees_with_alembic() -> None:
    from sasaeai_desktop.db.migrate import known_revisions
    from sasaeai_desktop.db.migrate import revision_graph

    script = script_directory()
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {r.revision for r in script.walk_revisions()}
    assert revision_graph() == {r.revision: r.down_revision for r in script.walk_revisions()}


def test_opening_a_current_database_does_not_import_alembic(nagano) -> None:
    import subprocess
    import sys

    path = nagano.db_path
    nagano.close()
    code = (
        "import sys; from sasaeai_desktop.bootstrap import open_database; "
        f"open_database({str(path)!r}).close(); print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_person_link_indexes_become_partial_and_still_serve_lookups(tmp_path: Path) -> None:
    """Migration 0006: the organisation_id / merged_into_id indexes keep only rows with a value."""
    path = tmp_path / "old.db"
    engine = create_sqlite_engine(path)
    ensure_schema(engine, path, target="0005")

    def index_sql() -> dict[str, str]:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE name IN "
                                     "('ix_person_organisation_id', 'ix_person_merged_into_id')")).all()
        return dict(rows)

    assert all("WHERE" not in sql for sql in index_sql().values())
    ensure_schema(engine, path)
    after = index_sql()
    assert after["ix_person_organisation_id"].endswith("WHERE organisation_id IS NOT NULL")
    assert after["ix_person_merged_into_id"].endswith("WHERE merged_into_id IS NOT NULL")
    with engine.connect() as conn:
        plan = " ".join(r[-1] for r in conn.execute(text("EXPLAIN QUERY PLAN SELECT id FROM person WHERE merged_into_id = 'x'")))
    assert "ix_person_merged_into_id" in plan
    engine.dispose()
