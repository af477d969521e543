"""``sasaeai region ...``: kinds of region (保健所圏域, ブロック …), their regions, and which region of
each kind a municipality is in.

- ``region list [--kind KIND] [--json]``: every kind with its regions and how many municipalities
  each holds (with ``--kind``: every municipality and its region of that kind);
- ``region add-kind NAME`` · ``region rename-kind KIND NEW`` · ``region delete-kind KIND [--force]``;
- ``region add KIND NAME...`` · ``region rename KIND REGION NEW`` · ``region delete KIND REGION [--force]``;
- ``region assign KIND REGION MUNICIPALITY...`` · ``region unassign KIND MUNICIPALITY...``
  (a municipality by code, with or without the check digit, or by name written any usual way);
- ``region export FILE.xlsx`` · ``region import FILE.xlsx [--sheet NAME] [--dry-run]``: the grid
  コード | 市町村 | one column per kind (see services/progress/region_sheet.py: new kinds and regions are
  made, blank cells leave a membership alone, all or nothing).

Deleting a kind or a region that still holds municipalities needs ``--force`` (they fall back to
「（圏域未設定）」). Each command is one transaction: one unknown municipality and nothing is assigned.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from sasaeai_desktop.cli.args import add_command_group
from sasaeai_desktop.cli.args import add_db_command
from sasaeai_desktop.cli.args import add_output
from sasaeai_desktop.cli.args import existing_file
from sasaeai_desktop.cli.args import text_up_to
from sasaeai_desktop.cli.exit_codes import EXIT_OK
from sasaeai_desktop.cli.text import say

# The positionals the subcommands share: each a name (or code) up to 100 characters.
_METAVARS = {"name": "NAME", "kind": "KIND", "region": "REGION", "new_name": "NEW"}
_FORCE = "市町村が所属していても削除する"

def add_parsers(sub: argparse._SubParsersAction) -> None:
    name = text_up_to(100, "名前")
    rs = add_command_group(sub, "region", "圏域（保健所圏域・ブロックなど）の種類・圏域・所属市町村", "region_command")

    def command(cmd: str, help_text: str, *positionals: str) -> argparse.ArgumentParser:
        p = add_db_command(rs, cmd, help_text)
        for dest in positionals:
            p.add_argument(dest, metavar=_METAVARS[dest], type=name)
        return p

    p = command("list", "圏域の種類と圏域、所属する市町村の数を表示する")
    p.add_argument("--kind", metavar="KIND", type=name, help="この種類について、市町村ごとの圏域を表示する")
    p.add_argument("--json", action="store_true", help="JSONで出力する")
    command("add-kind", "圏域の種類を追加する", "name")
    command("rename-kind", "圏域の種類の名前を変える", "kind", "new_name")
    command("delete-kind", "圏域の種類を（その圏域ごと）削除する", "kind").add_argument("--force", action="store_true", help=_FORCE)
    command("add", "圏域を追加する", "kind").add_argument("names", nargs="+", metavar="NAME", type=name)
    command("rename", "圏域の名前を変える", "kind", "region", "new_name")
    command("delete", "圏域を削除する", "kind", "region").add_argument("--force", action="store_true", help=_FORCE)
    command("assign", "市町村をこの種類の圏域に所属させる（種類ごとに一つ）", "kind", "region").add_argument(
        "municipalities", nargs="+", metavar="MUNICIPALITY", type=name, help="市町村コードまたは名前")
    add_output(command("export", "市町村ごとの圏域をExcelに出力する（種類ごとに1列）"), "out", suffixes=(".xlsx",), metavar="FILE.xlsx")
    p = command("import", "市町村ごとの圏域をExcelから読み込む（新しい種類・圏域は作成）")
    p.add_argument("file", metavar="FILE.xlsx", type=existing_file)
    p.add_argument("--sheet", metavar="NAME", type=name)
    p.add_argument("--dry-run", action="store_true", help="変更点を表示するだけで、何も書き込まない")
    command("unassign", "市町村をこの種類の圏域から外す", "kind").add_argument(
        "municipalities", nargs="+", metavar="MUNICIPALITY", type=name)


def _municipality_ids(uow: Any, values: list[str]) -> list[str]:
    """Ids of the municipalities named (code or name); UserError naming every one not found."""
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.io.excel.values import ValueProblem
    from sasaeai_desktop.services.municipalities import insurers
    from sasaeai_desktop.services.municipality_names import MunicipalityResolver

    with uow:
        resolver = MunicipalityResolver.load(uow.session)
        insurer_ids = {x[0] for x in insurers(uow)}
    ids, problems = [], []
    for value in values:
        try:
            mid = resolver.resolve(value)
        except ValueProblem as exc:
            problems.append(str(exc))
            continue
        if mid in insurer_ids:
            ids.append(mid)
        else:  # a ward: regions group insurers, and a ward's insurer is its city
            problems.append(f"「{value}」（{resolver.display(mid)}）は区です。区のある市を指定してください")
    if problems:
        raise UserError("市町村が分かりません（何も変更していません）: " + " / ".join(problems))
    return ids


def _listing(uow: Any, kind_name: str | None) -> dict[str, Any]:
    from sasaeai_desktop.services.progress import regions

    table = regions.membership_table(uow)
    kinds = [regions.find_kind(uow, kind_name)] if kind_name else table.kinds
    out = []
    for k in kinds:
        members: dict[str | None, list[dict[str, str]]] = {r.id: [] for r in table.regions[k.id]}
        members[None] = []
        for mid, code, name in table.municipalities:
            members[table.cells.get((mid, k.id))].append({"code": code, "name": name})
        out.append({
            "name": k.name,
            "regions": [{"name": r.name, "municipalities": members[r.id]} for r in table.regions[k.id]],
            "unassigned": members[None],
        })
    return {"kinds": out}


def _print_listing(data: dict[str, Any], detailed: bool) -> None:
    from sasaeai_desktop.services.progress.regions import UNASSIGNED

    if not data["kinds"]:
        say("圏域の種類はまだありません（sasaeai region add-kind 保健所圏域 などで追加します）。")
    for k in data["kinds"]:
        say(f"■ {k['name']}（圏域 {len(k['regions'])}）")
        for r in [*k["regions"], {"name": UNASSIGNED, "municipalities": k["unassigned"]}]:
            if r["name"] == UNASSIGNED and not r["municipalities"]:
                continue
            line = f"  {r['name']}: {len(r['municipalities'])} 市町村"
            if detailed and r["municipalities"]:
                line += "　" + "、".join(x["name"] for x in r["municipalities"])
            say(line)


def run_region(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.services.progress import regions

    c = args.region_command
    with open_database(args.db) as ctx:
        uow = ctx.uow
        if c == "list":
            data = _listing(uow(), args.kind)
            if args.json:
                say(json.dumps(data, ensure_ascii=False, indent=1))
            else:
                _print_listing(data, detailed=bool(args.kind))
            return EXIT_OK
        if c in ("export", "import"):
            return _excel(uow, args)
        if c == "add-kind":
            kind = regions.create_kind(uow(), args.name)
            say(f"圏域の種類「{kind.name}」を追加しました。")
            return EXIT_OK
        kind = regions.find_kind(uow(), args.kind)
        if c == "rename-kind":
            renamed = regions.rename_kind(uow(), kind.id, args.new_name)
            say(f"圏域の種類「{kind.name}」を「{renamed.name}」に変えました。")
        elif c == "delete-kind":
            held = sum(regions.member_counts(uow(), kind.id).values())
            if held and not args.force:
                raise UserError(f"「{kind.name}」には {held} 市町村が所属しています。削除するには --force を付けてください。")
            regions.delete_kind(uow(), kind.id)
            say(f"圏域の種類「{kind.name}」を削除しました（所属 {held} 件を解除）。")
        elif c == "add":
            for name in args.names:  # each checked first: all or nothing
                if any(r.name == name.strip() for r in regions.list_regions(uow(), kind.id)):
                    raise UserError(f"{kind.name}に圏域「{name}」はすでにあります（何も追加していません）。")
            if len(set(args.names)) != len(args.names):
                raise UserError("同じ名前が2回指定されています（何も追加していません）。")
            for name in args.names:
                regions.create_region(uow(), kind.id, name)
            say(f"{kind.name}に圏域 {len(args.names)} 件（{'、'.join(args.names)}）を追加しました。")
        elif c == "rename":
            region = regions.find_region(uow(), kind, args.region)
            renamed_region = regions.rename_region(uow(), region.id, args.new_name)
            say(f"{kind.name}の圏域「{region.name}」を「{renamed_region.name}」に変えました。")
        elif c == "delete":
            region = regions.find_region(uow(), kind, args.region)
            held = regions.member_counts(uow(), kind.id).get(region.id, 0)
            if held and not args.force:
                raise UserError(f"圏域「{region.name}」には {held} 市町村が所属しています。削除するには --force を付けてください。")
            regions.delete_region(uow(), region.id)
            say(f"{kind.name}の圏域「{region.name}」を削除しました（所属 {held} 件を解除）。")
        elif c == "assign":
            region = regions.find_region(uow(), kind, args.region)
            ids = _municipality_ids(uow(), args.municipalities)
            changed = regions.assign(uow(), kind.id, region.id, ids)
            say(f"{len(set(ids))} 市町村を{kind.name}「{region.name}」にしました（変更 {changed} 件）。")
        elif c == "unassign":
            ids = _municipality_ids(uow(), args.municipalities)
            changed = regions.assign(uow(), kind.id, None, ids)
            say(f"{len(set(ids))} 市町村の{kind.name}を解除しました（変更 {changed} 件）。")
    return EXIT_OK


def _excel(uow: Callable[[], Any], args: argparse.Namespace) -> int:
    from pathlib import Path

    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.services.progress import region_sheet

    if args.region_command == "export":
        out = Path(args.out)
        n = region_sheet.write_membership_sheet(uow(), out)
        say(f"{n} 市町村の圏域を「{out}」に出力しました。")
        return EXIT_OK
    plan = region_sheet.plan_membership_import(uow(), args.file, args.sheet)
    for ch in plan.changes:
        say(f"  {ch.municipality}　{ch.kind}: {ch.before or '（未設定）'} → {ch.after or '（未設定）'}")
    say(plan.summary())
    if plan.problems:
        for line in plan.problems:
            say(f"  {line}", file=sys.stderr)
        raise UserError(f"問題が {len(plan.problems)} 件あるため、何も取り込んでいません。")
    if args.dry_run:
        say("確認のみです（何も書き込んでいません）。")
        return EXIT_OK
    n = region_sheet.apply_membership_import(uow(), plan)
    say(f"{n} 件の所属を書き込みました。")
    return EXIT_OK

