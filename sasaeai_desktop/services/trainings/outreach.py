"""普及啓発: an event's public attendance (counts only, no names) and the media produced for it, and
a 年度's outreach figures for the progress dashboard. Every function takes a ``UnitOfWork``."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import outreach as o
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.names import clean_title
from sasaeai_desktop.services.trainings.events import event_row


@dataclass(frozen=True)
class PublicCounts:
    """None = not recorded (not the same as nobody came)."""

    public_attendance: int | None = None
    public_residents: int | None = None
    public_professionals: int | None = None


@dataclass(frozen=True)
class MediaItem:
    id: str | None
    kind: str
    title: str = ""
    link: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Outreach:
    event_id: str
    counts: PublicCounts
    media: tuple[MediaItem, ...]
    host_municipality_id: str | None = None  # 開催市町村 (None: not recorded)


def validate_counts(counts: PublicCounts) -> PublicCounts:
    errors: dict[str, str] = {}
    for key, label in o.COUNT_LABELS.items():
        problem = o.count_problem(getattr(counts, key), label)
        if problem:
            errors[key] = problem
    if not errors and counts.public_attendance is not None:
        parts = (counts.public_residents or 0) + (counts.public_professionals or 0)
        if parts > counts.public_attendance:
            errors["public_attendance"] = (
                f"うち住民とうち関係者の合計（{parts}人）が一般参加者数（{counts.public_attendance}人）を超えています。")
    if errors:
        raise ValidationError(errors)
    return counts


def validate_media(item: MediaItem) -> MediaItem:
    errors: dict[str, str] = {}
    if item.kind not in o.MEDIA_KINDS:
        errors["kind"] = f"媒体の種類「{item.kind}」は使えません（{'、'.join(o.MEDIA_KINDS)} のいずれか）。"
    link = item.link.strip()
    if "\n" in link or "\r" in link:
        errors["link"] = "リンクは1行で入力してください（URL またはファイルの場所）。"
    elif len(link) > o.MAX_LINK_LENGTH:
        errors["link"] = f"リンクが長すぎます（{len(link)}文字、{o.MAX_LINK_LENGTH}文字まで）。"
    title = clean_title(item.title)
    if len(title) > 200:
        errors["title"] = f"題名が長すぎます（{len(title)}文字、200文字まで）。"
    if not title and not link:
        errors["title"] = "題名かリンクのどちらかを入力してください。"
    if errors:
        raise ValidationError(errors)
    return replace(item, title=title, link=link, notes=clean_text(item.notes, multiline=True))


def _live_media(s: Any, event_id: str) -> list[m.EventMedia]:
    em = m.EventMedia
    order = {k: i for i, k in enumerate(o.MEDIA_KINDS)}
    rows = list(s.scalars(
        select(em).where(em.event_id == event_id, em.deleted.is_(False)).order_by(em.sort_order, em.id)))
    return sorted(rows, key=lambda r: (r.sort_order, order.get(r.kind, len(order))))


def get_outreach(uow: UnitOfWork, event_id: str) -> Outreach:
    with uow:
        s = uow.session
        ev = event_row(s, event_id)
        counts = PublicCounts(ev.public_attendance, ev.public_residents, ev.public_professionals)
        media = tuple(MediaItem(r.id, r.kind, r.title, r.link, r.notes) for r in _live_media(s, event_id))
        return Outreach(event_id, counts, media, ev.host_municipality_id)


_KEEP: Any = object()


def save_counts(uow: UnitOfWork, event_id: str, counts: PublicCounts, host_municipality_id: Any = _KEEP) -> None:
    """Store the counts, and the 開催市町村 when one is given (None: not recorded)."""
    counts = validate_counts(counts)
    with uow:
        s = uow.session
        ev = event_row(s, event_id)
        if host_municipality_id is not _KEEP:
            host = s.get(m.Municipality, host_municipality_id) if host_municipality_id else None
            if host_municipality_id and (host is None or host.deleted):
                raise ValidationError({"host_municipality_id": "開催市町村が見つかりません（削除された可能性があります）。"})
            ev.host_municipality_id = host_municipality_id
        # The ORM writes only the columns whose value changed, so the change capture records only
        # those: a count edited on another laptop survives the sync (tests/integration/test_outreach).
        for key in o.COUNT_LABELS:
            setattr(ev, key, getattr(counts, key))
        uow.commit()


def save_media(uow: UnitOfWork, event_id: str, item: MediaItem) -> str:
    """Add (``item.id`` None) or edit a medium of the event; returns its id."""
    item = validate_media(item)
    with uow:
        s = uow.session
        event_row(s, event_id)
        if item.id is None:
            row = m.EventMedia(event_id=event_id, sort_order=len(_live_media(s, event_id)))
            s.add(row)
        else:
            found = s.get(m.EventMedia, item.id)
            if found is None or found.deleted or found.event_id != event_id:
                raise NotFoundError("指定された媒体は見つかりません。")
            row = found
        row.kind, row.title, row.link, row.notes = item.kind, item.title, item.link, item.notes
        s.flush()
        mid = row.id
        uow.commit()
        return mid


def remove_media(uow: UnitOfWork, media_id: str) -> None:
    with uow:
        row = uow.session.get(m.EventMedia, media_id)
        if row is None or row.deleted:
            raise NotFoundError("指定された媒体は見つかりません。")
        row.deleted = True
        uow.commit()


def outreach_figures(uow: UnitOfWork, fiscal_year: int) -> o.OutreachFigures:
    """The 年度's outreach events (domain.outreach.OUTREACH_EVENT_TYPES), their public attendance
    and the media produced for them."""
    ev, em = m.TrainingEvent, m.EventMedia
    live = (ev.deleted.is_(False), ev.fiscal_year == fiscal_year, ev.event_type.in_(o.OUTREACH_EVENT_TYPES))
    with uow:
        s = uow.session
        n, recorded, total, residents, professionals = s.execute(
            select(func.count(), func.count(ev.public_attendance), func.coalesce(func.sum(ev.public_attendance), 0),
                   func.coalesce(func.sum(ev.public_residents), 0),
                   func.coalesce(func.sum(ev.public_professionals), 0)).where(*live)
        ).one()
        by_kind: dict[str, int] = {kind: n_items for kind, n_items in s.execute(
            select(em.kind, func.count()).join(ev, ev.id == em.event_id)
            .where(em.deleted.is_(False), *live).group_by(em.kind)
        ).all()}
    media = {k: by_kind[k] for k in o.MEDIA_KINDS if by_kind.get(k)}
    unplaced = outreach_by_host(uow, fiscal_year).get(None, o.OutreachCounts())
    return o.OutreachFigures(n, recorded, int(total or 0), int(residents or 0), int(professionals or 0), media,
                             unplaced)


def outreach_by_host(uow: UnitOfWork, fiscal_year: int) -> dict[str | None, o.OutreachCounts]:
    """The 年度's outreach by 開催市町村 (None: events where it is not recorded), for the
    dashboard's 圏域 breakdown."""
    ev, em = m.TrainingEvent, m.EventMedia
    live = (ev.deleted.is_(False), ev.fiscal_year == fiscal_year, ev.event_type.in_(o.OUTREACH_EVENT_TYPES))
    items = (select(func.count()).where(em.event_id == ev.id, em.deleted.is_(False)).scalar_subquery())
    with uow:
        rows = uow.session.execute(
            select(ev.host_municipality_id, func.count(), func.coalesce(func.sum(ev.public_attendance), 0),
                   func.coalesce(func.sum(items), 0), func.count(ev.public_attendance))
            .where(*live).group_by(ev.host_municipality_id)
        ).all()
    return {host: o.OutreachCounts(int(n), int(people or 0), int(media or 0), int(recorded))
            for host, n, people, media, recorded in rows}
