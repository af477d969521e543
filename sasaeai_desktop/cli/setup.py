"""``sasaeai`` / ``sasaeai gui`` (the window), ``sasaeai init`` (the prefecture and its
municipalities) and ``sasaeai demo`` (made-up data to try the program with)."""

from __future__ import annotations

import argparse
from typing import Any

from sasaeai_desktop.cli.args import add_db
from sasaeai_desktop.cli.args import add_output
from sasaeai_desktop.cli.args import existing_file
from sasaeai_desktop.cli.args import int_in
from sasaeai_desktop.cli.args import page_key
from sasaeai_desktop.cli.args import text_up_to
from sasaeai_desktop.cli.exit_codes import EXIT_OK
from sasaeai_desktop.cli.progress import end_progress_line
from sasaeai_desktop.cli.progress import progress_printer


def add_parsers(sub: Any) -> None:
    gui = sub.add_parser("gui", help="ウィンドウを開く（既定）")
    add_db(gui)
    add_output(gui, "--screenshot", suffixes=(".png",), metavar="FILE.png", help="メインウィンドウを描画してPNGに保存し、終了する")
    gui.add_argument("--page", type=page_key, metavar="PAGE", help="最初に開くページ（municipalities, people …）")
    gui.add_argument(
        "--sync-file", type=existing_file, metavar="FILE.sync", help="同期ファイルを 同期 ページで読み込む（.sync を開いたとき）"
    )

    init = sub.add_parser("init", help="都道府県を設定し、市町村マスタを読み込む")
    add_db(init)
    init.add_argument("--prefecture", required=True, type=text_up_to(40), metavar="NAME|CODE", help="都道府県名（長野県）または2桁コード（20）")

    demo = sub.add_parser("demo", help="架空のデモデータを作成する")
    add_db(demo)
    demo.add_argument("--scale", type=int_in(1, 100, "年度数"), default=1, metavar="N", help="N年度分の活動（既定 1）")
    demo.add_argument("--seed", type=int_in(0, 2**31 - 1, "乱数の種"), default=7)
    demo.add_argument("--prefecture", default="長野県", type=text_up_to(40), help="未設定のときに使う都道府県（既定 長野県）")


def run_gui(args: argparse.Namespace) -> int:
    from sasaeai_desktop.gui.app import run_gui

    return run_gui(
        args.db,
        screenshot=getattr(args, "screenshot", None),
        page=getattr(args, "page", None),
        sync_file=getattr(args, "sync_file", None),
    )


def run_init(args: argparse.Namespace) -> int:
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


def run_demo(args: argparse.Namespace) -> int:
    from sasaeai_desktop import demo
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.services import setup

    if args.scale < 1 or args.scale > 100:
        raise UserError(f"--scale は 1〜100 の整数です（指定: {args.scale}）。")
    with open_database(args.db) as ctx:
        if setup.current_prefecture(ctx.uow()) is None:
            setup.init_prefecture(ctx.uow(), args.prefecture)
        result = demo.fill_demo(ctx.uow(), scale=args.scale, seed=args.seed, progress=progress_printer("デモデータ"))
    end_progress_line()
    total = sum(result.rows.values())
    print(f"デモデータを作成しました: {total:,} 行（{args.scale} 年度分）。")
    for table, n in sorted(result.rows.items()):
        print(f"  {table}: {n:,}")
    return EXIT_OK
