"""A small world of replicas for the sync tests: an office database and laptops joined from it.

Built once per test session (init 長野県, one training event, an enrolment file, five laptops
joined from it) and copied for each example, so an example starts in milliseconds.
"""

from __future__ import annotations

import atexit
import datetime as dt
import os
import random
import shutil
import sqlite3
import tempfile
from pathlib import Path

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db.models import base as model_base
from sasaeai_desktop.domain import hlc
from sasaeai_desktop.domain import ids
from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services import people
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.sync import clock as sync_clock
from sasaeai_desktop.services.sync import enrolment as sync_enrolment
from sasaeai_desktop.services.sync import replica as sync_replica

PASSPHRASE = "ひみつの合言葉 2026"
MAX_REPLICAS = 6
FAST_SCRYPT_N = 2**4  # tests only: the real work factor is 2**15


def use_fast_kdf() -> None:
    pkg.SCRYPT_N = FAST_SCRYPT_N


EVENT_ID = "00000000-0000-7000-8000-000000000001"
_template: Path | None = None
START_MS = 1_796_083_200_000  # 2026-12-01 00:00 UTC


class FakeTime:
    """Time and new ids that depend on nothing but the seed and the steps taken, so Hypothesis
    can replay a failing example: entry hashes, ids and fork names follow the clock, and with the
    real clock a failure found once never came back. Every reading moves one millisecond on;
    ``offset`` moves the laptop's clock as a user would."""

    def __init__(self, seed: int) -> None:
        self.ms = START_MS
        self.offset = 0
        self._rng = random.Random(seed)
        self._saved: tuple = ()

    def wall_ms(self) -> int:
        self.ms += 1
        return self.ms + self.offset

    def utcnow(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.wall_ms() / 1000, dt.UTC).replace(tzinfo=None)

    def now(self) -> dt.datetime:
        return self.utcnow().replace(microsecond=0)

    def install(self) -> None:
        self._saved = (hlc.wall_ms, sync_clock.now, ids._generator, model_base.clock)
        hlc.wall_ms = self.wall_ms  # type: ignore[assignment]
        sync_clock.now = self.now  # type: ignore[assignment]
        ids._generator = ids.UUID7Generator(clock_ms=lambda: self.ms + self.offset, randbits=self._rng.getrandbits)
        model_base.clock = self.utcnow

    def uninstall(self) -> None:
        hlc.wall_ms, sync_clock.now, ids._generator, model_base.clock = self._saved  # type: ignore[assignment]


def template() -> Path:
    """Folder with r0.db (office, ran init) … r5.db (joined), each with its .replica side file."""
    global _template
    if _template is not None:
        return _template
    use_fast_kdf()
    fake = FakeTime(seed=0)
    fake.install()
    try:
        _template = _build_template()
    finally:
        fake.uninstall()
    return _template


def _build_template() -> Path:
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
    """Out of the way, into a folder beside it rather than deleted: a file deleted frees its file
    number, the next file made may get it back, and the copy would then pass for the original
    (change_capture.same_file) in one run and not in the next — a failure would not replay."""
    graveyard = path.parent / "removed"
    graveyard.mkdir(exist_ok=True)
    stamp = len(list(graveyard.iterdir()))
    for suffix in ("", "-wal", "-shm"):
        p = path.with_name(path.name + suffix)
        if p.exists():
            p.rename(graveyard / f"{stamp}-{p.name}")


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
