"""outreach events (普及啓発): public attendance counts on training_event, and event_media

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 17:00:00

Hand-written. A forum or seminar for the public is a training event; what it lacked is how many
came (counts only, no names: 一般参加者数, うち住民, うち関係者) and what was produced for it
(チラシ, 動画, DVD, 情報誌 … with a URL or a file path). The counts are three nullable columns
on ``training_event`` (per event, not per 日程: see the model; NULL = not recorded). ``event_media``
holds one row per item, so items added on two laptops merge. Both are synced: the capture
triggers, which name every column, are reinstalled.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sasaeai_desktop.db import change_capture

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_COUNTS = ("public_attendance", "public_residents", "public_professionals")


def _raw():
    return op.get_bind().connection.dbapi_connection


def upgrade() -> None:
    change_capture.drop_triggers(_raw())
    for name in _COUNTS:
        op.add_column("training_event", sa.Column(name, sa.Integer(), nullable=True))
    op.create_table(
        "event_media",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("link", sa.String(length=1000), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["training_event.id"], name=op.f("fk_event_media_event_id_training_event")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_media")),
    )
    with op.batch_alter_table("event_media", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_media_event_id"), ["event_id"], unique=False)
    change_capture.install_triggers(_raw())


def downgrade() -> None:
    change_capture.drop_triggers(_raw())
    with op.batch_alter_table("event_media", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_media_event_id"))
    op.drop_table("event_media")
    with op.batch_alter_table("training_event", schema=None) as batch_op:
        for name in reversed(_COUNTS):
            batch_op.drop_column(name)
    change_capture.install_triggers(_raw())
