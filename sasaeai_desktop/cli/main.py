"""``sasaeai``: parse the arguments, run the command's handler (commands.py), turn what went
wrong into an exit code (exit_codes.py) and a Japanese message. ``sasaeai`` alone opens the
window; subcommands work headless. Heavy libraries are imported inside each handler so that
``sasaeai --help`` and the GUI start stay fast.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence

from sasaeai_desktop.cli.commands import COMMANDS
from sasaeai_desktop.cli.commands import build_parser
from sasaeai_desktop.cli.exit_codes import EXIT_BAD_INPUT
from sasaeai_desktop.cli.exit_codes import EXIT_INTERNAL
from sasaeai_desktop.cli.exit_codes import EXIT_OK
from sasaeai_desktop.cli.text import say

__all__ = ["EXIT_BAD_INPUT", "EXIT_INTERNAL", "EXIT_OK", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.version:
        from sasaeai_desktop import __version__

        print(f"SasaeAI Desktop {__version__}")
        return EXIT_OK
    command = args.command or "gui"
    try:
        from sasaeai_desktop.cli.args import check_outputs
        from sasaeai_desktop.cli.args import password_protection
        from sasaeai_desktop.cli.args import protect_database_of

        # Before any command opens the database or writes: the outputs must not be the
        # database, a folder, or (without --overwrite) an existing file.
        protect_database_of(args)
        check_outputs(args)
        with password_protection(args) as locked:
            rc = COMMANDS[command](args)
        if locked:
            say("パスワードで保護しました: " + "、".join(f"「{p}」" for p in locked))
        return rc
    except KeyboardInterrupt:
        print("\n中断しました。", file=sys.stderr)
        return EXIT_INTERNAL
    except BrokenPipeError:
        # The reader stopped early (`sasaeai region list | head`): what it read was complete
        # lines, so this is not an error. Point stdout at devnull so the interpreter's final
        # flush does not raise again (the recipe in Python's signal module documentation).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # the one place that turns errors into exit codes
        return _report(exc)


def _report(exc: Exception) -> int:
    from sasaeai_desktop.db.errors import DatabaseOpenError
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.io.output_files import disk_full

    # say(): a message may quote a name or a cell from a hostile file.
    full = disk_full(exc)  # a full disk (or ulimit -f) anywhere: SQLite, a PDF, a workbook …
    if full is not None:
        say(f"エラー: {full}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if isinstance(exc, (UserError, DatabaseOpenError)):
        say(f"エラー: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    traceback.print_exc()
    print(f"内部エラーが発生しました: {exc!r}", file=sys.stderr)
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
