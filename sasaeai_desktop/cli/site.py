"""``sasaeai site export``: the web site of local activities (情報発信), a folder of static pages.

``sasaeai site export --out DIR [--region NAME ...] [--kind KIND ...] [--municipality CODE ...]
[--title TEXT] [--dry-run]``: the booklet's selection and filters (only 掲載可 entries, consented
photos and contacts); ``--dry-run`` prints what would be published and writes nothing.
"""

from __future__ import annotations

import argparse

from sasaeai_desktop.cli.args import add_command_group
from sasaeai_desktop.cli.args import add_db
from sasaeai_desktop.cli.args import fiscal_year
from sasaeai_desktop.cli.args import text_up_to
from sasaeai_desktop.cli.exit_codes import EXIT_OK
from sasaeai_desktop.cli.text import say

TITLE_MAX = 100


def add_parsers(sub: argparse._SubParsersAction) -> None:
    group = add_command_group(sub, "site", "地域資源のウェブサイト（情報発信）", "site_command")
    p = group.add_parser("export", help="掲載可の地域資源を、サーバーなしでも開けるウェブサイトのフォルダーに書き出す")
    add_db(p)
    p.add_argument("--out", required=True, metavar="DIR", type=text_up_to(4000, "フォルダー"),
                   help="書き出すフォルダー（ないか空のフォルダー、または以前に書き出したサイト。以前のサイトは置き換える）")
    p.add_argument("--region", nargs="+", action="extend", default=[], metavar="NAME", type=text_up_to(100, "圏域"),
                   help="圏域・ブロック（複数可）")
    p.add_argument("--kind", dest="catalogue_kind", nargs="+", action="extend", default=[], metavar="KIND",
                   type=text_up_to(40, "種類"), help="地域資源の種類（通いの場、サロン など。複数可）")
    p.add_argument("--municipality", nargs="+", action="extend", default=[], metavar="CODE",
                   type=text_up_to(40, "市町村"), help="市町村コード（6桁。複数可）")
    p.add_argument("--title", default="", type=text_up_to(TITLE_MAX, "表題"),
                   help="サイトの表題（既定: 地域の支え合い活動事例集）")
    p.add_argument("--fiscal-year", type=fiscal_year, metavar="YYYY", help="表示する年度（西暦、4月始まり。既定は今年度）")
    p.add_argument("--dry-run", action="store_true", help="掲載する内容を表示するだけで、何も書き出さない")


def run_site(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.cli.progress import end_progress_line
    from sasaeai_desktop.cli.progress import progress_printer
    from sasaeai_desktop.io.site.folder import check_site_target
    from sasaeai_desktop.services.catalogue.booklet import BookletOptions
    from sasaeai_desktop.services.catalogue.site import NOTHING_TO_PUBLISH
    from sasaeai_desktop.services.catalogue.site import plan_site
    from sasaeai_desktop.services.catalogue.site import write_site

    options = BookletOptions(regions=tuple(args.region), kinds=tuple(args.catalogue_kind),
                             municipality_codes=tuple(args.municipality), title=args.title,
                             fiscal_year=args.fiscal_year)
    with open_database(args.db) as ctx:
        if args.dry_run:
            replaced = check_site_target(args.out)
            plan = plan_site(ctx.uow(), options)
            for line in plan.lines():
                say(line)
            if not plan.entries:
                say(NOTHING_TO_PUBLISH)
            action = "以前に書き出したサイトを置き換えます" if replaced else "書き出します"
            say(f"（試行: 何も書き出していません。実行すると「{args.out}」に{action}）")
            return EXIT_OK
        result = write_site(ctx.uow(), args.out, options, progress=progress_printer("ウェブサイト"))
    end_progress_line()
    replaced = "（以前のサイトを置き換えました）" if result.replaced else ""
    say(f"{result.title}のウェブサイト（活動 {result.entries:,}件、{result.pages:,}ページ、写真 {result.photos:,}枚、"
        f"{result.bytes / 1_000_000:.1f} MB）を「{result.path}」に書き出しました{replaced}。"
        "index.html を開くと見られます。")
    return EXIT_OK
