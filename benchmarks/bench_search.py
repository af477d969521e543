"""Search and timeline over ~100,000 visits + consultations (demo --scale 20).

Prints p50/p95 of ``services.activities.search.search`` per query class beside, in the same run, the way it
answered before (``before``: bm25 over every match, instr for short words, a scan when only short
words; ratio = before / now) and a plain LIKE '%q%' scan of the same tables, and the timeline of
the busiest municipality. Targets (issue 6): search p95 < 50 ms, timeline < 100 ms.

The cached demo database is copied once (opening it migrates it to the search index revision).
"""

from __future__ import annotations

import shutil
import statistics
import time

import baselines
from _common import CACHE
from _common import cached_database_current
from _common import demo_database

QUERIES = {
    "3+ chars (FTS)": ["協議体", "移動支援", "居場所づくり", "ふれあい", "サロン", "担い手養成", "ガイドライン", "ニーズ調査", "見守り", "ワークショップ"],
    "two words (FTS + instr)": ["担い手 養成", "ガイドライン 庁内", "空き家 居場所"],
    "1–2 chars": ["移動", "居場", "SC", "会", "ゴミ", "交流", "庁内", "ケア"],
    "mixed long/short": ["協議体 会", "居場所 移動", "生活支援 SC", "ボランティア 庁内"],
    "no match": ["該当なし語句", "ｘｙ", "ぬゑ"],
}


def before(uow, query: str, limit: int = 50) -> list[tuple[str, str]]:
    """The previous way of answering (for the ratio): bm25 over all matches of the 3+ character
    words with instr() for the short ones, or the newest-first scan when every word is short."""
    from sasaeai_desktop.services.activities import search as s

    terms = s.split_terms(query)
    long_terms = [t for t in terms if len(t) >= s.MIN_FTS_CHARS]
    short = [s._fold(t) for t in terms if len(t) < s.MIN_FTS_CHARS]
    if long_terms:
        extra, params = s._fts_where(list(s.KINDS), None, None, short)
        sql, args = s._fts_sql(extra, windowed=False), [" AND ".join(s._phrase(t) for t in long_terms), *params, limit + 1]
    else:
        sql, params = s._scan_sql(list(s.KINDS), None, None, short)
        args = [*params, limit + 1]
    with uow:
        return [(r[0], r[1]) for r in uow.session.connection().exec_driver_sql(sql, tuple(args)).fetchall()]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    src = demo_database(20)
    path = CACHE / "demo-scale20-search.db"
    if not cached_database_current(path):
        shutil.copy(src, path)
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services.activities import search
    from sasaeai_desktop.services.activities import timeline

    ctx = open_database(path)
    uow = ctx.uow
    with ctx.engine.connect() as conn:
        n_docs = conn.exec_driver_sql("SELECT count(*) FROM visit").scalar() + conn.exec_driver_sql("SELECT count(*) FROM consultation").scalar()
    print(f"visits + consultations: {n_docs:,}")
    all_s: list[float] = []
    all_b: list[float] = []
    all_l: list[float] = []
    print(f"{'class':20} {'now p50':>8} {'p95':>7} {'before p50':>10} {'p95':>7} {'ratio p95':>9} {'LIKE p95':>9} {'ratio':>6}")

    def timed(fn, q: str, n: int) -> list[float]:
        out = []
        for _ in range(n):
            t0 = time.perf_counter()
            fn(uow(), q)
            out.append((time.perf_counter() - t0) * 1000)
        return out

    for label, queries in QUERIES.items():
        ts, tb, tl = [], [], []
        for q in queries:
            search.search(uow(), q)
            before(uow(), q)
            ts += timed(search.search, q, 5)
            tb += timed(before, q, 3)
            tl += timed(baselines.like_scan, q, 2)
        all_s += ts
        all_b += tb
        all_l += tl
        print(f"{label:20} {statistics.median(ts):6.1f}ms {pct(ts, 95):5.1f}ms {statistics.median(tb):8.1f}ms {pct(tb, 95):5.1f}ms "
              f"{pct(tb, 95) / pct(ts, 95):8.1f}x {pct(tl, 95):7.1f}ms {pct(tl, 95) / pct(ts, 95):5.1f}x")
    print(f"{'ALL':20} {statistics.median(all_s):6.1f}ms {pct(all_s, 95):5.1f}ms {statistics.median(all_b):8.1f}ms {pct(all_b, 95):5.1f}ms "
          f"{pct(all_b, 95) / pct(all_s, 95):8.1f}x {pct(all_l, 95):7.1f}ms {pct(all_l, 95) / pct(all_s, 95):5.1f}x"
          f"   target p95 < 50 ms: {'OK' if pct(all_s, 95) < 50 else 'MISSED'}")
    with ctx.engine.connect() as conn:
        mid, n = conn.exec_driver_sql(
            "SELECT municipality_id, count(*) c FROM visit GROUP BY 1 ORDER BY c DESC LIMIT 1").one()
    timeline.timeline(uow(), mid)
    tt = []
    for _ in range(7):
        t0 = time.perf_counter()
        entries = timeline.timeline(uow(), mid)
        tt.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    timeline.timeline(uow(), mid, fiscal_year=2020)
    one_fy = (time.perf_counter() - t0) * 1000
    print(f"timeline of the busiest municipality ({len(entries):,} entries): median {statistics.median(tt):.1f} ms, "
          f"max {max(tt):.1f} ms; one 年度 {one_fy:.1f} ms   target < 100 ms: {'OK' if max(tt) < 100 else 'MISSED'}")
    ctx.close()


if __name__ == "__main__":
    main()
