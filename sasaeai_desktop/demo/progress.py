"""The status sheet (取組状況) of every municipality for a 年度, following its timeline."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from typing import Any

from sasaeai_desktop.db import models as m
from sasaeai_desktop.demo import phrases as P
from sasaeai_desktop.demo.days import stamp
from sasaeai_desktop.demo.world import PROGRAM_START_FY
from sasaeai_desktop.demo.world import World
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.domain.fiscal_year import fiscal_year_range


def statuses(w: World, fy: int, rows: list[dict[str, Any]]) -> None:
    r = w.rng
    july = date(fy, 7, 1)
    as_of = july if july <= w.today else max(fiscal_year_range(fy)[0], min(w.today, july))
    source = "調査票" if july <= w.today else "前年度から複写"
    for mu in w.munis:
        stage = mu.stage(fy)
        ts = mu.text_stage(fy)
        sc1 = fy >= mu.sc1_year
        c1 = fy >= mu.council1_year
        placed, council2 = mu.sc2_placed(fy), mu.council2(fy)
        tfy = fiscal_year_of(mu.transition)
        row = w.base(stamp(as_of, 10) + timedelta(days=r.randint(0, 20)))
        row.update(
            # 総合事業 came with the 2014 amendment: no transition date was planned before it.
            municipality_id=mu.id, fiscal_year=fy, transition_date=mu.transition if fy >= 2014 else None,
            transition_note="移行予定" if 2014 <= fy < tfy else "",
            sc1_placed=sc1, sc1_entrusted_to=(mu.entrusted[1] if mu.entrusted else "") if sc1 else "",
            sc1_since=date(mu.sc1_year, mu.sc1_month, 1) if sc1 else None,
            sc1_count=mu.sc1_count if sc1 else 0,
            sc2_placed_areas=placed, sc2_total_areas=mu.areas,
            sc2_note=("第1層SCが兼務" if mu.areas == 1 and sc1 else
                      P.SC2_NOTES[(mu.idx + fy) % len(P.SC2_NOTES)] if 0 < placed < mu.areas else ""),
            council1_established=c1, council1_since=date(mu.council1_year, r.choice((6, 7, 10)), 1) if c1 else None,
            council1_meetings_per_year=(mu.meetings + (1 if stage == 3 else 0)) if c1 else None,
            council2_established_areas=council2, council2_total_areas=mu.areas,
            council2_note=(P.COUNCIL2_NOTES_NONE[mu.idx % len(P.COUNCIL2_NOTES_NONE)] if council2 == 0 and sc1
                           else P.COUNCIL2_NOTES_SOME[(mu.idx + fy) % len(P.COUNCIL2_NOTES_SOME)]
                           if 0 < council2 < mu.areas else ""),
            stage=stage,
            strengths=("\n".join(mu.strengths[: 1 + (fy + mu.idx) % 2])
                       if fy >= PROGRAM_START_FY or r.random() < 0.3 else ""),
            issues="\n".join(r.sample(P.ISSUES[ts], 1 + (r.random() < 0.4))),
            support_wanted="、".join(r.sample(P.SUPPORT_WANTED, 1 + (r.random() < 0.5))) if stage else "",
            source=source, as_of=as_of,
        )
        for key in ("sc1_since", "council1_since"):  # placed this 年度, but not after today
            if row[key] is not None and row[key] > w.today:
                row[key] = fiscal_year_range(fy)[0]
        for key in m.SERVICE_TYPES:
            start = mu.services.get(key)
            on = start is not None and fy >= start and fy >= tfy
            row[key] = on
            row[f"{key}_note"] = mu.service_notes[key] if on else ""
        rows.append(row)
