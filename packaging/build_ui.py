"""Compile every Qt Designer file ui/<name>.ui into sasaeai_desktop/gui/forms/ui_<name>.py.

    python packaging/build_ui.py           # regenerate (commit the results)
    python packaging/build_ui.py --check   # exit 1 if a generated file is missing or stale

The generated modules are committed so that running from a checkout or a frozen build needs no
uic; this script is run by whoever edits a .ui file (as in Picard's setup.py build_ui).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "sasaeai_desktop" / "gui" / "forms"
HEADER = "# Generated from ui/{name}.ui by packaging/build_ui.py — do not edit.\n"


def uic_command() -> list[str]:
    """pyside6-uic next to this Python first (a venv need not be on PATH), then PATH, then the
    PySide6 wrapper module itself."""
    scripts = Path(sys.executable).parent
    for candidate in (scripts / "pyside6-uic", scripts / "pyside6-uic.exe", scripts / "Scripts" / "pyside6-uic.exe"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate)]
    found = shutil.which("pyside6-uic")
    if found:
        return [found]
    # PySide6.scripts.pyside_tool is what the pyside6-uic entry point runs.
    return [sys.executable, "-c", "import sys; from PySide6.scripts.pyside_tool import uic; sys.argv[0]='uic'; uic()"]


def compile_ui(ui_file: Path) -> str:
    result = subprocess.run(
        [*uic_command(), "--generator", "python", str(ui_file)],
        check=True,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    return HEADER.format(name=ui_file.stem) + result.stdout


def _comparable(text: str) -> list[str]:
    # uic stamps its own version into "##" comment lines; a different Qt patch release must not
    # make a form look stale.
    return [line for line in text.splitlines() if not line.startswith("##")]


def target_for(ui_file: Path) -> Path:
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report forms that are missing or stale")
    args = parser.parse_args(argv)
    stale: list[str] = []
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        generated = compile_ui(ui_file)
        target = target_for(ui_file)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if args.check:
            if current is None or _comparable(current) != _comparable(generated):
                stale.append(str(target.relative_to(ROOT)))
            continue
        if current != generated:
            target.write_text(generated, encoding="utf-8", newline="\n")
            print(f"wrote {target.relative_to(ROOT)}")
    if stale:
        print("stale or missing (run python packaging/build_ui.py):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
