"""``sasaeai import`` and ``sasaeai export`` end to end, in a real subprocess each time."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest

from tests.cli_runner import CliRunner
from tests.excel_books import book
from tests.excel_books import people_book


@pytest.fixture(scope="module")
def db(sasaeai: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "a.db"
    done = sasaeai("--db", str(path), "init", "--prefecture", "長野県")
    assert done.returncode == 0, done.stderr
    return path


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0").fetchone()[0]


def test_dry_run_prints_the_preview_and_writes_nothing(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", [["佐藤 一郎", "さとう いちろう", "第1層SC", "松本市"], ["鈴木 花子", "すずき はなこ", "", "軽井沢町"]])
    done = sasaeai("--db", str(db), "import", "people", str(path), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "見出し: 4行目" in done.stdout and "新規 2件、更新 0件、変更なし 0件" in done.stdout
    assert "書き込みはしていません" in done.stdout
    assert _count(db, "person") == 0


def test_problems_exit_2_list_every_one_and_write_nothing(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", [["佐藤 一郎", "さとう", "", "松本"], ["佐藤 一郎", "さとう", "", "松本"], ["", "たなか", "", "", "", "", "", "tanaka@"]])
    out = tmp_path / "問題.xlsx"
    done = sasaeai("--db", str(db), "import", "people", str(path), "--errors-out", str(out))
    assert done.returncode == 2
    assert "名簿!5:市町村 — 市町村「松本」が長野県の市町村に見つかりません。候補: 松本市" in done.stdout
    assert "名簿!6:市町村 — " in done.stdout
    assert "名簿!7:氏名 — 氏名が空欄です" in done.stdout
    assert "名簿!7:メール — メールアドレス「tanaka@」の形式が正しくありません" in done.stdout
    assert "何も書き込みませんでした" in done.stderr
    assert _count(db, "person") == 0
    marked = openpyxl.load_workbook(out)["名簿"]
    assert marked["D5"].comment is not None and marked["H7"].comment is not None


def test_import_then_export_then_import_again_changes_nothing(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", [["森 一", "もり はじめ", "第2層SC", "長野市", "", "", "026-232-0111", "mori@example.jp", "メモ\n2行目"]])
    first = sasaeai("--db", str(db), "import", "people", str(path))
    assert first.returncode == 0, first.stdout + first.stderr
    assert "新規 1件" in first.stdout
    for kind in ("municipalities", "people", "advisors"):
        out = tmp_path / f"{kind}.xlsx"
        exported = sasaeai("--db", str(db), "export", kind, "--out", str(out), "--no-password")
        assert exported.returncode == 0, exported.stderr
        again = sasaeai("--db", str(db), "import", kind, str(out))
        assert again.returncode == 0, again.stdout + again.stderr
        assert "新規 0件、更新 0件" in again.stdout
    assert _count(db, "person") == 1


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "空のファイル"), (b"%PDF-1.4\n", "PDF"), ("氏名,ふりがな\n".encode(), "CSV")],
)
def test_not_an_xlsx_exits_2_with_a_message(sasaeai: CliRunner, db: Path, tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "名簿.xlsx"
    path.write_bytes(content)
    done = sasaeai("--db", str(db), "import", "people", str(path))
    assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr


def test_sheet_not_found_lists_the_sheets(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    path = book(tmp_path / "x.xlsx", [["氏名"], ["佐藤"]], sheet="名簿", extra={"集計": [["x"]]})
    done = sasaeai("--db", str(db), "import", "people", str(path), "--sheet", "アドバイザー")
    assert done.returncode == 2 and "「名簿」、「集計」" in done.stderr


def test_import_before_init_exits_2(sasaeai: CliRunner, tmp_path: Path) -> None:
    path = book(tmp_path / "x.xlsx", [["氏名"], ["佐藤"]])
    done = sasaeai("--db", str(tmp_path / "new.db"), "import", "people", str(path))
    assert done.returncode == 2 and "sasaeai init" in done.stderr
