"""The booklet of local activities (事例集): what it publishes and what it must never print.

Every value that may not be published (a non-掲載可 entry, a contact of 否 or 未確認, a photo
without consent, 備考) is searched for in the PDF's text; the photos are counted in the file.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.booklet import BookletEntry
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.io.pdf.booklet import fit_card
from sasaeai_desktop.services.catalogue import entries
from sasaeai_desktop.services.catalogue import photos
from sasaeai_desktop.services.catalogue.booklet import BookletOptions
from sasaeai_desktop.services.catalogue.booklet import collect
from sasaeai_desktop.services.catalogue.booklet import write_booklet
from sasaeai_desktop.services.progress import regions

NAGANO, MATSUMOTO, UEDA = "202011", "202029", "202037"
PUBLISHED = ["ひだまりサロン", "代表公開太郎026-111-1111", "公開写真の説明", "見守りネット桜", "配食みどり",
             "椅子体操と茶話会", "初めての方も歓迎です"]
NEVER = ["非掲載の集い", "非掲載連絡先099-999-9999", "否の連絡先026-222-0000", "未確認の連絡先026-333-0000",
         "非公開写真の説明", "備考の秘密", "削除済みの会"]


def _mid(ctx: AppContext, code: str) -> str:
    with ctx.uow() as uow:
        return str(uow.session.scalar(select(m.Municipality.id).where(m.Municipality.code == code)))


def _entry(ctx: AppContext, name: str, code: str, **more: object) -> str:
    data = entries.EntryData(None, name, str(more.pop("kind", "通いの場")), _mid(ctx, code), **more)  # type: ignore[arg-type]
    return entries.save(ctx.uow(), data)


def _jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), colour).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def office(nagano: AppContext) -> AppContext:
    a = _entry(nagano, "ひだまりサロン", NAGANO, kind="サロン", contact="代表 公開太郎 026-111-1111", contact_consent=True,
               publishable=True, content="椅子体操と茶話会", description="初めての方も歓迎です", notes="備考の秘密",
               participants=25, cost="1回100円", schedule="毎週火曜 10:00〜11:30", frequency="週1回")
    photos.add_photo_data(nagano.uow(), a, _jpeg((200, 80, 40)), caption="公開写真の説明", publish_consent=True)
    photos.add_photo_data(nagano.uow(), a, _jpeg((40, 80, 200)), caption="非公開写真の説明", publish_consent=False)
    _entry(nagano, "非掲載の集い", NAGANO, contact="非掲載連絡先 099-999-9999", contact_consent=True, publishable=False)
    _entry(nagano, "見守りネット桜", MATSUMOTO, kind="見守り", contact="否の連絡先 026-222-0000", contact_consent=False,
           publishable=True)
    _entry(nagano, "配食みどり", UEDA, kind="配食", contact="未確認の連絡先 026-333-0000", publishable=True)
    entries.delete(nagano.uow(), _entry(nagano, "削除済みの会", UEDA, publishable=True))
    kind_id = regions.create_kind(nagano.uow(), "保健福祉圏域").id
    hokushin = regions.create_region(nagano.uow(), kind_id, "長野圏域").id
    chushin = regions.create_region(nagano.uow(), kind_id, "松本圏域").id
    regions.assign(nagano.uow(), kind_id, hokushin, [_mid(nagano, NAGANO)])
    regions.assign(nagano.uow(), kind_id, chushin, [_mid(nagano, MATSUMOTO)])
    return nagano


def _squeezed(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(pdf).pages]


def test_only_published_values_are_printed(office: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "事例集.pdf"
    result = write_booklet(office.uow(), out, BookletOptions())
    assert (result.entries, result.title) == (3, "地域の支え合い活動事例集")
    text = "".join(_squeezed(out))
    for value in PUBLISHED:
        assert value in text, value
    for value in NEVER:
        assert value not in text, value
    assert "令和" in text and "年度" in text
    images = [img for page in PdfReader(out).pages for img in page.images]
    assert len(images) == 1  # the consented photo only


def test_contents_by_region_give_each_activity_its_page(office: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    write_booklet(office.uow(), out, BookletOptions())
    pages = _squeezed(out)
    contents = pages[1]
    assert contents.index("長野圏域") < contents.index("ひだまりサロン") < contents.index("松本圏域")
    assert "（圏域未設定）" in contents  # 上田市 has no region of the kind
    for name in ("ひだまりサロン", "見守りネット桜", "配食みどり"):
        listed = int(re.search(re.escape(name) + r"（[^）]+）[^\d]*?(\d+)", contents).group(1))  # type: ignore[union-attr]
        printed_on = next(i + 1 for i, t in enumerate(pages[2:], start=2) if name in t)
        assert listed == printed_on, name
    # each section starts a page: the three activities are on three pages
    assert len(pages) == 2 + 3


def test_filters_narrow_and_are_named_on_the_cover(office: AppContext, tmp_path: Path) -> None:
    booklet = collect(office.uow(), BookletOptions(regions=("長野圏域",)))
    assert [e.name for s in booklet.sections for e in s.entries] == ["ひだまりサロン"]
    booklet = collect(office.uow(), BookletOptions(kinds=("見守り", "配食"), municipality_codes=(UEDA, MATSUMOTO)))
    assert sorted(e.name for s in booklet.sections for e in s.entries) == ["見守りネット桜", "配食みどり"]
    assert booklet.conditions == ("市町村: 上田市、松本市", "種類: 見守り、配食")
    out = tmp_path / "t.pdf"
    write_booklet(office.uow(), out, BookletOptions(kinds=("サロン",), title="令和の通いの場", fiscal_year=2025))
    cover = _squeezed(out)[0]
    assert "令和の通いの場" in cover and "令和7年度（2025年度）" in cover and "種類:サロン" in cover


@pytest.mark.parametrize(("options", "message"), [
    (BookletOptions(regions=("南極圏域",)), "圏域「南極圏域」は登録されていません。指定できる圏域: 長野圏域、松本圏域"),
    (BookletOptions(kinds=("宇宙旅行",)), "種類「宇宙旅行」は一覧にありません"),
    (BookletOptions(municipality_codes=("999999",)), "市町村コード「999999」の市町村は登録されていません"),
    (BookletOptions(kinds=("移動支援",)), "条件に合う掲載可の地域資源がありません"),
])
def test_bad_filters_write_nothing(office: AppContext, tmp_path: Path, options: BookletOptions, message: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(UserError, match=re.escape(message)):
        write_booklet(office.uow(), folder / "x.pdf", options)
    assert list(folder.iterdir()) == []


def test_a_long_text_takes_a_page_and_a_huge_one_is_shortened(nagano: AppContext) -> None:
    from reportlab.lib.units import mm

    width, half, full = 180 * mm, 130 * mm, 263 * mm
    short = BookletEntry("短い会", "サロン", "長野市", content="体操")
    long = BookletEntry("長い会", "サロン", "長野市", content="地域の方が集まって体操をします。" * 120)
    huge = BookletEntry("とても長い会", "サロン", "長野市", description="地域の方が集まって体操をします。" * 400)
    notes: list[str] = []
    card, is_full = fit_card(short, "", width, half, full, None, notes)
    assert not is_full and card.height <= half
    card, is_full = fit_card(long, "", width, half, full, None, notes)
    assert is_full and half < card.height <= full and notes == []
    card, is_full = fit_card(huge, "", width, half, full, None, notes)
    assert is_full and card.height <= full
    assert notes == ["「とても長い会」は内容・紹介文が1ページに収まらないため、途中までを印刷しました。"]


def test_progress_is_reported_and_an_abort_leaves_no_file(office: AppContext, tmp_path: Path) -> None:
    import threading

    from sasaeai_desktop.cancellation import Cancelled

    seen: list[float] = []
    write_booklet(office.uow(), tmp_path / "a.pdf", BookletOptions(), progress=lambda f, _m: seen.append(f))
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    abort = threading.Event()
    folder = tmp_path / "out"
    folder.mkdir()

    def stop(fraction: float, _message: str) -> None:
        if fraction > 0.1:
            abort.set()  # while the cards are drawn

    with pytest.raises(Cancelled):
        write_booklet(office.uow(), folder / "b.pdf", BookletOptions(), progress=stop, abort=abort)
    assert list(folder.iterdir()) == []
