"""``sasaeai sync ...``: file-exchange sync from the command line (services/sync/ does the work).

The passphrase comes from ``--passphrase-file FILE`` (first line) or the environment variable
``SASAEAI_PASSPHRASE``; it is never written anywhere. Exit codes follow exit_codes.py: 0 done,
2 a problem the user can fix (wrong passphrase, damaged file, other dataset, newer schema, gap),
in which case the database is unchanged.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

from sasaeai_desktop.cli.args import add_command_group
from sasaeai_desktop.cli.args import add_db_command
from sasaeai_desktop.cli.args import add_output
from sasaeai_desktop.cli.args import existing_file
from sasaeai_desktop.cli.args import int_in
from sasaeai_desktop.cli.args import text_up_to
from sasaeai_desktop.cli.exit_codes import EXIT_OK
from sasaeai_desktop.cli.progress import progress_printer
from sasaeai_desktop.cli.text import say
from sasaeai_desktop.domain.field_labels import field_label_ja

PASSPHRASE_ENV = "SASAEAI_PASSPHRASE"


def _add_pass(p: argparse.ArgumentParser) -> None:
    p.add_argument("--passphrase-file", metavar="FILE", type=existing_file, help=f"合言葉を書いたファイル（1行目）。省略時は環境変数 {PASSPHRASE_ENV}")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    name = text_up_to(100, "名前")
    ident = text_up_to(100, "ID")

    ss = add_command_group(sub, "sync", "ファイル交換で端末どうしのデータを同期する", "sync_command")

    p = add_db_command(ss, "enrol", "新しい端末の参加用ファイルを作る")
    add_output(p, "--out", required=True, metavar="FILE")
    _add_pass(p)

    p = add_db_command(ss, "join", "参加用ファイルから、新しいデータベースをこのデータの端末にする")
    p.add_argument("file", metavar="FILE", type=existing_file)
    p.add_argument("--name", default="", type=name, help="この端末の名前（例: 田中PC）")
    _add_pass(p)

    p = add_db_command(ss, "export", "相手がまだ持っていない変更を同期ファイルに書き出す")
    add_output(p, "--out", required=True, metavar="FILE")
    p.add_argument("--for", dest="for_peer", metavar="PEER", type=name, help="相手の端末（名前かID）。省略時は全件")
    _add_pass(p)

    p = add_db_command(ss, "import", "同期ファイルを取り込む")
    p.add_argument("file", metavar="FILE", type=existing_file)
    p.add_argument("--dry-run", action="store_true", help="結果だけ表示し、データベースは変更しない")
    _add_pass(p)

    add_db_command(ss, "status", "この端末・相手の端末・ファイルのやりとり・未解決の競合").add_argument("--json", action="store_true")
    add_db_command(ss, "conflicts", "未解決の競合の一覧").add_argument("--json", action="store_true")

    p = add_db_command(ss, "resolve", "競合を解決する（この端末の値／相手の値／指定した値）")
    p.add_argument("conflict_id", metavar="CONFLICT_ID", type=ident)
    p.add_argument("--keep", required=True, choices=("mine", "theirs", "value"))
    p.add_argument("--value", default=None, type=text_up_to(10_000, "値"), help="--keep value のときの値（JSON として読めればその値、でなければ文字列）")

    add_db_command(ss, "duplicates", "同一人物の可能性がある人の一覧").add_argument("--json", action="store_true")

    p = add_db_command(ss, "merge-people", "同一人物を統合する（参照は残す人に付け替える）")
    p.add_argument("keep", metavar="KEEP_ID", type=ident)
    p.add_argument("merge_away", metavar="MERGE_AWAY_ID", type=ident)

    add_db_command(ss, "name", "この端末の名前を設定する（相手の画面に表示される）").add_argument("name", type=name)

    from sasaeai_desktop.services.sync.compact import DEFAULT_HORIZON_DAYS

    p = add_db_command(ss, "compact", "全員に届いた変更の中身を変更履歴へまとめ、同期の記録を小さくする（同期のたびにも自動で行う）")
    p.add_argument("--horizon", metavar="DAYS", type=int_in(0, 3650, "日数"), default=DEFAULT_HORIZON_DAYS,
                   help=f"この日数より長く同期していない相手は待たない（既定 {DEFAULT_HORIZON_DAYS} 日。"
                        "待たなかった相手にも、その相手用のファイルで変更は全部届きます）")

    p = add_db_command(ss, "retire", "使わなくなった相手の端末を一覧から外す（--undo で戻す）")
    p.add_argument("peer", metavar="PEER", type=name, help="相手の端末の名前かID（末尾でも可）")
    p.add_argument("--undo", action="store_true", help="また使う端末として一覧に戻す")


def _passphrase(args: argparse.Namespace) -> str:
    from sasaeai_desktop.domain.errors import UserError

    if getattr(args, "passphrase_file", None):
        path = Path(args.passphrase_file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise UserError(f"合言葉のファイル「{path}」を読めません: {exc}") from None
        lines = text.splitlines()
        value = lines[0].strip() if lines else ""
        if not value:
            raise UserError(f"合言葉のファイル「{path}」が空です。")
        return value
    value = os.environ.get(PASSPHRASE_ENV, "")
    if not value:
        raise UserError(f"合言葉を --passphrase-file FILE か環境変数 {PASSPHRASE_ENV} で指定してください。")
    return value


def _print_json(obj: Any) -> None:
    say(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _fmt(d: Any) -> str:
    return d.strftime("%Y-%m-%d %H:%M") if d else "—"


def run_sync(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services.sync import conflicts as sync_conflicts
    from sasaeai_desktop.services.sync import duplicates as sync_duplicates
    from sasaeai_desktop.services.sync import enrolment as sync_enrolment
    from sasaeai_desktop.services.sync import export as sync_export
    from sasaeai_desktop.services.sync import importing as sync_import
    from sasaeai_desktop.services.sync import peers as sync_peers
    from sasaeai_desktop.services.sync import replica as sync_replica
    from sasaeai_desktop.services.sync import status as sync_status

    cmd = args.sync_command
    db = getattr(args, "db", None)
    if cmd == "join":
        return _join(args, db)
    needs_pass = cmd in ("enrol", "export", "import")
    passphrase = _passphrase(args) if needs_pass else ""
    with open_database(db) as ctx:
        uow = ctx.uow()
        if cmd == "enrol":
            r = sync_enrolment.make_enrolment(uow, args.out, passphrase, progress=progress_printer("参加用ファイル"), abort=threading.Event())
            say(r.summary)
            say(f"新しい端末では: sasaeai --db 新しいファイル.db sync join {r.path}")
        elif cmd == "export":
            r = sync_export.export_changes(uow, args.out, passphrase, for_peer=args.for_peer, progress=progress_printer("書き出し"), abort=threading.Event())
            say(r.summary)
        elif cmd == "import":
            r = sync_import.import_file(uow, args.file, passphrase, dry_run=args.dry_run, progress=progress_printer("取り込み"), abort=threading.Event())
            for w in r.warnings:
                say(f"注意: {w}", file=sys.stderr)
            say(r.summary)
            if r.conflicts and not r.dry_run:
                say("競合の一覧: sasaeai sync conflicts / 解決: sasaeai sync resolve ID --keep mine|theirs|value")
        elif cmd == "status":
            st = sync_status.status(uow)
            if args.json:
                _print_json(st.to_json())
            else:
                _print_status(st)
        elif cmd == "conflicts":
            items = sync_conflicts.list_conflicts(uow)
            if args.json:
                _print_json([c.to_json() for c in items])
            else:
                _print_conflicts(items)
        elif cmd == "resolve":
            value: Any = args.value
            if args.keep == "value":
                if value is None:
                    from sasaeai_desktop.domain.errors import UserError

                    raise UserError("--keep value のときは --value で残す値を指定してください。")
                try:
                    value = json.loads(value)
                except ValueError:
                    pass
            c = sync_conflicts.resolve_conflict(uow, args.conflict_id, args.keep, value)
            say(f"競合 {c.id}（{c.table_label}「{c.row_label}」の{field_label_ja(c.field, c.table)}）を解決しました。次の同期で他の端末にも伝わります。")
        elif cmd == "duplicates":
            groups = sync_duplicates.find_duplicate_people(uow)
            if args.json:
                _print_json([{"name_key": g.name_key, "kana_key": g.kana_key, "people": [p.__dict__ for p in g.people]} for g in groups])
            elif not groups:
                say("同一人物の可能性がある人はいません。")
            else:
                for g in groups:
                    say(f"■ {g.people[0].name}（{g.people[0].kana}）")
                    for p in g.people:
                        say(f"   {p.id}  {p.role or '—'}  {p.municipality or '—'}  {p.affiliation}")
                say("統合するには: sasaeai sync merge-people 残すID 統合するID")
        elif cmd == "merge-people":
            res = sync_duplicates.merge_people(uow, args.keep, args.merge_away)
            say(f"統合しました（参照 {res.redirected} 件を付け替え）。")
        elif cmd == "name":
            sync_replica.set_replica_name(uow, args.name)
            say(f"この端末の名前を「{args.name}」にしました。")
        elif cmd == "compact":
            r = sync_replica.compact(uow, horizon_days=args.horizon)
            waiting = len(r.waiting_for) - 1
            say(f"変更 {r.rows:,} 行（{r.entries:,} 件のまとまり）を変更履歴へまとめました。"
                f"まとめた変更は合計 {r.folded_total:,} 件、履歴は {r.history_bytes / 1e6:.1f} MB です"
                f"（このパソコンのほか {waiting} 台に届いた変更が対象）。")
        elif cmd == "retire":
            label = sync_peers.set_peer_retired(uow, args.peer, retired=not args.undo)
            if args.undo:
                say(f"端末 {label} をまた使う端末として一覧に戻しました。")
            else:
                say(f"端末 {label} を使わなくなった端末にしました。記録と変更履歴はそのまま残ります。")
    return EXIT_OK


def _join(args: argparse.Namespace, db: str | None) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.paths import resolve_db_path
    from sasaeai_desktop.services.sync import enrolment as sync_enrolment

    passphrase = _passphrase(args)
    path = resolve_db_path(db)
    existed = path.exists()
    try:
        with open_database(db) as ctx:
            r = sync_enrolment.join(ctx.uow(), args.file, passphrase, name=args.name, progress=progress_printer("参加"), abort=threading.Event())
    except BaseException:
        if not existed:  # leave nothing behind for a failed join into a new file
            for suffix in ("", "-wal", "-shm", ".lock", ".replica"):
                p = path.with_name(path.name + suffix)
                if p.exists():
                    p.unlink()
        raise
    say(r.summary)
    return EXIT_OK


def _print_status(st: Any) -> None:
    say(f"データセット: {st.dataset_id or '未設定'}")
    say(f"この端末: {st.replica_name or '（名前なし）'}  ID {st.replica_id or '—'}  変更のまとまり {st.own_entries} 件"
          + (f"（未送信の変更 {st.pending_changes} 行）" if st.pending_changes else ""))
    say(f"合言葉: {'設定済み' if st.passphrase_set else '未設定（最初の書き出しで設定されます）'}")
    say(f"未解決の競合: {st.open_conflicts} 件 / 同一人物の候補: {st.duplicate_people} 組")
    for text in st.forks:  # a copied or restored laptop found: both sides' edits were kept
        say(f"コピーされた端末: {text}")
    others = [p for p in st.peers if not p.is_self]
    if others:
        say("相手の端末:")
        for p in others:
            ack = "まだ受け取っていません" if p.acknowledged_ours < 0 else f"この端末の変更 {p.acknowledged_ours} 件まで受け取り済み"
            say(f"  {p.name or '（名前なし）'} {p.replica_id[-8:]}: 保持 {p.held} 件、{ack}、"
                  f"最後の受信 {_fmt(p.last_in_at)}、最後の送信 {_fmt(p.last_out_at)}" + ("（使わなくなった端末）" if p.retired else ""))
    if st.files:
        say("ファイルのやりとり（新しい順）:")
        for f in st.files[:10]:
            arrow = "読込" if f.direction == "in" else "書出"
            say(f"  {_fmt(f.at)} {arrow} {f.name} {f.bytes:,} バイト {f.peer_name or f.peer[-8:]}")


def _print_conflicts(items: list[Any]) -> None:
    if not items:
        say("未解決の競合はありません。")
        return
    for c in items:
        say(f"[{c.id}] {c.table_label}「{c.row_label}」の{field_label_ja(c.field, c.table)}")
        for v in c.values:
            mark = "＊" if v.is_current else "  "
            who = "この端末" if v.is_mine else (v.origin_name or v.origin[-8:])
            say(f"   {mark}{who}（{v.at:%Y-%m-%d %H:%M}）: {v.display}")
    say("解決するには: sasaeai sync resolve ID --keep mine|theirs|value [--value 値]")

