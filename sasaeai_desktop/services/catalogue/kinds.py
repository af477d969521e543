"""The editable list of 種類 (通いの場, サロン …). An entry stores the kind's name as text, so a
renamed or deleted kind leaves the entries as they were written; the list offers the choices and
an import adds the kinds a file names that the list does not have yet."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.domain.names import written_text

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
