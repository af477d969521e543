"""``sasaeai export KIND`` (a list as on screen) and ``sasaeai import KIND FILE`` (Excel sheets
into the database, all or nothing). Both parsers take the options of every kind; the kinds with
a handler of their own are listed in commands.py.

The import prints the same preview as the import dialog — the header found, the columns read and
left out, counts of 新規 / 更新 / 変更なし, and every problem as ``sheet!row:column — message`` —
then writes in one transaction when there is no problem (and not ``--dry-run``): exit 0 done (or
a clean dry run), 2 problems (nothing written), 1 internal error.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

from sasaeai_desktop.cli.answers import plan_with_answers
from sasaeai_desktop.cli.args import add_db
from sasaeai_desktop.cli.args import add_output
from sasaeai_desktop.cli.args import add_password_file
from sasaeai_desktop.cli.args import existing_file
from sasaeai_desktop.cli.args import fiscal_year
from sasaeai_desktop.cli.args import int_in
from sasaeai_desktop.cli.args import text_up_to
from sasaeai_desktop.cli.args import value_answer
from sasaeai_desktop.cli.exit_codes import EXIT_BAD_INPUT
from sasaeai_desktop.cli.exit_codes import EXIT_OK
from sasaeai_desktop.cli.progress import end_progress_line
from sasaeai_desktop.cli.progress import progress_printer
from sasaeai_desktop.cli.text import say

KINDS = ("municipalities", "people", "advisors", "visits", "consultations", "grants", "events", "activities")
EVENT_IMPORT_KINDS = ("registrations", "attendance")  # trainings.py reads them (--event, --session)


def add_export_parser(sub: Any) -> None:
    export = sub.add_parser("export", help="一覧をExcelに出力する")
    add_db(export)
    export.add_argument("kind", metavar="KIND",
                        help="municipalities, people, advisors, visits, consultations, events, grants, activities（地域資源・活動事例）")
    add_output(export, "--out", suffixes=(".xlsx",), required=True, metavar="FILE.xlsx")
    export.add_argument("--search", default="", type=text_up_to(200, "検索語"), help="一覧の検索と同じ絞り込み")
    export.add_argument("--wareki", action="store_true", help="日付を和暦で表示する")
    add_password_file(export)
    export.add_argument("--no-password", action="store_true",
                        help="人の一覧（電話番号・メールアドレスを含む）をパスワードなしで出力する")
    export.add_argument("--fiscal-year", type=fiscal_year, metavar="YYYY", help="年度（訪問・相談・派遣の記録、補助金・モデル事業）")
    export.add_argument("--municipality", metavar="CODE", type=text_up_to(40, "市町村"), help="市町村コード（訪問・相談・派遣の記録、地域資源）")


def add_import_parser(sub: Any) -> None:
    ident = text_up_to(100, "ID")
    imp = sub.add_parser(
        "import",
        help="Excelファイルを取り込む（問題があれば何も書き込まない）",
        description="Excelの一覧（市町村・関係者・アドバイザー・訪問記録・相談記録・補助金・モデル事業・研修・フォーラム・地域資源）を取り込みます。問題が1つでもあれば何も書き込まず、"
        "「シート!行:列 — 内容」の形で問題をすべて表示して終了コード2で終わります。",
    )
    add_db(imp)
    imp.add_argument("kind", choices=KINDS + EVENT_IMPORT_KINDS, metavar="KIND",
                     help="municipalities, people, advisors, visits, consultations, grants, events（研修・フォーラム）, "
                     "activities（地域資源・活動事例）")
    imp.add_argument("file", metavar="FILE", type=existing_file, help="取り込む .xlsx ファイル")
    imp.add_argument("--sheet", metavar="NAME", type=text_up_to(100, "シート名"), help="シート名（既定: 見出しの見つかる最初のシート）")
    imp.add_argument("--header-row", type=int_in(1, 1_048_576, "行番号"), metavar="N", help="見出しの行番号（既定: 自動で探す）")
    imp.add_argument("--dry-run", action="store_true", help="確認だけして書き込まない")
    imp.add_argument("--map", action="append", default=[], type=value_answer, metavar="列=書かれた値:取り込む値",
                     help="一覧にない値の読み替え（例: 役割=第1層生活支援コーディネーター:第1層SC。取り込む値を空にすると空欄。"
                     "複数指定可。取り込んだ答えは覚えて次回から使う）")
    add_output(imp, "--errors-out", suffixes=(".xlsx",), metavar="FILE.xlsx", help="問題のあるセルに色とコメントを付けた写しを保存する")
    add_password_file(imp, reads=("file",),
                      help_text="パスワードで保護されたExcelを、1行目に書いたパスワードで開く（--errors-out の写しも同じパスワードで保護する）")
    imp.add_argument("--event", metavar="ID", type=ident, help="研修ID（registrations, attendance）")
    imp.add_argument("--session", metavar="ID", type=ident, help="日程ID（attendance、日程が複数のとき）")


def export_list(args: argparse.Namespace) -> int:
    """The lists of the window (``services.listing``), with the window's search."""
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.services import listing

    if args.kind not in listing.list_kinds():
        raise UserError(f"出力できる一覧は {', '.join(listing.list_kinds())} です（指定: {args.kind}）。")
    from sasaeai_desktop.services.exports import NEVER_PLAIN
    from sasaeai_desktop.services.exports import export_list as write_list

    if args.kind in NEVER_PLAIN and getattr(args, "password", None) is None and not args.no_password:
        raise UserError(
            f"{listing.title(args.kind)}には電話番号やメールアドレスが含まれるため、パスワードなしでは出力しません。"
            "--password-file でパスワードを書いたファイルを指定してください（パスワードなしで出力するときは --no-password）。"
        )
    out = Path(args.out)  # its suffix and folder were checked with every output (args.check_outputs)

    with open_database(args.db) as ctx:
        n = write_list(
            ctx.uow(),
            args.kind,
            out,
            search=args.search,
            date_style="wareki" if args.wareki else "seireki",
            progress=progress_printer("Excel出力"),
            abort=threading.Event(),
        )
    print(f"{listing.title(args.kind)} {n:,} 件を「{out}」に出力しました。")
    return EXIT_OK


def import_workbook(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.services import setup
    from sasaeai_desktop.services.imports import applying
    from sasaeai_desktop.services.imports import errors_copy
    from sasaeai_desktop.services.imports import planning

    if args.header_row is not None and args.header_row < 1:
        raise UserError(f"--header-row は1以上の行番号です（指定: {args.header_row}）。")
    abort = threading.Event()
    progress = progress_printer("取り込み")
    with open_database(args.db) as ctx:
        if setup.current_prefecture(ctx.uow()) is None:
            raise UserError("先に都道府県を設定してください（sasaeai init --prefecture 長野県）。")
        plan = plan_with_answers(args, lambda **more: planning.plan_import(
            ctx.uow(), args.kind, args.file, sheet=args.sheet, header_row=args.header_row,
            progress=progress, abort=abort, **more,
        ))
        end_progress_line()
        for line in plan.lines():
            say(line)
        if plan.problems:
            if args.errors_out:
                n = errors_copy.write_errors_copy(plan, args.errors_out)
                say(f"問題 {n:,}件に印を付けた写しを「{args.errors_out}」に保存しました。")
            say(f"問題が{len(plan.problems):,}件あるため、何も書き込みませんでした。", file=sys.stderr)
            return EXIT_BAD_INPUT
        if args.errors_out:
            say(f"問題はありません（「{args.errors_out}」は作成していません）。")
        if args.dry_run:
            say("確認のみ（--dry-run）: 書き込みはしていません。")
            return EXIT_OK
        result = applying.apply_import(ctx.uow(), plan, progress=progress, abort=abort)
        end_progress_line()
    say(result.summary())
    return EXIT_OK

