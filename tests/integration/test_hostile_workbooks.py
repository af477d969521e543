"""Small hostile workbooks: refused with a plain message (exit 2), never a crash of the process.

Each file is generated here, a few KB (the large members are streamed into the zip and limits are
lowered where a case would otherwise need hundreds of MB). The cases that used to abort the
process (python-calamine asking for 512 GiB) run in a child with its address space capped at
1 GiB, so a regression fails one test instead of killing the test run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from sasaeai_desktop.io.excel.errors import ExcelReadError
from sasaeai_desktop.io.excel.formula_cells import scan_formula_cells
from sasaeai_desktop.io.excel.workbook_guard import WorkbookLimits
from sasaeai_desktop.io.excel.workbook_guard import check_workbook
from tests.cli_runner import CliRunner

ROOT = Path(__file__).resolve().parents[2]
NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS_NS = b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
R_NS = b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
TYPE = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def book(path: Path, sheet: bytes | Callable[[object], None], *, sst: bytes | None = None,
         extra: dict[str, bytes] | None = None, sheets: bool = True) -> Path:
    """A minimal .xlsx: one sheet 「名簿」 whose <sheetData> content is ``sheet`` (or written by it)."""
    sst = sst if sst is not None else f'<sst {NS.decode()} count="1" uniqueCount="1"><si><t>氏名</t></si></sst>'.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   b'<Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels", b'<Relationships %s><Relationship Id="rId1" Type="%sofficeDocument" '
                   b'Target="xl/workbook.xml"/></Relationships>' % (RELS_NS, TYPE))
        listed = '<sheet name="名簿" sheetId="1" r:id="rId1"/>'.encode() if sheets else b""
        z.writestr("xl/workbook.xml", b"<workbook %s %s><sheets>%s</sheets></workbook>" % (NS, R_NS, listed))
        z.writestr("xl/_rels/workbook.xml.rels", b'<Relationships %s><Relationship Id="rId1" Type="%sworksheet" '
                   b'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="%ssharedStrings" '
                   b'Target="sharedStrings.xml"/></Relationships>' % (RELS_NS, TYPE, TYPE))
        z.writestr("xl/sharedStrings.xml", sst)
        head, tail = b"<worksheet %s><sheetData>" % NS, b"</sheetData></worksheet>"
        if callable(sheet):
            with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
                fh.write(head)
                sheet(fh)
                fh.write(tail)
        else:
            z.writestr("xl/worksheets/sheet1.xml", head + sheet + tail)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def cell(ref: str, *, row: int | None = None) -> bytes:
    """A row holding one shared-string cell at ``ref``."""
    r = row or int("".join(ch for ch in ref if ch.isdigit()))
    return b'<row r="%d"><c r="%s" t="s"><v>0</v></c></row>' % (r, ref.encode())


def spaces(n: int) -> Callable[[object], None]:
    def write(fh: object) -> None:
        block = b" " * (1 << 20)
        for _ in range(n >> 20):
            fh.write(block)  # type: ignore[attr-defined]
    return write


def refused(path: Path, limits: WorkbookLimits | None = None) -> str:
    with pytest.raises(ExcelReadError) as info:
        check_workbook(path, limits) if limits else check_workbook(path)
    return str(info.value)


# --- the guard on its own ----------------------------------------------------------------------

@pytest.mark.parametrize("sheet, where", [
    (cell("A1") + cell("XFD1048576"), "XFD1048576"),
    (cell("XFD1048576"), "XFD1048576"),
    (cell("A1") + cell("AZ1048576"), "AZ1048576"),
    (cell("A1") + cell("A400000"), "A400000"),  # more rows than any list we import
    (cell("A1") + cell("ZZ20000"), "ZZ20000"),  # 702 columns × 20,000 rows: more cells than the limit
    # calamine counts a cell without r as the next column and a row without r as the next row
    (b'<row r="1048576">' + b"<c/>" * 30 + b'<c t="s"><v>0</v></c></row>', "AE1048576"),
    (b'<row r="1"><c r="A1" t="s"><v>0</v></c></row><x:row xmlns:x="urn:x" r="900000"><x:c r="B900000"><x:v>1</x:v></x:c></x:row>', "B900000"),
    (b"<row r='1'><c r='XFD1048576' t='s'><v>0</v></c></row>", "XFD1048576"),
    (b'<row r="1"><c t="s" r="XFD1048576"><v>0</v></c></row>', "XFD1048576"),
    (b'<row r="1"><c r="&#88;FD1048576" t="s"><v>0</v></c></row>', "XFD1048576"),
    (b'<row r="1"><c r="A99999999999" t="s"><v>0</v></c></row>', "A99999999999"),
    # not XML, but calamine reads both: the last r wins there, and lower case is a column too
    (cell("A1") + b'<row r="2"><c r="A2" t=">" r="XFD1048576"><v>0</v></c></row>', "XFD1048576"),
    (cell("A1") + b'<row r="2"><c r="xfd1048576" t="s"><v>0</v></c></row>', "XFD1048576"),
])
def test_a_cell_far_away_is_refused_with_its_place(tmp_path: Path, sheet: bytes, where: str) -> None:
    message = refused(book(tmp_path / "far.xlsx", sheet))
    assert "「far.xlsx」" in message and "「名簿」" in message and where in message, message
    assert "上限" in message or "範囲" in message


def test_formatted_empty_cells_far_away_are_not_refused(tmp_path: Path) -> None:
    """A form formatted far below its data: calamine ignores cells without a value, so do we."""
    styled = b"".join(b'<row r="%d"><c r="A%d" s="1"/><c r="XFD%d" s="1"/></row>' % (r, r, r)
                      for r in (2, 1000, 1048576))
    check_workbook(book(tmp_path / "form.xlsx", cell("A1") + styled))


def test_a_real_list_passes(tmp_path: Path) -> None:
    """2,000 rows × 30 columns (beyond Z: the bulk check reads the wide columns), as openpyxl writes it."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("名簿")
    ws.append([f"列{j}" for j in range(30)])
    for i in range(2000):
        ws.append([f"山田 {i}", i, "長野市", *("x" * (j % 5) for j in range(27))])
    wb.save(tmp_path / "list.xlsx")
    check_workbook(tmp_path / "list.xlsx")


@pytest.mark.parametrize("before, value", [(b"", b"4294967295"), (b"<!--" + b"x" * (2 << 20) + b"-->", b"+4294967295")])
def test_a_declared_shared_string_count_beyond_reason(tmp_path: Path, before: bytes, value: bytes) -> None:
    """calamine reserves uniqueCount entries up front (4294967295: an abort); a comment may hide
    the tag beyond the first chunk, and Rust reads '+4294967295' as a number."""
    sst = before + b'<sst %s count="1" uniqueCount="%s"><si><t>x</t></si></sst>' % (NS, value)
    message = refused(book(tmp_path / "sst.xlsx", cell("A1"), sst=sst))
    assert "共有文字列" in message and "4294967295" in message and "上限" in message


def test_merged_cells_over_the_whole_sheet(tmp_path: Path) -> None:
    sheet = cell("A1") + b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells><sheetData>'
    message = refused(book(tmp_path / "merged.xlsx", sheet))
    assert "結合" in message and "上限" in message


def test_a_member_inflating_beyond_its_limit(tmp_path: Path) -> None:
    """The 4 GiB of whitespace in 4 MB, scaled down: 3 MiB of spaces against a 2 MiB limit."""
    path = book(tmp_path / "bomb.xlsx", spaces(3 << 20))
    assert path.stat().st_size < 20_000
    message = refused(path, WorkbookLimits(max_member_bytes=2 << 20))
    assert "展開すると" in message and "上限" in message and "「名簿」" in message


def test_a_member_inflating_by_an_absurd_ratio(tmp_path: Path) -> None:
    message = refused(book(tmp_path / "ratio.xlsx", spaces(2 << 20)), WorkbookLimits(ratio_from_bytes=1 << 20))
    assert "圧縮率" in message and "200 倍" in message


def test_one_giant_string(tmp_path: Path) -> None:
    """The 1 GiB string in 1 MB, scaled down: a 3 MiB cell against a 1 MiB limit of a text run."""
    def write(fh: object) -> None:
        fh.write(b'<row r="1"><c r="A1" t="inlineStr"><is><t>')  # type: ignore[attr-defined]
        for _ in range(3):
            fh.write(b"a" * (1 << 20))  # type: ignore[attr-defined]
        fh.write(b"</t></is></c></row>")  # type: ignore[attr-defined]

    message = refused(book(tmp_path / "string.xlsx", write), WorkbookLimits(max_text_run=1 << 20))
    assert "長すぎます" in message and "上限 1 MB" in message


def test_a_real_sized_member_is_measured_not_trusted(tmp_path: Path) -> None:
    """The zip says a member is small; it is not. The guard counts what it inflates and refuses
    the mismatch as a damaged file (calamine refuses it too, in English)."""
    path = book(tmp_path / "lying.xlsx", cell("A1"))
    blob = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    at = blob.rfind(b"xl/worksheets/sheet1.xml") - 46  # its central-directory entry
    blob[at + 24 : at + 28] = (info.file_size // 2).to_bytes(4, "little")
    path.write_bytes(bytes(blob))
    assert "壊れたファイル" in refused(path)


def test_too_many_members(tmp_path: Path) -> None:
    path = book(tmp_path / "many.xlsx", cell("A1"), extra={f"x/{i}.bin": b"" for i in range(20)})
    message = refused(path, WorkbookLimits(max_members=10))
    assert "多すぎます" in message and "上限 10 個" in message


def test_a_raw_control_character(tmp_path: Path) -> None:
    sheet = b'<row r="1"><c r="A1" t="inlineStr"><is><t>a\x01b</t></is></c><c r="B1"><f>1+1</f></c></row>'
    message = refused(book(tmp_path / "ctrl.xlsx", sheet))
    assert "制御文字" in message and "U+0001" in message


def test_the_formula_scan_says_what_is_wrong_with_broken_xml(tmp_path: Path) -> None:
    """Past the guard (which does not parse), lxml's complaint becomes ExcelReadError, not a traceback."""
    path = book(tmp_path / "broken.xlsx", b'<row r="1"><c r="A1"><f>1+1</f></c></row><row r="2"></wrong>')
    with pytest.raises(ExcelReadError, match="XMLが壊れています"):
        scan_formula_cells(path, "名簿")


# --- every command that reads a book from outside ------------------------------------------------

IMPORT_KINDS = ("municipalities", "people", "advisors", "visits", "consultations")


def _commands(db: Path, file: Path, folder: Path) -> list[list[str]]:
    return ([["--db", str(db), "import", kind, str(file), "--dry-run"] for kind in IMPORT_KINDS]
            + [["--db", str(db), "region", "import", str(file), "--dry-run"],
               ["--db", str(db), "survey", "collect", str(folder), "--fiscal-year", "2025", "--dry-run"]])


@pytest.fixture(scope="module")
def db(sasaeai: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "t.db"
    assert sasaeai.inside("--db", str(path), "init", "--prefecture", "長野県").returncode == 0
    return path


def test_the_books_that_aborted_the_process_end_in_exit_2_under_a_1_gib_cap(tmp_path: Path, db: Path) -> None:
    """Before: exit 134 ('memory allocation of 549755813888 bytes failed') for each command."""
    files = {
        "xfd.xlsx": book(tmp_path / "xfd.xlsx", cell("A1") + cell("XFD1048576")),
        "sst.xlsx": book(tmp_path / "sst.xlsx", cell("A1"),
                         sst=b'<sst %s count="1" uniqueCount="4294967295"><si><t>x</t></si></sst>' % NS),
    }
    runs = []
    for name, path in files.items():
        folder = tmp_path / f"returns-{name}"
        folder.mkdir()
        (folder / name).write_bytes(path.read_bytes())
        runs += _commands(db, path, folder)
    # One child for every command (a process each would cost ~2 s apiece), running them as
    # sasaeai.inside does here.
    child = textwrap.dedent("""
        import json, resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from tests.cli_runner import CliRunner
        done = [CliRunner().inside(*argv) for argv in json.loads(sys.argv[1])]
        print(json.dumps([[d.returncode, d.stderr + d.stdout] for d in done]))
    """)
    proc = subprocess.run([sys.executable, "-c", child, json.dumps(runs)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr[-2000:]
    for argv, (code, text) in zip(runs, json.loads(proc.stdout)):
        assert code == 2, (argv, text)
        assert "Traceback" not in text and "上限" in text, (argv, text)


BAD_FILES: dict[str, Callable[[Path], object]] = {
    "no sheets": lambda p: book(p, cell("A1"), sheets=False),
    # a header the people import finds, so it goes on to the formula scan (lxml's XMLSyntaxError before)
    "control character next to a formula": lambda p: book(
        p, cell("A1") + b'<row r="2"><c r="A2" t="inlineStr"><is><t>a\x01</t></is></c><c r="B2"><f>1+1</f></c></row>'),
    "not a zip": lambda p: p.write_bytes(b"\x00\x01garbage" * 20),
    "a zip without a workbook": lambda p: zipfile.ZipFile(p, "w").writestr("hello.txt", "x"),
    "an .xls renamed": lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1500)),
    "password-protected": lambda p: p.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptionInfo".encode("utf-16-le") + bytes(1000)),
    "empty": lambda p: p.write_bytes(b""),
    "a folder": lambda p: p.mkdir(),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_exit_2_with_a_message_in_every_command(sasaeai: CliRunner, tmp_path: Path, db: Path,
                                                               case: str) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    path = folder / "bad.xlsx"
    BAD_FILES[case](path)
    for argv in _commands(db, path, folder):
        if argv[3] == "collect" and path.is_dir():
            continue  # a folder named .xlsx among the returns is not a return
        done = sasaeai.inside(*argv)  # a folder may be refused by the argument parser already
        assert done.returncode == 2, (case, argv, done)
        assert "Traceback" not in done.stderr and "bad.xlsx" in done.stderr + done.stdout, (case, argv, done)


def test_the_errors_out_copy_is_refused_for_a_book_too_big_for_openpyxl(sasaeai: CliRunner, tmp_path: Path, db: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """openpyxl loads the whole book for the copy: 4.8 million cells (a 16 MB file the import
    reads in 520 MB) took it past 2.6 GB. A lowered limit stands in for that book here."""
    from sasaeai_desktop.io.excel import annotate

    monkeypatch.setattr(annotate, "MAX_CELLS", 5)
    rows = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (r, r) for r in range(2, 12))
    path = book(tmp_path / "list.xlsx", cell("A1") + rows)  # 氏名 and ten names without ふりがな/市町村
    out = tmp_path / "errors.xlsx"
    done = sasaeai.inside("--db", str(db), "import", "people", str(path), "--errors-out", str(out))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "上限 5 個" in done.stderr and "印を付けた写しを作れません" in done.stderr, done.stderr
    assert not out.exists()


def test_a_sheet_hidden_behind_an_odd_part_name_is_still_scanned(tmp_path: Path) -> None:
    """calamine opens the relationship's target as written ('xl/../evil.xml'): so does the guard."""
    path = tmp_path / "odd.xlsx"
    book(path, cell("A1"))
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist() if n != "xl/worksheets/sheet1.xml"}
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"worksheets/sheet1.xml", b"../evil.xml")
    parts["xl/../evil.xml"] = b"<worksheet %s><sheetData>%s</sheetData></worksheet>" % (NS, cell("XFD1048576"))
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert "XFD1048576" in refused(path)


def _lying_book(path: Path) -> Path:
    """The sheet's zip entries declare only its first part (its size and CRC); the deflate
    stream goes on to a cell at XFD1048576."""
    import struct
    import zlib

    book(path, cell("A1") + b"<!--" + b"." * 2000 + b"-->" + cell("XFD1048576"))
    blob = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        xml = z.read(info)
    cut = xml.index(b"<!--") + 100
    fields = struct.pack("<I", zlib.crc32(xml[:cut])), struct.pack("<I", cut)
    local, central = info.header_offset, blob.rfind(b"PK\x01\x02", 0, blob.rfind(b"xl/worksheets/sheet1.xml"))
    blob[local + 14 : local + 18], blob[local + 22 : local + 26] = fields
    blob[central + 16 : central + 20], blob[central + 24 : central + 28] = fields
    path.write_bytes(bytes(blob))
    return path


def test_a_member_declaring_only_its_harmless_start_is_read_to_its_end(tmp_path: Path) -> None:
    """zipfile stops at the declared size and the CRC of that part matches: read that way, the
    guard saw a harmless sheet. Read to the end of the stream, it is refused."""
    path = _lying_book(tmp_path / "lying.xlsx")
    with zipfile.ZipFile(path) as z:
        assert b"XFD" not in z.read("xl/worksheets/sheet1.xml")  # what a plain read shows
    message = refused(path)
    assert "XFD1048576" in message or "壊れ" in message, message


def test_a_return_damaged_where_only_calamine_looks_is_a_problem_of_that_file(tmp_path: Path, monkeypatch) -> None:
    """read_form loaded the sheets outside any try: calamine's error ended survey collect with a traceback."""
    from sasaeai_desktop.io.excel import file_check
    from sasaeai_desktop.io.excel import reader
    from sasaeai_desktop.io.excel.survey_form import read_form

    for module in (file_check, reader):  # as if the guard had let it through
        monkeypatch.setattr(module, "check_file", lambda p: Path(p))
    form = read_form(_lying_book(tmp_path / "lying.xlsx"), [])
    assert form.error and "読み取れません" in form.error


def test_millions_of_empty_cells_are_bounded(tmp_path: Path) -> None:
    """Empty cells take no room in calamine's range but time to read one by one: bounded."""
    def write(fh: object) -> None:
        fh.write(b"<row>")  # type: ignore[attr-defined]
        for _ in range(30):
            fh.write(b"<c/>" * 1000)  # type: ignore[attr-defined]
        fh.write(b"</row>")  # type: ignore[attr-defined]

    message = refused(book(tmp_path / "empty.xlsx", write), WorkbookLimits(max_cells=10_000))
    assert "セルが多すぎます" in message and "上限 20,000 個" in message
