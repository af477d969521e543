"""Which value a field in conflict shows: the same on every replica, whatever the entries are
called there (a fork renames a copied laptop's branch after values were chosen)."""

from __future__ import annotations

from sasaeai_desktop.services.sync.merge import EntryInfo
from sasaeai_desktop.services.sync.merge import Head
from sasaeai_desktop.services.sync.merge import winner


def _heads(origin_a: str, origin_b: str) -> list[Head]:
    # two copies of one laptop tick the same clock: a tie
    a = EntryInfo(1, origin_a, 2, 1_000, {}, hash="a1" * 32)
    b = EntryInfo(2, origin_b, 2, 1_000, {}, hash="b2" * 32)
    return [Head(a, "role A"), Head(b, "role B")]


def test_a_tie_goes_the_same_way_before_and_after_a_fork_renames_a_branch() -> None:
    before = _heads("01a22ee6-0000-7000-8000-000000000001", "01a22ee6-0000-7000-8000-000000000001")
    after = _heads("00000000-0000-5000-8000-000000000001", "01a22ee6-0000-7000-8000-000000000001")
    assert winner("role", before).value == winner("role", after).value == "role B"


def test_the_later_clock_wins_and_a_delete_is_never_outranked_by_an_edit() -> None:
    a = EntryInfo(1, "z", 1, 2_000, {}, hash="00")
    b = EntryInfo(2, "a", 1, 1_000, {}, hash="ff")
    assert winner("role", [Head(a, "new"), Head(b, "old")]).value == "new"
    assert winner("deleted", [Head(a, 0), Head(b, 1)]).value == 1
