"""Tests for sasaeai_desktop.domain.ids (UUIDv7)."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC
from datetime import datetime
from datetime import timedelta

import pytest

from sasaeai_desktop.domain.ids import UUID7Generator
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.ids import new_ids
from sasaeai_desktop.domain.ids import uuid7
from sasaeai_desktop.domain.ids import uuid7_datetime


def _fields(u: uuid.UUID) -> tuple[int, int, int, int, int]:
    """(unix_ms, version, rand_a, variant, rand_b) of a UUID."""
    n = u.int
    return n >> 80, (n >> 76) & 0xF, (n >> 64) & 0xFFF, (n >> 62) & 0b11, n & ((1 << 62) - 1)


class FakeClock:
    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_layout() -> None:
    before = time.time_ns() // 1_000_000
    u = uuid7()
    after = time.time_ns() // 1_000_000
    ms, version, _, variant, _ = _fields(u)
    assert u.version == 7 and version == 7
    assert u.variant == uuid.RFC_4122 and variant == 0b10
    # The counter may borrow a few ms ahead when called very fast; allow a little slack.
    assert before <= ms <= after + 5


def test_new_id_is_canonical_string() -> None:
    s = new_id()
    assert isinstance(s, str)
    assert len(s) == 36 and s == s.lower()
    assert str(uuid.UUID(s)) == s
    assert uuid.UUID(s).version == 7


def test_sorted_order_equals_creation_order_over_10000_ids() -> None:
    ids = [uuid7() for _ in range(10_000)]
    assert len(set(ids)) == len(ids)
    assert sorted(ids) == ids
    strings = [str(u) for u in ids]
    assert sorted(strings) == strings  # text columns sort the same way


def test_new_id_strings_sort_in_creation_order() -> None:
    ids = [new_id() for _ in range(2_000)]
    assert sorted(ids) == ids
    assert len(set(ids)) == len(ids)


def test_same_millisecond_increments_counter() -> None:
    gen = UUID7Generator(clock_ms=FakeClock(1_700_000_000_000))
    ids = [gen() for _ in range(100)]
    counters = [_fields(u)[2] for u in ids]
    assert all(_fields(u)[0] == 1_700_000_000_000 for u in ids)
    assert counters == list(range(counters[0], counters[0] + 100))
    assert counters[0] < 0x800  # seeded with the top bit clear for headroom


def test_new_millisecond_reseeds_counter() -> None:
    clock = FakeClock(1_000)
    gen = UUID7Generator(clock_ms=clock, randbits=lambda bits: 0)
    first = gen()
    second = gen()
    clock.ms = 1_001
    third = gen()
    assert [_fields(u)[:3] for u in (first, second, third)] == [(1_000, 7, 0), (1_000, 7, 1), (1_001, 7, 0)]


def test_counter_overflow_borrows_the_next_millisecond() -> None:
    gen = UUID7Generator(clock_ms=FakeClock(5_000), randbits=lambda bits: (1 << bits) - 1)
    ids = [gen() for _ in range(3_000)]
    assert sorted(ids) == ids and len(set(ids)) == len(ids)
    # Seed 0x7FF leaves 0x800 increments (0x7FF..0xFFF) in the first millisecond.
    assert {_fields(u)[0] for u in ids[:2049]} == {5_000}
    assert _fields(ids[2049])[0] == 5_001


def test_clock_going_backwards_keeps_order() -> None:
    clock = FakeClock(10_000)
    gen = UUID7Generator(clock_ms=clock)
    ids = [gen()]
    clock.ms = 9_000  # NTP stepped the clock back a second
    ids += [gen() for _ in range(50)]
    clock.ms = 10_500
    ids += [gen() for _ in range(5)]
    assert sorted(ids) == ids
    assert _fields(ids[1])[0] == 10_000
    assert _fields(ids[-1])[0] == 10_500


def test_random_bits_differ() -> None:
    gen = UUID7Generator(clock_ms=FakeClock(1))
    rand_b = {_fields(gen())[4] for _ in range(1_000)}
    assert len(rand_b) == 1_000


def test_threads_get_unique_ids_in_order() -> None:
    per_thread: list[list[uuid.UUID]] = [[] for _ in range(8)]

    def work(out: list[uuid.UUID]) -> None:
        for _ in range(2_000):
            out.append(uuid7())

    threads = [threading.Thread(target=work, args=(out,)) for out in per_thread]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    everything = [u for out in per_thread for u in out]
    assert len(set(everything)) == len(everything)
    for out in per_thread:
        assert sorted(out) == out


def test_uuid7_datetime() -> None:
    gen = UUID7Generator(clock_ms=FakeClock(1_735_689_600_123))  # 2025-01-01T00:00:00.123Z
    u = gen()
    expected = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(milliseconds=123)
    assert uuid7_datetime(u) == expected
    assert uuid7_datetime(str(u)) == expected


def test_uuid7_datetime_is_now_for_fresh_ids() -> None:
    now = datetime.now(UTC)
    assert abs(uuid7_datetime(uuid7()) - now) < timedelta(seconds=5)


def test_uuid7_datetime_rejects_other_versions() -> None:
    with pytest.raises(ValueError):
        uuid7_datetime(uuid.uuid4())


class SeededBits:
    """A deterministic randbits: the same sequence of bits whatever the sizes asked for."""

    def __init__(self, seed: int) -> None:
        import random

        self._rnd = random.Random(seed)

    def __call__(self, bits: int) -> int:
        return self._rnd.getrandbits(bits)


@pytest.mark.parametrize("start_counter", [0, 0x7FF])
def test_strings_match_one_call_at_a_time(start_counter: int) -> None:
    """A batch has the layout, order and counter steps of single calls (rolling over into the
    next millisecond when the 12-bit counter runs out)."""
    clock = FakeClock(1_700_000_000_000)
    single = UUID7Generator(clock_ms=clock, randbits=lambda bits: start_counter if bits == 11 else 0)
    batch = UUID7Generator(clock_ms=clock, randbits=lambda bits: start_counter if bits == 11 else 0)
    expected = [str(single()) for _ in range(5_000)]
    got = batch.strings(4_000) + batch.strings(1_000)
    assert got == expected
    assert _fields(uuid.UUID(got[-1]))[0] > 1_700_000_000_000  # the counter ran out at least once


def test_strings_are_canonical_unique_and_sorted_with_single_ids() -> None:
    gen = UUID7Generator(randbits=SeededBits(7))
    ids = [str(gen()), *gen.strings(3_000), str(gen()), *gen.strings(1), *gen.strings(0)]
    assert len(ids) == 3_003 and len(set(ids)) == len(ids)
    assert sorted(ids) == ids
    for s in ids:
        u = uuid.UUID(s)
        assert str(u) == s and u.version == 7 and u.variant == uuid.RFC_4122
    rand_b = {_fields(uuid.UUID(s))[4] for s in ids}
    assert len(rand_b) == len(ids)  # the random part is not reused across a block


def test_strings_take_rand_b_from_the_random_bits_and_keep_the_variant() -> None:
    """All-ones random bits give rand_b all ones and still the RFC variant (0b10) in every id."""
    def ones(bits: int) -> int:
        return 5 if bits == 11 else (1 << bits) - 1

    gen = UUID7Generator(clock_ms=FakeClock(1_700_000_000_000), randbits=ones)
    for s in gen.strings(130):  # three blocks of random bits, the last one short
        ms, version, _rand_a, variant, rand_b = _fields(uuid.UUID(s))
        assert (ms, version, variant, rand_b) == (1_700_000_000_000, 7, 0b10, (1 << 62) - 1)


def test_new_ids_continue_after_new_id() -> None:
    first = new_id()
    batch = new_ids(500)
    assert len(batch) == 500 and first < batch[0] and batch == sorted(batch) and batch[-1] < new_id()


def test_strings_put_each_ids_random_bits_in_its_own_rand_b() -> None:
    """The k-th 64 bits drawn go to the k-th id (their low 62 bits; the top two are the variant's)."""
    n = 2_200  # counters 0x7f0 … 0xfff, then a new millisecond: two runs to fill
    values = [(k * 0x9E3779B97F4A7C15 + 12345) % 2**64 for k in range(n)]

    def bits(count: int) -> int:
        if count == 11:
            return 0x7F0
        assert count == 64 * n
        return int.from_bytes(b"".join(v.to_bytes(8, "big") for v in values), "big")

    ids = UUID7Generator(clock_ms=FakeClock(1_700_000_000_000), randbits=bits).strings(n)
    for k, s in enumerate(ids):
        ms, version, rand_a, variant, rand_b = _fields(uuid.UUID(s))
        assert (version, variant, rand_b) == (7, 0b10, values[k] & ((1 << 62) - 1))
    assert {_fields(uuid.UUID(s))[0] for s in ids} == {1_700_000_000_000, 1_700_000_000_001}
