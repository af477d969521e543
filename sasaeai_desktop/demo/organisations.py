"""Organisations: the prefecture's office and partners, and every municipality's office, 社協,
地域包括支援センター and NPOs."""

from __future__ import annotations

from typing import Any

from sasaeai_desktop.demo import names as N
from sasaeai_desktop.demo.days import stamp
from sasaeai_desktop.demo.world import Muni
from sasaeai_desktop.demo.world import World
from sasaeai_desktop.domain.fiscal_year import fiscal_year_range


def organisations(w: World) -> list[dict[str, Any]]:
    r = w.rng
    rows: list[dict[str, Any]] = []
    ts = stamp(fiscal_year_range(w.first)[0], 9)

    def org(name: str, kind: str, muni: Muni | None, email_local: str, public: bool) -> tuple[str, str]:
        row = {**w.base(ts), "name": name, "kana": "", "kind": kind,
               "municipality_id": muni.id if muni is not None else None, "address": "", "phone": w.phone(),
               "email": w.email(email_local, public), "notes": ""}
        rows.append(row)
        if public:
            w.public_orgs.add(row["id"])
        return row["id"], name

    p = w.pref_name
    w.pref_orgs["office"] = org(f"{p} 健康福祉部 地域包括ケア推進課", "県", None, "chiikihoukatsu", True)
    w.pref_orgs["shakyo"] = org(f"{p}社会福祉協議会", "社会福祉協議会", None, "kenshakyo", False)
    for i, name in enumerate(N.INTERMEDIARY_ORGS):
        w.pref_orgs[f"mid{i}"] = org(name, "中間支援組織", None, f"info{i + 1}", False)
    for i, name in enumerate(N.UNIVERSITIES):
        w.pref_orgs[f"uni{i}"] = org(f"{name} {r.choice(N.UNIVERSITY_UNITS)}", "大学・研究機関", None,
                                     f"office{i + 1}", False)
    w.pref_orgs["coop"] = org(N.OTHER_ADVISOR_ORGS[0], "生協・農協", None, "kurashi", False)
    w.pref_orgs["other"] = org(N.OTHER_ADVISOR_ORGS[1], "その他", None, "idou", False)
    npo_names: set[str] = set()
    for mu in w.munis:
        sections = N.OFFICE_SECTIONS_CITY if mu.kind in ("市", "特別区") else N.OFFICE_SECTIONS_TOWN
        mu.office = org(f"{mu.name}{mu.office_word} {r.choice(sections)}", "市町村", mu, f"fukushi-{mu.code}", True)
        mu.shakyo = org(f"{mu.name}社会福祉協議会", "社会福祉協議会", mu, f"shakyo-{mu.code}", False)
        n_h = 1 if mu.pop < 30_000 else min(8, max(2, round(mu.pop / 30_000)))
        if n_h == 1:
            mu.houkatsu = [org(f"{mu.name}地域包括支援センター", "地域包括支援センター", mu, f"houkatsu-{mu.code}", False)]
        else:
            mu.houkatsu = [
                org(f"{mu.name}{N.AREA_WORDS[i]}地域包括支援センター", "地域包括支援センター", mu,
                    f"houkatsu{i + 1}-{mu.code}", False)
                for i in range(n_h)
            ]
        n_npo = (r.randint(0, 1) if mu.kind == "村" else r.randint(1, 2) if mu.pop < 50_000
                 else r.randint(2, 4))
        stem_place = mu.name[:-1] if len(mu.name) > 2 else mu.name
        for j in range(n_npo):
            for _ in range(10):
                stem = r.choice(N.NPO_STEMS)
                name = (f"NPO法人 {stem}{r.choice(N.NPO_SUFFIXES_BEFORE)}{stem_place}" if r.random() < 0.4
                        else f"NPO法人 {stem_place}{stem}{r.choice(N.NPO_SUFFIXES_AFTER)}")
                if name not in npo_names:
                    break
            npo_names.add(name)
            mu.npos.append(org(name, "NPO法人", mu, f"npo{j + 1}-{mu.code}", False))
        x = r.random()
        mu.entrusted = (mu.shakyo if x < 0.7 or not mu.npos else None if x < 0.88 else mu.npos[0])
    return rows
