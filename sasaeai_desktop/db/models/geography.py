"""Prefectures, municipalities and the regions (圏域・ブロック) that group them."""

from sqlalchemy import Float
from sqlalchemy import ForeignKey
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from .base import UUID_LEN
from .base import Base
from .base import SoftDeleteMixin
from .base import SyncedMixin


class Prefecture(SyncedMixin, SoftDeleteMixin, Base):
    """都道府県. The id is a UUIDv5 of the code so every laptop creates the same row."""

    __tablename__ = "prefecture"

    code: Mapped[str] = mapped_column(String(2), index=True)  # '20'
    lg_code: Mapped[str] = mapped_column(String(6))  # '200000' 全国地方公共団体コード
    name: Mapped[str] = mapped_column(String(10))
    kana: Mapped[str] = mapped_column(String(20), default="")


class Municipality(SyncedMixin, SoftDeleteMixin, Base):
    """市町村・特別区・行政区・広域連合: the insurers the prefecture supports."""

    __tablename__ = "municipality"

    prefecture_id: Mapped[str] = mapped_column(ForeignKey("prefecture.id"), index=True)
    code: Mapped[str] = mapped_column(String(6), index=True)  # 6 digits incl. check digit
    name: Mapped[str] = mapped_column(String(40), index=True)
    kana: Mapped[str] = mapped_column(String(80), default="", index=True)
    kind: Mapped[str] = mapped_column(String(8))  # domain.vocab.MUNICIPALITY_KINDS
    county: Mapped[str] = mapped_column(String(20), default="")  # 郡名
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("municipality.id"), index=True)  # ward → city
    designated_city: Mapped[bool] = mapped_column(default=False)
    population: Mapped[int | None] = mapped_column(Integer)
    aging_rate: Mapped[float | None] = mapped_column(Float)  # 高齢化率 (%)
    daily_life_areas: Mapped[int | None] = mapped_column(Integer)  # 日常生活圏域の数
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    prefecture: Mapped[Prefecture] = relationship()
    parent: Mapped["Municipality | None"] = relationship(remote_side="Municipality.id")


class RegionKind(SyncedMixin, SoftDeleteMixin, Base):
    """保健所圏域, ブロック, 高齢者福祉圏域 ...: each kind partitions the municipalities."""

    __tablename__ = "region_kind"

    name: Mapped[str] = mapped_column(String(40))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Region(SyncedMixin, SoftDeleteMixin, Base):
    __tablename__ = "region"

    kind_id: Mapped[str] = mapped_column(ForeignKey("region_kind.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    kind: Mapped[RegionKind] = relationship()


class RegionMembership(SyncedMixin, SoftDeleteMixin, Base):
    """A municipality's region for one kind (one per kind is a service rule, not a UNIQUE)."""

    __tablename__ = "region_membership"

    region_id: Mapped[str] = mapped_column(ForeignKey("region.id"), index=True)
    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipality.id"), index=True)


__all__ = ["Prefecture", "Municipality", "RegionKind", "Region", "RegionMembership", "UUID_LEN"]
