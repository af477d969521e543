"""補助金・モデル事業 of the demo: for the last two 年度, 埼玉県-style model projects of about 600万円
(training, meetings and 拠点整備, the use left to the municipality), smaller grants for 活動拠点 and
活動周知, a 委託 and a 現物提供 — last year's reports mostly received, one overdue; this year's
due next spring, and a few small ones due around today so the follow-up list has something in it.

Drawn from a generator of its own, so adding grants does not shift what the other areas draw."""

from __future__ import annotations

import random
from datetime import date
from datetime import timedelta
from typing import Any

from sasaeai_desktop.demo.days import stamp
from sasaeai_desktop.demo.world import Muni
from sasaeai_desktop.demo.world import World

MODEL = "地域支え合い体制づくりモデル事業"
_MODEL_USE = (
    "生活支援コーディネーター・協議体メンバーの研修、地域での話し合いの場の開催、活動拠点の整備"
    "（使途は市町村の判断による）"
)
_SMALL = (
    # (program, kind, amounts in 千円, use, share of municipalities)
    ("活動拠点整備費補助", "補助金", (300, 500, 800, 1000), "空き店舗を改修した通いの場・サロンの拠点整備", 0.08),
    ("活動周知費用補助", "補助金", (100, 150, 200, 300), "支え合い活動を紹介するチラシ・情報誌の作成と配布", 0.08),
    ("地域づくりフォーラム開催委託", "委託", (400, 600), "住民向けフォーラムの開催（会場・講師・記録動画）", 0.03),
    ("啓発用DVD・リーフレットの提供", "現物提供", (0,), "通いの場紹介DVD 5枚、リーフレット 500部", 0.05),
)
_MODEL_NOTES = ("事例報告会で取組を発表予定", "第2層協議体の立ち上げに活用", "", "")


def grants(w: World, fy: int, out: dict[str, list[dict[str, Any]]]) -> None:
    """The 年度's grants (only the last two 年度 have them), linked to a visit of the municipality in
    the 年度 and, for model projects, to the 年度's 情報交換会 or forum. A dataset of one 年度 gets
    last year's grants too (without links: it has no visits or events of that 年度)."""
    if fy == w.first == w.cur:
        _year(w, fy - 1, {"visit": [], "training_event": [], "grant_record": out["grant_record"],
                          "grant_link": out["grant_link"]})
    if fy >= w.cur - 1:
        _year(w, fy, out)


def _year(w: World, fy: int, out: dict[str, list[dict[str, Any]]]) -> None:
    r = random.Random(f"grants-{w.pref_code}-{fy}")
    insurers = [mu for mu in w.munis if mu.kind != "区"]
    visit_of: dict[str, str] = {}
    for v in out["visit"]:
        if not v["is_draft"]:
            visit_of.setdefault(v["municipality_id"], v["id"])
    reports = [e["id"] for e in out["training_event"] if e["event_type"] in ("情報交換会", "フォーラム・セミナー")]
    current = fy == w.cur
    models = r.sample(insurers, min(len(insurers), 3))
    overdue_model = models[-1] if not current else None
    for mu in models:
        decided = 6_000_000 - r.choice((0, 0, 100_000, 200_000))
        paid = decided // 2 if current else decided
        received = None if mu is overdue_model else date(fy + 1, 4, r.randint(10, 25))
        _add(w, r, out, fy, mu, MODEL, "モデル事業", decided, paid, _MODEL_USE, due=date(fy + 1, 4, 30),
             received=received, notes=r.choice(_MODEL_NOTES), visit=visit_of.get(mu.id),
             event=reports[0] if reports else None)
    small_due = 0
    for program, kind, amounts, use, share in _SMALL:
        for mu in r.sample(insurers, max(1, round(len(insurers) * share))):
            amount = r.choice(amounts) * 1000
            due: date | None
            if current and kind == "補助金" and small_due < 4:
                due = w.today + timedelta(days=r.choice((-9, -3, 6, 12, 20, 27)))  # the follow-up list
                small_due += 1
            else:
                due = date(fy + 1, 3, 31) if kind != "現物提供" else None
            done = not current and r.random() < 0.9
            _add(w, r, out, fy, mu, program, kind, amount or None, (amount or None) if done else None, use, due=due,
                 received=due + timedelta(days=-r.randint(1, 20)) if done and due else None, notes="",
                 visit=visit_of.get(mu.id) if r.random() < 0.4 else None, event=None)


def _add(w: World, r: random.Random, out: dict[str, list[dict[str, Any]]], fy: int, mu: Muni, program: str,
         kind: str, decided: int | None, paid: int | None, use: str, *, due: date | None, received: date | None,
         notes: str, visit: str | None, event: str | None) -> None:
    applied: date | None = date(fy, 4, r.randint(8, 28))
    decided_on: date | None = date(fy, 5, r.randint(10, 31)) if applied else None
    if decided_on and decided_on > w.today:  # early in the 年度: not decided yet
        decided_on, due, received, paid = None, None, None, None
    if applied and applied > w.today:
        applied = None
    if due is not None and decided_on is not None and due < decided_on:
        due = decided_on + timedelta(days=30)
    if received is not None and (received > w.today or (decided_on and received < decided_on)):
        received = None
    row = w.base(stamp(applied or w.today, 16, r.randint(0, 59)))
    row.update(municipality_id=mu.id, fiscal_year=fy, program=program, kind=kind, amount_decided=decided,
               amount_paid=paid if decided_on else None, purpose=use, applied_on=applied, decided_on=decided_on,
               report_due=due if decided_on else None, report_received=received, notes=notes)
    out["grant_record"].append(row)
    for target, column in ((visit, "visit_id"), (event, "event_id")):
        if target is not None:
            link = {**w.base(row["created_at"]), "grant_id": row["id"], "visit_id": None, "event_id": None}
            link[column] = target
            out["grant_link"].append(link)
