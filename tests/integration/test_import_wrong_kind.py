"""Every import checks that a sheet is of its kind before writing anything (issue 20 item 11): a
people list given to `region import` made region kinds 氏名/ふりがな/電話 and exited 0; the region
sheet given to `import municipalities` matched on 市町村 alone and reported 「変更なし」."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.cli_runner import CliRunner
from tests.excel_books import PEOPLE_HEADER
from tests.excel_books import book

PEOPLE_ROWS = [PEOPLE_HEADER, ["青木 一", "あおき はじめ", "市町村職員", "長野市", "介護保険課", "主事", "026-000-0000", "", ""],
               ["石井 二郎", "いしい じろう", "市町村職員", "松本市", "福祉課", "係長", "0263-00-0000", "", ""]]


def _kinds(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT count(*) FROM region_kind").fetchone()[0]


def test_region_import_refuses_a_people_list(sasaeai: CliRunner, nagano, db_path: Path, tmp_path: Path) -> None:
    nagano.close()
    before = _kinds(db_path)
    path = book(tmp_path / "people.xlsx", PEOPLE_ROWS)
    done = sasaeai.inside("--db", str(db_path), "region", "import", str(path))
    assert done.returncode == 2
    err = done.stderr
    assert "圏域の一覧ではありません" in err and "「氏名」" in err and "関係者一覧のようです" in err
    assert _kinds(db_path) == before


def test_region_import_refuses_values_that_are_not_region_names(sasaeai: CliRunner, nagano, db_path: Path,
                                                                tmp_path: Path) -> None:
    nagano.close()
    before = _kinds(db_path)
    path = book(tmp_path / "r.xlsx", [["コード", "市町村", "独自の区分"], ["202011", "長野市", 298600], ["202029", "松本市", "北" * 50]])
    done = sasaeai.inside("--db", str(db_path), "region", "import", str(path))
    assert done.returncode == 2
    said = done.stdout + done.stderr
    assert "数値です" in said and "長すぎます" in said
    assert _kinds(db_path) == before


def test_municipality_import_refuses_a_sheet_of_region_columns(sasaeai: CliRunner, nagano, db_path: Path,
                                                               tmp_path: Path) -> None:
    nagano.close()
    path = book(tmp_path / "r.xlsx", [["コード", "市町村", "保健所圏域", "ブロック"], ["202011", "長野市", "長野", "北信"]])
    done = sasaeai.inside("--db", str(db_path), "import", "municipalities", str(path))
    assert done.returncode == 2 and "市町村の一覧ではないようです" in done.stdout
    # A bare list of codes and names is still a municipality list (nothing else to read in it).
    bare = book(tmp_path / "bare.xlsx", [["コード", "市町村"], ["202011", "長野市"]])
    assert sasaeai.inside("--db", str(db_path), "import", "municipalities", str(bare), "--dry-run").returncode == 0


def test_a_list_of_names_with_columns_of_its_own_is_still_a_people_list(sasaeai: CliRunner, nagano, db_path: Path,
                                                                        tmp_path: Path) -> None:
    nagano.close()
    path = book(tmp_path / "names.xlsx", [["氏名", "出身地"], ["青木 一", "長野"]])
    assert sasaeai.inside("--db", str(db_path), "import", "people", str(path), "--dry-run").returncode == 0
