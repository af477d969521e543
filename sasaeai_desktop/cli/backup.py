"""``sasaeai backup ...``: backups and restore from the command line (services/backups.py).

- ``backup create [--out FILE]``: a 手動 backup now (into the backup folder, or FILE);
- ``backup list [--json]``: date, size, trigger and schema revision of this database's backups;
- ``backup restore FILE [--yes]``: the current state is backed up first (復元前), then FILE is
  written back; without ``--yes`` it asks y/N on a terminal and refuses (exit 2) otherwise;
- ``backup folder [--set DIR | --default]``: where backups go (shared with 設定 in the window).

``--backup-dir DIR`` points one run at another backup folder.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from sasaeai_desktop.cli.args import add_command_group
from sasaeai_desktop.cli.args import add_db
from sasaeai_desktop.cli.args import add_output
from sasaeai_desktop.cli.args import existing_file
from sasaeai_desktop.cli.args import existing_folder
from sasaeai_desktop.cli.exit_codes import EXIT_OK
from sasaeai_desktop.cli.text import say

BACKUP_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    bs = add_command_group(sub, "backup", "バックアップを作る・一覧する・復元する", "backup_command")

    def folder_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--backup-dir", type=existing_folder, metavar="DIR",
                       help="この実行だけ使うバックアップフォルダー（既定: 設定、なければユーザーデータフォルダー）")

    p = bs.add_parser("create", help="今のデータベースのバックアップを作る（手動）")
    add_db(p)
    add_output(p, "--out", suffixes=BACKUP_SUFFIXES, metavar="FILE.db", help="バックアップフォルダーではなく、このファイルに保存する")
    folder_option(p)

    p = bs.add_parser("list", help="このデータベースのバックアップの一覧（日時・大きさ・きっかけ・スキーマ）")
    add_db(p)
    p.add_argument("--json", action="store_true", help="JSON で出力する")
    folder_option(p)

    p = bs.add_parser("restore", help="バックアップから復元する（今の状態は先にバックアップします）")
    add_db(p)
    p.add_argument("file", metavar="FILE", type=existing_file, help="復元するバックアップのファイル")
    p.add_argument("--yes", action="store_true", help="確認せずに復元する")
    folder_option(p)

    p = bs.add_parser("folder", help="バックアップフォルダーを表示する・変更する")
    add_db(p)
    choice = p.add_mutually_exclusive_group()
    choice.add_argument("--set", dest="set_folder", type=existing_folder, metavar="DIR",
                        help="バックアップをこのフォルダーに保存する（ネットワークドライブも可）")
    choice.add_argument("--default", dest="reset_folder", action="store_true", help="既定のフォルダー（ユーザーデータフォルダー）に戻す")


def run_backup(args: argparse.Namespace) -> int:
    from sasaeai_desktop import app_settings

    with app_settings.backup_root_for_run(getattr(args, "backup_dir", None)):
        return _HANDLERS[args.backup_command](args)


def _db_path(args: argparse.Namespace) -> Path:
    from sasaeai_desktop.paths import resolve_db_path

    return resolve_db_path(getattr(args, "db", None))


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):,.1f} MB" if n >= 1024 * 1024 else f"{max(n, 1) / 1024:,.0f} KB"


def _create(args: argparse.Namespace) -> int:
    from sasaeai_desktop.db.instance_lock import InstanceLock
    from sasaeai_desktop.db.migrate import preflight
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.services import backups

    db_path = _db_path(args)
    if not db_path.is_file() or db_path.stat().st_size == 0:
        raise UserError(f"データベース「{db_path}」がありません（まだ作られていません）。バックアップするものがありません。")
    with InstanceLock(db_path):
        preflight(db_path)  # a damaged, foreign or newer file: said, and no backup of it made
        row = backups.create(db_path, "manual", out=Path(args.out) if args.out else None)
    say(f"バックアップを作りました: {row.path}（{_size(row.size)}、スキーマ {row.revision}）")
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    from sasaeai_desktop.db.backups import backup_folder
    from sasaeai_desktop.services import backups

    db_path = _db_path(args)
    rows = backups.list_backups(db_path)
    if args.json:
        print(json.dumps({"database": str(db_path), "folder": str(backup_folder(db_path)),
                          "backups": [r.as_json() for r in rows]}, ensure_ascii=False, indent=2))
        return EXIT_OK
    say(f"データベース: {db_path}")
    say(f"バックアップフォルダー: {backup_folder(db_path)}")
    if not rows:
        say("バックアップはまだありません。")
        return EXIT_OK
    for r in rows:
        say(f"{r.made:%Y-%m-%d %H:%M:%S}\t{_size(r.size)}\t{r.label}\t{r.revision or '?'}\t{r.path}")
    say(f"{len(rows)} 件")
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.db.instance_lock import InstanceLock
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.services import backups

    db_path, source = _db_path(args), Path(args.file)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(
                f"復元すると、データベース「{db_path}」の今の内容が「{source}」の内容に置き換わります。"
                "確認のため --yes を付けて実行してください（対話できない実行では確認できないため、何もしていません）。"
            )
        print(f"データベース「{db_path}」を「{source}」の内容に戻します。今の内容は先にバックアップします。")
        answer = input("続けますか？ [y/N]: ").strip().lower()
        if answer not in ("y", "yes"):
            say("中止しました。データベースは変更していません。")
            return EXIT_OK
    lock = InstanceLock(db_path)
    lock.acquire()
    try:
        result = backups.restore(db_path, source)
    except BaseException:
        lock.release()
        raise
    # Opened once at once: a backup from an older version is migrated now (with its own backup),
    # and anything wrong with the result is said here rather than at the next start.
    with open_database(db_path, held_lock=lock, daily_backup=False) as ctx:
        revision = ctx.migration.to_revision
    say(f"「{source}」から復元しました（データベース: {db_path}、スキーマ {revision}）。")
    if result.safety_backup is not None:
        say(f"復元前の内容はバックアップ「{result.safety_backup}」に保存しました。")
    if result.damaged_copy is not None:
        say(f"壊れていた元のファイルは「{result.damaged_copy}」にそのまま残しました。")
    if result.restored.new_replica_id:
        say("同期: 復元したデータベースは新しい端末IDで同期を続けます（バックアップの後に送った変更は、次に読み込む同期ファイルで戻ります）。")
    return EXIT_OK


def _folder(args: argparse.Namespace) -> int:
    from sasaeai_desktop import app_settings

    if args.set_folder:
        app_settings.set_backup_root(Path(args.set_folder))
    elif args.reset_folder:
        app_settings.set_backup_root(None)
    import os

    if os.environ.get(app_settings.BACKUP_DIR_ENV):
        how = f"（環境変数 {app_settings.BACKUP_DIR_ENV}）"
    else:
        how = "" if app_settings.chosen_backup_root() else "（既定）"
    say(f"バックアップフォルダー: {app_settings.backup_root()}{how}")
    say(f"設定ファイル: {app_settings.config_path()}")
    return EXIT_OK


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "create": _create, "list": _list, "restore": _restore, "folder": _folder,
}
