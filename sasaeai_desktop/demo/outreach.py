"""普及啓発 of the demo: the forums and seminars held get their public attendance (counts only: a
会場 of a 地域支え合いフォーラム draws 150–400 people, mostly residents) and the media made for
them — a flyer for every one (made before, so planned ones have it too), and for those held a
record video or DVD, a web report, now and then an 情報誌 issue — as the handbook's prefectures do.
Each is held in a municipality of one block after another (so the dashboard's 圏域 table shows
outreach across the prefecture), now and then one with no 開催市町村 recorded.

Drawn from a generator of its own, so adding this does not shift what the other areas draw."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from sasaeai_desktop.demo.days import stamp
from sasaeai_desktop.demo.world import World
from sasaeai_desktop.domain.outreach import is_outreach

_COUNTS = ("public_attendance", "public_residents", "public_professionals")


def outreach(w: World, fy: int, out: dict[str, list[dict[str, Any]]]) -> None:
    """Counts on the 年度's outreach events (every event row gets the keys: the rows are written
    together) and their media in ``out["event_media"]``."""
    r = random.Random(f"outreach-{w.pref_code}-{fy}")
    places = random.Random(f"outreach-host-{w.pref_code}-{fy}")  # its own: the counts drawn above stay as they were
    held_in = 0
    dates: dict[str, list[Any]] = {}
    for s in out["training_session"]:
        dates.setdefault(s["event_id"], []).append(s["date"])
    for ev in out["training_event"]:
        ev.update(dict.fromkeys((*_COUNTS, "host_municipality_id")))
        days = sorted(dates.get(ev["id"], []))
        if not is_outreach(ev["event_type"]) or not days:
            continue
        ev["host_municipality_id"] = _host(w, places, held_in)
        held_in += 1
        held = days[-1] <= w.today
        if held:
            total = sum(r.randint(150, 400) if len(days) > 1 else r.randint(80, 220) for _ in days)
            residents = round(total * r.uniform(0.6, 0.8))
            # some forms come back without the box ticked: the split need not add up to the total
            professionals = round((total - residents) * r.uniform(0.7, 1.0))
            ev.update(public_attendance=total, public_residents=residents, public_professionals=professionals)
        _media(w, r, fy, ev, days, held, out["event_media"])


def _host(w: World, r: random.Random, n: int) -> str | None:
    """A municipality of the n-th block (in turn), or now and then none recorded."""
    blocks = [b for b in w.block_regions if b] or [list(range(len(w.munis)))]
    if r.random() < 0.15 or not w.munis:
        return None
    return w.munis[r.choice(blocks[n % len(blocks)])].id


def _media(w: World, r: random.Random, fy: int, ev: dict[str, Any], days: list[Any], held: bool,
           rows: list[dict[str, Any]]) -> None:
    name = ev["title"]
    share = f"\\\\fileserver\\介護支援課\\普及啓発\\{fy}年度"
    items = [("チラシ", f"{name} 開催案内チラシ", f"{share}\\{name}_チラシ.pdf", "市町村・社協・公民館に配布")]
    if held:
        if r.random() < 0.5:
            items.append(("DVD", f"{name} 記録DVD", "", f"{r.choice((50, 100, 200))}枚作成、市町村・社協に貸出"))
        else:
            items.append(("動画", f"{name} 記録動画", f"https://www.pref.example.jp/kaigo/fukyu/{fy}/movie.html",
                          "基調講演と実践発表を公開"))
        items.append(("ウェブ掲載", f"{name} 開催報告", f"https://www.pref.example.jp/kaigo/fukyu/{fy}/report.html", ""))
        if r.random() < 0.4:
            items.append(("情報誌", "支え合い通信 特集号", f"{share}\\支え合い通信_特集号.pdf", "全戸配布の市町村あり"))
    for i, (kind, title, link, notes) in enumerate(items):
        # the flyer before the event, the rest after it (w.base keeps a stamp from passing today)
        made = stamp(days[0] - timedelta(days=40) if kind == "チラシ" else days[-1] + timedelta(days=14), 10)
        rows.append({**w.base(made), "event_id": ev["id"], "kind": kind, "title": title, "link": link,
                     "notes": notes, "sort_order": i})
