"""``sasaeai import visits|consultations`` end to end, in a real subprocess (issue 6)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest

from tests.cli_runner import CliRunner
from tests.excel_books import book


@pytest.fixture(scope="module")
def db(sasaeai: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "a.db"
    for args in (("init", "--prefecture", "長野県"), ("demo", "--scale", "1")):
        done = sasaeai("--db", str(path), *args)
        assert done.returncode == 0, done.stderr
    return path


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]


@pytest.mark.parametrize("kind", ["visits", "consultations"])
def test_exported_log_imports_back_unchanged(sasaeai: CliRunner, db: Path, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.xlsx"
    exported = sasaeai("--db", str(db), "export", kind, "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    n = openpyxl.load_workbook(out).active.max_row - 4
    dry = sasaeai("--db", str(db), "import", kind, str(out), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert f"新規 0件、更新 0件、変更なし {n:,}件" in dry.stdout and "書き込みはしていません" in dry.stdout
    done = sasaeai("--db", str(db), "import", kind, str(out))
    assert done.returncode == 0 and f"変更なし {n:,}件を取り込みました" in done.stdout


def test_bad_rows_exit_2_name_each_cell_and_write_nothing(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    visits = _count(db, "visit")
    path = book(tmp_path / "訪問.xlsx", [
        ["訪問日", "市町村", "目的区分", "助言内容", "フォローアップ"],
        ["R7.6.10", "松本市", "定期訪問", "記録を残す", "資料を送る 期限2025-06-01"],
        ["", "松本市", "", "日付なし", ""],
        ["2025/6/12", "まつもと市", "", "", ""],
    ], sheet="訪問記録")
    marked = tmp_path / "印付き.xlsx"
    done = sasaeai("--db", str(db), "import", "visits", str(path), "--errors-out", str(marked))
    assert done.returncode == 2
    assert "訪問記録!3:訪問日 — 訪問日が空欄です" in done.stdout
    assert "訪問記録!4:市町村 — 市町村「まつもと市」が長野県の市町村に見つかりません" in done.stdout
    assert "注意: 訪問記録!2:フォローアップ — フォローアップ「資料を送る」の期限 2025-06-01 が訪問日 2025-06-10 より前です" in done.stdout
    assert "何も書き込みませんでした" in done.stderr
    assert _count(db, "visit") == visits
    assert openpyxl.load_workbook(marked)["訪問記録"]["A3"].comment is not None
    # the warning alone does not stop the import
    ok = book(tmp_path / "ok.xlsx", [["訪問日", "市町村", "フォローアップ"], ["R7.6.10", "松本市", "資料を送る 期限2025-06-01"]], sheet="訪問記録")
    done = sasaeai("--db", str(db), "import", "visits", str(ok))
    assert done.returncode == 0 and "新規 1件" in done.stdout and "注意:" in done.stdout
    assert _count(db, "visit") == visits + 1
