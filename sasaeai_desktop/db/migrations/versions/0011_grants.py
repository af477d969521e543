"""grants: 補助金・モデル事業 per municipality and 年度, and the visits and events they belong with

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 16:00:00

Hand-written. ``grant_record`` holds one program's funding of one municipality in one 年度 (amounts
in yen, the four dates); its status is derived from the dates (domain/grants.py says why), so it has
no column. ``grant_link`` ties a grant to a visit or a training event, one row each, so that links
added on two laptops merge without a conflict. Both are synced: the capture triggers are
reinstalled for them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sasaeai_desktop.db import change_capture

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _raw():
    return op.get_bind().connection.dbapi_connection


def _synced_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "grant_record",
        sa.Column("municipality_id", sa.String(length=36), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("program", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("amount_decided", sa.Integer(), nullable=True),
        sa.Column("amount_paid", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("report_due", sa.Date(), nullable=True),
        sa.Column("report_received", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *_synced_columns(),
        sa.ForeignKeyConstraint(["municipality_id"], ["municipality.id"],
                                name=op.f("fk_grant_record_municipality_id_municipality")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grant_record")),
    )
    with op.batch_alter_table("grant_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grant_record_municipality_id"), ["municipality_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_grant_record_fiscal_year"), ["fiscal_year"], unique=False)
        batch_op.create_index(batch_op.f("ix_grant_record_report_due"), ["report_due"], unique=False)
    op.create_table(
        "grant_link",
        sa.Column("grant_id", sa.String(length=36), nullable=False),
        sa.Column("visit_id", sa.String(length=36), nullable=True),
        sa.Column("event_id", sa.String(length=36), nullable=True),
        *_synced_columns(),
        sa.ForeignKeyConstraint(["grant_id"], ["grant_record.id"], name=op.f("fk_grant_link_grant_id_grant_record")),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], name=op.f("fk_grant_link_visit_id_visit")),
        sa.ForeignKeyConstraint(["event_id"], ["training_event.id"], name=op.f("fk_grant_link_event_id_training_event")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_grant_link")),
    )
    with op.batch_alter_table("grant_link", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_grant_link_grant_id"), ["grant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_grant_link_visit_id"), ["visit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_grant_link_event_id"), ["event_id"], unique=False)
    change_capture.install_triggers(_raw())


def downgrade() -> None:
    change_capture.drop_triggers(_raw())
    op.drop_table("grant_link")
    op.drop_table("grant_record")
    change_capture.install_triggers(_raw())
