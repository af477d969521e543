"""Group work (グループワーク, as in 宮城県・高知県): a municipality's officials and its coordinators
in different groups, groups balanced by stage and population; stored as each registration's label.
"""

from __future__ import annotations

import math
from collections import Counter
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import update

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import completion
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.services.trainings.events import ACTIVE
from sasaeai_desktop.services.trainings.events import event_row
from sasaeai_desktop.services.trainings.events import live_sessions
from sasaeai_desktop.services.trainings.registrations import update_registration

OFFICIAL_ROLES = frozenset({"市町村職員", "首長・管理職"})
COORDINATOR_ROLES = frozenset({"第1層SC", "第2層SC"})


@dataclass(frozen=True)
class GroupMember:
    registration_id: str
    name: str
    kana: str
    municipality_id: str | None
    municipality: str
    role: str
    stage: int | None
    population: int | None


@dataclass(frozen=True)
class Group:
    label: str
    members: tuple[GroupMember, ...]
    conflicts: tuple[str, ...] = ()  # municipalities whose officials and coordinators share this group

    def stage_counts(self) -> dict[int | None, int]:
        return dict(Counter(mb.stage for mb in self.members))


def _kind_of(role: str) -> str:
    if role in OFFICIAL_ROLES:
        return "official"
    if role in COORDINATOR_ROLES:
        return "coordinator"
    return "other"


def _latest_stages(s: Any, municipality_ids: Iterable[str]) -> dict[str, int]:
    st = m.MunicipalityStatus
    ids = sorted({i for i in municipality_ids if i})
    out: dict[str, tuple[int, int]] = {}
    for i in range(0, len(ids), 500):
        for mid, fy, stage in s.execute(
            select(st.municipality_id, st.fiscal_year, st.stage)
            .where(st.municipality_id.in_(ids[i:i + 500]), st.deleted.is_(False), st.stage.is_not(None))
        ):
            if mid not in out or fy > out[mid][0]:
                out[mid] = (fy, stage)
    return {k: v[1] for k, v in out.items()}


def _group_members(s: Any, event_id: str, session_id: str | None, *, only_tied: bool = False) -> list[tuple[GroupMember, str, str]]:
    """(member, municipality code, group label) of the active registrations (present ones when
    attendance for the session is recorded); ``only_tied``: those registered for that very 日程,
    not those registered for every 日程."""
    r, p, mu = m.Registration, m.Person, m.Municipality
    stmt = (
        select(r.id, p.name, p.kana, p.municipality_id, func.coalesce(mu.name, ""), p.role, mu.population,
               func.coalesce(mu.code, ""), r.group_label, p.kana_key)
        .join(p, p.id == r.person_id).outerjoin(mu, mu.id == p.municipality_id)
        .where(r.event_id == event_id, r.deleted.is_(False), r.status == ACTIVE)
    )
    if session_id:
        stmt = stmt.where(r.session_id == session_id if only_tied else or_(r.session_id.is_(None), r.session_id == session_id))
    rows = s.execute(stmt).all()
    if session_id:
        a = m.Attendance
        absent = set(s.scalars(select(a.registration_id).where(a.session_id == session_id, a.deleted.is_(False),
                                                               a.present.is_(False))))
        rows = [x for x in rows if x[0] not in absent]
    stages = _latest_stages(s, (x[3] for x in rows))
    return [(GroupMember(x[0], x[1], x[2], x[3], x[4], x[5], stages.get(x[3]) if x[3] else None, x[6]), x[7], x[8])
            for x in sorted(rows, key=lambda x: (x[7], x[9], x[0]))]


def _pop_band(population: int | None) -> int:
    if population is None:
        return -1
    for band, limit in enumerate((10_000, 30_000, 100_000, 300_000)):
        if population < limit:
            return band
    return 4


def plan_groups(members: Sequence[GroupMember], size: int) -> list[list[GroupMember]]:
    """Deterministic assignment: groups of about ``size``; per municipality, officials
    (市町村職員・首長・管理職) and coordinators (第1層SC・第2層SC) in different groups whenever
    possible; each group gets a share of every stage and population band; people of one
    municipality spread out. Same input → same groups."""
    if size < 2:
        raise ValidationError({"size": "1グループの人数は2人以上にしてください。"})
    n = len(members)
    if n == 0:
        return []
    k = max(1, math.ceil(n / size))
    cap = math.ceil(n / k)
    groups: list[list[GroupMember]] = [[] for _ in range(k)]
    stage_n: list[Counter[Any]] = [Counter() for _ in range(k)]
    band_n: list[Counter[int]] = [Counter() for _ in range(k)]
    muni_kind: list[dict[str | None, set[str]]] = [defaultdict(set) for _ in range(k)]
    muni_size = Counter(mb.municipality_id for mb in members if mb.municipality_id)
    # Hardest first: municipalities with the most participants, officials and coordinators first;
    # then by stage and population so each band is dealt round the groups.
    order = sorted(members, key=lambda mb: (
        -muni_size.get(mb.municipality_id or "", 0), mb.municipality_id or "", _kind_of(mb.role) == "other",
        -(mb.stage or 0), -(mb.population or 0), mb.kana, mb.registration_id))
    for mb in order:
        kind = _kind_of(mb.role)
        opposite = {"official": "coordinator", "coordinator": "official"}.get(kind)
        band = _pop_band(mb.population)

        costs = []
        for gi in range(k):
            kinds = muni_kind[gi].get(mb.municipality_id, set()) if mb.municipality_id else set()
            clash = 1 if opposite and opposite in kinds else 0
            same_muni = 1 if kinds else 0
            costs.append((len(groups[gi]) >= cap, clash, same_muni, stage_n[gi][mb.stage], band_n[gi][band], len(groups[gi]), gi))
        best = min(costs)[-1]  # the group's index ends each tuple: no two tie
        groups[best].append(mb)
        stage_n[best][mb.stage] += 1
        band_n[best][band] += 1
        if mb.municipality_id:
            muni_kind[best][mb.municipality_id].add(kind)
    _separate_officials_and_coordinators(groups)
    for g in groups:
        g.sort(key=lambda mb: (mb.municipality or "", mb.kana, mb.registration_id))
    return groups


def _clash_count(members: Sequence[GroupMember]) -> int:
    kinds: dict[str, set[str]] = defaultdict(set)
    for mb in members:
        if mb.municipality_id:
            kinds[mb.municipality_id].add(_kind_of(mb.role))
    return sum(1 for ks in kinds.values() if {"official", "coordinator"} <= ks)


def _separate_officials_and_coordinators(groups: list[list[GroupMember]]) -> None:
    """Swap pairs of members between groups while that leaves fewer groups where a municipality's
    official sits with its coordinator. The greedy pass above places one person at a time and
    cannot see ahead: 松本市's two SCs spread over both groups first, and its officials then clash
    wherever they go. A swap keeps the group sizes; among the swaps that help, one between people
    of the same stage and population band is taken, so the balance stays. Deterministic."""
    for _round in range(4 * sum(len(g) for g in groups)):  # each swap removes at least one clash
        best: tuple[Any, ...] | None = None
        for gi, g in enumerate(groups):
            here = _clash_count(g)
            if not here:
                continue
            for ai, a in enumerate(g):
                if _kind_of(a.role) == "other":
                    continue
                for hi, h in enumerate(groups):
                    if hi == gi:
                        continue
                    there = _clash_count(h)
                    for bi, b in enumerate(h):
                        if b.municipality_id == a.municipality_id and _kind_of(b.role) == _kind_of(a.role):
                            continue
                        new_g = [*g[:ai], b, *g[ai + 1:]]
                        new_h = [*h[:bi], a, *h[bi + 1:]]
                        gain = here + there - _clash_count(new_g) - _clash_count(new_h)
                        if gain <= 0:
                            continue
                        key = (-gain, a.stage != b.stage, _pop_band(a.population) != _pop_band(b.population), gi, ai, hi, bi)
                        if best is None or key < best:
                            best = key
        if best is None:
            return
        gi, ai, hi, bi = best[3:]
        groups[gi][ai], groups[hi][bi] = groups[hi][bi], groups[gi][ai]


def _conflicts(members: Sequence[GroupMember]) -> tuple[str, ...]:
    kinds: dict[str | None, set[str]] = defaultdict(set)
    names: dict[str | None, str] = {}
    for mb in members:
        if mb.municipality_id:
            kinds[mb.municipality_id].add(_kind_of(mb.role))
            names[mb.municipality_id] = mb.municipality
    return tuple(sorted(names[mid] for mid, ks in kinds.items() if {"official", "coordinator"} <= ks))


def assign_groups(uow: UnitOfWork, event_id: str, size: int, *, session_id: str | None = None, prefix: str = "") -> list[Group]:
    """Assign the event's participants to groups (``plan_groups``) and store the labels (1班, 2班 …).

    An event on alternative dates (同じ内容の日程から選ぶ) is grouped date by date, labelled with
    the 日程 (「北信会場 1班」): people who come on different days cannot work together. Whoever
    registered for no date in particular is grouped after them, unlabelled by date."""
    with uow:
        s = uow.session
        ev = event_row(s, event_id)
        dates = live_sessions(s, event_id)
        if session_id is None and ev.session_structure == completion.ALTERNATIVES and len(dates) > 1:
            parts = [(f"{prefix}{_group_prefix(x)} ", [y[0] for y in _group_members(s, event_id, x.id, only_tied=True)])
                     for x in dates]
            tied = {mb.registration_id for _p, ms in parts for mb in ms}
            parts.append((prefix, [y[0] for y in _group_members(s, event_id, None) if y[0].registration_id not in tied]))
        else:
            parts = [(prefix, [x[0] for x in _group_members(s, event_id, session_id)])]
        r = m.Registration
        labels = {}
        for pre, members in parts:
            for i, g in enumerate(plan_groups(members, size), 1):
                for mb in g:
                    labels[mb.registration_id] = f"{pre}{i}班"
        if labels:
            s.execute(update(r), [{"id": rid, "group_label": lab, "updated_at": m.utcnow()} for rid, lab in labels.items()])
        uow.commit()
    return groups(uow, event_id, session_id=session_id)


def move_to_group(uow: UnitOfWork, registration_id: str, group_label: str) -> None:
    update_registration(uow, registration_id, group_label=group_label)


def _group_prefix(x: m.TrainingSession) -> str:
    return x.label or f"{x.date.month}/{x.date.day}"


def _label_key(label: str, prefixes: Sequence[str] = ()) -> tuple[Any, ...]:
    """1班 < 2班 < 10班; with 日程 prefixes (「北信会場 2班」) the 日程 in their order first."""
    first = next((i for i, p in enumerate(prefixes) if label.startswith(p + " ")), len(prefixes))
    rest = label[len(prefixes[first]) + 1:] if first < len(prefixes) else label
    digits = "".join(ch for ch in rest if ch.isdigit())
    return (first, 0, int(digits), label) if digits else (first, 1, 0, label)


def groups(uow: UnitOfWork, event_id: str, *, session_id: str | None = None) -> list[Group]:
    """The stored groups ('' = not assigned, last) with conflict notes."""
    with uow:
        rows = _group_members(uow.session, event_id, session_id)
        prefixes = [_group_prefix(x) for x in live_sessions(uow.session, event_id)]
    by: dict[str, list[GroupMember]] = defaultdict(list)
    for mb, _code, label in rows:
        by[label].append(mb)
    out = []
    for label in sorted(by, key=lambda x: (x == "", _label_key(x, prefixes))):
        ms = sorted(by[label], key=lambda mb: (mb.municipality, mb.kana, mb.registration_id))
        out.append(Group(label, tuple(ms), _conflicts(ms) if label else ()))
    return out
