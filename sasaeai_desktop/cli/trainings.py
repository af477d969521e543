"""Training commands:

- ``sasaeai event create --type TYPE --title TEXT --fiscal-year 2025 --session DATE[,VENUE[,CAPACITY]] ...
  [--structure course|alternatives|series]``
  prints the new event's id; ``event list``, ``event show ID`` (sessions with their ids), ``event copy ID [--fiscal-year Y]``,
  ``event remove-session SESSION_ID [--yes]``, ``event groups ID --size N``.
- ``sasaeai import {registrations,attendance} --event ID [--session ID] FILE [--dry-run]``
  (the parser is excel.py's).
- ``sasaeai pdf {sign-in-sheet,name-cards,participants,groups,certificates} --event ID --out FILE.pdf``
  (the parser is pdf.py's).
- ``sasaeai export attendance --fiscal-year 2025 --out FILE.xlsx`` (the parser is excel.py's).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sasaeai_desktop.cli.answers import plan_with_answers
from sasaeai_desktop.cli.args import add_db
from sasaeai_desktop.cli.args import fiscal_year
from sasaeai_desktop.cli.args import int_in
from sasaeai_desktop.cli.args import text_up_to
from sasaeai_desktop.cli.exit_codes import EXIT_BAD_INPUT
from sasaeai_desktop.cli.text import say

MAX_CAPACITY = 100_000  # a session's 定員: larger numbers are typing errors (and overflow SQLite's integer)


def add_parsers(sub: Any) -> None:
    from sasaeai_desktop.domain import vocab

    ident = text_up_to(100, "ID")
    ev = sub.add_parser("event", help="研修（日程・申込・グループ）を操作する")
    add_db(ev)
    esub = ev.add_subparsers(dest="event_command", required=True, parser_class=type(ev))
    c = esub.add_parser("create", help="研修を作成し、IDを表示する")
    c.add_argument("--type", required=True, metavar="TYPE", type=text_up_to(40, "種類"), help="、".join(vocab.EVENT_TYPES))
    c.add_argument("--title", required=True, metavar="TEXT", type=text_up_to(200, "研修名"))
    c.add_argument("--fiscal-year", required=True, type=fiscal_year, metavar="YYYY")
    c.add_argument("--session", action="append", default=[], metavar="DATE[,VENUE[,CAPACITY]]", type=text_up_to(300, "日程"),
                   help="日程（複数指定可）。例: 2025-07-01,県庁講堂,80")
    c.add_argument("--co-hosts", default="", metavar="TEXT", type=text_up_to(200, "共催"), help="共催")
    c.add_argument("--structure", default=vocab.DEFAULT_SESSION_STRUCTURE, choices=list(vocab.SESSION_STRUCTURES),
                   help="日程の関係: " + "、".join(f"{k}＝{v}" for k, v in vocab.SESSION_STRUCTURES.items())
                   + f"（既定 {vocab.DEFAULT_SESSION_STRUCTURE}。修了証書・受講証明書の出し方が決まる）")
    c.add_argument("--audience", action="append", default=[], metavar="ROLE", type=text_up_to(100, "対象"), help="対象の役割（複数指定可）")
    c.add_argument("--question", action="append", default=[], metavar="TEXT", type=text_up_to(500, "アンケートの項目"), help="事後アンケートの項目（複数指定可）")
    sh = esub.add_parser("show", help="研修の内容と日程（日程IDつき）を表示する")
    sh.add_argument("id", metavar="EVENT_ID", type=ident)
    ls = esub.add_parser("list", help="研修の一覧")
    ls.add_argument("--fiscal-year", type=fiscal_year, metavar="YYYY")
    cp = esub.add_parser("copy", help="研修を別の年度に写す（前年度の研修から）")
    cp.add_argument("id", metavar="EVENT_ID", type=ident)
    cp.add_argument("--fiscal-year", type=fiscal_year, metavar="YYYY")
    rs = esub.add_parser("remove-session", help="日程を削除する（出欠があるときは --yes が必要）")
    rs.add_argument("session_id", metavar="SESSION_ID", type=ident)
    rs.add_argument("--yes", action="store_true", help="出欠が記録されていても削除する（出欠は履歴に残る）")
    gr = esub.add_parser("groups", help="グループ分けをする")
    gr.add_argument("id", metavar="EVENT_ID", type=ident)
    gr.add_argument("--size", type=int_in(1, 100, "人数"), default=6, metavar="N")
    ce = esub.add_parser("certificates", help="発行済みの証書番号（第N号）と重複の有無を表示する")
    ce.add_argument("id", metavar="EVENT_ID", type=ident)
    rn = esub.add_parser("renumber-certificate",
                         help="証書番号の重複（別のパソコンで同時に発行）を解消するため、一人に次の空き番号を振り直す")
    rn.add_argument("id", metavar="EVENT_ID", type=ident)
    rn.add_argument("person_id", metavar="PERSON_ID", type=ident, help="振り直す人のID（event certificates で確認）")
    for p in (ls, sh, cp, rs, gr, c, ce, rn):
        add_db(p)


def _print_warning_lines(lines: Any) -> None:
    for w in lines:
        say(f"注意: {w}")


def _parse_session(text: str) -> Any:
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.domain.wareki import parse_date
    from sasaeai_desktop.services.trainings import events

    parts = [x.strip() for x in text.split(",")]
    try:
        date = parse_date(parts[0])
    except (ValueError, TypeError) as exc:
        raise UserError(f"--session「{text}」の日付「{parts[0]}」が読めません（例: 2025-07-01 / R7.7.1）: {exc}") from None
    venue = parts[1] if len(parts) > 1 else ""
    capacity = None
    if len(parts) > 2 and parts[2]:
        if not parts[2].isdigit() or len(parts[2]) > 6 or int(parts[2]) > MAX_CAPACITY:
            raise UserError(f"--session「{text}」の定員「{parts[2]}」は0〜{MAX_CAPACITY:,}の整数にしてください。")
        capacity = int(parts[2])
    if len(parts) > 3:
        raise UserError(f"--session「{text}」は 日付[,会場[,定員]] の形で指定してください。")
    return events.SessionData(None, date, venue=venue, capacity=capacity)


def run_event(args: argparse.Namespace) -> int:
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.services.trainings import events
    from sasaeai_desktop.services.trainings import group_work

    if args.event_command == "create":  # every --session read before the database is opened
        sessions = tuple(_parse_session(s) for s in args.session)
        if not sessions:
            raise UserError("--session を1つ以上指定してください（例: --session 2025-07-01,県庁講堂,80）。")
    with open_database(args.db) as ctx:
        uow = ctx.uow
        if args.event_command == "create":
            from sasaeai_desktop.domain.vocab_aliases import EVENT_TYPE
            from sasaeai_desktop.domain.vocab_aliases import ROLE

            # --type 養成講座 / --audience 第1層生活支援コーディネーター: the official wordings are read
            # as the stored values; anything else is refused by the service, naming the list.
            data = events.EventData(None, EVENT_TYPE.match(args.type) or args.type, args.title, args.fiscal_year,
                               co_hosts=args.co_hosts, audiences=tuple(ROLE.match(a) or a for a in args.audience),
                               sessions=sessions,
                               questions=tuple((None, q) for q in args.question), session_structure=args.structure)
            say(events.save_event(uow(), data))
        elif args.event_command == "list":
            for e in events.list_events(uow(), args.fiscal_year):
                say(f"{e.id}\t{e.fiscal_year}\t{e.first_date or ''}\t{e.event_type}\t{e.title}\t日程{e.sessions}\t申込{e.registrations}")
        elif args.event_command == "show":
            ev = events.get_event(uow(), args.id)
            from sasaeai_desktop.domain import vocab

            say(f"{ev.id}\t{ev.fiscal_year}年度\t{ev.event_type}\t{ev.title}")
            say(f"日程の関係\t{ev.session_structure}\t{vocab.SESSION_STRUCTURES.get(ev.session_structure, '')}")
            for sd in ev.sessions:
                time = f"{sd.start_time:%H:%M}" if sd.start_time else ""
                cap = "" if sd.capacity is None else str(sd.capacity)
                say(f"日程\t{sd.id}\t{sd.date.isoformat()}\t{time}\t{sd.venue}\t{cap}\t{'必須' if sd.required else ''}")
        elif args.event_command == "copy":
            say(events.copy_event(uow(), args.id, args.fiscal_year))
        elif args.event_command == "remove-session":
            try:
                n = events.remove_session(uow(), args.session_id, confirm=args.yes)
            except events.SessionHasAttendance as exc:
                raise UserError(f"{exc}（--yes を付けると削除します）") from None
            say(f"日程を削除しました（出欠 {n} 件は履歴として残しています）。" if n else "日程を削除しました。")
        elif args.event_command == "certificates":
            from sasaeai_desktop.services.trainings import certificates

            for row in certificates.issued(uow(), args.id):
                say(f"第{row.number}号\t{row.name}\t{row.person_id}\t{row.kind}\t{row.issued_on.isoformat()}")
            for clash in certificates.clashes(uow(), args.id):
                say(f"※ {clash.message()}", file=sys.stderr)
        elif args.event_command == "renumber-certificate":
            from sasaeai_desktop.services.trainings import certificates

            n = certificates.renumber(uow(), args.id, args.person_id)
            say(f"第{n}号を発行しました（前の番号は使わなくなりました）。")
        elif args.event_command == "groups":
            for g in group_work.assign_groups(uow(), args.id, args.size):
                note = f"　※同じ市町村の職員とSC: {'、'.join(g.conflicts)}" if g.conflicts else ""
                say(f"{g.label}（{len(g.members)}名）: " + "、".join(f"{mb.name}（{mb.municipality}・{mb.role}）" for mb in g.members) + note)
    return 0


def import_event_file(args: argparse.Namespace) -> int:
    """``sasaeai import`` of registrations or attendance (excel.EVENT_IMPORT_KINDS)."""
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.services.imports import applying
    from sasaeai_desktop.services.imports import errors_copy
    from sasaeai_desktop.services.trainings import imports as training_imports

    if not getattr(args, "event", None):
        raise UserError(f"{args.kind} の取り込みには --event ID を指定してください（sasaeai event list でIDを確認できます）。")
    with open_database(args.db) as ctx:
        plan = plan_with_answers(args, lambda **more: training_imports.plan_event_import(
            ctx.uow(), args.kind, args.event, args.file, session_id=getattr(args, "session", None),
            sheet=getattr(args, "sheet", None), header_row=getattr(args, "header_row", None), **more,
        ))
        for line in plan.lines():
            say(line)
        if plan.problems:
            if getattr(args, "errors_out", None):
                n = errors_copy.write_errors_copy(plan, args.errors_out)
                say(f"問題 {n:,}件に印を付けた写しを「{args.errors_out}」に保存しました。")
            say(f"問題が{len(plan.problems):,}件あるため、何も書き込みませんでした。", file=sys.stderr)
            return EXIT_BAD_INPUT
        if args.dry_run:
            say("確認のみ（--dry-run）: 書き込みはしていません。")
            return 0
        result = applying.apply_import(ctx.uow(), plan)
    say(result.summary())
    return 0


def pdf_training(args: argparse.Namespace) -> int:
    """Handler for the training kinds of ``sasaeai pdf`` (services.trainings.prints.PRINTS)."""
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.services.trainings import prints as training_prints

    kind = args.kind
    if not getattr(args, "event", None):
        raise UserError(f"{kind} には --event ID を指定してください（sasaeai event list でIDを確認できます）。")
    label, fn = training_prints.PRINTS[kind]
    with open_database(args.db) as ctx:
        more = {"person_ids": args.person} if kind == "certificates" and getattr(args, "person", None) else {}
        result = fn(ctx.uow(), args.event, args.out, session_id=getattr(args, "session", None), **more)
    _print_warning_lines(result.messages)
    say(f"{label} {result.items:,} 件（{result.pages} ページ）を「{args.out}」に出力しました。")
    return 0


def export_attendance(args: argparse.Namespace) -> int:
    """``sasaeai export attendance``: a 年度's training attendance by municipality."""
    import datetime as dt

    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
    from sasaeai_desktop.services.trainings import exports as training_exports

    fy = getattr(args, "fiscal_year", None) or fiscal_year_of(dt.date.today())
    with open_database(args.db) as ctx:
        n, missing = training_exports.export_attendance(ctx.uow(), fy, args.out, date_style="wareki" if args.wareki else "seireki")
    say(f"{fy}年度の研修出席 {n:,} 件を「{args.out}」に出力しました（受講者のいない市町村 {missing} ）。")
    return 0

