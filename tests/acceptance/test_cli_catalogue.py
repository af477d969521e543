"""``sasaeai export activities`` / ``sasaeai import activities`` end to end (地域資源・活動事例)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest

from sasaeai_desktop.services.catalogue.sheet import CATALOGUE
from tests.cli_runner import CliRunner
from tests.excel_books import book

HEADER = ["名称", "種類", "市町村", "地区", "実施主体", "内容", "曜日・時間", "頻度", "参加人数", "費用", "連絡先", "連絡先掲載", "掲載", "タグ", "備考", "更新日"]


@pytest.fixture
def db(sasaeai: CliRunner, tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    done = sasaeai("--db", str(path), "init", "--prefecture", "長野県")
    assert done.returncode == 0, done.stderr
    return path


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]


def test_import_export_and_import_again_unchanged(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    source = book(tmp_path / "資源.xlsx", [HEADER,
        ["ふれあいサロン", "サロン", "松本市", "中央", "中央社協", "体操と茶話会", "火曜 10時", "週1回", 20, "100円", "0263-00-0000", "可", "可", "体操、茶話会", "", "2026-06-01"],
        ["移動販売", "買い物支援", "上田市", "", "", "", "", "", "", "", "", "", "否", "", "", ""],
        ["男の料理教室", "料理教室", "上田市", "", "", "", "", "", "", "", "", "", "", "", "", ""]], sheet="資源")
    dry = sasaeai("--db", str(db), "import", "activities", str(source), "--dry-run")
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "新規 3件" in dry.stdout and "種類「料理教室」は一覧にないため、新しい種類として追加します" in dry.stdout
    assert _count(db, "catalogue_entry") == 0
    done = sasaeai("--db", str(db), "import", "activities", str(source))
    assert done.returncode == 0, done.stdout + done.stderr
    assert _count(db, "catalogue_entry") == 3
    out = tmp_path / "出力.xlsx"
    exported = sasaeai("--db", str(db), "export", "activities", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "地域資源・活動事例 3 件" in exported.stdout
    ws = openpyxl.load_workbook(out).active
    written = [c.value for c in ws[4]]
    assert written == list(CATALOGUE.headers) and set(HEADER) <= set(written)
    again = sasaeai("--db", str(db), "import", "activities", str(out))
    assert again.returncode == 0, again.stdout + again.stderr
    assert "新規 0件、更新 0件、変更なし 3件" in again.stdout
    one = tmp_path / "上田.xlsx"
    assert sasaeai("--db", str(db), "export", "activities", "--out", str(one), "--municipality", "202037").returncode == 0
    assert openpyxl.load_workbook(one).active.max_row == 4 + 2


def test_bad_cells_exit_2_naming_sheet_row_column_and_write_nothing(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    source = book(tmp_path / "資源.xlsx", [HEADER,
        ["サロン", "サロン", "松本", "", "", "", "", "", "たくさん", "", "", "たぶん", "", "", "", ""]], sheet="資源")
    marked = tmp_path / "問題.xlsx"
    done = sasaeai("--db", str(db), "import", "activities", str(source), "--errors-out", str(marked))
    assert done.returncode == 2
    assert "資源!2:市町村 — 市町村「松本」が長野県の市町村に見つかりません" in done.stdout
    assert "資源!2:参加人数 — " in done.stdout and "資源!2:連絡先掲載 — " in done.stdout
    assert "何も書き込みませんでした" in done.stderr
    assert _count(db, "catalogue_entry") == 0
    assert openpyxl.load_workbook(marked)["資源"]["C2"].comment is not None
