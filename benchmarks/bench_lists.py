"""List pages on a large database: open, sort by every column, filter — ours against raw sqlite3.

Usage: python benchmarks/bench_lists.py [--scale 20]
Prints, per list kind and operation, our median time (listing.fetch_page: the page query and the
count, through SQLAlchemy) next to the very same SQL run with the standard sqlite3 module in the
same process, and the ratio. Targets (issue 2): each under 150 ms and within 2x of raw sqlite3.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import best_of
from _common import demo_database
from _common import peak_rss_mb

SEARCHES = {  # a short (1–2 characters) and a longer term per list, as officers type them
    "municipalities": ["松", "まつもと"],
    "people": ["高橋", "たかはし"],
    "advisors": ["居場", "協議体の立ち上げ"],
    "visits": ["移動", "住民ワークショップ"],
    "consultations": ["居場", "生活支援コーディネーター"],
    "dispatches": ["講演", "協議体の構成員"],
    "events": ["研修", "情報交換会"],
}
OTHER_SEARCHES = ["市", "支援"]  # a list added later without terms of its own


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services import listing
    from sasaeai_desktop.services.listing import PageRequest

    db = demo_database(args.scale)
    ctx = open_database(db, lock=False)
    raw = sqlite3.connect(db)
    dialect = ctx.engine.dialect

    def raw_run(stmt: Any) -> None:
        compiled = stmt.compile(dialect=dialect)
        params = [compiled.params[k] for k in compiled.positiontup]
        raw.execute(compiled.string, params).fetchall()

    rows = []
    for kind in listing.list_kinds():
        ops: list[tuple[str, PageRequest]] = [("open", PageRequest())]
        for col in listing.columns(kind):
            ops.append((f"sort {col.key}", PageRequest(sort_key=col.key)))
            ops.append((f"sort {col.key} desc", PageRequest(sort_key=col.key, descending=True)))
        for term in SEARCHES.get(kind, OTHER_SEARCHES):
            ops.append((f"filter '{term}'", PageRequest(search=term)))
        total = listing.count(ctx.uow(), kind, PageRequest())
        for name, req in ops:
            ours = best_of(lambda kind=kind, req=req: listing.fetch_page(ctx.uow(), kind, req), args.repeat)
            base = best_of(
                lambda kind=kind, req=req: (raw_run(listing.page_query(kind, req)), raw_run(listing.count_query(kind, req))),
                args.repeat,
            )
            rows.append((kind, total, name, ours, base))

    print(f"demo --scale {args.scale}: {db}")
    print(f"{'list':15} {'rows':>8} {'operation':34} {'ours ms':>8} {'sqlite3 ms':>10} {'ratio':>6}")
    for kind, total, name, ours, base in rows:
        flag = "" if ours < 0.150 and ours <= 2 * base else "  <-- over target"
        print(f"{kind:15} {total:8,} {name:34} {ours*1000:8.1f} {base*1000:10.1f} {ours/base:6.2f}{flag}")
    worst = max(rows, key=lambda r: r[3])
    worst_ratio = max(rows, key=lambda r: r[3] / r[4])
    print(f"slowest: {worst[0]} {worst[2]} {worst[3]*1000:.1f} ms; highest ratio: {worst_ratio[0]} {worst_ratio[2]} "
          f"{worst_ratio[3]/worst_ratio[4]:.2f}x; peak RSS {peak_rss_mb():.0f} MB")
    ctx.close()


if __name__ == "__main__":
    main()
