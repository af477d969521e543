"""A 年度's visits (with participants), consultations, dispatches and their follow-up tasks, on
working days up to today."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import Any

from sasaeai_desktop.demo import phrases as P
from sasaeai_desktop.demo.advisors import advisor_for
from sasaeai_desktop.demo.days import next_workday
from sasaeai_desktop.demo.days import stamp
from sasaeai_desktop.demo.draw import Weighted
from sasaeai_desktop.demo.draw import fit
from sasaeai_desktop.demo.world import Advisor
from sasaeai_desktop.demo.world import Muni
from sasaeai_desktop.demo.world import Person
from sasaeai_desktop.demo.world import World
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.domain.fiscal_year import fiscal_year_range

VISITS_PER_YEAR = 2500
CONSULTATIONS_PER_YEAR = 2500
DISPATCHES_PER_YEAR = 60

_VISIT_PURPOSES = Weighted(vocab.VISIT_PURPOSES, (25, 15, 15, 10, 20, 10, 5))

_CHANNELS = Weighted(vocab.CONSULTATION_CHANNELS, (45, 35, 8, 10, 2))

# 勉強会講師 ファシリテーション 協議体設置支援 個別助言 住民向け講演 その他, by stage (None: before 2015)
_DISPATCH_PURPOSES = {
    None: Weighted(vocab.DISPATCH_PURPOSES, (50, 5, 0, 25, 15, 5)),
    1: Weighted(vocab.DISPATCH_PURPOSES, (25, 15, 35, 15, 8, 2)),
    2: Weighted(vocab.DISPATCH_PURPOSES, (20, 35, 10, 15, 15, 5)),
    3: Weighted(vocab.DISPATCH_PURPOSES, (15, 25, 5, 25, 25, 5)),
}

_CONSULT_TOPICS = Weighted(
    tuple(P.CONSULTATION_QA), (18, 12, 14, 10, 8, 10, 7, 7, 5, 4, 5)
)


def _dated_munis(w: World, fy: int, per_year: int, lo: float, hi: float) -> list[tuple[date, Muni]]:
    """The year's share of ``per_year`` records up to today: (working day, municipality), by date."""
    r = w.rng
    past, cum, share = w.days(fy)
    n = round(per_year * w.f * share * r.uniform(lo, hi)) if past else 0
    if not n:
        return []
    dates = sorted(r.choices(past, cum_weights=cum, k=n))
    return list(zip(dates, r.choices(w.munis, weights=w.muni_weights(fy), k=n)))


def visits(w: World, fy: int, out: dict[str, list[dict[str, Any]]]) -> None:
    r = w.rng
    visits, parts, tasks = out["visit"], out["visit_participant"], out["follow_up_task"]
    for d, mu in _dated_munis(w, fy, VISITS_PER_YEAR, 0.95, 1.05):
        stage = mu.text_stage(fy)
        officer = r.choice(w.active_officers)
        adv = advisor_for(w, mu, fy)
        cat = _VISIT_PURPOSES.draw(r)
        if stage == 0 and cat not in P.PRE_PROGRAM_VISIT_PURPOSES:
            cat = r.choice(P.PRE_PROGRAM_VISIT_PURPOSES)
        if cat == "アドバイザー同行" and adv is None:
            cat = "個別助言"
        companion = adv if adv is not None and (cat == "アドバイザー同行" or r.random() < 0.12) else None
        start_h, start_m = r.choice(((9, 30), (10, 0), (10, 30), (13, 30), (14, 0), (15, 0)))
        dur = r.choice((60, 90, 90, 120))
        end = (datetime.combine(d, time(start_h, start_m)) + timedelta(minutes=dur)).time()
        district = r.choice(mu.districts)
        place = r.choice(P.VISIT_PLACES).format(office=mu.office[1], shakyo=mu.shakyo[1], mun=mu.name,
                                                district=district)
        nxt = None
        note = ""
        if r.random() < 0.4:
            nxt = next_workday(d + timedelta(days=r.randint(30, 90)))
            note = r.choice(P.NEXT_VISIT_NOTES)
        draft = fy == w.cur and (w.today - d).days < 14 and r.random() < 0.3
        row = w.base(stamp(d, 17, r.randint(0, 59)))
        row.update(
            municipality_id=mu.id, visit_date=d, start_time=time(start_h, start_m), end_time=end, place=place,
            purpose_category=cat, purpose=purpose(w, cat, d, stage),
            observations=fill(w, "\n".join(r.sample(P.OBSERVATIONS[stage], 1 + (r.random() < 0.5))), mu),
            issues=r.choice(P.VISIT_ISSUES[stage]) if r.random() < 0.75 else "",
            advice=fill(w, "\n".join(r.sample(P.ADVICE[stage], 1 + (r.random() < 0.35))), mu),
            next_visit_date=nxt, next_visit_note=note if nxt else "", is_draft=draft, recorded_by=officer.name,
        )
        visits.append(row)
        vid, ts = row["id"], row["created_at"]
        parts.append({**w.base(ts), "visit_id": vid, "person_id": officer.id, "side": "prefecture",
                      "role": "県職員"})
        if companion is not None:
            parts.append({**w.base(ts), "visit_id": vid, "person_id": companion.person.id, "side": "advisor",
                          "role": "アドバイザー"})
        staff = mu.staff
        lead = next((p for p in staff if p.role == "市町村職員"), staff[0])
        others = [p for p in staff if p is not lead and p.role != "首長・管理職"]
        met = [lead, *r.sample(others, min(len(others), r.choice((0, 1, 1, 2))))]
        for p in met:
            parts.append({**w.base(ts), "visit_id": vid, "person_id": p.id, "side": "municipality",
                          "role": p.role})
        if r.random() < 0.4:
            for order in range(1 + (r.random() < 0.2)):
                tasks.append(follow_up_task(w, mu, d, officer, met, order, visit_id=vid))


def purpose(w: World, cat: str, d: date, stage: int) -> str:
    texts = [t for t in P.VISIT_PURPOSE_TEXTS[cat] if d.month in P.PURPOSE_MONTHS.get(t, (d.month,))]
    if stage == 0:
        texts = [t for t in fit(texts, 0) if t not in P.VISIT_PURPOSE_TEXTS["個別助言"]]
        texts += P.PRE_PROGRAM_PURPOSE_TEXTS
    return w.rng.choice(fit(texts, stage) or P.VISIT_PURPOSE_TEXTS[cat])


def fill(w: World, text: str, mu: Muni) -> str:
    if "{" not in text:
        return text
    r = w.rng
    entrust = ("直営で" if mu.entrusted is None else
               "社会福祉協議会に委託して" if mu.entrusted == mu.shakyo else "NPO法人に委託して")
    return text.format(district=r.choice(mu.districts), n=r.randint(2, 6), people=r.randint(12, 40),
                       households=r.randint(8, 40), entrust=entrust)


def follow_up_task(
    w: World, mu: Muni, d: date, officer: Person, met: list[Person], order: int, **link: str
) -> dict[str, Any]:
    r = w.rng
    due = next_workday(d + timedelta(days=r.randint(14, 60)))
    owner = officer if r.random() < 0.55 else r.choice(met)
    if due <= w.today:
        done = r.random() < (0.96 if fiscal_year_of(d) < w.cur else 0.65)
    else:
        done = r.random() < 0.15
    done_date = None
    if done:
        done_date = d + timedelta(days=r.randint(2, max(3, (due - d).days + 15)))
        done_date = min(done_date, w.today)
    row = w.base(stamp(d, 17, 30))
    if done_date is not None:
        row["updated_at"] = min(w.now, stamp(done_date, 16))
    row.update(
        municipality_id=mu.id, visit_id=None, consultation_id=None, dispatch_id=None,
        title=r.choice(fit(P.FOLLOW_UP_TITLES, mu.text_stage(fiscal_year_of(d)))), details="",
        owner_person_id=owner.id, owner_name=owner.name,
        due_date=due, done=done, done_date=done_date, sort_order=order,
    )
    row.update(link)
    return row


def consultations(w: World, fy: int, out: dict[str, list[dict[str, Any]]]) -> None:
    r = w.rng
    rows, tasks = out["consultation"], out["follow_up_task"]
    for d, mu in _dated_munis(w, fy, CONSULTATIONS_PER_YEAR, 0.95, 1.05):
        officer = r.choice(w.active_officers)
        channel = _CHANNELS.draw(r)
        topic = _CONSULT_TOPICS.draw(r)
        topics = [topic]
        if r.random() < 0.25:
            other = _CONSULT_TOPICS.draw(r)
            if other != topic:
                topics.append(other)
        stage = mu.text_stage(fy)
        if stage == 0:  # no 協議体 or SC before the program: ask about something else
            while any(mk in topic for mk in ("協議体", "SC", "総合事業", "委託")):
                topic = _CONSULT_TOPICS.draw(r)
            topics = [topic]
        question, answer = r.choice(fit(P.CONSULTATION_QA[topic], stage, key=lambda qa: qa[0] + qa[1]))
        person = None
        from_name = ""
        if r.random() < 0.85:
            person = r.choice([p for p in mu.staff if p.role != "首長・管理職"] or mu.staff)
        else:
            from_name = r.choice(P.CONSULTATION_FROM_NAMES).format(office=mu.office[1], shakyo=mu.shakyo[1],
                                                                   mun=mu.name)
        adv = None
        if r.random() < 0.12:
            adv = advisor_for(w, mu, fy)
            if adv is not None:
                answer += f"アドバイザー（{adv.person.name}）を紹介した。"
        age = (w.today - d).days
        closed = r.random() < (0.98 if fy < w.cur else 0.92 if age > 30 else 0.5)
        closed_date = min(w.today, d + timedelta(days=r.choice((0, 0, 0, 1, 2, 5, 10, 20)))) if closed else None
        row = w.base(stamp(d, r.randint(9, 17), r.randint(0, 59)))
        row.update(
            received_date=d, channel=channel, municipality_id=mu.id,
            person_id=person.id if person else None, from_name=from_name, topics="、".join(topics),
            question=question, answer=answer if closed or r.random() < 0.5 else "",
            referred_advisor_id=adv.id if adv else None, is_closed=closed, closed_date=closed_date,
            handled_by=officer.name,
        )
        rows.append(row)
        if r.random() < 0.05:
            tasks.append(follow_up_task(w, mu, d, officer, [person] if person else [officer], 0, consultation_id=row["id"]))


def dispatches(w: World, fy: int, out: dict[str, list[dict[str, Any]]]) -> None:
    r = w.rng
    _, fy_end = fiscal_year_range(fy)
    for req, mu in _dated_munis(w, fy, DISPATCHES_PER_YEAR, 0.9, 1.1):
        stage = mu.stage(fy)
        cat = _DISPATCH_PURPOSES[stage].draw(r)
        texts = fit(P.DISPATCH_PURPOSE_TEXTS[cat], mu.text_stage(fy))
        if fy >= mu.council1_year:
            texts = fit(texts, 2)
        first = next_workday(req + timedelta(days=r.randint(20, 60)))
        if first > fy_end:
            first = next_workday(req + timedelta(days=r.randint(5, 12)))
        days = [first]
        if r.random() < 0.3:
            days.append(next_workday(first + timedelta(days=r.randint(14, 42))))
        if days[-1] <= w.today:
            status = "実施済" if r.random() < 0.92 else "中止"
        else:
            status = "調整中" if r.random() < 0.6 else "依頼"
        n_part = r.randint(12, 60)
        row = w.base(stamp(req, 11))
        row.update(
            municipality_id=mu.id, requested_by="municipality" if r.random() < 0.75 else "prefecture",
            request_date=req, purpose_category=cat, purpose=r.choice(texts),
            payer="県" if r.random() < 0.85 else "市町村",
            outcome=(r.choice(P.DISPATCH_OUTCOMES).format(n=n_part) if status == "実施済"
                     else r.choice(P.DISPATCH_CANCEL_NOTES) if status == "中止" else ""),
            status=status,
        )
        if status == "実施済":
            row["updated_at"] = min(w.now, stamp(days[-1], 18))
        out["dispatch"].append(row)
        chosen: list[Advisor] = []
        pair = w.assigned.get((mu.idx, fy)) or []
        want = 1 + (r.random() < 0.3)
        for a in ([*pair] if r.random() < 0.7 else []):
            if len(chosen) < want and a not in chosen:
                chosen.append(a)
        active = [a for a in w.advisors if a.active(fy) and a not in chosen]
        while len(chosen) < want and active:
            a = r.choice(active)
            active.remove(a)
            chosen.append(a)
        for a in chosen:
            out["dispatch_advisor"].append({**w.base(row["created_at"]), "dispatch_id": row["id"],
                                            "advisor_id": a.id})
        venue = r.choice((f"{mu.name}公民館 大会議室", f"{mu.office[1].split(' ')[0]} 会議室",
                          f"{mu.name}保健センター 多目的室", f"{r.choice(mu.districts)}地区 集会所"))
        evening = cat in ("住民向け講演", "ファシリテーション") and r.random() < 0.4
        for day in days:
            start = time(18, 30) if evening else r.choice((time(10, 0), time(13, 30), time(14, 0)))
            end = (datetime.combine(day, start) + timedelta(hours=2)).time()
            out["dispatch_date"].append({**w.base(row["created_at"]), "dispatch_id": row["id"], "date": day,
                                         "start_time": start, "end_time": end, "venue": venue})
        if status == "実施済" and r.random() < 0.1:
            officer = r.choice(w.active_officers)
            task = follow_up_task(w, mu, days[-1], officer, [officer], 0, dispatch_id=row["id"])
            task["title"] = "実施報告書の提出を依頼する"
            out["follow_up_task"].append(task)
