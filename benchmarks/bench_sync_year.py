"""A simulated year of sync through the office (not part of the test run).

    python benchmarks/bench_sync_year.py [--laptops 20] [--days 250] [--edits 30-80] [--scale 1]

The office starts from ``demo --scale N`` and enrols ``--laptops`` laptops. Every working day
each laptop in use makes a random number of edits in the ``--edits`` range, each its own
transaction: new visits and edits of their advice, new consultations and their closing, new
registrations, attendance marks and their corrections, new people and edits of their phone, title
and notes. Every fifth day is a round through the office: each laptop that is in the office that
week writes its file for the office, the office reads them all (and settles the conflicts they
leave open, as an officer would: 「自分の値を残す」), then writes each of those laptops its file, which
the laptop reads.

The year's plan, in fractions of ``--days`` (so a reduced run keeps its shape):
* laptops 1 and 2 miss every round of month 3, laptop 3 every round of month 8 (they keep
  editing and catch up after);
* at the start of month 6 the last laptop is retired (its last edits reach the office first,
  then the office marks it 「使わなくなった」) and a new laptop joins from a fresh enrolment file.

Printed per month (a month is a twelfth of ``--days``): the office's data and sync metadata
(dbstat bytes of synced tables and indexes against ``sync_*``), a laptop's metadata, the
enrolment file the office would write that day, exchange file sizes (median, max; both
directions), office import time per round (all files of the round), laptop import time (median,
max), conflicts the office's imports reported, and whether the office and every laptop that took
part in the month's last round hold the same data (canonical dumps).

The key derivation (scrypt) is cut to N = 16 as in bench_sync_import.py: it costs the same for
every file whatever it holds, and is not what a year of growth changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_sync import sizes
from sqlalchemy import insert
from sqlalchemy import update

from sasaeai_desktop import demo
from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db import models as m
from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services import backups
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.sync import clock as sync_clock
from sasaeai_desktop.services.sync import conflicts as sync_conflicts
from sasaeai_desktop.services.sync import enrolment as sync_enrolment
from sasaeai_desktop.services.sync import export as sync_export
from sasaeai_desktop.services.sync import importing as sync_import
from sasaeai_desktop.services.sync import peers as sync_peers
from sasaeai_desktop.services.sync import replica as sync_replica
from sasaeai_desktop.services.sync import status as sync_status

PASS = "ベンチマーク用の合言葉"
FIELDS = ("phone", "title", "notes")


@dataclass
class Laptop:
    number: int
    ctx: AppContext
    replica: str
    ids: dict[str, list[str]] = field(default_factory=dict)
    active: bool = True

    def refresh_ids(self) -> None:
        """The rows this laptop can pick from (what it holds now: its own and what reached it)."""
        with self.ctx.uow() as uow:
            conn = uow.session.connection()
            for tbl, where in (
                ("person", "deleted = 0 AND merged_into_id IS NULL"),
                ("visit", "deleted = 0"),
                ("consultation", "deleted = 0 AND is_closed = 0"),
                ("registration", "deleted = 0"),
                ("attendance", "deleted = 0"),
                ("municipality", "deleted = 0"),
                ("training_session", "deleted = 0"),
            ):
                self.ids[tbl] = [r[0] for r in conn.exec_driver_sql(f"SELECT id FROM {tbl} WHERE {where}")]


@dataclass
class Month:
    office_import: list[float] = field(default_factory=list)  # seconds per round, all files
    laptop_import: list[float] = field(default_factory=list)
    to_office: list[int] = field(default_factory=list)
    to_laptops: list[int] = field(default_factory=list)
    conflicts: int = 0
    edits: int = 0
    rounds: int = 0


def one_edit(lap: Laptop, rng: random.Random, day: dt.date, k: int) -> None:
    """One saved form: a new record or a change of an existing one, its own transaction."""
    ids = lap.ids
    kind = rng.choices(("visit", "consultation", "registration", "attendance", "person"), (2, 2, 3, 4, 3))[0]
    tag = f"{lap.number}-{day:%m%d}-{k}"
    with lap.ctx.uow() as uow:
        s = uow.session
        if kind == "visit":
            if ids["visit"] and rng.random() < 0.4:
                s.execute(update(m.Visit).where(m.Visit.id == rng.choice(ids["visit"])).values(advice=f"助言 {tag}"))
            else:
                s.execute(insert(m.Visit).values(
                    municipality_id=rng.choice(ids["municipality"]), visit_date=day, place="役場",
                    purpose_category="定例訪問", observations=f"状況 {tag}", advice=f"助言 {tag}", recorded_by=f"職員{lap.number}"))
        elif kind == "consultation":
            if ids["consultation"] and rng.random() < 0.3:
                s.execute(update(m.Consultation).where(m.Consultation.id == rng.choice(ids["consultation"]))
                          .values(is_closed=True, closed_date=day, answer=f"回答 {tag}"))
            else:
                s.execute(insert(m.Consultation).values(
                    received_date=day, channel="電話", municipality_id=rng.choice(ids["municipality"]),
                    person_id=rng.choice(ids["person"]), topics="協議体", question=f"質問 {tag}"))
        elif kind == "registration":
            sess = rng.choice(ids["training_session"])
            event = s.execute(m.TrainingSession.__table__.select().where(m.TrainingSession.id == sess)).one().event_id
            s.execute(insert(m.Registration).values(event_id=event, person_id=rng.choice(ids["person"]), session_id=sess,
                                                    registered_on=day, status="登録"))
        elif kind == "attendance":
            if ids["attendance"] and rng.random() < 0.3:
                s.execute(update(m.Attendance).where(m.Attendance.id == rng.choice(ids["attendance"])).values(present=rng.random() < 0.5))
            else:
                reg = rng.choice(ids["registration"])
                row = s.execute(m.Registration.__table__.select().where(m.Registration.id == reg)).one()
                if row.session_id:
                    s.execute(insert(m.Attendance).values(registration_id=reg, session_id=row.session_id, present=True,
                                                          checked_in_at=dt.datetime.combine(day, dt.time(9, 30))))
        else:
            if rng.random() < 0.3:
                s.execute(insert(m.Person).values(name=f"新規 {tag}", kana=f"しんき {tag}", name_key=f"新規{tag}", kana_key=f"しんき{tag}",
                                                  role="市町村職員", municipality_id=rng.choice(ids["municipality"])))
            else:
                f = rng.choice(FIELDS)
                s.execute(update(m.Person).where(m.Person.id == rng.choice(ids["person"])).values({f: f"{f} {tag}"}))
        uow.commit()


def make_office(folder: Path, scale: int) -> AppContext:
    office = open_database(folder / "office.db")
    setup.init_prefecture(office.uow(), "長野県")
    t0 = time.perf_counter()
    demo.fill_demo(office.uow(), scale=scale, seed=7)
    sync_replica.set_replica_name(office.uow(), "事務所PC")
    sync_replica.seal_pending(office.uow())
    print(f"office: demo --scale {scale} filled in {time.perf_counter() - t0:.0f} s")
    return office


def join_laptop(folder: Path, number: int, enrol: Path) -> Laptop:
    ctx = open_database(folder / f"laptop{number:02d}.db")
    sync_enrolment.join(ctx.uow(), enrol, PASS, name=f"職員{number:02d}")
    lap = Laptop(number, ctx, sync_status.status(ctx.uow()).replica_id or "")
    lap.refresh_ids()
    return lap


def run_round(folder: Path, office: AppContext, office_id: str, laptops: list[Laptop], month: Month) -> None:
    files = []
    for lap in laptops:
        p = folder / f"to-office-{lap.number:02d}.sync"
        month.to_office.append(sync_export.export_changes(lap.ctx.uow(), p, PASS, for_peer=office_id).bytes)
        files.append(p)
    t0 = time.perf_counter()
    for p in files:
        month.conflicts += sync_import.import_file(office.uow(), p, PASS).conflicts
    month.office_import.append(time.perf_counter() - t0)
    for c in sync_conflicts.list_conflicts(office.uow()):
        sync_conflicts.resolve_conflict(office.uow(), c.id, "mine")
    for lap in laptops:
        p = folder / f"to-laptop-{lap.number:02d}.sync"
        month.to_laptops.append(sync_export.export_changes(office.uow(), p, PASS, for_peer=lap.replica).bytes)
        t0 = time.perf_counter()
        sync_import.import_file(lap.ctx.uow(), p, PASS)
        month.laptop_import.append(time.perf_counter() - t0)
        lap.refresh_ids()
    for p in folder.glob("to-*.sync"):
        p.unlink()
    month.rounds += 1


def history_bytes(path: Path) -> int:
    """sync_history (the texts compaction folded, compressed; counted apart from the rest)."""
    import sqlite3

    db = sqlite3.connect(path)
    try:
        return int(db.execute("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE '%sync_history%'").fetchone()[0])
    finally:
        db.close()


def kb(n: float) -> str:
    return f"{n / 1000:,.0f} kB" if n < 1_000_000 else f"{n / 1_000_000:.1f} MB"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--laptops", type=int, default=20)
    ap.add_argument("--days", type=int, default=250, help="working days (a round every fifth)")
    ap.add_argument("--edits", default="30-80", help="edits per laptop per day, LO-HI")
    ap.add_argument("--scale", type=int, default=1, help="demo --scale of the office's starting data")
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--keep", action="store_true", help="keep the databases (the folder is printed)")
    ap.add_argument("--backups", action="store_true",
                    help="keep the program's backup before every import (a copy and an integrity check of the "
                         "whole database; off by default: it is not sync's cost and it grows with the file)")
    ap.add_argument("--no-compaction", action="store_true", help="the year as before compaction (the baseline)")
    args = ap.parse_args()
    if args.no_compaction:
        from sasaeai_desktop.services.sync import compact as sync_compact

        sync_compact.compact = lambda db, now, horizon_days=0: None  # type: ignore[assignment]
    if not args.backups:
        os.environ[backups.AUTO_BACKUP_ENV] = "0"
    lo, hi = (int(x) for x in args.edits.split("-"))
    pkg.SCRYPT_N = 2**4
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-year-"))
    started = time.perf_counter()
    print(f"# A year of sync{' (compaction off)' if args.no_compaction else ''}: {args.laptops} laptops, {args.days} working days, {lo}–{hi} edits a laptop a day, "
          f"office from demo --scale {args.scale} ({folder})")
    try:
        office = make_office(folder, args.scale)
        office_id = sync_status.status(office.uow()).replica_id or ""
        enrol = folder / "enrol.sync"
        sync_enrolment.make_enrolment(office.uow(), enrol, PASS)
        laptops = [join_laptop(folder, i, enrol) for i in range(args.laptops)]

        def month_of(d: int) -> int:
            return d * 12 // args.days

        missing = {1: {2}, 2: {2}, 3: {7}}  # laptop → months whose rounds it misses (0-based)
        change_month = 5
        months: dict[int, Month] = {}
        swapped = False
        start = dt.date(2026, 4, 1)
        print("\n| month | data | metadata (× data) | history (× data) | both (× data) | laptop both (× its data) | enrolment file (× data) | "
              "files to office med / max | files to laptops med / max | office import a round | laptop import med / max | "
              "conflicts | edits | converged | wall |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for d in range(args.days):
            mo = month_of(d)
            month = months.setdefault(mo, Month())
            if mo == change_month and not swapped:
                swapped = True
                gone = laptops[args.laptops - 1]
                run_round(folder, office, office_id, [gone], month)
                gone.active = False
                sync_peers.set_peer_retired(office.uow(), gone.replica)
                sync_enrolment.make_enrolment(office.uow(), enrol, PASS)
                laptops.append(join_laptop(folder, args.laptops, enrol))
            day = start + dt.timedelta(days=d * 7 // 5)
            # the sync service's clock follows the simulated calendar: the dates it records (a
            # file read from a laptop) are what compaction's horizon is measured against
            sync_clock.now = lambda day=day: dt.datetime.combine(day, dt.time(17, 0))
            for lap in laptops:
                if not lap.active:
                    continue
                n = rng.randint(lo, hi)
                for k in range(n):
                    one_edit(lap, rng, day, k)
                month.edits += n
            last_of_month = d == args.days - 1 or month_of(d + 1) != mo
            if d % 5 == 4 or last_of_month:
                if d == args.days - 1:
                    present = [lap for lap in laptops if lap.active]
                else:
                    present = [lap for lap in laptops if lap.active and mo not in missing.get(lap.number, set())]
                run_round(folder, office, office_id, present, month)
            if last_of_month:
                report_month(folder, office, present, month, mo, started, enrol)
        for lap in laptops:
            lap.ctx.close()
        office.close()
    finally:
        remove_unless_kept(folder, args.keep)


def remove_unless_kept(folder: Path, keep: bool) -> None:
    """The run's databases and files go, unless ``--keep`` asked to look at them afterwards."""
    if keep:
        print(f"(kept {folder})")
    else:
        shutil.rmtree(folder, ignore_errors=True)


def report_month(folder: Path, office: AppContext, present: list[Laptop], month: Month, mo: int, started: float, enrol: Path) -> None:
    sync_enrolment.make_enrolment(office.uow(), enrol, PASS)
    s = sizes(folder / "office.db")
    s["history"] = history_bytes(folder / "office.db")
    s["metadata"] -= s["history"]
    lap = present[0]
    ls = sizes(folder / f"laptop{lap.number:02d}.db")  # its metadata counts its history too
    ref = sync_replica.canonical_dump(office.uow())
    # every laptop of the round: a full dump each is the proof, and it is cheap next to a round
    converged = all(sync_replica.canonical_dump(p.ctx.uow()) == ref for p in present)

    def med(xs: Sequence[float]) -> float:
        return statistics.median(xs) if xs else 0

    both = s["metadata"] + s["history"]
    print(f"| {mo + 1} | {s['data'] / 1e6:.1f} MB | {s['metadata'] / 1e6:.1f} MB ({s['metadata'] / s['data']:.2f}) | "
          f"{s['history'] / 1e6:.1f} MB ({s['history'] / s['data']:.2f}) | {both / 1e6:.1f} MB ({both / s['data']:.2f}) | "
          f"{ls['metadata'] / 1e6:.1f} MB ({ls['metadata'] / ls['data']:.2f}) | {enrol.stat().st_size / 1e6:.1f} MB "
          f"({enrol.stat().st_size / s['data']:.2f}) | {kb(med(month.to_office))} / {kb(max(month.to_office))} | "
          f"{kb(med(month.to_laptops))} / {kb(max(month.to_laptops))} | {med(month.office_import):.1f} s (max {max(month.office_import):.1f}) | "
          f"{med(month.laptop_import):.2f} / {max(month.laptop_import):.2f} s | {month.conflicts} | {month.edits:,} | "
          f"{'yes' if converged else 'NO'} ({len(present)} laptops) | {(time.perf_counter() - started) / 60:.0f} min |", flush=True)


if __name__ == "__main__":
    main()
