"""A small world of replicas for the sync tests: an office database and laptops joined from it.

Built once per test session (init 長野県, one training event, an enrolment file, five laptops
joined from it) and copied for each example, so an example starts in milliseconds.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services import people
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.sync import enrolment as sync_enrolment
from sasaeai_desktop.services.sync import replica as sync_replica

PASSPHRASE = "ひみつの合言葉 2026"
MAX_REPLICAS = 6
FAST_SCRYPT_N = 2**4  # tests only: the real work factor is 2**15


def use_fast_kdf() -> None:
    pkg.SCRYPT_N = FAST_SCRYPT_N


EVENT_ID = "00000000-0000-7000-8000-000000000001"
_template: Path | None = None


def template() -> Path:
    """Folder with r0.db (office, ran init) … r5.db (joined), each with its .replica side file."""
    global _template
    if _template is not None:
        return _template
    use_fast_kdf()
    fast = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    folder = Path(tempfile.mkdtemp(prefix="sasaeai-sync-world-", dir=fast))
    atexit.register(shutil.rmtree, folder, True)
    office = folder / "r0.db"
    with open_database(office) as ctx:
        setup.init_prefecture(ctx.uow(), "長野県")
        with ctx.uow() as uow:
            uow.session.connection().exec_driver_sql(
                "INSERT INTO training_event (id, fiscal_year, event_type, title, co_hosts, program_notes, organiser, deleted) "
                "VALUES ('00000000-0000-7000-8000-000000000001', 2026, '養成研修', '生活支援コーディネーター養成研修', '', '', '', 0)"
            )
            uow.commit()
        for name, kana in (("山田 太郎", "やまだ たろう"), ("髙橋 花子", "たかはし はなこ"), ("佐藤 一郎", "さとう いちろう")):
            people.save(ctx.uow(), people.PersonData(id=None, name=name, kana=kana))
        with ctx.uow() as uow:
            uow.session.connection().exec_driver_sql(
                "INSERT INTO event_audience (id, event_id, role, deleted) VALUES "
                f"('00000000-0000-7000-8000-0000000000a1', '{EVENT_ID}', '第1層SC', 0), "
                f"('00000000-0000-7000-8000-0000000000a2', '{EVENT_ID}', '市町村職員', 0)"
            )
            uow.commit()
        sync_replica.set_replica_name(ctx.uow(), "事務所PC")
        sync_enrolment.make_enrolment(ctx.uow(), folder / "enrol.sync", PASSPHRASE)
    for i in range(1, MAX_REPLICAS):
        with open_database(folder / f"r{i}.db") as ctx:
            sync_enrolment.join(ctx.uow(), folder / "enrol.sync", PASSPHRASE, name=f"職員{i}PC")
    _template = folder
    return folder


def copy_db(src: Path, dst: Path) -> None:
    """A consistent copy (SQLite backup API) plus the replica side file."""
    s = sqlite3.connect(src)
    d = sqlite3.connect(dst)
    try:
        s.backup(d)
        # the template stands for this laptop's own file, set up in place: it owns its replica id
        cc.bind_file(d, dst)
        d.commit()
    finally:
        d.close()
        s.close()
    side = src.with_name(src.name + ".replica")
    if side.exists():
        shutil.copyfile(side, dst.with_name(dst.name + ".replica"))


def copy_folder(src: Path, dst: Path) -> None:
    """A laptop folder copied by hand: the database and its side file, byte for byte (the
    source is closed)."""
    shutil.copyfile(src, dst)
    shutil.copyfile(src.with_name(src.name + ".replica"), dst.with_name(dst.name + ".replica"))


def write_back(src: Path, dst: Path) -> None:
    """A backup written back into the same file (same file number and path) with its side
    file: nothing at open can tell it from the file that issued later entries."""
    with open(src, "rb") as f, open(dst, "r+b") as g:
        g.truncate(0)
        shutil.copyfileobj(f, g)
    side = src.with_name(src.name + ".replica")
    if side.exists():
        shutil.copyfile(side, dst.with_name(dst.name + ".replica"))
    for suffix in ("-wal", "-shm"):
        dst.with_name(dst.name + suffix).unlink(missing_ok=True)


def forget_file(path: Path) -> None:
    """As if the database had been copied by an older program (no record of its own file)."""
    con = sqlite3.connect(path)
    try:
        con.execute("DELETE FROM local_meta WHERE key = ?", (cc.META_FILE,))
        con.commit()
    finally:
        con.close()


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        p = path.with_name(path.name + suffix)
        if p.exists():
            p.unlink()


def integrity(path: Path) -> tuple[str, list]:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0], db.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        db.close()


def version_vector(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        return {r[0]: r[1] for r in db.execute("SELECT replica_id, counter FROM sync_peer WHERE counter > 0")}
    finally:
        db.close()


def broken_chains(path: Path) -> list[tuple]:
    """Entries whose predecessor here has another hash than the one they were sealed after: a
    fork taken for entries already held (one side's edit skipped), which every later file carries
    and other replicas refuse."""
    db = sqlite3.connect(path)
    try:
        return db.execute(
            "SELECT e.origin, e.counter FROM sync_entry e JOIN sync_entry b ON b.origin = e.origin AND b.counter = e.counter - 1 "
            "WHERE e.prev != '' AND b.hash != '' AND e.prev != b.hash LIMIT 3"
        ).fetchall()
    finally:
        db.close()


def soundness(path: Path) -> tuple[str, list, dict[str, int], set[str]]:
    """integrity_check, foreign_key_check, the version vector and the replica ids found forked
    (their count goes back when a branch moves to its new id), in one connection."""
    db = sqlite3.connect(path)
    try:
        return (
            db.execute("PRAGMA integrity_check").fetchone()[0],
            db.execute("PRAGMA foreign_key_check").fetchall(),
            {r[0]: r[1] for r in db.execute("SELECT replica_id, counter FROM sync_peer WHERE counter > 0")},
            {r[0] for r in db.execute("SELECT origin FROM sync_fork")},
        )
    finally:
        db.close()
