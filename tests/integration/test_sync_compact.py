"""Compaction: what every waited-for replica holds is folded, and nothing a merge or the audit
trail needs is lost (docs/sync.md, services/sync/compact.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import update

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db import models as m
from sasaeai_desktop.services import people
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.sync import clock as sync_clock
from sasaeai_desktop.services.sync import compact as sync_compact
from sasaeai_desktop.services.sync import conflicts as sync_conflicts
from sasaeai_desktop.services.sync import enrolment as sync_enrolment
from sasaeai_desktop.services.sync import export as sync_export
from sasaeai_desktop.services.sync import history as sync_history
from sasaeai_desktop.services.sync import importing as sync_import
from sasaeai_desktop.services.sync import replica as sync_replica
from sasaeai_desktop.services.sync import status as sync_status
from tests.property.sync_world import use_fast_kdf

PASS = "合言葉は長めに2026"


def q(ctx, sql: str, *params):
    with ctx.uow() as uow:
        return uow.session.connection().exec_driver_sql(sql, params).fetchall()


def set_phone(ctx, pid: str, value: str) -> None:
    with ctx.uow() as uow:
        uow.session.execute(update(m.Person).where(m.Person.id == pid).values(phone=value))
        uow.commit()


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """office + laptops a and c; everyone has read everyone once; the sync clock can be moved."""
    use_fast_kdf()
    clock = {"now": dt.datetime(2026, 4, 1, 17, 0)}
    monkeypatch.setattr(sync_clock, "now", lambda: clock["now"])
    monkeypatch.setattr(sync_compact, "BATCH_ROWS", 0)  # every import folds what is stable
    office = open_database(tmp_path / "office.db")
    setup.init_prefecture(office.uow(), "長野県")
    sync_replica.set_replica_name(office.uow(), "事務所PC")
    pid = people.save(office.uow(), people.PersonData(id=None, name="山田 太郎", kana="やまだ たろう"))
    sync_enrolment.make_enrolment(office.uow(), tmp_path / "enrol.sync", PASS)
    a, c = open_database(tmp_path / "a.db"), open_database(tmp_path / "c.db")
    sync_enrolment.join(a.uow(), tmp_path / "enrol.sync", PASS, name="A")
    sync_enrolment.join(c.uow(), tmp_path / "enrol.sync", PASS, name="C")
    n = {"files": 0}

    def send(src, dst, to=None):
        n["files"] += 1
        path = tmp_path / f"x{n['files']}.sync"
        sync_export.export_changes(src.uow(), path, PASS, for_peer=to)
        return sync_import.import_file(dst.uow(), path, PASS)

    office_id = sync_status.status(office.uow()).replica_id
    for lap in (a, c):
        send(lap, office, office_id)
    for lap in (a, c):
        send(office, lap, sync_status.status(lap.uow()).replica_id)
    yield office, a, c, pid, send, clock
    for ctx in (office, a, c):
        ctx.close()


def folded_rows(ctx) -> int:
    return q(ctx, "SELECT count(*) FROM sync_change WHERE substr(data, 1, 1) = '['")[0][0]


def test_a_laptop_away_past_the_horizon_is_sent_what_was_folded_and_its_edit_meets_the_true_head(world, tmp_path: Path) -> None:
    office, a, c, pid, send, clock = world
    office_id = sync_status.status(office.uow()).replica_id
    a_id, c_id = (sync_status.status(x.uow()).replica_id for x in (a, c))
    set_phone(c, pid, "C の番号")  # C edits and then stays away
    set_phone(a, pid, "A の番号")
    clock["now"] += dt.timedelta(days=90)  # C's last file is now past the 60-day horizon
    send(a, office, office_id)
    send(office, a, a_id)
    send(a, office, office_id)  # the office learns that A holds its own edit: folded now
    folded = q(office, "SELECT data FROM sync_change WHERE tbl = 'person' AND row_id = ? AND op = 'U'", pid)
    assert folded and all(d.startswith("[") for (d,) in folded)
    assert ("phone", "A の番号") in {(h.field, h.value) for h in sync_history.field_history(office.uow(), "person", pid)}
    # C's edit reaches the office: compared with the true head (A's folded edit), a conflict
    result = send(c, office, office_id)
    assert result.conflicts == 1
    values = {v.value for conflict in sync_conflicts.list_conflicts(office.uow()) for v in conflict.values}
    assert values == {"A の番号", "C の番号"}
    # the office's file for C carries what was folded, rebuilt from the history, and says so
    written = sync_export.export_changes(office.uow(), tmp_path / "for-c.sync", PASS, for_peer=c_id)
    assert "履歴から戻して入れました" in written.summary
    result = sync_import.import_file(c.uow(), tmp_path / "for-c.sync", PASS)
    assert result.conflicts == 1
    assert sync_replica.canonical_dump(c.uow()) == sync_replica.canonical_dump(office.uow())


def test_a_folded_database_decides_every_merge_as_an_unfolded_one(world, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same files read by the office, which folds nothing more, and by a twin of it whose
    log is folded to the last entry (nobody waited for): the same data, the same conflicts."""
    office, a, c, pid, send, clock = world
    monkeypatch.setattr(sync_compact, "BATCH_ROWS", 10**9)
    office_id = sync_status.status(office.uow()).replica_id
    for k in range(3):  # what the office holds unfolded
        set_phone(a, pid, f"A-{k}")
        send(a, office, office_id)
    set_phone(c, pid, "C-0")  # concurrent with all of A's
    set_phone(a, pid, "A-3")
    files = []
    for lap in (c, a):
        path = tmp_path / f"late-{len(files)}.sync"
        sync_export.export_changes(lap.uow(), path, PASS)
        files.append(path)
    twin = open_database(tmp_path / "twin.db")
    try:
        sync_enrolment.make_enrolment(office.uow(), tmp_path / "twin-enrol.sync", PASS)
        sync_enrolment.join(twin.uow(), tmp_path / "twin-enrol.sync", PASS, name="twin")
        clock["now"] += dt.timedelta(days=1)  # nobody has been heard of for 0 days
        result = sync_replica.compact(twin.uow(), horizon_days=0)
        assert result.rows > 0 and folded_rows(twin) > folded_rows(office)
        for path in files:
            mine, theirs = sync_import.import_file(office.uow(), path, PASS), sync_import.import_file(twin.uow(), path, PASS)
            assert (mine.added, mine.updated, mine.conflicts) == (theirs.added, theirs.updated, theirs.conflicts)
        assert sync_replica.canonical_dump(twin.uow()) == sync_replica.canonical_dump(office.uow())

        def phones(ctx: AppContext) -> list[object]:
            return sorted(v.value for x in sync_conflicts.list_conflicts(ctx.uow()) for v in x.values)

        assert phones(twin) == phones(office) and phones(office)
    finally:
        twin.close()


def test_folding_leaves_the_history_of_a_row_as_it_was(world) -> None:
    office, a, c, pid, send, clock = world
    for k in range(3):
        set_phone(office, pid, f"事務所-{k}")
    before = sync_history.field_history(office.uow(), "person", pid)
    clock["now"] += dt.timedelta(days=1)  # nobody has been heard of for 0 days
    result = sync_replica.compact(office.uow(), horizon_days=0)
    assert result.rows >= 3 and result.history_bytes > 0
    assert q(office, "SELECT count(*) FROM sync_change WHERE tbl = 'person' AND row_id = ? AND substr(data, 1, 1) = '{'", pid) == [(0,)]
    assert sync_history.field_history(office.uow(), "person", pid) == before
    assert [h.value for h in before if h.field == "phone"][-3:] == ["事務所-0", "事務所-1", "事務所-2"]


def test_enrolment_after_folding_is_a_snapshot_a_new_laptop_converges_from(world, tmp_path: Path) -> None:
    office, a, c, pid, send, clock = world
    office_id = sync_status.status(office.uow()).replica_id
    for k in range(3):
        set_phone(a, pid, f"A-{k}")
        send(a, office, office_id)
        send(office, a, sync_status.status(a.uow()).replica_id)
        send(office, c, sync_status.status(c.uow()).replica_id)
        send(c, office, office_id)
    assert q(office, "SELECT count(*) FROM sync_change WHERE substr(data, 1, 1) = '['")[0][0] > 0
    assert q(office, "SELECT count(*) FROM sync_history")[0][0] > 0
    clock["now"] += dt.timedelta(days=1)
    sync_enrolment.make_enrolment(office.uow(), tmp_path / "enrol2.sync", PASS)
    d = open_database(tmp_path / "d.db")
    try:
        sync_enrolment.join(d.uow(), tmp_path / "enrol2.sync", PASS, name="D")
        assert sync_replica.canonical_dump(d.uow()) == sync_replica.canonical_dump(office.uow())
        # the history of the person travels with the snapshot
        assert [h.value for h in sync_history.field_history(d.uow(), "person", pid) if h.field == "phone"][-1] == "A-2"
        # and D takes part in the next round like any laptop
        set_phone(d, pid, "D")
        send(d, office, office_id)
        send(office, a, sync_status.status(a.uow()).replica_id)
        assert q(a, "SELECT phone FROM person WHERE id = ?", pid)[0][0] == "D"
    finally:
        d.close()


def test_downgrade_puts_the_folded_texts_back(world, tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import text

    from sasaeai_desktop.db.engine import create_sqlite_engine
    from sasaeai_desktop.db.migrate import alembic_config

    office, a, c, pid, send, clock = world
    set_phone(office, pid, "事務所")
    clock["now"] += dt.timedelta(days=1)
    sync_replica.compact(office.uow(), horizon_days=0)
    before = {seq: data for seq, data in q(office, "SELECT seq, data FROM sync_change")}
    history = sync_history.field_history(office.uow(), "person", pid)
    assert sum(d.startswith("[") for d in before.values()) > 0
    office.close()
    engine = create_sqlite_engine(tmp_path / "office.db")
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008")
    with engine.connect() as conn:
        after = dict(conn.execute(text("SELECT seq, data FROM sync_change")).all())
    engine.dispose()
    assert after.keys() == before.keys() and not any(d.startswith("[") for d in after.values())
    phone = [json.loads(d) for d in after.values() if '"phone":"事務所"' in d]
    assert phone and [h.value for h in history if h.field == "phone"][-1] == "事務所"
