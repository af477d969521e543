"""The demo's catalogue as a web site (sasaeai site export), for the tests that read or check it.

``build(folder)``: the ``sasaeai demo`` data (200 entries, about 165 掲載可) plus a few entries
whose unpublished values are unmistakable, exported; ``never_published(db)``: every value of that
database the site must not contain (texts, and the bytes and ids of the photos it must not show).
"""

from __future__ import annotations

import io
import sqlite3
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from PIL import Image

from sasaeai_desktop import demo
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.catalogue import entries
from sasaeai_desktop.services.catalogue import images
from sasaeai_desktop.services.catalogue import photos
from sasaeai_desktop.services.catalogue.booklet import BookletOptions
from sasaeai_desktop.services.catalogue.site import SiteFolder
from sasaeai_desktop.services.catalogue.site import write_site


@dataclass
class Unpublished:
    texts: set[str] = field(default_factory=set)
    photo_chunks: list[bytes] = field(default_factory=list)  # a slice of each hidden photo's JPEG
    ids: set[str] = field(default_factory=set)  # hidden entries' and photos' ids (file names)


def jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(out, "JPEG")
    return out.getvalue()


def _sentinels(uow: object) -> None:
    matsumoto = municipalities.find_by_code(uow, "202029")
    assert matsumoto is not None
    hidden = entries.save(uow, entries.EntryData(
        None, "非掲載の秘密サロン", "サロン", matsumoto.id, content="秘密の内容ですよ", description="秘密の紹介文です",
        contact="秘密連絡先 0263-99-0000", contact_consent=True, publishable=False))
    photos.add_photo_data(uow, hidden, jpeg((10, 200, 30)), caption="非掲載記録の写真", publish_consent=True)
    shown = entries.save(uow, entries.EntryData(
        None, "公開の配食テスト", "配食", matsumoto.id, contact="否の連絡先 0263-99-0001", contact_consent=False,
        notes="備考の秘密メモ", tags="秘密のタグ", publishable=True))
    photos.add_photo_data(uow, shown, jpeg((250, 10, 200)), caption="同意のない写真の説明", alt_text="同意のない写真の代替",
                          publish_consent=False)
    entries.save(uow, entries.EntryData(None, "未確認連絡先の会", "サロン", matsumoto.id,
                                        contact="未確認の連絡先 0263-99-0002", publishable=True))


def build(folder: Path) -> tuple[Path, Path, SiteFolder]:
    db, out = folder / "demo.db", folder / "site"
    ctx = open_database(db)
    try:
        setup.init_prefecture(ctx.uow(), "長野県")
        demo.fill_demo(ctx.uow(), scale=1)
        _sentinels(ctx.uow())
        result = write_site(ctx.uow(), out, BookletOptions())
    finally:
        ctx.close()
    return db, out, result


def never_published(db: Path) -> Unpublished:
    """Values only the unpublished part of ``db`` holds (a value a published field also has, such as
    a name two municipalities share, is left out: its presence would prove nothing)."""
    con = sqlite3.connect(db)
    try:
        published = " ".join(
            " ".join(str(v) for v in row if v is not None) for row in con.execute(
                "SELECT name, kind, area, organiser, content, schedule, frequency, cost, description,"
                " CASE WHEN contact_consent = 1 THEN contact END FROM catalogue_entry WHERE deleted = 0 AND publishable = 1"))
        published += " " + " ".join(c for (c,) in con.execute(
            "SELECT p.caption || ' ' || p.alt_text FROM catalogue_photo p JOIN catalogue_entry e ON e.id = p.entry_id"
            " WHERE p.deleted = 0 AND p.publish_consent = 1 AND e.publishable = 1"))
        out = Unpublished()
        for row in con.execute("SELECT id, name, content, description, contact, notes FROM catalogue_entry"
                               " WHERE publishable = 0 OR deleted = 1"):
            out.ids.add(row[0])
            out.texts.update(v for v in row[1:] if v)
        out.texts.update(c for (c,) in con.execute(
            "SELECT contact FROM catalogue_entry WHERE contact <> '' AND contact_consent IS NOT 1"))
        out.texts.update(n for (n,) in con.execute("SELECT notes FROM catalogue_entry WHERE notes <> ''"))
        out.texts.add("秘密のタグ")
        for pid, image, caption, alt in con.execute(
                "SELECT p.id, p.image, p.caption, p.alt_text FROM catalogue_photo p JOIN catalogue_entry e"
                " ON e.id = p.entry_id WHERE p.publish_consent = 0 OR p.deleted = 1 OR e.publishable = 0 OR e.deleted = 1"):
            data = images.decode(image)
            out.photo_chunks.append(data[len(data) // 2:len(data) // 2 + 64])
            out.ids.add(pid)
            out.texts.update(t for t in (caption, alt) if t)
        out.texts = {t for t in out.texts if t.strip() and t not in published}
        return out
    finally:
        con.close()
