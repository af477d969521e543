"""outreach events: the municipality an event was held in (training_event.host_municipality_id)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 19:00:00

Hand-written. The dashboard counts a 年度's outreach (普及啓発) by 圏域 as it counts the
municipalities' progress; an event is prefecture-wide data, so where it was held (開催市町村) is
what places it in a region. One nullable column: NULL = not recorded. SQLite adds a column with a
REFERENCES clause in place (no table copy), and the capture triggers, which name every column,
are reinstalled so the new field syncs.
"""

from __future__ import annotations

from alembic import op

from sasaeai_desktop.db import change_capture

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _raw():
    return op.get_bind().connection.dbapi_connection


def upgrade() -> None:
    change_capture.drop_triggers(_raw())
    op.execute("ALTER TABLE training_event ADD COLUMN host_municipality_id VARCHAR(36) "
               "CONSTRAINT fk_training_event_host_municipality_id_municipality REFERENCES municipality (id)")
    op.create_index("ix_training_event_host_municipality_id", "training_event", ["host_municipality_id"], unique=False)
    change_capture.install_triggers(_raw())


def downgrade() -> None:
    change_capture.drop_triggers(_raw())
    op.drop_index("ix_training_event_host_municipality_id", table_name="training_event")
    with op.batch_alter_table("training_event", schema=None) as batch_op:
        batch_op.drop_column("host_municipality_id")
    change_capture.install_triggers(_raw())
