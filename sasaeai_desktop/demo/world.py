"""The model of the prefecture the demo rows are drawn from: municipalities with their status
timeline, the people and advisors made so far, and the one ``random.Random`` every draw uses."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from typing import Any

from sasaeai_desktop.demo import names as N
from sasaeai_desktop.demo.days import MONTH_WEIGHT
from sasaeai_desktop.demo.days import stamp
from sasaeai_desktop.demo.days import workdays
from sasaeai_desktop.demo.draw import Weighted
from sasaeai_desktop.demo.writer import Writer
from sasaeai_desktop.domain.ids import new_id

PROGRAM_START_FY = 2015  # 生活支援体制整備事業 (改正介護保険法, 平成27年度)


@dataclass
class Person:
    id: str
    name: str
    role: str
    muni: int | None  # index into World.munis
    until: int  # last 年度 the person is active
    start: int
    org_name: str = ""


@dataclass
class Advisor:
    id: str
    person: Person
    category: str
    active_from: int
    active_to: int | None
    load: int = 0

    def active(self, fy: int) -> bool:
        return self.active_from <= fy and (self.active_to is None or fy <= self.active_to)


@dataclass
class Muni:
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
    staff: list[Person] = field(default_factory=list)  # active this year
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


@dataclass(eq=False)
class World:
    """What the area modules share while they build one dataset."""

    s: Any
    writer: Writer
    rng: random.Random
    pref_code: str
    pref_name: str
    years: tuple[int, ...]
    today: date
    first: int = field(init=False)
    cur: int = field(init=False)
    now: datetime = field(init=False)
    area_code: str = field(init=False)
    used_emails: dict[str, int] = field(init=False, default_factory=dict)
    public_orgs: set[str] = field(init=False, default_factory=set)  # ids of 市町村 and 県 offices (e-mail at example.lg.jp)
    munis: list[Muni] = field(init=False, default_factory=list)
    f: float = field(init=False, default=1.0)
    fields: list[tuple[str, str]] = field(init=False, default_factory=list)  # (id, name) of activity fields
    kinds: list[tuple[str, str]] = field(init=False, default_factory=list)  # (id, name) of region kinds
    advisors: list[Advisor] = field(init=False, default_factory=list)
    assigned: dict[tuple[int, int], list[Advisor]] = field(init=False, default_factory=dict)  # (muni, fy) → [主, 副]
    officers: list[Person] = field(init=False, default_factory=list)
    active_officers: list[Person] = field(init=False, default_factory=list)  # this year's 県職員
    crowd: list[Person] = field(init=False, default_factory=list)
    block_kind: int = field(init=False, default=0)
    block_regions: list[list[int]] = field(init=False, default_factory=list)  # region → muni indices, for the block kind
    block_names: list[str] = field(init=False, default_factory=list)
    pref_orgs: dict[str, tuple[str, str]] = field(init=False, default_factory=dict)
    series_last: dict[str, str] = field(init=False, default_factory=dict)
    surnames: Weighted = field(init=False)
    given: dict[tuple[str, str], list[tuple[str, str, str]]] = field(init=False)

    def __post_init__(self) -> None:
        self.first, self.cur = self.years[0], self.years[-1]
        self.now = min(datetime.now(), stamp(self.today, 23, 59))
        self.area_code = N.AREA_CODES.get(self.pref_code, "026")
        self.surnames = Weighted(N.SURNAMES, [1.0 / (i + 8) for i in range(len(N.SURNAMES))])
        self.given = {
            (g, gen): [x for x in (N.FEMALE_GIVEN if g == "f" else N.MALE_GIVEN) if x[2] == gen]
            for g in "fm"
            for gen in "omy"
        }

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

    def days(self, fy: int) -> tuple[list[date], list[float], float]:
        """Workdays of the 年度 up to today, their weights, and the share of the year elapsed."""
        every = workdays(fy)
        past = [d for d in every if d <= self.today]
        cum, acc = [], 0.0
        for d in past:
            acc += MONTH_WEIGHT[d.month]
            cum.append(acc)
        return past, cum, len(past) / len(every)

    def muni_weights(self, fy: int) -> list[float]:
        return [mu.weight * (1.4 if (mu.stage(fy) or 1) == 1 else 1.0) * (1.3 if mu.engagement == "never" else 1.0)
                for mu in self.munis]
