"""A realistic, entirely fictional dataset for the prefecture this database was set up for.

``fill_demo(uow, scale=N)`` writes N 年度 of one prefecture's activity, ending with the current
年度 (today's): regions, municipality figures and status sheets, people and organisations, the
advisor roster, visits, consultations, dispatches and training events with registrations,
attendance and surveys. Everything is drawn from ``random.Random(seed)``, so one seed gives the
same dataset (ids aside: they are fresh UUIDv7s).

Time is honoured: nothing that has happened is dated after ``today``. The current 年度 therefore
holds visits and consultations only up to today (a share of a full year's), while its training
events are all planned, those still to come with registrations but no attendance, and dispatches
may be scheduled ahead (status 調整中/依頼).

Volumes per year of activity, for a prefecture of 77 insurer municipalities (市町村・特別区;
the 区 of designated cities are not insurers and are left alone), scaled by the real count:
~2,500 new people (about ten 県職員 at a time, each municipality's staff and coordinators with
tenures, and a crowd of residents and professionals who come to trainings), ~2,500 visits,
~2,500 consultations, ~60 dispatches, ~25 training events with ~5,000 registrations. The roster
of ~40 advisors, the organisations and the regions are made once.

Municipalities follow the program's history: SCs, councils and 総合事業 services appear from
FY2015 on (larger municipalities earlier), stages move ①→②→③, and texts fit the stage; years
before FY2015 (scale > 12) hold no SCs or councils, and the training series carry older names.

Rows are written table by table with ``session.execute(insert(Model), rows)`` in chunks, all in
one transaction committed at the end; ``abort`` is checked between chunks (rollback, nothing
written, DemoCancelled raised) and ``progress(fraction, message)`` is called between chunks.
The demo refuses a database that already holds demo data or any records of its own: fictional
people must never mix with real ones.
"""

from __future__ import annotations

import bisect
import heapq
import json
import math
import random
import threading
import time as _time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, insert, select, update

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import demo_names as N
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.fiscal_year import MIN_FISCAL_YEAR, fiscal_year_label, fiscal_year_of, fiscal_year_range
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.names import kana_key, name_key
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.services.setup import current_prefecture

__all__ = ["DemoCancelled", "DemoResult", "MAX_SCALE", "META_DEMO", "fill_demo"]

MAX_SCALE = 100
META_DEMO = "demo_data"  # local_meta key: present once a demo dataset was written
DEMO_KINDS: tuple[str, ...] = ("市", "町", "村", "特別区")  # insurers with people and figures
REFERENCE_MUNICIPALITIES = 77  # the volumes below are for a prefecture of this size
PROGRAM_START_FY = 2015  # 生活支援体制整備事業 (改正介護保険法, 平成27年度)

PEOPLE_PER_YEAR = 2500
VISITS_PER_YEAR = 2500
CONSULTATIONS_PER_YEAR = 2500
DISPATCHES_PER_YEAR = 60
REGISTRATIONS_PER_YEAR = 5000
ADVISORS = 40
OFFICERS_ACTIVE = 10

CHUNK = 5000
VARIANT_P = 0.065  # × the share of surnames that have a 異体字 form ≈ 1 % of people
TWINS_PER_YEAR = 5  # deliberate near-duplicate people (space difference, 髙/高)


class DemoCancelled(UserError):
    """The user stopped the demo: the transaction was rolled back, nothing was written."""


@dataclass(frozen=True)
class DemoResult:
    rows: dict[str, int]  # table name → rows added (municipality: rows updated)
    fiscal_years: tuple[int, ...]
    prefecture_code: str = ""
    prefecture_name: str = ""
    seconds: float = 0.0


# ----------------------------------------------------------------------------------------------
# small helpers


class _Weighted:
    """Draw from fixed items with fixed weights (bisect on cumulative weights)."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum: list[float] = []
        acc = 0.0
        for w in weights:
            acc += w
            self.cum.append(acc)
        self.total = acc

    def draw(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


def _weighted_sample(rng: random.Random, items: Sequence[Any], weights: Sequence[float], k: int) -> list[Any]:
    """k distinct items, drawn with probability proportional to weight (Efraimidis–Spirakis)."""
    if k <= 0:
        return []
    keyed = [(math.log(rng.random() or 1e-300) / w, i) for i, w in enumerate(weights) if w > 0]
    if k >= len(keyed):
        chosen = keyed
    else:
        chosen = heapq.nlargest(k, keyed)
    return [items[i] for _, i in chosen]


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


_HOLIDAYS = {
    (1, 1), (1, 2), (1, 3), (2, 11), (2, 23), (3, 20), (4, 29), (5, 3), (5, 4), (5, 5),
    (8, 11), (9, 23), (11, 3), (11, 23), (12, 29), (12, 30), (12, 31),
}
_MONTH_WEIGHT = {4: 0.5, 5: 0.9, 6: 1.1, 7: 1.1, 8: 0.8, 9: 1.1, 10: 1.2, 11: 1.2, 12: 0.9, 1: 0.9, 2: 1.1, 3: 0.7}


def _early_only(text: str) -> bool:
    return any(marker in text for marker in N.EARLY_ONLY_MARKERS)


def _fit(texts: Sequence[Any], stage: int, key: Callable[[Any], str] = str) -> Sequence[Any]:
    """The texts that fit a municipality's stage: before the program (0) nothing about SCs or
    councils; past stage ① nothing about setting them up. Falls back to all texts."""
    if stage == 0:
        fit = [t for t in texts if not any(mk in key(t) for mk in N.PRE_PROGRAM_MARKERS)]
    elif stage >= 2:
        fit = [t for t in texts if not _early_only(key(t))]
    else:
        return texts
    return fit or texts


def _plain_surname(name: str) -> str:
    sur = name.partition(" ")[0]
    return next((p for p, vs in N.SURNAME_VARIANTS.items() if sur in vs), sur)


def _workdays(fy: int) -> list[date]:
    start, end = fiscal_year_range(fy)
    out, d = [], start
    while d <= end:
        if d.weekday() < 5 and (d.month, d.day) not in _HOLIDAYS:
            out.append(d)
        d += timedelta(days=1)
    return out


def _next_workday(d: date) -> date:
    while d.weekday() >= 5 or (d.month, d.day) in _HOLIDAYS:
        d += timedelta(days=1)
    return d


def _stamp(d: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(d, time(hour, minute))


# ----------------------------------------------------------------------------------------------
# the writer: chunked bulk inserts, progress and abort


class _Writer:
    def __init__(
        self,
        session: Any,
        progress: Callable[[float, str], None] | None,
        abort: threading.Event | None,
    ) -> None:
        self.s = session
        self.progress = progress
        self.abort = abort
        self.counts: dict[str, int] = {}

    def check(self) -> None:
        if self.abort is not None and self.abort.is_set():
            raise DemoCancelled("デモデータの作成を中止しました。データベースは変更していません。")

    def report(self, fraction: float, message: str) -> None:
        if self.progress is not None:
            self.progress(max(0.0, min(1.0, fraction)), message)

    def write(
        self,
        batches: Sequence[tuple[type, list[dict[str, Any]]]],
        lo: float,
        hi: float,
        label: str,
    ) -> None:
        """Insert each (model, rows) in chunks; progress runs from lo to hi over the rows."""
        total = sum(len(rows) for _, rows in batches) or 1
        done = 0
        for model, rows in batches:
            table = model.__tablename__
            self.counts.setdefault(table, 0)
            for i in range(0, len(rows), CHUNK):
                self.check()
                chunk = rows[i : i + CHUNK]
                # render_nulls: every row has the same columns, so a chunk is one executemany
                # (without it the ORM splits rows by which values are None, often row by row).
                self.s.execute(insert(model).execution_options(render_nulls=True), chunk)
                self.counts[table] += len(chunk)
                done += len(chunk)
                self.report(lo + (hi - lo) * done / total, f"{label}：{_TABLE_LABELS.get(table, table)}を書き込み中")


_TABLE_LABELS = {
    "region": "圏域", "region_membership": "圏域の構成", "organisation": "団体", "person": "人",
    "advisor": "アドバイザー", "advisor_field": "アドバイザーの活動分野", "advisor_assignment": "担当市町村",
    "municipality_status": "取組状況", "visit": "訪問記録", "visit_participant": "訪問の参加者",
    "consultation": "相談記録", "dispatch": "アドバイザー派遣", "dispatch_advisor": "派遣アドバイザー",
    "dispatch_date": "派遣日", "follow_up_task": "フォローアップ", "training_event": "研修",
    "training_session": "研修の日程", "event_audience": "研修の対象", "event_staff": "研修の講師",
    "event_field": "研修の活動分野", "survey_question": "アンケート項目", "registration": "申込",
    "attendance": "出欠", "survey_answer": "アンケート回答", "activity_field": "活動分野",
    "region_kind": "圏域の種類",
}


# ----------------------------------------------------------------------------------------------
# the model of the prefecture the rows are drawn from


@dataclass
class _Person:
    id: str
    name: str
    role: str
    muni: int | None  # index into _Builder.munis
    until: int  # last 年度 the person is active
    start: int
    org_name: str = ""


@dataclass
class _Advisor:
    id: str
    person: _Person
    category: str
    active_from: int
    active_to: int | None
    load: int = 0

    def active(self, fy: int) -> bool:
        return self.active_from <= fy and (self.active_to is None or fy <= self.active_to)


@dataclass
class _Muni:
    idx: int
    id: str
    code: str
    name: str
    kind: str
    county: str
    designated: bool
    pop: int = 0
    aging: float = 0.0
    areas: int = 1
    # organisations: (id, name)
    office: tuple[str, str] = ("", "")
    shakyo: tuple[str, str] = ("", "")
    houkatsu: list[tuple[str, str]] = field(default_factory=list)
    npos: list[tuple[str, str]] = field(default_factory=list)
    entrusted: tuple[str, str] | None = None  # None: 直営
    # the status timeline
    transition: date = date(2017, 4, 1)
    sc1_year: int = 2016
    sc1_month: int = 4
    sc1_count: int = 1
    council1_year: int = 2017
    sc2_start: int = 2017
    sc2_rate: float = 0.3
    sc2_cap: float = 1.0
    c2_start: int = 2018
    c2_rate: float = 0.2
    c2_cap: float = 1.0
    stage2_year: int = 2019
    stage3_year: int | None = None
    meetings: int = 3
    services: dict[str, int | None] = field(default_factory=dict)
    service_notes: dict[str, str] = field(default_factory=dict)
    strengths: list[str] = field(default_factory=list)
    engagement: str = "normal"  # normal / low / never (never attends trainings)
    weight: float = 1.0  # share of people, visits and consultations
    regions: dict[int, int] = field(default_factory=dict)  # region-kind index → region index
    slots: list[list[Any]] = field(default_factory=list)  # [role, key, holder or None]
    staff: list[_Person] = field(default_factory=list)  # active this year
    districts: list[str] = field(default_factory=list)

    @property
    def office_word(self) -> str:
        return "役所" if self.kind in ("市", "特別区") else "役場"

    def stage(self, fy: int) -> int | None:
        if fy < PROGRAM_START_FY:
            return None
        if fy < self.stage2_year:
            return 1
        if self.stage3_year is None or fy < self.stage3_year:
            return 2
        return 3

    def text_stage(self, fy: int) -> int:
        return self.stage(fy) or 0

    def sc2_placed(self, fy: int) -> int:
        if fy < self.sc1_year:
            return 0
        if self.areas == 1:
            return 1
        if fy < self.sc2_start:
            return 0
        cap = max(1, round(self.areas * self.sc2_cap))
        return min(cap, math.ceil(self.areas * self.sc2_rate * (fy - self.sc2_start + 1)))

    def council2(self, fy: int) -> int:
        if fy < self.c2_start:
            return 0
        cap = max(1, round(self.areas * self.c2_cap))
        n = min(cap, math.ceil(self.areas * self.c2_rate * (fy - self.c2_start + 1)))
        return n if self.areas == 1 else min(n, self.sc2_placed(fy))  # councils follow the SCs


# Role mix of the "crowd": the residents, NPO members and professionals who come to trainings.
_CROWD_ROLES = _Weighted(
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

_VISIT_PURPOSES = _Weighted(vocab.VISIT_PURPOSES, (25, 15, 15, 10, 20, 10, 5))
_CHANNELS = _Weighted(vocab.CONSULTATION_CHANNELS, (45, 35, 8, 10, 2))
# 勉強会講師 ファシリテーション 協議体設置支援 個別助言 住民向け講演 その他, by stage (None: before 2015)
_DISPATCH_PURPOSES = {
    None: _Weighted(vocab.DISPATCH_PURPOSES, (50, 5, 0, 25, 15, 5)),
    1: _Weighted(vocab.DISPATCH_PURPOSES, (25, 15, 35, 15, 8, 2)),
    2: _Weighted(vocab.DISPATCH_PURPOSES, (20, 35, 10, 15, 15, 5)),
    3: _Weighted(vocab.DISPATCH_PURPOSES, (15, 25, 5, 25, 25, 5)),
}
_RATINGS = _Weighted((1, 2, 3, 4), (42, 43, 12, 3))
_CONSULT_TOPICS = _Weighted(
    tuple(N.CONSULTATION_QA), (18, 12, 14, 10, 8, 10, 7, 7, 5, 4, 5)
)


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


# ----------------------------------------------------------------------------------------------
# the builder


class _Builder:
    def __init__(
        self,
        s: Any,
        writer: _Writer,
        rng: random.Random,
        pref_code: str,
        pref_name: str,
        years: tuple[int, ...],
        today: date,
    ) -> None:
        self.s = s
        self.w = writer
        self.rng = rng
        self.pref_code = pref_code
        self.pref_name = pref_name
        self.years = years
        self.first, self.cur = years[0], years[-1]
        self.today = today
        self.now = min(datetime.now(), _stamp(today, 23, 59))
        self.area_code = N.AREA_CODES.get(pref_code, "026")
        self.used_emails: dict[str, int] = {}
        self.public_orgs: set[str] = set()  # ids of 市町村 and 県 offices (e-mail at example.lg.jp)
        self.munis: list[_Muni] = []
        self.f = 1.0
        self.fields: list[tuple[str, str]] = []  # (id, name) of activity fields
        self.advisors: list[_Advisor] = []
        self.assigned: dict[tuple[int, int], list[_Advisor]] = {}  # (muni, fy) → [主, 副]
        self.officers: list[_Person] = []
        self.crowd: list[_Person] = []
        self.block_kind = 0
        self.block_regions: list[list[int]] = []  # region → muni indices, for the block kind
        self.block_names: list[str] = []
        self.pref_orgs: dict[str, tuple[str, str]] = {}
        self.series_last: dict[str, str] = {}
        self.surnames = _Weighted(N.SURNAMES, [1.0 / (i + 8) for i in range(len(N.SURNAMES))])
        self.given = {
            (g, gen): [x for x in (N.FEMALE_GIVEN if g == "f" else N.MALE_GIVEN) if x[2] == gen]
            for g in "fm"
            for gen in "omy"
        }

    # -- row helpers ---------------------------------------------------------------------------

    def base(self, ts: datetime) -> dict[str, Any]:
        ts = min(ts, self.now)
        return {"id": new_id(), "created_at": ts, "updated_at": ts, "deleted": False}

    def phone(self) -> str:
        r = self.rng
        ac = self.area_code
        if len(ac) == 2:
            return f"{ac}-{r.choice('3456')}{r.randint(0, 999):03d}-{r.randint(0, 9999):04d}"
        if len(ac) == 4:
            return f"{ac}-{r.choice('2345')}{r.randint(0, 9)}-{r.randint(0, 9999):04d}"
        return f"{ac}-{r.choice('22345')}{r.randint(0, 99):02d}-{r.randint(0, 9999):04d}"

    def email(self, local: str, public: bool) -> str:
        n = self.used_emails.get(local, 0)
        self.used_emails[local] = n + 1
        if n:
            local = f"{local}{n + 1}"
        return f"{local}@{N.EMAIL_DOMAIN_PUBLIC if public else N.EMAIL_DOMAIN_OTHER}"

    def name(self, role: str) -> tuple[str, str, str, str]:
        """(氏名, ふりがな, romaji surname, romaji given) of a new fictional person."""
        r = self.rng
        sur, skana = self.surnames.draw(r)
        variants = N.SURNAME_VARIANTS.get(sur)
        if variants and r.random() < VARIANT_P:
            sur = r.choice(variants)
        g = "f" if r.random() < _FEMALE_P.get(role, 0.5) else "m"
        o, mid, _y = _GENERATIONS.get(role, (30, 50, 20))
        x = r.random() * 100
        gen = "o" if x < o else "m" if x < o + mid else "y"
        given, gkana, _ = r.choice(self.given[(g, gen)])
        return f"{sur} {given}", f"{skana} {gkana}", _romaji(skana), _romaji(gkana)

    def person_row(
        self,
        rows: list[dict[str, Any]],
        role: str,
        fy: int,
        until: int,
        *,
        muni: _Muni | None,
        org: tuple[str, str] | None = None,
        affiliation: str = "",
        title: str | None = None,
        contact: float = 0.7,
        notes: str = "",
    ) -> _Person:
        r = self.rng
        name, kana, rs, rg = self.name(role)
        public = role in _PUBLIC_ROLES or (org is not None and org[0] in self.public_orgs)
        phone = self.phone() if r.random() < contact else ""
        email = self.email(f"{rs}.{rg}", public) if r.random() < contact * 0.85 else ""
        if title is None:
            title = r.choice(N.TITLES.get(role, ("",)))
        if not affiliation and org is not None:
            affiliation = org[1]
        if not notes and r.random() < 0.01:
            notes = f"旧姓：{self.surnames.draw(r)[0]}"
        start, _ = fiscal_year_range(fy)
        row = self.base(_stamp(start + timedelta(days=r.randint(0, 200)), 9, r.randint(0, 59)))
        row.update(
            name=name, kana=kana, name_key=name_key(name), kana_key=kana_key(kana), role=role,
            municipality_id=muni.id if muni is not None else None,
            organisation_id=org[0] if org is not None else None,
            affiliation=affiliation, title=title, phone=phone, email=email, notes=notes, merged_into_id=None,
        )
        rows.append(row)
        return _Person(row["id"], name, role, muni.idx if muni is not None else None, until, fy, affiliation)

    def twin_row(self, rows: list[dict[str, Any]], original: dict[str, Any], variant: bool) -> dict[str, Any]:
        """The same person typed again: 髙 for 高 or the reverse (``variant``), or without the space."""
        name = original["name"]
        sur, _, given = name.partition(" ")
        plain = _plain_surname(name)
        if variant and sur != plain:
            twin = f"{plain} {given}"
        elif variant and plain in N.SURNAME_VARIANTS:
            twin = f"{self.rng.choice(N.SURNAME_VARIANTS[plain])} {given}"
        else:
            twin = sur + given
        row = self.base(original["created_at"] + timedelta(days=self.rng.randint(20, 200)))
        row.update(
            {k: original[k] for k in ("kana", "kana_key", "role", "municipality_id", "affiliation", "title")},
            name=twin, name_key=name_key(twin), organisation_id=None,
            phone=original["phone"] if self.rng.random() < 0.5 else "", email="", notes="", merged_into_id=None,
        )
        rows.append(row)
        return row

    # -- setup ---------------------------------------------------------------------------------

    def load_municipalities(self) -> None:
        pref_id = self.s.scalar(select(m.Prefecture.id).where(m.Prefecture.code == self.pref_code))
        mun = m.Municipality
        rows = self.s.execute(
            select(mun.id, mun.code, mun.name, mun.kind, mun.county, mun.designated_city)
            .where(mun.prefecture_id == pref_id, mun.kind.in_(DEMO_KINDS), mun.deleted.is_(False))
            .order_by(mun.code)
        ).all()
        if not rows:
            raise UserError(f"{self.pref_name}の市町村が登録されていません。先に sasaeai init を実行してください。")
        self.munis = [_Muni(i, *r) for i, r in enumerate(rows)]
        self.f = len(self.munis) / REFERENCE_MUNICIPALITIES

    def figures(self) -> None:
        """Population, 高齢化率 and 日常生活圏域 of every municipality; the status timeline."""
        r = self.rng
        first_city = True
        updates = []
        for mu in self.munis:
            if mu.kind == "市" and mu.designated:
                pop = r.uniform(700_000, 1_500_000)
            elif mu.kind == "市" and first_city:
                pop, first_city = r.uniform(250_000, 400_000), False
            elif mu.kind == "市":
                pop = min(300_000, max(15_000, math.exp(r.gauss(math.log(45_000), 0.6))))
            elif mu.kind == "特別区":
                pop = min(600_000, max(50_000, math.exp(r.gauss(math.log(200_000), 0.6))))
            elif mu.kind == "町":
                pop = min(45_000, max(2_500, math.exp(r.gauss(math.log(9_000), 0.6))))
            else:
                pop = min(12_000, max(600, math.exp(r.gauss(math.log(2_500), 0.7))))
            mu.pop = int(round(pop, -1 if pop < 10_000 else -2))
            mu.aging = round(min(50.0, max(25.0, 47 - 7 * math.log10(mu.pop / 1000) + r.gauss(0, 2.5))), 1)
            if mu.kind == "村" or mu.pop < 8_000:
                mu.areas = 1
            else:
                mu.areas = min(30, max(1, round(mu.pop / 14_000) + r.randint(-1, 1)))
            mu.weight = 1.0 + 0.45 * math.log10(mu.pop / 1000)
            self.timeline(mu)
            ts = _stamp(fiscal_year_range(self.first)[0], 9)
            updates.append(dict(id=mu.id, population=mu.pop, aging_rate=mu.aging, daily_life_areas=mu.areas,
                                updated_at=min(ts, self.now)))
        # A few small municipalities never come to trainings (the handbook's 受講率の低い市町村).
        # A few more come rarely. Both kinds are picked among the smaller third.
        small = sorted(self.munis, key=lambda x: (x.pop, x.code))[: max(6, len(self.munis) // 3)]
        never = max(1, round(len(self.munis) * 0.04))
        for i, mu in enumerate(r.sample(small, min(len(small), never * 3))):
            mu.engagement = "never" if i < never else "low"
        self.s.execute(update(m.Municipality), updates)
        self.w.counts["municipality"] = len(updates)

    def timeline(self, mu: _Muni) -> None:
        r = self.rng
        big = mu.pop >= 100_000
        lag = 2 if big else 1 if mu.pop >= 20_000 else 0  # head start of larger municipalities
        mu.transition = r.choices(
            [date(2015, 4, 1), date(2015, 10, 1), date(2016, 4, 1), date(2016, 10, 1), date(2017, 4, 1)],
            weights=[4 + 6 * lag, 3 + 2 * lag, 12 + 8 * lag, 6, max(5, 60 - 25 * lag)],
        )[0]
        mu.sc1_year = PROGRAM_START_FY + max(0, r.randint(0, 3) - lag) + (r.randint(1, 3) if r.random() < 0.1 else 0)
        mu.sc1_month = r.choice((4, 4, 4, 7, 10))
        mu.sc1_count = 1 if mu.pop < 20_000 else r.randint(1, 2) if mu.pop < 100_000 else r.randint(2, 4)
        mu.council1_year = mu.sc1_year + r.choice((0, 0, 1, 1, 2))
        mu.meetings = r.randint(2, 4)
        mu.sc2_start = mu.sc1_year + r.randint(0, 3 - min(lag, 2))
        mu.sc2_rate = r.uniform(0.15, 0.5)
        mu.sc2_cap = 1.0 if r.random() < 0.6 else r.uniform(0.5, 0.95)
        mu.c2_start = mu.sc2_start + r.randint(0, 2)
        mu.c2_rate = r.uniform(0.08, 0.35)
        mu.c2_cap = 1.0 if r.random() < 0.45 else r.uniform(0.3, 0.9)
        mu.stage2_year = max(mu.sc1_year, mu.council1_year) + r.randint(1, 3)
        mu.stage3_year = mu.stage2_year + r.randint(2, 5) if r.random() < 0.45 + 0.1 * lag else None
        tfy = fiscal_year_of(mu.transition)
        s3 = mu.stage3_year or mu.stage2_year + 3
        starts = {
            "houmon_a": tfy if r.random() < 0.85 else None,
            "tsusho_a": tfy if r.random() < 0.85 else None,
            "ippan_yobo": tfy,
            "houmon_c": tfy + r.randint(0, 4) if r.random() < 0.4 else None,
            "tsusho_c": tfy + r.randint(0, 3) if r.random() < 0.55 else None,
            "houmon_b": mu.stage2_year + r.randint(0, 3) if r.random() < 0.35 else None,
            "tsusho_b": mu.stage2_year + r.randint(0, 2) if r.random() < 0.5 else None,
            "houmon_d": s3 + r.randint(0, 2) if r.random() < 0.2 else None,
        }
        mu.services = starts
        mu.service_notes = {k: r.choice(N.SERVICE_NOTES[k]) for k in m.SERVICE_TYPES}
        mu.strengths = r.sample(N.STRENGTHS, 3)
        mu.districts = r.sample(N.DISTRICT_WORDS, 6)

    def vocabularies(self) -> None:
        """Activity fields and region kinds come from init; make them when someone removed them."""
        s = self.s
        af = m.ActivityField
        fields = s.execute(select(af.id, af.name).where(af.deleted.is_(False)).order_by(af.sort_order, af.name)).all()
        if not fields:
            ts = _stamp(fiscal_year_range(self.first)[0], 9)
            rows = [{**self.base(ts), "name": n, "sort_order": i} for i, n in enumerate(vocab.DEFAULT_ACTIVITY_FIELDS)]
            self.w.write([(af, rows)], 0.0, 0.0, "準備")
            fields = [(x["id"], x["name"]) for x in rows]
        self.fields = [tuple(x) for x in fields]
        rk = m.RegionKind
        kinds = s.execute(select(rk.id, rk.name).where(rk.deleted.is_(False)).order_by(rk.sort_order, rk.name)).all()
        if not kinds:
            ts = _stamp(fiscal_year_range(self.first)[0], 9)
            rows = [{**self.base(ts), "name": n, "sort_order": i} for i, n in enumerate(vocab.REGION_KINDS_DEFAULT)]
            self.w.write([(rk, rows)], 0.0, 0.0, "準備")
            kinds = [(x["id"], x["name"]) for x in rows]
        self.kinds = [tuple(x) for x in kinds]

    def regions(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """~8–10 regions per kind; each municipality in exactly one region of each kind.

        Each region gets one or two cities (its centre) in turn, then whole counties (郡) go to
        the smallest region, so the grouping looks geographic without pretending to be real.
        """
        r = self.rng
        regions, members = [], []
        ts = _stamp(fiscal_year_range(self.first)[0], 9)
        cities = [mu for mu in self.munis if mu.kind in ("市", "特別区")]
        counties: dict[str, list[_Muni]] = {}
        for mu in self.munis:
            if mu.kind not in ("市", "特別区"):
                counties.setdefault(mu.county or mu.name, []).append(mu)
        n = len(self.munis)
        self.block_kind = next((i for i, (_, nm) in enumerate(self.kinds) if "ブロック" in nm), len(self.kinds) - 1)
        for ki, (kind_id, kind_name) in enumerate(self.kinds):
            divisor = (8, 9, 10)[ki] if ki < 3 else 10
            count = max(1, min(n, 10, max(3, round(n / divisor))))
            if "ブロック" in kind_name:
                names = [f"{w}ブロック" for w in N.BLOCK_WORDS]
            elif "保健所" in kind_name:
                names = [f"{w}圏域" for w in N.AREA_WORDS]
            elif "圏域" in kind_name:
                names = [f"{w}圏域" for w in N.AREA_NAME_WORDS]
            else:
                names = [f"{w}{kind_name}" for w in N.AREA_WORDS]
            groups: list[list[_Muni]] = [[] for _ in range(count)]
            offset = r.randrange(count)
            for i, mu in enumerate(cities):
                groups[(i + offset) % count].append(mu)
            for _, towns in counties.items():
                target = min(range(count), key=lambda g: (len(groups[g]), g))
                groups[target].extend(towns)
            region_ids = []
            for gi in range(count):
                row = {**self.base(ts), "kind_id": kind_id, "name": names[gi % len(names)], "sort_order": gi}
                regions.append(row)
                region_ids.append(row["id"])
            for gi, group in enumerate(groups):
                for mu in group:
                    mu.regions[ki] = gi
                    members.append({**self.base(ts), "region_id": region_ids[gi], "municipality_id": mu.id})
            if ki == self.block_kind:
                self.block_names = [names[gi % len(names)] for gi in range(count)]
                self.block_regions = [[mu.idx for mu in g] for g in groups]
        return regions, members

    def organisations(self) -> list[dict[str, Any]]:
        r = self.rng
        rows: list[dict[str, Any]] = []
        ts = _stamp(fiscal_year_range(self.first)[0], 9)

        def org(name: str, kind: str, muni: _Muni | None, email_local: str, public: bool) -> tuple[str, str]:
            row = {**self.base(ts), "name": name, "kana": "", "kind": kind,
                   "municipality_id": muni.id if muni is not None else None, "address": "", "phone": self.phone(),
                   "email": self.email(email_local, public), "notes": ""}
            rows.append(row)
            if public:
                self.public_orgs.add(row["id"])
            return row["id"], name

        p = self.pref_name
        self.pref_orgs["office"] = org(f"{p} 健康福祉部 地域包括ケア推進課", "県", None, "chiikihoukatsu", True)
        self.pref_orgs["shakyo"] = org(f"{p}社会福祉協議会", "社会福祉協議会", None, "kenshakyo", False)
        for i, name in enumerate(N.INTERMEDIARY_ORGS):
            self.pref_orgs[f"mid{i}"] = org(name, "中間支援組織", None, f"info{i + 1}", False)
        for i, name in enumerate(N.UNIVERSITIES):
            self.pref_orgs[f"uni{i}"] = org(f"{name} {r.choice(N.UNIVERSITY_UNITS)}", "大学・研究機関", None,
                                            f"office{i + 1}", False)
        self.pref_orgs["coop"] = org(N.OTHER_ADVISOR_ORGS[0], "生協・農協", None, "kurashi", False)
        self.pref_orgs["other"] = org(N.OTHER_ADVISOR_ORGS[1], "その他", None, "idou", False)
        npo_names: set[str] = set()
        for mu in self.munis:
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

    def advisor_roster(self) -> list[tuple[type, list[dict[str, Any]]]]:
        """~40 advisors, their fields, and two of them (主担当・副担当) for every municipality."""
        r = self.rng
        n = max(12, min(60, round(ADVISORS * self.f)))
        cats = _Weighted(vocab.ADVISOR_CATEGORIES, (25, 20, 15, 20, 15, 5))
        people: list[dict[str, Any]] = []
        advisors: list[dict[str, Any]] = []
        fields: list[dict[str, Any]] = []
        cities = [mu for mu in self.munis if mu.kind in ("市", "特別区")] or self.munis
        towns = self.munis
        for i in range(n):
            cat = vocab.ADVISOR_CATEGORIES[i % len(vocab.ADVISOR_CATEGORIES)] if i < 6 else cats.draw(r)
            muni: _Muni | None = None
            if cat == "中間支援組織":
                org = self.pref_orgs[f"mid{r.randrange(len(N.INTERMEDIARY_ORGS))}"]
                title = r.choice(("理事長", "事務局長", "理事", "コーディネーター"))
            elif cat == "社協":
                if r.random() < 0.5:
                    org, title = self.pref_orgs["shakyo"], r.choice(("地域福祉部長", "地域福祉課長", "主任"))
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
                org = self.pref_orgs[f"uni{r.randrange(len(N.UNIVERSITIES))}"]
                title = r.choice(("教授", "准教授", "講師"))
            else:
                org = self.pref_orgs[r.choice(("coop", "other"))]
                title = r.choice(("理事", "代表理事", "職員"))
            person = self.person_row(people, "アドバイザー", self.first, self.cur, muni=muni, org=org, title=title,
                                     contact=1.0)
            if i < round(n * 0.65):
                start = self.first - r.randint(0, 4) if self.first >= PROGRAM_START_FY else self.first
                start = max(start, min(self.first, PROGRAM_START_FY))
            else:
                start = r.randint(self.first, self.cur)
            end = r.randint(start + 2, self.cur - 1) if start < self.cur - 2 and r.random() < 0.25 else None
            adv_fields = r.sample(self.fields, min(len(self.fields), r.randint(2, 4)))
            text = "、".join(f[1] for f in adv_fields) + "の支援。"
            extra = {
                "中間支援組織": f"県内{r.randint(5, 30)}市町村で協議体の立ち上げや住民ワークショップを支援。",
                "社協": "地区社協の育成とボランティアセンターの運営に長く携わる。",
                "先行市町村職員": f"{muni.name if muni else ''}で体制整備事業を立ち上げた経験。",
                "生活支援コーディネーター": f"第1層SCとして{r.randint(3, 9)}年の経験。",
                "有識者": "地域福祉論・コミュニティワーク。",
                "その他": "移動・買い物支援の仕組みづくり。",
            }[cat]
            ts = _stamp(date(max(start, self.first), 4, 1), 10)
            adv = {**self.base(ts), "person_id": person.id, "category": cat, "affiliation": org[1],
                   "activity_text": text + extra,
                   "publish_phone": r.choices((True, False, None), (50, 25, 25))[0],
                   "publish_email": r.choices((True, False, None), (55, 20, 25))[0],
                   "active_from_fy": start, "active_to_fy": end, "notes": ""}
            advisors.append(adv)
            self.advisors.append(_Advisor(adv["id"], person, cat, start, end))
            for fid, _ in adv_fields:
                fields.append({**self.base(ts), "advisor_id": adv["id"], "field_id": fid})
        assignments: list[dict[str, Any]] = []
        for mu in self.munis:
            y = self.first
            while y <= self.cur:
                cands = [a for a in self.advisors if a.active(y)]
                if len(cands) < 2:
                    y += 1
                    continue
                pair = _weighted_sample(r, cands, [1.0 / (1 + a.load) ** 2 for a in cands], 2)
                end = min(self.cur, y + r.randint(2, 5) - 1)
                for a in pair:
                    if a.active_to is not None:
                        end = min(end, a.active_to)
                    a.load += 1
                for role, a in zip(("主担当", "副担当"), pair):
                    assignments.append({**self.base(_stamp(date(y, 4, 1), 10)), "advisor_id": a.id,
                                        "municipality_id": mu.id, "role": role, "from_fy": y,
                                        "to_fy": end if end < self.cur else None})
                for fy in range(y, end + 1):
                    self.assigned[(mu.idx, fy)] = pair
                y = end + 1
        return [(m.Person, people), (m.Advisor, advisors), (m.AdvisorField, fields),
                (m.AdvisorAssignment, assignments)]

    # -- one year ------------------------------------------------------------------------------

    def people(self, fy: int, rows: list[dict[str, Any]]) -> None:
        """Prefecture officers, the staff of every municipality (positions with tenures), and the
        year's crowd of residents and professionals, plus a few near-duplicates."""
        r = self.rng
        # 県職員: about ten at a time; 異動 every 2–4 years.
        active = [p for p in self.officers if p.until >= fy]
        while len(active) < (OFFICERS_ACTIVE if self.f >= 0.5 else 7):
            until = fy + (r.randint(0, 3) if fy == self.first else r.randint(1, 3))
            p = self.person_row(rows, "県職員", fy, until, muni=None, org=self.pref_orgs["office"], contact=1.0)
            self.officers.append(p)
            active.append(p)
        self.active_officers = active
        first_staff = len(rows)
        for mu in self.munis:
            self.staff_positions(mu, fy)
            mu.staff = []
            for slot in mu.slots:
                role, key, holder = slot
                if holder is None or holder.until < fy:
                    lo, hi = _TENURE[role]
                    until = fy + (r.randint(0, hi - 1) if fy == self.first else r.randint(lo, hi) - 1)
                    holder = self.person_row(rows, role, fy, until, muni=mu, **self.staff_place(mu, role, key))
                    slot[2] = holder
                mu.staff.append(holder)
        structured = len(rows) - first_staff
        # The crowd: whoever else the year brings (trainings, forums, consultations).
        target = round(PEOPLE_PER_YEAR * self.f * r.uniform(0.95, 1.05))
        n_crowd = max(0, target - structured - len(rows[:first_staff]))
        weights = [mu.weight for mu in self.munis]
        picks = r.choices(self.munis, weights=weights, k=n_crowd)
        self.crowd = [p for p in self.crowd if p.until >= fy]
        crowd_first = len(rows)
        for mu in picks:
            role = _CROWD_ROLES.draw(r)
            until = fy + r.choices((0, 1, 2, 3), (40, 30, 20, 10))[0]
            self.crowd.append(self.person_row(rows, role, fy, until, muni=mu, contact=0.45,
                                              **self.crowd_place(mu, role)))
        # Near-duplicates: the same person registered twice by different officers.
        k = max(2, round(TWINS_PER_YEAR * self.f))
        pool = rows[crowd_first:] or rows
        variant_pool = [x for x in pool if _plain_surname(x["name"]) in N.SURNAME_VARIANTS]
        originals = r.sample(variant_pool, min(k // 2, len(variant_pool)))
        n_variant = len(originals)
        taken = {x["id"] for x in originals}
        originals += [x for x in r.sample(pool, min(k, len(pool))) if x["id"] not in taken][: k - len(originals)]
        for i, original in enumerate(originals):
            twin = self.twin_row(rows, original, i < n_variant)
            mu = next((x for x in self.munis if x.id == twin["municipality_id"]), None)
            self.crowd.append(_Person(twin["id"], twin["name"], twin["role"], mu.idx if mu else None, fy, fy))

    def staff_positions(self, mu: _Muni, fy: int) -> None:
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

    def staff_place(self, mu: _Muni, role: str, key: str) -> dict[str, Any]:
        r = self.rng
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

    def crowd_place(self, mu: _Muni, role: str) -> dict[str, Any]:
        r = self.rng
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

    def statuses(self, fy: int, rows: list[dict[str, Any]]) -> None:
        r = self.rng
        july = date(fy, 7, 1)
        as_of = july if july <= self.today else max(fiscal_year_range(fy)[0], min(self.today, july))
        source = "調査票" if july <= self.today else "前年度から複写"
        for mu in self.munis:
            stage = mu.stage(fy)
            ts = mu.text_stage(fy)
            sc1 = fy >= mu.sc1_year
            c1 = fy >= mu.council1_year
            placed, council2 = mu.sc2_placed(fy), mu.council2(fy)
            tfy = fiscal_year_of(mu.transition)
            row = self.base(_stamp(as_of, 10) + timedelta(days=r.randint(0, 20)))
            row.update(
                # 総合事業 came with the 2014 amendment: no transition date was planned before it.
                municipality_id=mu.id, fiscal_year=fy, transition_date=mu.transition if fy >= 2014 else None,
                transition_note="移行予定" if 2014 <= fy < tfy else "",
                sc1_placed=sc1, sc1_entrusted_to=(mu.entrusted[1] if mu.entrusted else "") if sc1 else "",
                sc1_since=date(mu.sc1_year, mu.sc1_month, 1) if sc1 else None,
                sc1_count=mu.sc1_count if sc1 else 0,
                sc2_placed_areas=placed, sc2_total_areas=mu.areas,
                sc2_note=("第1層SCが兼務" if mu.areas == 1 and sc1 else
                          N.SC2_NOTES[(mu.idx + fy) % len(N.SC2_NOTES)] if 0 < placed < mu.areas else ""),
                council1_established=c1, council1_since=date(mu.council1_year, r.choice((6, 7, 10)), 1) if c1 else None,
                council1_meetings_per_year=(mu.meetings + (1 if stage == 3 else 0)) if c1 else None,
                council2_established_areas=council2, council2_total_areas=mu.areas,
                council2_note=(N.COUNCIL2_NOTES_NONE[mu.idx % len(N.COUNCIL2_NOTES_NONE)] if council2 == 0 and sc1
                               else N.COUNCIL2_NOTES_SOME[(mu.idx + fy) % len(N.COUNCIL2_NOTES_SOME)]
                               if 0 < council2 < mu.areas else ""),
                stage=stage,
                strengths=("\n".join(mu.strengths[: 1 + (fy + mu.idx) % 2])
                           if fy >= PROGRAM_START_FY or r.random() < 0.3 else ""),
                issues="\n".join(r.sample(N.ISSUES[ts], 1 + (r.random() < 0.4))),
                support_wanted="、".join(r.sample(N.SUPPORT_WANTED, 1 + (r.random() < 0.5))) if stage else "",
                source=source, as_of=as_of,
            )
            for key in ("sc1_since", "council1_since"):  # placed this 年度, but not after today
                if row[key] is not None and row[key] > self.today:
                    row[key] = fiscal_year_range(fy)[0]
            for key in m.SERVICE_TYPES:
                start = mu.services.get(key)
                on = start is not None and fy >= start and fy >= tfy
                row[key] = on
                row[f"{key}_note"] = mu.service_notes[key] if on else ""
            rows.append(row)

    def days(self, fy: int) -> tuple[list[date], list[float], float]:
        """Workdays of the 年度 up to today, their weights, and the share of the year elapsed."""
        every = _workdays(fy)
        past = [d for d in every if d <= self.today]
        cum, acc = [], 0.0
        for d in past:
            acc += _MONTH_WEIGHT[d.month]
            cum.append(acc)
        return past, cum, len(past) / len(every)

    def muni_weights(self, fy: int) -> list[float]:
        return [mu.weight * (1.4 if (mu.stage(fy) or 1) == 1 else 1.0) * (1.3 if mu.engagement == "never" else 1.0)
                for mu in self.munis]

    def advisor_for(self, mu: _Muni, fy: int) -> _Advisor | None:
        pair = self.assigned.get((mu.idx, fy))
        r = self.rng
        if pair and r.random() < 0.8:
            return pair[0] if r.random() < 0.65 else pair[1]
        active = [a for a in self.advisors if a.active(fy)]
        return r.choice(active) if active else None

    def visits(self, fy: int, out: dict[str, list[dict[str, Any]]]) -> None:
        r = self.rng
        past, cum, share = self.days(fy)
        n = round(VISITS_PER_YEAR * self.f * share * r.uniform(0.95, 1.05)) if past else 0
        if not n:
            return
        dates = sorted(r.choices(past, cum_weights=cum, k=n))
        munis = r.choices(self.munis, weights=self.muni_weights(fy), k=n)
        visits, parts, tasks = out["visit"], out["visit_participant"], out["follow_up_task"]
        for d, mu in zip(dates, munis):
            stage = mu.text_stage(fy)
            officer = r.choice(self.active_officers)
            adv = self.advisor_for(mu, fy)
            cat = _VISIT_PURPOSES.draw(r)
            if stage == 0 and cat not in N.PRE_PROGRAM_VISIT_PURPOSES:
                cat = r.choice(N.PRE_PROGRAM_VISIT_PURPOSES)
            if cat == "アドバイザー同行" and adv is None:
                cat = "個別助言"
            with_adv = adv is not None and (cat == "アドバイザー同行" or r.random() < 0.12)
            start_h, start_m = r.choice(((9, 30), (10, 0), (10, 30), (13, 30), (14, 0), (15, 0)))
            dur = r.choice((60, 90, 90, 120))
            end = (datetime.combine(d, time(start_h, start_m)) + timedelta(minutes=dur)).time()
            district = r.choice(mu.districts)
            place = r.choice(N.VISIT_PLACES).format(office=mu.office[1], shakyo=mu.shakyo[1], mun=mu.name,
                                                     district=district)
            nxt = None
            note = ""
            if r.random() < 0.4:
                nxt = _next_workday(d + timedelta(days=r.randint(30, 90)))
                note = r.choice(N.NEXT_VISIT_NOTES)
            draft = fy == self.cur and (self.today - d).days < 14 and r.random() < 0.3
            row = self.base(_stamp(d, 17, r.randint(0, 59)))
            row.update(
                municipality_id=mu.id, visit_date=d, start_time=time(start_h, start_m), end_time=end, place=place,
                purpose_category=cat, purpose=self.purpose(cat, d, stage),
                observations=self.fill("\n".join(r.sample(N.OBSERVATIONS[stage], 1 + (r.random() < 0.5))), mu),
                issues=r.choice(N.VISIT_ISSUES[stage]) if r.random() < 0.75 else "",
                advice=self.fill("\n".join(r.sample(N.ADVICE[stage], 1 + (r.random() < 0.35))), mu),
                next_visit_date=nxt, next_visit_note=note if nxt else "", is_draft=draft, recorded_by=officer.name,
            )
            visits.append(row)
            vid, ts = row["id"], row["created_at"]
            parts.append({**self.base(ts), "visit_id": vid, "person_id": officer.id, "side": "prefecture",
                          "role": "県職員"})
            if with_adv:
                parts.append({**self.base(ts), "visit_id": vid, "person_id": adv.person.id, "side": "advisor",
                              "role": "アドバイザー"})
            staff = mu.staff
            lead = next((p for p in staff if p.role == "市町村職員"), staff[0])
            others = [p for p in staff if p is not lead and p.role != "首長・管理職"]
            met = [lead, *r.sample(others, min(len(others), r.choice((0, 1, 1, 2))))]
            for p in met:
                parts.append({**self.base(ts), "visit_id": vid, "person_id": p.id, "side": "municipality",
                              "role": p.role})
            if r.random() < 0.4:
                for order in range(1 + (r.random() < 0.2)):
                    tasks.append(self.task(mu, d, officer, met, order, visit_id=vid))

    def purpose(self, cat: str, d: date, stage: int) -> str:
        texts = [t for t in N.VISIT_PURPOSE_TEXTS[cat] if d.month in N.PURPOSE_MONTHS.get(t, (d.month,))]
        if stage == 0:
            texts = [t for t in _fit(texts, 0) if t not in N.VISIT_PURPOSE_TEXTS["個別助言"]]
            texts += N.PRE_PROGRAM_PURPOSE_TEXTS
        return self.rng.choice(_fit(texts, stage) or N.VISIT_PURPOSE_TEXTS[cat])

    def fill(self, text: str, mu: _Muni) -> str:
        if "{" not in text:
            return text
        r = self.rng
        entrust = ("直営で" if mu.entrusted is None else
                   "社会福祉協議会に委託して" if mu.entrusted == mu.shakyo else "NPO法人に委託して")
        return text.format(district=r.choice(mu.districts), n=r.randint(2, 6), people=r.randint(12, 40),
                           households=r.randint(8, 40), entrust=entrust)

    def task(self, mu: _Muni, d: date, officer: _Person, met: list[_Person], order: int, **link: str) -> dict[str, Any]:
        r = self.rng
        due = _next_workday(d + timedelta(days=r.randint(14, 60)))
        owner = officer if r.random() < 0.55 else r.choice(met)
        if due <= self.today:
            done = r.random() < (0.96 if fiscal_year_of(d) < self.cur else 0.65)
        else:
            done = r.random() < 0.15
        done_date = None
        if done:
            done_date = d + timedelta(days=r.randint(2, max(3, (due - d).days + 15)))
            done_date = min(done_date, self.today)
        row = self.base(_stamp(d, 17, 30))
        if done_date is not None:
            row["updated_at"] = min(self.now, _stamp(done_date, 16))
        row.update(
            municipality_id=mu.id, visit_id=None, consultation_id=None, dispatch_id=None,
            title=r.choice(_fit(N.FOLLOW_UP_TITLES, mu.text_stage(fiscal_year_of(d)))), details="",
            owner_person_id=owner.id, owner_name=owner.name,
            due_date=due, done=done, done_date=done_date, sort_order=order,
        )
        row.update(link)
        return row

    def consultations(self, fy: int, out: dict[str, list[dict[str, Any]]]) -> None:
        r = self.rng
        past, cum, share = self.days(fy)
        n = round(CONSULTATIONS_PER_YEAR * self.f * share * r.uniform(0.95, 1.05)) if past else 0
        if not n:
            return
        dates = sorted(r.choices(past, cum_weights=cum, k=n))
        munis = r.choices(self.munis, weights=self.muni_weights(fy), k=n)
        rows, tasks = out["consultation"], out["follow_up_task"]
        for d, mu in zip(dates, munis):
            officer = r.choice(self.active_officers)
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
            question, answer = r.choice(_fit(N.CONSULTATION_QA[topic], stage, key=lambda qa: qa[0] + qa[1]))
            person = None
            from_name = ""
            if r.random() < 0.85:
                person = r.choice([p for p in mu.staff if p.role != "首長・管理職"] or mu.staff)
            else:
                from_name = r.choice(N.CONSULTATION_FROM_NAMES).format(office=mu.office[1], shakyo=mu.shakyo[1],
                                                                       mun=mu.name)
            adv = None
            if r.random() < 0.12:
                adv = self.advisor_for(mu, fy)
                if adv is not None:
                    answer += f"アドバイザー（{adv.person.name}）を紹介した。"
            age = (self.today - d).days
            closed = r.random() < (0.98 if fy < self.cur else 0.92 if age > 30 else 0.5)
            closed_date = min(self.today, d + timedelta(days=r.choice((0, 0, 0, 1, 2, 5, 10, 20)))) if closed else None
            row = self.base(_stamp(d, r.randint(9, 17), r.randint(0, 59)))
            row.update(
                received_date=d, channel=channel, municipality_id=mu.id,
                person_id=person.id if person else None, from_name=from_name, topics="、".join(topics),
                question=question, answer=answer if closed or r.random() < 0.5 else "",
                referred_advisor_id=adv.id if adv else None, is_closed=closed, closed_date=closed_date,
                handled_by=officer.name,
            )
            rows.append(row)
            if r.random() < 0.05:
                tasks.append(self.task(mu, d, officer, [person] if person else [officer], 0, consultation_id=row["id"]))

    def dispatches(self, fy: int, out: dict[str, list[dict[str, Any]]]) -> None:
        r = self.rng
        past, cum, share = self.days(fy)
        n = round(DISPATCHES_PER_YEAR * self.f * share * r.uniform(0.9, 1.1)) if past else 0
        if not n:
            return
        _, fy_end = fiscal_year_range(fy)
        dates = sorted(r.choices(past, cum_weights=cum, k=n))
        munis = r.choices(self.munis, weights=self.muni_weights(fy), k=n)
        for req, mu in zip(dates, munis):
            stage = mu.stage(fy)
            cat = _DISPATCH_PURPOSES[stage].draw(r)
            texts = _fit(N.DISPATCH_PURPOSE_TEXTS[cat], mu.text_stage(fy))
            if fy >= mu.council1_year:
                texts = _fit(texts, 2)
            first = _next_workday(req + timedelta(days=r.randint(20, 60)))
            if first > fy_end:
                first = _next_workday(req + timedelta(days=r.randint(5, 12)))
            days = [first]
            if r.random() < 0.3:
                days.append(_next_workday(first + timedelta(days=r.randint(14, 42))))
            if days[-1] <= self.today:
                status = "実施済" if r.random() < 0.92 else "中止"
            else:
                status = "調整中" if r.random() < 0.6 else "依頼"
            n_part = r.randint(12, 60)
            row = self.base(_stamp(req, 11))
            row.update(
                municipality_id=mu.id, requested_by="municipality" if r.random() < 0.75 else "prefecture",
                request_date=req, purpose_category=cat, purpose=r.choice(texts),
                payer="県" if r.random() < 0.85 else "市町村",
                outcome=(r.choice(N.DISPATCH_OUTCOMES).format(n=n_part) if status == "実施済"
                         else r.choice(N.DISPATCH_CANCEL_NOTES) if status == "中止" else ""),
                status=status,
            )
            if status == "実施済":
                row["updated_at"] = min(self.now, _stamp(days[-1], 18))
            out["dispatch"].append(row)
            chosen: list[_Advisor] = []
            pair = self.assigned.get((mu.idx, fy)) or []
            want = 1 + (r.random() < 0.3)
            for a in ([*pair] if r.random() < 0.7 else []):
                if len(chosen) < want and a not in chosen:
                    chosen.append(a)
            active = [a for a in self.advisors if a.active(fy) and a not in chosen]
            while len(chosen) < want and active:
                a = r.choice(active)
                active.remove(a)
                chosen.append(a)
            for a in chosen:
                out["dispatch_advisor"].append({**self.base(row["created_at"]), "dispatch_id": row["id"],
                                                "advisor_id": a.id})
            venue = r.choice((f"{mu.name}公民館 大会議室", f"{mu.office[1].split(' ')[0]} 会議室",
                              f"{mu.name}保健センター 多目的室", f"{r.choice(mu.districts)}地区 集会所"))
            evening = cat in ("住民向け講演", "ファシリテーション") and r.random() < 0.4
            for day in days:
                start = time(18, 30) if evening else r.choice((time(10, 0), time(13, 30), time(14, 0)))
                end = (datetime.combine(day, start) + timedelta(hours=2)).time()
                out["dispatch_date"].append({**self.base(row["created_at"]), "dispatch_id": row["id"], "date": day,
                                             "start_time": start, "end_time": end, "venue": venue})
            if status == "実施済" and r.random() < 0.1:
                officer = r.choice(self.active_officers)
                task = self.task(mu, days[-1], officer, [officer], 0, dispatch_id=row["id"])
                task["title"] = "実施報告書の提出を依頼する"
                out["follow_up_task"].append(task)

    def event_specs(self) -> list[_EventSpec]:
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
        for i, name in enumerate(self.block_names):
            specs.append(_EventSpec("情報交換会", f"{name}情報交換会", f"kokan-{i}", 70, (7, 8, 9, 10, 11, 12), sc_aud,
                                    block=i, groups=True, pref_venue=False))
        for i in range(3):
            specs.append(_EventSpec("勉強会", "", f"study{i}", 90, ((5, 6), (7, 8), (10, 11))[i], study))
        # the winter study sessions are a series: three evenings, each a unit of its own (受講証明)
        specs.append(_EventSpec("勉強会", "", "study3", 90, (1, 2), study, ("第1回", "第2回", "第3回"), structure="series"))
        return specs

    def events(self, fy: int, out: dict[str, list[dict[str, Any]]]) -> None:
        r = self.rng
        specs = self.event_specs()
        total_w = sum(s.weight for s in specs)
        target = REGISTRATIONS_PER_YEAR * self.f
        workdays = _workdays(fy)
        label = fiscal_year_label(fy)
        active_adv = [a for a in self.advisors if a.active(fy)]
        organiser_pool = self.active_officers
        online = 0.6 if fy in (2020, 2021) else 0.15 if fy > 2021 else 0.0
        pool = [p for mu in self.munis for p in mu.staff if mu.engagement != "never"]
        pool += [p for p in self.crowd
                 if p.until >= fy and p.muni is not None and self.munis[p.muni].engagement != "never"]
        themes = _fit(self.fields, 0, key=lambda f: f[1]) if fy < PROGRAM_START_FY else self.fields
        study_fields = r.sample(list(themes), min(4, len(themes)))
        for spec in specs:
            kind = "テーマ別連続勉強会" if spec.session_structure == "series" else "テーマ別勉強会"
            title = spec.title or f"{kind}「{study_fields[int(spec.series[-1]) % len(study_fields)][1]}」"
            # sessions
            months = [d for d in workdays if d.month in spec.months]
            first = r.choice(months[: max(1, len(months) - 20)] if len(spec.sessions) > 1 else months)
            dates = [first]
            for _ in spec.sessions[1:]:
                dates.append(_next_workday(dates[-1] + timedelta(days=r.randint(14, 28) if not spec.per_session
                                                                  else r.randint(5, 16))))
            share = spec.weight / total_w
            want = round(target * share * r.uniform(0.85, 1.1))
            opens = first - timedelta(days=45)
            if first > self.today:
                want = round(want * max(0.0, min(1.0, (self.today - opens).days / 40)))
            ts = _stamp(max(fiscal_year_range(fy)[0], first - timedelta(days=r.randint(60, 90))), 10)
            ev = self.base(ts)
            co = ""
            if spec.event_type in ("養成研修", "フォローアップ研修"):
                co = self.pref_orgs["shakyo"][1]
            elif spec.event_type == "フォーラム・セミナー":
                co = f"{self.pref_orgs['shakyo'][1]}、{self.pref_orgs['mid0'][1]}"
            notes = N.PROGRAM_NOTES.get(spec.event_type, "")
            if fy < PROGRAM_START_FY:  # the same series, under its older name
                title = N.PRE_PROGRAM_TITLES.get(title, title)
                if any(mk in notes for mk in N.PRE_PROGRAM_MARKERS):
                    notes = N.PRE_PROGRAM_NOTES
            ev.update(fiscal_year=fy, event_type=spec.event_type, title=f"{label} {title}", co_hosts=co,
                      session_structure=spec.session_structure,
                      program_notes=notes, organiser=r.choice(organiser_pool).name,
                      copied_from_id=self.series_last.get(spec.series))
            self.series_last[spec.series] = ev["id"]
            out["training_event"].append(ev)
            eid = ev["id"]
            block_munis = self.block_regions[spec.block] if spec.block is not None else []
            is_online = r.random() < online and not spec.per_session and spec.event_type != "現地見学"
            labels = list(spec.sessions)
            hosts: list[_Muni] = []
            if spec.event_type == "フォーラム・セミナー" and spec.per_session:
                # 会場別: the largest municipality of regions spread over the prefecture
                groups = [g for g in self.block_regions if g]
                picks = r.sample(groups, min(len(spec.sessions), len(groups)))
                hosts = [max((self.munis[j] for j in g), key=lambda x: x.pop) for g in picks]
                labels = [f"{h.name}会場" for h in hosts] + labels[len(hosts):]
            elif not spec.pref_venue:
                cands = [self.munis[j] for j in block_munis] or self.munis
                hosts = [max(r.sample(cands, min(3, len(cands))), key=lambda x: x.pop)]
            shared_venue = r.choice((f"{self.pref_name}社会福祉総合センター 大会議室", f"{self.pref_name}庁 講堂",
                                     f"{self.pref_name}自治研修所 第1研修室"))
            if hosts and not spec.per_session:
                shared_venue = self.town_venue(hosts[0])
            sessions = []
            for i, (lab, d) in enumerate(zip(labels, dates)):
                if is_online:
                    venue = "オンライン（Web会議）"
                elif spec.event_type == "現地見学":
                    host = r.choice(self.munis)
                    venue = f"{host.name}（{r.choice(N.TOUR_PLACES)}）・県庁前集合"
                elif spec.per_session and i < len(hosts):
                    venue = self.town_venue(hosts[i])
                else:
                    venue = shared_venue
                cap = (12 if i == 0 else 10) if spec.event_type == "現地見学" else None
                if cap is None:
                    base_cap = round(target * share / (len(spec.sessions) if spec.per_session else 1) * 1.15)
                    cap = max(20, int(math.ceil(base_cap / 10.0)) * 10)
                (sh, sm), (eh, em) = spec.hours
                srow = {**self.base(ts), "event_id": eid, "label": lab, "date": d, "start_time": time(sh, sm),
                        "end_time": time(eh, em), "venue": venue, "capacity": cap, "required": True, "sort_order": i}
                sessions.append(srow)
            out["training_session"].extend(sessions)
            if spec.event_type == "現地見学":
                want = min(want, sum(x["capacity"] for x in sessions))
            for role in spec.audience:
                out["event_audience"].append({**self.base(ts), "event_id": eid, "role": role})
            if active_adv and spec.event_type != "トップセミナー" or (active_adv and r.random() < 0.5):
                for j, a in enumerate(r.sample(active_adv, min(len(active_adv), r.randint(1, 3)))):
                    out["event_staff"].append({**self.base(ts), "event_id": eid, "person_id": a.person.id,
                                               "advisor_id": a.id,
                                               "kind": "講師" if j == 0 else r.choice(("ファシリテーター", "アドバイザー"))})
            for fid, _ in r.sample(self.fields, min(len(self.fields), r.randint(2, 3))):
                out["event_field"].append({**self.base(ts), "event_id": eid, "field_id": fid})
            questions = []
            labels_q = N.SURVEY_QUESTIONS[spec.event_type]
            if fy < PROGRAM_START_FY and any(mk in "".join(labels_q) for mk in N.PRE_PROGRAM_MARKERS):
                labels_q = N.PRE_PROGRAM_QUESTIONS
            for j, q in enumerate(labels_q):
                qrow = {**self.base(ts), "event_id": eid, "label": q, "sort_order": j}
                questions.append(qrow)
            out["survey_question"].extend(questions)
            self.registrations(spec, fy, ev, sessions, questions, pool, block_munis, want, out)

    def town_venue(self, host: _Muni) -> str:
        return self.rng.choice((f"{host.name}文化会館 小ホール", f"{host.name}保健センター 大会議室",
                                f"{host.name}公民館 講堂", f"{host.name}総合福祉センター 多目的ホール"))

    def registrations(
        self,
        spec: _EventSpec,
        fy: int,
        ev: dict[str, Any],
        sessions: list[dict[str, Any]],
        questions: list[dict[str, Any]],
        pool: list[_Person],
        block_munis: list[int],
        want: int,
        out: dict[str, list[dict[str, Any]]],
    ) -> None:
        r = self.rng
        if want <= 0:
            return
        role_w = _TYPE_ROLE_WEIGHTS[spec.event_type]
        allowed = set(block_munis)
        cands, weights = [], []
        for p in pool:
            w = role_w.get(p.role, 0.0)
            if not w or p.role not in spec.audience:
                continue
            if allowed and p.muni not in allowed:
                continue
            if self.munis[p.muni].engagement == "low":
                w *= 0.3
            if spec.series == "yousei1" and p.start == fy:
                w *= 4  # 初任者 come to the initial training in their first year
            cands.append(p)
            weights.append(w)
        chosen = _weighted_sample(r, cands, weights, want)
        muni_code = {mu.idx: mu.code for mu in self.munis}
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
            walk_in = day <= self.today and r.random() < 0.02
            reg_on = day if walk_in else max(fiscal_year_range(fy)[0], day - timedelta(days=r.randint(10, 45)))
            reg_on = min(reg_on, self.today)
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
            pre = yousei and status == "登録" and r.random() < (0.88 if first_day <= self.today else 0.45)
            reg = self.base(_stamp(reg_on, r.randint(9, 17), r.randint(0, 59)))
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
                if d > self.today:
                    continue
                present = walk_in or r.random() < 0.9
                attended |= present
                st = sess["start_time"]
                checked = (datetime.combine(d, st) - timedelta(minutes=r.randint(3, 30))) if present else None
                out["attendance"].append({**self.base(_stamp(d, st.hour, st.minute)), "registration_id": reg["id"],
                                          "session_id": sess["id"], "present": present, "checked_in_at": checked})
            if attended and r.random() < 0.6:
                last_day = my_sessions[-1]["date"]
                ts = _stamp(min(self.today, last_day + timedelta(days=r.randint(0, 7))), 17)
                for j, q in enumerate(questions):
                    comment = r.choice(N.SURVEY_COMMENTS) if j == len(questions) - 1 and r.random() < 0.15 else ""
                    out["survey_answer"].append({**self.base(ts), "registration_id": reg["id"], "question_id": q["id"],
                                                 "rating": _RATINGS.draw(r), "comment": comment})


# Per-year tables in foreign-key order.
_YEAR_TABLES: tuple[type, ...] = (
    m.Person, m.MunicipalityStatus, m.Visit, m.VisitParticipant, m.Consultation, m.Dispatch,
    m.DispatchAdvisor, m.DispatchDate, m.FollowUpTask, m.TrainingEvent, m.TrainingSession,
    m.EventAudience, m.EventStaff, m.EventField, m.SurveyQuestion, m.Registration, m.Attendance,
    m.SurveyAnswer,
)


# ----------------------------------------------------------------------------------------------
# the service


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
        (m.Advisor, "アドバイザー"), (m.Dispatch, "アドバイザー派遣"),
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
    progress: Callable[[float, str], None] | None = None,
    abort: threading.Event | None = None,
) -> DemoResult:
    """Fill ``scale`` 年度 of fictional activity (ending with today's 年度) in one transaction.

    Raises UserError when the prefecture is not set up, when the database already holds data,
    for a bad ``scale``; DemoCancelled (a UserError) when ``abort`` is set: nothing is written.
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
        writer = _Writer(s, progress, abort)
        writer.check()
        _refuse_if_filled(s)
        writer.report(0.0, "準備中")
        b = _Builder(s, writer, rng, pref_code, pref_name, years, today)
        b.load_municipalities()
        b.vocabularies()
        b.figures()
        regions, members = b.regions()
        orgs = b.organisations()
        writer.write([(m.Region, regions), (m.RegionMembership, members), (m.Organisation, orgs)], 0.0, 0.01,
                     "圏域と団体")
        writer.check()
        writer.write(b.advisor_roster(), 0.01, 0.02, "アドバイザー名簿")
        span = 0.97 / len(years)
        for yi, fy in enumerate(years):
            label = fiscal_year_label(fy, "both")
            lo = 0.02 + yi * span
            writer.check()
            writer.report(lo, f"{label}：作成中")
            out: dict[str, list[dict[str, Any]]] = {model.__tablename__: [] for model in _YEAR_TABLES}
            b.people(fy, out["person"])
            b.statuses(fy, out["municipality_status"])
            writer.check()
            b.visits(fy, out)
            b.consultations(fy, out)
            b.dispatches(fy, out)
            writer.check()
            b.events(fy, out)
            writer.write([(model, out[model.__tablename__]) for model in _YEAR_TABLES], lo + span * 0.3,
                         lo + span, label)
        info = {"seed": seed, "scale": scale, "fiscal_years": [years[0], years[-1]], "created": today.isoformat()}
        s.execute(insert(m.LocalMeta), [{"key": META_DEMO, "value": json.dumps(info, ensure_ascii=False)}])
        writer.check()
        writer.report(0.995, "保存中")
        uow.commit()
    writer.report(1.0, "完了")
    rows = {k: v for k, v in writer.counts.items() if v and k != "municipality"}
    return DemoResult(rows, years, pref_code, pref_name, round(_time.perf_counter() - started, 3))
