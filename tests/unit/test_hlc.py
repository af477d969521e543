"""Hybrid logical clock: monotonic, past the peers it hears from, deaf to wild clocks."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sasaeai_desktop.domain import hlc

DAY = 86_400_000


def test_tick_follows_the_wall_clock_and_never_goes_back() -> None:
    a = hlc.tick(0, 1_000)
    assert hlc.physical_ms(a) == 1_000
    b = hlc.tick(a, 900)  # the wall clock stepped back
    assert b > a and hlc.physical_ms(b) == 1_000
    c = hlc.tick(b, 2_000)
    assert c > b and hlc.physical_ms(c) == 2_000


def test_logical_overflow_borrows_the_next_millisecond() -> None:
    last = hlc.pack(5, (1 << hlc.LOGICAL_BITS) - 1)
    nxt = hlc.tick(last, 5)
    assert nxt > last and hlc.physical_ms(nxt) == 6


def test_receive_moves_past_the_peer() -> None:
    mine = hlc.tick(0, 1_000)
    theirs = hlc.pack(5_000, 3)
    got = hlc.receive(mine, theirs, 1_200)
    assert got.adopted and got.clock > theirs


def test_a_clock_more_than_a_day_ahead_is_not_adopted() -> None:
    mine = hlc.tick(0, 1_000)
    wild = hlc.pack(1_000 + 2 * DAY)
    got = hlc.receive(mine, wild, 1_000)
    assert not got.adopted and got.clock < wild and got.clock > mine


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 10 * DAY), st.integers(0, 10 * DAY)), max_size=60))
def test_monotonic_under_any_sequence(events: list[tuple[bool, int, int]]) -> None:
    clock = 0
    for is_receive, now, remote in events:
        new = hlc.receive(clock, hlc.pack(remote), now).clock if is_receive else hlc.tick(clock, now)
        assert new > clock
        clock = new
