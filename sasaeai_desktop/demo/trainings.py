"""A 年度's training events: sessions, audience, staff, fields and survey questions, then the
registrations, attendance (up to today) and survey answers."""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import Any

from sasaeai_desktop.demo import phrases as P
from sasaeai_desktop.demo.days import next_workday
from sasaeai_desktop.demo.days import stamp
from sasaeai_desktop.demo.days import workdays
from sasaeai_desktop.demo.draw import Weighted
from sasaeai_desktop.demo.draw import fit
from sasaeai_desktop.demo.draw import weighted_sample
from sasaeai_desktop.demo.world import PROGRAM_START_FY
from sasaeai_desktop.demo.world import Muni
from sasaeai_desktop.demo.world import Person
from sasaeai_desktop.demo.world import World
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.fiscal_year import fiscal_year_range

REGISTRATIONS_PER_YEAR = 5000

_RATINGS = Weighted((1, 2, 3, 4), (42, 43, 12, 3))


@dataclass
class _EventSpec:
    event_type: str
    title: str
    series: str
    weight: float  # share of the year's registrations
    months: tuple[int, ...]
    audience: tuple[str, ...]
    sessions: tuple[str, ...] = ("",)
    per_session: bool = False  # registrations are for one session each (見学 A/B/C, 会場別)
    block: int | None = None  # 情報交換会: region index in the block kind
    groups: bool = False
    pref_venue: bool = True
    hours: tuple[tuple[int, int], tuple[int, int]] = ((13, 30), (16, 30))
    # vocab.SESSION_STRUCTURES; '' = alternatives for per-session events (見学 A/B/C, 会場別), else a course
    structure: str = ""

    @property
    def session_structure(self) -> str:
        return self.structure or ("alternatives" if self.per_session else "course")


_ROLE_WEIGHTS_SC = {"第1層SC": 6, "第2層SC": 6, "市町村職員": 2.5, "社協職員": 1.5, "包括職員": 1.5, "NPO": 0.5}

_ROLE_WEIGHTS_STAFF = {"市町村職員": 5, "包括職員": 2, "第1層SC": 1.5, "社協職員": 1}

_ROLE_WEIGHTS_TOP = {"首長・管理職": 10, "市町村職員": 0.3}

_ROLE_WEIGHTS_PUBLIC = {"住民リーダー": 5, "NPO": 3, "その他": 3, "社協職員": 1, "第2層SC": 1, "包括職員": 0.6, "市町村職員": 0.4}

_ROLE_WEIGHTS_STUDY = {"第1層SC": 3, "第2層SC": 3, "NPO": 2, "住民リーダー": 1.5, "社協職員": 2, "市町村職員": 2, "包括職員": 1.5}

_TYPE_ROLE_WEIGHTS = {
    "養成研修": _ROLE_WEIGHTS_SC, "フォローアップ研修": _ROLE_WEIGHTS_SC, "情報交換会": _ROLE_WEIGHTS_SC,
    "市町村職員向け研修": _ROLE_WEIGHTS_STAFF, "トップセミナー": _ROLE_WEIGHTS_TOP,
    "フォーラム・セミナー": _ROLE_WEIGHTS_PUBLIC, "勉強会": _ROLE_WEIGHTS_STUDY, "現地見学": _ROLE_WEIGHTS_STUDY,
}


def event_specs(w: World) -> list[_EventSpec]:
    sc_aud = ("第1層SC", "第2層SC", "市町村職員", "社協職員", "包括職員")
    public = ("住民リーダー", "NPO", "その他", "社協職員", "第2層SC", "市町村職員", "包括職員")
    study = ("第1層SC", "第2層SC", "市町村職員", "社協職員", "包括職員", "NPO", "住民リーダー")
    specs = [
        _EventSpec("養成研修", "生活支援コーディネーター養成研修（初任者編）", "yousei1", 350, (6, 7, 8), sc_aud,
                   ("1日目", "2日目", "3日目"), groups=True, hours=((10, 0), (16, 0))),
        _EventSpec("養成研修", "生活支援コーディネーター養成研修（実践編）", "yousei2", 250, (9, 10, 11), sc_aud,
                   ("1日目", "2日目"), groups=True, hours=((10, 0), (16, 0))),
        _EventSpec("フォローアップ研修", "生活支援コーディネーターフォローアップ研修（第1回）", "fu1", 200, (10, 11),
                   sc_aud, groups=True),
        _EventSpec("フォローアップ研修", "生活支援コーディネーターフォローアップ研修（第2回）", "fu2", 180, (12, 1),
                   sc_aud, groups=True),
        _EventSpec("フォローアップ研修", "生活支援コーディネーターフォローアップ研修（第3回）", "fu3", 150, (2,),
                   sc_aud, groups=True),
        _EventSpec("市町村職員向け研修", "市町村担当者研修（体制整備事業・総合事業の基礎）", "staff1", 150, (5, 6),
                   ("市町村職員", "包括職員", "第1層SC")),
        _EventSpec("市町村職員向け研修", "市町村担当者研修（協議体の運営と評価）", "staff2", 120, (11, 12),
                   ("市町村職員", "包括職員", "第1層SC")),
        _EventSpec("情報交換会", "全県生活支援コーディネーター情報交換会", "kokan-all", 150, (7, 8), sc_aud,
                   groups=True),
        _EventSpec("トップセミナー", "市町村長・管理職向けトップセミナー", "top", 80, (5, 6, 7), ("首長・管理職",),
                   hours=((14, 0), (16, 0))),
        _EventSpec("現地見学", "先進地現地見学会（バスツアー）", "tour", 30, (9, 10, 11), study,
                   ("A日程", "B日程", "C日程"), per_session=True, hours=((9, 0), (16, 30))),
        _EventSpec("フォーラム・セミナー", "地域支え合いフォーラム", "forum", 1000, (11, 12, 1), public,
                   ("北部会場", "中部会場", "南部会場"), per_session=True),
        _EventSpec("フォーラム・セミナー", "生活支援・介護予防セミナー", "seminar", 450, (2, 3), public),
    ]
    for i, name in enumerate(w.block_names):
        specs.append(_EventSpec("情報交換会", f"{name}情報交換会", f"kokan-{i}", 70, (7, 8, 9, 10, 11, 12), sc_aud,
                                block=i, groups=True, pref_venue=False))
    for i in range(3):
        specs.append(_EventSpec("勉強会", "", f"study{i}", 90, ((5, 6), (7, 8), (10, 11))[i], study))
    # the winter study sessions are a series: three evenings, each a unit of its own (受講証明)
    specs.append(_EventSpec("勉強会", "", "study3", 90, (1, 2), study, ("第1回", "第2回", "第3回"), structure="series"))
    return specs


def events(w: World, fy: int, out: dict[str, list[dict[str, Any]]]) -> None:
    r = w.rng
    specs = event_specs(w)
    total_w = sum(s.weight for s in specs)
    target = REGISTRATIONS_PER_YEAR * w.f
    year_days = workdays(fy)
    label = fiscal_year_label(fy)
    active_adv = [a for a in w.advisors if a.active(fy)]
    organiser_pool = w.active_officers
    online = 0.6 if fy in (2020, 2021) else 0.15 if fy > 2021 else 0.0
    pool = [p for mu in w.munis for p in mu.staff if mu.engagement != "never"]
    pool += [p for p in w.crowd
             if p.until >= fy and p.muni is not None and w.munis[p.muni].engagement != "never"]
    themes = fit(w.fields, 0, key=lambda f: f[1]) if fy < PROGRAM_START_FY else w.fields
    study_fields = r.sample(list(themes), min(4, len(themes)))
    for spec in specs:
        kind = "テーマ別連続勉強会" if spec.session_structure == "series" else "テーマ別勉強会"
        title = spec.title or f"{kind}「{study_fields[int(spec.series[-1]) % len(study_fields)][1]}」"
        # sessions
        months = [d for d in year_days if d.month in spec.months]
        first = r.choice(months[: max(1, len(months) - 20)] if len(spec.sessions) > 1 else months)
        dates = [first]
        for _ in spec.sessions[1:]:
            dates.append(next_workday(dates[-1] + timedelta(days=r.randint(14, 28) if not spec.per_session
                                                            else r.randint(5, 16))))
        share = spec.weight / total_w
        want = round(target * share * r.uniform(0.85, 1.1))
        opens = first - timedelta(days=45)
        if first > w.today:
            want = round(want * max(0.0, min(1.0, (w.today - opens).days / 40)))
        ts = stamp(max(fiscal_year_range(fy)[0], first - timedelta(days=r.randint(60, 90))), 10)
        ev = w.base(ts)
        co = ""
        if spec.event_type in ("養成研修", "フォローアップ研修"):
            co = w.pref_orgs["shakyo"][1]
        elif spec.event_type == "フォーラム・セミナー":
            co = f"{w.pref_orgs['shakyo'][1]}、{w.pref_orgs['mid0'][1]}"
        notes = P.PROGRAM_NOTES.get(spec.event_type, "")
        if fy < PROGRAM_START_FY:  # the same series, under its older name
            title = P.PRE_PROGRAM_TITLES.get(title, title)
            if any(mk in notes for mk in P.PRE_PROGRAM_MARKERS):
                notes = P.PRE_PROGRAM_NOTES
        ev.update(fiscal_year=fy, event_type=spec.event_type, title=f"{label} {title}", co_hosts=co,
                  session_structure=spec.session_structure,
                  program_notes=notes, organiser=r.choice(organiser_pool).name,
                  copied_from_id=w.series_last.get(spec.series))
        w.series_last[spec.series] = ev["id"]
        out["training_event"].append(ev)
        eid = ev["id"]
        block_munis = w.block_regions[spec.block] if spec.block is not None else []
        is_online = r.random() < online and not spec.per_session and spec.event_type != "現地見学"
        labels = list(spec.sessions)
        hosts: list[Muni] = []
        if spec.event_type == "フォーラム・セミナー" and spec.per_session:
            # 会場別: the largest municipality of regions spread over the prefecture
            groups = [g for g in w.block_regions if g]
            picks = r.sample(groups, min(len(spec.sessions), len(groups)))
            hosts = [max((w.munis[j] for j in g), key=lambda x: x.pop) for g in picks]
            labels = [f"{h.name}会場" for h in hosts] + labels[len(hosts):]
        elif not spec.pref_venue:
            cands = [w.munis[j] for j in block_munis] or w.munis
            hosts = [max(r.sample(cands, min(3, len(cands))), key=lambda x: x.pop)]
        shared_venue = r.choice((f"{w.pref_name}社会福祉総合センター 大会議室", f"{w.pref_name}庁 講堂",
                                 f"{w.pref_name}自治研修所 第1研修室"))
        if hosts and not spec.per_session:
            shared_venue = town_venue(w, hosts[0])
        sessions = []
        for i, (lab, d) in enumerate(zip(labels, dates)):
            if is_online:
                venue = "オンライン（Web会議）"
            elif spec.event_type == "現地見学":
                host = r.choice(w.munis)
                venue = f"{host.name}（{r.choice(P.TOUR_PLACES)}）・県庁前集合"
            elif spec.per_session and i < len(hosts):
                venue = town_venue(w, hosts[i])
            else:
                venue = shared_venue
            cap = (12 if i == 0 else 10) if spec.event_type == "現地見学" else None
            if cap is None:
                base_cap = round(target * share / (len(spec.sessions) if spec.per_session else 1) * 1.15)
                cap = max(20, int(math.ceil(base_cap / 10.0)) * 10)
            (sh, sm), (eh, em) = spec.hours
            srow = {**w.base(ts), "event_id": eid, "label": lab, "date": d, "start_time": time(sh, sm),
                    "end_time": time(eh, em), "venue": venue, "capacity": cap, "required": True, "sort_order": i}
            sessions.append(srow)
        out["training_session"].extend(sessions)
        if spec.event_type == "現地見学":
            want = min(want, sum(x["capacity"] for x in sessions))
        for role in spec.audience:
            out["event_audience"].append({**w.base(ts), "event_id": eid, "role": role})
        if active_adv and spec.event_type != "トップセミナー" or (active_adv and r.random() < 0.5):
            for j, a in enumerate(r.sample(active_adv, min(len(active_adv), r.randint(1, 3)))):
                out["event_staff"].append({**w.base(ts), "event_id": eid, "person_id": a.person.id,
                                           "advisor_id": a.id,
                                           "kind": "講師" if j == 0 else r.choice(("ファシリテーター", "アドバイザー"))})
        for fid, _ in r.sample(w.fields, min(len(w.fields), r.randint(2, 3))):
            out["event_field"].append({**w.base(ts), "event_id": eid, "field_id": fid})
        questions = []
        labels_q = P.SURVEY_QUESTIONS[spec.event_type]
        if fy < PROGRAM_START_FY and any(mk in "".join(labels_q) for mk in P.PRE_PROGRAM_MARKERS):
            labels_q = P.PRE_PROGRAM_QUESTIONS
        for j, q in enumerate(labels_q):
            qrow = {**w.base(ts), "event_id": eid, "label": q, "sort_order": j}
            questions.append(qrow)
        out["survey_question"].extend(questions)
        registrations(w, spec, fy, ev, sessions, questions, pool, block_munis, want, out)


def town_venue(w: World, host: Muni) -> str:
    return w.rng.choice((f"{host.name}文化会館 小ホール", f"{host.name}保健センター 大会議室",
                         f"{host.name}公民館 講堂", f"{host.name}総合福祉センター 多目的ホール"))


def registrations(
    w: World,
    spec: _EventSpec,
    fy: int,
    ev: dict[str, Any],
    sessions: list[dict[str, Any]],
    questions: list[dict[str, Any]],
    pool: list[Person],
    block_munis: list[int],
    want: int,
    out: dict[str, list[dict[str, Any]]],
) -> None:
    r = w.rng
    if want <= 0:
        return
    role_w = _TYPE_ROLE_WEIGHTS[spec.event_type]
    allowed = set(block_munis)
    cands, weights = [], []
    for p in pool:
        weight = role_w.get(p.role, 0.0)
        if not weight or p.role not in spec.audience:
            continue
        if p.muni is None or (allowed and p.muni not in allowed):
            continue
        if w.munis[p.muni].engagement == "low":
            weight *= 0.3
        if spec.series == "yousei1" and p.start == fy:
            weight *= 4  # 初任者 come to the initial training in their first year
        cands.append(p)
        weights.append(weight)
    chosen = weighted_sample(r, cands, weights, want)
    muni_code = {mu.idx: mu.code for mu in w.munis}
    chosen.sort(key=lambda p: (muni_code[p.muni], p.role, p.name))
    yousei = spec.event_type == "養成研修"
    n_groups = max(2, len(chosen) // 8) if spec.groups else 0
    half = max(1, n_groups // 2)
    sc_i = staff_i = 0
    first_day = sessions[0]["date"]
    cum_cap: list[float] = []  # per-session registrations are shared out by capacity
    for sess in sessions:
        cum_cap.append((cum_cap[-1] if cum_cap else 0) + sess["capacity"])
    for order, p in enumerate(chosen):
        if spec.per_session:
            at = (order + 0.5) / len(chosen) * cum_cap[-1]
            my_sessions = [sessions[min(len(sessions) - 1, bisect.bisect_right(cum_cap, at))]]
        else:
            my_sessions = sessions
        day = my_sessions[0]["date"]
        walk_in = day <= w.today and r.random() < 0.02
        reg_on = day if walk_in else max(fiscal_year_range(fy)[0], day - timedelta(days=r.randint(10, 45)))
        reg_on = min(reg_on, w.today)
        x = r.random()
        status = "登録" if walk_in or x < 0.92 else "キャンセル" if x < 0.98 else "補欠"
        group = ""
        if n_groups:
            if p.role in ("第1層SC", "第2層SC"):
                group = f"{1 + sc_i % half}班"
                sc_i += 1
            else:
                group = f"{half + 1 + staff_i % max(1, n_groups - half)}班"
                staff_i += 1
        pre = yousei and status == "登録" and r.random() < (0.88 if first_day <= w.today else 0.45)
        reg = w.base(stamp(reg_on, r.randint(9, 17), r.randint(0, 59)))
        reg.update(event_id=ev["id"], person_id=p.id,
                   session_id=my_sessions[0]["id"] if spec.per_session else None, registered_on=reg_on,
                   status=status, walk_in=walk_in, pre_assignment_received=pre, group_label=group,
                   row_order=order + 1, notes="当日参加" if walk_in else "")
        out["registration"].append(reg)
        if status != "登録":
            continue
        attended = False
        for sess in my_sessions:
            d = sess["date"]
            if d > w.today:
                continue
            present = walk_in or r.random() < 0.9
            attended |= present
            st = sess["start_time"]
            checked = (datetime.combine(d, st) - timedelta(minutes=r.randint(3, 30))) if present else None
            out["attendance"].append({**w.base(stamp(d, st.hour, st.minute)), "registration_id": reg["id"],
                                      "session_id": sess["id"], "present": present, "checked_in_at": checked})
        if attended and r.random() < 0.6:
            last_day = my_sessions[-1]["date"]
            ts = stamp(min(w.today, last_day + timedelta(days=r.randint(0, 7))), 17)
            for j, q in enumerate(questions):
                comment = r.choice(P.SURVEY_COMMENTS) if j == len(questions) - 1 and r.random() < 0.15 else ""
                out["survey_answer"].append({**w.base(ts), "registration_id": reg["id"], "question_id": q["id"],
                                             "rating": _RATINGS.draw(r), "comment": comment})
