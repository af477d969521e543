"""The catalogue travels like every synced table: an entry and its photo reach the other laptop
whole, the photo's bytes once, and edits of different fields on two laptops both survive."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from sqlalchemy import select

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.db import models as m
from sasaeai_desktop.services.catalogue import entries
from sasaeai_desktop.services.catalogue import kinds
from sasaeai_desktop.services.catalogue import photos
from sasaeai_desktop.services.sync import export as sync_export
from sasaeai_desktop.services.sync import importing as sync_import
from sasaeai_desktop.services.sync import status as sync_status
from tests.integration.test_sync import PASS
from tests.integration.test_sync import sync_world


def _mid(ctx: AppContext, code: str) -> str:
    with ctx.uow() as uow:
        return str(uow.session.scalar(select(m.Municipality.id).where(m.Municipality.code == code)))


def test_entry_and_photo_reach_the_other_laptop_and_edits_merge(tmp_path: Path) -> None:
    picture = tmp_path / "p.jpg"
    Image.effect_noise((1200, 900), 60).convert("RGB").save(picture, "JPEG", quality=90)  # noise: a big JPEG
    with sync_world(tmp_path) as (_office, a, b, _pid, send):
        assert kinds.list_kinds(a.uow()) == kinds.list_kinds(b.uow())  # the office's list, from the snapshot
        eid = entries.save(a.uow(), entries.EntryData(None, "ふれあいサロン", "サロン", _mid(a, "202029"),
                                                      contact="代表 山田", contact_consent=True))
        pid = photos.add_photo(a.uow(), eid, picture, caption="体操")
        first = tmp_path / "first.sync"
        sync_export.export_changes(a.uow(), first, PASS)
        sync_import.import_file(b.uow(), first, PASS)
        assert photos.image_of(b.uow(), pid) == photos.image_of(a.uow(), pid)
        assert entries.get(b.uow(), eid).contact_consent is True

        # concurrent edits of different fields: the caption on A, the consent and a field of the entry on B
        photos.describe(a.uow(), pid, caption="体操の様子", alt_text="", publish_consent=False)
        photos.describe(b.uow(), pid, caption="体操", alt_text="", publish_consent=True)
        got = entries.get(b.uow(), eid)
        entries.save(b.uow(), entries.EntryData(**{**got.__dict__, "participants": 20}))
        second = tmp_path / "second.sync"
        # B knows A holds the photo (A's file said what A holds): a file for A does not carry it again
        sync_export.export_changes(b.uow(), second, PASS, for_peer=sync_status.status(a.uow()).replica_id)
        assert second.stat().st_size < first.stat().st_size / 20
        sync_import.import_file(a.uow(), second, PASS)
        send(a, b)
        for ctx in (a, b):
            shown = photos.photos(ctx.uow(), eid)[0]
            assert (shown.caption, shown.publish_consent) == ("体操の様子", True)
            assert entries.get(ctx.uow(), eid).participants == 20
