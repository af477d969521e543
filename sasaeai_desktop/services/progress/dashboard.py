"""The progress dashboard: for a 年度 (and a region kind) how many municipalities have placed their
第1層/第2層 SC and set up their councils, the stage distribution, the change from last year, and the
follow-up lists (not visited for N months, no training attendance this 年度, status unmoved for
two 年度, open follow-up tasks, grant reports due or overdue), and the 年度's outreach (普及啓発)
events. Plain data: the GUI draws it, ``io/pdf/dashboard`` prints it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.domain.fiscal_year import fiscal_year_range
from sasaeai_desktop.domain.outreach import OutreachCounts
from sasaeai_desktop.domain.progress_dashboard import INDICATORS
from sasaeai_desktop.domain.progress_dashboard import NO_STAGE
from sasaeai_desktop.domain.progress_dashboard import FollowUpItem
from sasaeai_desktop.domain.progress_dashboard import GroupFigures
from sasaeai_desktop.domain.progress_dashboard import IndicatorFigure
from sasaeai_desktop.domain.progress_dashboard import ProgressDashboard
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.progress import regions as rg
from sasaeai_desktop.services.progress import status as st
from sasaeai_desktop.services.trainings.outreach import outreach_by_host
from sasaeai_desktop.services.trainings.outreach import outreach_figures

# What "the status moved" means: these fields, not the free text.
PROGRESS_KEYS: tuple[str, ...] = (
    "sc1_placed", "sc2_placed_areas", "sc2_total_areas", "council1_established", "council2_established_areas",
    "council2_total_areas", *m.SERVICE_TYPES, "stage",
)


def _all_areas(n: int | None, total: int | None) -> bool:
    return total is not None and total != 0 and (n or 0) >= total


def indicator_flags(values: dict[str, Any]) -> dict[str, bool]:
    return {
        "sc1": values.get("sc1_placed") is True,
        "sc2": (values.get("sc2_placed_areas") or 0) > 0,
        "sc2_all": _all_areas(values.get("sc2_placed_areas"), values.get("sc2_total_areas")),
        "council1": values.get("council1_established") is True,
        "council2": (values.get("council2_established_areas") or 0) > 0,
        "council2_all": _all_areas(values.get("council2_established_areas"), values.get("council2_total_areas")),
    }


def _stage_counts(records: dict[str, st.StatusRecord], ids: list[str]) -> dict[int, int]:
    out = {1: 0, 2: 0, 3: 0, NO_STAGE: 0}
    for mid in ids:
        rec = records.get(mid)
        stage = rec.values.get("stage") if rec else None
        out[stage if stage in (1, 2, 3) else NO_STAGE] += 1
    return out


def _months_before(d: dt.date, months: int) -> dt.date:
    y, mo = divmod(d.year * 12 + d.month - 1 - months, 12)
    mo += 1
    import calendar

    return dt.date(y, mo, min(d.day, calendar.monthrange(y, mo)[1]))


def progress_dashboard(
    uow: UnitOfWork,
    fiscal_year: int,
    *,
    group_by: str | None = None,
    months: int = 6,
    report_days: int = 30,
    today: dt.date | None = None,
) -> ProgressDashboard:
    """Everything the progress dashboard shows. ``group_by``: a region kind (name or id)."""
    today = today or dt.date.today()
    first, last = fiscal_year_range(fiscal_year)
    ref = min(today, last)  # "not visited for N months" as of the end of a past 年度
    kind = rg.find_kind(uow, group_by) if group_by else None
    mun = m.Municipality
    with uow:
        s = uow.session
        munis = municipalities.insurers(uow)
        ids = [x[0] for x in munis]
        info = {x[0]: x for x in munis}
        now = st.statuses_for_year(uow, fiscal_year)
        prev = st.statuses_for_year(uow, fiscal_year - 1)
        prev2 = st.statuses_for_year(uow, fiscal_year - 2)
        parent: dict[str, str] = {
            mid: pid for mid, pid in s.execute(select(mun.id, mun.parent_id).where(mun.parent_id.is_not(None)))
            if pid is not None
        }

        def counted_as(mid: Any) -> str:
            """The insurer whose figures a row of ``mid`` counts in: a ward's are its city's. (``Any``:
            the queries below leave out rows without a municipality, which their types cannot say.)"""
            return parent.get(mid, mid)

        v = m.Visit
        last_visit: dict[str, dt.date] = {}
        for mid, d in s.execute(
            select(v.municipality_id, func.max(v.visit_date))
            .where(v.deleted.is_(False), v.is_draft.is_(False), v.visit_date <= ref)
            .group_by(v.municipality_id)
        ).all():
            key = counted_as(mid)
            if d is not None and (key not in last_visit or d > last_visit[key]):
                last_visit[key] = d
        a, reg, p, ev, ts = m.Attendance, m.Registration, m.Person, m.TrainingEvent, m.TrainingSession
        attended = {
            counted_as(mid)
            for (mid,) in s.execute(
                select(p.municipality_id)
                .select_from(a)
                .join(reg, reg.id == a.registration_id)
                .join(p, p.id == reg.person_id)
                .join(ts, ts.id == a.session_id)
                .join(ev, ev.id == ts.event_id)
                .where(a.deleted.is_(False), a.present.is_(True), reg.deleted.is_(False), ev.deleted.is_(False),
                       ev.fiscal_year == fiscal_year, p.municipality_id.is_not(None))
                .group_by(p.municipality_id)
            ).all()
        }
        t = m.FollowUpTask
        tasks: dict[str, list[Any]] = {}
        for owner, n, due in s.execute(
            select(t.municipality_id, func.count(t.id), func.min(t.due_date))
            .where(t.deleted.is_(False), t.done.is_(False), t.municipality_id.is_not(None))
            .group_by(t.municipality_id)
        ).all():
            key = counted_as(owner)
            cur = tasks.setdefault(key, [0, None])
            cur[0] += n
            if due is not None and (cur[1] is None or due < cur[1]):
                cur[1] = due
        has_prev = bool(prev)
        gr = m.Grant
        reports_due: list[tuple[str, str, dt.date]] = [
            (counted_as(mid), program, due)
            for mid, program, due in s.execute(
                select(gr.municipality_id, gr.program, gr.report_due)
                .where(gr.deleted.is_(False), gr.report_received.is_(None), gr.report_due.is_not(None),
                       gr.report_due <= today + dt.timedelta(days=report_days))
                .order_by(gr.report_due, gr.program)
            ).all()
            if due is not None  # never NULL: selected so
        ]

    def count(records: dict[str, st.StatusRecord], subset: list[str]) -> dict[str, int]:
        out = {k: 0 for k, _l in INDICATORS}
        for mid in subset:
            rec = records.get(mid)
            if rec is None:
                continue
            for k, on in indicator_flags(rec.values).items():
                out[k] += on
        return out

    now_counts, prev_counts = count(now, ids), count(prev, ids)
    indicators = [
        IndicatorFigure(k, label, now_counts[k], len(ids), prev_counts[k] if has_prev else None, len(ids))
        for k, label in INDICATORS
    ]
    groups: list[GroupFigures] = []
    if kind is not None:
        held: dict[str, OutreachCounts] = {}  # insurer → the outreach held there (a ward's in its city)
        for host, figures in outreach_by_host(uow, fiscal_year).items():
            if host is not None:
                held[counted_as(host)] = held.get(counted_as(host), OutreachCounts()) + figures
        for g in rg.group_municipalities(uow, kind.id, ids):
            groups.append(GroupFigures(g.name, len(g.municipality_ids), count(now, g.municipality_ids),
                                       _stage_counts(now, g.municipality_ids),
                                       sum((held.get(mid, OutreachCounts()) for mid in g.municipality_ids),
                                           OutreachCounts())))

    def item(mid: str, detail: str) -> FollowUpItem:
        return FollowUpItem(mid, info[mid][1], info[mid][2], detail)

    cutoff = _months_before(ref, months)
    not_visited = []
    for mid in ids:
        visited = last_visit.get(mid)
        if visited is None:
            not_visited.append(item(mid, "訪問の記録がありません"))
        elif visited < cutoff:
            not_visited.append(item(mid, f"最後の訪問 {visited:%Y/%m/%d}"))
    not_visited.sort(key=lambda x: (x.detail != "訪問の記録がありません", x.detail, x.code))
    no_training = [item(mid, f"{fiscal_year_label(fiscal_year)}の研修参加なし") for mid in ids if mid not in attended]
    unmoved = []
    for mid in ids:
        recs = [r for r in (now.get(mid), prev.get(mid), prev2.get(mid)) if r is not None]
        if len(recs) < 3:
            continue
        keyvals = [tuple(r.values.get(k) for k in PROGRESS_KEYS) for r in recs]
        values = recs[0].values
        complete = (values.get("stage") == 3 and values.get("sc2_placed_areas") == values.get("sc2_total_areas")
                    and values.get("council2_established_areas") == values.get("council2_total_areas"))
        if keyvals[0] == keyvals[1] == keyvals[2] and not complete:
            unmoved.append(item(mid, f"{fiscal_year - 2}〜{fiscal_year}年度 変化なし（{st.stage_label(values.get('stage')) or '段階未記入'}）"))
    open_tasks = [
        item(mid, f"未完了 {tasks[mid][0]}件" + (f"（最も早い期限 {tasks[mid][1]:%Y/%m/%d}）" if tasks[mid][1] else ""))
        for mid in ids if mid in tasks
    ]
    open_tasks.sort(key=lambda x: x.code)
    grant_reports = [item(mid, _report_due_text(program, due, today)) for mid, program, due in reports_due if mid in info]
    return ProgressDashboard(
        fiscal_year=fiscal_year,
        label=fiscal_year_label(fiscal_year, "both"),
        group_kind=kind.name if kind else "",
        total=len(ids),
        recorded=sum(1 for mid in ids if mid in now),
        indicators=indicators,
        stages=_stage_counts(now, ids),
        stages_previous=_stage_counts(prev, ids) if has_prev else {},
        groups=groups,
        months=months,
        not_visited=not_visited,
        no_training=no_training,
        unmoved=unmoved,
        open_tasks=open_tasks,
        grant_reports=grant_reports,
        report_days=report_days,
        outreach=outreach_figures(uow, fiscal_year),
    )


def _report_due_text(program: str, due: dt.date, today: dt.date) -> str:
    days = (due - today).days
    when = f"{-days}日超過" if days < 0 else "今日まで" if days == 0 else f"あと{days}日"
    return f"{program}の実績報告 期限 {due:%Y/%m/%d}（{when}）"


def default_fiscal_year(uow: UnitOfWork, today: dt.date | None = None) -> int:
    """The newest 年度 with statuses, not after today's 年度; today's 年度 when there are none."""
    cur = fiscal_year_of(today or dt.date.today())
    years = [y for y in st.fiscal_years(uow) if y <= cur]
    return years[0] if years else cur
