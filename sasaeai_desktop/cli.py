"""The command line: ``sasaeai`` opens the window; subcommands work headless.

Exit codes are a contract: 0 success, 2 bad input (with a message saying what
and where), 1 internal error. Heavy libraries are imported inside each command
so that ``sasaeai --help`` and the GUI start stay fast.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import traceback
from pathlib import Path
from typing import Callable, Sequence

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse with Japanese error lines (it already exits 2 on bad usage)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        from sasaeai_desktop.cli_args import japanese_usage_error

        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: 引数が正しくありません: {japanese_usage_error(message)}\n")


def _add_db(p: argparse.ArgumentParser, *, top: bool = False) -> None:
    p.add_argument(
        "--db",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="データベースファイル（既定: 環境変数 SASAEAI_DB、なければユーザーデータフォルダー）",
    )


def build_parser() -> argparse.ArgumentParser:
    from sasaeai_desktop.cli_args import add_output, add_password_file, int_in, page_key, text_up_to

    parser = _Parser(prog="sasaeai", description="SasaeAI Desktop — 生活支援体制整備事業の支援ツール")
    _add_db(parser, top=True)
    parser.add_argument("--version", action="store_true", help="バージョンを表示して終了")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    gui = sub.add_parser("gui", help="ウィンドウを開く（既定）")
    _add_db(gui)
    add_output(gui, "--screenshot", suffixes=(".png",), metavar="FILE.png", help="メインウィンドウを描画してPNGに保存し、終了する")
    gui.add_argument("--page", type=page_key, metavar="PAGE", help="最初に開くページ（municipalities, people …）")
    from sasaeai_desktop.cli_args import existing_file

    gui.add_argument(
        "--sync-file", type=existing_file, metavar="FILE.sync", help="同期ファイルを 同期 ページで読み込む（.sync を開いたとき）"
    )

    init = sub.add_parser("init", help="都道府県を設定し、市町村マスタを読み込む")
    _add_db(init)
    init.add_argument("--prefecture", required=True, type=text_up_to(40), metavar="NAME|CODE", help="都道府県名（長野県）または2桁コード（20）")

    demo = sub.add_parser("demo", help="架空のデモデータを作成する")
    _add_db(demo)
    demo.add_argument("--scale", type=int_in(1, 100, "年度数"), default=1, metavar="N", help="N年度分の活動（既定 1）")
    demo.add_argument("--seed", type=int_in(0, 2**31 - 1, "乱数の種"), default=7)
    demo.add_argument("--prefecture", default="長野県", type=text_up_to(40), help="未設定のときに使う都道府県（既定 長野県）")

    export = sub.add_parser("export", help="一覧をExcelに出力する")
    _add_db(export)
    export.add_argument("kind", metavar="KIND", help="municipalities, people, advisors, visits, consultations, events")
    add_output(export, "--out", suffixes=(".xlsx",), required=True, metavar="FILE.xlsx")
    export.add_argument("--search", default="", type=text_up_to(200, "検索語"), help="一覧の検索と同じ絞り込み")
    export.add_argument("--wareki", action="store_true", help="日付を和暦で表示する")
    add_password_file(export)

    for module in _extension_modules():
        module.add_parsers(sub, _add_db)
    return parser


# Each area's commands live in their own module (cli_sync.py, ...), which provides
# ``add_parsers(sub, add_db)`` and ``COMMANDS: dict[str, handler]``. Add a module here to plug in.
EXTENSION_MODULES: tuple[str, ...] = (
    "sasaeai_desktop.cli_sync", "sasaeai_desktop.cli_excel", "sasaeai_desktop.cli_pdf", "sasaeai_desktop.cli_activities", "sasaeai_desktop.cli_trainings",
    "sasaeai_desktop.cli_status", "sasaeai_desktop.cli_regions", "sasaeai_desktop.cli_doctor", "sasaeai_desktop.cli_backup",
)


def _extension_modules() -> list:  # type: ignore[type-arg]
    import importlib

    return [importlib.import_module(name) for name in EXTENSION_MODULES]


def _progress_printer(label: str) -> Callable[[float, str], None]:
    last = [-1]

    def progress(fraction: float, message: str) -> None:
        pct = int(fraction * 100)
        if pct != last[0] and sys.stderr.isatty():
            last[0] = pct
            print(f"\r{label}: {pct:3d}% {message}", end="", file=sys.stderr, flush=True)

    return progress


def _cmd_init(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services import setup

    setup.find_prefecture(args.prefecture)  # reject an unknown name before creating any file
    with open_database(args.db) as ctx:
        result = setup.init_prefecture(ctx.uow(), args.prefecture)
    if result.created:
        print(f"{result.prefecture_name}の市町村 {result.created} 件を登録しました（データベース: {ctx.db_path}）。")
    else:
        print(f"{result.prefecture_name}は設定済みです。変更はありません（市町村 {result.total} 件）。")
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services import demo, setup
    from sasaeai_desktop.domain.errors import UserError

    if args.scale < 1 or args.scale > 100:
        raise UserError(f"--scale は 1〜100 の整数です（指定: {args.scale}）。")
    with open_database(args.db) as ctx:
        if setup.current_prefecture(ctx.uow()) is None:
            setup.init_prefecture(ctx.uow(), args.prefecture)
        result = demo.fill_demo(ctx.uow(), scale=args.scale, seed=args.seed, progress=_progress_printer("デモデータ"))
    if sys.stderr.isatty():
        print(file=sys.stderr)
    total = sum(result.rows.values())
    print(f"デモデータを作成しました: {total:,} 行（{args.scale} 年度分）。")
    for table, n in sorted(result.rows.items()):
        print(f"  {table}: {n:,}")
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services import listing
    from sasaeai_desktop.domain.errors import UserError

    if args.kind not in listing.list_kinds():
        raise UserError(f"出力できる一覧は {', '.join(listing.list_kinds())} です（指定: {args.kind}）。")
    out = Path(args.out)  # its suffix and folder were checked with every output (cli_args.check_outputs)
    from sasaeai_desktop.services.exports import export_list

    with open_database(args.db) as ctx:
        n = export_list(
            ctx.uow(),
            args.kind,
            out,
            search=args.search,
            date_style="wareki" if args.wareki else "seireki",
            progress=_progress_printer("Excel出力"),
            abort=threading.Event(),
        )
    print(f"{listing.title(args.kind)} {n:,} 件を「{out}」に出力しました。")
    return EXIT_OK


def _cmd_gui(args: argparse.Namespace) -> int:
    from sasaeai_desktop.gui.app import run_gui

    return run_gui(
        args.db,
        screenshot=getattr(args, "screenshot", None),
        page=getattr(args, "page", None),
        sync_file=getattr(args, "sync_file", None),
    )


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "gui": _cmd_gui,
    "init": _cmd_init,
    "demo": _cmd_demo,
    "export": _cmd_export,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        from sasaeai_desktop import __version__

        print(f"SasaeAI Desktop {__version__}")
        return EXIT_OK
    command = args.command or "gui"
    handlers = dict(COMMANDS)
    for module in _extension_modules():
        handlers.update(module.COMMANDS)
    try:
        from sasaeai_desktop.cli_args import check_outputs, password_protection, protect_database_of

        # Before any command opens the database or writes: the outputs must not be the
        # database, a folder, or (without --overwrite) an existing file.
        protect_database_of(args)
        check_outputs(args)
        with password_protection(args) as locked:
            rc = handlers[command](args)
        if locked:
            from .cli_text import say

            say("パスワードで保護しました: " + "、".join(f"「{p}」" for p in locked))
        return rc
    except KeyboardInterrupt:
        print("\n中断しました。", file=sys.stderr)
        return EXIT_INTERNAL
    except BrokenPipeError:
        # The reader stopped early (`sasaeai region list | head`): what it read was complete
        # lines, so this is not an error. Point stdout at devnull so the interpreter's final
        # flush does not raise again (the recipe in Python's signal module documentation).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the one place that turns errors into exit codes
        return _report(exc)


def _report(exc: Exception) -> int:
    from sasaeai_desktop.db.errors import DatabaseOpenError
    from sasaeai_desktop.io.output_files import disk_full
    from sasaeai_desktop.domain.errors import UserError

    from .cli_text import say  # a message may quote a name or a cell from a hostile file

    full = disk_full(exc)  # a full disk (or ulimit -f) anywhere: SQLite, a PDF, a workbook …
    if full is not None:
        say(f"エラー: {full}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if isinstance(exc, (UserError, DatabaseOpenError)):
        say(f"エラー: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    traceback.print_exc()
    print(f"内部エラーが発生しました: {exc!r}", file=sys.stderr)
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
