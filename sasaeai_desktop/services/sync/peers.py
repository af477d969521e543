"""The other laptops as this database knows them: their names, finding one from what an officer
types (a name or the end of an id), and marking one as no longer used."""

from __future__ import annotations

import json
import sqlite3

from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.services.sync.replica import transaction


def peer_names(db: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in db.execute("SELECT replica_id, name FROM sync_peer")}


def short_id(replica_id: str) -> str:
    return replica_id[-8:]


def peer_label(names: dict[str, str], replica_id: str) -> str:
    name = names.get(replica_id, "")
    return f"{name}（{short_id(replica_id)}）" if name else short_id(replica_id)


def resolve_peer(db: sqlite3.Connection, query: str) -> tuple[str, dict[str, int]] | None:
    rows = db.execute("SELECT replica_id, name, acked FROM sync_peer").fetchall()
    exact = [r for r in rows if query in (r[0], r[1])]
    if not exact:
        exact = [r for r in rows if r[0].endswith(query) or r[0].startswith(query)]
    if len(exact) > 1 and query not in [r[0] for r in exact]:
        exact = _in_use(db, exact)
    if len(exact) > 1:
        raise UserError(f"「{query}」に当てはまる端末が複数あります: {', '.join(peer_label({r[0]: r[1] for r in exact}, r[0]) for r in exact)}")
    if not exact:
        return None
    return exact[0][0], json.loads(exact[0][2] or "{}")


def _in_use(db: sqlite3.Connection, rows: list[tuple]) -> list[tuple]:
    """Of several laptops with one name, the one in use: a copied or restored folder takes a new
    id under the same name (change_capture.check_identity), and the old id stops issuing. The
    one with the newest entry here wins; a tie stays ambiguous."""
    newest = {r[0]: (db.execute("SELECT max(hlc) FROM sync_entry WHERE origin = ?", (r[0],)).fetchone()[0] or 0) for r in rows}
    top = max(newest.values())
    best = [r for r in rows if newest[r[0]] == top]
    return best if len(best) == 1 else rows


def set_peer_retired(uow: UnitOfWork, peer: str, retired: bool = True) -> str:
    """Mark another laptop as no longer used (or in use again); returns how it is named.

    A local decision, not synced: a retired laptop leaves the page's lists and stops counting as
    one whose acknowledgement the compaction waits for. Its changes, history and files stay, and a
    file that arrives from it later brings it back (see importing.import_file).
    """
    if not peer.strip():
        raise UserError("使わなくなったパソコンの名前かIDを指定してください。")
    with transaction(uow) as db:
        found = resolve_peer(db, peer.strip())
        if found is None:
            raise UserError(f"端末「{peer}」は見つかりません。名前かID（末尾でも可）を sasaeai sync status で確かめてください。")
        rid = found[0]
        if rid == cc.get_meta(db, cc.META_REPLICA):
            raise UserError("このパソコン自身は「使わなくなった」にできません。相手のパソコンを指定してください。")
        db.execute("UPDATE sync_peer SET retired = ? WHERE replica_id = ?", (int(retired), rid))
        label = peer_label(peer_names(db), rid)
        uow.commit()
    return label
