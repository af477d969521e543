"""Per-fiscal-year municipality status (the 京都府 市町村間情報交換用シート, handbook p.57)."""

import datetime as dt

from sqlalchemy import Boolean
from sqlalchemy import Date
from sqlalchemy import ForeignKey
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from .base import Base
from .base import SoftDeleteMixin
from .base import SyncedMixin
from .geography import Municipality

# 総合事業 service types; each has "present?" and a one-line description column.
SERVICE_TYPES: tuple[str, ...] = (
    "houmon_a", "houmon_b", "houmon_c", "houmon_d",
    "tsusho_a", "tsusho_b", "tsusho_c",
    "ippan_yobo",
)


class MunicipalityStatus(SyncedMixin, SoftDeleteMixin, Base):
    """One municipality in one 年度. One row per (municipality, 年度) is a service rule."""

    __tablename__ = "municipality_status"

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipality.id"), index=True)
    fiscal_year: Mapped[int] = mapped_column(Integer, index=True)
    # 総合事業
    transition_date: Mapped[dt.date | None] = mapped_column(Date)  # 移行時期
    transition_note: Mapped[str] = mapped_column(String(200), default="")
    # 第1層 生活支援コーディネーター
    sc1_placed: Mapped[bool | None] = mapped_column(Boolean)
    sc1_entrusted_to: Mapped[str] = mapped_column(String(200), default="")  # 委託先 (直営 when empty)
    sc1_since: Mapped[dt.date | None] = mapped_column(Date)
    sc1_count: Mapped[int | None] = mapped_column(Integer)
    # 第2層 生活支援コーディネーター: placed in n of m 日常生活圏域
    sc2_placed_areas: Mapped[int | None] = mapped_column(Integer)
    sc2_total_areas: Mapped[int | None] = mapped_column(Integer)
    sc2_note: Mapped[str] = mapped_column(String(200), default="")
    # 第1層 協議体
    council1_established: Mapped[bool | None] = mapped_column(Boolean)
    council1_since: Mapped[dt.date | None] = mapped_column(Date)
    council1_meetings_per_year: Mapped[int | None] = mapped_column(Integer)
    # 第2層 協議体
    council2_established_areas: Mapped[int | None] = mapped_column(Integer)
    council2_total_areas: Mapped[int | None] = mapped_column(Integer)
    council2_note: Mapped[str] = mapped_column(String(200), default="")  # 既存会議を活用し検討中 ...
    # 総合事業のサービス類型
    houmon_a: Mapped[bool | None] = mapped_column(Boolean)
    houmon_a_note: Mapped[str] = mapped_column(String(200), default="")
    houmon_b: Mapped[bool | None] = mapped_column(Boolean)
    houmon_b_note: Mapped[str] = mapped_column(String(200), default="")
    houmon_c: Mapped[bool | None] = mapped_column(Boolean)
    houmon_c_note: Mapped[str] = mapped_column(String(200), default="")
    houmon_d: Mapped[bool | None] = mapped_column(Boolean)
    houmon_d_note: Mapped[str] = mapped_column(String(200), default="")
    tsusho_a: Mapped[bool | None] = mapped_column(Boolean)
    tsusho_a_note: Mapped[str] = mapped_column(String(200), default="")
    tsusho_b: Mapped[bool | None] = mapped_column(Boolean)
    tsusho_b_note: Mapped[str] = mapped_column(String(200), default="")
    tsusho_c: Mapped[bool | None] = mapped_column(Boolean)
    tsusho_c_note: Mapped[str] = mapped_column(String(200), default="")
    ippan_yobo: Mapped[bool | None] = mapped_column(Boolean)
    ippan_yobo_note: Mapped[str] = mapped_column(String(200), default="")
    # 推進段階 ①②③ and free text
    stage: Mapped[int | None] = mapped_column(Integer)
    strengths: Mapped[str] = mapped_column(Text, default="")  # 地域の強み
    issues: Mapped[str] = mapped_column(Text, default="")  # 課題
    support_wanted: Mapped[str] = mapped_column(Text, default="")  # 県に求める支援
    source: Mapped[str] = mapped_column(String(40), default="")  # 入力 / 調査票 / 前年度から複写
    as_of: Mapped[dt.date | None] = mapped_column(Date)  # 時点

    municipality: Mapped[Municipality] = relationship()
