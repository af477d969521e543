"""List pages (services.listing) pick a page's ids first and join only those rows, and read a block
near the end from the end: every page must be exactly the slice of the whole sorted list, whatever
the sort, direction, search and offset."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sasaeai_desktop import demo
from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.services import listing
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.listing import PageRequest

LIMIT = 50


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    ctx = open_database(Path(tmp_path_factory.mktemp("paging")) / "demo.db")
    setup.init_prefecture(ctx.uow(), "長野県")
    demo.fill_demo(ctx.uow(), scale=1)
    yield ctx
    ctx.close()


def _all_rows(ctx: AppContext, kind: str, req: PageRequest) -> list[tuple[Any, ...]]:
    with ctx.uow() as uow:
        return [tuple(r) for r in uow.session.connection().execute(listing.all_rows_query(kind, req))]


@pytest.mark.parametrize("kind", listing.list_kinds())
def test_every_page_is_the_slice_of_the_sorted_list(filled: AppContext, kind: str) -> None:
    cols = [c.key for c in listing.columns(kind)]
    for sort_key in cols[:3]:
        for descending in (False, True):
            for search in ("", "高", "ゑゐ該当なし"):  # all, some (page and total in one pass), none
                req = PageRequest(search=search, sort_key=sort_key, descending=descending, limit=LIMIT)
                whole = _all_rows(filled, kind, req)
                last = max(0, len(whole) - 1) // LIMIT * LIMIT
                for offset in sorted({0, 37, max(0, last - 13), last}):
                    page_req = PageRequest(search=search, sort_key=sort_key, descending=descending, offset=offset, limit=LIMIT)
                    page = listing.fetch_page(filled.uow(), kind, page_req)
                    expected = whole[offset:offset + LIMIT]
                    assert page.total == len(whole)
                    assert page.ids == [r[0] for r in expected], (kind, sort_key, descending, search, offset)
                    assert page.rows == [r[1:] for r in expected]
                    # With the total known, a block in the second half is read from the end.
                    again = listing.fetch_page(filled.uow(), kind, page_req, with_total=False, known_total=len(whole))
                    assert (again.ids, again.rows) == (page.ids, page.rows), (kind, sort_key, descending, search, offset)


def test_the_demo_fills_the_big_lists(filled: AppContext) -> None:
    """Without rows past the first page the test above would prove nothing about offsets."""
    for kind in ("people", "visits", "consultations"):
        assert listing.fetch_page(filled.uow(), kind, PageRequest(limit=1)).total > 2 * LIMIT


@pytest.mark.parametrize("kind", ["visits", "consultations", "dispatches"])
def test_a_search_finds_rows_by_their_municipality_name(filled: AppContext, kind: str) -> None:
    """The municipality part of the search runs over the municipalities once (listing.
    _municipality_named); every row whose shown municipality contains the words must be found."""
    col = 1 + [c.key for c in listing.columns(kind)].index("municipality")
    whole = _all_rows(filled, kind, PageRequest())
    for term in ("松本", "村", "市"):
        expected = {r[0] for r in whole if term in (r[col] or "")}
        found = {r[0] for r in _all_rows(filled, kind, PageRequest(search=term))}
        assert expected, (kind, term)
        assert expected <= found, (kind, term)
