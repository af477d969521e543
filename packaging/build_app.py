"""``python packaging/build_app.py``: the one-folder desktop build, dist/SasaeAI/.

The executable is ``SasaeAI`` on Linux and ``SasaeAI.exe`` on Windows (plus ``sasaeai-cli.exe``
there, the same program with a console for the command line). Inside: the program, Python, Qt
(QtCore/QtGui/QtWidgets and the plugins they need), Qt's Japanese translations, and all of
resources/ (fonts, master data, icons) and the database migrations. The spec is SasaeAI.spec
beside this file; the Windows installer is windows/SasaeAI.iss, built from this folder.

Options: ``--dist DIR`` (default dist/), ``--work DIR`` (default build/pyinstaller/).
Prints the folder, its size and the build time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "packaging" / "SasaeAI.spec"
APP_NAME = "SasaeAI"


def executable_name() -> str:
    return APP_NAME + (".exe" if sys.platform == "win32" else "")


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path) -> Path:
    env = dict(os.environ)
    # This checkout's package, not whatever `sasaeai_desktop` an editable install elsewhere names.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    # No --clean: PyInstaller's own cache of processed (stripped) libraries is keyed by their
    # contents and saves part of every later build; the work folder is ours to choose.
    cmd = [
        sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work),
    ]
    subprocess.run(cmd, cwd=REPO, env=env, check=True)
    folder = dist / APP_NAME
    exe = folder / executable_name()
    if not exe.is_file():
        raise SystemExit(f"PyInstaller finished but {exe} is missing")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="SasaeAI のデスクトップ版（PyInstaller, one-folder）を作る")
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "pyinstaller")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    folder = build(args.dist.resolve(), args.work.resolve())
    seconds = time.perf_counter() - started
    print(f"{folder}: {folder_bytes(folder) / 1e6:.1f} MB, built in {seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
