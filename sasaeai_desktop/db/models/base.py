"""Declarative base and the columns every synchronised table shares.

Every row that can travel between laptops has a UUID primary key (text, so the
database stays readable in any SQLite browser) and no UNIQUE constraint on a
natural key: two laptops may create the same thing and sync must merge them
rather than let file order decide who survives (see shared/sync-design.md).
"""

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Boolean
from sqlalchemy import DateTime
from sqlalchemy import MetaData
from sqlalchemy import String
from sqlalchemy import func
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from sasaeai_desktop.domain.ids import new_id

# Stable constraint names keep Alembic's batch mode (SQLite table rebuilds) predictable.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

UUID_LEN = 36


def system_utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# The clock rows are stamped with (created_at, updated_at). Those stamps go into the sync
# entries' hashes, which decide which branch of a fork moves: the sync state machine sets a clock
# of its own here so that a failing example replays.
clock: Callable[[], dt.datetime] = system_utcnow


def utcnow() -> dt.datetime:
    return clock()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SyncedMixin:
    """Columns of a row that is exchanged between replicas."""

    id: Mapped[str] = mapped_column(String(UUID_LEN), primary_key=True, default=new_id)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, server_default=func.current_timestamp())
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )


class SoftDeleteMixin:
    """Rows others point at are never removed, only marked (a delete merges like a field)."""

    # Not indexed on purpose: a boolean index is useless for filtering, and without ANALYZE
    # statistics SQLite preferred it over the foreign-key index (4.6 s instead of 5 ms on a list).
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0", nullable=False)
