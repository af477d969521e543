"""People: the prefecture's officers, each municipality's staff (positions with tenures), the
year's crowd of residents and professionals, and a few near-duplicates typed twice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sasaeai_desktop.demo import names as N
from sasaeai_desktop.demo.days import stamp
from sasaeai_desktop.demo.draw import Weighted
from sasaeai_desktop.demo.world import Muni
from sasaeai_desktop.demo.world import Person
from sasaeai_desktop.demo.world import World
from sasaeai_desktop.domain.fiscal_year import fiscal_year_range
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key

PEOPLE_PER_YEAR = 2500
OFFICERS_ACTIVE = 10
VARIANT_P = 0.065  # × the share of surnames that have a 異体字 form ≈ 1 % of people
TWINS_PER_YEAR = 5  # deliberate near-duplicate people (space difference, 髙/高)

_ROMAJI_SMALL = "ゃゅょ"


def _romaji(kana: str) -> str:
    out: list[str] = []
    i, double = 0, False
    while i < len(kana):
        ch = kana[i]
        if ch == "っ":
            double, i = True, i + 1
            continue
        pair = kana[i : i + 2]
        if len(pair) == 2 and pair[1] in _ROMAJI_SMALL and pair in N.ROMAJI:
            syl, i = N.ROMAJI[pair], i + 2
        else:
            syl, i = N.ROMAJI.get(ch, ""), i + 1
        if double and syl:
            syl = ("t" if syl.startswith("ch") else syl[0]) + syl
        double = False
        out.append(syl)
    text = "".join(out)
    for long, short in (("ou", "o"), ("uu", "u"), ("oo", "o")):
        text = text.replace(long, short)
    return text


def _plain_surname(name: str) -> str:
    sur = name.partition(" ")[0]
    return next((p for p, vs in N.SURNAME_VARIANTS.items() if sur in vs), sur)


# Role mix of the "crowd": the residents, NPO members and professionals who come to trainings.
_CROWD_ROLES = Weighted(
    ("住民リーダー", "NPO", "社協職員", "包括職員", "市町村職員", "その他"),
    (40, 12, 12, 12, 10, 14),
)

_FEMALE_P = {
    "第1層SC": 0.7, "第2層SC": 0.72, "包括職員": 0.75, "住民リーダー": 0.55, "首長・管理職": 0.15,
    "市町村職員": 0.45, "社協職員": 0.6, "NPO": 0.55, "その他": 0.6, "県職員": 0.45, "アドバイザー": 0.45,
}

_GENERATIONS = {
    "住民リーダー": (70, 25, 5), "その他": (40, 40, 20), "NPO": (40, 45, 15), "首長・管理職": (45, 55, 0),
    "市町村職員": (5, 50, 45), "第1層SC": (15, 60, 25), "第2層SC": (25, 55, 20), "包括職員": (5, 55, 40),
    "社協職員": (5, 55, 40), "県職員": (0, 50, 50), "アドバイザー": (30, 65, 5),
}

_TENURE = {
    "市町村職員": (2, 4), "首長・管理職": (2, 6), "第1層SC": (3, 8), "第2層SC": (3, 7), "包括職員": (3, 6),
    "社協職員": (3, 8),
}

_PUBLIC_ROLES = frozenset({"市町村職員", "首長・管理職", "県職員"})


def new_name(w: World, role: str) -> tuple[str, str, str, str]:
    """(氏名, ふりがな, romaji surname, romaji given) of a new fictional person."""
    r = w.rng
    sur, skana = w.surnames.draw(r)
    variants = N.SURNAME_VARIANTS.get(sur)
    if variants and r.random() < VARIANT_P:
        sur = r.choice(variants)
    g = "f" if r.random() < _FEMALE_P.get(role, 0.5) else "m"
    o, mid, _y = _GENERATIONS.get(role, (30, 50, 20))
    x = r.random() * 100
    gen = "o" if x < o else "m" if x < o + mid else "y"
    given, gkana, _ = r.choice(w.given[(g, gen)])
    return f"{sur} {given}", f"{skana} {gkana}", _romaji(skana), _romaji(gkana)


def person_row(
    w: World,
    rows: list[dict[str, Any]],
    role: str,
    fy: int,
    until: int,
    *,
    muni: Muni | None,
    org: tuple[str, str] | None = None,
    affiliation: str = "",
    title: str | None = None,
    contact: float = 0.7,
    notes: str = "",
) -> Person:
    r = w.rng
    name, kana, rs, rg = new_name(w, role)
    public = role in _PUBLIC_ROLES or (org is not None and org[0] in w.public_orgs)
    phone = w.phone() if r.random() < contact else ""
    email = w.email(f"{rs}.{rg}", public) if r.random() < contact * 0.85 else ""
    if title is None:
        title = r.choice(N.TITLES.get(role, ("",)))
    if not affiliation and org is not None:
        affiliation = org[1]
    if not notes and r.random() < 0.01:
        notes = f"旧姓：{w.surnames.draw(r)[0]}"
    start, _ = fiscal_year_range(fy)
    row = w.base(stamp(start + timedelta(days=r.randint(0, 200)), 9, r.randint(0, 59)))
    row.update(
        name=name, kana=kana, name_key=name_key(name), kana_key=kana_key(kana), role=role,
        municipality_id=muni.id if muni is not None else None,
        organisation_id=org[0] if org is not None else None,
        affiliation=affiliation, title=title, phone=phone, email=email, notes=notes, merged_into_id=None,
    )
    rows.append(row)
    return Person(row["id"], name, role, muni.idx if muni is not None else None, until, fy, affiliation)


def twin_row(w: World, rows: list[dict[str, Any]], original: dict[str, Any], variant: bool) -> dict[str, Any]:
    """The same person typed again: 髙 for 高 or the reverse (``variant``), or without the space."""
    name = original["name"]
    sur, _, given = name.partition(" ")
    plain = _plain_surname(name)
    if variant and sur != plain:
        twin = f"{plain} {given}"
    elif variant and plain in N.SURNAME_VARIANTS:
        twin = f"{w.rng.choice(N.SURNAME_VARIANTS[plain])} {given}"
    else:
        twin = sur + given
    row = w.base(original["created_at"] + timedelta(days=w.rng.randint(20, 200)))
    row.update(
        {k: original[k] for k in ("kana", "kana_key", "role", "municipality_id", "affiliation", "title")},
        name=twin, name_key=name_key(twin), organisation_id=None,
        phone=original["phone"] if w.rng.random() < 0.5 else "", email="", notes="", merged_into_id=None,
    )
    rows.append(row)
    return row


def new_people(w: World, fy: int, rows: list[dict[str, Any]]) -> None:
    """Prefecture officers, the staff of every municipality (positions with tenures), and the
    year's crowd of residents and professionals, plus a few near-duplicates."""
    r = w.rng
    # 県職員: about ten at a time; 異動 every 2–4 years.
    active = [p for p in w.officers if p.until >= fy]
    while len(active) < (OFFICERS_ACTIVE if w.f >= 0.5 else 7):
        until = fy + (r.randint(0, 3) if fy == w.first else r.randint(1, 3))
        p = person_row(w, rows, "県職員", fy, until, muni=None, org=w.pref_orgs["office"], contact=1.0)
        w.officers.append(p)
        active.append(p)
    w.active_officers = active
    first_staff = len(rows)
    for mu in w.munis:
        staff_positions(w, mu, fy)
        mu.staff = []
        for slot in mu.slots:
            role, key, holder = slot
            if holder is None or holder.until < fy:
                lo, hi = _TENURE[role]
                until = fy + (r.randint(0, hi - 1) if fy == w.first else r.randint(lo, hi) - 1)
                holder = person_row(w, rows, role, fy, until, muni=mu, **staff_place(w, mu, role, key))
                slot[2] = holder
            mu.staff.append(holder)
    structured = len(rows) - first_staff
    # The crowd: whoever else the year brings (trainings, forums, consultations).
    target = round(PEOPLE_PER_YEAR * w.f * r.uniform(0.95, 1.05))
    n_crowd = max(0, target - structured - len(rows[:first_staff]))
    weights = [mu.weight for mu in w.munis]
    picks = r.choices(w.munis, weights=weights, k=n_crowd)
    w.crowd = [p for p in w.crowd if p.until >= fy]
    crowd_first = len(rows)
    for mu in picks:
        role = _CROWD_ROLES.draw(r)
        until = fy + r.choices((0, 1, 2, 3), (40, 30, 20, 10))[0]
        w.crowd.append(person_row(w, rows, role, fy, until, muni=mu, contact=0.45,
                                  **crowd_place(w, mu, role)))
    # Near-duplicates: the same person registered twice by different officers.
    k = max(2, round(TWINS_PER_YEAR * w.f))
    pool = rows[crowd_first:] or rows
    variant_pool = [x for x in pool if _plain_surname(x["name"]) in N.SURNAME_VARIANTS]
    originals = r.sample(variant_pool, min(k // 2, len(variant_pool)))
    n_variant = len(originals)
    taken = {x["id"] for x in originals}
    originals += [x for x in r.sample(pool, min(k, len(pool))) if x["id"] not in taken][: k - len(originals)]
    for i, original in enumerate(originals):
        twin = twin_row(w, rows, original, i < n_variant)
        home = next((x for x in w.munis if x.id == twin["municipality_id"]), None)
        w.crowd.append(Person(twin["id"], twin["name"], twin["role"], home.idx if home else None, fy, fy))


def staff_positions(w: World, mu: Muni, fy: int) -> None:
    want: list[tuple[str, str]] = []
    n_staff = 1 if mu.kind == "村" else 2 if mu.pop < 100_000 else 3
    want += [("市町村職員", f"s{i}") for i in range(n_staff)]
    want += [("首長・管理職", "mayor"), ("首長・管理職", "chief")]
    if fy >= mu.sc1_year:
        want += [("第1層SC", f"sc1-{i}") for i in range(mu.sc1_count)]
    if mu.areas > 1:
        want += [("第2層SC", f"sc2-{i}") for i in range(min(12, mu.sc2_placed(fy)))]
    want += [("包括職員", f"h{i}") for i in range(len(mu.houkatsu))]
    want += [("社協職員", f"k{i}") for i in range(1 if mu.pop < 30_000 else 2)]
    have = {slot[1]: slot for slot in mu.slots}
    mu.slots = [have.get(key) or [role, key, None] for role, key in want]


def staff_place(w: World, mu: Muni, role: str, key: str) -> dict[str, Any]:
    r = w.rng
    if role == "首長・管理職":
        titles = (N.MANAGER_TITLES_CITY if mu.kind in ("市", "特別区") else
                  N.MANAGER_TITLES_TOWN if mu.kind == "町" else N.MANAGER_TITLES_VILLAGE)
        title = titles[0] if key == "mayor" else r.choice(titles[1:])
        return {"org": mu.office, "title": title, "contact": 0.6}
    if role == "市町村職員":
        return {"org": mu.office}
    if role == "第1層SC":
        return {"org": mu.entrusted or mu.office}
    if role == "第2層SC":
        org = r.choice([mu.shakyo, mu.shakyo, *mu.houkatsu[:1], *mu.npos[:1]])
        return {"org": org}
    if role == "包括職員":
        return {"org": mu.houkatsu[int(key[1:]) % len(mu.houkatsu)]}
    return {"org": mu.shakyo}


def crowd_place(w: World, mu: Muni, role: str) -> dict[str, Any]:
    r = w.rng
    if role == "住民リーダー":
        group = r.choice(N.RESIDENT_GROUPS)
        district = r.choice(mu.districts)
        aff = f"{district}{group}" if not group.startswith("地区") else f"{district}{group}"
        return {"affiliation": aff}
    if role == "NPO":
        if mu.npos and r.random() < 0.7:
            return {"org": r.choice(mu.npos)}
        return {"affiliation": f"{r.choice(N.NPO_STEMS)}{r.choice(('の会', 'ボランティアグループ', 'くらぶ'))}（任意団体）"}
    if role == "社協職員":
        return {"org": mu.shakyo}
    if role == "包括職員":
        return {"org": r.choice(mu.houkatsu)}
    if role == "市町村職員":
        return {"org": mu.office, "title": r.choice(("保健師", "主事", "主任", "社会福祉士", "管理栄養士"))}
    return {"affiliation": r.choice((f"{mu.name}民生児童委員協議会", "居宅介護支援事業所", "シルバー人材センター",
                                     f"{mu.name}ボランティア連絡協議会", "地域おこし協力隊", "介護サービス事業所"))}
