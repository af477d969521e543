"""The catalogue of local activities (地域資源・活動事例): entries, kinds, filters and photos."""

from __future__ import annotations

import base64
import io
import sqlite3
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.services.catalogue import entries
from sasaeai_desktop.services.catalogue import images
from sasaeai_desktop.services.catalogue import kinds
from sasaeai_desktop.services.catalogue import photos
from sasaeai_desktop.services.progress import regions


def _mid(ctx: AppContext, code: str) -> str:
    with ctx.uow() as uow:
        return str(uow.session.scalar(select(m.Municipality.id).where(m.Municipality.code == code)))


def _entry(ctx: AppContext, name: str, code: str = "202029", **more: object) -> str:
    data = entries.EntryData(None, name, more.pop("kind", "通いの場"), _mid(ctx, code), **more)  # type: ignore[arg-type]
    return entries.save(ctx.uow(), data)


def _picture(path: Path, size: tuple[int, int], fmt: str = "JPEG", mode: str = "RGB", **save: object) -> Path:
    img = Image.new(mode, size, (200, 80, 40) if mode == "RGB" else (200, 80, 40, 0))
    img.save(path, fmt, **save)
    return path


def test_init_seeds_the_kinds_with_ids_every_replica_shares(nagano: AppContext) -> None:
    assert kinds.list_kinds(nagano.uow()) == list(vocab.DEFAULT_CATALOGUE_KINDS)
    with nagano.uow() as uow:
        ids = set(uow.session.scalars(select(m.CatalogueKind.id)))
    assert ids == {kinds.seeded_kind_id(n) for n in vocab.DEFAULT_CATALOGUE_KINDS}


def test_save_cleans_and_reads_back(nagano: AppContext) -> None:
    eid = _entry(nagano, "  ふれあい いきいき サロン ", area="中央地区", tags="体操, 男性、 体操 茶話会", participants=25,
                 contact="代表 山田（0263-00-0000）", contact_consent=True, publishable=True)
    got = entries.get(nagano.uow(), eid)
    assert got.name == "ふれあい いきいき サロン"
    assert got.tags == "体操、男性、茶話会"
    assert (got.kind, got.participants, got.contact_consent, got.publishable) == ("通いの場", 25, True, True)
    entries.save(nagano.uow(), entries.EntryData(**{**got.__dict__, "participants": 30}))
    assert entries.get(nagano.uow(), eid).participants == 30


def test_bad_fields_are_named(nagano: AppContext) -> None:
    with pytest.raises(ValidationError) as err:
        entries.save(nagano.uow(), entries.EntryData(None, "", "体操教室", None, participants=-1, cost="x" * 81))
    assert set(err.value.fields) == {"name", "municipality_id", "kind", "participants", "cost"}
    assert "「体操教室」は一覧にありません" in err.value.fields["kind"]


def test_a_new_kind_is_added_once_and_then_accepted(nagano: AppContext) -> None:
    assert kinds.add_kind(nagano.uow(), "体操教室") == "体操教室"
    assert kinds.add_kind(nagano.uow(), "体操教室 ") == "体操教室"  # already there
    assert kinds.list_kinds(nagano.uow())[-1] == "体操教室"
    eid = _entry(nagano, "いきいき体操", kind="体操教室")
    assert entries.get(nagano.uow(), eid).kind == "体操教室"


def test_where_it_was_learnt_of_must_exist_and_be_one(nagano: AppContext) -> None:
    with pytest.raises(ValidationError) as err:
        _entry(nagano, "見守りネット", visit_id="0" * 36)
    assert "訪問記録が見つかりません" in err.value.fields["visit_id"]
    with pytest.raises(ValidationError) as err:
        _entry(nagano, "見守りネット", visit_id="0" * 36, event_id="1" * 36)
    assert "どれか1つ" in err.value.fields["event_id"]


def test_list_filters_by_search_municipality_region_kind_and_publishing(nagano: AppContext) -> None:
    matsumoto, ueda = _mid(nagano, "202029"), _mid(nagano, "202037")
    _entry(nagano, "ふれあいサロン", kind="サロン", description="毎週の体操と茶話会", publishable=True)
    _entry(nagano, "買い物バス", kind="買い物支援", code="202037", tags="移動")
    _entry(nagano, "100%_会", kind="居場所", code="202037")
    kind_id = regions.create_kind(nagano.uow(), "テスト圏域").id
    region_id = regions.create_region(nagano.uow(), kind_id, "上小").id
    regions.assign(nagano.uow(), kind_id, region_id, [ueda])

    def names(**f: object) -> list[str]:
        return [r.name for r in entries.list_entries(nagano.uow(), entries.EntryFilter(**f))]  # type: ignore[arg-type]

    assert names() == ["ふれあいサロン", "100%_会", "買い物バス"]
    assert names(search="体操") == ["ふれあいサロン"]  # in the description
    assert names(search="茶話 サロン") == ["ふれあいサロン"]  # every word
    assert names(search="%_") == ["100%_会"]  # LIKE's wildcards are literal
    assert names(municipality_id=matsumoto) == ["ふれあいサロン"]
    assert names(region_id=region_id) == ["100%_会", "買い物バス"]
    assert names(kind="買い物支援") == ["買い物バス"]
    assert names(publishable=True) == ["ふれあいサロン"]
    assert entries.count(nagano.uow(), entries.EntryFilter(region_id=region_id)) == 2
    row = entries.list_entries(nagano.uow(), entries.EntryFilter(search="バス"))[0]
    assert (row.municipality, row.kind) == ("上田市", "買い物支援")


def test_deleted_entries_leave_the_list(nagano: AppContext) -> None:
    eid = _entry(nagano, "配食サービス", kind="配食")
    entries.delete(nagano.uow(), eid)
    assert entries.list_entries(nagano.uow()) == []
    with pytest.raises(UserError):
        entries.get(nagano.uow(), eid)


def test_photos_are_resized_upright_without_metadata_and_at_most_three(nagano: AppContext, tmp_path: Path) -> None:
    eid = _entry(nagano, "サロン")
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to show
    exif[0x010F] = "Camera maker"
    big = _picture(tmp_path / "big.jpg", (4000, 3000), exif=exif.tobytes())
    png = _picture(tmp_path / "clear.png", (300, 200), "PNG", "RGBA")
    first = photos.add_photo(nagano.uow(), eid, big, caption="体操の様子", alt_text="椅子に座って体操する人たち", publish_consent=True)
    photos.add_photo(nagano.uow(), eid, png)
    photos.add_photo(nagano.uow(), eid, big)
    with pytest.raises(UserError, match="3枚まで"):
        photos.add_photo(nagano.uow(), eid, png)
    shown = photos.photos(nagano.uow(), eid)
    assert [p.position for p in shown] == [0, 1, 2]
    assert (shown[0].width, shown[0].height) == (1200, 1600)  # upright, long side 1600
    assert (shown[0].caption, shown[0].publish_consent, shown[1].publish_consent) == ("体操の様子", True, False)
    full = Image.open(io.BytesIO(photos.image_of(nagano.uow(), first)))
    assert full.format == "JPEG" and full.size == (1200, 1600) and not full.getexif()
    thumb = Image.open(io.BytesIO(shown[0].thumbnail))
    assert max(thumb.size) == images.THUMB_SIDE
    assert Image.open(io.BytesIO(shown[1].thumbnail)).getpixel((0, 0)) == pytest.approx((255, 255, 255), abs=3)  # on white


def test_photo_remove_and_reorder_keep_positions_tight(nagano: AppContext, tmp_path: Path) -> None:
    eid = _entry(nagano, "サロン")
    pic = _picture(tmp_path / "a.jpg", (64, 48))
    a, b, c = (photos.add_photo(nagano.uow(), eid, pic, caption=x) for x in "abc")
    photos.reorder(nagano.uow(), eid, [c, a, b])
    assert [p.caption for p in photos.photos(nagano.uow(), eid)] == ["c", "a", "b"]
    photos.remove(nagano.uow(), a)
    assert [(p.caption, p.position) for p in photos.photos(nagano.uow(), eid)] == [("c", 0), ("b", 1)]
    with pytest.raises(UserError, match="すべて1回ずつ"):
        photos.reorder(nagano.uow(), eid, [b])
    photos.describe(nagano.uow(), b, caption="", alt_text="集合写真", publish_consent=True)
    assert photos.photos(nagano.uow(), eid)[1].alt_text == "集合写真"
    assert photos.photo_counts(nagano.uow(), [eid]) == {eid: 2}


def test_a_file_that_is_not_a_photo_is_refused_by_name(nagano: AppContext, tmp_path: Path) -> None:
    eid = _entry(nagano, "サロン")
    (tmp_path / "memo.jpg").write_text("not an image", encoding="utf-8")
    gif = _picture(tmp_path / "anim.gif", (10, 10), "GIF")
    with pytest.raises(UserError, match="「memo.jpg」は画像として読み込めませんでした"):
        photos.add_photo(nagano.uow(), eid, tmp_path / "memo.jpg")
    with pytest.raises(UserError, match="「anim.gif」はJPEGかPNGの画像ではありません"):
        photos.add_photo(nagano.uow(), eid, gif)
    with pytest.raises(UserError, match="見つかりません"):
        photos.add_photo(nagano.uow(), eid, tmp_path / "none.jpg")
    assert photos.photos(nagano.uow(), eid) == []


def test_photos_are_captured_for_sync_once(nagano: AppContext, tmp_path: Path, db_path: Path) -> None:
    """The bytes go into the change log on insert; a caption edit records the caption only."""
    eid = _entry(nagano, "サロン")
    pid = photos.add_photo(nagano.uow(), eid, _picture(tmp_path / "a.jpg", (640, 480)))
    photos.describe(nagano.uow(), pid, caption="新しい説明", alt_text="", publish_consent=False)
    con = sqlite3.connect(db_path)
    try:
        rows = con.execute("SELECT op, data FROM sync_change WHERE tbl = 'catalogue_photo' ORDER BY seq").fetchall()
    finally:
        con.close()
    assert [op for op, _ in rows] == ["I", "U"]
    assert '"image"' in rows[0][1] and '"image"' not in rows[1][1] and "新しい説明" in rows[1][1]
    image = base64.b64decode(__import__("json").loads(rows[0][1])["image"])
    assert image[:2] == b"\xff\xd8"  # a JPEG, whole


def test_migration_seeds_kinds_only_in_a_database_already_set_up(tmp_path: Path) -> None:
    """A set-up database gets the kinds on upgrade; an empty one (a laptop about to be enrolled
    from the office's snapshot) gets none, so the snapshot's rows do not collide with them."""
    from sasaeai_desktop.db.engine import create_sqlite_engine
    from sasaeai_desktop.db.migrate import ensure_schema

    for set_up in (True, False):
        path = tmp_path / f"old-{set_up}.db"
        engine = create_sqlite_engine(path)
        ensure_schema(engine, path, target="0009")
        if set_up:
            with engine.begin() as conn:
                conn.exec_driver_sql("INSERT INTO prefecture (id, code, lg_code, name, kana) VALUES ('p', '20', '200000', '長野県', '')")
        ensure_schema(engine, path)
        with engine.connect() as conn:
            got = [r[0] for r in conn.exec_driver_sql("SELECT id FROM catalogue_kind ORDER BY sort_order")]
            recorded = conn.exec_driver_sql("SELECT count(*) FROM sync_change WHERE tbl = 'catalogue_kind'").scalar()
        engine.dispose()
        assert got == ([kinds.seeded_kind_id(n) for n in vocab.DEFAULT_CATALOGUE_KINDS] if set_up else [])
        assert recorded == 0


def test_a_renamed_kind_renames_its_entries_and_both_are_captured_for_sync(nagano: AppContext) -> None:
    salon = _entry(nagano, "ふれあいサロン", kind="サロン")
    gone = _entry(nagano, "古いサロン", kind="サロン")
    entries.delete(nagano.uow(), gone)
    kid = next(k.id for k in kinds.kinds_in_use(nagano.uow()) if k.name == "サロン")
    with sqlite3.connect(nagano.db_path) as conn:
        before = conn.execute("SELECT max(seq) FROM sync_change").fetchone()[0]
    assert kinds.rename_kind(nagano.uow(), kid, " ふれあい サロン ") == 1
    assert entries.get(nagano.uow(), salon).kind == "ふれあい サロン"
    assert "サロン" not in kinds.list_kinds(nagano.uow()) and "ふれあい サロン" in kinds.list_kinds(nagano.uow())
    with sqlite3.connect(nagano.db_path) as conn:
        tables = {r[0] for r in conn.execute("SELECT tbl FROM sync_change WHERE seq > ?", (before,))}
        deleted_kind = conn.execute("SELECT kind FROM catalogue_entry WHERE id = ?", (gone,)).fetchone()[0]
    assert tables == {"catalogue_kind", "catalogue_entry"}
    assert deleted_kind == "サロン"  # a deleted entry is left as it was
    with pytest.raises(ValidationError) as err:
        kinds.rename_kind(nagano.uow(), kid, "配食")
    assert err.value.fields["name"] == "種類「配食」はすでにあります。"
    with pytest.raises(ValidationError):
        kinds.rename_kind(nagano.uow(), kid, "  ")


def test_a_kind_in_use_is_deleted_only_by_moving_its_entries(nagano: AppContext) -> None:
    salon = _entry(nagano, "ふれあいサロン", kind="サロン")
    by_name = {k.name: k for k in kinds.kinds_in_use(nagano.uow())}
    assert by_name["サロン"].entries == 1 and by_name["配食"].entries == 0
    with pytest.raises(ValidationError) as err:
        kinds.delete_kind(nagano.uow(), by_name["サロン"].id)
    assert err.value.fields["kind"] == ("種類「サロン」は1件の地域資源で使われているため削除できません。"
                                        "先にそれらを別の種類に移してください。")
    with pytest.raises(ValidationError) as err:
        kinds.delete_kind(nagano.uow(), by_name["サロン"].id, move_to="ない種類")
    assert "移し先の種類「ない種類」は一覧にありません" in err.value.fields["kind"]
    assert "サロン" in kinds.list_kinds(nagano.uow())
    assert kinds.delete_kind(nagano.uow(), by_name["サロン"].id, move_to="居場所") == 1
    assert entries.get(nagano.uow(), salon).kind == "居場所" and "サロン" not in kinds.list_kinds(nagano.uow())
    assert kinds.delete_kind(nagano.uow(), by_name["配食"].id) == 0  # unused: deleted at once
    assert "配食" not in kinds.list_kinds(nagano.uow())
