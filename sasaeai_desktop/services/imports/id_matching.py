"""Matching a row on the ID column an exported sheet carries, before anything else."""

from __future__ import annotations

from sasaeai_desktop.services.imports.kind_base import ImportKind
from sasaeai_desktop.services.imports.plan_rows import UPDATE
from sasaeai_desktop.services.imports.plan_rows import PlannedRow


class IdMatching(ImportKind):
    """A kind whose export writes an ID column (people, advisors, the logs)."""

    ids: dict[str, str]  # ID → the record a row with it updates (a merged person: the one kept)
    seen_ids: dict[str, int]  # ID → the first row that gave it
    matched_otherwise: str  # what a row whose ID is not registered is matched on ('氏名')

    def _by_id(self, r: PlannedRow) -> bool:
        """Match on the sheet's ID column: True when that settled the row."""
        rid = r.values.get("id")
        if rid is None:
            return False
        first = self.seen_ids.get(rid)
        if first is not None:
            self.problem(r, "id", f"同じIDの行が{first}行目にもあります。1行にまとめてください")
            return True
        self.seen_ids[rid] = r.row
        target = self.ids.get(rid)
        if target is None:
            r.note = f"IDが登録されていないため、{self.matched_otherwise}で照合しました"
            return False
        r.action, r.target_id = UPDATE, target
        return True
