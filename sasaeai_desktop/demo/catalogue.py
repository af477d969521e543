"""The demo catalogue (地域資源・活動事例): at least 200 activities over every municipality and kind,
some not 掲載可, some contacts without consent, most with one to three drawn photos — so a
newcomer sees a living catalogue, and a booklet or web site made from it has something to leave out.

The photos are drawn with Pillow (a sky, the ground, a building, people in the kind's colours and
the kind's name) and stored as the catalogue stores any photo (services/catalogue/images.py):
small flat pictures of a few KB, each different.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import cache
from typing import Any

from sasaeai_desktop.db import models as m
from sasaeai_desktop.demo import catalogue_phrases as P
from sasaeai_desktop.demo.days import stamp
from sasaeai_desktop.demo.draw import Weighted
from sasaeai_desktop.demo.world import Muni
from sasaeai_desktop.demo.world import World
from sasaeai_desktop.services.catalogue import images
from sasaeai_desktop.services.catalogue.kinds import kind_names

MIN_ENTRIES = 200  # about 160 of them 掲載可: the booklet of the demo data holds 150 and more
PHOTO_SIZE = (480, 360)
_KIND_WEIGHTS = {"通いの場": 5, "サロン": 4, "居場所": 3, "見守り": 2, "有償ボランティア": 2, "移動支援": 1.5,
                 "買い物支援": 1.2, "配食": 1}


def catalogue(w: World, visits: list[dict[str, Any]]) -> list[tuple[type[m.Base], list[dict[str, Any]]]]:
    """The entries and their photos (``visits``: this 年度's, some entries were learnt of on one)."""
    r = w.rng
    kinds = [k for k in kind_names(w.s) if k in P.KINDS] or list(P.KINDS)
    draw_kind = Weighted(kinds, [_KIND_WEIGHTS.get(k, 1) for k in kinds])
    by_muni: dict[str, list[tuple[str, dt.date]]] = {}
    for v in visits:
        if not v["is_draft"]:
            by_muni.setdefault(v["municipality_id"], []).append((v["id"], v["visit_date"]))
    total = max(MIN_ENTRIES, 2 * len(w.munis))
    places = list(w.munis) + [_weighted_muni(w) for _ in range(total - len(w.munis))]
    entries: list[dict[str, Any]] = []
    photos: list[dict[str, Any]] = []
    used: set[tuple[str, str]] = set()
    for i, mu in enumerate(places):
        kind = kinds[i % len(kinds)] if i < len(kinds) else draw_kind.draw(r)  # every kind at least once
        row = _entry(w, mu, kind, used, by_muni.get(mu.id, []))
        entries.append(row)
        if r.random() < 0.75:
            for pos in range(r.choice((1, 1, 2, 3))):
                photos.append(_photo(w, row, kind, pos))
    return [(m.CatalogueEntry, entries), (m.CataloguePhoto, photos)]


def _weighted_muni(w: World) -> Muni:
    return w.rng.choices(w.munis, weights=[mu.weight for mu in w.munis])[0]


def _entry(w: World, mu: Muni, kind: str, used: set[tuple[str, str]], visits: list[tuple[str, dt.date]]
           ) -> dict[str, Any]:
    r = w.rng
    names, contents, schedules, frequencies, intros, tags, _colours = P.KINDS[kind]
    district = r.choice(mu.districts)
    name = first = r.choice(names).format(district=district)
    n = 2
    while (mu.id, name) in used:  # one name once per municipality: the import matches on it
        name, n = f"{first}（{n}）", n + 1
    used.add((mu.id, name))
    info = w.today - dt.timedelta(days=r.randint(0, 700))
    learnt = r.choice(visits) if visits and r.random() < 0.25 else None
    if learnt is not None:
        info = max(info, learnt[1])  # confirmed on that visit or later
    sur = w.surnames.draw(r)[0]
    consent = r.choices((True, False, None), weights=(6, 2, 2))[0]
    row = w.base(stamp(info, 16, r.randint(0, 59)))
    row.update(
        name=name, kind=kind, municipality_id=mu.id, area=f"{district}地区",
        organiser=r.choice(P.ORGANISERS).format(district=district, shakyo=mu.shakyo[1] or f"{mu.name}社会福祉協議会"),
        content=r.choice(contents), schedule=r.choice(schedules), frequency=r.choice(frequencies),
        participants=r.choice((None, r.randint(5, 60))), cost=r.choice(P.COSTS),
        contact=f"{r.choice(P.CONTACT_ROLES)} {sur}（{w.phone()}）", contact_consent=consent,
        description=r.choice(intros), tags="、".join(r.sample(tags, min(len(tags), r.randint(1, 3)))),
        notes=r.choice(P.NOTES), visit_id=learnt[0] if learnt else None,
        consultation_id=None, event_id=None, publishable=r.random() < 0.8, info_date=info,
    )
    return row


def _photo(w: World, entry: dict[str, Any], kind: str, position: int) -> dict[str, Any]:
    r = w.rng
    picture = images.from_image(_draw(r, kind), quality=70)
    caption = r.choice(P.CAPTIONS)
    row = w.base(entry["created_at"])
    row.update(
        entry_id=entry["id"], position=position, caption=caption, alt_text=f"{entry['name']}の{caption}（イラスト）",
        publish_consent=r.random() < 0.85, width=picture.width, height=picture.height,
        image=picture.image, thumbnail=picture.thumbnail,
    )
    return row


@cache
def _font(size: int) -> Any:
    from PIL import ImageFont

    from sasaeai_desktop.paths import resources_dir

    return ImageFont.truetype(str(resources_dir() / "fonts" / "ipaexg.ttf"), size)


def _shade(colour: tuple[int, int, int], r: random.Random, spread: int = 25) -> tuple[int, int, int]:
    red, green, blue = (max(0, min(255, c + r.randint(-spread, spread))) for c in colour)
    return red, green, blue


def _draw(r: random.Random, kind: str) -> Any:
    """A simple scene: sky, ground, a building, people, the sun, and the kind's name on a label."""
    from PIL import Image
    from PIL import ImageDraw

    sky, ground, accent = P.KINDS[kind][6]
    w, h = PHOTO_SIZE
    img = Image.new("RGB", PHOTO_SIZE, _shade(sky, r))
    d = ImageDraw.Draw(img)
    horizon = r.randint(int(h * 0.55), int(h * 0.7))
    d.rectangle((0, horizon, w, h), fill=_shade(ground, r))
    sun = r.randint(30, w - 30)
    d.ellipse((sun - 22, 20, sun + 22, 64), fill=(255, 230, 120))
    bx, bw, bh = r.randint(10, w - 200), r.randint(120, 190), r.randint(70, 120)
    wall = _shade((235, 225, 210), r, 15)
    d.rectangle((bx, horizon - bh, bx + bw, horizon), fill=wall, outline=(120, 100, 90))
    d.polygon(((bx - 10, horizon - bh), (bx + bw // 2, horizon - bh - 45), (bx + bw + 10, horizon - bh)),
              fill=_shade((150, 70, 60), r))
    d.rectangle((bx + bw // 2 - 14, horizon - 44, bx + bw // 2 + 14, horizon), fill=(120, 90, 60))
    for _ in range(r.randint(2, 6)):
        px = r.randint(20, w - 20)
        py = r.randint(horizon + 10, h - 20)
        body = _shade(accent, r, 60)
        d.rectangle((px - 10, py - 34, px + 10, py), fill=body)
        d.ellipse((px - 9, py - 54, px + 9, py - 36), fill=(245, 215, 185))
    font = _font(30)
    d.rounded_rectangle((12, h - 58, 24 + int(d.textlength(kind, font=font)), h - 12), 8, fill=(255, 255, 255))
    d.text((18, h - 54), kind, font=font, fill=(40, 40, 40))
    return img
