"""Commands of the catalogue of local activities (地域資源・活動事例).

- ``sasaeai export activities --out FILE.xlsx [--municipality CODE] [--search TEXT]``: every entry
  with every field a user edits (the sheet ``sasaeai import activities FILE`` reads back; the
  import itself is excel.py's, on the one engine).
"""

from __future__ import annotations

import argparse

from sasaeai_desktop.cli.args import municipality_option
from sasaeai_desktop.cli.exit_codes import EXIT_OK
from sasaeai_desktop.cli.text import say

KIND = "activities"


def export_catalogue(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services.catalogue.entries import EntryFilter
    from sasaeai_desktop.services.catalogue.sheet import CATALOGUE
    from sasaeai_desktop.services.catalogue.sheet import export_catalogue as write_catalogue

    with open_database(args.db) as ctx:
        mid = municipality_option(ctx.uow(), getattr(args, "municipality", None))
        n = write_catalogue(
            ctx.uow(), args.out, where=EntryFilter(search=args.search or "", municipality_id=mid),
            date_style="wareki" if args.wareki else "seireki",
        )
    say(f"{CATALOGUE.title} {n:,} 件を「{args.out}」に出力しました。")
    return EXIT_OK
