"""The web site of local activities (services/catalogue/site.py, io/site): what its pages show,
the booklet's filters, the dry run, and the folder written whole or not at all."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.cancellation import Cancelled
from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.io.output_files import OutputPathError
from sasaeai_desktop.services.catalogue import entries
from sasaeai_desktop.services.catalogue import photos
from sasaeai_desktop.services.catalogue.booklet import BookletOptions
from sasaeai_desktop.services.catalogue.site import plan_site
from sasaeai_desktop.services.catalogue.site import write_site
from sasaeai_desktop.services.progress import regions
from tests.site_demo import jpeg

NAGANO, MATSUMOTO = "202011", "202029"


def _mid(ctx: AppContext, code: str) -> str:
    with ctx.uow() as uow:
        return str(uow.session.scalar(select(m.Municipality.id).where(m.Municipality.code == code)))


@pytest.fixture
def office(nagano: AppContext) -> AppContext:
    salon = entries.save(nagano.uow(), entries.EntryData(
        None, "ひだまりサロン", "サロン", _mid(nagano, NAGANO), area="若里地区", organiser="若里社協",
        content="椅子体操と茶話会\n\n季節の行事も", schedule="毎週火曜 10:00〜11:30", frequency="週1回", participants=25,
        cost="1回100円", contact="代表 公開太郎 026-111-1111", contact_consent=True, description="初めての方も<歓迎>です",
        notes="備考の秘密", tags="体操", publishable=True))
    photos.add_photo_data(nagano.uow(), salon, jpeg((200, 80, 40)), caption="体操の様子", alt_text="椅子に座って腕を上げる人たち",
                          publish_consent=True)
    photos.add_photo_data(nagano.uow(), salon, jpeg((40, 80, 200)), caption="非公開写真", publish_consent=False)
    entries.save(nagano.uow(), entries.EntryData(
        None, "見守りネット桜", "見守り", _mid(nagano, MATSUMOTO), contact="否の連絡先 026-222-0000",
        contact_consent=False, publishable=True))
    entries.save(nagano.uow(), entries.EntryData(None, "非掲載の集い", "サロン", _mid(nagano, MATSUMOTO), publishable=False))
    return nagano


@pytest.fixture
def here(tmp_path: Path) -> Path:
    """A folder of its own for the outputs (the database is in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _text(folder: Path) -> str:
    return "\n".join(p.read_text("utf-8") for p in sorted(folder.rglob("*")) if p.suffix in (".html", ".js"))


def test_pages_show_the_published_fields_photos_and_lists(office: AppContext, here: Path) -> None:
    out = here / "site"
    result = write_site(office.uow(), out, BookletOptions(title="信州の支え合い"))
    assert (result.entries, result.photos, result.replaced) == (2, 1, False)
    assert result.pages == 1 + 2 + 2 + 2  # index, activities, municipalities, kinds
    with office.uow() as uow:  # a page is named by its entry's id: its address stays when the site is exported again
        salon_id = uow.session.scalar(select(m.CatalogueEntry.id).where(m.CatalogueEntry.name == "ひだまりサロン"))
    page = (out / "activities" / f"{salon_id}.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="ja">' in page and page.count("<h1>") == 1
    for value in ("若里地区", "若里社協", "毎週火曜 10:00〜11:30", "週1回", "25人程度", "1回100円", "代表 公開太郎 026-111-1111",
                  "<p>椅子体操と茶話会</p><p>季節の行事も</p>", "初めての方も&lt;歓迎&gt;です", "体操の様子",
                  'alt="椅子に座って腕を上げる人たち"', '<a class="skip-link" href="#main">'):
        assert value in page
    [photo] = (out / "photos").iterdir()
    assert photo.read_bytes()[:2] == b"\xff\xd8" and f'src="../photos/{photo.name}"' in page
    everything = _text(out)
    for never in ("非公開写真", "否の連絡先", "非掲載の集い", "備考の秘密"):
        assert never not in everything
    index = (out / "index.html").read_text("utf-8")
    assert "<h1>信州の支え合い</h1>" in index and "年度" in index and "<strong>2</strong>" in index
    assert '<a href="municipalities/202011.html">長野市</a>（1件）' in index
    assert "kinds/08.html" in index and 'src="assets/search-index.js"' in index and "http" not in index
    kinds = {p.name: p.read_text("utf-8") for p in (out / "kinds").iterdir()}
    assert "<h1>見守りの活動</h1>" in kinds["03.html"] and "<h1>サロンの活動</h1>" in kinds["08.html"]  # the kinds' own order
    search = (out / "assets" / "search-index.js").read_text("utf-8")
    assert "さろん" in search and "椅子体操と茶話会季節の行事も" in search  # folded: hiragana, no spaces


def test_filters_are_the_booklets(office: AppContext, here: Path) -> None:
    kind_id = regions.create_kind(office.uow(), "保健福祉圏域").id
    region = regions.create_region(office.uow(), kind_id, "松本圏域").id
    regions.assign(office.uow(), kind_id, region, [_mid(office, MATSUMOTO)])
    assert [e.name for e in plan_site(office.uow(), BookletOptions(regions=("松本圏域",))).entries] == ["見守りネット桜"]
    assert [e.name for e in plan_site(office.uow(), BookletOptions(kinds=("サロン",))).entries] == ["ひだまりサロン"]
    assert [e.name for e in plan_site(office.uow(), BookletOptions(municipality_codes=(NAGANO,))).entries] == ["ひだまりサロン"]
    for bad, said in ((BookletOptions(kinds=("温泉",)), "種類「温泉」は一覧にありません"),
                      (BookletOptions(regions=("南極",)), "圏域「南極」は登録されていません"),
                      (BookletOptions(municipality_codes=("999999",)), "市町村コード「999999」")):
        with pytest.raises(UserError, match=said):
            write_site(office.uow(), here / "x", bad)
        assert not (here / "x").exists()
    with pytest.raises(UserError, match="条件に合う掲載可の地域資源がありません"):
        write_site(office.uow(), here / "x", BookletOptions(kinds=("配食",)))
    assert list(here.iterdir()) == []  # no temporary folder left


def test_dry_run_says_what_is_left_out(office: AppContext, here: Path) -> None:
    plan = plan_site(office.uow(), BookletOptions())
    assert (len(plan.entries), plan.photos, plan.unpublished, plan.municipalities, plan.kinds) == (2, 1, 1, 2, 2)
    text = "\n".join(plan.lines())
    assert "・ひだまりサロン　長野市・サロン　写真1枚（載せないもの: 写真1枚（掲載の同意なし））" in text
    assert "・見守りネット桜　松本市・見守り　写真0枚（載せないもの: 連絡先（掲載の同意が「可」でない））" in text
    assert "掲載可でない記録 1件は載せません" in text and "非掲載の集い" not in text
    assert list(here.iterdir()) == []


def test_an_earlier_export_is_replaced_anything_else_refused(office: AppContext, here: Path) -> None:
    out = here / "site"
    write_site(office.uow(), out, BookletOptions())
    stale = out / "activities" / "old-entry.html"
    stale.write_text("old", "utf-8")
    again = write_site(office.uow(), out, BookletOptions(kinds=("サロン",)))
    assert again.replaced and not stale.exists() and len(list((out / "activities").iterdir())) == 1
    assert sorted(p.name for p in here.iterdir()) == ["site"]  # neither the old nor a temporary folder

    (out / "私のメモ.docx").write_text("keep", "utf-8")  # a user's file in the site folder: refused
    with pytest.raises(OutputPathError, match="私のメモ.docx"):
        write_site(office.uow(), out, BookletOptions())
    foreign = here / "documents"
    foreign.mkdir()
    (foreign / "index.html").write_text("<!DOCTYPE html><title>mine</title>", "utf-8")
    with pytest.raises(OutputPathError, match="サイト以外のもの"):
        write_site(office.uow(), foreign, BookletOptions())
    assert (foreign / "index.html").read_text("utf-8").endswith("mine</title>")
    a_file = here / "file.txt"
    a_file.write_text("x", "utf-8")
    with pytest.raises(OutputPathError, match="ファイルです"):
        write_site(office.uow(), a_file, BookletOptions())
    with pytest.raises(OutputPathError, match="親フォルダー"):
        write_site(office.uow(), here / "no" / "such", BookletOptions())
    empty = here / "empty"
    empty.mkdir()
    assert write_site(office.uow(), empty, BookletOptions()).entries == 2


def test_cancel_leaves_the_earlier_site_as_it_was(office: AppContext, here: Path) -> None:
    out = here / "site"
    write_site(office.uow(), out, BookletOptions())
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    abort = threading.Event()
    seen: list[float] = []

    def progress(fraction: float, message: str) -> None:
        seen.append(fraction)
        if fraction > 0.1:
            abort.set()

    with pytest.raises(Cancelled):
        write_site(office.uow(), out, BookletOptions(kinds=("サロン",)), progress=progress, abort=abort)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert sorted(p.name for p in here.iterdir()) == ["site"]
    assert seen
