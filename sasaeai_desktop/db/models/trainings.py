"""Training events (研修・情報交換会・現地見学 ...), their sessions, registrations and attendance."""

import datetime as dt

from sqlalchemy import Boolean
from sqlalchemy import Date
from sqlalchemy import DateTime
from sqlalchemy import ForeignKey
from sqlalchemy import Index
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
from .people import Advisor
from .people import Person


class TrainingEvent(SyncedMixin, SoftDeleteMixin, Base):
    __tablename__ = "training_event"

    fiscal_year: Mapped[int] = mapped_column(Integer, index=True)
    event_type: Mapped[str] = mapped_column(String(30))  # domain.vocab.EVENT_TYPES
    title: Mapped[str] = mapped_column(String(200), index=True)
    co_hosts: Mapped[str] = mapped_column(String(200), default="")  # 共催
    program_notes: Mapped[str] = mapped_column(Text, default="")
    organiser: Mapped[str] = mapped_column(String(80), default="")  # 担当
    copied_from_id: Mapped[str | None] = mapped_column(ForeignKey("training_event.id"))
    # How the sessions relate (domain.vocab.SESSION_STRUCTURES): 'course' = parts of one course
    # (a 修了証書 needs every required part), 'alternatives' = the same content on several dates
    # (one of them is enough), 'series' = each session its own unit (受講証明 per session attended).
    session_structure: Mapped[str] = mapped_column(String(12), default="course", server_default="course")
    # 普及啓発: the public who came, as counts only (no names), per event rather than per 日程: the
    # figure prefectures report is "フォーラムに約300名" and the same people on two days of one
    # forum would be counted twice by a sum of sessions. Three columns, so that two laptops editing
    # different counts merge per field. None = not recorded (not the same as 0).
    public_attendance: Mapped[int | None] = mapped_column(Integer)  # 一般参加者数
    public_residents: Mapped[int | None] = mapped_column(Integer)  # うち住民
    public_professionals: Mapped[int | None] = mapped_column(Integer)  # うち関係者（専門職・団体）
    # 開催市町村: where an outreach event was held, so the dashboard counts it in that municipality's
    # 圏域 (None: not recorded; a prefecture-wide forum may have none).
    host_municipality_id: Mapped[str | None] = mapped_column(ForeignKey("municipality.id"), index=True)


class EventMedia(SyncedMixin, SoftDeleteMixin, Base):
    """A medium produced for an event (チラシ, 動画, DVD, 情報誌 …) with a link to it: a URL or a
    file path kept as text (the file itself stays where the office keeps it). One row per item, so
    items added on two laptops merge without a conflict."""

    __tablename__ = "event_media"

    event_id: Mapped[str] = mapped_column(ForeignKey("training_event.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # domain.outreach.MEDIA_KINDS
    title: Mapped[str] = mapped_column(String(200), default="")
    link: Mapped[str] = mapped_column(String(1000), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class TrainingSession(SyncedMixin, SoftDeleteMixin, Base):
    """One 日程 of an event (現地見学 A/B/C, 1日目/2日目)."""

    __tablename__ = "training_session"

    event_id: Mapped[str] = mapped_column(ForeignKey("training_event.id"), index=True)
    label: Mapped[str] = mapped_column(String(40), default="")
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    venue: Mapped[str] = mapped_column(String(200), default="")
    capacity: Mapped[int | None] = mapped_column(Integer)  # 定員
    required: Mapped[bool] = mapped_column(Boolean, default=True)  # counts for 修了証書
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    event: Mapped[TrainingEvent] = relationship()


class EventAudience(SyncedMixin, SoftDeleteMixin, Base):
    """A target audience (role) of an event."""

    __tablename__ = "event_audience"

    event_id: Mapped[str] = mapped_column(ForeignKey("training_event.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))


class EventStaff(SyncedMixin, SoftDeleteMixin, Base):
    """Lecturers, advisors and facilitators of an event."""

    __tablename__ = "event_staff"

    event_id: Mapped[str] = mapped_column(ForeignKey("training_event.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    advisor_id: Mapped[str | None] = mapped_column(ForeignKey("advisor.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="講師")  # 講師 アドバイザー ファシリテーター

    person: Mapped[Person] = relationship()
    advisor: Mapped[Advisor | None] = relationship()


class EventField(SyncedMixin, SoftDeleteMixin, Base):
    """Fields of activity chosen for an event's advisor handout."""

    __tablename__ = "event_field"

    event_id: Mapped[str] = mapped_column(ForeignKey("training_event.id"), index=True)
    field_id: Mapped[str] = mapped_column(ForeignKey("activity_field.id"), index=True)


class Registration(SyncedMixin, SoftDeleteMixin, Base):
    """A person registered for an event (optionally for one session only)."""

    __tablename__ = "registration"
    # An event's live registrations are counted for every event in the 研修 list: with status and
    # deleted in the index that is index-only (480 events, 96,000 registrations: 29 → 7 ms).
    __table_args__ = (Index("ix_registration_event_status", "event_id", "status", "deleted"),)

    event_id: Mapped[str] = mapped_column(ForeignKey("training_event.id"))
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    session_id: Mapped[str | None] = mapped_column(ForeignKey("training_session.id"), index=True)
    registered_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="登録")  # 登録 キャンセル 補欠
    walk_in: Mapped[bool] = mapped_column(Boolean, default=False)  # 当日参加
    pre_assignment_received: Mapped[bool] = mapped_column(Boolean, default=False)  # 事前課題
    group_label: Mapped[str] = mapped_column(String(20), default="")
    row_order: Mapped[int] = mapped_column(Integer, default=0)  # 受付名簿の並び
    notes: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship()
    event: Mapped[TrainingEvent] = relationship()


class Attendance(SyncedMixin, SoftDeleteMixin, Base):
    """Present or not at one session; a leaf row."""

    __tablename__ = "attendance"

    registration_id: Mapped[str] = mapped_column(ForeignKey("registration.id"), index=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("training_session.id"), index=True)
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    checked_in_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Certificate(SyncedMixin, SoftDeleteMixin, Base):
    """A certificate number issued to a person for an event (修了証書 / 受講証明書, 第N号).

    Numbered per event from 1; issued once and kept, so a reprint shows the same number. Two
    laptops can issue the same number offline: services.trainings.certificates reports such a clash.
    """

    __tablename__ = "certificate"

    event_id: Mapped[str] = mapped_column(ForeignKey("training_event.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12), default="修了証書")  # 修了証書 受講証明書
    issued_on: Mapped[dt.date] = mapped_column(Date)


class SurveyQuestion(SyncedMixin, SoftDeleteMixin, Base):
    """A part of the program asked about in the 事後アンケート."""

    __tablename__ = "survey_question"

    event_id: Mapped[str] = mapped_column(ForeignKey("training_event.id"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class SurveyAnswer(SyncedMixin, SoftDeleteMixin, Base):
    """One answer on the handbook's 4-point scale (1 とても良かった … 4 良くなかった)."""

    __tablename__ = "survey_answer"

    registration_id: Mapped[str | None] = mapped_column(ForeignKey("registration.id"), index=True)
    question_id: Mapped[str] = mapped_column(ForeignKey("survey_question.id"), index=True)
    rating: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
