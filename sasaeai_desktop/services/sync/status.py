"""What the sync page and ``sasaeai sync status`` show: this laptop, the other laptops and what
each acknowledged, the files written and read, open conflicts, duplicate people, forks found."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.services.sync import fork as sync_fork
from sasaeai_desktop.services.sync.conflicts import open_conflict_keys
from sasaeai_desktop.services.sync.duplicates import count_duplicates_raw
from sasaeai_desktop.services.sync.peers import peer_names
from sasaeai_desktop.services.sync.replica import META_KDF
from sasaeai_desktop.services.sync.replica import seal_pending
from sasaeai_desktop.services.sync.replica import transaction


@dataclass(frozen=True)
class PeerStatus:
    replica_id: str
    name: str
    is_self: bool
    held: int  # how many of this replica's entries this database holds
    acknowledged_ours: int  # how many of ours it told us it has (-1: never heard from it)
    acknowledged: dict[str, int]
    last_in_at: dt.datetime | None
    last_out_at: dt.datetime | None
    retired: bool


@dataclass(frozen=True)
class FileRecord:
    direction: str  # in / out
    at: dt.datetime
    peer: str
    peer_name: str
    name: str
    entries: int
    bytes: int
    summary: str


@dataclass(frozen=True)
class SyncStatus:
    dataset_id: str | None
    replica_id: str | None
    replica_name: str
    own_entries: int
    pending_changes: int
    passphrase_set: bool
    peers: tuple[PeerStatus, ...]
    files: tuple[FileRecord, ...]
    open_conflicts: int
    duplicate_people: int
    forks: tuple[str, ...] = ()  # copies of a laptop found so far, in the officer's words

    def to_json(self) -> dict[str, Any]:
        def conv(v: Any) -> Any:
            if isinstance(v, dt.datetime):
                return v.isoformat(timespec="seconds")
            if isinstance(v, tuple):
                return [conv(x) for x in v]
            if hasattr(v, "__dataclass_fields__"):
                return {k: conv(getattr(v, k)) for k in v.__dataclass_fields__}
            return v

        return conv(self)


def status(uow: UnitOfWork) -> SyncStatus:
    """What the sync page shows: identity, peers and what each acknowledged, files, conflicts."""
    seal_pending(uow)
    with transaction(uow, immediate=False) as db:
        dataset = cc.get_meta(db, cc.META_DATASET)
        replica = cc.get_meta(db, cc.META_REPLICA)
        names = peer_names(db)
        peers = []
        for rid, pname, counter, acked, last_in, last_out, retired in db.execute(
            "SELECT replica_id, name, counter, acked, last_in_at, last_out_at, retired FROM sync_peer ORDER BY name, replica_id"
        ).fetchall():
            ack = json.loads(acked or "{}")
            peers.append(PeerStatus(
                rid, pname, rid == replica, counter, int(ack.get(replica, 0)) if ack else -1, ack,
                _dt(last_in), _dt(last_out), bool(retired),
            ))
        files = [
            FileRecord(d, _as_datetime(at), peer, names.get(peer, ""), n, e, b, s)
            for d, at, peer, n, e, b, s in db.execute(
                "SELECT direction, at, peer, name, entries, bytes, summary FROM sync_file ORDER BY at DESC LIMIT 50"
            ).fetchall()
        ]
        return SyncStatus(
            dataset, replica, names.get(replica or "", "") or (cc.get_meta(db, cc.META_NAME) or ""),
            cc.own_counter(db, replica) if replica else 0, cc.pending_count(db), bool(cc.get_meta(db, META_KDF)),
            tuple(peers), tuple(files), len(open_conflict_keys(db)), count_duplicates_raw(db),
            tuple(sync_fork.describe(sync_fork.all_forks(db), names)),
        )


def _dt(v: Any) -> dt.datetime | None:
    return None if v is None else _as_datetime(v)


def _as_datetime(v: Any) -> dt.datetime:
    return v if isinstance(v, dt.datetime) else dt.datetime.fromisoformat(str(v))
