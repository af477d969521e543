"""``sasaeai import KIND FILE``: Excel sheets into the database, all or nothing (plugged into cli.py).

Prints the same preview as the import dialog — the header found, the columns read and left out,
counts of 新規 / 更新 / 変更なし, and every problem as ``sheet!row:column — message`` — then writes
in one transaction when there is no problem (and not ``--dry-run``). Exit codes follow cli.py:
0 done (or a clean dry run), 2 problems (nothing written), 1 internal error.
"""

from __future__ import annotations

import argparse
import sys
import threading
from typing import Any, Callable

from sasaeai_desktop.cli_text import say

KINDS = ("municipalities", "people", "advisors", "visits", "consultations")


def add_parsers(sub: Any, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    from sasaeai_desktop.cli_args import add_output, add_password_file, existing_file, int_in, text_up_to, value_answer

    imp = sub.add_parser(
        "import",
        help="Excelファイルを取り込む（問題があれば何も書き込まない）",
        description="Excelの一覧（市町村・関係者・アドバイザー・訪問記録・相談記録）を取り込みます。問題が1つでもあれば何も書き込まず、"
        "「シート!行:列 — 内容」の形で問題をすべて表示して終了コード2で終わります。",
    )
    add_db(imp)
    imp.add_argument("kind", choices=KINDS, metavar="KIND", help="municipalities, people, advisors, visits, consultations")
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


def _progress() -> Callable[[float, str], None]:
    last = [-2]

    def progress(fraction: float, message: str) -> None:
        pct = int(fraction * 100) if fraction >= 0 else -1
        if pct != last[0] and sys.stderr.isatty():
            last[0] = pct
            shown = f"{pct:3d}%" if pct >= 0 else " ..."
            print(f"\r取り込み: {shown} {message[:60]}\033[K", end="", file=sys.stderr, flush=True)

    return progress


def value_answers(kind: str, maps: list[tuple[str, str, str]]) -> tuple[dict[str, dict[str, str | None]], dict[tuple[str, str], str]]:
    """The --map arguments as ``plan_import(values=…)``, and which argument said what (for messages).
    A column that takes no controlled value, a value not in its vocabulary, or one written value
    given two answers is refused here (UserError, exit 2) naming the argument."""
    from sasaeai_desktop.domain.vocab_match import match_key
    from sasaeai_desktop.io.excel.spec import header_key
    from sasaeai_desktop.services import import_value_columns
    from sasaeai_desktop.domain.errors import UserError

    columns = import_value_columns.value_columns(kind)
    values: dict[str, dict[str, str | None]] = {}
    origin: dict[tuple[str, str], str] = {}
    given: dict[tuple[str, str], str] = {}
    for column, written, value in maps:
        arg = f"--map {column}={written}:{value}"
        target = columns.get(header_key(column))
        if target is None:
            names = "、".join(import_value_columns.value_column_labels(kind)) or "なし"
            raise UserError(f"{arg}: 列「{column}」はこの取り込み（{kind}）で値を選べる列ではありません（{names}）。")
        problem = import_value_columns.check_value(kind, target, value)
        if problem:
            raise UserError(f"{arg}: {problem}")
        key = (target, match_key(written))
        if key in given and given[key] != value:
            raise UserError(f"{arg}: 「{written}」の答えが {origin[key]} と食い違っています。")
        values.setdefault(target, {})[written] = value or None
        origin[key], given[key] = arg, value
    return values, origin


def plan_with_answers(args: argparse.Namespace, plan: Callable[..., Any]) -> Any:
    """Run ``plan(values=…)`` with the --map answers; a --map the database refuses (an 活動分野 not
    in this database's list) names its argument."""
    from sasaeai_desktop.domain.vocab_match import match_key
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.services.import_values import BadAnswer

    values, origin = value_answers(args.kind, getattr(args, "map", None) or [])
    try:
        return plan(values=values or None)
    except BadAnswer as exc:
        arg = origin.get((exc.column, match_key(exc.written)), "--map")
        raise UserError(f"{arg}: {exc}") from None


def _cmd_import(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.cli import EXIT_BAD_INPUT, EXIT_OK
    from sasaeai_desktop.services import imports, setup
    from sasaeai_desktop.domain.errors import UserError

    if args.header_row is not None and args.header_row < 1:
        raise UserError(f"--header-row は1以上の行番号です（指定: {args.header_row}）。")
    abort = threading.Event()
    progress = _progress()
    with open_database(args.db) as ctx:
        if setup.current_prefecture(ctx.uow()) is None:
            raise UserError("先に都道府県を設定してください（sasaeai init --prefecture 長野県）。")
        plan = plan_with_answers(args, lambda **more: imports.plan_import(
            ctx.uow(), args.kind, args.file, sheet=args.sheet, header_row=args.header_row,
            progress=progress, abort=abort, **more,
        ))
        if sys.stderr.isatty():
            print(file=sys.stderr)
        for line in plan.lines():
            say(line)
        if plan.problems:
            if args.errors_out:
                n = imports.write_errors_copy(plan, args.errors_out)
                say(f"問題 {n:,}件に印を付けた写しを「{args.errors_out}」に保存しました。")
            say(f"問題が{len(plan.problems):,}件あるため、何も書き込みませんでした。", file=sys.stderr)
            return EXIT_BAD_INPUT
        if args.errors_out:
            say(f"問題はありません（「{args.errors_out}」は作成していません）。")
        if args.dry_run:
            say("確認のみ（--dry-run）: 書き込みはしていません。")
            return EXIT_OK
        result = imports.apply_import(ctx.uow(), plan, progress=progress, abort=abort)
        if sys.stderr.isatty():
            print(file=sys.stderr)
    say(result.summary())
    return EXIT_OK


COMMANDS = {"import": _cmd_import}
