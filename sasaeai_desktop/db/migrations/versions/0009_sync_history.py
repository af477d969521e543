"""sync: compaction's history blocks and folded entries

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 03:30:00

Hand-written. Compaction (services/sync/compact.py) folds the change rows of entries every
waited-for replica holds: a folded row keeps its place and the names of the fields it wrote (all
a merge needs), and the text it held moves, compressed in blocks, to ``sync_history`` — read by
変更履歴 and by a file for a laptop that still lacks the entry, so nothing is ever out of reach.
``sync_entry.folded`` marks the entries whose rows were folded (a file for everyone leaves them
out). Nothing is folded by the migration itself: the first compaction does it.
"""

from __future__ import annotations

import json
import zlib

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("folded", sa.Boolean(), server_default=sa.text("0"), nullable=False))
    op.create_table(
        "sync_history",
        sa.Column("first_seq", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("first_seq", name=op.f("pk_sync_history")),
    )
    op.create_index(op.f("ix_sync_history_last_seq"), "sync_history", ["last_seq"], unique=False)


def downgrade() -> None:
    # an older program reads values from the change rows: put the folded texts back first
    conn = op.get_bind()
    for (blob,) in conn.exec_driver_sql("SELECT data FROM sync_history").fetchall():
        texts = [(text, seq) for seq, text in json.loads(zlib.decompress(blob))]
        if texts:  # an empty list would run the UPDATE once, without its values
            conn.exec_driver_sql("UPDATE sync_change SET data = ? WHERE seq = ?", texts)
    op.drop_index(op.f("ix_sync_history_last_seq"), table_name="sync_history")
    op.drop_table("sync_history")
    with op.batch_alter_table("sync_entry", schema=None) as batch_op:
        batch_op.drop_column("folded")
