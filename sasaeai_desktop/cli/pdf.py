"""``sasaeai pdf KIND --out FILE.pdf [options]``: one subparser for every printout.

The kinds and their handlers are listed in commands.py (``PDF_KINDS``); the options here are the
union every kind may use, each handler says which it needs.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any

from sasaeai_desktop.cli.args import add_db
from sasaeai_desktop.cli.args import add_output
from sasaeai_desktop.cli.args import add_password_file
from sasaeai_desktop.cli.args import fiscal_year
from sasaeai_desktop.cli.args import text_up_to
from sasaeai_desktop.cli.text import say


def visit_report(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services.activities.visit_reports import write_visit_report

    with open_database(args.db) as ctx:
        n, pages, warnings = write_visit_report(
            ctx.uow(), args.out, visit_id=args.visit, fiscal_year=args.fiscal_year, municipality_code=_one_code(args)
        )
    for w in warnings:
        say(f"注意: {w}")
    say(f"訪問記録票 {n:,} 件（{pages} ページ）を「{args.out}」に出力しました。")
    return 0


def _one_code(args: argparse.Namespace) -> str | None:
    """visit-report takes one municipality (the option may be given several codes for booklet)."""
    from sasaeai_desktop.domain.errors import UserError

    codes: list[str] = args.municipality or []
    if len(codes) > 1:
        raise UserError(f"{args.kind} の --municipality は1つだけ指定してください（指定: {' '.join(codes)}）。")
    return codes[0] if codes else None


def booklet(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.cli.progress import end_progress_line
    from sasaeai_desktop.cli.progress import progress_printer
    from sasaeai_desktop.services.catalogue.booklet import BookletOptions
    from sasaeai_desktop.services.catalogue.booklet import write_booklet

    options = BookletOptions(regions=tuple(args.region), kinds=tuple(args.catalogue_kind),
                             municipality_codes=tuple(args.municipality or ()), title=args.title or "",
                             fiscal_year=args.fiscal_year)
    with open_database(args.db) as ctx:
        result = write_booklet(ctx.uow(), args.out, options, progress=progress_printer("事例集PDF"))
    end_progress_line()
    say(f"{result.title}（{result.entries:,}件、{result.pages}ページ）を「{args.out}」に作成しました。")
    for line in result.warnings:
        say(f"注意: {line}")
    return 0


TITLE_MAX = 100  # a printed title: longer ones cannot fit the page's heading line


def add_parsers(sub: Any, kinds: Iterable[str]) -> None:
    ident = text_up_to(100, "ID")
    p = sub.add_parser("pdf", help="帳票をPDFで出力する")
    add_db(p)
    p.add_argument("kind", metavar="KIND", help="帳票の種類: " + ", ".join(kinds))
    add_output(p, "--out", suffixes=(".pdf",), required=True, metavar="FILE.pdf")
    p.add_argument("--event", metavar="ID", type=ident, help="研修ID")
    p.add_argument("--visit", metavar="ID", type=ident, help="訪問記録ID")
    # The training printouts' own options (README's `certificates --person ID`).
    p.add_argument("--session", metavar="ID", type=ident, help="日程ID（受付名簿・名札などを日程ごとに）")
    p.add_argument("--person", action="append", metavar="ID", type=ident,
                   help="人のID（certificates: この人の証書だけを同じ番号で印刷し直す。複数可）")
    p.add_argument("--fiscal-year", type=fiscal_year, metavar="YYYY", help="年度（西暦、4月始まり）")
    p.add_argument("--municipality", nargs="+", action="extend", metavar="CODE", type=text_up_to(40, "市町村"),
                   help="市町村コード（6桁。booklet は複数可）")
    p.add_argument("--kind", dest="catalogue_kind", nargs="+", action="extend", default=[], metavar="KIND",
                   type=text_up_to(40, "種類"), help="booklet: 地域資源の種類（通いの場、サロン など。複数可）")
    p.add_argument("--sort", metavar="KEY", type=text_up_to(20), help="advisor-handout: kana（あいうえお順、既定）/ field（活動分野ごと）")
    p.add_argument("--field", nargs="+", action="extend", default=[], metavar="NAME", type=text_up_to(100, "活動分野"), help="活動分野（複数可）")
    p.add_argument("--region", nargs="+", action="extend", default=[], metavar="NAME", type=text_up_to(100, "圏域"), help="圏域・ブロック（複数可）")
    p.add_argument("--as-of", metavar="DATE", type=text_up_to(40, "日付"), help="advisor-handout: 「○年○月○日現在」の日付（既定は今日）")
    p.add_argument("--title", default="", type=text_up_to(TITLE_MAX, "表題"), help="advisor-handout / booklet: 表題（既定: 生活支援体制整備事業 アドバイザー名簿 / 地域の支え合い活動事例集）")
    add_output(p, "--excel", suffixes=(".xlsx",), metavar="FILE.xlsx", help="advisor-handout: 同じ名簿をExcelでも出力する")
    add_password_file(p, help_text="1行目に書いたパスワードをPDF（と --excel のExcel）の「開くときのパスワード」にする（AES-256）")
