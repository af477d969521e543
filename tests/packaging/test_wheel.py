"""The wheel is the program (issue 17, item 1): built, installed into a fresh virtualenv outside
the checkout, and run from another folder it does what an officer does on the first day.

Before setup.py copied resources/ into the wheel, ``init`` ended in
``FileNotFoundError … prefectures.csv`` (「内部エラーが発生しました」).

Slow (40–65 s here, most of it pip installing PySide6 and the rest into the new virtualenv from pip's
cache; the first run on a new machine downloads them).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.packaging.source_tree import REPO
from tests.packaging.source_tree import clean_environment
from tests.packaging.source_tree import copy_sources

pytestmark = pytest.mark.slow


def _run(cmd: list[str | Path], *, cwd: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{cmd} → {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def _bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if sys.platform == "win32" else "bin") / (name + (".exe" if sys.platform == "win32" else ""))


def test_installed_wheel_runs_from_another_folder(tmp_path: Path) -> None:
    env = clean_environment()
    source = copy_sources(tmp_path / "source")
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", wheels, source], cwd=tmp_path, env=env)
    (wheel,) = wheels.glob("sasaeai_desktop-*.whl")

    # Every file under resources/ ships, whatever it is (a second font, a translation …).
    shipped = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        "sasaeai_desktop/resources/" + p.relative_to(REPO / "resources").as_posix()
        for p in (REPO / "resources").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert wanted <= shipped, sorted(wanted - shipped)
    assert "sasaeai_desktop/db/migrations/script.py.mako" in shipped

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=tmp_path, env=env)
    _run([_bin(venv, "python"), "-m", "pip", "install", "--quiet", wheel], cwd=tmp_path, env=env)

    work = tmp_path / "elsewhere"
    work.mkdir()
    sasaeai = _bin(venv, "sasaeai")
    # The program that runs is the installed one, reading the installed resources.
    where = _run(
        [_bin(venv, "python"), "-c", "import sasaeai_desktop.paths as p; print(p.__file__); print(p.resources_dir())"],
        cwd=work,
        env=env,
    ).stdout.splitlines()
    assert all(Path(line).is_relative_to(venv) for line in where), where

    db = ["--db", work / "office.db"]
    assert "長野県の市町村 77 件を登録しました" in _run([sasaeai, "init", "--prefecture", "長野県", *db], cwd=work, env=env).stdout
    _run([sasaeai, "demo", "--scale", "1", *db], cwd=work, env=env)
    _run([sasaeai, "export", "advisors", "--out", "advisors.xlsx", *db], cwd=work, env=env)
    _run([sasaeai, "pdf", "advisor-handout", "--out", "handout.pdf", *db], cwd=work, env=env)
    _run([sasaeai, "gui", "--screenshot", "window.png", *db], cwd=work, env=env)

    import openpyxl

    book = openpyxl.load_workbook(work / "advisors.xlsx")
    assert book.worksheets[0].max_row > 10
    pdf = (work / "handout.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"IPAexGothic" in pdf  # the bundled font, embedded
    assert (work / "window.png").read_bytes().startswith(b"\x89PNG")
    shutil.rmtree(venv)  # ~370 MB that pytest would keep for the last three runs
