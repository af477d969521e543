"""Advisor roster commands: ``sasaeai pdf advisor-handout`` (listed in commands.PDF_KINDS).

``sasaeai pdf advisor-handout --out FILE.pdf [--sort kana|field] [--field NAME ...]
[--region NAME ...] [--event ID] [--fiscal-year YEAR] [--as-of DATE] [--title TEXT]
[--excel FILE.xlsx]``

A handout that had to print a character the font lacks as 〓, or split one very long entry over
several pages, is still made (exit 0); each such thing is reported on stderr as 「警告: …」.
"""

from __future__ import annotations

import argparse
import sys
import threading

from sasaeai_desktop.cli.exit_codes import EXIT_OK
from sasaeai_desktop.cli.progress import end_progress_line
from sasaeai_desktop.cli.progress import progress_printer
from sasaeai_desktop.cli.text import say


def pdf_advisor_handout(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.domain.advisor_handout import is_sort
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.domain.wareki import DateParseError
    from sasaeai_desktop.domain.wareki import parse_date
    from sasaeai_desktop.services.advisors import handout

    sort = args.sort or "kana"
    if not is_sort(sort):
        raise UserError(f"--sort は {' / '.join(handout.SORTS)} のいずれかです（指定: {sort}）。")
    as_of = None
    if args.as_of:
        try:
            as_of = parse_date(args.as_of)
        except DateParseError as exc:
            raise UserError(f"--as-of: {exc}") from None
    options = handout.HandoutOptions(
        sort=sort, fields=tuple(args.field or ()), regions=tuple(args.region or ()), event_id=args.event or None,
        fiscal_year=args.fiscal_year, as_of=as_of, title=args.title or "",
    )
    abort = threading.Event()
    with open_database(args.db) as ctx:
        result = handout.write_handout(ctx.uow(), args.out, options, progress=progress_printer("名簿PDF"), abort=abort)
        excel = handout.write_handout(ctx.uow(), args.excel, options, fmt="xlsx", abort=abort) if args.excel else None
    end_progress_line()
    say(f"アドバイザー名簿（{result.advisors}名、{result.pages}ページ）を「{result.path}」に作成しました。")
    if excel is not None:
        say(f"同じ名簿（{excel.rows}行）をExcel「{excel.path}」に出力しました。")
    for line in result.warnings:
        say(f"警告: {line}", file=sys.stderr)
    return EXIT_OK
