"""Duplicate people after sync: find them (same normalised name and reading) and merge them.

Two laptops may each type in the same coordinator; there is no UNIQUE constraint to make file
order decide who survives (sync-design.md §6). After an import the duplicates are offered for
merging: the merged-away row keeps a synced ``merged_into_id`` pointer, every reference to it is
redirected to the kept person (an ordinary captured write that travels like any edit), and
references that arrive later from other laptops are redirected after each import.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.names import VARIANT_KEY_CHARS
from sasaeai_desktop.domain.names import variant_key
from sasaeai_desktop.services.sync.replica import transaction


@dataclass(frozen=True)
class PersonBrief:
    id: str
    name: str
    kana: str
    role: str
    municipality: str
    affiliation: str


@dataclass(frozen=True)
class DuplicateGroup:
    name_key: str
    kana_key: str
    people: tuple[PersonBrief, ...]


@dataclass(frozen=True)
class MergeResult:
    kept: str
    merged_away: str
    redirected: int  # references moved to the kept person


def person_references(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, column) of every foreign key to person, except person.merged_into_id itself."""
    out = []
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall():
        if table.startswith(("sqlite_", "sync_")):
            continue
        for fk in db.execute(f'PRAGMA foreign_key_list("{table}")'):
            if fk[2] == "person" and not (table == "person" and fk[3] == "merged_into_id"):
                out.append((table, fk[3]))
    return out


# Same municipality too, as imports match people: namesakes in two towns are usually two people,
# and a demo-sized roster has hundreds of them that would bury the real copies.
# A name whose key has a character of names.VARIANT_KEY_CHARS (斉/斎, 竜/龍: different characters
# that name_key keeps apart) is grouped by variant_key in Python, so 斉藤 and 齋藤 are offered
# together as 「同じ人かも」; SQLite groups every other name (one GLOB per row finds the few).
_VARIANT_GLOB = f"name_key GLOB '*[{VARIANT_KEY_CHARS}]*'"
_LIVE = "deleted = 0 AND merged_into_id IS NULL AND name_key != ''"
_DUPLICATE_KEYS_SQL = (
    f"SELECT name_key, kana_key, coalesce(municipality_id, '') FROM person WHERE {_LIVE} AND NOT {_VARIANT_GLOB} "
    "GROUP BY 1, 2, 3 HAVING count(*) > 1"
)
_BRIEF_SQL = ("SELECT p.id, p.name, p.kana, p.role, coalesce(m.name, ''), p.affiliation FROM person p "
              "LEFT JOIN municipality m ON m.id = p.municipality_id ")


def _variant_groups(db: sqlite3.Connection) -> dict[tuple[str, str, str], list[str]]:
    """(variant key, kana_key, municipality) → ids, oldest first, of the names with a variant
    character, where two or more fall together."""
    groups: dict[tuple[str, str, str], list[str]] = {}
    for pid, nk, kk, muni in db.execute(
        f"SELECT id, name_key, kana_key, coalesce(municipality_id, '') FROM person WHERE {_LIVE} AND {_VARIANT_GLOB} "
        "ORDER BY id"
    ):
        groups.setdefault((variant_key(nk), kk, muni), []).append(pid)
    return {k: ids for k, ids in groups.items() if len(ids) > 1}


def count_duplicates_raw(db: sqlite3.Connection) -> int:
    """How many groups find_duplicates_raw would list (the sync page and import summary)."""
    return db.execute(f"SELECT count(*) FROM ({_DUPLICATE_KEYS_SQL})").fetchone()[0] + len(_variant_groups(db))


def find_duplicates_raw(db: sqlite3.Connection) -> list[DuplicateGroup]:
    out = []
    for nk, kk, muni in db.execute(f"{_DUPLICATE_KEYS_SQL} ORDER BY 1, 2, 3").fetchall():
        rows = db.execute(
            _BRIEF_SQL + "WHERE p.deleted = 0 AND p.merged_into_id IS NULL AND p.name_key = ? AND p.kana_key = ? "
            "AND coalesce(p.municipality_id, '') = ? ORDER BY p.id",
            (nk, kk, muni),
        ).fetchall()
        out.append(DuplicateGroup(nk, kk, tuple(PersonBrief(*r) for r in rows)))
    for (vk, kk, _muni), ids in _variant_groups(db).items():
        rows = db.execute(_BRIEF_SQL + f"WHERE p.id IN ({','.join('?' * len(ids))}) ORDER BY p.id", ids).fetchall()
        out.append(DuplicateGroup(vk, kk, tuple(PersonBrief(*r) for r in rows)))
    out.sort(key=lambda g: (g.name_key, g.kana_key))  # stable: the SQL groups keep their municipality order
    return out


def find_duplicate_people(uow: UnitOfWork) -> list[DuplicateGroup]:
    """People who are probably the same (same name_key — or the same but for 斉/齋 and the other
    VARIANT_GROUPS —, kana_key and municipality), oldest id first. Only offered: merging is the
    user's choice (merge_people)."""
    with transaction(uow, immediate=False) as db:
        return find_duplicates_raw(db)


def _final_target(db: sqlite3.Connection, person_id: str) -> str | None:
    """Follow merged_into pointers; None when they loop (two laptops merged each into the other)."""
    seen = {person_id}
    current = person_id
    while True:
        row = db.execute("SELECT merged_into_id FROM person WHERE id = ?", (current,)).fetchone()
        if row is None or row[0] is None:
            return current
        current = row[0]
        if current in seen:
            return None
        seen.add(current)


def redirect_merged(db: sqlite3.Connection) -> int:
    """Point every reference to a merged-away person at the person it was merged into."""
    merged = [r[0] for r in db.execute("SELECT id FROM person WHERE merged_into_id IS NOT NULL")]
    if not merged:
        return 0
    targets = {pid: _final_target(db, pid) for pid in merged}
    moved = 0
    for table, col in person_references(db):
        for away, target in targets.items():
            if target is None or target == away:
                continue
            cur = db.execute(f'UPDATE "{table}" SET "{col}" = ? WHERE "{col}" = ?', (target, away))
            moved += cur.rowcount
    return moved


def merge_people(uow: UnitOfWork, keep: str, merge_away: str) -> MergeResult:
    """Merge ``merge_away`` into ``keep``: references move to ``keep``; the row stays, pointing at it."""
    if keep == merge_away:
        raise UserError("同じ人どうしは統合できません。")
    with transaction(uow) as db:
        for pid in (keep, merge_away):
            row = db.execute("SELECT deleted, merged_into_id FROM person WHERE id = ?", (pid,)).fetchone()
            if row is None:
                raise NotFoundError(f"指定された人（{pid}）は見つかりません。")
        if _final_target(db, keep) != keep:
            raise UserError("残す人はすでに別の人に統合されています。統合先の人を指定してください。")
        db.execute("UPDATE person SET merged_into_id = ? WHERE id = ?", (keep, merge_away))
        moved = redirect_merged(db)
        uow.commit()
    return MergeResult(keep, merge_away, moved)


__all__ = [
    "DuplicateGroup", "MergeResult", "PersonBrief", "count_duplicates_raw", "find_duplicate_people", "find_duplicates_raw",
    "merge_people", "person_references", "redirect_merged",
]
