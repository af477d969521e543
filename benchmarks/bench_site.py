"""The web site of local activities (sasaeai site export) for the demo data: its size, and its
time against the floor of writing the same files.

Usage: python benchmarks/bench_site.py [--scale 1] [--repeat 3] [--keep DIR]

- end to end: ``services.catalogue.site.write_site`` on the demo database (``sasaeai demo --scale
  N``, cached) into a new folder: the booklet's query of the published entries and consented
  photos, every page rendered, the folder written beside the target and moved into place;
- replace: the same over the earlier export (moved aside, then removed);
- dry run: ``plan_site`` (what the window shows before writing);
- floor: the same files' bytes, already in memory, written into a new folder (no query, no HTML).

Target (issue 19): the folder < 20 MB. Medians of alternating runs after a warm-up.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._common import demo_run
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.services.catalogue.booklet import BookletOptions
from sasaeai_desktop.services.catalogue.site import plan_site
from sasaeai_desktop.services.catalogue.site import write_site


def floor(files: dict[str, bytes], out: Path) -> None:
    for rel, data in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def main() -> None:
    args, db, folder = demo_run("site")
    site = folder / "site"
    shutil.rmtree(site, ignore_errors=True)
    with open_database(db) as ctx:
        result = write_site(ctx.uow(), site, BookletOptions())  # also the warm-up
        files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
        n = [0]

        def fresh() -> None:
            n[0] += 1
            write_site(ctx.uow(), folder / f"fresh{n[0]}", BookletOptions())

        def bare() -> None:
            n[0] += 1
            floor(files, folder / f"floor{n[0]}")

        runs = {"end to end": fresh, "replace": lambda: write_site(ctx.uow(), site, BookletOptions()),
                "dry run": lambda: plan_site(ctx.uow(), BookletOptions()), "floor": bare}
        times: dict[str, list[float]] = {k: [] for k in runs}
        for _ in range(args.repeat):
            for name, fn in runs.items():
                t0 = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - t0)
    size = sum(len(b) for b in files.values())
    photos = sum(len(b) for rel, b in files.items() if rel.startswith("photos/"))
    print(f"site, demo scale {args.scale}: {result.entries} published activities, {result.pages} pages, "
          f"{result.photos} photos, {len(files)} files, {size / 1024 / 1024:.2f} MB ({photos / 1024 / 1024:.2f} MB photos); "
          f"target < 20 MB: {'ok' if size < 20 * 1024 * 1024 else 'MISSED'}")
    for name in runs:
        print(f"  {name:10s} {statistics.median(times[name]):6.2f} s wall (median of {args.repeat})")
    print(f"  folders in {folder}")


if __name__ == "__main__":
    main()
