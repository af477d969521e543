"""status export / survey make+collect / pdf dashboard as a user runs them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.acceptance.test_cli import sasaeai


def _set(path: Path, key: str, value: object) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    for row in wb["調査票"].iter_rows():
        if row[0].value == key:
            row[3].value = value
    wb.save(path)


def test_status_survey_and_dashboard_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    assert sasaeai("--db", db, "init", "--prefecture", "鳥取県").returncode == 0
    r = sasaeai("--db", db, "status", "start-year", "--fiscal-year", "2025")
    assert r.returncode == 0, r.stderr
    r = sasaeai("--db", db, "status", "export", "--fiscal-year", "2025", "--out", str(tmp_path / "t.xlsx"),
                "--group-by", "ブロック")
    assert r.returncode == 0 and (tmp_path / "t.xlsx").exists(), r.stderr
    r = sasaeai("--db", db, "status", "export", "--fiscal-year", "2025", "--out", str(tmp_path / "t.pdf"))
    assert r.returncode == 0, r.stderr
    fonts = subprocess.run(["pdffonts", str(tmp_path / "t.pdf")], capture_output=True, text=True).stdout
    assert all(" yes " in line for line in fonts.splitlines()[2:])
    r = sasaeai("--db", db, "status", "export", "--fiscal-year", "2025", "--out", str(tmp_path / "t.csv"))
    assert r.returncode == 2 and "拡張子" in r.stderr

    out = tmp_path / "sv"
    r = sasaeai("--db", db, "survey", "make", "--fiscal-year", "2025", "--out", str(out))
    assert r.returncode == 0, r.stderr
    first = sorted(out.glob("*.xlsx"))[0]
    _set(first, "stage", "②")
    _set(sorted(out.glob("*.xlsx"))[1], "sc1_count", "=2*2")
    r = sasaeai("--db", db, "survey", "collect", str(out))  # preview: nothing applied
    assert r.returncode == 2 and "推進段階" in r.stdout and "数式" in r.stderr and "何も反映していません" in r.stdout
    assert (out / "_回収エラー_2025.xlsx").exists()
    r = sasaeai("--db", db, "survey", "collect", str(out), "--accept-all")
    assert r.returncode == 2 and "1 市町村の 1 項目を反映しました" in r.stdout, r.stdout + r.stderr
    r = sasaeai("--db", db, "survey", "collect", str(out), "--fiscal-year", "2025", "--dry-run")
    assert "推進段階" not in r.stdout  # applied: nothing left to change

    r = sasaeai("--db", db, "pdf", "dashboard", "--fiscal-year", "2025", "--out", str(tmp_path / "d.pdf"))
    assert r.returncode == 0 and "1 ページ" in r.stdout, r.stderr
