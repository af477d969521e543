"""Activity fields and region kinds (from init, or made again), and the regions of every kind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.demo import names as N
from sasaeai_desktop.demo.days import stamp
from sasaeai_desktop.demo.world import Muni
from sasaeai_desktop.demo.world import World
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.fiscal_year import fiscal_year_range


def vocabularies(w: World) -> None:
    """Activity fields and region kinds come from init; make them when someone removed them."""
    w.fields = _names_or_defaults(w, m.ActivityField, vocab.DEFAULT_ACTIVITY_FIELDS)
    w.kinds = _names_or_defaults(w, m.RegionKind, vocab.REGION_KINDS_DEFAULT)


def _names_or_defaults(w: World, model: Any, defaults: Sequence[str]) -> list[tuple[str, str]]:
    """(id, name) of a vocabulary in its order; the defaults written first when it is empty."""
    found = w.s.execute(
        select(model.id, model.name).where(model.deleted.is_(False)).order_by(model.sort_order, model.name)
    ).all()
    if not found:
        ts = stamp(fiscal_year_range(w.first)[0], 9)
        rows = [{**w.base(ts), "name": n, "sort_order": i} for i, n in enumerate(defaults)]
        w.writer.write([(model, rows)], 0.0, 0.0, "準備")
        found = [(x["id"], x["name"]) for x in rows]
    return [(x[0], x[1]) for x in found]


def regions(w: World) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """~8–10 regions per kind; each municipality in exactly one region of each kind.

    Each region gets one or two cities (its centre) in turn, then whole counties (郡) go to
    the smallest region, so the grouping looks geographic without pretending to be real.
    """
    r = w.rng
    regions, members = [], []
    ts = stamp(fiscal_year_range(w.first)[0], 9)
    cities = [mu for mu in w.munis if mu.kind in ("市", "特別区")]
    counties: dict[str, list[Muni]] = {}
    for mu in w.munis:
        if mu.kind not in ("市", "特別区"):
            counties.setdefault(mu.county or mu.name, []).append(mu)
    n = len(w.munis)
    w.block_kind = next((i for i, (_, nm) in enumerate(w.kinds) if "ブロック" in nm), len(w.kinds) - 1)
    for ki, (kind_id, kind_name) in enumerate(w.kinds):
        divisor = (8, 9, 10)[ki] if ki < 3 else 10
        count = max(1, min(n, 10, max(3, round(n / divisor))))
        if "ブロック" in kind_name:
            names = [f"{word}ブロック" for word in N.BLOCK_WORDS]
        elif "保健所" in kind_name:
            names = [f"{word}圏域" for word in N.AREA_WORDS]
        elif "圏域" in kind_name:
            names = [f"{word}圏域" for word in N.AREA_NAME_WORDS]
        else:
            names = [f"{word}{kind_name}" for word in N.AREA_WORDS]
        groups: list[list[Muni]] = [[] for _ in range(count)]
        offset = r.randrange(count)
        for i, mu in enumerate(cities):
            groups[(i + offset) % count].append(mu)
        for _, towns in counties.items():
            target = min(range(count), key=lambda g: (len(groups[g]), g))
            groups[target].extend(towns)
        region_ids = []
        for gi in range(count):
            row = {**w.base(ts), "kind_id": kind_id, "name": names[gi % len(names)], "sort_order": gi}
            regions.append(row)
            region_ids.append(row["id"])
        for gi, group in enumerate(groups):
            for mu in group:
                mu.regions[ki] = gi
                members.append({**w.base(ts), "region_id": region_ids[gi], "municipality_id": mu.id})
        if ki == w.block_kind:
            w.block_names = [names[gi % len(names)] for gi in range(count)]
            w.block_regions = [[mu.idx for mu in g] for g in groups]
    return regions, members
