"""status export / survey make+collect / pdf dashboard as a user runs them."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.cli_runner import CliRunner


def _set(path: Path, key: str, value: object) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    for row in wb["調査票"].iter_rows():
        if row[0].value == key:
            row[3].value = value
    wb.save(path)


def test_status_survey_and_dashboard_commands(sasaeai: CliRunner, tmp_path: Path) -> None:
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


def test_collect_asks_whose_return_without_hidden_sheet(sasaeai: CliRunner, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    db = str(tmp_path / "x.db")
    assert sasaeai("--db", db, "init", "--prefecture", "鳥取県").returncode == 0
    out = tmp_path / "sv"
    assert sasaeai("--db", db, "survey", "make", "--fiscal-year", "2025", "--out", str(out)).returncode == 0
    path = sorted(out.glob("*.xlsx"))[0]  # 312011 鳥取市
    wb = load_workbook(path)
    del wb["_sasaeai"]
    wb["調査票"]["D4"], wb["調査票"]["D5"] = None, "鳥取"  # no code, half a name
    wb.save(path)
    _set(path, "issues", "送迎")
    r = sasaeai("--db", db, "survey", "collect", str(out), "--fiscal-year", "2025", "--accept-all", "--overwrite")
    assert r.returncode == 2 and "市町村が分からない回答" in r.stdout and "鳥取市（312011）" in r.stdout, r.stdout
    assert "0 市町村の 0 項目を反映しました" in r.stdout  # never guessed, not even with --accept-all
    r = sasaeai("--db", db, "survey", "collect", str(out), "--fiscal-year", "2025", "--assign", "nothing.xlsx=312011")
    assert r.returncode == 2 and "nothing.xlsx" in r.stderr
    r = sasaeai("--db", db, "survey", "collect", str(out), "--fiscal-year", "2025", "--accept-all", "--overwrite",
                "--assign", f"{path.name}=31201")  # the check digit may be left off
    assert r.returncode == 0 and "照合: 指定" in r.stdout and "1 市町村の 1 項目を反映しました" in r.stdout, r.stdout + r.stderr
