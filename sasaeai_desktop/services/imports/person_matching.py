"""Finding the person a row of a people or advisor sheet is: same normalised name + kana +
municipality → the same person; a spelling variant is asked, never matched silently.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.services.imports.id_matching import IdMatching
from sasaeai_desktop.services.imports.plan_rows import UPDATE
from sasaeai_desktop.services.imports.plan_rows import PlannedRow
from sasaeai_desktop.services.imports.possible_matches import VariantIndex
from sasaeai_desktop.services.municipality_names import MunicipalityResolver


def person_columns(key: str, value: Any) -> dict[str, Any]:
    """The person columns a changed ``key`` sets: a name or kana carries its match key along."""
    if key == "name":
        return {"name": value, "name_key": name_key(value)}
    if key == "kana":
        return {"kana": value, "kana_key": kana_key(value)}
    return {key: value}


@dataclass(slots=True)
class Known:
    id: str
    kana_key: str
    municipality_id: str | None
    advisor_id: str | None = None


def agrees(a: Any, b: Any) -> bool:
    return a == b or not a or not b


class PersonMatching(IdMatching):
    """Finding people: same normalised name + kana + municipality → the same person."""

    resolver: MunicipalityResolver
    index: dict[str, list[Known]]  # name key → the people of that name
    matched_otherwise = "氏名"
    _variants: VariantIndex  # made on first use (``_variant_matches``), dropped by ``release``

    def _load_people(self, *, advisors: bool) -> dict[str, list[Known]]:
        p = m.Person
        stmt = select(p.id, p.name_key, p.kana_key, p.municipality_id).where(
            p.deleted.is_(False), p.merged_into_id.is_(None)
        )
        if advisors:
            a = m.Advisor
            stmt = stmt.add_columns(a.id).outerjoin(a, (a.person_id == p.id) & a.deleted.is_(False))
        index: dict[str, list[Known]] = defaultdict(list)
        for row in self.session.execute(stmt):
            index[row[1]].append(Known(row[0], row[2], row[3], row[-1] if advisors else None))
        return index

    def _variant_matches(self, nk: str, kk: str, mid: str | None, *, same_municipality: bool) -> list[Known]:
        """「同じ人かも」 (services/imports/possible_matches.py): asked, never matched silently."""
        variants = getattr(self, "_variants", None)
        if not isinstance(variants, VariantIndex):
            variants = self._variants = VariantIndex(self.index)
        return variants.matches(nk, kk, mid, same_municipality=same_municipality)

    def _load_ids(self, model: Any) -> dict[str, str]:
        """id → the id to update: itself, or the person it was merged into; deleted ones left out."""
        cols = [model.id, model.merged_into_id] if model is m.Person else [model.id, model.id]
        rows = self.session.execute(select(*cols).where(model.deleted.is_(False))).all()
        return {r[0]: r[1] or r[0] for r in rows}

    def _target(self, known: Known) -> str | None:
        """The record a row matched to ``known`` updates (the person; an advisor kind: the advisor)."""
        return known.id

    def _ask(self, r: PlannedRow, known: Sequence[Known], message: str) -> None:  # pragma: no cover
        """Make ``r`` an ASK row with ``known`` as its candidates."""
        raise NotImplementedError

    def _update_or_ask(self, r: PlannedRow, exact: Sequence[Known], several: str) -> bool:
        """One stored record fits exactly: the row updates it; several do: ``several`` asks which.
        True when that settled the row."""
        if len(exact) == 1:
            r.action, r.target_id = UPDATE, self._target(exact[0])
            return True
        if exact:
            self._ask(r, exact, several)
            return True
        return False

    def _person_label(self, name: str, kana: str, municipality_id: str | None) -> str:
        extra = "・".join(x for x in (kana, self.resolver.display(municipality_id)) if x)
        return f"{name}（{extra}）" if extra else name
