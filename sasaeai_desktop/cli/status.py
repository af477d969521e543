"""``sasaeai status ...`` and ``sasaeai survey ...``: municipality progress from the command line.

- ``status export --fiscal-year Y --out FILE.xlsx|FILE.pdf [--group-by KIND]``: the compiled table.
- ``status start-year --fiscal-year Y``: copy each municipality's latest status into the 年度.
- ``survey make --fiscal-year Y --out DIR``: one pre-filled workbook per municipality.
- ``survey collect DIR --fiscal-year Y [--dry-run] [--accept-all] [--overwrite] [--errors-out FILE]
  [--assign FILE=CODE ...]``

The collect contract: without ``--accept-all`` (or with ``--dry-run``) it only shows, per
municipality and field, what the returns would change, and applies nothing (exit 0, or 2 when some
returns have problems). A return whose hidden sheet was deleted is matched by the code or name typed
in the form; when those name no municipality, or two different ones, it is a problem (listed with
the likely municipalities) and never applied, not even with ``--accept-all``: a program must not
guess whose answers these are. ``--assign "FILE=CODE"`` (code or name; repeatable) says which
municipality such a file is from; its answers are then 「?」 like any return without the sheet.
``--accept-all`` applies every *clean* change; fields the database changed
after the form was made (「!」) and answers from workbooks whose hidden identification sheet was
deleted (「?」) are skipped with a message unless ``--overwrite`` is given too; answers that differ
between two returns of the same municipality (「≠」) are never applied here (choose in the GUI).
Problems (another 年度, another municipality, formulas, values that are no choice …) go to an error
workbook (default ``DIR/_回収エラー_<年度>.xlsx``; files starting with '_' are never read as
returns) with the cells highlighted; exit code 2 then, 0 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sasaeai_desktop.cli.args import add_command_group
from sasaeai_desktop.cli.args import add_db
from sasaeai_desktop.cli.args import add_output
from sasaeai_desktop.cli.args import add_output_folder
from sasaeai_desktop.cli.args import existing_folder
from sasaeai_desktop.cli.args import fiscal_year
from sasaeai_desktop.cli.args import text_up_to
from sasaeai_desktop.cli.exit_codes import EXIT_BAD_INPUT
from sasaeai_desktop.cli.exit_codes import EXIT_OK
from sasaeai_desktop.cli.text import say


def _fy(text: str | None) -> int:
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.domain.fiscal_year import parse_fiscal_year

    if not text:
        raise UserError("--fiscal-year で年度を指定してください（例: 2025、令和7年度）。")
    try:
        return parse_fiscal_year(text)
    except ValueError as exc:
        raise UserError(f"--fiscal-year「{text}」: {exc}") from None


def add_parsers(sub: argparse._SubParsersAction) -> None:
    ss = add_command_group(sub, "status", "市町村の取組状況（年度ごと）", "status_command")
    p = ss.add_parser("export", help="取組状況の一覧表（市町村間情報交換用シート）を Excel / PDF に出力する")
    add_db(p)
    p.add_argument("--fiscal-year", required=True, type=fiscal_year, metavar="YEAR")
    add_output(p, "--out", suffixes=(".xlsx", ".pdf"), required=True, metavar="FILE.xlsx|FILE.pdf")
    p.add_argument("--group-by", metavar="KIND", type=text_up_to(100, "圏域の種類"), help="圏域の種類でまとめる（保健所圏域、ブロック …）")
    p = ss.add_parser("start-year", help="新しい年度を前年度の内容の複写で始める")
    add_db(p)
    p.add_argument("--fiscal-year", required=True, type=fiscal_year, metavar="YEAR")

    sv = add_command_group(sub, "survey", "取組状況の調査票（作成と回収）", "survey_command")
    p = sv.add_parser("make", help="市町村ごとの調査票（Excel）を作る")
    add_db(p)
    p.add_argument("--fiscal-year", required=True, type=fiscal_year, metavar="YEAR")
    add_output_folder(p, "--out", required=True, metavar="DIR")
    p = sv.add_parser("collect", help="返送された調査票を読み、変更点を表示・反映する")
    add_db(p)
    p.add_argument("folder", metavar="DIR", type=existing_folder)
    p.add_argument("--fiscal-year", metavar="YEAR", type=fiscal_year, help="回収する年度（省略時: 調査票の年度のうち最も新しいもの）")
    p.add_argument("--dry-run", action="store_true", help="表示だけして、何も反映しない（既定の動作と同じ）")
    p.add_argument("--accept-all", action="store_true", help="問題のない変更をすべて反映する")
    p.add_argument("--overwrite", action="store_true",
                   help="--accept-all と併用: 作成後に変更されたデータや識別シートのない回答も、回答の値で上書きする")
    p.add_argument("--errors-out", metavar="FILE.xlsx", help="問題の一覧とセルの印を付けたExcel（既定: DIR/_回収エラー_<年度>.xlsx）")
    p.add_argument("--assign", action="append", default=[], metavar="FILE=CODE", type=text_up_to(300, "--assign"),
                   help="識別シートがなく市町村が分からない調査票の市町村を指定する（ファイル名=市町村コードまたは名前、複数可）")


def run_status(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
    from sasaeai_desktop.services.progress import files as progress_files
    from sasaeai_desktop.services.progress import status

    fy = _fy(args.fiscal_year)
    if args.status_command == "start-year":
        with open_database(args.db) as ctx:
            n = status.start_fiscal_year(ctx.uow(), fy)
        say(f"{fiscal_year_label(fy, 'both')}: {n} 市町村の取組状況を前年度から複写しました。")
        return EXIT_OK
    out = Path(args.out)
    with open_database(args.db) as ctx:
        written = progress_files.write_status_table(ctx.uow(), fy, out, group_by=args.group_by)
    for line in written.warnings:
        say(f"注意: {line}", file=sys.stderr)
    if written.pages:
        say(f"{written.title}（{written.rows} 市町村、{written.pages} ページ）を「{out}」に出力しました。")
    else:
        say(f"{written.title}（{written.rows} 市町村）を「{out}」に出力しました。")
    return EXIT_OK


def _latest_survey_year(folder: Path) -> int | None:
    from sasaeai_desktop.io.excel.survey_form import IDENT_SHEET

    years = []
    from python_calamine import CalamineWorkbook

    from sasaeai_desktop.io.excel.file_check import check_file

    for p in sorted(folder.glob("*.xlsx"))[:50]:
        if p.name.startswith(("_", "~$")):
            continue
        try:
            check_file(p)  # a hostile book would abort calamine, not raise; collect reports it
            wb = CalamineWorkbook.from_path(str(p))
            if IDENT_SHEET in wb.sheet_names:
                rows = dict((str(r[0]), r[1]) for r in wb.get_sheet_by_name(IDENT_SHEET).to_python() if len(r) >= 2)
                year = str(rows.get("fiscal_year", ""))
                if year.isdigit():
                    years.append(int(year))
        except Exception:
            continue
    return max(years) if years else None


def run_survey(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
    from sasaeai_desktop.services.progress import survey_apply
    from sasaeai_desktop.services.progress import survey_collect
    from sasaeai_desktop.services.progress import survey_forms
    from sasaeai_desktop.services.progress import survey_report
    from sasaeai_desktop.services.settings import get_settings

    if args.survey_command == "make":
        year = _fy(args.fiscal_year)
        with open_database(args.db) as ctx:
            s = get_settings(ctx.uow())
            office = "　".join(x for x in (s.office_name, s.department, s.contact_person, s.phone, s.email) if x)
            made = survey_forms.make_surveys(ctx.uow(), year, args.out, office=office, overwrite=args.overwrite)
        say(f"{fiscal_year_label(year, 'both')}の調査票 {made.files} 件を「{made.folder}」に作成しました（{made.seconds:.1f} 秒）。")
        return EXIT_OK

    folder = Path(args.folder)
    if not folder.is_dir():
        raise UserError(f"フォルダー「{folder}」がありません。")
    if args.errors_out:  # collect's --overwrite is about values, not this file: never replace it
        from sasaeai_desktop.io.output_files import check_output

        check_output(args.errors_out, overwrite=False, suffixes=(".xlsx",), option="--errors-out", overwrite_option=None)
    fy = _fy(args.fiscal_year) if args.fiscal_year else _latest_survey_year(folder)
    if fy is None:
        raise UserError(f"「{folder}」の調査票から年度が分かりません。--fiscal-year で指定してください。")
    assign = _assignments(args.assign)
    with open_database(args.db) as ctx:
        plan = survey_collect.collect(ctx.uow(), fy, folder, assign=assign)
        for line in survey_report.plan_lines(plan):
            say(line.replace("\n", "⏎"))
        errors_out = Path(args.errors_out) if args.errors_out else folder / f"_回収エラー_{fy}.xlsx"
        if plan.problems:
            say(f"\n問題 {len(plan.problems)} 件（反映しません）:", file=sys.stderr)
            for p in plan.problems:
                say(f"  {p.text()}", file=sys.stderr)
            survey_report.write_error_workbook(plan, errors_out)
            say(f"問題の一覧とセルの印を「{errors_out}」に書き出しました。", file=sys.stderr)
        if args.accept_all and not args.dry_run:
            result = survey_apply.apply_plan(ctx.uow(), plan, survey_apply.default_decision(overwrite=args.overwrite))
            for line in result.skipped + result.problems:
                say(f"  {line}", file=sys.stderr)
            say(f"\n{result.municipalities} 市町村の {result.fields} 項目を反映しました。"
                  + (f" 反映しなかった項目 {len(result.skipped)} 件。" if result.skipped else ""))
        else:
            say(f"\n確認のみです（何も反映していません）。変更 {plan.clean_changes} 項目、要確認 {plan.undecided_changes} 項目。"
                  "反映するには --accept-all を付けて実行してください。")
            result = None
    # Any refused return is bad input, found by the dry run as by the real run.
    return EXIT_BAD_INPUT if plan.problems or (result is not None and result.problems) else EXIT_OK


def _assignments(items: list[str]) -> dict[str, str]:
    """``--assign FILE=CODE`` options as {file name: code or name}."""
    from sasaeai_desktop.domain.errors import UserError

    out: dict[str, str] = {}
    for item in items:
        file, sep, who = item.rpartition("=")
        if not sep or not file.strip() or not who.strip():
            raise UserError(f"--assign「{item}」: 「ファイル名=市町村コード」の形で指定してください。")
        out[Path(file.strip()).name] = who.strip()
    return out


def pdf_dashboard(args: argparse.Namespace) -> int:
    """``sasaeai pdf dashboard --fiscal-year Y --out FILE.pdf [--region KIND]``."""
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services.progress import dashboard as progress
    from sasaeai_desktop.services.progress import files as progress_files

    out = Path(args.out)
    with open_database(args.db) as ctx:
        fy = _fy(args.fiscal_year) if args.fiscal_year else progress.default_fiscal_year(ctx.uow())
        # --region is shared with the other printouts and takes several names (a list); the
        # dashboard groups by one kind of region: the last one given.
        region = args.region[-1] if args.region else None
        if region is None:
            from sasaeai_desktop.services.progress import regions

            kinds = regions.list_kinds(ctx.uow())
            region = kinds[0].name if kinds else None
        d = progress.progress_dashboard(ctx.uow(), fy, group_by=region)
        pages = progress_files.write_dashboard_pdf(ctx.uow(), d, out)
    say(f"{d.label}の取組状況レポート（{pages} ページ）を「{out}」に出力しました。")
    return EXIT_OK

