"""``sasaeai doctor [--json]``: what the program sees here — version, database (path, size,
schema revision against the code's), free disk, backups, fonts, Qt — and whether it will work.

Exit 0 when everything will work, 2 when something will not (each such line is marked 要対応 and
says what to do). Nothing is written or created; a running window is not disturbed.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from sasaeai_desktop.cli.args import add_db
from sasaeai_desktop.cli.exit_codes import EXIT_BAD_INPUT
from sasaeai_desktop.cli.exit_codes import EXIT_OK
from sasaeai_desktop.cli.text import say

if TYPE_CHECKING:
    from sasaeai_desktop.services.doctor import Check

_MARKS = {"ok": "OK    ", "warning": "注意  ", "problem": "要対応"}


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="この環境でプログラムが動くかを調べて表示する（何も書き込まない）")
    add_db(p)
    p.add_argument("--json", action="store_true", help="JSON で出力する")


def qt_check() -> Check:
    """Qt's part of the report: which platform, can a window start, Qt's Japanese strings."""
    from sasaeai_desktop.gui.qt_preflight import check_qt_platform
    from sasaeai_desktop.gui.qt_preflight import japanese_translation
    from sasaeai_desktop.services.doctor import OK
    from sasaeai_desktop.services.doctor import PROBLEM
    from sasaeai_desktop.services.doctor import WARNING
    from sasaeai_desktop.services.doctor import Check

    report = check_qt_platform()
    translation = japanese_translation()
    details = [f"プラグイン: {report.plugin}"] if report.plugin else []
    details += list(report.notes)
    details.append(f"Qt の日本語訳: {translation}" if translation else "Qt の日本語訳（qtbase_ja.qm）が見つかりません（ボタンなどが英語になります）")
    if report.problem:
        return Check("qt", "Qt（画面）", PROBLEM, f"{report.platform}: ウィンドウを開けません", (report.problem, *details))
    return Check("qt", "Qt（画面）", OK if translation else WARNING, f"{report.platform}: 起動できます", tuple(details))


def run_doctor(args: argparse.Namespace) -> int:
    from sasaeai_desktop.paths import resolve_db_path
    from sasaeai_desktop.services import doctor

    db_path = resolve_db_path(getattr(args, "db", None))
    checks = [
        doctor.version_check(),
        doctor.resources_check(),
        *doctor.database_checks(db_path),
        doctor.backups_check(db_path),
        doctor.fonts_check(),
        qt_check(),
    ]
    ok = doctor.overall_ok(checks)
    if args.json:
        say(json.dumps({"ok": ok, "checks": [c.to_json() for c in checks]}, ensure_ascii=False, indent=2))
    else:
        for c in checks:
            say(f"{_MARKS[c.status]} {c.label}: {c.text}")
            for line in c.details:
                for part in str(line).splitlines():
                    say(f"         {part}")
        problems = sum(1 for c in checks if c.status == doctor.PROBLEM)
        say("問題は見つかりませんでした。" if ok else f"要対応が {problems} 件あります。上の説明に従ってください。")
    return EXIT_OK if ok else EXIT_BAD_INPUT

