"""Hybrid logical clock (HLC) in milliseconds, packed into one integer.

``value = physical_ms << 16 | logical``: integers compare like (physical, logical) pairs, so the
largest value is the latest event. A local event ticks the clock; an event received from a peer
moves it past the peer's value, unless the peer's physical time is more than ``MAX_AHEAD_MS``
ahead of our wall clock (a laptop whose clock was set a year ahead): that value is never adopted,
the caller is told to warn, and our clock stays honest. Causality between replicas is tracked by
version vectors, not by the HLC, so refusing a wild clock costs nothing but tie-break accuracy.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

__all__ = ["LOGICAL_BITS", "MAX_AHEAD_MS", "Received", "pack", "physical_ms", "receive", "tick", "wall_ms"]

LOGICAL_BITS = 16
_LOGICAL_MASK = (1 << LOGICAL_BITS) - 1
MAX_AHEAD_MS = 24 * 60 * 60 * 1000  # one day


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def pack(physical: int, logical: int = 0) -> int:
    if not 0 <= logical <= _LOGICAL_MASK:
        raise ValueError("logical part out of range")
    return (physical << LOGICAL_BITS) | logical


def physical_ms(value: int) -> int:
    return value >> LOGICAL_BITS


def _logical(value: int) -> int:
    return value & _LOGICAL_MASK


def tick(last: int, now_ms: int) -> int:
    """The clock for a new local event: after ``last`` and not before the wall clock."""
    if now_ms > physical_ms(last):
        return pack(now_ms, 0)
    if _logical(last) < _LOGICAL_MASK:
        return last + 1
    return pack(physical_ms(last) + 1, 0)  # 65,536 events in one ms: borrow the next ms


@dataclass(frozen=True)
class Received:
    clock: int  # our clock after the event
    adopted: bool  # False when the remote value was too far ahead and was ignored


def receive(last: int, remote: int, now_ms: int, max_ahead_ms: int = MAX_AHEAD_MS) -> Received:
    """Merge a peer's clock value into ours (then tick)."""
    if physical_ms(remote) > now_ms + max_ahead_ms:
        return Received(tick(last, now_ms), False)
    base = max(last, remote)
    return Received(tick(base, now_ms), True)
