"""Large sync imports, for before/after comparisons of the import path (not part of the tests).

    python benchmarks/bench_sync_import.py [--people 30000] [--laptops 8] [--edits 400] [--repeat 3]

1. join: a new laptop applies an enrolment file of ``--people`` people (one change row each, in
   entries of 1,000) plus the prefecture's municipalities.
2. known: a second laptop reads the office's full file again after joining (every entry already
   held: the "スキップ" path a fork check must not slow down).
3. round: ``--laptops`` laptops each make ``--edits`` single-field edits; the office imports all
   their files.
Prints the median of ``--repeat`` runs of each, in seconds, wall clock and CPU of this process.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert
from sqlalchemy import update

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db import models as m
from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.sync import enrolment as sync_enrolment
from sasaeai_desktop.services.sync import export as sync_export
from sasaeai_desktop.services.sync import importing as sync_import
from sasaeai_desktop.services.sync import replica as sync_replica

PASS = "ベンチマーク用の合言葉"


def build(folder: Path, n_people: int, laptops: int) -> list[str]:
    office = open_database(folder / "office.db")
    setup.init_prefecture(office.uow(), "長野県")
    ids = []
    for start in range(0, n_people, 1000):
        rows = [dict(id=f"p-{i:08d}", name=f"人 {i}", kana=f"ひと {i}") for i in range(start, min(start + 1000, n_people))]
        ids += [r["id"] for r in rows]
        with office.uow() as uow:
            uow.session.execute(insert(m.Person), rows)
            uow.commit()
        sync_replica.seal_pending(office.uow())
    sync_enrolment.make_enrolment(office.uow(), folder / "enrol.sync", PASS)
    office.close()
    return ids


CPU: dict[str, float] = {}


def timed(fn: Callable[[], object], key: str = "") -> float:
    """Wall seconds; the process's CPU seconds go to CPU[key] (steadier on a shared machine)."""
    t, c = time.perf_counter(), time.process_time()
    fn()
    if key:
        CPU[key] = time.process_time() - c
    return time.perf_counter() - t


def run_once(folder: Path, ids: list[str], laptops: int, edits: int) -> dict[str, float]:
    work = folder / "run"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    shutil.copyfile(folder / "office.db", work / "office.db")
    out: dict[str, float] = {}
    lap = open_database(work / "l0.db")
    out["join"] = timed(lambda: sync_enrolment.join(lap.uow(), folder / "enrol.sync", PASS, name="l0"), "join")
    sync_export.export_changes(lap.uow(), work / "l0-full.sync", PASS)
    other = open_database(work / "l1.db")
    sync_enrolment.join(other.uow(), folder / "enrol.sync", PASS, name="l1")
    out["known"] = timed(lambda: sync_import.import_file(other.uow(), work / "l0-full.sync", PASS), "known")
    files = []
    ctxs = [lap, other]
    for k in range(2, laptops):
        c = open_database(work / f"l{k}.db")
        sync_enrolment.join(c.uow(), folder / "enrol.sync", PASS, name=f"l{k}")
        ctxs.append(c)
    for k, c in enumerate(ctxs):
        for j in range(edits):
            pid = ids[(k * 7919 + j * 104729) % len(ids)]
            with c.uow() as uow:
                uow.session.execute(update(m.Person).where(m.Person.id == pid).values(notes=f"l{k}-{j}"))
                uow.commit()
        p = work / f"l{k}.sync"
        sync_export.export_changes(c.uow(), p, PASS)
        files.append(p)
    office = open_database(work / "office.db")
    out["round"] = timed(lambda: [sync_import.import_file(office.uow(), p, PASS) for p in files], "round")
    out.update({f"{k} cpu": v for k, v in CPU.items()})
    for c in [*ctxs, office]:
        c.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=30000)
    ap.add_argument("--laptops", type=int, default=8)
    ap.add_argument("--edits", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    pkg.SCRYPT_N = 2**4  # the key derivation is not what is measured
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-import-"))
    try:
        ids = build(folder, args.people, args.laptops)
        runs = [run_once(folder, ids, args.laptops, args.edits) for _ in range(args.repeat)]
        for key in runs[0]:
            values = [r[key] for r in runs]
            print(f"{key:10s} median {statistics.median(values):6.2f} s  (runs: {', '.join(f'{v:.2f}' for v in values)})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
