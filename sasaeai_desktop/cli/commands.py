"""The one table of the command line: every command, the kinds of ``export``, ``import`` and
``pdf`` that have a handler of their own, and the order the parsers appear in ``--help``.

A command's subcommands (``sync enrol``, ``region add`` …) are dispatched inside its area module;
everything a user types first is here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from sasaeai_desktop.cli import activities
from sasaeai_desktop.cli import advisors
from sasaeai_desktop.cli import backup
from sasaeai_desktop.cli import catalogue
from sasaeai_desktop.cli import doctor
from sasaeai_desktop.cli import excel
from sasaeai_desktop.cli import grants
from sasaeai_desktop.cli import pdf
from sasaeai_desktop.cli import regions
from sasaeai_desktop.cli import setup
from sasaeai_desktop.cli import site
from sasaeai_desktop.cli import status
from sasaeai_desktop.cli import sync
from sasaeai_desktop.cli import trainings
from sasaeai_desktop.cli.args import Parser
from sasaeai_desktop.cli.args import add_db

Handler = Callable[[argparse.Namespace], int]

# ``export KIND``: these kinds have a handler of their own; every other kind is a list of the
# window (excel.export_list, which names the kinds it knows).
EXPORT_KINDS: dict[str, Handler] = {
    "attendance": trainings.export_attendance,
    "grants": grants.export_grants,
    **{kind: activities.export_log for kind in activities.LOG_KINDS},
    catalogue.KIND: catalogue.export_catalogue,
}

# ``import KIND FILE``: the training files; every other kind is a sheet of records.
IMPORT_KINDS: dict[str, Handler] = {kind: trainings.import_event_file for kind in excel.EVENT_IMPORT_KINDS}

PDF_KINDS: dict[str, Handler] = {
    "visit-report": pdf.visit_report,
    "dashboard": status.pdf_dashboard,
    "advisor-handout": advisors.pdf_advisor_handout,
    "sign-in-sheet": trainings.pdf_training,
    "name-cards": trainings.pdf_training,
    "participants": trainings.pdf_training,
    "groups": trainings.pdf_training,
    "certificates": trainings.pdf_training,
    "booklet": pdf.booklet,
}


def run_export(args: argparse.Namespace) -> int:
    return EXPORT_KINDS.get(args.kind, excel.export_list)(args)


def run_import(args: argparse.Namespace) -> int:
    return IMPORT_KINDS.get(args.kind, excel.import_workbook)(args)


def run_pdf(args: argparse.Namespace) -> int:
    from sasaeai_desktop.domain.errors import UserError

    handler = PDF_KINDS.get(args.kind)
    if handler is None:
        raise UserError(f"帳票の種類「{args.kind}」はありません（{', '.join(PDF_KINDS)}）。")
    return handler(args)


COMMANDS: dict[str, Handler] = {
    "gui": setup.run_gui,
    "init": setup.run_init,
    "demo": setup.run_demo,
    "export": run_export,
    "sync": sync.run_sync,
    "import": run_import,
    "pdf": run_pdf,
    "search": activities.search_records,
    "event": trainings.run_event,
    "status": status.run_status,
    "survey": status.run_survey,
    "region": regions.run_region,
    "grants": grants.run_grants,
    "site": site.run_site,
    "doctor": doctor.run_doctor,
    "backup": backup.run_backup,
}


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="sasaeai", description="SasaeAI Desktop — 生活支援体制整備事業の支援ツール")
    add_db(parser, top=True)
    parser.add_argument("--version", action="store_true", help="バージョンを表示して終了")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    # In the order of COMMANDS: it is the order ``sasaeai --help`` lists them.
    setup.add_parsers(sub)
    excel.add_export_parser(sub)
    sync.add_parsers(sub)
    excel.add_import_parser(sub)
    pdf.add_parsers(sub, PDF_KINDS)
    activities.add_parsers(sub)
    trainings.add_parsers(sub)
    status.add_parsers(sub)
    regions.add_parsers(sub)
    grants.add_parsers(sub)
    site.add_parsers(sub)
    doctor.add_parsers(sub)
    backup.add_parsers(sub)
    return parser
