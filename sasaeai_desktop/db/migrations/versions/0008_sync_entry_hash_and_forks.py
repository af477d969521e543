"""sync: entry content hashes, fork records, and the file that owns the replica id

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 00:00:00

Hand-written. A laptop folder copied (or a backup put back with its side file, or one file handed
to two laptops by a cloud folder) made two databases issue the same (replica, counter) for
different edits, and the office skipped the second as "known". Now:

* ``sync_entry.hash`` / ``prev``: the content identity of an entry (and of its predecessor), set
  by the replica that seals it and carried in the exchange file's entries. Entries sealed before
  this migration keep NULL (they are compared by number, as before); they are not backfilled
  because a receiver re-serialises change rows, and a hash computed from two spellings of the same
  entry would raise false alarms.
* ``sync_fork``: which branch of a forked replica id continues under which new id.
* ``local_meta.sync_replica_file``: the database file (device, inode / file index, path) that
  owns the replica id, recorded now so a copy made after the upgrade notices it is a copy.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

from sasaeai_desktop.db import change_capture

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _raw():
    return op.get_bind().connection.dbapi_connection


def upgrade() -> None:
    with op.batch_alter_table("sync_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hash", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("prev", sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f("ix_sync_entry_hash"), ["hash"], unique=False)
    op.create_table(
        "sync_fork",
        sa.Column("hash", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=36), nullable=False),
        sa.Column("counter", sa.Integer(), nullable=False),
        sa.Column("new_origin", sa.String(length=36), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("hash", name=op.f("pk_sync_fork")),
    )
    db = _raw()
    row = db.execute("SELECT file FROM pragma_database_list WHERE name = 'main'").fetchone()
    if row and row[0]:
        change_capture.bind_file(db, Path(row[0]))


def downgrade() -> None:
    op.drop_table("sync_fork")
    with op.batch_alter_table("sync_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_entry_hash"))
        batch_op.drop_column("prev")
        batch_op.drop_column("hash")
    op.get_bind().exec_driver_sql("DELETE FROM local_meta WHERE key = 'sync_replica_file'")
