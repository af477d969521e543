"""People, organisations and the advisor roster."""

from sqlalchemy import Boolean
from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from .base import Base
from .base import SoftDeleteMixin
from .base import SyncedMixin
from .geography import Municipality


class Organisation(SyncedMixin, SoftDeleteMixin, Base):
    """社協, NPO, 地域包括支援センター, 市町村の課 ...: where people work."""

    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(120), index=True)
    kana: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20), default="")  # domain.vocab.ORGANISATION_KINDS
    municipality_id: Mapped[str | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    municipality: Mapped[Municipality | None] = relationship()


class Person(SyncedMixin, SoftDeleteMixin, Base):
    """Anyone the office deals with: municipal staff, coordinators, advisors, participants.

    ``name_key`` and ``kana_key`` are derived (domain.names) and indexed so that
    type-ahead and duplicate detection match 髙橋 with 高橋 without changing what was typed.
    ``organisation_id`` and ``merged_into_id`` are empty for almost everyone: their indexes hold
    only the rows that have one (a lookup by value still uses them; ``IS NULL`` scans the table,
    which is faster than walking an index of every row anyway).
    """

    __tablename__ = "person"
    __table_args__ = (
        Index("ix_person_organisation_id", "organisation_id", sqlite_where=text("organisation_id IS NOT NULL")),
        Index("ix_person_merged_into_id", "merged_into_id", sqlite_where=text("merged_into_id IS NOT NULL")),
    )

    name: Mapped[str] = mapped_column(String(80))
    kana: Mapped[str] = mapped_column(String(160), default="")
    name_key: Mapped[str] = mapped_column(String(80), default="", index=True)
    kana_key: Mapped[str] = mapped_column(String(160), default="", index=True)
    role: Mapped[str] = mapped_column(String(20), default="", index=True)  # domain.vocab.ROLES
    municipality_id: Mapped[str | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisation.id"))
    affiliation: Mapped[str] = mapped_column(String(200), default="")  # 所属 as written
    title: Mapped[str] = mapped_column(String(80), default="")  # 職名
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[str | None] = mapped_column(ForeignKey("person.id"))

    municipality: Mapped[Municipality | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()


class ActivityField(SyncedMixin, SoftDeleteMixin, Base):
    """The controlled, user-extensible list of 活動分野 (協議体の立ち上げ, 居場所づくり ...)."""

    __tablename__ = "activity_field"

    name: Mapped[str] = mapped_column(String(60))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Advisor(SyncedMixin, SoftDeleteMixin, Base):
    """The advisor profile of a person (アドバイザー名簿).

    Consent is tri-state: None means "not recorded", and a handout then leaves the
    contact out, exactly as for an explicit refusal.
    """

    __tablename__ = "advisor"

    person_id: Mapped[str] = mapped_column(ForeignKey("person.id"), index=True)
    category: Mapped[str] = mapped_column(String(20), default="")  # domain.vocab.ADVISOR_CATEGORIES
    affiliation: Mapped[str] = mapped_column(String(200), default="")  # 所属法人等の名称
    activity_text: Mapped[str] = mapped_column(Text, default="")  # 日頃の活動分野 (free text)
    publish_phone: Mapped[bool | None] = mapped_column(Boolean)
    publish_email: Mapped[bool | None] = mapped_column(Boolean)
    active_from_fy: Mapped[int | None] = mapped_column(Integer)
    active_to_fy: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship()


class AdvisorField(SyncedMixin, SoftDeleteMixin, Base):
    __tablename__ = "advisor_field"

    advisor_id: Mapped[str] = mapped_column(ForeignKey("advisor.id"), index=True)
    field_id: Mapped[str] = mapped_column(ForeignKey("activity_field.id"), index=True)


class AdvisorAssignment(SyncedMixin, SoftDeleteMixin, Base):
    """An advisor continuously in charge of a municipality (群馬県: two per municipality)."""

    __tablename__ = "advisor_assignment"

    advisor_id: Mapped[str] = mapped_column(ForeignKey("advisor.id"), index=True)
    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipality.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="")  # 主担当 / 副担当
    from_fy: Mapped[int | None] = mapped_column(Integer)
    to_fy: Mapped[int | None] = mapped_column(Integer)
