"""Check-in: a keystroke at the reception desk → the matching list, with ~50,000 people.

The desk types a few kana one keystroke at a time; every prefix is a query. Measured per
keystroke (p50/p95 over every prefix of 40 readings) for services.trainings.checkin.checkin_search
(the event's registrations through the index on registration.event_id, instr() on the keys)
and suggest_people (walk-ins: prefix range scans on person.kana_key / name_key indexes), against
the baseline of loading every person and matching in Python. Target: p95 < 30 ms.

    python benchmarks/bench_checkin.py [--scale 20]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from collections.abc import Callable

import baselines
from _common import demo_database


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=20)
    args = ap.parse_args()
    from sqlalchemy import func
    from sqlalchemy import select

    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.db import models as m
    from sasaeai_desktop.services.trainings import checkin as training_checkin
    from sasaeai_desktop.services.trainings import person_match

    db = demo_database(args.scale)
    ctx = open_database(db)
    uow = ctx.uow
    with uow() as u:
        people = u.session.scalar(select(func.count(m.Person.id)))
        r = m.Registration
        event_id, regs = u.session.execute(
            select(r.event_id, func.count(r.id)).group_by(r.event_id).order_by(func.count(r.id).desc()).limit(1)
        ).one()
        sid = u.session.scalar(select(m.TrainingSession.id).where(m.TrainingSession.event_id == event_id))
        kanas = [k for (k,) in u.session.execute(select(m.Person.kana).join(r, r.person_id == m.Person.id)
                                                  .where(r.event_id == event_id))]
    rng = random.Random(7)
    words = [k.replace(" ", "") for k in rng.sample(kanas, min(40, len(kanas)))]
    keystrokes = [w[:i] for w in words for i in range(1, min(len(w), 5) + 1)]

    def timed(fn: Callable[[str], object], texts: list[str]) -> list[float]:
        out = []
        for q in texts:
            t0 = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - t0) * 1000)
        return out

    checkin = timed(lambda q: training_checkin.checkin_search(uow(), event_id, sid, q), keystrokes)
    walkin = timed(lambda q: person_match.suggest_people(uow(), q), keystrokes)
    base = timed(lambda q: baselines.search_all_people_python(uow(), q), keystrokes[:30])

    def p(xs: list[float], q: int) -> float:
        return statistics.quantiles(xs, n=100)[q - 1]

    print(f"people {people:,}, event registrations {regs:,}, keystrokes {len(keystrokes)}")
    print(f"{'':34}{'p50 ms':>9}{'p95 ms':>9}{'vs baseline p95':>17}")
    bp95 = p(base, 95)
    for label, xs in (("check-in (event, SQL)", checkin), ("walk-in people (index prefix)", walkin),
                      ("baseline: all people in Python", base)):
        print(f"{label:34}{p(xs, 50):9.2f}{p(xs, 95):9.2f}{bp95 / p(xs, 95):16.1f}x")
    print(f"target p95 < 30 ms: check-in {'OK' if p(checkin, 95) < 30 else 'MISSED'}, "
          f"walk-in {'OK' if p(walkin, 95) < 30 else 'MISSED'}")
    ctx.close()


if __name__ == "__main__":
    main()
