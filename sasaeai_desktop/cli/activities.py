"""Commands of the visits/consultations/dispatches area.

- ``sasaeai search TEXT [--json] [--kind K] [--fiscal-year Y] [--limit N]``
- ``sasaeai export {visits,consultations,dispatches} --fiscal-year Y --out FILE.xlsx``: the full
  logs (every field; the sheets the import reads); the parser is excel.py's.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sasaeai_desktop.cli.args import add_db
from sasaeai_desktop.cli.args import fiscal_year
from sasaeai_desktop.cli.args import int_in
from sasaeai_desktop.cli.args import municipality_option
from sasaeai_desktop.cli.args import text_up_to
from sasaeai_desktop.cli.text import say

LOG_KINDS = ("visits", "consultations", "dispatches")


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("search", help="訪問・相談・派遣の記録を全文検索する")
    add_db(p)
    p.add_argument("text", metavar="TEXT", type=text_up_to(200, "検索語"), help="検索語（空白で区切ると すべてを含む記録）")
    p.add_argument("--json", action="store_true", help="JSONで出力する")
    p.add_argument("--kind", action="append", choices=("visit", "consultation", "dispatch"), help="対象（複数可）")
    p.add_argument("--fiscal-year", type=fiscal_year, metavar="YYYY")
    p.add_argument("--limit", type=int_in(1, 10_000, "件数"), default=50)


def search_records(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services.activities import search

    with open_database(args.db) as ctx:
        result = search.search(ctx.uow(), args.text, limit=max(1, args.limit), kinds=args.kind, fiscal_year=args.fiscal_year)
    if args.json:
        out = {
            "query": result.query, "method": result.method, "more": result.more,
            "elapsed_ms": round(result.elapsed_ms, 1),
            "hits": [
                {"kind": h.kind, "id": h.id, "date": h.date.isoformat() if h.date else None,
                 "municipality": h.municipality, "heading": h.heading, "snippet": h.snippet_text("[", "]"),
                 "highlights": [t for t, hit in h.snippet if hit], "score": round(h.score, 4)}
                for h in result.hits
            ],
        }
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    if not result.hits:
        say(f"「{args.text}」を含む記録はありません。")
        return 0
    for h in result.hits:
        say(f"{h.date or '----------'} {h.kind_label} {h.municipality}　{h.heading}")
        say(f"    {h.snippet_text()}")
    more = "（さらにあります。--limit で増やせます）" if result.more else ""
    say(f"{len(result.hits)} 件{more}　{result.elapsed_ms:.0f} ms")
    return 0


def export_log(args: argparse.Namespace) -> int:
    """``sasaeai export`` of one of LOG_KINDS."""
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services.activities import log_sheets as activity_logs

    with open_database(args.db) as ctx:
        mid = municipality_option(ctx.uow(), getattr(args, "municipality", None))
        n = activity_logs.export_log(
            ctx.uow(), args.kind, args.out, fiscal_year=getattr(args, "fiscal_year", None), municipality_id=mid,
            date_style="wareki" if args.wareki else "seireki",
        )
    say(f"{activity_logs.SPECS[args.kind].title} {n:,} 件を「{args.out}」に出力しました。")
    return 0

