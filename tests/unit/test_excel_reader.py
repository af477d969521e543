"""The reader (io/excel/reader.py): what a file is, where the header is, what is a note."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from sasaeai_desktop.io.excel import file_check
from sasaeai_desktop.io.excel import formula_cells
from sasaeai_desktop.io.excel import header_row
from sasaeai_desktop.io.excel import reader as R
from sasaeai_desktop.io.excel import text
from sasaeai_desktop.io.excel.errors import ExcelReadError
from sasaeai_desktop.io.excel.header_row import find_header
from sasaeai_desktop.io.excel.reader import Workbook
from sasaeai_desktop.io.excel.sheets import ADVISORS
from sasaeai_desktop.io.excel.sheets import MUNICIPALITIES
from sasaeai_desktop.io.excel.sheets import PEOPLE
from tests.excel_books import book
from tests.excel_books import cache_formula_values

# --- not an xlsx -------------------------------------------------------------------------------


def _cfb(path: Path, *, encrypted: bool) -> Path:
    """A compound file (OLE2) as .xls and encrypted .xlsx are: the signature, then a directory
    naming its streams (EncryptionInfo/EncryptedPackage for a password-protected book)."""
    names = ("EncryptionInfo", "EncryptedPackage") if encrypted else ("Workbook", "SummaryInformation")
    body = file_check.OLE_SIGNATURE + b"\x00" * 504 + b"".join(n.encode("utf-16-le").ljust(64, b"\x00") for n in names)
    path.write_bytes(body + b"\x00" * 1024)
    return path


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_text("氏名,ふりがな\n佐藤,さとう\n", encoding="utf-8"), "CSV"),
        (lambda p: p.write_bytes("氏名,ふりがな\r\n佐藤,さとう\r\n".encode("cp932")), "CSV"),
        (lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "PDF"),
        (lambda p: p.write_bytes(b""), "空のファイル"),
        (lambda p: _cfb(p, encrypted=True), "パスワード"),
        (lambda p: _cfb(p, encrypted=False), "xls"),
        (lambda p: p.write_text("<html><table><tr><td>1</td></tr></table></html>", encoding="utf-8"), "HTML"),
        (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 50), "壊れている"),
        (lambda p: p.write_bytes(bytes(range(256)) * 4), "Excelファイル（.xlsx）ではありません"),
    ],
)
def test_files_that_are_not_xlsx_get_a_clear_message(tmp_path: Path, make, words: str) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "名簿.xlsx"
    make(p)
    with pytest.raises(ExcelReadError, match=words) as err:
        file_check.check_file(p)
    assert "名簿.xlsx" in str(err.value)


def test_zips_that_are_not_workbooks(tmp_path: Path) -> None:
    docx = tmp_path / "a.xlsx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("word/document.xml", "<w/>")
    with pytest.raises(ExcelReadError, match="Word"):
        file_check.check_file(docx)
    ods = tmp_path / "b.xlsx"
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<x/>")
    with pytest.raises(ExcelReadError, match="ods"):
        file_check.check_file(ods)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ExcelReadError, match="見つかりません"):
        file_check.check_file(tmp_path / "none.xlsx")
    with pytest.raises(ExcelReadError, match="フォルダー"):
        file_check.check_file(tmp_path)


def test_sheet_not_found_lists_the_sheets(tmp_path: Path) -> None:
    p = book(tmp_path / "a.xlsx", [["氏名"]], sheet="名簿", extra={"集計": [["x"]]})
    with Workbook(p) as wb:
        assert wb.sheet_names == ["名簿", "集計"]
        assert wb.resolve_sheet("名 簿") == "名簿"  # spaces and width forgiven
        assert wb.resolve_sheet(None) == "名簿"
        with pytest.raises(ExcelReadError, match="「名簿」、「集計」"):
            wb.resolve_sheet("アドバイザー")


# --- rows --------------------------------------------------------------------------------------


def test_rows_are_numbered_from_a1_whatever_calamine_skips(tmp_path: Path) -> None:
    p = book(tmp_path / "a.xlsx", [[], [], [None, None, "title"], [], [None, "氏名", "電話"], [None, "佐藤", "026"]])
    with Workbook(p) as wb:
        rows = {r: cells for r, cells in wb.rows("名簿")}
    assert rows[4][1:3] == ["氏名", "電話"]  # B5, C5
    assert rows[5][1] == "佐藤"
    assert rows[2][2] == "title"


def test_trailing_formatted_blank_rows_are_not_rows(tmp_path: Path) -> None:
    p = book(tmp_path / "a.xlsx", [["氏名"], ["佐藤"]], blank_formatted_rows=10_000)
    with Workbook(p) as wb:
        assert wb.row_count("名簿") == 2


def test_formula_without_a_saved_value_and_error_values_are_found(tmp_path: Path) -> None:
    p = book(tmp_path / "a.xlsx", [["氏名", "電話"], ["佐藤", "=B3"], ["鈴木", '="026-"&"232"'], ["田中", "=1/0"]])
    cache_formula_values(p, "xl/worksheets/sheet1.xml", {"B3": "026-232"})
    found = formula_cells.scan_formula_cells(p, "名簿")
    assert set(found) == {(1, 1), (3, 1)}  # B2 and B4 have no value; B3 has its cached one
    assert "計算結果が保存されていません" in found[(1, 1)]
    plain = book(tmp_path / "b.xlsx", [["氏名"], ["佐藤"]])
    assert formula_cells.scan_formula_cells(plain, "名簿") == {}


# --- the header --------------------------------------------------------------------------------


def _rows(data: list[list[object]]) -> list[tuple[int, list[object]]]:
    return [(i, row) for i, row in enumerate(data) if any(v not in ("", None) for v in row)]


def test_header_under_title_date_and_blank_rows() -> None:
    data = [["令和7年度 アドバイザー名簿", "", ""], ["令和7年4月1日現在", "", ""], ["", "", ""],
            ["No.", "お名前", "フリガナ", "所属法人等の名称", "得意分野", "TEL", "E-mail"], [1, "佐藤", "サトウ", "社協", "居場所", "026", "a@b.jp"]]
    h = find_header(ADVISORS, _rows(data))
    assert h is not None and h.row == 3
    assert h.mapping == {1: "name", 2: "kana", 3: "affiliation", 4: "activity", 5: "phone", 6: "email"}
    assert h.unknown == [0]  # No. (the engine treats it as a row number)


def test_header_names_in_any_width_spacing_and_with_notes() -> None:
    data = [["氏　名", "ﾌﾘｶﾞﾅ", "電話番号（日中）", "※メールアドレス", "市町村名*", "Ｅ－ｍａｉｌ"]]
    h = find_header(PEOPLE, _rows(data))
    assert h is not None
    assert h.mapping == {0: "name", 1: "kana", 2: "phone", 3: "email", 4: "municipality", 5: "email"}
    assert h.duplicates == {"email": [3, 5]}


def test_two_row_header_under_merged_group_titles() -> None:
    data = [["氏名", "ふりがな", "連絡先", ""], ["", "", "電話", "メール"], ["佐藤", "さとう", "026", "a@b.jp"]]
    h = find_header(PEOPLE, _rows(data))
    assert h is not None and h.row == 1 and h.first_row == 0
    assert h.mapping == {0: "name", 1: "kana", 2: "phone", 3: "email"}


def test_no_header_at_all() -> None:
    assert find_header(PEOPLE, _rows([["a", "b"], [1, 2]])) is None


def test_remembered_layout_wins_and_fills_the_mapping() -> None:
    data = [["名簿"], ["なまえ", "よみ", "でんわ"], ["佐藤", "さとう", "026"]]
    fp = header_row.header_fingerprint(["なまえ", "よみ", "でんわ"])
    h = find_header(PEOPLE, _rows(data), remembered={fp: {0: "name", 2: "phone"}})
    assert h is not None and h.row == 1 and h.remembered
    assert h.mapping == {0: "name", 1: "kana", 2: "phone"}  # よみ is a synonym; the rest by hand


def test_forced_header_row() -> None:
    data = [["氏名", "電話"], ["コード", "市町村名"], ["202011", "長野市"]]
    h = find_header(MUNICIPALITIES, _rows(data), at_row=1)
    assert h is not None and h.row == 1 and h.mapping == {0: "code", 1: "name"}


def test_fingerprint_ignores_width_spaces_and_trailing_blanks() -> None:
    assert header_row.header_fingerprint(["氏名", "電話", "", ""]) == header_row.header_fingerprint(["氏　名", "電話"])
    assert header_row.header_fingerprint(["氏名", "電話"]) != header_row.header_fingerprint(["電話", "氏名"])


# --- notes -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["※ 電話番号は公開の可否を確認済み", "注1: 令和6年度末時点", "（注）空欄は未回答", "＊ 任意項目", "注記: 担当者"])
def test_note_rows(text: str) -> None:
    assert header_row.is_note_row(["", text, "", ""]) == 1


@pytest.mark.parametrize("row", [["※ メモ", "佐藤"], ["注意事項なし"], ["佐藤"], ["", ""]])
def test_not_note_rows(row: list[object]) -> None:
    assert header_row.is_note_row(row) is None


def test_column_letters() -> None:
    assert [text.column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert R.cell_name(11, 1) == "B12"


@pytest.mark.parametrize(
    ("xml", "found"),
    [
        (b'<c r="A1"><v>1</v></c>', False),
        (b'<c r="A1"><f>SUM(B1:B2)</f><v></v></c>', True),
        (b'<x:c r="A1"><x:f>1/0</x:f></x:c>', True),
        (b'<c r="A1" t="e"><v>#N/A</v></c>', True),
        (b'<c r="A1" t="inlineStr"><is><t>of offices, staff</t></is></c>', False),  # f's, no f>
        (b"<t>" + b"staff " * 5000 + b"</t><f>A1</f>", True),  # past the memchr budget
        (b"<t>" + b"staff " * 5000 + b"</t>", False),
    ],
)
def test_formula_marks_are_found_without_searching_byte_by_byte(xml: bytes, found: bool) -> None:
    assert formula_cells._has_formula_mark(xml) is found
