"""The advisor roster: ~40 advisors, their fields, and the two (主担当・副担当) of every municipality."""

from __future__ import annotations

from datetime import date
from typing import Any

from sasaeai_desktop.db import models as m
from sasaeai_desktop.demo import names as N
from sasaeai_desktop.demo.days import stamp
from sasaeai_desktop.demo.draw import Weighted
from sasaeai_desktop.demo.draw import weighted_sample
from sasaeai_desktop.demo.people import person_row
from sasaeai_desktop.demo.world import PROGRAM_START_FY
from sasaeai_desktop.demo.world import Advisor
from sasaeai_desktop.demo.world import Muni
from sasaeai_desktop.demo.world import World
from sasaeai_desktop.domain import vocab

ADVISORS = 40


def advisor_roster(w: World) -> list[tuple[type, list[dict[str, Any]]]]:
    """~40 advisors, their fields, and two of them (主担当・副担当) for every municipality."""
    r = w.rng
    n = max(12, min(60, round(ADVISORS * w.f)))
    cats = Weighted(vocab.ADVISOR_CATEGORIES, (25, 20, 15, 20, 15, 5))
    people: list[dict[str, Any]] = []
    advisors: list[dict[str, Any]] = []
    fields: list[dict[str, Any]] = []
    cities = [mu for mu in w.munis if mu.kind in ("市", "特別区")] or w.munis
    towns = w.munis
    for i in range(n):
        cat = vocab.ADVISOR_CATEGORIES[i % len(vocab.ADVISOR_CATEGORIES)] if i < 6 else cats.draw(r)
        muni: Muni | None = None
        if cat == "中間支援組織":
            org = w.pref_orgs[f"mid{r.randrange(len(N.INTERMEDIARY_ORGS))}"]
            title = r.choice(("理事長", "事務局長", "理事", "コーディネーター"))
        elif cat == "社協":
            if r.random() < 0.5:
                org, title = w.pref_orgs["shakyo"], r.choice(("地域福祉部長", "地域福祉課長", "主任"))
            else:
                muni = r.choice(cities)
                org, title = muni.shakyo, r.choice(("事務局長", "地域福祉課長"))
        elif cat == "先行市町村職員":
            muni = r.choice(towns)
            org, title = muni.office, r.choice(("係長", "課長補佐", "主査", "保健師"))
        elif cat == "生活支援コーディネーター":
            muni = r.choice(towns)
            org, title = (muni.entrusted or muni.office), "第1層生活支援コーディネーター"
        elif cat == "有識者":
            org = w.pref_orgs[f"uni{r.randrange(len(N.UNIVERSITIES))}"]
            title = r.choice(("教授", "准教授", "講師"))
        else:
            org = w.pref_orgs[r.choice(("coop", "other"))]
            title = r.choice(("理事", "代表理事", "職員"))
        person = person_row(w, people, "アドバイザー", w.first, w.cur, muni=muni, org=org, title=title,
                            contact=1.0)
        if i < round(n * 0.65):
            start = w.first - r.randint(0, 4) if w.first >= PROGRAM_START_FY else w.first
            start = max(start, min(w.first, PROGRAM_START_FY))
        else:
            start = r.randint(w.first, w.cur)
        end = r.randint(start + 2, w.cur - 1) if start < w.cur - 2 and r.random() < 0.25 else None
        adv_fields = r.sample(w.fields, min(len(w.fields), r.randint(2, 4)))
        text = "、".join(f[1] for f in adv_fields) + "の支援。"
        extra = {
            "中間支援組織": f"県内{r.randint(5, 30)}市町村で協議体の立ち上げや住民ワークショップを支援。",
            "社協": "地区社協の育成とボランティアセンターの運営に長く携わる。",
            "先行市町村職員": f"{muni.name if muni else ''}で体制整備事業を立ち上げた経験。",
            "生活支援コーディネーター": f"第1層SCとして{r.randint(3, 9)}年の経験。",
            "有識者": "地域福祉論・コミュニティワーク。",
            "その他": "移動・買い物支援の仕組みづくり。",
        }[cat]
        ts = stamp(date(max(start, w.first), 4, 1), 10)
        adv = {**w.base(ts), "person_id": person.id, "category": cat, "affiliation": org[1],
               "activity_text": text + extra,
               "publish_phone": r.choices((True, False, None), (50, 25, 25))[0],
               "publish_email": r.choices((True, False, None), (55, 20, 25))[0],
               "active_from_fy": start, "active_to_fy": end, "notes": ""}
        advisors.append(adv)
        w.advisors.append(Advisor(adv["id"], person, cat, start, end))
        for fid, _ in adv_fields:
            fields.append({**w.base(ts), "advisor_id": adv["id"], "field_id": fid})
    assignments: list[dict[str, Any]] = []
    for mu in w.munis:
        y = w.first
        while y <= w.cur:
            cands = [a for a in w.advisors if a.active(y)]
            if len(cands) < 2:
                y += 1
                continue
            pair = weighted_sample(r, cands, [1.0 / (1 + a.load) ** 2 for a in cands], 2)
            end = min(w.cur, y + r.randint(2, 5) - 1)
            for a in pair:
                if a.active_to is not None:
                    end = min(end, a.active_to)
                a.load += 1
            for role, a in zip(("主担当", "副担当"), pair):
                assignments.append({**w.base(stamp(date(y, 4, 1), 10)), "advisor_id": a.id,
                                    "municipality_id": mu.id, "role": role, "from_fy": y,
                                    "to_fy": end if end < w.cur else None})
            for fy in range(y, end + 1):
                w.assigned[(mu.idx, fy)] = pair
            y = end + 1
    return [(m.Person, people), (m.Advisor, advisors), (m.AdvisorField, fields),
            (m.AdvisorAssignment, assignments)]


def advisor_for(w: World, mu: Muni, fy: int) -> Advisor | None:
    pair = w.assigned.get((mu.idx, fy))
    r = w.rng
    if pair and r.random() < 0.8:
        return pair[0] if r.random() < 0.65 else pair[1]
    active = [a for a in w.advisors if a.active(fy)]
    return r.choice(active) if active else None
