"""Argument checks of the command line, made while parsing (argparse ``type=``) or right after it,
before any command opens the database or writes a file. Messages are Japanese; a bad argument
ends with exit 2 through the parser's ``error``.

- ``fiscal_year``, ``int_in(lo, hi)``, ``text_up_to(n)``, ``existing_file``, ``existing_folder``:
  ``type=`` functions (they raise ``argparse.ArgumentTypeError``).
- ``add_output(p, "--out", suffixes)`` / ``add_output_folder``: an output argument whose target is
  checked by ``check_outputs(args)`` once the database is known (never the database, never an
  existing file without ``--overwrite``; see io/output_files.py).
- ``add_password_file(p, reads=...)``: ``--password-file P`` (the password on P's first line):
  every output of the command is written locked, and the input files named in ``reads`` may be
  locked workbooks; ``password_protection(args)`` does both around the command's handler.
- ``value_answer``: one ``--map 列=書かれた値:取り込む値`` of ``sasaeai import``.
- ``japanese_usage_error``: argparse's own English errors in Japanese; ``Parser`` says them.
- ``add_db``: the ``--db PATH`` every command takes; ``add_command_group``: a command with
  subcommands of its own.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import ExitStack
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from typing import NoReturn

from sasaeai_desktop.cli.exit_codes import EXIT_BAD_INPUT
from sasaeai_desktop.domain.quoted import quoted

OUTPUTS_KEY = "_outputs"  # namespace attribute listing the outputs of the chosen command
LOCKED_INPUTS_KEY = "_locked_inputs"  # the input files that may be password-locked workbooks
PASSWORD_OPTION = "--password-file"
MAX_INT_TEXT = 12  # longer digit strings are refused before int() (and before any overflow)


def _fail(message: str) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(message)


def fiscal_year(text: str) -> int:
    """A 年度: 2025, 令和7年度, R7 …, within the range the program handles."""
    from sasaeai_desktop.domain.fiscal_year import parse_fiscal_year

    try:
        return parse_fiscal_year(text)
    except (ValueError, TypeError) as exc:
        raise _fail(str(exc)) from None


def int_in(lo: int, hi: int, what: str = "値") -> Callable[[str], int]:
    """An integer ``lo``..``hi`` (half- or full-width digits)."""

    def parse(text: str) -> int:
        s = text.strip()
        digits = s.lstrip("+-")
        if not digits.isdigit() or len(digits) > MAX_INT_TEXT:
            raise _fail(f"「{quoted(text)}」は{what}として読めません（{lo}〜{hi} の整数）")
        n = int(s)
        if not lo <= n <= hi:
            raise _fail(f"{what}「{n}」は範囲外です（{lo}〜{hi} の整数）")
        return n

    parse.__name__ = "整数"  # argparse names the type in its own messages
    parse.lo, parse.hi = lo, hi  # type: ignore[attr-defined]  # the argument tests read the range
    return parse


def text_up_to(limit: int, what: str = "文字列") -> Callable[[str], str]:
    def parse(text: str) -> str:
        if len(text) > limit:
            raise _fail(f"{what}が長すぎます（{len(text):,} 文字。{limit} 文字まで）")
        return text

    parse.__name__ = "文字列"
    return parse


def existing_file(text: str) -> str:
    path = Path(text)
    if not text.strip():
        raise _fail("ファイルを指定してください")
    try:
        if path.is_dir():
            raise _fail(f"「{quoted(text)}」はフォルダーです。ファイルを指定してください")
        if not path.is_file():
            raise _fail(f"ファイル「{quoted(text)}」がありません")
    except OSError as exc:  # a name too long for the file system, a loop of links …
        raise _fail(f"「{quoted(text)}」は使えないパスです（{exc.strerror}）") from None
    return text


def existing_folder(text: str) -> str:
    if not text.strip():
        raise _fail("フォルダーを指定してください")
    try:
        found = Path(text).is_dir()
    except OSError as exc:
        raise _fail(f"「{quoted(text)}」は使えないパスです（{exc.strerror}）") from None
    if not found:
        raise _fail(f"フォルダー「{quoted(text)}」がありません")
    return text


def page_key(text: str) -> str:
    """A page of the window (the list lives with the pages; imported only when --page is given)."""
    from sasaeai_desktop.gui.pages.catalog import PAGE_KEYS

    if text not in PAGE_KEYS:
        raise _fail(f"ページ「{quoted(text)}」はありません（{', '.join(PAGE_KEYS)} のいずれか）")
    return text


def value_answer(text: str) -> tuple[str, str, str]:
    """``--map 役割=第1層生活支援コーディネーター:第1層SC`` → (column, value as written, value to
    import; '' leaves the cell empty). The column and the values are checked against the kind of
    sheet once the command knows it (answers.value_answers)."""
    column, eq, rest = text.partition("=")
    written, colon, value = rest.rpartition(":")
    if not eq or not colon:
        raise _fail(f"「{quoted(text)}」は 列=書かれた値:取り込む値 の形で指定してください（例: 役割=第1層生活支援コーディネーター:第1層SC）")
    column, written, value = column.strip(), written.strip(), value.strip()
    if not column or not written:
        raise _fail(f"「{quoted(text)}」の{'列' if not column else '書かれた値'}が空です（列=書かれた値:取り込む値）")
    if len(text) > 300:
        raise _fail(f"「{quoted(text)}」が長すぎます（300文字まで）")
    return column, written, value


value_answer.__name__ = "列=書かれた値:取り込む値"


def _remember(p: argparse.ArgumentParser, dest: str, option: str, suffixes: tuple[str, ...] | None) -> None:
    outputs = list(p.get_default(OUTPUTS_KEY) or [])
    outputs.append((dest, option, suffixes))
    p.set_defaults(**{OUTPUTS_KEY: outputs})


def add_output(
    p: argparse.ArgumentParser, *names: str, suffixes: tuple[str, ...] = (), overwrite: bool = True, **kwargs: Any
) -> argparse.Action:
    """An output file argument; ``overwrite`` also adds ``--overwrite`` (once per parser)."""
    action = p.add_argument(*names, **kwargs)
    option = names[0] if names[0].startswith("-") else "出力ファイル"
    _remember(p, action.dest, str(option), suffixes)
    if overwrite:
        add_overwrite(p)
    return action


def add_output_folder(p: argparse.ArgumentParser, *names: str, **kwargs: Any) -> argparse.Action:
    action = p.add_argument(*names, **kwargs)
    _remember(p, action.dest, names[0], None)
    add_overwrite(p, "同じ名前のファイルがあれば置き換える")
    return action


def add_overwrite(p: argparse.ArgumentParser, help_text: str = "出力ファイルがすでにあれば置き換える") -> None:
    if "--overwrite" not in p._option_string_actions:
        p.add_argument("--overwrite", action="store_true", help=help_text)


def check_outputs(args: argparse.Namespace) -> None:
    """Check every output of the chosen command (after the database was registered as protected)."""
    from sasaeai_desktop.io.output_files import check_output
    from sasaeai_desktop.io.output_files import check_output_folder

    overwrite = bool(getattr(args, "overwrite", False))
    for dest, option, suffixes in getattr(args, OUTPUTS_KEY, None) or []:
        value = getattr(args, dest, None)
        if value is None:
            continue
        if suffixes is None:
            check_output_folder(value, option=option)
        else:
            check_output(value, overwrite=overwrite, suffixes=suffixes, option=option)


def password_file(text: str) -> str:
    """The password written on the first line of the file ``text`` (UTF-8, line end stripped)."""
    from sasaeai_desktop.io.locked_files import read_password_file

    try:
        return read_password_file(text)
    except ValueError as exc:
        raise _fail(str(exc)) from None


password_file.__name__ = "パスワードのファイル"


def add_password_file(p: argparse.ArgumentParser, *, reads: tuple[str, ...] = (), help_text: str | None = None) -> None:
    """``--password-file P``: lock every output of the command with the password on P's first
    line; the inputs ``reads`` (dests) may be locked workbooks, opened with the same password."""
    p.add_argument(
        PASSWORD_OPTION, dest="password", type=password_file, metavar="FILE",
        help=help_text or "1行目に書いたパスワードで出力ファイル（.xlsx / .pdf）を保護する（Excel・LibreOffice・PDFビューアーはパスワードで開ける）",
    )
    if reads:
        p.set_defaults(**{LOCKED_INPUTS_KEY: tuple(reads)})


@contextmanager
def password_protection(args: argparse.Namespace) -> Iterator[list[Path]]:
    """Around a command's handler: locked input workbooks are opened (decrypted into a private
    folder, the argument pointed at that copy of the same name), and with a password every output
    file is written locked. Yields the outputs written locked."""
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.io.locked_files import check_lockable
    from sasaeai_desktop.io.locked_files import is_locked_workbook
    from sasaeai_desktop.io.locked_files import unlocked_copy
    from sasaeai_desktop.io.output_files import locking

    password = getattr(args, "password", None)
    with ExitStack() as stack:
        for dest in getattr(args, LOCKED_INPUTS_KEY, None) or ():
            value = getattr(args, dest, None)
            if not value or not is_locked_workbook(value):
                continue
            if password is None:
                raise UserError(
                    f"「{Path(value).name}」はパスワードで保護されたファイルです。{PASSWORD_OPTION} でパスワードを指定してください。"
                )
            setattr(args, dest, str(stack.enter_context(unlocked_copy(value, password))))
        written: list[Path] = []
        if password is not None:
            targets = []
            for dest, option, suffixes in getattr(args, OUTPUTS_KEY, None) or []:
                value = getattr(args, dest, None)
                if value is None or suffixes is None:
                    continue
                check_lockable(value, option=option)
                targets.append(value)
            written = stack.enter_context(locking(targets, password))
        yield written


def protect_database_of(args: argparse.Namespace) -> None:
    """The database this run will open, protected before any output path is checked."""
    from sasaeai_desktop.io.output_files import protect_database
    from sasaeai_desktop.paths import resolve_db_path

    try:
        protect_database(resolve_db_path(getattr(args, "db", None)))
    except (OSError, RuntimeError):  # an unusable --db is reported when it is opened
        pass


_PATTERNS: tuple[tuple[str, Callable[[re.Match[str]], str]], ...] = (
    (r"^the following arguments are required: (.*)$", lambda m: f"次の引数を指定してください: {m[1]}"),
    (r"^unrecognized arguments: (.*)$", lambda m: f"知らない引数があります: {m[1]}"),
    (r"^one of the arguments (.*) is required$", lambda m: f"次のどれかを指定してください: {m[1]}"),
    (r"^ambiguous option: (\S+) could match (.*)$", lambda m: f"{m[1]} は {m[2]} のどれか分かりません"),
    (r"^argument (.+?): invalid choice: '?(.*?)'? \(choose from (.*)\)$",
     lambda m: f"{m[1]}: 「{m[2]}」は選べません（{m[3]} のいずれか）"),
    (r"^argument (.+?): invalid (\S+) value: '?(.*?)'?$", lambda m: f"{m[1]}: 「{quoted(m[3])}」は{_type_ja(m[2])}として読めません"),
    (r"^argument (.+?): expected one argument$", lambda m: f"{m[1]}: 値を1つ指定してください"),
    (r"^argument (.+?): expected at least one argument$", lambda m: f"{m[1]}: 値を1つ以上指定してください"),
    (r"^argument (.+?): expected at most one argument$", lambda m: f"{m[1]}: 値は1つまでです"),
    (r"^argument (.+?): expected (\d+) arguments?$", lambda m: f"{m[1]}: 値を{m[2]}個指定してください"),
    (r"^argument (.+?): not allowed with argument (.*)$", lambda m: f"{m[1]} は {m[2]} と一緒には指定できません"),
    (r"^argument (.+?): ignored explicit argument '?(.*?)'?$", lambda m: f"{m[1]} は値をとりません（指定: {m[2]}）"),
    (r"^argument (.+?): (.*)$", lambda m: f"{m[1]}: {m[2]}"),
)


def _type_ja(name: str) -> str:
    return {"int": "整数", "float": "数値"}.get(name, name)


def japanese_usage_error(message: str) -> str:
    """argparse's English error line in Japanese (unknown lines are kept as they are)."""
    for pattern, build in _PATTERNS:
        m = re.match(pattern, message, re.S)
        if m:
            return build(m)
    return message


class Parser(argparse.ArgumentParser):
    """argparse with Japanese error lines (it already exits 2 on bad usage)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: 引数が正しくありません: {japanese_usage_error(message)}\n")


def add_db(p: argparse.ArgumentParser, *, top: bool = False) -> None:
    p.add_argument(
        "--db",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="データベースファイル（既定: 環境変数 SASAEAI_DB、なければユーザーデータフォルダー）",
    )


def add_command_group(sub: argparse._SubParsersAction, name: str, help_text: str, dest: str) -> argparse._SubParsersAction:
    """``sasaeai NAME SUBCOMMAND …`` (sync, region, status …): the subcommand is required."""
    group = sub.add_parser(name, help=help_text)
    add_db(group)
    subcommands = group.add_subparsers(dest=dest, metavar="SUBCOMMAND", parser_class=type(group))
    subcommands.required = True
    return subcommands


def add_db_command(group: argparse._SubParsersAction, name: str, help_text: str) -> argparse.ArgumentParser:
    """One subcommand of a group, with ``--db`` first as every subcommand has it."""
    p = group.add_parser(name, help=help_text)
    add_db(p)
    return p


def municipality_option(uow: Any, code: str | None) -> str | None:
    """The id of the municipality ``--municipality CODE`` names (None without the option)."""
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.services import municipalities

    if not code:
        return None
    found = municipalities.find_by_code(uow, code)
    if found is None:
        raise UserError(f"市町村コード「{code}」の市町村が見つかりません（--municipality）。")
    return found.id
