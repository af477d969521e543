"""A laptop back after a missed month: the one import of issue 21's year that missed its target.

    python benchmarks/bench_sync_catchup.py [--laptops 20] [--days 20] [--edits 30-80] [--profile N]

The office and ``--laptops`` laptops work ``--days`` working days as in bench_sync_year.py (a round
through the office every fifth day), except that laptop 1 misses every round and keeps editing.
Then laptop 1 comes back: it writes its file for the office, the office reads it, and laptop 1
reads the office's file — everything the other laptops did while it was away (20 days ≈ the
1.4–1.5 MB file the year's month 3 and month 8 sent). Printed: that file's size and entries, and
the laptop's import time (best of ``--repeat`` runs on copies of the same database; target < 5 s
a round), as wall-clock and as the process's CPU time — on a machine shared with other work the
CPU time is what the import itself costs (SQLite runs inside the process, and the import writes
with synchronous = NORMAL, so a quiet machine's wall-clock is close to it).
``--profile N`` prints the N most costly functions of one import.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_sync_year as year

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services import backups
from sasaeai_desktop.services.sync import enrolment as sync_enrolment
from sasaeai_desktop.services.sync import export as sync_export
from sasaeai_desktop.services.sync import importing as sync_import
from sasaeai_desktop.services.sync import status as sync_status

TARGET_S = 5.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--laptops", type=int, default=20)
    ap.add_argument("--days", type=int, default=20, help="working days laptop 1 is away")
    ap.add_argument("--edits", default="30-80", help="edits per laptop per day, LO-HI")
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0, help="print the N costliest functions of one import")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    os.environ[backups.AUTO_BACKUP_ENV] = "0"
    pkg.SCRYPT_N = 2**4
    lo, hi = (int(x) for x in args.edits.split("-"))
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-catchup-"))
    try:
        office = year.make_office(folder, 1)
        office_id = sync_status.status(office.uow()).replica_id or ""
        enrol = folder / "enrol.sync"
        sync_enrolment.make_enrolment(office.uow(), enrol, PASS := year.PASS)
        laptops = [year.join_laptop(folder, i, enrol) for i in range(args.laptops)]
        away = laptops[1]
        start = time.perf_counter()
        for d in range(args.days):
            day = dt.date(2026, 6, 1) + dt.timedelta(days=d * 7 // 5)
            for lap in laptops:
                for k in range(rng.randint(lo, hi)):
                    year.one_edit(lap, rng, day, k)
            if d % 5 == 4:
                year.run_round(folder, office, office_id, [lap for lap in laptops if lap is not away], year.Month())
        print(f"{args.days} days of {args.laptops} laptops in {time.perf_counter() - start:.0f} s ({folder})")
        to_office = folder / "back-to-office.sync"
        sync_export.export_changes(away.ctx.uow(), to_office, PASS, for_peer=office_id)
        sync_import.import_file(office.uow(), to_office, PASS)
        back = folder / "back-to-laptop.sync"
        written = sync_export.export_changes(office.uow(), back, PASS, for_peer=away.replica)
        away.ctx.close()
        src = folder / f"laptop{away.number:02d}.db"
        print(f"file for the returning laptop: {back.stat().st_size / 1e6:.2f} MB, {written.entries:,} entries")
        times: list[float] = []
        cpu: list[float] = []
        for r in range(args.repeat + (1 if args.profile else 0)):
            copy = folder / f"try{r}.db"
            shutil.copy(src, copy)
            ctx = open_database(copy)
            profiler = cProfile.Profile() if args.profile and r == args.repeat else None
            t0, c0 = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            sync_import.import_file(ctx.uow(), back, PASS)
            if profiler:
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)
            else:
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
            ctx.close()
            copy.unlink()
        best, best_cpu = min(times), min(cpu)
        print(f"laptop import after {args.days} days away: best {best:.2f} s wall-clock, {best_cpu:.2f} s CPU "
              f"of {len(times)} runs (wall {', '.join(f'{t:.2f}' for t in times)}; "
              f"CPU {', '.join(f'{t:.2f}' for t in cpu)}); target < {TARGET_S:.0f} s: "
              f"{best_cpu / TARGET_S:.2f} × the target (CPU)")
        for lap in laptops:
            if lap is not away:
                lap.ctx.close()
        office.close()
    finally:
        year.remove_unless_kept(folder, args.keep)


if __name__ == "__main__":
    main()
