"""The catalogue of local activities and resources (地域資源・活動事例) and their photos.

Not to be confused with ``activities.py`` (visits and consultations): an entry here is a 通いの場,
a サロン, a 見守り活動 … the office learnt of and may publish in a booklet or on a web site.

Photos are JPEG held as base64 text, not BLOBs: the sync triggers record each write as a JSON
object, and SQLite's json_object() refuses BLOB values. An edit of a caption or a consent records
only that field (the capture trigger leaves unchanged columns out), so a photo's bytes travel once.
The image columns come last in the table (migration 0010): SQLite reads a row's columns in order,
so a query of the small columns never walks a photo's overflow pages.
"""

import datetime as dt

from sqlalchemy import Boolean
from sqlalchemy import Date
from sqlalchemy import ForeignKey
from sqlalchemy import Integer
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column

from .base import Base
from .base import SoftDeleteMixin
from .base import SyncedMixin


class CatalogueKind(SyncedMixin, SoftDeleteMixin, Base):
    """The user-extensible list of 種類 (通いの場, 居場所, 見守り …); entries store the name as text."""

    __tablename__ = "catalogue_kind"

    name: Mapped[str] = mapped_column(String(40))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class CatalogueEntry(SyncedMixin, SoftDeleteMixin, Base):
    """One activity or place (地域資源・活動事例)."""

    __tablename__ = "catalogue_entry"

    name: Mapped[str] = mapped_column(String(120), index=True)
    kind: Mapped[str] = mapped_column(String(40), default="", index=True)  # a CatalogueKind name
    municipality_id: Mapped[str] = mapped_column(ForeignKey("municipality.id"), index=True)
    area: Mapped[str] = mapped_column(String(80), default="")  # 日常生活圏域・地区, as written
    organiser: Mapped[str] = mapped_column(String(120), default="")  # 実施主体
    content: Mapped[str] = mapped_column(Text, default="")  # 内容: what happens
    schedule: Mapped[str] = mapped_column(String(120), default="")  # 曜日・時間
    frequency: Mapped[str] = mapped_column(String(60), default="")  # 頻度
    participants: Mapped[int | None] = mapped_column(Integer)  # 参加人数 (about)
    cost: Mapped[str] = mapped_column(String(80), default="")  # 費用 ('1回100円', '無料')
    contact: Mapped[str] = mapped_column(String(200), default="")  # 連絡先
    # Consent to publish the contact, tri-state as for advisors: None = not recorded, left out.
    contact_consent: Mapped[bool | None] = mapped_column(Boolean)
    description: Mapped[str] = mapped_column(Text, default="")  # 紹介文
    tags: Mapped[str] = mapped_column(String(200), default="")  # '、'-separated
    notes: Mapped[str] = mapped_column(Text, default="")  # 備考 (office only, never published)
    # Where the office learnt of it (at most one is set).
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visit.id"), index=True)
    consultation_id: Mapped[str | None] = mapped_column(ForeignKey("consultation.id"), index=True)
    event_id: Mapped[str | None] = mapped_column(ForeignKey("training_event.id"), index=True)
    publishable: Mapped[bool] = mapped_column(Boolean, default=False)  # 掲載可
    info_date: Mapped[dt.date | None] = mapped_column(Date)  # 更新日: when the information was last confirmed


class CataloguePhoto(SyncedMixin, SoftDeleteMixin, Base):
    """A photo of an entry (up to 3, ``position`` 0–2), resized: ≤ 1600 px on the long side."""

    __tablename__ = "catalogue_photo"

    entry_id: Mapped[str] = mapped_column(ForeignKey("catalogue_entry.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    caption: Mapped[str] = mapped_column(String(200), default="")
    alt_text: Mapped[str] = mapped_column(String(200), default="")  # what the photo shows, for screen readers
    publish_consent: Mapped[bool] = mapped_column(Boolean, default=False)  # consent to publish this photo
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    image: Mapped[str] = mapped_column(Text)  # base64 JPEG
    thumbnail: Mapped[str] = mapped_column(Text)  # base64 JPEG, ≤ 240 px
