"""What the visit and consultation log imports share: the export's ID column, a municipality by
code or name, the people named in a cell, the diff.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.services.imports.id_matching import IdMatching
from sasaeai_desktop.services.imports.parsers import Rule
from sasaeai_desktop.services.imports.plan_rows import CREATE
from sasaeai_desktop.services.imports.plan_rows import SKIP
from sasaeai_desktop.services.imports.plan_rows import UPDATE
from sasaeai_desktop.services.imports.plan_rows import PlannedRow
from sasaeai_desktop.services.municipality_names import MunicipalityResolver


def municipality_of(values: dict[str, Any]) -> str | None:
    """The row's municipality for its label (also before matching, and on a row with problems)."""
    return values.get("_mid") or values.get("municipality_code") or values.get("municipality")


class LogPeople:
    """Live people by name key, with what tells sides apart (municipality, advisor)."""

    def __init__(self, session: Session) -> None:
        p, a = m.Person, m.Advisor
        self.by_key: dict[str, list[tuple[str, str | None, bool]]] = defaultdict(list)
        rows = session.execute(
            select(p.id, p.name_key, p.municipality_id, a.id)
            .outerjoin(a, (a.person_id == p.id) & a.deleted.is_(False))
            .where(p.deleted.is_(False), p.merged_into_id.is_(None))
        )
        for pid, key, mid, aid in rows:
            self.by_key[key].append((pid, mid, aid is not None))
        self.new: dict[tuple[str, str, str | None], str] = {}  # people this import registers

    def find(self, name: str, side: str, municipality_id: str | None) -> list[str]:
        """The ids the name can be, best fitting the side first (an empty list: not registered)."""
        known = self.by_key.get(name_key(name), [])
        if side == "advisor":
            fit = [k for k in known if k[2]]
        elif side == "municipality":
            fit = [k for k in known if k[1] == municipality_id]
        elif side == "prefecture":
            fit = [k for k in known if k[1] is None and not k[2]]
        else:  # a consultation's 相談者: someone of that municipality, never a namesake elsewhere
            return list(dict.fromkeys(k[0] for k in known if not municipality_id or k[1] == municipality_id))
        chosen = fit or known
        return list(dict.fromkeys(k[0] for k in chosen))


# The columns both logs read alike: a municipality by code or by name, the export's ID.
LOG_RULES = {
    "municipality_code": Rule("municipality"),
    "municipality": Rule("municipality"),
    "id": Rule("record_id"),
}


class LogImport(IdMatching):
    """What the record sheets share: the export's ID column, a municipality by code or name, the
    match on a natural key, the diff."""

    resolver: MunicipalityResolver
    matched_otherwise = "ほかの列"
    seen: dict[Any, int]  # natural key → the first row of the sheet that gave it
    index: dict[Any, Any]  # natural key → the stored records under it (ids; visits keep start times too)

    def _by_key(self, r: PlannedRow, key: Any, column: str, again: str, stored: str) -> None:
        """Match on a natural key: the one stored record that has it (UPDATE), none (CREATE), or a
        problem at ``column`` — ``again`` when an earlier row gave the key ({first}: its row),
        ``stored`` when several records have it ({n}: how many)."""
        first = self.seen.get(key)
        if first is not None:
            self.problem(r, column, again.format(first=first))
            return
        self.seen[key] = r.row
        same: list[str] = self.index.get(key, [])
        if len(same) == 1:
            r.action, r.target_id = UPDATE, same[0]
        elif same:
            self.problem(r, column, stored.format(n=len(same)))
        else:
            r.action = CREATE

    def parse_municipality(self, value: Any) -> str:
        return self.resolver.resolve(value)

    def _municipality(self, r: PlannedRow, key: str = "municipality", *, required: bool = True) -> str | None:
        """The row's municipality from its ``key`` column and ``key``_code (they must agree); a
        blank one is a problem where ``required``."""
        v = r.values
        by_code, by_name = v.get(key + "_code"), v.get(key)
        if by_code and by_name and by_code != by_name:
            what = self.header(key)
            self.problem(r, key, f"{what}「{self.resolver.display(by_name)}」と{self.header(key + '_code')}"
                         f"（{self.resolver.display(by_code)}）が一致しません")
            return None
        mid = by_code or by_name
        if mid is None and required:
            self.problem(r, key if key in self.where else key + "_code", "市町村が空欄です")
        return mid

    def updated_fields(self, r: PlannedRow, columns: tuple[str, ...]) -> dict[str, Any]:
        """What an UPDATE row writes of ``columns`` (the changed ones), its municipality if that
        changed, its id and the time."""
        changed = r.extra.get("changed", ())
        rec: dict[str, Any] = {"id": r.target_id, "updated_at": self.now}
        rec.update({k: r.values[k] for k in changed if k in columns})
        if "municipality_code" in changed or "municipality" in changed:
            rec["municipality_id"] = r.values["_mid"]
        return rec

    def rows_to_write(
        self, rows: list[PlannedRow], columns: tuple[str, ...], new_fields: Callable[[PlannedRow], dict[str, Any]],
        amend: Callable[[PlannedRow, dict[str, Any]], None] | None = None,
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The records to INSERT — a new id (also in ``r.extra['new_id']``), the municipality,
        ``new_fields(r)`` and the times — and to UPDATE: ``updated_fields`` of ``columns``, then
        ``amend(r, record)`` for what a kind writes otherwise."""
        now = self.now
        creates: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for r in rows:
            if r.action == CREATE:
                r.extra["new_id"] = rid = new_id()
                creates.append({"id": rid, "municipality_id": r.values["_mid"], **new_fields(r),
                                "created_at": now, "updated_at": now, "deleted": False})
            elif r.action == UPDATE:
                rec = self.updated_fields(r, columns)
                if amend is not None:
                    amend(r, rec)
                updates.append(rec)
        return creates, updates

    # A name compared as written, not folded (事業名, 研修名): a record matched by its ID takes
    # the spelling of the sheet.
    exact_key: str | None = None

    def differs(self, key: str, new: Any, stored: dict[str, Any]) -> bool:
        if key == self.exact_key:
            return bool(new != stored[key])
        return not self.same(key, new, stored.get(key))

    def rows_to_store(self, rows: list[PlannedRow]) -> list[tuple[PlannedRow, dict[str, Any]]]:
        """For ``finish``'s checks of what would be stored: each new row and each row onto a stored
        record (changed or not) with no problem yet, with that record's snapshot ({} for a new one)."""
        onto = [r for r in rows if r.action in (UPDATE, SKIP) and r.target_id and not r.problems]
        stored = self.snapshots([r.target_id for r in onto if r.target_id])
        return [(r, stored.get(r.target_id or "", {})) for r in [r for r in rows if r.action == CREATE and not r.problems]
                + onto]

    # The row's municipality columns and the key its resolved id is kept under (values and snapshot).
    place: tuple[str, str] = ("municipality", "_mid")

    def diff(self, values: dict[str, Any], stored: dict[str, Any]) -> tuple[str, ...]:
        out = []
        column, resolved = self.place
        for k, new in values.items():
            if k in ("id", resolved):
                continue
            if k in (column, column + "_code"):
                if new != stored[resolved]:
                    out.append(k)
            elif self.differs(k, new, stored):
                out.append(k)
        return tuple(out)
