"""catalogue of local activities and resources (地域資源・活動事例): kinds, entries, photos

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 16:00:00

Hand-written. Three synced tables (services/catalogue): ``catalogue_kind`` — the editable list of
種類, seeded here; ``catalogue_entry`` — one activity or place; ``catalogue_photo`` — up to 3 JPEG
photos per entry as base64 text (a BLOB cannot go into the sync triggers' JSON), the image columns
last so that reading a photo's other columns never touches the image's overflow pages.

The kinds are seeded in a database already set up (a prefecture chosen); a new one gets them from
``sasaeai init`` (services/setup.py), and a laptop enrolled from a snapshot gets the office's rows.
Their ids are fixed (UUIDv5 of the name, the same as ``services.catalogue.kinds``) and they are
written before the capture triggers are reinstalled, so they are not recorded as changes: every
replica already set up creates the same rows here, and a later edit merges onto the same row.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

from sasaeai_desktop.db import change_capture

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Frozen here: a later change of the program's defaults must not change what this revision wrote.
SEEDED_KINDS = ("通いの場", "居場所", "見守り", "移動支援", "買い物支援", "配食", "有償ボランティア", "サロン")
_NAMESPACE = uuid.UUID("5d0c7d0e-3a4b-5c6d-8e9f-0a1b2c3d4e5f")


def seeded_kind_id(name: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "catalogue_kind:" + name))


def _raw():
    return op.get_bind().connection.dbapi_connection


def _synced() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
    ]


def upgrade() -> None:
    kind = op.create_table(
        "catalogue_kind",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        *_synced(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_kind")),
    )
    op.create_table(
        "catalogue_entry",
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("municipality_id", sa.String(length=36), nullable=False),
        sa.Column("area", sa.String(length=80), nullable=False),
        sa.Column("organiser", sa.String(length=120), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("schedule", sa.String(length=120), nullable=False),
        sa.Column("frequency", sa.String(length=60), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("cost", sa.String(length=80), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("contact_consent", sa.Boolean(), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("tags", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("visit_id", sa.String(length=36), nullable=True),
        sa.Column("consultation_id", sa.String(length=36), nullable=True),
        sa.Column("event_id", sa.String(length=36), nullable=True),
        sa.Column("publishable", sa.Boolean(), nullable=False),
        sa.Column("info_date", sa.Date(), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(["municipality_id"], ["municipality.id"], name=op.f("fk_catalogue_entry_municipality_id_municipality")),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], name=op.f("fk_catalogue_entry_visit_id_visit")),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultation.id"], name=op.f("fk_catalogue_entry_consultation_id_consultation")),
        sa.ForeignKeyConstraint(["event_id"], ["training_event.id"], name=op.f("fk_catalogue_entry_event_id_training_event")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_entry")),
    )
    for col in ("name", "kind", "municipality_id", "visit_id", "consultation_id", "event_id"):
        op.create_index(op.f(f"ix_catalogue_entry_{col}"), "catalogue_entry", [col], unique=False)
    op.create_table(
        "catalogue_photo",
        sa.Column("entry_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("caption", sa.String(length=200), nullable=False),
        sa.Column("alt_text", sa.String(length=200), nullable=False),
        sa.Column("publish_consent", sa.Boolean(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        *_synced(),
        sa.Column("thumbnail", sa.Text(), nullable=False),
        sa.Column("image", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["catalogue_entry.id"], name=op.f("fk_catalogue_photo_entry_id_catalogue_entry")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_photo")),
    )
    op.create_index(op.f("ix_catalogue_photo_entry_id"), "catalogue_photo", ["entry_id"], unique=False)
    if op.get_bind().exec_driver_sql("SELECT 1 FROM prefecture LIMIT 1").first() is not None:
        op.bulk_insert(kind, [{"id": seeded_kind_id(n), "name": n, "sort_order": i} for i, n in enumerate(SEEDED_KINDS)])
    change_capture.install_triggers(_raw())


def downgrade() -> None:
    db = _raw()
    change_capture.drop_triggers(db)
    op.drop_index(op.f("ix_catalogue_photo_entry_id"), table_name="catalogue_photo")
    op.drop_table("catalogue_photo")
    for col in ("name", "kind", "municipality_id", "visit_id", "consultation_id", "event_id"):
        op.drop_index(op.f(f"ix_catalogue_entry_{col}"), table_name="catalogue_entry")
    op.drop_table("catalogue_entry")
    op.drop_table("catalogue_kind")
    change_capture.install_triggers(_raw())
