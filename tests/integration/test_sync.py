"""Sync behaviours one by one: capture of every write path, merges, conflicts, deletes, identity."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import delete
from sqlalchemy import insert
from sqlalchemy import text
from sqlalchemy import update

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.engine import create_sqlite_engine
from sasaeai_desktop.db.migrate import ensure_schema
from sasaeai_desktop.services import people
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.sync import conflicts as sync_conflicts
from sasaeai_desktop.services.sync import duplicates as sync_duplicates
from sasaeai_desktop.services.sync import enrolment as sync_enrolment
from sasaeai_desktop.services.sync import export as sync_export
from sasaeai_desktop.services.sync import history as sync_history
from sasaeai_desktop.services.sync import importing as sync_import
from sasaeai_desktop.services.sync import peers as sync_peers
from sasaeai_desktop.services.sync import replica as sync_replica
from sasaeai_desktop.services.sync import status as sync_status
from tests.cli_runner import CliRunner
from tests.property.sync_world import use_fast_kdf

PASS = "合言葉は長めに2026"
EVENT = "00000000-0000-7000-8000-0000000000e1"


@contextlib.contextmanager
def sync_world(tmp_path: Path):
    """office + two laptops (a, b) of one dataset, a person and an event everyone has."""
    use_fast_kdf()
    office = open_database(tmp_path / "office.db")
    setup.init_prefecture(office.uow(), "長野県")
    sync_replica.set_replica_name(office.uow(), "事務所PC")
    pid = people.save(office.uow(), people.PersonData(id=None, name="山田 太郎", kana="やまだ たろう"))
    with office.uow() as uow:
        uow.session.execute(insert(m.TrainingEvent), [dict(id=EVENT, fiscal_year=2026, event_type="養成研修", title="養成研修")])
        uow.commit()
    sync_enrolment.make_enrolment(office.uow(), tmp_path / "enrol.sync", PASS)
    a = open_database(tmp_path / "a.db")
    b = open_database(tmp_path / "b.db")
    sync_enrolment.join(a.uow(), tmp_path / "enrol.sync", PASS, name="A")
    sync_enrolment.join(b.uow(), tmp_path / "enrol.sync", PASS, name="B")
    counter = {"n": 0}

    def send(src, dst, **kw):
        counter["n"] += 1
        path = tmp_path / f"x{counter['n']}.sync"
        sync_export.export_changes(src.uow(), path, PASS, **kw)
        return sync_import.import_file(dst.uow(), path, PASS)

    try:
        yield office, a, b, pid, send
    finally:
        for c in (office, a, b):
            c.close()


@pytest.fixture
def world(tmp_path: Path):
    with sync_world(tmp_path) as w:
        yield w


def q(ctx, sql: str, *params):
    with ctx.uow() as uow:
        return uow.session.connection().exec_driver_sql(sql, params).fetchall()


def test_every_synced_table_has_capture_triggers(ctx) -> None:
    with ctx.uow() as uow:
        db = uow.session.connection().connection.dbapi_connection
        tables = cc.synced_tables(db)
        triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert len(tables) >= 25
    for t in tables:
        assert {f"sync_ai_{t}", f"sync_au_{t}", f"sync_ad_{t}"} <= triggers, t


def test_bulk_insert_core_update_and_delete_are_captured(nagano) -> None:
    with nagano.uow() as uow:
        uow.session.execute(insert(m.TrainingEvent), [dict(id=EVENT, fiscal_year=2026, event_type="研修", title="t")])
        uow.session.execute(insert(m.EventAudience), [dict(id=f"aud-{i}", event_id=EVENT, role=f"r{i}") for i in range(5)])
        uow.session.execute(update(m.EventAudience).where(m.EventAudience.id == "aud-1").values(role="changed"))
        uow.session.execute(delete(m.EventAudience).where(m.EventAudience.id == "aud-2"))
        uow.commit()
    rows = q(nagano, "SELECT row_id, op, data FROM sync_change WHERE tbl = 'event_audience' ORDER BY seq")
    assert [(r, o) for r, o, _ in rows] == [*((f"aud-{i}", "I") for i in range(5)), ("aud-1", "U"), ("aud-2", "D")]
    upd = json.loads(rows[5][2])
    assert upd["role"] == "changed" and upd["deleted"] == 0 and "event_id" not in upd  # changed fields + deleted
    assert json.loads(rows[6][2])["role"] == "r2"  # the hard delete keeps a before-image


def test_migration_backfills_existing_rows_and_downgrades(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_sqlite_engine(path)
    ensure_schema(engine, path, target="0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO activity_field (id, name, sort_order, deleted) VALUES ('f1', '居場所', 0, 0)"))
    ensure_schema(engine, path)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT row_id, op FROM sync_change")).all() == [("f1", "I")]
    from alembic import command

    from sasaeai_desktop.db.migrate import alembic_config

    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    with engine.connect() as conn:
        names = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
    assert not any(n.startswith("sync_") for n in names)
    engine.dispose()


def test_edits_to_different_fields_both_survive(world) -> None:
    office, a, b, pid, send = world
    people.save(a.uow(), replace(people.get(a.uow(), pid), phone="026-111-1111"))
    people.save(b.uow(), replace(people.get(b.uow(), pid), email="yamada@example.jp"))
    assert send(a, office).conflicts == 0
    assert send(b, office).conflicts == 0
    send(office, a)
    send(office, b)
    for ctx in (office, a, b):
        got = people.get(ctx.uow(), pid)
        assert (got.phone, got.email) == ("026-111-1111", "yamada@example.jp")  # KeePassXC #939 does not happen


def test_concurrent_values_conflict_and_a_resolution_closes_it_everywhere(world) -> None:
    office, a, b, pid, send = world
    people.save(a.uow(), replace(people.get(a.uow(), pid), phone="026-111-1111"))
    people.save(b.uow(), replace(people.get(b.uow(), pid), phone="026-222-2222"))
    send(a, office)
    result = send(b, office)
    assert result.conflicts == 1 and "競合 1 件" in result.summary
    [c] = sync_conflicts.list_conflicts(office.uow())
    assert c.field == "phone" and {v.value for v in c.values} == {"026-111-1111", "026-222-2222"}
    send(office, a)
    send(office, b)
    assert [x.id for x in sync_conflicts.list_conflicts(a.uow())] == [c.id]
    sync_conflicts.resolve_conflict(a.uow(), c.id, "value", "026-333-3333")
    assert sync_conflicts.list_conflicts(a.uow()) == []
    send(a, office)
    send(office, b)
    for ctx in (office, a, b):
        assert sync_conflicts.list_conflicts(ctx.uow()) == []
        assert people.get(ctx.uow(), pid).phone == "026-333-3333"
    dumps = [sync_replica.canonical_dump(x.uow()) for x in (office, a, b)]
    assert dumps[0] == dumps[1] == dumps[2]


def test_a_file_that_brings_a_conflict_and_its_resolution_reports_no_conflict(world) -> None:
    """Monday: the office resolved Friday's conflict; the laptop's file holds both values and the
    resolution, so nothing is left to decide and 競合 must say 0 (it said 1, and the dialog was empty)."""
    office, a, b, pid, send = world
    people.save(a.uow(), replace(people.get(a.uow(), pid), phone="026-111-1111"))
    people.save(b.uow(), replace(people.get(b.uow(), pid), phone="026-222-2222"))
    send(a, office)
    assert send(b, office).conflicts == 1
    [c] = sync_conflicts.list_conflicts(office.uow())
    sync_conflicts.resolve_conflict(office.uow(), c.id, "theirs")
    result = send(office, a)
    assert result.conflicts == 0 and "競合 0 件" in result.summary
    assert sync_conflicts.list_conflicts(a.uow()) == []
    # a conflict the file leaves open is still counted, also when another one was open before
    people.save(a.uow(), replace(people.get(a.uow(), pid), email="a@example.jp"))
    people.save(b.uow(), replace(people.get(b.uow(), pid), email="b@example.jp"))
    people.save(a.uow(), replace(people.get(a.uow(), pid), title="課長"))
    people.save(b.uow(), replace(people.get(b.uow(), pid), title="係長"))
    send(b, office)
    assert send(a, office).conflicts == 2
    assert len(sync_conflicts.list_conflicts(office.uow())) == 2


def test_keep_mine_with_the_same_value_still_closes_the_conflict(world) -> None:
    office, a, b, pid, send = world
    people.save(a.uow(), replace(people.get(a.uow(), pid), title="課長"))
    people.save(b.uow(), replace(people.get(b.uow(), pid), title="係長"))
    send(b, a)
    [c] = sync_conflicts.list_conflicts(a.uow())
    sync_conflicts.resolve_conflict(a.uow(), c.id, "mine")
    send(a, b)
    assert sync_conflicts.list_conflicts(b.uow()) == [] and people.get(b.uow(), pid).title == "課長"


def test_delete_versus_edit_is_a_conflict_not_a_resurrection(world) -> None:
    office, a, b, pid, send = world
    people.delete(a.uow(), pid)
    people.save(b.uow(), replace(people.get(b.uow(), pid), notes="まだ担当です"))
    send(a, b)
    send(b, a)
    for ctx in (a, b):
        row = q(ctx, "SELECT deleted, notes FROM person WHERE id = ?", pid)[0]
        assert row == (1, "まだ担当です")  # stays deleted, the edit is kept in the row
        [c] = sync_conflicts.list_conflicts(ctx.uow())
        assert c.kind == "delete" and {v.value for v in c.values} == {0, 1}
    [c] = sync_conflicts.list_conflicts(b.uow())
    sync_conflicts.resolve_conflict(b.uow(), c.id, "value", 0)  # restore
    send(b, a)
    assert people.get(a.uow(), pid).notes == "まだ担当です"


def test_hard_delete_of_a_leaf_row_and_a_concurrent_edit(world) -> None:
    office, a, b, _pid, send = world
    with office.uow() as uow:
        uow.session.execute(insert(m.EventAudience), [dict(id="aud", event_id=EVENT, role="第1層SC")])
        uow.commit()
    send(office, a)
    send(office, b)
    with a.uow() as uow:
        uow.session.execute(delete(m.EventAudience).where(m.EventAudience.id == "aud"))
        uow.commit()
    with b.uow() as uow:
        uow.session.execute(update(m.EventAudience).where(m.EventAudience.id == "aud").values(role="第2層SC"))
        uow.commit()
    send(a, b)
    send(b, a)
    for ctx in (a, b):  # rebuilt on a from the delete's before-image, kept soft-deleted, conflict shown
        assert q(ctx, "SELECT role, deleted FROM event_audience WHERE id = 'aud'") == [("第2層SC", 1)]
        assert [c.field for c in sync_conflicts.list_conflicts(ctx.uow())] == ["deleted"]
    # Without a concurrent edit a hard delete just removes the row everywhere.
    send(a, office)
    with office.uow() as uow:
        uow.session.execute(insert(m.EventAudience), [dict(id="aud2", event_id=EVENT, role="x")])
        uow.commit()
    send(office, a)
    with a.uow() as uow:
        uow.session.execute(delete(m.EventAudience).where(m.EventAudience.id == "aud2"))
        uow.commit()
    send(a, office)
    assert q(office, "SELECT count(*) FROM event_audience WHERE id = 'aud2'") == [(0,)]


def test_hard_delete_of_a_referenced_row_becomes_a_soft_delete(world) -> None:
    office, a, _b, _pid, send = world
    pid2 = people.save(a.uow(), people.PersonData(id=None, name="消す人", kana="けすひと"))
    with a.uow() as uow:
        uow.session.execute(delete(m.Person).where(m.Person.id == pid2))
        uow.commit()
    send(a, office)
    assert q(a, "SELECT deleted FROM person WHERE id = ?", pid2) == [(1,)]
    assert q(office, "SELECT deleted FROM person WHERE id = ?", pid2) == [(1,)]


def test_namesakes_in_two_municipalities_are_not_offered_as_duplicates(world) -> None:
    office, a, b, _pid, send = world
    towns = [row[0] for row in q(office, "SELECT id FROM municipality ORDER BY code LIMIT 2")]
    assert len(towns) == 2
    same_town = [
        people.save(ctx.uow(), people.PersonData(id=None, name="佐藤 一郎", kana="さとう いちろう", municipality_id=towns[0]))
        for ctx in (a, b)
    ]
    people.save(office.uow(), people.PersonData(id=None, name="佐藤 一郎", kana="さとう いちろう", municipality_id=towns[1]))
    send(a, office)
    send(b, office)
    [group] = sync_duplicates.find_duplicate_people(office.uow())
    assert {p.id for p in group.people} == set(same_town)
    assert sync_status.status(office.uow()).duplicate_people == 1  # the page's count agrees with the list


def test_duplicates_found_after_import_merged_and_late_references_redirected(world) -> None:
    office, a, b, _pid, send = world
    p_a = people.save(a.uow(), people.PersonData(id=None, name="髙橋 花子", kana="たかはし はなこ"))
    p_b = people.save(b.uow(), people.PersonData(id=None, name="高橋 花子", kana="タカハシ ハナコ"))
    send(a, office)
    result = send(b, office)
    assert result.duplicate_people == 1 and "同一人物" in result.summary
    [group] = sync_duplicates.find_duplicate_people(office.uow())
    assert {p.id for p in group.people} == {p_a, p_b}
    keep, away = sorted((p_a, p_b))
    # b records a consultation with its own copy of the person, not knowing about the merge
    with b.uow() as uow:
        uow.session.add(m.Consultation(received_date=dt.date(2026, 6, 1), person_id=p_b, question="相談"))
        uow.commit()
    sync_duplicates.merge_people(office.uow(), keep, away)
    assert sync_duplicates.find_duplicate_people(office.uow()) == []
    send(b, office)  # the late reference arrives and is redirected
    assert q(office, "SELECT person_id FROM consultation") == [(keep,)]
    send(office, a)
    send(office, b)
    assert q(b, "SELECT person_id FROM consultation") == [(keep,)]
    assert q(b, "SELECT merged_into_id FROM person WHERE id = ?", away) == [(keep,)]


def test_copied_database_gets_a_new_replica_id(world, tmp_path: Path) -> None:
    office, a, _b, pid, send = world
    people.save(a.uow(), replace(people.get(a.uow(), pid), notes="A"))
    sync_status.status(a.uow())  # seals: a has issued an entry
    old = sync_status.status(a.uow()).replica_id
    a.close()
    shutil.copyfile(tmp_path / "a.db", tmp_path / "copy.db")  # copied by hand, without its side file
    copy = open_database(tmp_path / "copy.db")
    try:
        people.save(copy.uow(), replace(people.get(copy.uow(), pid), notes="copy"))
        st = sync_status.status(copy.uow())
        assert st.replica_id != old
        assert any(p.replica_id == old and p.held >= 1 for p in st.peers)  # history intact
        send(copy, office)
        assert people.get(office.uow(), pid).notes == "copy"
    finally:
        copy.close()
    reopened = open_database(tmp_path / "a.db")
    try:
        assert sync_status.status(reopened.uow()).replica_id == old  # the original keeps its id
    finally:
        reopened.close()


def test_database_restored_from_backup_does_not_reuse_counters(world, tmp_path: Path) -> None:
    office, a, _b, pid, send = world
    a_path = tmp_path / "a.db"
    a.close()
    shutil.copyfile(a_path, tmp_path / "a-backup.db")
    a = open_database(a_path)
    people.save(a.uow(), replace(people.get(a.uow(), pid), notes="before restore"))
    send(a, office)
    old = sync_status.status(a.uow()).replica_id
    a.close()
    for suffix in ("-wal", "-shm"):
        p = a_path.with_name(a_path.name + suffix)
        if p.exists():
            p.unlink()
    shutil.copyfile(tmp_path / "a-backup.db", a_path)
    a = open_database(a_path)
    try:
        people.save(a.uow(), replace(people.get(a.uow(), pid), title="after restore"))
        assert sync_status.status(a.uow()).replica_id != old
        send(a, office)
        got = people.get(office.uow(), pid)
        assert (got.notes, got.title) == ("before restore", "after restore")  # nothing skipped as "known"
    finally:
        a.close()


def test_history_shows_who_changed_each_field(world) -> None:
    office, a, _b, pid, send = world
    people.save(a.uow(), replace(people.get(a.uow(), pid), phone="026-999-9999"))
    send(a, office)
    items = sync_history.field_history(office.uow(), "person", pid)
    phone = [h for h in items if h.field == "phone"]
    assert phone[-1].value == "026-999-9999" and phone[-1].origin_name == "A"
    assert phone[0].origin_name == "事務所PC"


def test_status_reports_peers_files_and_acknowledgements(world) -> None:
    office, a, _b, pid, send = world
    people.save(a.uow(), replace(people.get(a.uow(), pid), phone="026-999-9999"))
    send(a, office)
    send(office, a)
    st = sync_status.status(a.uow())
    office_peer = next(p for p in st.peers if p.name == "事務所PC")
    assert office_peer.acknowledged_ours >= 1 and office_peer.last_in_at is not None
    assert [f.direction for f in st.files][:2] == ["in", "out"] or {f.direction for f in st.files} == {"in", "out"}
    assert json.dumps(st.to_json(), ensure_ascii=False)


def test_export_for_a_peer_holds_only_what_it_lacks(world, tmp_path: Path) -> None:
    office, a, _b, pid, send = world
    send(office, a)  # a now knows what the office has, and tells it on the next file
    send(a, office)
    people.save(a.uow(), replace(people.get(a.uow(), pid), phone="026-555-5555"))
    office_id = sync_status.status(office.uow()).replica_id
    delta = sync_export.export_changes(a.uow(), tmp_path / "delta.sync", PASS, for_peer=office_id)
    full = sync_export.export_changes(a.uow(), tmp_path / "full.sync", PASS)
    assert delta.entries == 1 and full.entries > delta.entries
    assert sync_import.import_file(office.uow(), tmp_path / "delta.sync", PASS).updated == 1


def test_reimport_and_other_order_change_nothing(world, tmp_path: Path) -> None:
    office, a, b, pid, _send = world
    people.save(a.uow(), replace(people.get(a.uow(), pid), phone="026-111-1111"))
    people.save(b.uow(), replace(people.get(b.uow(), pid), phone="026-222-2222", notes="b"))
    sync_export.export_changes(a.uow(), tmp_path / "a.sync", PASS)
    sync_export.export_changes(b.uow(), tmp_path / "b.sync", PASS)
    sync_import.import_file(office.uow(), tmp_path / "a.sync", PASS)
    sync_import.import_file(office.uow(), tmp_path / "b.sync", PASS)
    other = open_database(tmp_path / "other.db")
    try:
        sync_enrolment.join(other.uow(), tmp_path / "enrol.sync", PASS)
        sync_import.import_file(other.uow(), tmp_path / "b.sync", PASS)
        sync_import.import_file(other.uow(), tmp_path / "a.sync", PASS)
        d1 = sync_replica.canonical_dump(office.uow())
        assert sync_replica.canonical_dump(other.uow()) == d1
        again = sync_import.import_file(office.uow(), tmp_path / "a.sync", PASS)
        assert again.already_imported and sync_replica.canonical_dump(office.uow()) == d1
    finally:
        other.close()


def test_passphrase_is_never_stored_in_clear(world) -> None:
    office, *_ = world
    sync_export.export_changes(office.uow(), office.db_path.with_name("p.sync"), PASS)
    raw = office.db_path.read_bytes() + b"".join(
        p.read_bytes() for p in office.db_path.parent.glob("office.db*") if p.is_file()
    )
    assert PASS.encode() not in raw
    meta = q(office, "SELECT value FROM local_meta WHERE key = 'sync_kdf'")[0][0]
    assert set(json.loads(meta)) >= {"salt", "n", "check"}


def test_exchange_file_header_has_no_personal_data(world, tmp_path: Path) -> None:
    from sasaeai_desktop.io.sync import package as pkg

    _office, a, _b, pid, _send = world
    people.save(a.uow(), replace(people.get(a.uow(), pid), phone="026-777-7777"))
    sync_export.export_changes(a.uow(), tmp_path / "h.sync", PASS)
    blob = (tmp_path / "h.sync").read_bytes()
    header, _ = pkg.read_header(blob)
    assert "026-777-7777" not in json.dumps(header) and b"026-777-7777" not in blob
    assert "山田" not in json.dumps(header, ensure_ascii=False)
    assert {"dataset_id", "schema", "source", "sender_vv", "ranges", "payload_sha256", "kdf"} <= set(header)


def test_sqlite_file_stays_sound(world) -> None:
    office, *_ = world
    db = sqlite3.connect(office.db_path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()


def test_floats_and_backdated_times_travel_exactly(world) -> None:
    office, a, _b, _pid, send = world
    with office.uow() as uow:
        conn = uow.session.connection()
        conn.exec_driver_sql("UPDATE municipality SET aging_rate = 0.1 + 0.2, population = 12345 WHERE code = '202011'")
        conn.exec_driver_sql("UPDATE municipality SET updated_at = '2020-04-01 09:00:00.000000' WHERE code = '202011'")  # set back
        uow.commit()
    send(office, a)
    row = "SELECT aging_rate, updated_at FROM municipality WHERE code = '202011'"
    assert q(a, row) == q(office, row) == [(0.1 + 0.2, "2020-04-01 09:00:00.000000")]
    assert sync_replica.canonical_dump(a.uow()) == sync_replica.canonical_dump(office.uow())


def test_resolving_another_field_leaves_a_delete_conflict_open(world) -> None:
    office, a, b, pid, send = world
    people.save(a.uow(), replace(people.get(a.uow(), pid), phone="026-111-1111"))
    people.delete(a.uow(), pid)
    people.save(b.uow(), replace(people.get(b.uow(), pid), phone="026-222-2222"))
    send(a, b)
    assert sorted(c.field for c in sync_conflicts.list_conflicts(b.uow())) == ["deleted", "phone"]
    phone = next(c for c in sync_conflicts.list_conflicts(b.uow()) if c.field == "phone")
    sync_conflicts.resolve_conflict(b.uow(), phone.id, "mine")
    send(b, a)
    for ctx in (a, b):
        assert [c.field for c in sync_conflicts.list_conflicts(ctx.uow())] == ["deleted"]
        assert q(ctx, "SELECT deleted, phone FROM person WHERE id = ?", pid) == [(1, "026-222-2222")]


def test_a_retired_laptop_is_marked_until_it_sends_again(sasaeai: CliRunner, world, tmp_path: Path, request) -> None:
    from sasaeai_desktop.domain.errors import UserError

    office, a, _b, pid, send = world
    send(a, office)
    a_id = sync_status.status(a.uow()).replica_id
    before = sync_replica.canonical_dump(office.uow())

    def retired(ctx) -> dict[str, bool]:
        return {p.name: p.retired for p in sync_status.status(ctx.uow()).peers}

    assert sync_peers.set_peer_retired(office.uow(), a_id[-8:]) == f"A（{a_id[-8:]}）"
    assert retired(office) == {"事務所PC": False, "A": True}  # B has not sent anything yet
    assert sync_replica.canonical_dump(office.uow()) == before  # the data and its history stay
    assert [h.origin_name for h in sync_history.field_history(office.uow(), "person", pid)][0] == "事務所PC"
    sync_peers.set_peer_retired(office.uow(), "A", retired=False)
    assert retired(office)["A"] is False

    with pytest.raises(UserError, match="見つかりません"):
        sync_peers.set_peer_retired(office.uow(), "C")
    with pytest.raises(UserError, match="このパソコン自身"):
        sync_peers.set_peer_retired(office.uow(), "事務所PC")

    # the command line (the database is the command's while it runs), then a file from the laptop
    office.close()
    db = str(office.db_path)
    done = sasaeai.inside("--db", db, "sync", "retire", "A")
    assert done.returncode == 0 and "使わなくなった端末にしました" in done.stdout
    done = sasaeai.inside("--db", db, "sync", "status")
    assert done.returncode == 0 and "（使わなくなった端末）" in done.stdout
    assert sasaeai.inside("--db", db, "sync", "retire", "誰か").returncode == 2
    office = open_database(db)
    request.addfinalizer(office.close)
    assert retired(office)["A"] is True
    sync_export.export_changes(a.uow(), tmp_path / "dry.sync", PASS)
    sync_import.import_file(office.uow(), tmp_path / "dry.sync", PASS, dry_run=True)
    assert retired(office)["A"] is True  # a dry run changes nothing
    people.save(a.uow(), replace(people.get(a.uow(), pid), phone="026-777-7777"))
    send(a, office)
    assert retired(office)["A"] is False
