"""search: FTS5 (trigram) index over visits, consultations and dispatches, kept by triggers

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 12:00:00

Hand-written. Creates the ``search_fts`` virtual table, the ``search_*`` triggers on visit,
consultation and dispatch, and indexes the rows already present (db/search_index.py). The index
is local derived data: no synced table is added, so the sync triggers need no re-installation.
"""

from __future__ import annotations

from alembic import op

from sasaeai_desktop.db import search_index

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _raw():
    return op.get_bind().connection.dbapi_connection


def upgrade() -> None:
    search_index.create(_raw())


def downgrade() -> None:
    search_index.drop(_raw())
