"""person: the indexes on organisation_id and merged_into_id hold only rows that have one

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 09:10:00

Hand-written. Almost every person has neither an organisation link nor a merge pointer, so both
indexes were one entry per person, all NULL. As partial indexes (``WHERE … IS NOT NULL``) they
answer every lookup by value as before (``= ?`` and ``IN`` imply NOT NULL), cost nothing to keep
for a new person (a 50,000-person import: ~50 ms less of ~0.7 s writing), and the people count of
the dashboard (``merged_into_id IS NULL``), which used to walk the whole index, scans the table
instead (demo scale 20: 10 → 7 ms).
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = ("organisation_id", "merged_into_id")


def upgrade() -> None:
    for col in COLUMNS:
        op.drop_index(f"ix_person_{col}", table_name="person")
        op.create_index(f"ix_person_{col}", "person", [col], unique=False, sqlite_where=text(f"{col} IS NOT NULL"))


def downgrade() -> None:
    for col in COLUMNS:
        op.drop_index(f"ix_person_{col}", table_name="person")
        op.create_index(f"ix_person_{col}", "person", [col], unique=False)
