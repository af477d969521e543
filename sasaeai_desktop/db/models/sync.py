"""Bookkeeping of file-exchange sync (never synced itself): the change log and what peers know.

* ``sync_change``: one row per captured row change (SQLite triggers on every synced table write
  it, whatever wrote the row: ORM, bulk ``insert()``/``update()``, raw SQL). ``data`` is a JSON
  object of the fields written (all of them for an insert, the changed ones plus ``deleted`` for
  an update, the before-image for a hard delete). ``seq`` is the local order.
* ``sync_entry``: one row per transaction batch of one replica (origin, counter, HLC, the version
  vector its writer had seen). Local changes are stamped lazily ("sealed") before any sync step,
  so an entry is a contiguous ``seq`` range of ``sync_change``.
* ``sync_history``: the texts of change rows folded by compaction, compressed in blocks (a folded
  row keeps its place and the names of the fields it wrote; services/sync/compact.py).
* ``sync_head``: the concurrent writes of a field when there is more than one (a multi-value
  register); a field with no rows here has exactly one head: the last change that wrote it.
* ``sync_peer``: every replica known, the highest counter of theirs we hold (our version vector)
  and what they last told us they had seen (their acknowledgement).
* ``sync_file``: exchange files written and read (SHA-256, so a file read twice is a no-op).
* ``sync_mute``: while it holds a row the capture triggers are silent (set inside an import).
* ``sync_fork``: two databases that issued the same (replica, counter) with different content (a
  copied or restored file): the branch named here continues under ``new_origin`` (see
  services/sync/fork.py). Synced through the exchange files' payload, so every replica agrees.
"""

import datetime as dt

from sqlalchemy import Boolean
from sqlalchemy import DateTime
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import LargeBinary
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from .base import Base


class SyncEntry(Base):
    __tablename__ = "sync_entry"
    __table_args__ = (
        Index("ix_sync_entry_origin_counter", "origin", "counter", unique=True),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    origin: Mapped[str] = mapped_column(String(36))
    counter: Mapped[int] = mapped_column(Integer)
    hlc: Mapped[int] = mapped_column(Integer)
    vv: Mapped[str] = mapped_column(Text)  # JSON {replica_id: counter} seen by the writer
    first_seq: Mapped[int] = mapped_column(Integer, index=True)
    last_seq: Mapped[int] = mapped_column(Integer)
    applied_ms: Mapped[int] = mapped_column(Integer)
    # content identity fixed by the replica that sealed it, and its predecessor's (None: sealed
    # before migration 0008 or read from an older program's file)
    hash: Mapped[str | None] = mapped_column(String(32), index=True)
    prev: Mapped[str | None] = mapped_column(String(32))
    # its change rows were folded by compaction (their texts are in sync_history)
    folded: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("0"))


class SyncChange(Base):
    __tablename__ = "sync_change"
    __table_args__ = (
        Index("ix_sync_change_tbl_row_id", "tbl", "row_id"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(1))  # I U D
    data: Mapped[str] = mapped_column(Text)
    at: Mapped[int] = mapped_column(Integer)  # wall clock ms when captured


class SyncHistory(Base):
    """What folded change rows held (services/sync/compact.py): ``data`` is zlib-compressed JSON
    ``[[seq, text], ...]`` of the rows folded together, ``text`` as the change row held it."""

    __tablename__ = "sync_history"

    first_seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer, index=True)
    rows: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SyncHead(Base):
    __tablename__ = "sync_head"

    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(60), primary_key=True)
    entry: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class SyncPeer(Base):
    __tablename__ = "sync_peer"

    replica_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    counter: Mapped[int] = mapped_column(Integer, default=0)
    acked: Mapped[str] = mapped_column(Text, default="{}")
    last_in_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_out_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncFile(Base):
    __tablename__ = "sync_file"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    direction: Mapped[str] = mapped_column(String(3), primary_key=True)  # in / out
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    peer: Mapped[str] = mapped_column(String(36), default="")
    name: Mapped[str] = mapped_column(String(260), default="")
    entries: Mapped[int] = mapped_column(Integer, default=0)
    bytes: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[str] = mapped_column(Text, default="")


class SyncFork(Base):
    __tablename__ = "sync_fork"

    hash: Mapped[str] = mapped_column(String(32), primary_key=True)  # first entry of the moved branch
    origin: Mapped[str] = mapped_column(String(36))  # the replica id both branches used
    counter: Mapped[int] = mapped_column(Integer)  # where they part
    new_origin: Mapped[str] = mapped_column(String(36))
    found_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SyncMute(Base):
    __tablename__ = "sync_mute"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)


__all__ = ["SyncChange", "SyncEntry", "SyncFile", "SyncFork", "SyncHead", "SyncMute", "SyncPeer"]
