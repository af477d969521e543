"""Search and timeline over ~100,000 visits + consultations (demo --scale 20).

Prints p50/p95 of ``services.search.search`` per query class beside a plain LIKE '%q%' scan of the
same tables in the same run (ratio = LIKE / search), and the timeline of the busiest municipality.
Targets (issue 6): search p95 < 50 ms, timeline < 100 ms.

The cached demo database is copied once (opening it migrates it to the search index revision).
"""

from __future__ import annotations

import shutil
import statistics
import time

from _common import CACHE, demo_database

QUERIES = {
    "3+ chars (FTS)": ["協議体", "移動支援", "居場所づくり", "ふれあい", "サロン", "担い手養成", "ガイドライン", "ニーズ調査", "見守り", "ワークショップ"],
    "two words (FTS + instr)": ["担い手 養成", "ガイドライン 庁内", "空き家 居場所"],
    "1–2 chars (scan)": ["移動", "居場", "SC", "会", "ゴミ", "交流"],
    "no match": ["該当なし語句", "ｘｙ"],
}


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    src = demo_database(20)
    path = CACHE / "demo-scale20-search.db"
    if not path.exists():
        shutil.copy(src, path)
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services import search, timeline

    ctx = open_database(path)
    uow = ctx.uow
    with ctx.engine.connect() as conn:
        n_docs = conn.exec_driver_sql("SELECT count(*) FROM visit").scalar() + conn.exec_driver_sql("SELECT count(*) FROM consultation").scalar()
    print(f"visits + consultations: {n_docs:,}")
    all_s: list[float] = []
    all_l: list[float] = []
    print(f"{'class':28} {'search p50':>10} {'p95':>8} {'LIKE p50':>9} {'p95':>8} {'ratio p95':>9}")
    for label, queries in QUERIES.items():
        ts, tl = [], []
        for q in queries:
            search.search(uow(), q)
            for _ in range(5):
                t0 = time.perf_counter(); search.search(uow(), q); ts.append((time.perf_counter() - t0) * 1000)
            for _ in range(2):
                t0 = time.perf_counter(); search.like_scan(uow(), q); tl.append((time.perf_counter() - t0) * 1000)
        all_s += ts
        all_l += tl
        print(f"{label:28} {statistics.median(ts):8.1f}ms {pct(ts, 95):6.1f}ms {statistics.median(tl):7.1f}ms {pct(tl, 95):6.1f}ms {pct(tl, 95) / pct(ts, 95):8.1f}x")
    print(f"{'ALL':28} {statistics.median(all_s):8.1f}ms {pct(all_s, 95):6.1f}ms {statistics.median(all_l):7.1f}ms {pct(all_l, 95):6.1f}ms {pct(all_l, 95) / pct(all_s, 95):8.1f}x"
          f"   target p95 < 50 ms: {'OK' if pct(all_s, 95) < 50 else 'MISSED'}")
    with ctx.engine.connect() as conn:
        mid, n = conn.exec_driver_sql(
            "SELECT municipality_id, count(*) c FROM visit GROUP BY 1 ORDER BY c DESC LIMIT 1").one()
    timeline.timeline(uow(), mid)
    tt = []
    for _ in range(7):
        t0 = time.perf_counter(); entries = timeline.timeline(uow(), mid); tt.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter(); timeline.timeline(uow(), mid, fiscal_year=2020); one_fy = (time.perf_counter() - t0) * 1000
    print(f"timeline of the busiest municipality ({len(entries):,} entries): median {statistics.median(tt):.1f} ms, "
          f"max {max(tt):.1f} ms; one 年度 {one_fy:.1f} ms   target < 100 ms: {'OK' if max(tt) < 100 else 'MISSED'}")
    ctx.close()


if __name__ == "__main__":
    main()
