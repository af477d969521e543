"""「同じ人かも」: people whose name differs from a row's only by a variant character (斉藤 / 齋藤).

``name_key`` keeps 斉 and 齋 apart on purpose (they are different characters, and 斉藤 and 斎藤
are often two families), so an import never matches on them silently. With the same reading (and
municipality) such a pair is still likely one person written two ways: the import asks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from sasaeai_desktop.domain.names import has_variant_chars
from sasaeai_desktop.domain.names import variant_key

__all__ = ["VariantIndex"]


class VariantIndex:
    """Over an import's index of stored people (name_key → records with ``kana_key`` and
    ``municipality_id``); built on the first row that needs it, from the few names that have a
    variant character."""

    def __init__(self, index: Mapping[str, Sequence[Any]]) -> None:
        self._index = index
        self._by_variant: dict[str, list[Any]] | None = None

    def matches(self, nk: str, kk: str, mid: str | None, *, same_municipality: bool) -> list[Any]:
        """Stored people with the row's variant key and reading (and municipality, when asked)."""
        if not kk or not has_variant_chars(nk):
            return []
        if self._by_variant is None:
            self._by_variant = defaultdict(list)
            for key, known in self._index.items():
                if has_variant_chars(key):
                    self._by_variant[variant_key(key)].extend(known)
        return [k for k in self._by_variant.get(variant_key(nk), ())
                if k.kana_key == kk and (not same_municipality or k.municipality_id == mid)]
