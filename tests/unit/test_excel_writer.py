"""The Excel writer: every promise checked by reopening the file with openpyxl (not read-only)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet._writer import ALL_TEMP_FILES

from sasaeai_desktop.cancellation import Cancelled
from sasaeai_desktop.io.excel import ColumnSpec
from sasaeai_desktop.io.excel import SheetSpec
from sasaeai_desktop.io.excel import header_key
from sasaeai_desktop.io.excel.cell_formats import DATE_FORMAT_SEIREKI
from sasaeai_desktop.io.excel.cell_formats import DATE_FORMAT_WAREKI
from sasaeai_desktop.io.excel.cell_formats import INT_FORMAT
from sasaeai_desktop.io.excel.column_widths import MAX_WIDTH
from sasaeai_desktop.io.excel.sheets import MUNICIPALITIES
from sasaeai_desktop.io.excel.text import display_width
from sasaeai_desktop.io.excel.text import output_date_line
from sasaeai_desktop.io.excel.writer import write_table

SPEC = SheetSpec(
    "test",
    "テスト一覧",
    (
        ColumnSpec("code", "コード", "text", 8),
        ColumnSpec("name", "市町村名", "text", 10),
        ColumnSpec("population", "人口", "int", 8),
        ColumnSpec("rate", "高齢化率(%)", "float", 8, number_format="0.0"),
        ColumnSpec("visit_date", "訪問日", "date", 10),
        ColumnSpec("closed", "完了", "bool", 4),
        ColumnSpec("notes", "備考", "multiline", 12),
    ),
)
LONG_NAME = "北海道札幌市中央区大通西一丁目から三丁目までの地域"  # 24 全角 = 48 cells
ROWS = [
    ("202011", LONG_NAME, 372_760, 31.456, dt.date(2025, 4, 1), True, "一行目\r\n二行目は少し長い"),
    ("=1+1", "#N/A", None, None, "2025-05-06", False, None),
    ("20\x01203", "松本市", 237_000.0, 29, dt.datetime(2026, 3, 31, 15, 30, tzinfo=dt.UTC), 0, ""),
]
TITLE = ["テスト一覧　長野県　令和7年度", "出力日: 2026年11月26日（令和8年11月26日）"]
HEADER_ROW = 4  # two title lines, a blank row, then the header


def _write(path: Path, rows=ROWS, **kw) -> int:
    kw.setdefault("title_lines", TITLE)
    return write_table(path, SPEC, rows, **kw)


@pytest.fixture
def book(tmp_path: Path):
    path = tmp_path / "一覧.xlsx"
    assert _write(path) == len(ROWS)
    return openpyxl.load_workbook(path).active


def test_title_lines_blank_row_and_header(book) -> None:
    assert book["A1"].value == TITLE[0] and book["A1"].font.b
    assert book["A2"].value == TITLE[1] and not book["A2"].font.b
    assert [c.value for c in book[3]] == [None] * len(SPEC.columns)
    header = book[HEADER_ROW]
    assert [c.value for c in header] == list(SPEC.headers)
    for cell in header:
        assert cell.font.b
        assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb == "FFDDEBF7"
        assert cell.border.left.style == cell.border.bottom.style == "thin"
        assert cell.alignment.wrap_text
    assert book.title == "テスト一覧"


def test_freeze_panes_filter_and_print_setup(book) -> None:
    assert book.freeze_panes == f"A{HEADER_ROW + 1}"
    assert book.auto_filter.ref == f"A{HEADER_ROW}:G{HEADER_ROW + len(ROWS)}"
    setup = book.page_setup
    assert int(setup.paperSize) == 9  # A4
    assert setup.orientation == "portrait"  # seven narrow columns fit at a readable scale
    assert 85 <= int(setup.scale) <= 100  # a chosen scale, not fit-to-width shrinking
    assert not book.sheet_properties.pageSetUpPr.fitToPage
    assert book.print_title_rows in (f"{HEADER_ROW}:{HEADER_ROW}", f"${HEADER_ROW}:${HEADER_ROW}")
    assert book.oddFooter.center.text == "&P / &N"
    assert book.oddHeader.left.text == "&A" and "&D" in book.oddHeader.right.text  # sheet name, printed date
    assert not book.HeaderFooter.differentFirst
    assert book.page_margins.left == pytest.approx(0.5) and book.page_margins.top == pytest.approx(0.8)


def test_values_kinds_and_number_formats(book) -> None:
    first, second, third = (HEADER_ROW + 1, HEADER_ROW + 2, HEADER_ROW + 3)
    # text stays text: the code keeps its leading digits, '=' and '#' are not formula / error
    assert book[f"A{first}"].value == "202011" and book[f"A{first}"].data_type == "s"
    assert book[f"A{second}"].value == "=1+1" and book[f"A{second}"].data_type == "s"
    assert book[f"B{second}"].value == "#N/A" and book[f"B{second}"].data_type == "s"
    assert book[f"A{third}"].value == "20203"  # a control character XML cannot hold is dropped
    # ints with separators; an integral float in an int column becomes an int
    assert book[f"C{first}"].value == 372_760 and book[f"C{first}"].number_format == INT_FORMAT
    assert book[f"C{third}"].value == 237_000 and book[f"C{third}"].number_format == INT_FORMAT
    assert book[f"C{second}"].value is None
    # float with the spec's format, value exact
    assert book[f"D{first}"].value == pytest.approx(31.456) and book[f"D{first}"].number_format == "0.0"
    # dates are real dates (date, ISO text, midnight datetime)
    for row, day in ((first, dt.date(2025, 4, 1)), (second, dt.date(2025, 5, 6)), (third, dt.date(2026, 3, 31))):
        cell = book[f"E{row}"]
        assert cell.is_date and cell.value.date() == day
        assert cell.number_format == DATE_FORMAT_SEIREKI
    # bools as ○ / ×, centred
    assert [book[f"F{r}"].value for r in (first, second, third)] == ["○", "×", "×"]
    assert book[f"F{first}"].alignment.horizontal == "center"
    # multiline: CRLF → LF, wrapped, top-aligned; empty text is an empty cell
    notes = book[f"G{first}"]
    assert notes.value == "一行目\n二行目は少し長い"
    assert notes.alignment.wrap_text and notes.alignment.vertical == "top"
    assert book[f"G{third}"].value is None


def test_column_widths_fit_japanese_text(book, tmp_path: Path) -> None:
    widths = {col.key: book.column_dimensions[chr(ord("A") + i)].width for i, col in enumerate(SPEC.columns)}
    assert widths["name"] > SPEC.column("name").width
    assert widths["name"] == MAX_WIDTH  # a long name wraps instead of widening the page
    assert widths["code"] == SPEC.column("code").width  # the hint is the floor
    assert widths["notes"] == SPEC.column("notes").width  # multiline text wraps at the spec's width
    assert all(w <= MAX_WIDTH for w in widths.values())
    # 全角 counted as two: a short Japanese value sizes its column by its display width
    path = tmp_path / "w.xlsx"
    write_table(path, SheetSpec("w", "幅", (ColumnSpec("a", "名", "text", 4),)), [("松本市中央",)], title_lines=[])
    assert openpyxl.load_workbook(path).active.column_dimensions["A"].width == display_width("松本市中央") + 2


def test_width_is_capped_and_estimated_from_the_first_rows_only(tmp_path: Path) -> None:
    spec = SheetSpec("w", "幅", (ColumnSpec("a", "長い", "text", 5),))
    rows = [("あ" * 200,)] + [("x",)] * 600 + [("い" * 300,)]
    path = tmp_path / "w.xlsx"
    write_table(path, spec, rows, title_lines=[])
    assert openpyxl.load_workbook(path).active.column_dimensions["A"].width == MAX_WIDTH
    rows = [("x",)] * 600 + [("い" * 300,)]  # beyond the sample: ignored for the width
    write_table(path, spec, rows, title_lines=[])
    assert openpyxl.load_workbook(path).active.column_dimensions["A"].width == display_width("長い") + 2  # header


def test_wareki_dates_use_the_japanese_era_format(tmp_path: Path) -> None:
    path = tmp_path / "wareki.xlsx"
    _write(path, date_style="wareki")
    ws = openpyxl.load_workbook(path).active
    cell = ws[f"E{HEADER_ROW + 1}"]
    assert cell.is_date and cell.number_format == DATE_FORMAT_WAREKI == '[$-411]ggge"年"m"月"d"日"'
    assert ws.column_dimensions["E"].width >= display_width("令和10年12月31日")


def test_without_title_lines_the_header_is_row_one(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    narrow = SPEC.select(["code", "population", "closed"])
    assert write_table(path, narrow, [r[:1] + r[2:3] + r[5:6] for r in ROWS], title_lines=[]) == 3
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[1]] == ["コード", "人口", "完了"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:C4"
    assert ws.page_setup.orientation == "portrait"  # few, narrow columns
    assert ws.print_title_rows in ("1:1", "$1:$1")


def test_values_excel_cannot_hold(tmp_path: Path) -> None:
    path = tmp_path / "odd.xlsx"
    rows = [("a", "b", float("nan"), float("inf"), dt.date(1899, 12, 31), None, None)]
    write_table(path, SPEC, rows, title_lines=[])
    ws = openpyxl.load_workbook(path).active
    assert ws["C2"].value is None and ws["D2"].value is None  # NaN / ∞: no number Excel can read
    assert ws["E2"].value == "1899/12/31" and ws["E2"].data_type == "s"  # before Excel's calendar


def test_short_and_long_rows_are_fitted_to_the_spec(tmp_path: Path) -> None:
    path = tmp_path / "ragged.xlsx"
    write_table(path, SPEC, [("1",), ROWS[0] + ("extra",)], title_lines=[])
    ws = openpyxl.load_workbook(path).active
    assert ws.max_column == len(SPEC.columns)
    assert ws["A2"].value == "1" and ws["B2"].value is None and ws["B3"].value == LONG_NAME


def test_empty_table_still_has_its_header(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    assert _write(path, rows=[]) == 0
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[HEADER_ROW]] == list(SPEC.headers)
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:G{HEADER_ROW}"


def test_progress_reports_every_thousand_rows_then_one(tmp_path: Path) -> None:
    seen: list[tuple[float, str]] = []
    rows = [("x", "y", i, None, None, None, None) for i in range(3500)]
    _write(tmp_path / "p.xlsx", rows=rows, progress=lambda f, m: seen.append((f, m)), total=3500)
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert len(seen) == 3 + 2  # 1000, 2000, 3000, saving, done
    assert "3,500件" in seen[-1][1]


def test_progress_without_a_known_total_is_busy(tmp_path: Path) -> None:
    seen: list[float] = []
    rows = (("x",) for _ in range(1200))  # a generator: no len()
    write_table(tmp_path / "g.xlsx", SPEC, rows, title_lines=[], progress=lambda f, m: seen.append(f))
    assert seen[0] == -1.0 and seen[-1] == 1.0


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_abort_raises_cancelled_and_leaves_no_file(tmp_path: Path) -> None:
    abort = threading.Event()
    target = tmp_path / "out.xlsx"
    temp_files_before = list(ALL_TEMP_FILES)

    def progress(fraction: float, message: str) -> None:
        abort.set()  # the user presses キャンセル after the first report

    rows = [("x", "名前", i, 1.5, dt.date(2025, 4, 1), True, "a\nb") for i in range(5000)]
    with pytest.raises(Cancelled):
        _write(target, rows=rows, progress=progress, abort=abort)
    assert _leftovers(tmp_path) == []
    assert ALL_TEMP_FILES == temp_files_before  # openpyxl's own sheet stream is gone too


def test_abort_set_before_start(tmp_path: Path) -> None:
    abort = threading.Event()
    abort.set()
    with pytest.raises(Cancelled):
        _write(tmp_path / "out.xlsx", abort=abort)
    assert _leftovers(tmp_path) == []


def test_failure_midway_leaves_no_temp_file_and_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"the previous export")
    temp_files_before = list(ALL_TEMP_FILES)

    def rows():
        for i in range(2500):
            yield ("x", "y", i, None, None, None, None)
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError, match="database went away"):
        _write(target, rows=rows())
    assert _leftovers(tmp_path) == ["out.xlsx"]
    assert target.read_bytes() == b"the previous export"
    assert ALL_TEMP_FILES == temp_files_before
    assert all(Path(p).exists() for p in ALL_TEMP_FILES)


def test_failure_inside_openpyxl_stream_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error while openpyxl serialises a cell breaks its stream; the cleanup still holds."""
    import openpyxl.worksheet._writer as sheet_writer

    real = sheet_writer.write_cell
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] > 3000:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(sheet_writer, "write_cell", failing)
    temp_files_before = list(ALL_TEMP_FILES)
    from sasaeai_desktop.io.output_files import DiskFullError

    with pytest.raises(DiskFullError):  # ENOSPC is said as a full disk (issue 20)
        _write(tmp_path / "out.xlsx", rows=[("x", "y", i, 1.0, None, True, None) for i in range(2000)])
    assert _leftovers(tmp_path) == []
    assert ALL_TEMP_FILES == temp_files_before


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    _write(target)
    assert openpyxl.load_workbook(target).active["A1"].value == TITLE[0]
    assert _leftovers(tmp_path) == ["out.xlsx"]


def test_bad_date_style_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        _write(tmp_path / "x.xlsx", date_style="heisei")
    assert _leftovers(tmp_path) == []


@pytest.mark.slow
def test_fifty_thousand_rows(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    rows = ((f"{i:06d}", "長野県松本市", i, dt.date(2025, 4, 1) + dt.timedelta(days=i % 365)) for i in range(50_000))
    spec = SPEC.select(["code", "name", "population", "visit_date"])
    assert write_table(path, spec, rows, title_lines=TITLE) == 50_000
    ws = openpyxl.load_workbook(path, read_only=True).active
    last = None
    count = 0
    for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        count += 1
        last = row
    assert count == 50_000 and last[0] == "049999" and last[2] == 49_999


def test_fast_row_path_writes_the_same_file_as_openpyxls_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from sasaeai_desktop.io.excel import fast_rows

    rows = ROWS * 700  # past the width sample and several abort checks
    fast, plain = tmp_path / "fast.xlsx", tmp_path / "plain.xlsx"
    _write(fast, rows=rows)
    monkeypatch.setattr(fast_rows, "FAST_ROWS", False)
    _write(plain, rows=rows)
    for part in ("xl/worksheets/sheet1.xml", "xl/styles.xml", "xl/workbook.xml"):
        with zipfile.ZipFile(fast) as a, zipfile.ZipFile(plain) as b:
            assert a.read(part) == b.read(part), part
    assert fast_rows.install_fast_rows(openpyxl.Workbook(write_only=True).create_sheet("x")) is False  # switched off
    monkeypatch.setattr(fast_rows, "FAST_ROWS", True)
    assert fast_rows.install_fast_rows(openpyxl.Workbook(write_only=True).create_sheet("x")) is True  # this openpyxl


# --- specs and text helpers ----------------------------------------------------------------------


def test_display_width_counts_full_width_as_two() -> None:
    assert display_width("abc") == 3
    assert display_width("長野県") == 6
    assert display_width("ﾅｶﾞﾉ") == 4  # half-width kana are narrow
    assert display_width("○×") == 4  # ambiguous width: wide in a Japanese font
    assert display_width("short\n長い行です") == 10


def test_output_date_line() -> None:
    assert output_date_line(dt.date(2026, 11, 26)) == "出力日: 2026年11月26日（令和8年11月26日）"
    assert output_date_line(dt.date(2019, 5, 1)).endswith("（令和元年5月1日）")


def test_column_spec_synonyms_and_header_matching() -> None:
    col = ColumnSpec("aging_rate", "高齢化率(%)", "float", synonyms=["高齢化率"])
    assert col.synonyms == ("高齢化率",)  # a list is accepted, kept as a tuple
    assert header_key(" 高齢化率（％） ") == header_key("高齢化率(%)")
    assert MUNICIPALITIES.find_column("市区町村名").key == "name"
    assert MUNICIPALITIES.find_column("ＴＥＬ").key == "phone"
    assert MUNICIPALITIES.find_column("高齢化率（％）").key == "aging_rate"
    assert MUNICIPALITIES.find_column("知らない見出し") is None
    with pytest.raises(ValueError):
        ColumnSpec("x", "X", "money")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        SheetSpec("s", "S", (ColumnSpec("a", "名前"), ColumnSpec("b", "氏名", synonyms=("名前",))))


def test_importing_the_package_does_not_import_openpyxl() -> None:
    code = "import sys, sasaeai_desktop.io.excel; print('openpyxl' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
