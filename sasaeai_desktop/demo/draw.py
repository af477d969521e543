"""Drawing from fixed tables with the demo's one ``random.Random``, and fitting texts to a stage."""

from __future__ import annotations

import bisect
import heapq
import math
import random
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from sasaeai_desktop.demo import phrases as P


class Weighted:
    """Draw from fixed items with fixed weights (bisect on cumulative weights)."""

    __slots__ = ("items", "cum", "total")

    def __init__(self, items: Sequence[Any], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum: list[float] = []
        acc = 0.0
        for w in weights:
            acc += w
            self.cum.append(acc)
        self.total = acc

    def draw(self, rng: random.Random) -> Any:
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


def weighted_sample(rng: random.Random, items: Sequence[Any], weights: Sequence[float], k: int) -> list[Any]:
    """k distinct items, drawn with probability proportional to weight (Efraimidis–Spirakis)."""
    if k <= 0:
        return []
    keyed = [(math.log(rng.random() or 1e-300) / w, i) for i, w in enumerate(weights) if w > 0]
    if k >= len(keyed):
        chosen = keyed
    else:
        chosen = heapq.nlargest(k, keyed)
    return [items[i] for _, i in chosen]


def _early_only(text: str) -> bool:
    return any(marker in text for marker in P.EARLY_ONLY_MARKERS)


def fit(texts: Sequence[Any], stage: int, key: Callable[[Any], str] = str) -> Sequence[Any]:
    """The texts that fit a municipality's stage: before the program (0) nothing about SCs or
    councils; past stage ① nothing about setting them up. Falls back to all texts."""
    if stage == 0:
        fit = [t for t in texts if not any(mk in key(t) for mk in P.PRE_PROGRAM_MARKERS)]
    elif stage >= 2:
        fit = [t for t in texts if not _early_only(key(t))]
    else:
        return texts
    return fit or texts
