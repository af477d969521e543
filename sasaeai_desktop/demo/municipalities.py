"""The municipalities the demo fills: their figures (population, 高齢化率, 日常生活圏域) and the
timeline of the program in each (SCs, councils, stages, 総合事業 services)."""

from __future__ import annotations

import math
from datetime import date

from sqlalchemy import select
from sqlalchemy import update

from sasaeai_desktop.db import models as m
from sasaeai_desktop.demo import names as N
from sasaeai_desktop.demo import phrases as P
from sasaeai_desktop.demo.days import stamp
from sasaeai_desktop.demo.world import PROGRAM_START_FY
from sasaeai_desktop.demo.world import Muni
from sasaeai_desktop.demo.world import World
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.domain.fiscal_year import fiscal_year_range

DEMO_KINDS: tuple[str, ...] = ("市", "町", "村", "特別区")  # insurers with people and figures
REFERENCE_MUNICIPALITIES = 77  # the volumes of the area modules are for a prefecture of this size


def load_municipalities(w: World) -> None:
    pref_id = w.s.scalar(select(m.Prefecture.id).where(m.Prefecture.code == w.pref_code))
    mun = m.Municipality
    rows = w.s.execute(
        select(mun.id, mun.code, mun.name, mun.kind, mun.county, mun.designated_city)
        .where(mun.prefecture_id == pref_id, mun.kind.in_(DEMO_KINDS), mun.deleted.is_(False))
        .order_by(mun.code)
    ).all()
    if not rows:
        raise UserError(f"{w.pref_name}の市町村が登録されていません。先に sasaeai init を実行してください。")
    w.munis = [Muni(i, *r) for i, r in enumerate(rows)]
    w.f = len(w.munis) / REFERENCE_MUNICIPALITIES


def figures(w: World) -> None:
    """Population, 高齢化率 and 日常生活圏域 of every municipality; the status timeline."""
    r = w.rng
    first_city = True
    updates = []
    for mu in w.munis:
        if mu.kind == "市" and mu.designated:
            pop = r.uniform(700_000, 1_500_000)
        elif mu.kind == "市" and first_city:
            pop, first_city = r.uniform(250_000, 400_000), False
        elif mu.kind == "市":
            pop = min(300_000, max(15_000, math.exp(r.gauss(math.log(45_000), 0.6))))
        elif mu.kind == "特別区":
            pop = min(600_000, max(50_000, math.exp(r.gauss(math.log(200_000), 0.6))))
        elif mu.kind == "町":
            pop = min(45_000, max(2_500, math.exp(r.gauss(math.log(9_000), 0.6))))
        else:
            pop = min(12_000, max(600, math.exp(r.gauss(math.log(2_500), 0.7))))
        mu.pop = int(round(pop, -1 if pop < 10_000 else -2))
        mu.aging = round(min(50.0, max(25.0, 47 - 7 * math.log10(mu.pop / 1000) + r.gauss(0, 2.5))), 1)
        if mu.kind == "村" or mu.pop < 8_000:
            mu.areas = 1
        else:
            mu.areas = min(30, max(1, round(mu.pop / 14_000) + r.randint(-1, 1)))
        mu.weight = 1.0 + 0.45 * math.log10(mu.pop / 1000)
        timeline(w, mu)
        ts = stamp(fiscal_year_range(w.first)[0], 9)
        updates.append(dict(id=mu.id, population=mu.pop, aging_rate=mu.aging, daily_life_areas=mu.areas,
                            updated_at=min(ts, w.now)))
    # A few small municipalities never come to trainings (the handbook's 受講率の低い市町村).
    # A few more come rarely. Both kinds are picked among the smaller third.
    small = sorted(w.munis, key=lambda x: (x.pop, x.code))[: max(6, len(w.munis) // 3)]
    never = max(1, round(len(w.munis) * 0.04))
    for i, mu in enumerate(r.sample(small, min(len(small), never * 3))):
        mu.engagement = "never" if i < never else "low"
    w.s.execute(update(m.Municipality), updates)
    w.writer.counts["municipality"] = len(updates)


def timeline(w: World, mu: Muni) -> None:
    r = w.rng
    big = mu.pop >= 100_000
    lag = 2 if big else 1 if mu.pop >= 20_000 else 0  # head start of larger municipalities
    mu.transition = r.choices(
        [date(2015, 4, 1), date(2015, 10, 1), date(2016, 4, 1), date(2016, 10, 1), date(2017, 4, 1)],
        weights=[4 + 6 * lag, 3 + 2 * lag, 12 + 8 * lag, 6, max(5, 60 - 25 * lag)],
    )[0]
    mu.sc1_year = PROGRAM_START_FY + max(0, r.randint(0, 3) - lag) + (r.randint(1, 3) if r.random() < 0.1 else 0)
    mu.sc1_month = r.choice((4, 4, 4, 7, 10))
    mu.sc1_count = 1 if mu.pop < 20_000 else r.randint(1, 2) if mu.pop < 100_000 else r.randint(2, 4)
    mu.council1_year = mu.sc1_year + r.choice((0, 0, 1, 1, 2))
    mu.meetings = r.randint(2, 4)
    mu.sc2_start = mu.sc1_year + r.randint(0, 3 - min(lag, 2))
    mu.sc2_rate = r.uniform(0.15, 0.5)
    mu.sc2_cap = 1.0 if r.random() < 0.6 else r.uniform(0.5, 0.95)
    mu.c2_start = mu.sc2_start + r.randint(0, 2)
    mu.c2_rate = r.uniform(0.08, 0.35)
    mu.c2_cap = 1.0 if r.random() < 0.45 else r.uniform(0.3, 0.9)
    mu.stage2_year = max(mu.sc1_year, mu.council1_year) + r.randint(1, 3)
    mu.stage3_year = mu.stage2_year + r.randint(2, 5) if r.random() < 0.45 + 0.1 * lag else None
    tfy = fiscal_year_of(mu.transition)
    s3 = mu.stage3_year or mu.stage2_year + 3
    starts = {
        "houmon_a": tfy if r.random() < 0.85 else None,
        "tsusho_a": tfy if r.random() < 0.85 else None,
        "ippan_yobo": tfy,
        "houmon_c": tfy + r.randint(0, 4) if r.random() < 0.4 else None,
        "tsusho_c": tfy + r.randint(0, 3) if r.random() < 0.55 else None,
        "houmon_b": mu.stage2_year + r.randint(0, 3) if r.random() < 0.35 else None,
        "tsusho_b": mu.stage2_year + r.randint(0, 2) if r.random() < 0.5 else None,
        "houmon_d": s3 + r.randint(0, 2) if r.random() < 0.2 else None,
    }
    mu.services = starts
    mu.service_notes = {k: r.choice(P.SERVICE_NOTES[k]) for k in m.SERVICE_TYPES}
    mu.strengths = r.sample(P.STRENGTHS, 3)
    mu.districts = r.sample(N.DISTRICT_WORDS, 6)
