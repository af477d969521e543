"""training_event.session_structure and the certificate table (numbers kept once issued)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 21:00:00

Hand-written. ``session_structure`` says how an event's sessions relate: 'course' (parts of one
course: a 修了証書 needs every required part), 'alternatives' (the same content on several
dates: one is enough) or 'series' (each session its own unit). Until now a registration tied to
one session needed only that session, which is right for alternatives and wrong for a course.

Existing events: an event with several sessions whose every live registration is tied to one
session (見学 A/B/C, 会場別) was being run as alternatives and becomes 'alternatives'; every other
event becomes 'course' (for an event with one session the two read the same). The update runs
after the capture triggers are reinstalled, so it is recorded and travels like an edit: replicas
that decided alike agree, ones that did not show a conflict instead of differing silently.

``certificate``: one row per (event, person) once a certificate has been printed, holding its
number (第N号, per event from 1). See docs/certificates.md.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sasaeai_desktop.db import change_capture

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _raw():
    return op.get_bind().connection.dbapi_connection


def upgrade() -> None:
    op.add_column(
        "training_event",
        sa.Column("session_structure", sa.String(length=12), server_default="course", nullable=False),
    )
    op.create_table(
        "certificate",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["training_event.id"], name=op.f("fk_certificate_event_id_training_event")),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], name=op.f("fk_certificate_person_id_person")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate")),
    )
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_certificate_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_certificate_person_id"), ["person_id"], unique=False)
    db = _raw()
    change_capture.install_triggers(db)
    db.execute(
        """
        UPDATE training_event SET session_structure = 'alternatives'
        WHERE deleted = 0
          AND (SELECT count(*) FROM training_session s WHERE s.event_id = training_event.id AND s.deleted = 0) > 1
          AND EXISTS (SELECT 1 FROM registration r WHERE r.event_id = training_event.id AND r.deleted = 0
                      AND r.status != 'キャンセル')
          AND NOT EXISTS (SELECT 1 FROM registration r WHERE r.event_id = training_event.id AND r.deleted = 0
                          AND r.status != 'キャンセル' AND r.session_id IS NULL)
        """
    )


def downgrade() -> None:
    db = _raw()
    change_capture.drop_triggers(db)
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificate_person_id"))
        batch_op.drop_index(batch_op.f("ix_certificate_event_id"))
    op.drop_table("certificate")
    with op.batch_alter_table("training_event", schema=None) as batch_op:
        batch_op.drop_column("session_structure")
    change_capture.install_triggers(_raw())
