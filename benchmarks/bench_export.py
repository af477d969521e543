"""Excel export: our formatted writer against bare openpyxl write-only, side by side in one run.

Usage: python benchmarks/bench_export.py [--rows 50000] [--repeat 3] [--no-db]

1. Time: ``io.excel.writer.write_table`` (title, styled header, widths, number formats, ○/×,
   wrapped multiline, print setup, temp file + rename) against openpyxl write-only appending the
   very same cell values bare (strings, ints, floats, dates, ○/× text), alternating runs after a
   warm-up; medians and their ratio. Target: ratio ≤ 1.5.
2. Memory: each variant in a fresh child process, peak RSS at 10,000 and at --rows rows (flat
   memory means the two are close), plus tracemalloc's peak of Python allocations.
3. End to end (unless --no-db): ``export_list(uow, 'people', ...)`` from a temporary database
   holding --rows people — the streamed list query feeding the writer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sasaeai_desktop.io.excel.spec import ColumnSpec
from sasaeai_desktop.io.excel.spec import SheetSpec

SPEC = SheetSpec(
    "bench",
    "ベンチマーク一覧",
    (
        ColumnSpec("code", "コード", "text", 8),
        ColumnSpec("name", "氏名", "text", 10),
        ColumnSpec("kana", "ふりがな", "text", 12),
        ColumnSpec("municipality", "市町村", "text", 10),
        ColumnSpec("population", "人口", "int", 9),
        ColumnSpec("aging_rate", "高齢化率(%)", "float", 9, number_format="0.0"),
        ColumnSpec("areas", "日常生活圏域数", "int", 9),
        ColumnSpec("visit_date", "訪問日", "date", 11),
        ColumnSpec("closed", "完了", "bool", 5),
        ColumnSpec("notes", "備考", "multiline", 30),
    ),
)
TITLE = ["ベンチマーク一覧　長野県　令和8年度", "出力日: 2026年11月26日（令和8年11月26日）"]
FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"]
GIVEN = ["一郎", "花子", "健太", "美咲", "大輔", "さくら", "翔太", "陽菜"]
TOWNS = ["長野市", "松本市", "上田市", "岡谷市", "飯田市", "諏訪市", "須坂市", "小諸市", "伊那市", "駒ヶ根市"]


def iter_rows(n: int) -> Iterator[tuple[Any, ...]]:
    rnd = random.Random(20261126)
    start = dt.date(2020, 4, 1)
    for i in range(n):
        notes = "" if i % 3 else f"協議体の運営について助言（{i}回目）\n次回は第2層の立ち上げを確認"
        yield (
            f"{200000 + i % 99999:06d}",
            f"{rnd.choice(FAMILY)}　{rnd.choice(GIVEN)}",
            "さとう　いちろう",
            rnd.choice(TOWNS),
            rnd.randint(500, 400_000),
            round(rnd.uniform(18, 55), 1),
            rnd.randint(1, 30),
            start + dt.timedelta(days=i % 2000),
            bool(i % 2),
            notes,
        )


def make_rows(n: int) -> list[tuple[Any, ...]]:
    return list(iter_rows(n))


def bare_row(r: tuple[Any, ...]) -> tuple[Any, ...]:
    """The same cells as plain values: ○/× text, empty text as no cell."""
    return r[:8] + ("○" if r[8] else "×", r[9] or None)


def bare_values(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [bare_row(r) for r in rows]


def write_bare(path: Path, rows: Iterable[tuple[Any, ...]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("bench")
    for row in rows:
        ws.append(row)
    wb.save(path)


def write_ours(path: Path, rows: Iterable[tuple[Any, ...]]) -> None:
    from sasaeai_desktop.io.excel.writer import write_table

    write_table(path, SPEC, rows, title_lines=TITLE, date_style="seireki", progress=lambda f, m: None)


VARIANTS: dict[str, Callable[[Path, Iterable[tuple[Any, ...]]], None]] = {"bare": write_bare, "ours": write_ours}


def _peak_rss_mb() -> float:
    """This process's peak RSS. /proc's VmHWM belongs to the process image, while ru_maxrss
    survives exec() on Linux and would report the parent's peak at fork time."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(variant: str, n: int) -> None:
    """Run one variant in this fresh process and print its memory as JSON (rows made lazily,
    so the peak is the writer's, not the test data's)."""
    rows: Iterable[tuple[Any, ...]] = iter_rows(n)
    if variant == "bare":
        rows = map(bare_row, rows)
    import openpyxl  # noqa: F401  (imports are not what we measure)

    import sasaeai_desktop.io.excel.writer  # noqa: F401

    base_rss = _peak_rss_mb()
    with tempfile.TemporaryDirectory() as tmp:
        tracemalloc.start()
        VARIANTS[variant](Path(tmp) / "x.xlsx", rows)
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    peak_rss = _peak_rss_mb()
    print(json.dumps({"base_rss": base_rss, "peak_rss": peak_rss, "traced_peak": traced_peak / 2**20}))


def memory_of(variant: str, n: int) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", variant, "--rows", str(n)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def time_side_by_side(n: int, repeat: int) -> None:
    rows = make_rows(n)
    plain = bare_values(rows)
    times: dict[str, list[float]] = {"bare": [], "ours": []}
    cpu: dict[str, list[float]] = {"bare": [], "ours": []}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_bare(folder / "warm.xlsx", plain[:2000])
        write_ours(folder / "warm2.xlsx", rows[:2000])
        for i in range(repeat):
            order = ("bare", "ours") if i % 2 == 0 else ("ours", "bare")
            for name in order:
                data = plain if name == "bare" else rows
                t0, c0 = time.perf_counter(), time.process_time()
                VARIANTS[name](folder / f"{name}.xlsx", data)
                times[name].append(time.perf_counter() - t0)
                cpu[name].append(time.process_time() - c0)
        sizes = {name: (folder / f"{name}.xlsx").stat().st_size / 2**20 for name in VARIANTS}
    bare, ours = statistics.median(times["bare"]), statistics.median(times["ours"])
    print(f"\n1. Time, {n:,} rows x {len(SPEC.columns)} columns, median of {repeat} alternating runs")
    print(f"   {'':34} {'seconds':>8} {'rows/s':>9} {'file MB':>8}  runs")
    print(f"   {'openpyxl write-only, bare values':34} {bare:8.2f} {n / bare:9,.0f} {sizes['bare']:8.1f}  "
          + " ".join(f"{t:.2f}" for t in times["bare"]))
    print(f"   {'write_table (formatted)':34} {ours:8.2f} {n / ours:9,.0f} {sizes['ours']:8.1f}  "
          + " ".join(f"{t:.2f}" for t in times["ours"]))
    pairs = [o / b for o, b in zip(times["ours"], times["bare"])]
    verdict = "within" if ours / bare <= 1.5 else "OVER"
    print(f"   ratio write_table / bare: {ours / bare:.2f}x (per pair: {', '.join(f'{p:.2f}' for p in pairs)})"
          f"  — {verdict} the 1.5x target")
    cpu_bare, cpu_ours = statistics.median(cpu["bare"]), statistics.median(cpu["ours"])
    print(f"   CPU seconds of this process (less disturbed by other load): bare {cpu_bare:.2f}, "
          f"write_table {cpu_ours:.2f}, ratio {cpu_ours / cpu_bare:.2f}x")


def memory_table(n: int) -> None:
    print("\n2. Memory, each run in a fresh process fed by a generator (peak RSS includes the interpreter,")
    print("   openpyxl and lxml's C buffers; tracemalloc counts Python allocations made while writing)")
    print(f"   {'':34} {'rows':>7} {'RSS before':>10} {'peak RSS':>9} {'traced peak':>12}")
    for name, label in (("bare", "openpyxl write-only, bare values"), ("ours", "write_table (formatted)")):
        for rows in sorted({min(10_000, n), n}):
            mem = memory_of(name, rows)
            print(f"   {label:34} {rows:7,} {mem['base_rss']:8.0f} MB {mem['peak_rss']:6.0f} MB "
                  f"{mem['traced_peak']:9.1f} MB")


def end_to_end(n: int) -> None:
    from sqlalchemy import insert

    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.db import models as m
    from sasaeai_desktop.services import municipalities
    from sasaeai_desktop.services import setup
    from sasaeai_desktop.services.exports import export_list

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with open_database(folder / "bench.db") as ctx:
            setup.init_prefecture(ctx.uow(), "長野県")
            munis = [mid for mid, _ in municipalities.choices(ctx.uow())]
            rnd = random.Random(7)
            people = []
            for i in range(n):
                name = f"{rnd.choice(FAMILY)}{rnd.choice(GIVEN)}"
                people.append(dict(
                    name=name, kana="さとういちろう", name_key=name, kana_key="さとういちろう", role="第2層SC",
                    municipality_id=rnd.choice(munis), affiliation="社会福祉協議会", title="主任",
                    phone=f"026-{i % 1000:03d}-{i % 10000:04d}", email=f"user{i}@example.jp",
                ))
            with ctx.uow() as uow:
                uow.session.execute(insert(m.Person), people)
                uow.commit()
            del people
            out = folder / "people.xlsx"
            tracemalloc.start()
            t0 = time.perf_counter()
            written = export_list(ctx.uow(), "people", out)
            elapsed = time.perf_counter() - t0
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            t0 = time.perf_counter()
            written = export_list(ctx.uow(), "people", out)  # untraced, for the time
            untraced = time.perf_counter() - t0
        print(f"\n3. End to end: export_list(uow, 'people') from a temporary database of {n:,} people")
        print(f"   {written:,} rows x 8 columns in {untraced:.2f} s ({written / untraced:,.0f} rows/s), "
              f"{out.stat().st_size / 2**20:.1f} MB; Python peak while exporting {peak / 2**20:.1f} MB "
              f"(traced run {elapsed:.2f} s)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-db", action="store_true", help="skip the end-to-end database export")
    ap.add_argument("--child", choices=sorted(VARIANTS), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.rows)
        return
    import openpyxl

    try:
        import lxml  # noqa: F401

        has_lxml = "with lxml"
    except ImportError:
        has_lxml = "WITHOUT lxml (about 25% slower)"
    print(f"Excel export benchmark: Python {sys.version.split()[0]}, openpyxl {openpyxl.__version__} {has_lxml}, "
          f"{os.cpu_count()} CPUs")
    time_side_by_side(args.rows, args.repeat)
    memory_table(args.rows)
    if not args.no_db:
        end_to_end(args.rows)


if __name__ == "__main__":
    main()
