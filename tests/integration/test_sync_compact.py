"""Compaction: what every waited-for replica holds is folded, and nothing a merge or the audit
trail needs is lost (docs/sync.md, services/sync_compact.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import update

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db import models as m
from sasaeai_desktop.services import people, setup, sync
from sasaeai_desktop.services.errors import UserError
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
    monkeypatch.setattr(sync, "_now", lambda: clock["now"])
    office = open_database(tmp_path / "office.db")
    setup.init_prefecture(office.uow(), "長野県")
    sync.set_replica_name(office.uow(), "事務所PC")
    pid = people.save(office.uow(), people.PersonData(id=None, name="山田 太郎", kana="やまだ たろう"))
    sync.make_enrolment(office.uow(), tmp_path / "enrol.sync", PASS)
    a, c = open_database(tmp_path / "a.db"), open_database(tmp_path / "c.db")
    sync.join(a.uow(), tmp_path / "enrol.sync", PASS, name="A")
    sync.join(c.uow(), tmp_path / "enrol.sync", PASS, name="C")
    n = {"files": 0}

    def send(src, dst, to=None):
        n["files"] += 1
        path = tmp_path / f"x{n['files']}.sync"
        sync.export_changes(src.uow(), path, PASS, for_peer=to)
        return sync.import_file(dst.uow(), path, PASS)

    office_id = sync.status(office.uow()).replica_id
    for lap in (a, c):
        send(lap, office, office_id)
    for lap in (a, c):
        send(office, lap, sync.status(lap.uow()).replica_id)
    yield office, a, c, pid, send, clock
    for ctx in (office, a, c):
        ctx.close()


def test_folded_head_still_meets_a_concurrent_edit_of_a_laptop_away_past_the_horizon(world, tmp_path: Path) -> None:
    office, a, c, pid, send, clock = world
    office_id = sync.status(office.uow()).replica_id
    a_id, c_id = (sync.status(x.uow()).replica_id for x in (a, c))
    set_phone(c, pid, "C の番号")  # C edits and then stays away
    set_phone(a, pid, "A の番号")
    clock["now"] += dt.timedelta(days=90)  # C's last file is now past the 60-day horizon
    send(a, office, office_id)
    send(office, a, a_id)
    send(a, office, office_id)  # the office learns that A holds its own edit: folded now
    folded = q(office, "SELECT data FROM sync_change WHERE tbl = 'person' AND row_id = ? AND op = 'U'", pid)
    assert folded and all(d.startswith("[") for (d,) in folded)
    assert ("phone", "A の番号") in {(h.field, h.value) for h in sync.field_history(office.uow(), "person", pid)}
    # the office cannot write C a file (C lacks what was folded) and says what to do
    with pytest.raises(UserError, match="参加し直してください"):
        sync.export_changes(office.uow(), tmp_path / "for-c.sync", PASS, for_peer=c_id)
    # a file for everyone leaves the folded entries out: C is told why, and nothing changes
    sync.export_changes(office.uow(), tmp_path / "all.sync", PASS)
    before = sync.canonical_dump(c.uow())
    with pytest.raises(UserError, match="すでにまとめられています.*sync join"):
        sync.import_file(c.uow(), tmp_path / "all.sync", PASS)
    assert sync.canonical_dump(c.uow()) == before
    # C's edit reaches the office: compared with the true head (A's folded edit), a conflict
    result = send(c, office, office_id)
    assert result.conflicts == 1
    values = {v.value for conflict in sync.list_conflicts(office.uow()) for v in conflict.values}
    assert values == {"A の番号", "C の番号"}


def test_enrolment_after_folding_is_a_snapshot_a_new_laptop_converges_from(world, tmp_path: Path) -> None:
    office, a, c, pid, send, clock = world
    office_id = sync.status(office.uow()).replica_id
    for k in range(3):
        set_phone(a, pid, f"A-{k}")
        send(a, office, office_id)
        send(office, a, sync.status(a.uow()).replica_id)
        send(office, c, sync.status(c.uow()).replica_id)
        send(c, office, office_id)
    assert q(office, "SELECT count(*) FROM sync_change WHERE substr(data, 1, 1) = '['")[0][0] > 0
    assert q(office, "SELECT count(*) FROM local_history")[0][0] > 0
    clock["now"] += dt.timedelta(days=1)
    sync.make_enrolment(office.uow(), tmp_path / "enrol2.sync", PASS)
    d = open_database(tmp_path / "d.db")
    try:
        sync.join(d.uow(), tmp_path / "enrol2.sync", PASS, name="D")
        assert sync.canonical_dump(d.uow()) == sync.canonical_dump(office.uow())
        # the history of the person travels with the snapshot
        assert [h.value for h in sync.field_history(d.uow(), "person", pid) if h.field == "phone"][-1] == "A-2"
        # and D takes part in the next round like any laptop
        set_phone(d, pid, "D")
        send(d, office, office_id)
        send(office, a, sync.status(a.uow()).replica_id)
        assert q(a, "SELECT phone FROM person WHERE id = ?", pid)[0][0] == "D"
    finally:
        d.close()
