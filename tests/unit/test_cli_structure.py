"""The command line's shape (issue 18): commands.py is the one table, and an area module imports
only the shared helpers, never another area (no handler reached through another's fallback)."""

from __future__ import annotations

import ast
from pathlib import Path

import sasaeai_desktop.cli as cli_package
from sasaeai_desktop.cli.commands import COMMANDS
from sasaeai_desktop.cli.commands import build_parser

CLI = Path(cli_package.__file__).parent
SHARED = {"args", "text", "progress", "exit_codes", "answers"}
ENTRY = {"__init__", "main", "commands"}


def _cli_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("sasaeai_desktop.cli."):
                found.add(node.module.split(".")[2])
            elif node.module == "sasaeai_desktop.cli":
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[2] for a in node.names if a.name.startswith("sasaeai_desktop.cli."))
    return found


def test_area_modules_import_only_the_shared_helpers() -> None:
    for path in sorted(CLI.glob("*.py")):
        if path.stem in ENTRY:
            continue
        others = _cli_imports(path) - SHARED
        assert not others, f"cli/{path.name} imports {sorted(others)}: an area reaches only args/text/progress/exit_codes/answers"


def test_every_command_of_the_parser_has_its_handler_in_the_table() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert list(sub.choices) == list(COMMANDS)
