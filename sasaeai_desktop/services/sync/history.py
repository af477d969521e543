"""The audit trail of a row: every write to each of its fields, which laptop made it and when
(the change log; what compaction folded is read back from sync_history)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.services.sync import compact as sync_compact
from sasaeai_desktop.services.sync.merge import HARD_DELETED
from sasaeai_desktop.services.sync.merge import Merger
from sasaeai_desktop.services.sync.peers import peer_names
from sasaeai_desktop.services.sync.replica import transaction


@dataclass(frozen=True)
class HistoryItem:
    field: str
    value: Any
    op: str
    origin: str
    origin_name: str
    at: dt.datetime  # wall clock of the laptop that made the change


def field_history(uow: UnitOfWork, table: str, row_id: str) -> list[HistoryItem]:
    """Every write to every field of a row: which replica, when (the change log is the audit
    trail; what compaction folded is read back from sync_history)."""
    with transaction(uow, immediate=False) as db:
        names = peer_names(db)
        merger = Merger(db, {})
        history = sync_compact.History(db)
        replica = cc.get_meta(db, cc.META_REPLICA) or ""
        log = list(reversed(merger.row_log(table, row_id)))
        texts = history.texts([seq for seq, _, data in log if isinstance(data, list)])
        out = []
        for seq, op, data in log:
            info = merger.entry_of_change(seq)
            origin = info.origin if info else replica
            at = db.execute("SELECT at FROM sync_change WHERE seq = ?", (seq,)).fetchone()[0]
            when = dt.datetime.fromtimestamp(at / 1000)
            fields = {"deleted": HARD_DELETED} if op == "D" else json.loads(texts[seq]) if isinstance(data, list) else data
            for f, v in fields.items():
                out.append(HistoryItem(f, v, op, origin, names.get(origin, ""), when))
        return out
