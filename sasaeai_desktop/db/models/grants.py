"""補助金・モデル事業: the funding a prefecture gives a municipality in a 年度, and the visits and
training events it was discussed or reported at."""

import datetime as dt

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


class Grant(SyncedMixin, SoftDeleteMixin, Base):
    """One program's funding of one municipality in one 年度. Its status is derived from the dates
    (domain/grants.grant_status), so it has no column."""

    __tablename__ = "grant_record"  # 'grant' is an SQL keyword

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipality.id"), index=True)
    fiscal_year: Mapped[int] = mapped_column(Integer, index=True)
    program: Mapped[str] = mapped_column(String(200))  # 事業名
    kind: Mapped[str] = mapped_column(String(12))  # domain.grants.GRANT_KINDS
    amount_decided: Mapped[int | None] = mapped_column(Integer)  # 交付決定額, yen
    amount_paid: Mapped[int | None] = mapped_column(Integer)  # 支払額, yen
    purpose: Mapped[str] = mapped_column(Text, default="")  # 使途
    applied_on: Mapped[dt.date | None] = mapped_column(Date)  # 申請日
    decided_on: Mapped[dt.date | None] = mapped_column(Date)  # 交付決定日
    report_due: Mapped[dt.date | None] = mapped_column(Date, index=True)  # 実績報告期限
    report_received: Mapped[dt.date | None] = mapped_column(Date)  # 実績報告受理日
    notes: Mapped[str] = mapped_column(Text, default="")

    municipality: Mapped[Municipality] = relationship()


class GrantLink(SyncedMixin, SoftDeleteMixin, Base):
    """A visit or a training event the grant belongs with (exactly one of the two is set).

    Rows rather than an id list in a column: two officers linking a visit each on their own laptop
    add two rows, which sync merges without a conflict; two edits of one list field would conflict."""

    __tablename__ = "grant_link"

    grant_id: Mapped[str] = mapped_column(ForeignKey("grant_record.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"), index=True)
    event_id: Mapped[str | None] = mapped_column(ForeignKey("training_event.id"), index=True)
