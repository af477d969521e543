"""``fill_demo``: the order the areas are built in, the scale, and one transaction for it all."""

from __future__ import annotations

import json
import random
import threading
import time as _time
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.demo.activities import consultations
from sasaeai_desktop.demo.activities import dispatches
from sasaeai_desktop.demo.activities import visits
from sasaeai_desktop.demo.advisors import advisor_roster
from sasaeai_desktop.demo.catalogue import catalogue
from sasaeai_desktop.demo.grants import grants
from sasaeai_desktop.demo.municipalities import figures
from sasaeai_desktop.demo.municipalities import load_municipalities
from sasaeai_desktop.demo.organisations import organisations
from sasaeai_desktop.demo.outreach import outreach
from sasaeai_desktop.demo.people import new_people
from sasaeai_desktop.demo.progress import statuses
from sasaeai_desktop.demo.regions import regions
from sasaeai_desktop.demo.regions import vocabularies
from sasaeai_desktop.demo.trainings import events
from sasaeai_desktop.demo.world import World
from sasaeai_desktop.demo.writer import Writer
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.fiscal_year import MIN_FISCAL_YEAR
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.services.setup import current_prefecture

MAX_SCALE = 100
META_DEMO = "demo_data"  # local_meta key: present once a demo dataset was written


@dataclass(frozen=True)
class DemoResult:
    rows: dict[str, int]  # table name → rows added (municipality: rows updated)
    fiscal_years: tuple[int, ...]
    prefecture_code: str = ""
    prefecture_name: str = ""
    seconds: float = 0.0


# Per-year tables in foreign-key order.
_YEAR_TABLES: tuple[type[m.Base], ...] = (
    m.Person, m.MunicipalityStatus, m.Visit, m.VisitParticipant, m.Consultation, m.Dispatch,
    m.DispatchAdvisor, m.DispatchDate, m.FollowUpTask, m.TrainingEvent, m.TrainingSession,
    m.EventAudience, m.EventStaff, m.EventField, m.SurveyQuestion, m.Registration, m.Attendance,
    m.SurveyAnswer, m.Grant, m.GrantLink, m.EventMedia,
)


def _refuse_if_filled(s: Any) -> None:
    marker = s.get(m.LocalMeta, META_DEMO)
    if marker is not None:
        try:
            info = json.loads(marker.value)
            when = f"（{info.get('created', '')}、{info.get('scale', '?')}年度分）"
        except (ValueError, AttributeError):
            when = ""
        raise UserError(
            f"このデータベースには既にデモデータが入っています{when}。"
            "作り直すときは、新しいデータベースを指定して sasaeai demo を実行してください。"
        )
    checks = (
        (m.Person, "人"), (m.Organisation, "団体"), (m.Region, "圏域"), (m.Visit, "訪問記録"),
        (m.Consultation, "相談記録"), (m.TrainingEvent, "研修"), (m.MunicipalityStatus, "取組状況"),
        (m.Advisor, "アドバイザー"), (m.Dispatch, "アドバイザー派遣"), (m.Grant, "補助金・モデル事業"), (m.CatalogueEntry, "地域資源"),
    )
    found = []
    for model, label in checks:
        n = s.scalar(select(func.count()).select_from(model))
        if n:
            found.append(f"{label} {n:,} 件")
    if found:
        raise UserError(
            "このデータベースには既にデータが登録されています（" + "、".join(found) + "）。"
            "架空のデモデータが実際のデータと混ざらないよう、デモデータは sasaeai init の直後の"
            "空のデータベースにだけ作成できます。新しいデータベースを指定してください。"
        )


def fill_demo(
    uow: UnitOfWork,
    *,
    scale: int = 1,
    seed: int = 7,
    today: date | None = None,
    progress: Progress | None = None,
    abort: threading.Event | None = None,
) -> DemoResult:
    """Fill ``scale`` 年度 of fictional activity (ending with today's 年度) in one transaction.

    Raises UserError when the prefecture is not set up, when the database already holds data,
    for a bad ``scale``; cancellation.Cancelled when ``abort`` is set: nothing is written.
    """
    started = _time.perf_counter()
    if isinstance(scale, bool) or not isinstance(scale, int) or not 1 <= scale <= MAX_SCALE:
        raise UserError(f"デモデータの規模（年度数）は 1〜{MAX_SCALE} の整数で指定してください（指定: {scale}）。")
    pref = current_prefecture(uow)
    if pref is None:
        raise UserError("都道府県が設定されていません。先に sasaeai init で都道府県を設定してください。")
    pref_code, pref_name = pref
    today = today or date.today()
    cur = fiscal_year_of(today)
    years = tuple(range(cur - scale + 1, cur + 1))
    if years[0] < MIN_FISCAL_YEAR:
        raise UserError(f"{MIN_FISCAL_YEAR}年度より前のデモデータは作成できません（規模 {scale} は大きすぎます）。")
    rng = random.Random(seed)
    with uow:
        s = uow.session
        s.connection(execution_options={"sqlite_begin": "IMMEDIATE"})  # take the write lock up front
        writer = Writer(s, progress, abort)
        writer.check()
        _refuse_if_filled(s)
        writer.report(0.0, "準備中")
        w = World(s, writer, rng, pref_code, pref_name, years, today)
        load_municipalities(w)
        vocabularies(w)
        figures(w)
        region_rows, members = regions(w)
        orgs = organisations(w)
        writer.write([(m.Region, region_rows), (m.RegionMembership, members), (m.Organisation, orgs)], 0.0, 0.01,
                     "圏域と団体")
        writer.check()
        writer.write(advisor_roster(w), 0.01, 0.02, "アドバイザー名簿")
        span = 0.97 / len(years)
        for yi, fy in enumerate(years):
            label = fiscal_year_label(fy, "both")
            lo = 0.02 + yi * span
            writer.check()
            writer.report(lo, f"{label}：作成中")
            out: dict[str, list[dict[str, Any]]] = {model.__tablename__: [] for model in _YEAR_TABLES}
            new_people(w, fy, out["person"])
            statuses(w, fy, out["municipality_status"])
            writer.check()
            visits(w, fy, out)
            consultations(w, fy, out)
            dispatches(w, fy, out)
            writer.check()
            events(w, fy, out)
            outreach(w, fy, out)
            grants(w, fy, out)
            writer.write([(model, out[model.__tablename__]) for model in _YEAR_TABLES], lo + span * 0.3,
                         lo + span, label)
        writer.check()
        writer.write(catalogue(w, out["visit"]), 0.99, 0.995, "地域資源")  # some learnt of on this 年度's visits
        info = {"seed": seed, "scale": scale, "fiscal_years": [years[0], years[-1]], "created": today.isoformat()}
        s.execute(insert(m.LocalMeta), [{"key": META_DEMO, "value": json.dumps(info, ensure_ascii=False)}])
        writer.check()
        writer.report(0.995, "保存中")
        uow.commit()
    writer.report(1.0, "完了")
    rows = {k: v for k, v in writer.counts.items() if v and k != "municipality"}
    return DemoResult(rows, years, pref_code, pref_name, round(_time.perf_counter() - started, 3))
