"""sync: change log, entries, heads, peers, files, mute flag and capture triggers

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 10:00:00

Hand-written. Creates the sync bookkeeping tables (db/models/sync.py), installs the capture
triggers on every synced table (db/change_capture.py) and records the rows already present as
pending inserts, so a database that had data before sync exports all of it.
Any later migration that adds a synced table or column must call
``change_capture.install_triggers`` again (a test checks every synced table has its triggers).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sasaeai_desktop.db import change_capture

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _raw():
    return op.get_bind().connection.dbapi_connection


def upgrade() -> None:
    op.create_table(
        "sync_change",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=1), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_change")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_sync_change_tbl_row_id", "sync_change", ["tbl", "row_id"], unique=False)
    op.create_table(
        "sync_entry",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("hlc", sa.Integer(), nullable=False),
        sa.Column("vv", sa.Text(), nullable=False),
        sa.Column("first_seq", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("applied_ms", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_entry")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_sync_entry_origin_counter", "sync_entry", ["origin", "counter"], unique=True)
    op.create_index("ix_sync_entry_first_seq", "sync_entry", ["first_seq"], unique=False)
    op.create_table(
        "sync_head",
        sa.Column("tbl", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("entry", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("tbl", "row_id", "field", "entry", name=op.f("pk_sync_head")),
    )
    op.create_table(
        "sync_peer",
        sa.Column("replica_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("acked", sa.Text(), nullable=False),
        sa.Column("last_in_at", sa.DateTime(), nullable=True),
        sa.Column("last_out_at", sa.DateTime(), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("replica_id", name=op.f("pk_sync_peer")),
    )
    op.create_table(
        "sync_file",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("peer", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=260), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", "direction", name=op.f("pk_sync_file")),
    )
    op.create_table(
        "sync_mute",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_mute")),
    )
    db = _raw()
    for table, cols in change_capture.synced_tables(db).items():
        db.execute(change_capture.backfill_sql(table, cols, change_capture.real_columns(db, table)))
    change_capture.install_triggers(db)


def downgrade() -> None:
    change_capture.drop_triggers(_raw())
    for table in ("sync_mute", "sync_file", "sync_peer", "sync_head"):
        op.drop_table(table)
    op.drop_index("ix_sync_entry_first_seq", table_name="sync_entry")
    op.drop_index("ix_sync_entry_origin_counter", table_name="sync_entry")
    op.drop_table("sync_entry")
    op.drop_index("ix_sync_change_tbl_row_id", table_name="sync_change")
    op.drop_table("sync_change")
