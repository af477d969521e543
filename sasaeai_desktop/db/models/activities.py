"""Contacts with municipalities: visits, consultations, advisor dispatches, follow-up tasks."""

import datetime as dt

from sqlalchemy import Boolean
from sqlalchemy import Date
from sqlalchemy import ForeignKey
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import Time
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from .base import Base
from .base import SoftDeleteMixin
from .base import SyncedMixin
from .geography import Municipality
from .people import Advisor
from .people import Person


class Visit(SyncedMixin, SoftDeleteMixin, Base):
    """訪問・助言: a field visit with what was seen, the issues, the advice given."""

    __tablename__ = "visit"

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipality.id"), index=True)
    visit_date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    place: Mapped[str] = mapped_column(String(200), default="")
    purpose_category: Mapped[str] = mapped_column(String(40), default="")  # domain.vocab.VISIT_PURPOSES
    purpose: Mapped[str] = mapped_column(Text, default="")
    observations: Mapped[str] = mapped_column(Text, default="")  # 把握した状況
    issues: Mapped[str] = mapped_column(Text, default="")  # 課題
    advice: Mapped[str] = mapped_column(Text, default="")  # 助言内容
    next_visit_date: Mapped[dt.date | None] = mapped_column(Date)
    next_visit_note: Mapped[str] = mapped_column(String(200), default="")
    is_draft: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[str] = mapped_column(String(80), default="")

    municipality: Mapped[Municipality] = relationship()


class VisitParticipant(SyncedMixin, SoftDeleteMixin, Base):
    """Who went (県, アドバイザー) and who attended from the municipality."""

    __tablename__ = "visit_participant"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visit.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    side: Mapped[str] = mapped_column(String(12))  # prefecture / advisor / municipality
    role: Mapped[str] = mapped_column(String(40), default="")

    person: Mapped[Person] = relationship()


class Consultation(SyncedMixin, SoftDeleteMixin, Base):
    """相談対応: an inquiry from a municipality or coordinator and the answer given."""

    __tablename__ = "consultation"

    received_date: Mapped[dt.date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(10), default="")  # 電話 メール 来所 訪問時
    municipality_id: Mapped[str | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), index=True)
    from_name: Mapped[str] = mapped_column(String(80), default="")  # when no person record
    topics: Mapped[str] = mapped_column(String(200), default="")  # categories, '、'-separated
    question: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    referred_advisor_id: Mapped[str | None] = mapped_column(ForeignKey("advisor.id"), index=True)
    is_closed: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_date: Mapped[dt.date | None] = mapped_column(Date)
    handled_by: Mapped[str] = mapped_column(String(80), default="")

    municipality: Mapped[Municipality | None] = relationship()
    person: Mapped[Person | None] = relationship()


class Dispatch(SyncedMixin, SoftDeleteMixin, Base):
    """アドバイザー派遣: an advisor sent to a municipality for a purpose."""

    __tablename__ = "dispatch"

    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipality.id"), index=True)
    requested_by: Mapped[str] = mapped_column(String(12), default="municipality")  # municipality / prefecture
    request_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    purpose_category: Mapped[str] = mapped_column(String(40), default="")  # 勉強会講師, ファシリテーション ...
    purpose: Mapped[str] = mapped_column(Text, default="")
    payer: Mapped[str] = mapped_column(String(10), default="県")  # 県 / 市町村
    outcome: Mapped[str] = mapped_column(Text, default="")  # 実施報告
    status: Mapped[str] = mapped_column(String(10), default="依頼")  # 依頼 調整中 実施済 中止

    municipality: Mapped[Municipality] = relationship()


class DispatchAdvisor(SyncedMixin, SoftDeleteMixin, Base):
    __tablename__ = "dispatch_advisor"

    dispatch_id: Mapped[str] = mapped_column(ForeignKey("dispatch.id"), index=True)
    advisor_id: Mapped[str] = mapped_column(ForeignKey("advisor.id"), index=True)

    advisor: Mapped[Advisor] = relationship()


class DispatchDate(SyncedMixin, SoftDeleteMixin, Base):
    __tablename__ = "dispatch_date"

    dispatch_id: Mapped[str] = mapped_column(ForeignKey("dispatch.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    venue: Mapped[str] = mapped_column(String(200), default="")


class FollowUpTask(SyncedMixin, SoftDeleteMixin, Base):
    """An agreed next step, owned by someone, with a due date."""

    __tablename__ = "follow_up_task"

    municipality_id: Mapped[str | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"), index=True)
    consultation_id: Mapped[str | None] = mapped_column(ForeignKey("consultation.id"), index=True)
    dispatch_id: Mapped[str | None] = mapped_column(ForeignKey("dispatch.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    details: Mapped[str] = mapped_column(Text, default="")
    owner_person_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"), index=True)
    owner_name: Mapped[str] = mapped_column(String(80), default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    done_date: Mapped[dt.date | None] = mapped_column(Date)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
