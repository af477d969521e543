"""補助金・モデル事業 from the command line.

- ``sasaeai export grants --out FILE.xlsx [--fiscal-year Y] [--wareki]``: every record (the sheet
  ``sasaeai import grants FILE`` reads back; the import itself is excel.py's, on the one engine).
- ``sasaeai grants summary --fiscal-year Y --out FILE.pdf|FILE.xlsx [--region-kind KIND]``: the
  年度 summary, totals by program and by region.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sasaeai_desktop.cli.args import add_command_group
from sasaeai_desktop.cli.args import add_db
from sasaeai_desktop.cli.args import add_output
from sasaeai_desktop.cli.args import fiscal_year
from sasaeai_desktop.cli.args import text_up_to
from sasaeai_desktop.cli.exit_codes import EXIT_OK
from sasaeai_desktop.cli.text import say


def add_parsers(sub: argparse._SubParsersAction) -> None:
    gs = add_command_group(sub, "grants", "補助金・モデル事業", "grants_command")
    p = gs.add_parser("summary", help="年度の集計（事業別・圏域別の交付決定額・支払額・件数）を PDF / Excel に出力する")
    add_db(p)
    p.add_argument("--fiscal-year", required=True, type=fiscal_year, metavar="YEAR")
    add_output(p, "--out", suffixes=(".pdf", ".xlsx"), required=True, metavar="FILE.pdf|FILE.xlsx")
    p.add_argument("--region-kind", type=text_up_to(40, "圏域の種類"), metavar="KIND",
                   help="圏域別の集計に使う圏域の種類（既定: 最初の種類）")


def run_grants(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services.grants import files

    out = Path(args.out)
    with open_database(args.db) as ctx:
        written = files.write_summary(ctx.uow(), args.fiscal_year, out, region_kind=args.region_kind)
    for line in written.warnings:
        say(f"注意: {line}", file=sys.stderr)
    pages = f"、{written.pages} ページ" if written.pages else ""
    say(f"{written.title}（{written.rows} 件{pages}）を「{out}」に出力しました。")
    return EXIT_OK


def export_grants(args: argparse.Namespace) -> int:
    """``sasaeai export grants``."""
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services.grants.sheet import GRANTS
    from sasaeai_desktop.services.grants.sheet import export_grants as write_sheet

    with open_database(args.db) as ctx:
        n = write_sheet(ctx.uow(), args.out, fiscal_year=getattr(args, "fiscal_year", None),
                        date_style="wareki" if args.wareki else "seireki")
    say(f"{GRANTS.title} {n:,} 件を「{args.out}」に出力しました。")
    return EXIT_OK
