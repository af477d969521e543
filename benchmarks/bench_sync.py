"""Figures for sync by file exchange (not part of the test run).

    python benchmarks/bench_sync.py [--laptops 20] [--edits 1000] [--scale 1]

1. Metadata (change log, entries, heads, peers) against data, on ``demo --scale N``.
2. What capture costs a 50,000-row bulk ``insert()`` (triggers on, against the same insert with
   the capture triggers dropped).
3. A round through the office PC: every laptop exports what the office lacks, the office imports
   all of them, then exports to each laptop what it lacks, and each laptop imports that. Times,
   file sizes, conflicts per 1,000 concurrent edits, and a convergence check.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from sasaeai_desktop import demo
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.sync import enrolment as sync_enrolment
from sasaeai_desktop.services.sync import export as sync_export
from sasaeai_desktop.services.sync import importing as sync_import
from sasaeai_desktop.services.sync import replica as sync_replica
from sasaeai_desktop.services.sync import status as sync_status

PASS = "ベンチマーク用の合言葉"


def sizes(path: Path) -> dict[str, int]:
    """Bytes per group: sync metadata, synced data, local derived (search index), other."""
    db = sqlite3.connect(path)
    try:
        tables = cc.synced_tables(db)
        owner = {r[0]: r[1] for r in db.execute("SELECT name, tbl_name FROM sqlite_master")}
        out = {"metadata": 0, "data": 0, "search index": 0, "other": 0}
        for name, size in db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            table = owner.get(name, name)
            if table.startswith("sync_"):
                out["metadata"] += size
            elif table in tables:
                out["data"] += size
            elif table.startswith("search"):
                out["search index"] += size
            else:
                out["other"] += size
        return out
    finally:
        db.close()


def mb(n: float) -> str:
    return f"{n / 1_000_000:.1f} MB"


def metadata_figures(folder: Path, scale: int) -> Path:
    path = folder / f"demo{scale}.db"
    with open_database(path) as ctx:
        setup.init_prefecture(ctx.uow(), "長野県")
        t0 = time.perf_counter()
        result = demo.fill_demo(ctx.uow(), scale=scale, seed=7)
        took = time.perf_counter() - t0
        sync_status.status(ctx.uow())  # seal
    s = sizes(path)
    rows = sum(result.rows.values())
    print(f"## Metadata against data (demo --scale {scale}: {rows:,} rows, fill {took:.1f} s)")
    print(f"data (synced tables + indexes): {mb(s['data'])}")
    print(f"sync metadata (change log + entries + heads + indexes): {mb(s['metadata'])} = {s['metadata'] / s['data']:.2f} × data")
    print(f"search index (local): {mb(s['search index'])}; file: {mb(path.stat().st_size)}")
    return path


def capture_cost(folder: Path, n: int = 50_000) -> None:
    def run(with_triggers: bool) -> float:
        path = folder / f"bulk-{with_triggers}.db"
        with open_database(path) as ctx:
            setup.init_prefecture(ctx.uow(), "長野県")
            if not with_triggers:
                with ctx.uow() as uow:
                    cc.drop_triggers(uow.session.connection().connection.dbapi_connection)
                    uow.commit()
            rows = [
                dict(name=f"試験 太郎{i}", kana=f"しけん たろう{i}", name_key=name_key(f"試験 太郎{i}"),
                     kana_key=kana_key(f"しけん たろう{i}"), role="市町村職員", notes="")
                for i in range(n)
            ]
            with ctx.uow() as uow:
                t0 = time.perf_counter()
                uow.session.execute(insert(m.Person), rows)
                uow.commit()
                return time.perf_counter() - t0

    off = statistics.median(run(False) for _ in range(3))
    on = statistics.median(run(True) for _ in range(3))
    print(f"\n## Capture cost: bulk insert of {n:,} people")
    print(f"without capture triggers: {off:.2f} s; with: {on:.2f} s (+{(on - off) / off * 100:.0f}%, {(on - off) / n * 1e6:.1f} µs per row)")


def laptop_edits(ctx, rng: random.Random, n: int, person_ids: list[str], i: int) -> int:
    """n edits, each its own transaction, through the ORM and bulk paths; returns field edits."""
    fields = ("phone", "notes", "title", "email")
    done = 0
    with ctx.uow() as uow:
        new = [dict(name=f"新規{i}-{k}", kana=f"しんき{i}-{k}", name_key=f"新規{i}-{k}", kana_key=f"しんき{i}-{k}") for k in range(n // 5)]
        uow.session.execute(insert(m.Person), new)
        uow.commit()
    done += n // 5
    while done < n:
        pid = rng.choice(person_ids)
        f = rng.choice(fields)
        with ctx.uow() as uow:
            p = uow.session.get(m.Person, pid)
            setattr(p, f, f"{f}-{i}-{done}" if f != "email" else f"u{i}x{done}@example.jp")
            uow.commit()
        done += 1
    return done


def round_figures(folder: Path, office_db: Path, laptops: int, edits: int) -> None:
    rng = random.Random(20)
    office = open_database(office_db)
    sync_replica.set_replica_name(office.uow(), "事務所PC")
    t0 = time.perf_counter()
    enrol = sync_enrolment.make_enrolment(office.uow(), folder / "enrol.sync", PASS)
    t_enrol = time.perf_counter() - t0
    ctxs = []
    t_join = []
    for i in range(laptops):
        ctx = open_database(folder / f"laptop{i:02d}.db")
        t0 = time.perf_counter()
        sync_enrolment.join(ctx.uow(), folder / "enrol.sync", PASS, name=f"職員{i:02d}")
        t_join.append(time.perf_counter() - t0)
        ctxs.append(ctx)
    print(f"\n## Enrolment: file {mb(enrol.bytes)} ({enrol.changes:,} changes), written in {t_enrol:.1f} s; "
          f"join {statistics.median(t_join):.1f} s per laptop (median)")
    with office.uow() as uow:
        person_ids = [r[0] for r in uow.session.connection().exec_driver_sql("SELECT id FROM person ORDER BY id").fetchall()]
    office_id = sync_status.status(office.uow()).replica_id
    total_edits = 0
    for i, ctx in enumerate(ctxs):
        total_edits += laptop_edits(ctx, rng, edits, person_ids, i)
    # what the laptops wrote to the same (person, field) pairs: each such group is concurrent
    touched: dict[tuple[str, str], int] = {}
    for ctx in ctxs:
        with ctx.uow() as uow:
            db = uow.session.connection().connection.dbapi_connection
            sealed = int(cc.get_meta(db, cc.META_SEALED) or 0)
            import json

            for row_id, data in db.execute("SELECT row_id, data FROM sync_change WHERE tbl = 'person' AND op = 'U' AND seq > ?", (sealed,)):
                for f in json.loads(data):
                    if f not in ("deleted", "updated_at"):
                        touched[(row_id, f)] = touched.get((row_id, f), 0) + 1
    out_times, out_sizes, in_times, conflicts = [], [], [], 0
    for i, ctx in enumerate(ctxs):
        t0 = time.perf_counter()
        r = sync_export.export_changes(ctx.uow(), folder / f"l{i:02d}.sync", PASS, for_peer=office_id)
        out_times.append(time.perf_counter() - t0)
        out_sizes.append(r.bytes)
    for i in range(laptops):
        t0 = time.perf_counter()
        res = sync_import.import_file(office.uow(), folder / f"l{i:02d}.sync", PASS)
        in_times.append(time.perf_counter() - t0)
        conflicts += res.conflicts
    back_times, back_sizes, back_in = [], [], []
    for i, ctx in enumerate(ctxs):
        lid = sync_status.status(ctx.uow()).replica_id
        t0 = time.perf_counter()
        r = sync_export.export_changes(office.uow(), folder / f"o{i:02d}.sync", PASS, for_peer=lid)
        back_times.append(time.perf_counter() - t0)
        back_sizes.append(r.bytes)
        t0 = time.perf_counter()
        sync_import.import_file(ctx.uow(), folder / f"o{i:02d}.sync", PASS)
        back_in.append(time.perf_counter() - t0)
    collided = sum(1 for v in touched.values() if v > 1)
    print(f"\n## Round through the office: {laptops} laptops × {edits:,} edits ({total_edits:,} edits)")
    print(f"laptop export: {statistics.median(out_times):.2f} s median, {max(out_times):.2f} s max; file {statistics.median(out_sizes) / 1000:.0f} kB median")
    print(f"office import of {laptops} files: {sum(in_times):.1f} s total ({statistics.median(in_times):.2f} s median, {max(in_times):.2f} s max)")
    print(f"office export per laptop: {statistics.median(back_times):.2f} s median; file {statistics.median(back_sizes) / 1000:.0f} kB median, {max(back_sizes) / 1000:.0f} kB max")
    print(f"laptop import: {statistics.median(back_in):.2f} s median, {max(back_in):.2f} s max")
    print(f"whole round: {sum(out_times) + sum(in_times) + sum(back_times) + sum(back_in):.1f} s of work")
    print(f"conflicts: {conflicts} recorded at the office for {total_edits:,} concurrent edits = {conflicts / total_edits * 1000:.1f} per 1,000 "
          f"({collided} (person, field) pairs written by two or more laptops)")
    dumps = [sync_replica.canonical_dump(office.uow())] + [sync_replica.canonical_dump(ctxs[i].uow()) for i in (0, laptops - 1)]
    print(f"converged (office = first = last laptop): {dumps[0] == dumps[1] == dumps[2]}")
    s_off = sizes(office_db)
    print(f"office metadata after the round: {mb(s_off['metadata'])} against data {mb(s_off['data'])} ({s_off['metadata'] / s_off['data']:.2f} ×)")
    for c in [office, *ctxs]:
        c.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--laptops", type=int, default=20)
    ap.add_argument("--edits", type=int, default=1000)
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--skip-capture", action="store_true")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        office = metadata_figures(folder, args.scale)
        if not args.skip_capture:
            capture_cost(folder)
        round_figures(folder, office, args.laptops, args.edits)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
