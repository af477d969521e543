"""Who the typed name means: the registration form's type-ahead and the check before a new person.

髙橋 typed and 高橋 stored is *offered* as a possible match (``variant``), never merged silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_
from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key

# The largest code point: ``key >= q AND key < q || MAX`` is a prefix match SQLite serves from an index.
_MAX_CHAR = "\U0010ffff"


@dataclass(frozen=True)
class PersonSuggestion:
    """A person the typed text may mean. ``variant`` — same key but written differently
    (髙橋 typed, 高橋 stored): offered as a possible match, the user decides."""

    id: str
    name: str
    kana: str
    municipality: str
    role: str
    affiliation: str
    variant: bool


class PersonChoiceNeeded(UserError):
    """Typed person data matches existing people: the caller must pick one or confirm a new person."""

    def __init__(self, candidates: list[PersonSuggestion]) -> None:
        self.candidates = candidates
        names = "、".join(f"{c.name}（{c.municipality or '市町村なし'}）" for c in candidates[:5])
        super().__init__(f"登録済みの人と一致する可能性があります: {names}。同じ人を選ぶか、別人として登録してください。")


def _prefix(col: Any, q: str) -> Any:
    return and_(col >= q, col < q + _MAX_CHAR)


def suggest_people(uow: UnitOfWork, text: str, *, municipality_id: str | None = None, limit: int = 20) -> list[PersonSuggestion]:
    """People whose normalised name or reading starts with ``text``, same municipality first. A
    stored name that differs from what was typed but has the same key (髙橋 / 高橋) comes back
    with ``variant``.

    One statement: two index range scans (``person.name_key`` / ``person.kana_key`` between the
    prefix and its upper bound, in index order, a few dozen rows each) united into at most 120
    ids, which alone are joined and ordered (same municipality, whole name, reading). No row of
    the other 50,000 people is read and nothing is ranked in Python."""
    nk, kk = name_key(text), kana_key(text)
    if not nk and not kk:
        return []
    p, mun = m.Person, m.Municipality
    # ifnull() keeps SQLite off ix_person_merged_into_id: "merged_into_id IS NULL" holds for almost
    # every row, and without statistics the planner would scan that index instead of the key range.
    live = (p.deleted.is_(False), func.ifnull(p.merged_into_id, "") == "")
    inner = max(limit, 60)  # a few more candidates than shown, so that the same municipality can come first
    parts = []
    if nk:
        parts.append(select(p.id.label("pid")).where(_prefix(p.name_key, nk), *live).order_by(p.name_key).limit(inner))
    if kk:
        parts.append(select(p.id.label("pid")).where(_prefix(p.kana_key, kk), *live).order_by(p.kana_key).limit(inner))
    from sqlalchemy import case
    from sqlalchemy import union

    ids = (union(*[x.subquery().select() for x in parts]) if len(parts) > 1 else parts[0]).subquery("hits")
    order: list[Any] = [case((p.municipality_id == municipality_id, 0), else_=1)] if municipality_id else []
    order += [case((p.name_key == nk, 0), else_=1), p.kana_key, p.id]
    stmt = (
        select(p.id, p.name, p.kana, func.coalesce(mun.name, ""), p.role, p.affiliation, p.name_key, p.kana_key)
        .join(ids, ids.c.pid == p.id).outerjoin(mun, mun.id == p.municipality_id)
        .order_by(*order).limit(limit)
    )
    with uow:
        rows = uow.session.execute(stmt).all()
    typed = "".join(clean_text(text).split())
    out = []
    for r in rows:
        # found through the folded key only: the stored spelling differs from what was typed
        by_name = bool(nk) and r[6].startswith(nk)
        variant = by_name and not "".join(clean_text(r[1]).split()).startswith(typed) and not (kk and r[7].startswith(kk))
        out.append(PersonSuggestion(r[0], r[1], r[2], r[3], r[4], r[5], variant))
    return out


def matching_people(uow: UnitOfWork, name: str, kana: str = "", municipality_id: str | None = None) -> list[PersonSuggestion]:
    """Existing people who may be the one typed: same name_key (髙橋 = 高橋) or same reading."""
    nk, kk = name_key(name), kana_key(kana)
    if not nk:
        return []
    p, mun = m.Person, m.Municipality
    conds = [p.name_key == nk]
    if kk:
        conds.append(and_(p.kana_key == kk, p.municipality_id == municipality_id) if municipality_id else p.kana_key == kk)
    stmt = (
        select(p.id, p.name, p.kana, func.coalesce(mun.name, ""), p.role, p.affiliation, p.municipality_id, p.name_key)
        .outerjoin(mun, mun.id == p.municipality_id)
        .where(p.deleted.is_(False), p.merged_into_id.is_(None), or_(*conds)).limit(50)
    )
    with uow:
        rows = uow.session.execute(stmt).all()
    typed = clean_text(name).replace(" ", "")
    rows = sorted(rows, key=lambda r: (r[6] != municipality_id, r[1].replace(" ", "") != typed, r[0]))
    return [PersonSuggestion(r[0], r[1], r[2], r[3], r[4], r[5], r[1].replace(" ", "").replace("\u3000", "") != typed)
            for r in rows]
