"""Tables that belong to this database alone and never travel: identity and settings."""

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class LocalMeta(Base):
    """dataset_id, replica_id, prefecture_code ...: facts about this database file."""

    __tablename__ = "local_meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class LocalSetting(Base):
    """User preferences for this database (office name and contact for printouts, date style ...)."""

    __tablename__ = "local_setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class LocalHistory(Base):
    """The audit trail (変更履歴) of change rows folded by compaction (services/sync_compact.py).

    Folding keeps a change row's place and the names of the fields it wrote in ``sync_change``
    (what merging needs) and moves what it wrote here: never put in an exchange file, only read
    by ``services.sync.field_history``. ``data`` is what the change row held.
    """

    __tablename__ = "local_history"
    __table_args__ = (Index("ix_local_history_tbl_row_id", "tbl", "row_id"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)  # the change row's seq
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(1))
    origin: Mapped[str] = mapped_column(String(36))
    at: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)
