"""Tables that belong to this database alone and never travel: identity and settings."""

from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

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
