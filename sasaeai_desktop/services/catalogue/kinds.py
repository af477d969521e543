"""The editable list of 種類 (通いの場, サロン …). An entry stores the kind's name as text: renaming
a kind renames it in its entries too (each entry a captured change, so the other laptops follow),
and a kind entries still use is deleted only by moving them to another kind first. The list
offers the choices and an import adds the kinds a file names that the list does not have yet."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.models.base import utcnow
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.domain.names import written_text
from sasaeai_desktop.services.records import live_row

MAX_KIND_LEN = 40
# The same namespace as migration 0010: the seeded kinds have one id on every replica.
_NAMESPACE = uuid.UUID("5d0c7d0e-3a4b-5c6d-8e9f-0a1b2c3d4e5f")


def seeded_kind_id(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "catalogue_kind:" + name))


def seed_defaults(session: Session) -> None:
    """The default kinds, in a database that has none yet (``sasaeai init``)."""
    if session.scalar(select(m.CatalogueKind.id).limit(1)) is None:
        session.execute(insert(m.CatalogueKind), [
            {"id": seeded_kind_id(n), "name": n, "sort_order": i} for i, n in enumerate(vocab.DEFAULT_CATALOGUE_KINDS)])


def kind_names(session: Session) -> list[str]:
    """The live kinds, in list order."""
    k = m.CatalogueKind
    return list(session.scalars(select(k.name).where(k.deleted.is_(False)).order_by(k.sort_order, k.name)))


def list_kinds(uow: UnitOfWork) -> list[str]:
    with uow:
        return kind_names(uow.session)


def known_kind(names: Sequence[str], text: str) -> str | None:
    """The listed kind ``text`` is written as (全角/半角, spaces folded), or None."""
    key = name_key(text)
    return next((n for n in names if name_key(n) == key), None)


def add_kinds(session: Session, names: Sequence[str]) -> list[str]:
    """Append the kinds not listed yet (inside the caller's transaction); returns those added."""
    have = kind_names(session)
    last = session.scalar(select(func.max(m.CatalogueKind.sort_order)).where(m.CatalogueKind.deleted.is_(False)))
    order = (last if last is not None else -1) + 1
    added: list[str] = []
    for raw in names:
        name = written_text(raw)
        if not name or known_kind([*have, *added], name) is not None:
            continue
        if len(name) > MAX_KIND_LEN:
            raise ValidationError({"kind": f"種類は{MAX_KIND_LEN}文字以内にしてください（「{name[:20]}…」）。"})
        session.add(m.CatalogueKind(name=name, sort_order=order))
        order += 1
        added.append(name)
    session.flush()
    return added


def add_kind(uow: UnitOfWork, name: str) -> str:
    """Add one kind to the list (the form's 「種類を追加」); returns the name as stored."""
    with uow:
        existing = known_kind(kind_names(uow.session), name)
        if existing is not None:
            return existing
        added = add_kinds(uow.session, [name])
        if not added:
            raise ValidationError({"kind": "種類を入力してください。"})
        uow.commit()
        return added[0]


_MISSING = "指定された種類は見つかりません（削除された可能性があります）。"


@dataclass(frozen=True)
class KindRow:
    id: str
    name: str
    entries: int  # live entries of this kind


def kinds_in_use(uow: UnitOfWork) -> list[KindRow]:
    """The live kinds in list order, each with how many entries use it (the kinds dialog)."""
    k, e = m.CatalogueKind, m.CatalogueEntry
    used = (select(func.count()).where(e.kind == k.name, e.deleted.is_(False)).scalar_subquery())
    with uow:
        return [KindRow(*r) for r in uow.session.execute(
            select(k.id, k.name, used).where(k.deleted.is_(False)).order_by(k.sort_order, k.name))]


def _retag(session: Session, old: str, new: str) -> int:
    """The live entries of kind ``old`` become ``new``; returns how many."""
    e = m.CatalogueEntry
    done = session.execute(update(e).where(e.kind == old, e.deleted.is_(False)).values(kind=new, updated_at=utcnow()))
    return int(getattr(done, "rowcount", 0) or 0)


def rename_kind(uow: UnitOfWork, kind_id: str, name: str) -> int:
    """Rename a kind and its entries with it; returns how many entries were renamed."""
    new = written_text(name)
    if not new:
        raise ValidationError({"name": "種類の名前を入力してください。"})
    if len(new) > MAX_KIND_LEN:
        raise ValidationError({"name": f"種類は{MAX_KIND_LEN}文字以内にしてください（{len(new)}文字）。"})
    with uow:
        s = uow.session
        row = live_row(uow, m.CatalogueKind, kind_id, _MISSING)
        clash = known_kind([n for n in kind_names(s) if n != row.name], new)
        if clash is not None:
            raise ValidationError({"name": f"種類「{clash}」はすでにあります。"})
        old = row.name
        if old == new:
            return 0
        row.name, row.updated_at = new, utcnow()
        moved = _retag(s, old, new)
        uow.commit()
        return moved


def delete_kind(uow: UnitOfWork, kind_id: str, move_to: str | None = None) -> int:
    """Delete a kind from the list. While entries use it, refused unless ``move_to`` names another
    listed kind: its entries move there first. Returns how many entries moved."""
    with uow:
        s = uow.session
        row = live_row(uow, m.CatalogueKind, kind_id, _MISSING)
        e = m.CatalogueEntry
        used = int(s.scalar(select(func.count()).where(e.kind == row.name, e.deleted.is_(False))) or 0)
        target = known_kind([n for n in kind_names(s) if n != row.name], move_to) if move_to else None
        if used and target is None:
            where = f"移し先の種類「{move_to}」は一覧にありません。" if move_to else ""
            raise ValidationError({"kind": f"{where}種類「{row.name}」は{used:,}件の地域資源で使われているため削除できません。"
                                           "先にそれらを別の種類に移してください。"})
        moved = _retag(s, row.name, target) if used and target else 0
        row.deleted, row.updated_at = True, utcnow()
        uow.commit()
        return moved
