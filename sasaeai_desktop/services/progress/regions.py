"""Region kinds (保健所圏域, ブロック, 高齢者福祉圏域 …), their regions, and which region of each kind
a municipality belongs to. One region per kind per municipality is a service rule (no UNIQUE):
``set_region`` keeps exactly one live membership for the kind; readers resolve stray duplicates
deterministically (the most recently updated membership wins).

Any table or chart is grouped by a kind with ``group_municipalities``: regions in their order,
then「（圏域未設定）」for municipalities without a region of that kind.

Editing (the 圏域の設定 dialog and ``sasaeai region``): kinds and regions are added, renamed and
deleted; deleting is soft (``deleted``) and takes the region's memberships along, so the
municipalities fall back to「（圏域未設定）」. ``assign`` puts many municipalities in one region
in one transaction; ``membership_table`` is the municipalities × kinds grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import TypeVar
from typing import cast

from sqlalchemy import CursorResult
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.models.base import utcnow
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.records import live_row

UNASSIGNED = "（圏域未設定）"
_KIND_MISSING = "圏域の種類が見つかりません。"
_REGION_MISSING = "圏域が見つかりません。"


@dataclass(frozen=True)
class RegionKindData:
    id: str
    name: str
    sort_order: int = 0


@dataclass(frozen=True)
class RegionData:
    id: str
    kind_id: str
    name: str
    sort_order: int = 0


_Named = TypeVar("_Named", RegionKindData, RegionData)


@dataclass(frozen=True)
class RegionGroup:
    region_id: str | None  # None: municipalities without a region of this kind
    name: str
    municipality_ids: list[str] = field(default_factory=list)


def list_kinds(uow: UnitOfWork) -> list[RegionKindData]:
    rk = m.RegionKind
    with uow:
        rows = uow.session.execute(
            select(rk.id, rk.name, rk.sort_order).where(rk.deleted.is_(False)).order_by(rk.sort_order, rk.name, rk.id)
        ).all()
    return [RegionKindData(*r) for r in rows]


def find_kind(uow: UnitOfWork, name_or_id: str) -> RegionKindData:
    """A kind by its name (or id); UserError listing the kinds when there is none."""
    return _named(list_kinds(uow), name_or_id, f"圏域の種類「{name_or_id}」がありません。指定できる種類: ")


def create_kind(uow: UnitOfWork, name: str) -> RegionKindData:
    name = clean_text(name)
    if not name:
        raise ValidationError({"name": "圏域の種類の名前を入力してください。"})
    if any(k.name == name for k in list_kinds(uow)):
        raise ValidationError({"name": f"圏域の種類「{name}」はすでにあります。"})
    rk = m.RegionKind
    with uow:
        order = (uow.session.scalar(select(func.max(rk.sort_order)).where(rk.deleted.is_(False))) or 0) + 1
        kid = new_id()
        uow.session.execute(insert(rk), [{"id": kid, "name": name, "sort_order": order}])
        uow.commit()
    return RegionKindData(kid, name, order)


def list_regions(uow: UnitOfWork, kind_id: str) -> list[RegionData]:
    r = m.Region
    with uow:
        rows = uow.session.execute(
            select(r.id, r.kind_id, r.name, r.sort_order)
            .where(r.deleted.is_(False), r.kind_id == kind_id)
            .order_by(r.sort_order, r.name, r.id)
        ).all()
    return [RegionData(*x) for x in rows]


def create_region(uow: UnitOfWork, kind_id: str, name: str) -> RegionData:
    name = clean_text(name)
    if not name:
        raise ValidationError({"name": "圏域の名前を入力してください。"})
    existing = list_regions(uow, kind_id)
    if any(x.name == name for x in existing):
        raise ValidationError({"name": f"圏域「{name}」はすでにあります。"})
    with uow:
        if uow.session.get(m.RegionKind, kind_id) is None:
            raise NotFoundError(_KIND_MISSING)
        rid = new_id()
        order = max((x.sort_order for x in existing), default=-1) + 1
        uow.session.execute(insert(m.Region), [{"id": rid, "kind_id": kind_id, "name": name, "sort_order": order}])
        uow.commit()
    return RegionData(rid, kind_id, name, order)


def set_region(uow: UnitOfWork, municipality_id: str, kind_id: str, region_id: str | None) -> None:
    """Put the municipality in ``region_id`` (of ``kind_id``), or in none of that kind (None)."""
    assign(uow, kind_id, region_id, [municipality_id])


def assign(uow: UnitOfWork, kind_id: str, region_id: str | None, municipality_ids: list[str]) -> int:
    """Put every municipality of ``municipality_ids`` in ``region_id`` (of ``kind_id``), or in none
    of that kind (None); one transaction. Returns how many municipalities changed region."""
    with uow:
        changed = assign_in(uow.session, kind_id, region_id, municipality_ids)
        uow.commit()
    return changed


def assign_in(s: Session, kind_id: str, region_id: str | None, municipality_ids: list[str]) -> int:
    """``assign`` inside the caller's transaction (an import writes many in one)."""
    rm, r = m.RegionMembership, m.Region
    if region_id is not None:
        region = s.get(r, region_id)
        if region is None or region.deleted or region.kind_id != kind_id:
            raise ValidationError({"region": "その圏域はこの種類にありません。"})
    wanted = list(dict.fromkeys(municipality_ids))
    known = set(s.scalars(select(m.Municipality.id).where(m.Municipality.id.in_(wanted),
                                                           m.Municipality.deleted.is_(False))))
    missing = [x for x in wanted if x not in known]
    if missing:
        raise NotFoundError(f"市町村が見つかりません（{len(missing)} 件）。")
    current: dict[str, list[tuple[str, str]]] = {}
    for mid, mem_id, reg in s.execute(
        select(rm.municipality_id, rm.id, rm.region_id)
        .join(r, r.id == rm.region_id)
        .where(rm.deleted.is_(False), rm.municipality_id.in_(wanted), r.kind_id == kind_id)
        .order_by(rm.updated_at.desc(), rm.id)
    ):
        current.setdefault(mid, []).append((mem_id, reg))
    drop: list[str] = []
    add: list[dict[str, str]] = []
    changed = 0
    for mid in wanted:
        rows = current.get(mid, [])
        keep = next((mem for mem, reg in rows if reg == region_id), None)
        stale = [mem for mem, _ in rows if mem != keep]  # another region, or a stray duplicate
        drop += stale
        if region_id is not None and keep is None:
            add.append({"id": new_id(), "region_id": region_id, "municipality_id": mid})
        changed += bool(stale) or (region_id is not None and keep is None)
    if drop:
        s.execute(update(rm).where(rm.id.in_(drop)).values(deleted=True, updated_at=utcnow()))
    if add:
        s.execute(insert(rm), add)
    return changed


def rename_kind(uow: UnitOfWork, kind_id: str, name: str) -> RegionKindData:
    name = clean_text(name)
    if not name:
        raise ValidationError({"name": "圏域の種類の名前を入力してください。"})
    if any(k.name == name and k.id != kind_id for k in list_kinds(uow)):
        raise ValidationError({"name": f"圏域の種類「{name}」はすでにあります。"})
    with uow:
        kind = live_row(uow, m.RegionKind, kind_id, _KIND_MISSING)
        if kind.name != name:
            kind.name = name
            kind.updated_at = utcnow()
        uow.commit()
        return RegionKindData(kind.id, kind.name, kind.sort_order)


def rename_region(uow: UnitOfWork, region_id: str, name: str) -> RegionData:
    name = clean_text(name)
    if not name:
        raise ValidationError({"name": "圏域の名前を入力してください。"})
    with uow:
        kind_id = live_row(uow, m.Region, region_id, _REGION_MISSING).kind_id
    if any(x.name == name and x.id != region_id for x in list_regions(uow, kind_id)):
        raise ValidationError({"name": f"圏域「{name}」はすでにあります。"})
    with uow:
        region = uow.session.get(m.Region, region_id)
        assert region is not None
        if region.name != name:
            region.name = name
            region.updated_at = utcnow()
        uow.commit()
        return RegionData(region.id, region.kind_id, region.name, region.sort_order)


def member_counts(uow: UnitOfWork, kind_id: str) -> dict[str, int]:
    """region id → how many municipalities are in it (as ``region_map`` resolves duplicates)."""
    with uow:
        membership = region_map(uow, kind_id)
    counts: dict[str, int] = {}
    for rid in membership.values():
        counts[rid] = counts.get(rid, 0) + 1
    return counts


def _end_memberships(s: Session, which: Any, now: Any) -> int:
    """Soft-delete the live memberships ``which`` selects; how many there were."""
    rm = m.RegionMembership
    done = cast(CursorResult[Any], s.execute(update(rm).where(which, rm.deleted.is_(False)).values(deleted=True, updated_at=now)))
    return done.rowcount


def delete_region(uow: UnitOfWork, region_id: str) -> int:
    """Delete the region and its memberships; returns how many municipalities it held."""
    rm = m.RegionMembership
    with uow:
        region = live_row(uow, m.Region, region_id, _REGION_MISSING)
        now = utcnow()
        held = _end_memberships(uow.session, rm.region_id == region_id, now)
        region.deleted, region.updated_at = True, now
        uow.commit()
    return held


def delete_kind(uow: UnitOfWork, kind_id: str) -> int:
    """Delete the kind, its regions and their memberships; returns how many memberships went."""
    rm, r = m.RegionMembership, m.Region
    with uow:
        s = uow.session
        kind = live_row(uow, m.RegionKind, kind_id, _KIND_MISSING)
        now = utcnow()
        held = _end_memberships(s, rm.region_id.in_(select(r.id).where(r.kind_id == kind_id).scalar_subquery()), now)
        s.execute(update(r).where(r.kind_id == kind_id, r.deleted.is_(False)).values(deleted=True, updated_at=now))
        kind.deleted, kind.updated_at = True, now
        uow.commit()
    return held


def find_region(uow: UnitOfWork, kind: RegionKindData, name_or_id: str) -> RegionData:
    """A region of ``kind`` by name (or id); UserError listing the kind's regions when there is none."""
    return _named(list_regions(uow, kind.id), name_or_id, f"{kind.name}に圏域「{name_or_id}」がありません。この種類の圏域: ")


def _named(found: list[_Named], name_or_id: str, missing: str) -> _Named:
    """The one of ``found`` named (or with the id) ``name_or_id``; else UserError: ``missing`` and
    the names there are."""
    wanted = clean_text(name_or_id)
    for x in found:
        if x.id == wanted or x.name == wanted:
            return x
    raise UserError(missing + ("、".join(x.name for x in found) or "（なし）"))


@dataclass(frozen=True)
class MembershipTable:
    """The municipalities × kinds grid: each insurer's region id per kind (None: not set)."""

    kinds: list[RegionKindData]
    regions: dict[str, list[RegionData]]  # kind id → its regions in order
    municipalities: list[tuple[str, str, str]]  # (id, code, name) of every insurer, by code
    cells: dict[tuple[str, str], str]  # (municipality id, kind id) → region id


def membership_table(uow: UnitOfWork) -> MembershipTable:
    kinds = list_kinds(uow)
    regions = {k.id: list_regions(uow, k.id) for k in kinds}
    cells: dict[tuple[str, str], str] = {}
    with uow:
        munis = municipalities.insurers(uow)
        for k in kinds:
            for mid, rid in region_map(uow, k.id).items():
                cells[(mid, k.id)] = rid
    return MembershipTable(kinds, regions, munis, cells)


def region_map(uow: UnitOfWork, kind_id: str) -> dict[str, str]:
    """municipality id → region id for one kind. Call inside ``with uow``."""
    rm, r = m.RegionMembership, m.Region
    rows = uow.session.execute(
        select(rm.municipality_id, rm.region_id)
        .join(r, r.id == rm.region_id)
        .where(rm.deleted.is_(False), r.deleted.is_(False), r.kind_id == kind_id)
        .order_by(rm.updated_at, rm.id)
    ).all()
    return {mid: rid for mid, rid in rows}  # the most recently updated membership wins


def group_municipalities(uow: UnitOfWork, kind_id: str, municipality_ids: list[str]) -> list[RegionGroup]:
    """``municipality_ids`` (in their order) split by region of ``kind_id``; empty regions left out."""
    regions = list_regions(uow, kind_id)
    with uow:
        membership = region_map(uow, kind_id)
    groups = {x.id: RegionGroup(x.id, x.name, []) for x in regions}
    none = RegionGroup(None, UNASSIGNED, [])
    for mid in municipality_ids:
        groups.get(membership.get(mid, ""), none).municipality_ids.append(mid)
    out = [g for g in groups.values() if g.municipality_ids]
    if none.municipality_ids:
        out.append(none)
    return out
