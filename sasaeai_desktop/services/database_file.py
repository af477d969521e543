"""The open database file as the window sees it: facts about it (schema, prefecture, dataset and
replica ids), and the two db/ names the GUI handles (the error it shows when a file cannot be
opened, the type of what ``uow()`` returns) — the GUI may not import db/ itself."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy import text

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.errors import DatabaseOpenError
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.services.setup import META_DATASET
from sasaeai_desktop.services.setup import META_PREFECTURE
from sasaeai_desktop.services.setup import META_REPLICA

__all__ = ["DatabaseFacts", "DatabaseOpenError", "UnitOfWork", "database_facts"]


@dataclass(frozen=True)
class DatabaseFacts:
    schema_revision: str  # Alembic revision, '' before the first migration
    prefecture_code: str
    prefecture_name: str
    dataset_id: str  # shared by every laptop that works on the same data
    replica_id: str  # this copy alone


def database_facts(uow: UnitOfWork) -> DatabaseFacts:
    with uow:
        s = uow.session
        meta = dict(s.execute(select(m.LocalMeta.key, m.LocalMeta.value)).all())
        # alembic_version is not a mapped table; a plain SELECT is the least coupling to Alembic.
        revision = s.execute(text("SELECT version_num FROM alembic_version")).scalar() or ""
        code = meta.get(META_PREFECTURE, "")
        name = s.scalar(select(m.Prefecture.name).where(m.Prefecture.code == code)) if code else None
    return DatabaseFacts(
        schema_revision=str(revision),
        prefecture_code=code,
        prefecture_name=name or "",
        dataset_id=meta.get(META_DATASET, ""),
        replica_id=meta.get(META_REPLICA, ""),
    )
