"""search: every indexed column ends with two newlines (1–2 character words through the index)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 02:10:00

Hand-written. The triggers and documents of ``search_fts`` change (db/search_index.py ``PAD``):
each character of a column now starts a trigram, so services/activities/search.py finds a 1–2 character
word through the trigrams that begin with it instead of reading every document. The triggers
are re-installed and every document re-created (``search_index.rebuild``); ``search_fts_vocab``
(fts5vocab over the index, no storage of its own) lists the trigrams.
"""

from __future__ import annotations

from alembic import op

from sasaeai_desktop.db import search_index

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _raw():
    return op.get_bind().connection.dbapi_connection


def upgrade() -> None:
    db = _raw()
    db.execute(search_index.CREATE_VOCAB)
    search_index.rebuild(db)


def downgrade() -> None:
    # The padded documents are found by every query 0003 knew; only the vocabulary goes.
    _raw().execute(f"DROP TABLE IF EXISTS {search_index.VOCAB}")
