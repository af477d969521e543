"""An entry's photos: add (from a JPEG or PNG file), describe, reorder, remove — at most 3.

Reads name the columns they need: a list of an entry's photos takes the thumbnails, never the
full images (``image_of`` reads one when it is shown or published).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import load_only

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.names import written_text
from sasaeai_desktop.services.catalogue import images
from sasaeai_desktop.services.records import live_row

MAX_PHOTOS = 3
_TEXT_LIMIT = 200
_ENTRY_MISSING = "写真を付ける地域資源が見つかりません（削除された可能性があります）。"
_PHOTO_MISSING = "指定された写真は見つかりません（削除された可能性があります）。"


@dataclass(frozen=True)
class PhotoInfo:
    id: str
    position: int
    caption: str
    alt_text: str
    publish_consent: bool
    width: int
    height: int
    thumbnail: bytes  # JPEG


def _live(session: Session, entry_id: str) -> list[m.CataloguePhoto]:
    p = m.CataloguePhoto
    rows = session.scalars(
        select(p).options(load_only(p.entry_id, p.position, p.deleted))  # not the images
        .where(p.entry_id == entry_id, p.deleted.is_(False)).order_by(p.position, p.id))
    return list(rows)


def _texts(caption: str, alt_text: str) -> tuple[str, str]:
    caption, alt_text = written_text(caption), written_text(alt_text)
    errors = {k: f"{label}は{_TEXT_LIMIT}文字以内にしてください。" for k, label, v in
              (("caption", "説明", caption), ("alt_text", "代替テキスト", alt_text)) if len(v) > _TEXT_LIMIT}
    if errors:
        raise ValidationError(errors)
    return caption, alt_text


def add_photo(uow: UnitOfWork, entry_id: str, path: str | Path, *, caption: str = "", alt_text: str = "",
              publish_consent: bool = False) -> str:
    """Add the photo in file ``path`` after the entry's others; returns its id."""
    source = Path(path)
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise UserError(f"写真のファイル「{source}」が見つかりません。") from None
    except OSError as exc:
        raise UserError(f"写真のファイル「{source}」を読めません（{exc.strerror or exc}）。") from None
    return add_photo_data(uow, entry_id, data, name=source.name, caption=caption, alt_text=alt_text,
                          publish_consent=publish_consent)


def add_photo_data(uow: UnitOfWork, entry_id: str, data: bytes, *, name: str = "写真", caption: str = "",
                   alt_text: str = "", publish_consent: bool = False) -> str:
    """``add_photo`` of a file's bytes (``name`` for messages)."""
    caption, alt_text = _texts(caption, alt_text)
    with uow:
        live_row(uow, m.CatalogueEntry, entry_id, _ENTRY_MISSING)
        have = _live(uow.session, entry_id)
        if len(have) >= MAX_PHOTOS:
            raise UserError(f"写真は1件につき{MAX_PHOTOS}枚までです。追加するには、先にほかの写真を削除してください。")
        prepared = images.prepare(data, name)  # checked before any write: a bad file adds nothing
        row = m.CataloguePhoto(
            entry_id=entry_id, position=len(have), caption=caption, alt_text=alt_text,
            publish_consent=publish_consent, width=prepared.width, height=prepared.height,
            image=prepared.image, thumbnail=prepared.thumbnail,
        )
        uow.session.add(row)
        uow.session.flush()
        photo_id: str = row.id
        uow.commit()
        return photo_id


def describe(uow: UnitOfWork, photo_id: str, *, caption: str, alt_text: str, publish_consent: bool) -> None:
    """Change a photo's 説明, 代替テキスト and consent to publish it."""
    caption, alt_text = _texts(caption, alt_text)
    with uow:
        row = live_row(uow, m.CataloguePhoto, photo_id, _PHOTO_MISSING)
        row.caption, row.alt_text, row.publish_consent = caption, alt_text, publish_consent
        uow.commit()


def remove(uow: UnitOfWork, photo_id: str) -> None:
    """Soft-delete the photo; the others close up (positions 0, 1 …)."""
    with uow:
        row = live_row(uow, m.CataloguePhoto, photo_id, _PHOTO_MISSING)
        row.deleted = True
        uow.session.flush()
        _renumber(_live(uow.session, row.entry_id))
        uow.commit()


def reorder(uow: UnitOfWork, entry_id: str, photo_ids: list[str]) -> None:
    """Put the entry's photos in the order of ``photo_ids`` (every live photo, once)."""
    with uow:
        have = {p.id: p for p in _live(uow.session, entry_id)}
        if sorted(photo_ids) != sorted(have):
            raise UserError("写真の並べ替えには、この地域資源の写真をすべて1回ずつ指定してください"
                            "（ほかの画面で写真が変わった可能性があります）。")
        _renumber([have[i] for i in photo_ids])
        uow.commit()


def _renumber(rows: list[m.CataloguePhoto]) -> None:
    for i, row in enumerate(rows):
        if row.position != i:  # an unchanged position records no change to sync
            row.position = i


def photos(uow: UnitOfWork, entry_id: str) -> list[PhotoInfo]:
    """The entry's photos in order, with their thumbnails (not the full images)."""
    p = m.CataloguePhoto
    with uow:
        rows = uow.session.execute(
            select(p.id, p.position, p.caption, p.alt_text, p.publish_consent, p.width, p.height, p.thumbnail)
            .where(p.entry_id == entry_id, p.deleted.is_(False)).order_by(p.position, p.id)
        ).all()
    return [PhotoInfo(*r[:7], images.decode(r[7])) for r in rows]


def photo_counts(uow: UnitOfWork, entry_ids: list[str]) -> dict[str, int]:
    """entry id → how many photos it has (for a page of the list: the index, not the images)."""
    p = m.CataloguePhoto
    out: dict[str, int] = {}
    with uow:
        for eid, n in uow.session.execute(
            select(p.entry_id, func.count()).where(p.entry_id.in_(entry_ids), p.deleted.is_(False)).group_by(p.entry_id)
        ):
            out[eid] = int(n)
    return out


def image_of(uow: UnitOfWork, photo_id: str) -> bytes:
    """The full JPEG of a photo."""
    p = m.CataloguePhoto
    with uow:
        text: Any = uow.session.scalar(select(p.image).where(p.id == photo_id, p.deleted.is_(False)))
    if text is None:
        raise NotFoundError(_PHOTO_MISSING)
    return images.decode(text)
