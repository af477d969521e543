"""sync: compaction's history table

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 03:30:00

Hand-written. Compaction (services/sync_compact.py) folds the change rows every waited-for
replica holds: a folded row keeps its place and the names of the fields it wrote, and what it
wrote moves to ``local_history`` (the audit trail 変更履歴 reads; never in an exchange file).
Nothing is folded by the migration itself: the first compaction does it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "local_history",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=1), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("at", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_local_history")),
    )
    op.create_index("ix_local_history_tbl_row_id", "local_history", ["tbl", "row_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_local_history_tbl_row_id", table_name="local_history")
    op.drop_table("local_history")
