"""Open conflicts — fields whose concurrent values differ after an import — and closing one with a
new write that has seen every value (keep mine, keep theirs, or a value typed in)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import hlc
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.services.sync.labels import TABLE_LABELS
from sasaeai_desktop.services.sync.labels import row_label
from sasaeai_desktop.services.sync.merge import HARD_DELETED
from sasaeai_desktop.services.sync.merge import Merger
from sasaeai_desktop.services.sync.merge import winner
from sasaeai_desktop.services.sync.peers import peer_names
from sasaeai_desktop.services.sync.replica import after_commit
from sasaeai_desktop.services.sync.replica import database_path
from sasaeai_desktop.services.sync.replica import require_dataset
from sasaeai_desktop.services.sync.replica import seal_and_check
from sasaeai_desktop.services.sync.replica import seal_pending
from sasaeai_desktop.services.sync.replica import transaction


@dataclass(frozen=True)
class ConflictValue:
    origin: str
    origin_name: str
    at: dt.datetime
    value: Any
    display: str
    is_current: bool
    is_mine: bool


@dataclass(frozen=True)
class Conflict:
    id: str
    table: str
    table_label: str
    row_id: str
    row_label: str
    field: str
    kind: str  # field / delete
    current: Any
    values: tuple[ConflictValue, ...]

    def to_json(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in ("id", "table", "table_label", "row_id", "row_label", "field", "kind", "current")}
        d["values"] = [
            {"origin": v.origin, "origin_name": v.origin_name, "at": v.at.isoformat(timespec="seconds"), "value": v.value,
             "display": v.display, "is_current": v.is_current, "is_mine": v.is_mine}
            for v in self.values
        ]
        return d


def open_conflict_keys(db: sqlite3.Connection) -> list[tuple[str, str, str]]:
    rows = db.execute(
        "SELECT tbl, row_id, field FROM sync_head WHERE field NOT IN ('created_at', 'updated_at') "
        "GROUP BY tbl, row_id, field HAVING count(DISTINCT value) > 1 ORDER BY tbl, row_id, field"
    ).fetchall()
    out = []
    for tbl, row_id, f in rows:
        if db.execute(f'SELECT 1 FROM "{tbl}" WHERE id = ?', (row_id,)).fetchone() is not None:
            out.append((tbl, row_id, f))
    return out


def conflict_id(tbl: str, row_id: str, fieldname: str) -> str:
    return hashlib.sha1(f"{tbl}\0{row_id}\0{fieldname}".encode()).hexdigest()[:10]


def _display(fieldname: str, value: Any) -> str:
    if fieldname == "deleted":
        return {0: "有効（編集あり）", 1: "削除", HARD_DELETED: "完全に削除"}.get(value, str(value))
    if value is None:
        return "（空）"
    return str(value)


def _conflict(db: sqlite3.Connection, merger: Merger, replica: str, names: dict[str, str], tbl: str, row_id: str, fieldname: str) -> Conflict:
    heads = merger.explicit_heads(tbl, row_id)[fieldname]
    win = winner(fieldname, heads)
    current = db.execute(f'SELECT "{fieldname}" FROM "{tbl}" WHERE id = ?', (row_id,)).fetchone()[0]
    mine_origin = replica if any(h.entry.origin == replica for h in heads) else win.entry.origin
    values = tuple(
        ConflictValue(h.entry.origin, names.get(h.entry.origin, ""), dt.datetime.fromtimestamp(hlc.physical_ms(h.entry.hlc) / 1000),
                      h.value, _display(fieldname, h.value), h is win, h.entry.origin == mine_origin)
        for h in sorted(heads, key=lambda h: h.entry.rank)
    )
    return Conflict(conflict_id(tbl, row_id, fieldname), tbl, TABLE_LABELS.get(tbl, tbl), row_id, row_label(db, tbl, row_id),
                    fieldname, "delete" if fieldname == "deleted" else "field", current, values)


def list_conflicts(uow: UnitOfWork) -> list[Conflict]:
    """Open conflicts: fields whose concurrent values differ (keep mine / keep theirs / edit)."""
    seal_pending(uow)
    with transaction(uow, immediate=False) as db:
        replica = cc.get_meta(db, cc.META_REPLICA) or ""
        merger = Merger(db, cc.synced_tables(db))
        names = peer_names(db)
        return [_conflict(db, merger, replica, names, *k) for k in open_conflict_keys(db)]


def resolve_conflict(uow: UnitOfWork, conflict: str, choice: str, value: Any = None) -> Conflict:
    """Close a conflict with a new write that has seen every value: mine, theirs, or ``value``.

    The write travels like any edit and closes the conflict on every replica that receives it.
    """
    if choice not in ("mine", "theirs", "value"):
        raise UserError("選択は mine（この端末の値）、theirs（相手の値）、value（値を指定）のいずれかです。")
    db_path = database_path(uow)
    with transaction(uow) as db:
        _, replica = require_dataset(db)
        seal_and_check(db, db_path)
        replica = cc.get_meta(db, cc.META_REPLICA) or replica
        merger = Merger(db, cc.synced_tables(db))
        names = peer_names(db)
        found = [k for k in open_conflict_keys(db) if conflict_id(*k) == conflict or conflict_id(*k).startswith(conflict)]
        if len(found) != 1:
            raise NotFoundError(f"競合「{conflict}」は見つかりません（解決済みか、ID が違います）。`sasaeai sync conflicts` で確認してください。")
        tbl, row_id, fieldname = found[0]
        c = _conflict(db, merger, replica, names, tbl, row_id, fieldname)
        if choice == "mine":
            chosen = next(v.value for v in c.values if v.is_mine)
        elif choice == "theirs":
            others = {json.dumps(v.value) for v in c.values if not v.is_mine}
            if len(others) != 1:
                raise UserError("相手の値が複数あります。--keep value --value ... で残す値を指定してください。")
            chosen = next(v.value for v in c.values if not v.is_mine)
        else:
            chosen = value
            if fieldname == "deleted" and chosen not in (0, 1, HARD_DELETED):
                raise UserError("削除の競合では 0（残す）か 1（削除）を指定してください。")
        if fieldname == "deleted" and chosen == HARD_DELETED:
            db.execute(f'DELETE FROM "{tbl}" WHERE id = ?', (row_id,))  # captured as a hard delete
        else:
            deleted = db.execute(f'SELECT deleted FROM "{tbl}" WHERE id = ?', (row_id,)).fetchone()[0]
            written: dict[str, Any] = {fieldname: chosen}
            if fieldname != "deleted" and deleted == 0:
                written["deleted"] = 0  # as the capture triggers do for an alive row
            cc.mute(db)
            db.execute(f'UPDATE "{tbl}" SET "{fieldname}" = ? WHERE id = ?', (chosen, row_id))
            cc.unmute(db)
            db.execute(
                "INSERT INTO sync_change (tbl, row_id, op, data, at) VALUES (?, ?, 'U', ?, ?)",
                (tbl, row_id, json.dumps(written, ensure_ascii=False), hlc.wall_ms()),
            )
        cc.seal(db)
        uow.commit()
    after_commit(uow, db_path)
    return c
