"""Sync between laptops by exchanging files: enrol, join, export, import, status, conflicts.

The service API the CLI and the GUI's sync page use. Everything returns plain dataclasses.
How it works (docs/sync.md): triggers capture every row change (db/change_capture.py); before
any step the pending changes are sealed into an entry of this replica; an export writes the
entries a peer has not acknowledged (all of them when unknown) into one encrypted file
(io/sync/package.py); an import checks the file whole before touching the database, then applies
the entries in one BEGIN IMMEDIATE transaction with the per-field causal merge
(services/sync/merge.py) and either commits all of it or nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sasaeai_desktop import cancellation
from sasaeai_desktop.db import change_capture as cc
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import hlc
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.passphrase import new_passphrase_problem
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services.sync import compact as sync_compact, fork as sync_fork, snapshot as sync_snapshot
from sasaeai_desktop.domain.errors import NotFoundError, UserError
from sasaeai_desktop.services.sync.merge import HARD_DELETED, ApplyCounts, Merger, winner
from sasaeai_desktop.services.sync.duplicates import (  # noqa: F401 (re-exported for the GUI and CLI)
    DuplicateGroup,
    MergeResult,
    count_duplicates_raw,
    find_duplicate_people,
    merge_people,
    redirect_merged,
)

META_KDF = "sync_kdf"
META_PREFECTURE = "prefecture_code"
SYNC_CANCELLED = "中断しました。データベースは変更していません。"

TABLE_LABELS = {
    "prefecture": "都道府県", "municipality": "市町村", "region_kind": "圏域の種類", "region": "圏域",
    "region_membership": "圏域の所属", "organisation": "団体", "person": "人", "activity_field": "活動分野",
    "advisor": "アドバイザー", "advisor_field": "アドバイザーの分野", "advisor_assignment": "アドバイザー担当",
    "municipality_status": "市町村の状況", "visit": "訪問", "visit_participant": "訪問の参加者",
    "consultation": "相談", "dispatch": "派遣", "dispatch_advisor": "派遣アドバイザー", "dispatch_date": "派遣日",
    "follow_up_task": "フォローアップ", "training_event": "研修", "training_session": "研修日程",
    "event_audience": "研修の対象", "event_staff": "研修スタッフ", "event_field": "研修の分野",
    "registration": "受講申込", "attendance": "出欠", "survey_question": "アンケート項目", "survey_answer": "アンケート回答",
}
_LABEL_COLUMNS = ("name", "title", "label", "purpose", "question", "date", "visit_date", "received_date")


# --- results -----------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class ExportResult:
    path: Path
    kind: str
    entries: int
    changes: int
    bytes: int
    sha256: str
    for_peer: str | None
    summary: str


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    conflicts: int
    skipped: int
    deleted: int
    entries_applied: int
    entries_known: int
    already_imported: bool
    dry_run: bool
    duplicate_people: int
    source: str
    source_name: str
    warnings: tuple[str, ...]
    summary: str
    forks: tuple[str, ...] = ()  # a copied or restored laptop's edits found and kept (said plainly)


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


@dataclass(frozen=True)
class HistoryItem:
    field: str
    value: Any
    op: str
    origin: str
    origin_name: str
    at: dt.datetime  # wall clock of the laptop that made the change


# --- plumbing ----------------------------------------------------------------------------------


@contextmanager
def _transaction(uow: UnitOfWork, immediate: bool = True) -> Iterator[sqlite3.Connection]:
    """The raw sqlite3 connection inside the unit of work's transaction (BEGIN IMMEDIATE)."""
    with uow:
        opts = {"sqlite_begin": "IMMEDIATE"} if immediate else {}
        yield uow.session.connection(execution_options=opts).connection.dbapi_connection


def _db_path(uow: UnitOfWork) -> Path | None:
    with uow:
        name = uow.session.get_bind().url.database
    return Path(name) if name and name != ":memory:" else None


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _require_dataset(db: sqlite3.Connection) -> tuple[str, str]:
    dataset = cc.get_meta(db, cc.META_DATASET)
    replica = cc.get_meta(db, cc.META_REPLICA)
    if dataset is None or replica is None:
        raise UserError("このデータベースはまだ初期化されていません。先に `sasaeai init --prefecture 都道府県` を実行するか、`sasaeai sync join` で参加してください。")
    return dataset, replica


def _peer_names(db: sqlite3.Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in db.execute("SELECT replica_id, name FROM sync_peer")}


def _short(replica_id: str) -> str:
    return replica_id[-8:]


def _peer_label(names: dict[str, str], replica_id: str) -> str:
    name = names.get(replica_id, "")
    return f"{name}（{_short(replica_id)}）" if name else _short(replica_id)


@functools.lru_cache(maxsize=1)
def _known_schemas() -> tuple[frozenset[str], str]:
    from sasaeai_desktop.db.migrate import head_revision, script_directory

    return frozenset(r.revision for r in script_directory().walk_revisions()), head_revision()


def _seal_and_check(db: sqlite3.Connection, db_path: Path | None) -> None:
    old = cc.check_identity(db, db_path)
    if old:
        pass  # the pending changes below are sealed under the new id; history keeps the old one
    cc.seal(db)


def _after_commit(uow: UnitOfWork, db_path: Path | None) -> None:
    if db_path is None:
        return
    with _transaction(uow, immediate=False) as db:
        replica = cc.get_meta(db, cc.META_REPLICA)
        if replica is not None:
            counter = cc.own_counter(db, replica)
        else:
            return
    cc.write_identity(db_path, replica, counter)


def seal_pending(uow: UnitOfWork) -> int:
    """Stamp pending local changes now (the sync page calls this through status())."""
    db_path = _db_path(uow)
    with _transaction(uow) as db:
        if cc.get_meta(db, cc.META_REPLICA) is None:
            return 0
        _seal_and_check(db, db_path)
        uow.commit()
    _after_commit(uow, db_path)
    return 1


def compact(uow: UnitOfWork, horizon_days: int = sync_compact.DEFAULT_HORIZON_DAYS) -> sync_compact.CompactResult:
    """Fold now whatever every waited-for replica holds, however little (an import folds only
    once BATCH_ROWS are stable). ``horizon_days``: a laptop silent longer is not waited for."""
    db_path = _db_path(uow)
    with _transaction(uow) as db:
        _require_dataset(db)
        _seal_and_check(db, db_path)
        result = sync_compact.with_totals(db, sync_compact.compact(db, _now(), horizon_days, batch_rows=0))
        uow.commit()
    _after_commit(uow, db_path)
    return result


# --- passphrase --------------------------------------------------------------------------------


def _check_passphrase_text(passphrase: str | None) -> str:
    if not passphrase:
        raise UserError("合言葉（パスフレーズ）を指定してください（--passphrase-file または環境変数 SASAEAI_PASSPHRASE）。")
    return passphrase


def _kdf_for_writing(db: sqlite3.Connection, passphrase: str) -> pkg.KdfParams:
    """The dataset's KDF parameters after checking the passphrase; set on first use."""
    stored = cc.get_meta(db, META_KDF)
    if stored:
        d = json.loads(stored)
        kdf = pkg.KdfParams.from_json(d)
        if pkg.key_check(pkg.master_key(passphrase, kdf)) != d.get("check"):
            raise UserError("合言葉（パスフレーズ）が違います。このデータの同期に使っている合言葉を指定してください。")
        return kdf
    # The first file sets the dataset's passphrase: the one rule for a new one applies here, for
    # the window and the command line alike (an existing one is only checked above).
    problem = new_passphrase_problem(passphrase)
    if problem:
        raise UserError(problem)
    kdf = pkg.KdfParams.new()
    cc.set_meta(db, META_KDF, json.dumps({**kdf.to_json(), "check": pkg.key_check(pkg.master_key(passphrase, kdf))}))
    return kdf


def _adopt_kdf(db: sqlite3.Connection, header: dict[str, Any]) -> None:
    if not cc.get_meta(db, META_KDF):
        cc.set_meta(db, META_KDF, json.dumps({**header["kdf"], "check": header["key_check"]}))


# --- export ------------------------------------------------------------------------------------


def _resolve_peer(db: sqlite3.Connection, query: str) -> tuple[str, dict[str, int]] | None:
    rows = db.execute("SELECT replica_id, name, acked FROM sync_peer").fetchall()
    exact = [r for r in rows if query in (r[0], r[1])]
    if not exact:
        exact = [r for r in rows if r[0].endswith(query) or r[0].startswith(query)]
    if len(exact) > 1 and query not in [r[0] for r in exact]:
        exact = _in_use(db, exact)
    if len(exact) > 1:
        raise UserError(f"「{query}」に当てはまる端末が複数あります: {', '.join(_peer_label({r[0]: r[1] for r in exact}, r[0]) for r in exact)}")
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


def _entries_for(db: sqlite3.Connection, acked: dict[str, int] | None) -> list[tuple]:
    rows = db.execute(
        "SELECT seq, origin, counter, hlc, vv, first_seq, last_seq, hash, prev FROM sync_entry ORDER BY seq"
    ).fetchall()
    if acked is None:
        return rows
    return [r for r in rows if r[2] > acked.get(r[1], 0)]


def _payload(db: sqlite3.Connection, entries: list[tuple], extra: dict[str, Any], progress: Progress | None,
             abort: threading.Event | None) -> tuple[bytes, int]:
    """The payload JSON, built as text: change data is already JSON and is embedded as is."""
    parts: list[str] = []
    n_changes = 0
    history = sync_compact.History(db)  # folded rows: their texts, for a peer that lacks them
    for i, (seq, origin, counter, clock, vv, first, last, digest, prev) in enumerate(entries):
        if i % 50 == 0:
            cancellation.check(abort, SYNC_CANCELLED)
            if progress:
                progress(i / max(len(entries), 1) * 0.8, f"変更 {i:,}/{len(entries):,} 件目")
        changes = [
            f'[{json.dumps(t)},{json.dumps(r)},"{op}",{history.text(cseq, data)},{at}]'
            for cseq, t, r, op, data, at in db.execute(
                "SELECT seq, tbl, row_id, op, data, at FROM sync_change WHERE seq BETWEEN ? AND ? ORDER BY seq", (first, last)
            )
        ]
        n_changes += len(changes)
        ident = f'"x":"{digest}","p":"{prev or ""}",' if digest else ""
        parts.append(f'{{"o":{json.dumps(origin)},"c":{counter},"h":{clock},"v":{vv},{ident}"ch":[{",".join(changes)}]}}')
    head = json.dumps(extra, ensure_ascii=False)[:-1]
    text = f'{head},"entries":[{",".join(parts)}]}}'
    return text.encode("utf-8"), n_changes


def _ranges(entries: list[tuple]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for _, origin, counter, *_rest in entries:
        lo, hi = out.get(origin, [counter, counter])
        out[origin] = [min(lo, counter), max(hi, counter)]
    return out


def _write(uow: UnitOfWork, path: Path, passphrase: str, kind: str, for_peer: str | None,
           progress: Progress | None, abort: threading.Event | None) -> ExportResult:
    passphrase = _check_passphrase_text(passphrase)
    # The target is checked before step 1 commits anything: a folder, a missing folder or the
    # database itself is refused with the database unchanged (whether to replace an existing
    # file is the caller's question: the CLI's --overwrite, the window's save dialog).
    from sasaeai_desktop.io.output_files import check_output

    path = check_output(path, overwrite=True, option="")
    db_path = _db_path(uow)
    # 1. seal and commit first: an entry must never reach a file unless it is committed here.
    with _transaction(uow) as db:
        _require_dataset(db)
        _seal_and_check(db, db_path)
        _kdf_for_writing(db, passphrase)
        uow.commit()
    _after_commit(uow, db_path)
    # 2. read and write the file.
    with _transaction(uow) as db:
        dataset, replica = _require_dataset(db)
        kdf = _kdf_for_writing(db, passphrase)
        peer_id = None
        acked: dict[str, int] | None = None
        if for_peer:
            found = _resolve_peer(db, for_peer)
            if found is not None:
                peer_id, acked = found
                if not acked:
                    acked = None  # never heard from it: send everything
        entries = _entries_for(db, acked)
        cancellation.check(abort, SYNC_CANCELLED)
        names = _peer_names(db)
        # fork records and the newest entry held of each replica: the receiver names the
        # branches of a copied laptop as this database does (services/sync/fork.py); what every
        # replica acknowledged (compaction waits for it)
        extra: dict[str, Any] = {"names": names, "forks": sync_fork.records(db), "tips": sync_fork.tips(db),
                                 "acks": sync_compact.ack_matrix(db)}
        if kind == pkg.KIND_ENROL:
            extra["meta"] = {"prefecture_code": cc.get_meta(db, META_PREFECTURE), "dataset_id": dataset}
            extra["snapshot"] = sync_snapshot.take(db)
            entries = []
        payload, n_changes = _payload(db, entries, extra, progress, abort)
        _, head_rev = _known_schemas()
        vv = cc.version_vector(db)
        header = {
            "kind": kind,
            "dataset_id": dataset,
            "schema": head_rev,
            "source": replica,
            "source_name": names.get(replica, ""),
            "for": peer_id,
            "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "sender_vv": vv,
            "ranges": _ranges(entries),
            "entries": len(entries),
            "changes": n_changes,
        }
        if progress:
            progress(0.85, "暗号化して書き込み中")
        cancellation.check(abort, SYNC_CANCELLED)
        sha, size = pkg.write_package(path, header, payload, passphrase, kdf)
        label = "参加用ファイル" if kind == pkg.KIND_ENROL else "同期ファイル"
        target = f"（{_peer_label(names, peer_id)} 向け）" if peer_id else ("（全件）" if acked is None else "")
        summary = f"{label}{target}を書き出しました: 変更のまとまり {len(entries):,} 件、変更 {n_changes:,} 行、{size:,} バイト。"
        if peer_id and (rebuilt := sync_compact.count_folded(db, entries)):
            # a laptop away past the horizon (or restored, or copied) is not left short: say so
            summary += (f"{_peer_label(names, peer_id)}はしばらく同期していなかったため、ほかのパソコンにはすでに届いて"
                        f"変更履歴にまとめてあった変更 {rebuilt:,} 件も、履歴から戻して入れました。")
        db.execute(
            "INSERT OR REPLACE INTO sync_file (sha256, direction, at, peer, name, entries, bytes, summary) VALUES (?, 'out', ?, ?, ?, ?, ?, ?)",
            (sha, _now(), peer_id or "", path.name, len(entries), size, summary),
        )
        if peer_id:
            db.execute("UPDATE sync_peer SET last_out_at = ? WHERE replica_id = ?", (_now(), peer_id))
        uow.commit()
    if progress:
        progress(1.0, "完了")
    return ExportResult(path, kind, len(entries), n_changes, size, sha, peer_id, summary)


def export_changes(uow: UnitOfWork, path: Path | str, passphrase: str, for_peer: str | None = None,
                   progress: Progress | None = None, abort: threading.Event | None = None) -> ExportResult:
    """Write the changes ``for_peer`` has not acknowledged (everything when unknown) to ``path``."""
    return _write(uow, Path(path), passphrase, pkg.KIND_CHANGES, for_peer, progress, abort)


def make_enrolment(uow: UnitOfWork, path: Path | str, passphrase: str,
                   progress: Progress | None = None, abort: threading.Event | None = None) -> ExportResult:
    """A file a new laptop joins from (``join``): every entry, the prefecture and the dataset id."""
    return _write(uow, Path(path), passphrase, pkg.KIND_ENROL, None, progress, abort)


# --- import ------------------------------------------------------------------------------------


def _read(path: Path, passphrase: str) -> tuple[bytes, dict[str, Any], int]:
    passphrase = _check_passphrase_text(passphrase)
    try:
        blob = Path(path).read_bytes()
    except FileNotFoundError:
        raise UserError(f"ファイル「{path}」が見つかりません。") from None
    except OSError as exc:
        raise UserError(f"ファイル「{path}」を読めません: {exc}") from None
    try:
        header, offset = pkg.read_header(blob)
    except pkg.PackageError as exc:
        raise UserError(f"「{Path(path).name}」を読み込めません: {exc} データベースは変更していません。") from None
    return blob, header, offset


def _check_header(db: sqlite3.Connection | None, header: dict[str, Any], path: Path, dataset: str | None) -> None:
    known, head_rev = _known_schemas()
    schema = str(header.get("schema"))
    if schema not in known:
        raise UserError(
            f"「{path.name}」は新しいバージョンの SasaeAI で作られています（スキーマ {schema}）。"
            "SasaeAI を更新してから読み込んでください。ファイルは消さずに保管してください。データベースは変更していません。"
        )
    if dataset is not None and header.get("dataset_id") != dataset:
        raise UserError(
            f"「{path.name}」は別のデータ（データセット {str(header.get('dataset_id'))[-8:]}）のファイルです。"
            f"このデータベースのデータセットは {dataset[-8:]} です。同じ職場の同期ファイルか確認してください。データベースは変更していません。"
        )


def _decrypt(blob: bytes, header: dict[str, Any], offset: int, passphrase: str, path: Path) -> dict[str, Any]:
    try:
        return pkg.open_package(blob, header, offset, passphrase)
    except pkg.PackageError as exc:
        raise UserError(f"「{path.name}」を読み込めません: {exc} データベースは変更していません。") from None


def _gap_advice(db: sqlite3.Connection, header: dict[str, Any], names: dict[str, str], path: Path) -> str:
    """What to do about a gap, in the officer's words: most often the file was made for another
    laptop (a laptop back after a month picks the newest file on the shared folder)."""
    source = str(header.get("source") or "")
    sender = _peer_label(names, source) if source else "送り主のパソコン"
    me = cc.get_meta(db, cc.META_REPLICA) or ""
    my_name = cc.get_meta(db, cc.META_NAME) or _short(me)
    target = header.get("for")
    if target and target != me:
        return (f"「{path.name}」は {_peer_label(names, str(target))} 用に作られたファイルです。"
                f"{sender}で「{my_name}さん用のファイル」（または「全員用のファイル」）を作ってもらい、それを読み込んでください。")
    return (f"先にそれを含むファイルを読み込むか、{sender}で「{my_name}さん用のファイル」"
            "（または「全員用のファイル」、コマンドでは --for を付けない書き出し）を作ってもらってください。")


def _gap_check(db: sqlite3.Connection, entries: list[dict[str, Any]], names: dict[str, str],
               advice: str = "") -> list[dict[str, Any]]:
    """The entries to apply, in order; UserError naming what is missing when there is a gap."""
    known = cc.version_vector(db)
    todo = []
    missing: dict[str, tuple[int, int]] = {}

    def need(origin: str, lo: int, hi: int) -> None:
        a, b = missing.get(origin, (lo, hi))
        missing[origin] = (min(a, lo), max(b, hi))

    for e in entries:
        o, c = e["o"], int(e["c"])
        if c <= known.get(o, 0):
            continue
        ok = True
        if c != known.get(o, 0) + 1:
            need(o, known.get(o, 0) + 1, c - 1)
            ok = False
        for x, n in e["v"].items():
            if x != o and int(n) > known.get(x, 0):
                need(x, known.get(x, 0) + 1, int(n))
                ok = False
        if not ok:
            continue
        known[o] = c
        todo.append(e)
    if missing:
        parts = [
            f"端末 {_peer_label(names, o)} の変更 {lo}〜{hi} 番" if lo != hi else f"端末 {_peer_label(names, o)} の変更 {lo} 番"
            for o, (lo, hi) in sorted(missing.items())
        ]
        raise UserError(
            "このファイルの前に必要な変更が、このパソコンにまだ届いていません（" + "、".join(parts) + "）。"
            + (advice or "先にそれを含むファイルを読み込むか、相手に「全員用のファイル」（宛先を指定しないファイル）を作ってもらってください。")
            + "データベースは変更していません。"
        )
    return todo


def _summary(c: ApplyCounts, n_dups: int, dry_run: bool, source: str) -> str:
    verb = "取り込むと" if dry_run else "取り込みました"
    head = f"{source}のファイルを{verb}" + ("、次のようになります" if dry_run else "")
    text = f"{head}: 追加 {c.added} 件、更新 {c.updated + c.deleted} 件、競合 {c.conflicts} 件、スキップ {c.skipped} 件。"
    if c.conflicts:
        # stored and shown on the 同期 page: no command line here (the CLI adds its own hint)
        text += "競合は「同期」画面の「競合を確認・解決…」で、どちらを残すか選んでください。"
    if n_dups:
        text += f"同一人物の可能性がある人が {n_dups} 組あります。確認して統合してください。"
    if dry_run:
        text += "（試行のみ: データベースは変更していません）"
    return text


def _apply(db: sqlite3.Connection, entries: list[dict[str, Any]], progress: Progress | None,
           abort: threading.Event | None, now_ms: int) -> tuple[ApplyCounts, int, list[str]]:
    tables = cc.synced_tables(db)
    merger = Merger(db, tables)
    clock = int(cc.get_meta(db, cc.META_HLC) or 0)
    warnings: list[str] = []
    db.execute("PRAGMA defer_foreign_keys = ON")
    cc.mute(db)
    total = max(len(entries), 1)
    for i, e in enumerate(entries):
        if i % 20 == 0:
            cancellation.check(abort, SYNC_CANCELLED)
            if progress:
                progress(0.1 + 0.8 * i / total, f"変更 {i:,}/{len(entries):,} 件目を反映中")
        origin, counter, eclock = e["o"], int(e["c"]), int(e["h"])
        info = merger.begin_entry(origin, counter, eclock, {k: int(v) for k, v in e["v"].items()}, now_ms,
                                  e.get("x"), e.get("p"))
        for tbl, row_id, op, data, at in e["ch"]:
            merger.apply_change(info, tbl, row_id, op, data, int(at))
        merger.end_entry(info)
        cc.ensure_peer(db, origin)
        db.execute("UPDATE sync_peer SET counter = ? WHERE replica_id = ? AND counter < ?", (counter, origin, counter))
        received = hlc.receive(clock, eclock, now_ms)
        if not received.adopted and not warnings:
            warnings.append(
                f"端末 {_short(origin)} の時計が1日以上進んでいます（{dt.datetime.fromtimestamp(hlc.physical_ms(eclock) / 1000):%Y-%m-%d %H:%M}）。"
                "その端末の日付と時刻を確認してください。"
            )
        clock = received.clock
    cc.unmute(db)
    cc.set_meta(db, cc.META_HLC, str(clock))
    # The change rows just written belong to the remote entries, not to the next local seal.
    last = db.execute("SELECT max(seq) FROM sync_change").fetchone()[0]
    if last is not None:
        cc.set_meta(db, cc.META_SEALED, str(last))
    return merger.counts, len(entries), warnings


def _fk_error(violations: list) -> UserError:
    return UserError(
        f"取り込むと参照関係に不整合が生じます（{violations[0][0] if violations else '不明'} など）。"
        "取り込みを取り消しました。データベースは変更していません。"
    )


def _commit(uow: UnitOfWork) -> None:
    """Commit; foreign keys are deferred during an import, so a violation shows up here."""
    from sqlalchemy.exc import IntegrityError

    try:
        uow.commit()
    except IntegrityError as exc:
        uow.rollback()
        raise _fk_error([]) from exc


def import_file(uow: UnitOfWork, path: Path | str, passphrase: str, dry_run: bool = False,
                progress: Progress | None = None, abort: threading.Event | None = None) -> ImportResult:
    """Read an exchange file; all of it is applied, or (on any problem) nothing."""
    path = Path(path)
    blob, header, offset = _read(path, passphrase)
    db_path = _db_path(uow)
    if not dry_run:
        from sasaeai_desktop.services import backups

        backups.before(uow, "sync-import")
    sha = hashlib.sha256(blob).hexdigest()
    now_ms = hlc.wall_ms()
    with _transaction(uow) as db:
        dataset, _ = _require_dataset(db)
        _check_header(db, header, path, dataset)
        payload = _decrypt(blob, header, offset, passphrase, path)
        names = {**payload.get("names", {}), **{k: v for k, v in _peer_names(db).items() if v}}
        source, source_name = str(header.get("source", "")), str(header.get("source_name", ""))
        src_label = _peer_label(names, source) if source else "不明な端末"
        if db.execute("SELECT 1 FROM sync_file WHERE sha256 = ? AND direction = 'in'", (sha,)).fetchone():
            return ImportResult(0, 0, 0, 0, 0, 0, len(payload.get("entries", [])), True, dry_run, 0, source, source_name, (),
                                f"このファイル（{path.name}）は取り込み済みです。変更はありません。")
        _adopt_kdf(db, header)
        # A database put back from a backup (or copied) must not reuse its old counters.
        replica = cc.get_meta(db, cc.META_REPLICA)
        cc.check_identity(db, db_path)
        replica = cc.get_meta(db, cc.META_REPLICA)
        mine = cc.own_counter(db, replica)
        if any(e["o"] == replica and int(e["c"]) > mine for e in payload["entries"]) or \
                int(header.get("sender_vv", {}).get(replica, 0)) > mine:
            cc.new_replica_id(db)
        cc.seal(db, now_ms)
        # entries in this database's names; a copied laptop's second branch is found and kept
        reconciler = sync_fork.Reconciler(db, payload)
        payload["entries"] = reconciler.run()
        forks = sync_fork.describe(reconciler.found, names, dry_run)
        todo = _gap_check(db, payload["entries"], names, _gap_advice(db, header, names, path))
        known = len(payload["entries"]) - len(todo)
        open_before = set(_open_conflict_keys(db))
        counts, applied, warnings = _apply(db, todo, progress, abort, now_ms)
        # 競合 is what the officer now has to decide: a conflict the same file also resolved
        # (the office's resolution travelling with both values) is not one.
        counts.conflicts = len(set(_open_conflict_keys(db)) - open_before)
        chosen = {id(e) for e in todo}
        counts.skipped += sum(len(e["ch"]) for e in payload["entries"] if id(e) not in chosen)
        redirect_merged(db)
        for rid, name in payload.get("names", {}).items():
            cc.ensure_peer(db, rid, name)
        if source:
            cc.ensure_peer(db, source, source_name)
            db.execute(
                # a file from a laptop marked as no longer used shows it is in use again
                "UPDATE sync_peer SET acked = ?, last_in_at = ?, retired = 0, name = CASE WHEN ? != '' THEN ? ELSE name END WHERE replica_id = ?",
                (json.dumps(reconciler.translate_ack(header.get("sender_vv", {})), sort_keys=True), _now(), source_name,
                 source_name, source),
            )
        sync_compact.merge_acks(db, payload.get("acks", {}), reconciler.translate_ack)
        sync_compact.compact(db, _now())
        n_dups = count_duplicates_raw(db)
        summary = _summary(counts, n_dups, dry_run, src_label)
        if forks:  # before the dry run's closing note, which is about the whole summary
            summary = summary.replace("（試行のみ", "".join(forks) + "（試行のみ") if dry_run else summary + "".join(forks)
        db.execute(
            "INSERT OR REPLACE INTO sync_file (sha256, direction, at, peer, name, entries, bytes, summary) VALUES (?, 'in', ?, ?, ?, ?, ?, ?)",
            (sha, _now(), source, path.name, applied, len(blob), summary),
        )
        if progress:
            progress(0.95, "確定中")
        if dry_run:
            violations = db.execute("PRAGMA foreign_key_check").fetchall()
            uow.rollback()
            if violations:
                raise _fk_error(violations)
        else:
            _commit(uow)
    if not dry_run:
        _after_commit(uow, db_path)
    if progress:
        progress(1.0, "完了")
    return ImportResult(counts.added, counts.updated + counts.deleted, counts.conflicts, counts.skipped, counts.deleted,
                        applied, known, False, dry_run, n_dups, source, source_name, tuple(warnings), summary, tuple(forks))


def join(uow: UnitOfWork, path: Path | str, passphrase: str, name: str = "",
         progress: Progress | None = None, abort: threading.Event | None = None) -> ImportResult:
    """Make this new, empty database a replica of the dataset in an enrolment file."""
    path = Path(path)
    blob, header, offset = _read(path, passphrase)
    if header.get("kind") != pkg.KIND_ENROL:
        raise UserError(f"「{path.name}」は参加用ファイルではありません。`sasaeai sync enrol --out FILE` で作ったファイルを指定してください。")
    db_path = _db_path(uow)
    now_ms = hlc.wall_ms()
    with _transaction(uow) as db:
        if cc.get_meta(db, cc.META_DATASET) is not None or cc.get_meta(db, META_PREFECTURE) is not None:
            raise UserError("このデータベースにはすでにデータがあります。参加は新しいデータベース（--db で新しいファイル名を指定）で行ってください。")
        _check_header(db, header, path, None)
        payload = _decrypt(blob, header, offset, passphrase, path)
        meta = payload.get("meta", {})
        cc.set_meta(db, cc.META_DATASET, str(header["dataset_id"]))
        if meta.get("prefecture_code"):
            cc.set_meta(db, META_PREFECTURE, meta["prefecture_code"])
        replica = new_id()
        cc.set_meta(db, cc.META_REPLICA, replica)
        if name:
            cc.set_meta(db, cc.META_NAME, name)
        cc.ensure_peer(db, replica, name)
        _adopt_kdf(db, header)
        cc.seal(db, now_ms)  # nothing should be pending in a new database, but be exact
        names = payload.get("names", {})
        payload["entries"] = sync_fork.Reconciler(db, payload).run()  # adopts the dataset's fork records
        todo = _gap_check(db, payload["entries"], names)
        counts, applied, warnings = _apply(db, todo, progress, abort, now_ms)
        if "snapshot" in payload:  # the office's tables as they are (services/sync/snapshot.py)
            counts.added += sync_snapshot.restore(db, payload["snapshot"])
            applied = db.execute("SELECT count(*) FROM sync_entry").fetchone()[0]
        source = str(header.get("source", ""))
        for rid, pname in names.items():
            cc.ensure_peer(db, rid, pname)
        if source:
            db.execute("UPDATE sync_peer SET acked = ?, last_in_at = ? WHERE replica_id = ?",
                       (json.dumps(header.get("sender_vv", {}), sort_keys=True), _now(), source))
        summary = f"{_peer_label(names, source)} のデータで参加しました: {counts.added:,} 件を登録しました。この端末の ID は {_short(replica)} です。"
        db.execute(
            "INSERT OR REPLACE INTO sync_file (sha256, direction, at, peer, name, entries, bytes, summary) VALUES (?, 'in', ?, ?, ?, ?, ?, ?)",
            (hashlib.sha256(blob).hexdigest(), _now(), source, path.name, applied, len(blob), summary),
        )
        _commit(uow)
    _after_commit(uow, db_path)
    return ImportResult(counts.added, counts.updated, counts.conflicts, counts.skipped, counts.deleted, applied, 0, False,
                        False, 0, source, str(header.get("source_name", "")), tuple(warnings), summary)


# --- status, conflicts, history ----------------------------------------------------------------


def _open_conflict_keys(db: sqlite3.Connection) -> list[tuple[str, str, str]]:
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


def status(uow: UnitOfWork) -> SyncStatus:
    """What the sync page shows: identity, peers and what each acknowledged, files, conflicts."""
    seal_pending(uow)
    with _transaction(uow, immediate=False) as db:
        dataset = cc.get_meta(db, cc.META_DATASET)
        replica = cc.get_meta(db, cc.META_REPLICA)
        names = _peer_names(db)
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
            FileRecord(d, _dt(at), peer, names.get(peer, ""), n, e, b, s)
            for d, at, peer, n, e, b, s in db.execute(
                "SELECT direction, at, peer, name, entries, bytes, summary FROM sync_file ORDER BY at DESC LIMIT 50"
            ).fetchall()
        ]
        return SyncStatus(
            dataset, replica, names.get(replica or "", "") or (cc.get_meta(db, cc.META_NAME) or ""),
            cc.own_counter(db, replica) if replica else 0, cc.pending_count(db), bool(cc.get_meta(db, META_KDF)),
            tuple(peers), tuple(files), len(_open_conflict_keys(db)), count_duplicates_raw(db),
            tuple(sync_fork.describe(sync_fork.all_forks(db), names)),
        )


def _dt(v: Any) -> dt.datetime | None:
    if v is None or isinstance(v, dt.datetime):
        return v
    return dt.datetime.fromisoformat(str(v))


# Records an officer knows by where and when (「上田市 2026-12-03」), not by their first free text.
_DATED_RECORDS = {"visit": ("visit_date", "purpose"), "consultation": ("received_date", "question"),
                  "dispatch": ("request_date", "purpose")}


def _row_label(db: sqlite3.Connection, tbl: str, row_id: str) -> str:
    if tbl in _DATED_RECORDS:
        date_col, text_col = _DATED_RECORDS[tbl]
        r = db.execute(
            f'SELECT m.name, t."{date_col}", t."{text_col}" FROM "{tbl}" t LEFT JOIN municipality m ON m.id = t.municipality_id '
            "WHERE t.id = ?", (row_id,)).fetchone()
        if r and (r[0] or r[1]):
            where_when = " ".join(str(v) for v in r[:2] if v)
            text = str(r[2] or "").replace("\n", " ")
            return f"{where_when} {text[:20]}{'…' if len(text) > 20 else ''}".strip()
    cols = [r[1] for r in db.execute(f'PRAGMA table_info("{tbl}")')]
    for c in _LABEL_COLUMNS:
        if c in cols:
            r = db.execute(f'SELECT "{c}" FROM "{tbl}" WHERE id = ?', (row_id,)).fetchone()
            if r and r[0]:
                return str(r[0])[:40]
    return row_id[-8:]


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
        for h in sorted(heads, key=lambda h: (h.entry.hlc, h.entry.origin))
    )
    return Conflict(conflict_id(tbl, row_id, fieldname), tbl, TABLE_LABELS.get(tbl, tbl), row_id, _row_label(db, tbl, row_id),
                    fieldname, "delete" if fieldname == "deleted" else "field", current, values)


def list_conflicts(uow: UnitOfWork) -> list[Conflict]:
    """Open conflicts: fields whose concurrent values differ (keep mine / keep theirs / edit)."""
    seal_pending(uow)
    with _transaction(uow, immediate=False) as db:
        replica = cc.get_meta(db, cc.META_REPLICA) or ""
        merger = Merger(db, cc.synced_tables(db))
        names = _peer_names(db)
        return [_conflict(db, merger, replica, names, *k) for k in _open_conflict_keys(db)]


def resolve_conflict(uow: UnitOfWork, conflict: str, choice: str, value: Any = None) -> Conflict:
    """Close a conflict with a new write that has seen every value: mine, theirs, or ``value``.

    The write travels like any edit and closes the conflict on every replica that receives it.
    """
    if choice not in ("mine", "theirs", "value"):
        raise UserError("選択は mine（この端末の値）、theirs（相手の値）、value（値を指定）のいずれかです。")
    db_path = _db_path(uow)
    with _transaction(uow) as db:
        _, replica = _require_dataset(db)
        _seal_and_check(db, db_path)
        replica = cc.get_meta(db, cc.META_REPLICA) or replica
        merger = Merger(db, cc.synced_tables(db))
        names = _peer_names(db)
        found = [k for k in _open_conflict_keys(db) if conflict_id(*k) == conflict or conflict_id(*k).startswith(conflict)]
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
    _after_commit(uow, db_path)
    return c


def field_history(uow: UnitOfWork, table: str, row_id: str) -> list[HistoryItem]:
    """Every write to every field of a row: which replica, when (the change log is the audit
    trail; what compaction folded is read back from sync_history)."""
    with _transaction(uow, immediate=False) as db:
        names = _peer_names(db)
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


def reference_labels(uow: UnitOfWork, table: str, values: Iterable[tuple[str, Any]]) -> dict[tuple[str, str], str]:
    """What the ids among (field, value) pairs of ``table`` point at (市町村 → 長野市 rather than
    its UUID), by (field, id); for the history and conflict views."""
    with _transaction(uow, immediate=False) as db:
        targets = {fk[3]: fk[2] for fk in db.execute(f'PRAGMA foreign_key_list("{table}")')}
        out: dict[tuple[str, str], str] = {}
        for fieldname, value in values:
            target = targets.get(fieldname)
            if target and isinstance(value, str) and (fieldname, value) not in out:
                out[(fieldname, value)] = _row_label(db, target, value)
        return out


def canonical_dump(uow: UnitOfWork) -> dict[str, Any]:
    """Every synced row and every multi-head field, in a stable order (replicas compare equal)."""
    with _transaction(uow, immediate=False) as db:
        out: dict[str, Any] = {}
        for tbl, cols in cc.synced_tables(db).items():
            quoted = ", ".join(f'"{c}"' for c in cols)
            out[tbl] = db.execute(f'SELECT {quoted} FROM "{tbl}" ORDER BY id').fetchall()
        out["~heads"] = sorted(
            db.execute(
                "SELECT h.tbl, h.row_id, h.field, e.origin, e.counter, h.value FROM sync_head h JOIN sync_entry e ON e.seq = h.entry"
            ).fetchall()
        )
        return out


def set_peer_retired(uow: UnitOfWork, peer: str, retired: bool = True) -> str:
    """Mark another laptop as no longer used (or in use again); returns how it is named.

    A local decision, not synced: a retired laptop leaves the page's lists and stops counting as
    one whose acknowledgement the (future) compaction waits for. Its changes, history and files
    stay, and a file that arrives from it later brings it back (see import_file).
    """
    if not peer.strip():
        raise UserError("使わなくなったパソコンの名前かIDを指定してください。")
    with _transaction(uow) as db:
        found = _resolve_peer(db, peer.strip())
        if found is None:
            raise UserError(f"端末「{peer}」は見つかりません。名前かID（末尾でも可）を sasaeai sync status で確かめてください。")
        rid = found[0]
        if rid == cc.get_meta(db, cc.META_REPLICA):
            raise UserError("このパソコン自身は「使わなくなった」にできません。相手のパソコンを指定してください。")
        db.execute("UPDATE sync_peer SET retired = ? WHERE replica_id = ?", (int(retired), rid))
        label = _peer_label(_peer_names(db), rid)
        uow.commit()
    return label


def set_replica_name(uow: UnitOfWork, name: str) -> None:
    with _transaction(uow) as db:
        cc.set_meta(db, cc.META_NAME, name)
        replica = cc.get_meta(db, cc.META_REPLICA)
        if replica:
            cc.ensure_peer(db, replica)
            db.execute("UPDATE sync_peer SET name = ? WHERE replica_id = ?", (name, replica))
        uow.commit()


__all__ = [
    "Conflict", "ConflictValue", "DuplicateGroup", "ExportResult", "FileRecord", "HistoryItem", "ImportResult",
    "MergeResult", "PeerStatus", "SyncStatus", "canonical_dump", "compact", "conflict_id", "export_changes", "field_history",
    "find_duplicate_people", "import_file", "join", "list_conflicts", "make_enrolment", "merge_people",
    "reference_labels", "resolve_conflict", "seal_pending", "set_peer_retired", "set_replica_name", "status",
]
