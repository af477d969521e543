"""``sasaeai import grants`` / ``export grants`` / ``grants summary`` end to end (issue 19 item 4)."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import openpyxl
import pytest

from tests.cli_runner import CliRunner
from tests.excel_books import book

HEADER = ["年度", "市町村", "事業名", "種別", "交付決定額", "支払額", "使途", "申請日", "交付決定日", "実績報告期限",
          "実績報告受理日", "状況", "備考"]


@pytest.fixture(scope="module")
def db(sasaeai: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("grants")
    path = folder / "a.db"
    assert sasaeai("--db", str(path), "init", "--prefecture", "長野県").returncode == 0
    sheet = book(folder / "補助金.xlsx", [
        HEADER,
        ["令和7年度", "松本市", "地域支え合いモデル事業", "モデル事業", "600万円", "3,000,000", "研修・会議・拠点整備",
         "R7.4.10", "R7.5.1", "R8.4.30", "", "", ""],
        ["R6", "上田市", "地域支え合いモデル事業", "モデル", 6000000, 6000000, "拠点整備", "2024/4/15", "2024/5/10",
         "2025/4/30", "令和7年4月20日", "完了", "事例報告会で発表"],
        ["2025", "飯田市", "活動拠点整備費補助", "補助", "500千円", "", "", "", "", "", "", "", ""],
    ], sheet="補助金")
    done = sasaeai("--db", str(path), "import", "grants", str(sheet))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "新規 3件、更新 0件、変更なし 0件を取り込みました" in done.stdout
    return path


def _rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT fiscal_year, program, kind, amount_decided, amount_paid, report_received "
                            "FROM grant_record WHERE deleted = 0 ORDER BY fiscal_year, amount_decided").fetchall()


def test_amounts_kinds_and_wareki_dates_are_read(db: Path) -> None:
    assert _rows(db) == [
        (2024, "地域支え合いモデル事業", "モデル事業", 6_000_000, 6_000_000, "2025-04-20"),
        (2025, "活動拠点整備費補助", "補助金", 500_000, None, None),
        (2025, "地域支え合いモデル事業", "モデル事業", 6_000_000, 3_000_000, None),
    ]


@pytest.mark.parametrize("style", [(), ("--wareki",)])
def test_export_imports_back_unchanged(sasaeai: CliRunner, db: Path, tmp_path: Path, style: tuple[str, ...]) -> None:
    out = tmp_path / "grants.xlsx"
    exported = sasaeai("--db", str(db), "export", "grants", "--out", str(out), *style)
    assert exported.returncode == 0 and "補助金・モデル事業 3 件" in exported.stdout
    headers = [c.value for c in openpyxl.load_workbook(out).active[4]]
    assert headers[:13] == HEADER
    again = sasaeai("--db", str(db), "import", "grants", str(out))
    assert again.returncode == 0, again.stdout
    assert "変更なし 3件を取り込みました" in again.stdout
    assert "注意" not in again.stdout  # the 状況 written is the one the dates give


def test_a_status_the_dates_do_not_give_is_a_warning_not_a_change(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    path = book(tmp_path / "status.xlsx", [
        HEADER[:4] + ["実績報告期限", "状況"],
        ["令和7年度", "松本市", "地域支え合いモデル事業", "モデル事業", "R8.4.30", "完了"],
    ], sheet="補助金")
    done = sasaeai("--db", str(db), "import", "grants", str(path), "--dry-run")
    assert done.returncode == 0, done.stdout
    assert "注意: 補助金!2:状況 — 状況「完了」は取り込みません。日付から「" in done.stdout
    assert "変更なし 1件" in done.stdout


def test_export_of_one_fiscal_year(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r6.xlsx"
    done = sasaeai("--db", str(db), "export", "grants", "--out", str(out), "--fiscal-year", "令和6年度")
    assert done.returncode == 0 and "補助金・モデル事業 1 件" in done.stdout


def test_bad_cells_exit_2_naming_sheet_row_column_and_write_nothing(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    before = _rows(db)
    path = book(tmp_path / "bad.xlsx", [
        HEADER[:6] + ["申請日", "交付決定日"],
        ["令和7年度", "松本市", "モデル事業A", "寄付", "100", "", "", ""],
        ["2025", "松本市", "モデル事業B", "補助金", "100", "200", "R7.6.1", "R7.5.1"],
        ["2025", "まつもと市", "", "補助金", "-3", "", "", ""],
        ["2025", "松本市", "地域支え合いモデル事業", "モデル事業", "", "7,000,000", "", ""],
    ], sheet="補助金")
    done = sasaeai("--db", str(db), "import", "grants", str(path))
    assert done.returncode == 2
    out = done.stdout
    assert "補助金!2:種別 — 種別「寄付」は使えません（補助金、委託、モデル事業、現物提供 のいずれか）" in out
    assert "補助金!3:支払額 — 支払額 200円が交付決定額 100円を超えています" in out
    assert "補助金!3:交付決定日 — 交付決定日 2025-05-01 が申請日 2025-06-01 より前です" in out
    assert "補助金!4:市町村 — 市町村「まつもと市」が長野県の市町村に見つかりません" in out
    assert "補助金!4:事業名 — 事業名が空欄です" in out
    assert "補助金!4:交付決定額 — -3円は0円以上ではありません" in out
    # an update is checked on what it would leave stored: 7,000,000 paid of 6,000,000 decided
    assert "補助金!5:支払額 — 支払額 7,000,000円が交付決定額 6,000,000円を超えています" in out
    assert "何も書き込みませんでした" in done.stderr
    assert _rows(db) == before


@pytest.mark.parametrize("suffix", [".pdf", ".xlsx"])
def test_summary_files(sasaeai: CliRunner, db: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"集計{suffix}"
    done = sasaeai("--db", str(db), "grants", "summary", "--fiscal-year", "2025", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "令和7年度 補助金・モデル事業 集計（2 件" in done.stdout
    if suffix == ".pdf":
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
        assert "IPAexGothic" in fonts and " yes yes " in fonts
        text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert "地域支え合いモデル事業" in text and "6,500,000" in text and "3,000,000" in text
    else:
        wb = openpyxl.load_workbook(out)
        totals = [[c.value for c in row] for row in wb["集計"].iter_rows(min_row=5)]
        assert ["地域支え合いモデル事業", 1, 6_000_000, 3_000_000] in totals
        assert ["合計", 2, 6_500_000, 3_000_000] in totals
        assert wb["交付先の一覧"].max_row == 6


def test_summary_refuses_a_bad_year_with_exit_2(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    done = sasaeai("--db", str(db), "grants", "summary", "--fiscal-year", "来年", "--out", str(tmp_path / "a.pdf"))
    assert done.returncode == 2 and not (tmp_path / "a.pdf").exists()
