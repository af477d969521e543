"""Reading sheets people made: open the book, find the header row, hand the data rows over.

Speed and memory: values come from python-calamine (Rust; a 50,000 × 12 sheet in about a second,
where openpyxl's read-only mode takes ten). Rows are streamed to the caller one at a time, so the
only copy of the whole sheet is calamine's own compact one. openpyxl is not used for reading at
all; the one thing calamine cannot tell — a formula whose result was never saved (a file written
by a program, not by Excel), and error values such as #REF! — is found by scanning the sheet's
XML, and only when the XML contains a formula or an error at all (a byte search otherwise).

What is tolerated above the header: title rows, a date line, merged cells, blank rows; the header
is the row among the first ``HEADER_SCAN_ROWS`` that names the most known columns (``find_header``),
optionally a second header row under it (連絡先 → 電話 | メール). Below it: blank rows are skipped
and notes (a row whose only cell starts with ※ or 注, and the lines continuing it) are ignored.

Errors a user can act on are raised as ``ExcelReadError`` with a Japanese message (no openpyxl,
no database here: the services turn it into their ``UserError``).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import zipfile
from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Iterator, Mapping, Sequence

from .errors import ExcelReadError
from .spec import ColumnSpec, SheetSpec, header_key
from .text import column_letter
from .workbook_guard import check_workbook

__all__ = [
    "EXCEL_MAX_CHARS",
    "HEADER_SCAN_ROWS",
    "ExcelReadError",
    "Header",
    "Workbook",
    "cell_name",
    "check_file",
    "column_letter",
    "find_header",
    "header_fingerprint",
    "is_note_row",
    "match_header",
    "open_workbook",
]

HEADER_SCAN_ROWS = 30
EXCEL_MAX_CHARS = 32767  # Excel's limit per cell; python-calamine returns at most this many
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File Binary: .xls, or an encrypted .xlsx
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")  # the stream a password-protected OOXML book has
_EXCEL_ERRORS = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!")
)


def cell_name(row: int, col: int) -> str:
    """0-based (row, col) → 'B12'."""
    return f"{column_letter(col)}{row + 1}"


# --- is it an xlsx at all? ---------------------------------------------------------------------


def _looks_like_text(head: bytes) -> str | None:
    for enc in ("utf-8-sig", "cp932"):
        try:
            text = head.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            return None
        return text
    return None


def check_file(path: str | os.PathLike[str]) -> Path:
    """The path of a readable .xlsx/.xlsm, or ExcelReadError saying what the file is instead
    (or what in it is beyond ``workbook_guard``'s limits). Every workbook from outside goes
    through here before python-calamine or openpyxl opens it."""
    p = Path(path)
    shown = p.name
    if not p.exists():
        raise ExcelReadError(f"ファイル「{p}」が見つかりません。")
    if p.is_dir():
        raise ExcelReadError(f"「{p}」はフォルダーです。Excelファイル（.xlsx）を指定してください。")
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(65536)
    except PermissionError:
        raise ExcelReadError(
            f"「{shown}」を開けません（読み取りの権限がありません。Excelで開いている場合は閉じてください）。"
        ) from None
    except OSError as exc:
        raise ExcelReadError(f"「{shown}」を読み込めませんでした（{exc.strerror or exc}）。") from None
    if size == 0:
        raise ExcelReadError(f"「{shown}」は空のファイルです（0バイト）。保存し直したファイルを指定してください。")
    if head.startswith(OLE_SIGNATURE):
        if _ENCRYPTED_MARK in head or _has_encryption_stream(p):
            raise ExcelReadError(
                f"「{shown}」はパスワードで保護（暗号化）されています。Excelで開いて「ファイル > 情報 > ブックの保護 > "
                "パスワードを使用して暗号化」のパスワードを消して保存し直してから取り込んでください。"
            )
        raise ExcelReadError(
            f"「{shown}」は古い形式（Excel 97-2003 の .xls）のファイルです。Excelで開いて「名前を付けて保存」で"
            "「Excel ブック (*.xlsx)」を選び、保存し直してから取り込んでください。"
        )
    if head.startswith(b"%PDF"):
        raise ExcelReadError(f"「{shown}」はPDFファイルです。元のExcelファイル（.xlsx）を指定してください。")
    if not head.startswith(b"PK\x03\x04"):
        text = _looks_like_text(head)
        if text is not None:
            stripped = text.lstrip().lower()
            if stripped.startswith(("<html", "<!doctype html", "<?xml", "<table")):
                raise ExcelReadError(
                    f"「{shown}」はExcelファイルではなく、Webページ（HTML/XML）の形式です。Excelで開いて"
                    "「Excel ブック (*.xlsx)」として保存し直してから取り込んでください。"
                )
            raise ExcelReadError(
                f"「{shown}」はExcelファイルではなく、テキスト（CSVなど）のファイルです。Excelで開いて"
                "「Excel ブック (*.xlsx)」として保存し直してから取り込んでください。"
            )
        raise ExcelReadError(f"「{shown}」はExcelファイル（.xlsx）ではありません。")
    try:
        with zipfile.ZipFile(p) as zf:
            names = set(zf.namelist())
            if "mimetype" in names and b"opendocument" in zf.read("mimetype"):
                raise ExcelReadError(
                    f"「{shown}」はOpenDocument形式（.ods）です。「Excel ブック (*.xlsx)」として保存し直してから取り込んでください。"
                )
            if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
                if "word/document.xml" in names:
                    kind = "Wordの文書"
                elif "ppt/presentation.xml" in names:
                    kind = "PowerPointの資料"
                else:
                    kind = "Excelブックではない圧縮ファイル"
                raise ExcelReadError(f"「{shown}」は{kind}です。Excelファイル（.xlsx）を指定してください。")
            if "xl/workbook.bin" in names:
                raise ExcelReadError(
                    f"「{shown}」はExcelバイナリブック（.xlsb）です。「Excel ブック (*.xlsx)」として保存し直してください。"
                )
    except zipfile.BadZipFile:
        raise ExcelReadError(f"「{shown}」は壊れているか、保存の途中のファイルです。Excelで開けるか確かめてください。") from None
    check_workbook(p)  # before any reader: a small hostile book can make them ask for gigabytes
    return p


def _has_encryption_stream(path: Path) -> bool:
    """Look through a compound file's directory for the EncryptionInfo stream (beyond 64 KiB)."""
    try:
        with path.open("rb") as fh:
            chunk = fh.read(4 * 1024 * 1024)
    except OSError:
        return False
    return _ENCRYPTED_MARK in chunk


# --- formulas without values, error cells (only the sheet XML knows) -----------------------------

# What a formula or an error cell looks like in sheet XML (<f>, <f t="shared" …>, <x:f>, t="e").
# bytes.find is memchr-fast; a regex over 15 MB of XML took a second.
# 'f>' ends <f>, </f>, <x:f>, </x:f> — every sheet with a formula has one (a shared formula's
# cells <f t="shared" si="0"/> come with the master cell's <f …>…</f>). A rare false positive
# (another tag ending in f) only costs the exact scan below.
_FORMULA_MARKS = (b"f>", b't="e"')


def _has_formula_mark(xml: bytes) -> bool:
    """Whether ``xml`` may hold a formula or an error cell (one of ``_FORMULA_MARKS``).

    A search for a two-byte string walks the bytes one by one (50 ms for a 50,000-row sheet);
    'f' is rare in sheet XML, and memchr finds each one at memory speed, so 'f>' is looked for as
    an 'f' followed by '>'. 't="e"' has no rare byte: searched as it is."""
    find = xml.find
    i = find(b"f")
    for _ in range(1000):  # text full of f's (inline English): the plain search is cheaper
        if i < 0:
            return _FORMULA_MARKS[1] in xml
        if xml[i + 1 : i + 2] == b">":
            return True
        i = find(b"f", i + 1)
    return any(mark in xml for mark in _FORMULA_MARKS)
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _sheet_xml_paths(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part name inside the zip ('xl/worksheets/sheet1.xml')."""
    from lxml import etree  # a dependency of openpyxl's fast path; imported only when needed

    wb = etree.fromstring(zf.read("xl/workbook.xml"))
    rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    out: dict[str, str] = {}
    for sheet in wb.iter("{*}sheet"):
        rid = sheet.get(f"{{{_REL_NS}}}id")
        target = targets.get(rid)
        if not target:
            continue
        target = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        out[sheet.get("name") or ""] = os.path.normpath(target).replace(os.sep, "/")
    return out


def _cell_ref(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d+)", ref)
    if not m:
        raise ValueError(ref)
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def scan_formula_cells(path: str | os.PathLike[str], sheet: str) -> dict[tuple[int, int], str]:
    """(row, col) 0-based → a Japanese note, for each formula cell without a saved result and each
    error value (#REF!, #DIV/0! …). Empty when the sheet has neither (the usual case: one pass of
    a byte search over the decompressed XML). ExcelReadError when the XML is not well-formed
    (calamine reads some such files; lxml, rightly, does not)."""
    from lxml import etree

    try:
        return _scan_formula_cells(path, sheet)
    except etree.XMLSyntaxError as exc:
        raise ExcelReadError(
            f"「{Path(path).name}」のシート「{sheet}」のXMLが壊れています（{exc.msg}）。"
            "Excelで開くと修復できる場合があります。修復して保存し直してから取り込んでください。"
        ) from None


def _scan_formula_cells(path: str | os.PathLike[str], sheet: str) -> dict[tuple[int, int], str]:
    with zipfile.ZipFile(path) as zf:
        part = _sheet_xml_paths(zf).get(sheet)
        if part is None or part not in zf.namelist():
            return {}
        tail = b""
        found = False
        with zf.open(part) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    break
                if _has_formula_mark(tail + chunk):
                    found = True
                    break
                tail = chunk[-8:]
        if not found:
            return {}
        from lxml import etree

        out: dict[tuple[int, int], str] = {}
        with zf.open(part) as fh:
            for _, c in etree.iterparse(fh, tag="{*}c", events=("end",)):
                f = v = None
                for child in c:
                    local = etree.QName(child).localname
                    if local == "f":
                        f = child
                    elif local == "v":
                        v = child
                ref = c.get("r")
                if ref and (f is not None or c.get("t") == "e"):
                    value = v.text if v is not None else None
                    if c.get("t") == "e":
                        out[_cell_ref(ref)] = f"数式がエラーになっています（{value or 'エラー'}）"
                    elif value is None or value == "":
                        text = f"={f.text}" if f is not None and f.text else "数式"
                        out[_cell_ref(ref)] = (
                            f"数式（{text[:40]}）の計算結果が保存されていません。Excelで開いて保存し直すか、"
                            "値として貼り付けてください"
                        )
                c.clear()
        return out


# --- the workbook ------------------------------------------------------------------------------

# Threads are started on the first scan and reused.
_SCANNER = ThreadPoolExecutor(max_workers=2, thread_name_prefix="xlsx-formula-scan")



class Workbook:
    """A checked .xlsx opened with python-calamine. Use as a context manager or call ``close()``."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = check_file(path)
        import python_calamine

        try:
            self._wb = python_calamine.CalamineWorkbook.from_path(str(self.path))
        except python_calamine.PasswordError:
            raise ExcelReadError(f"「{self.path.name}」はパスワードで保護されています。パスワードを解除して保存し直してください。") from None
        except (python_calamine.CalamineError, ValueError, OSError) as exc:
            raise ExcelReadError(
                f"「{self.path.name}」をExcelファイルとして読み込めませんでした（{exc}）。Excelで開けるか確かめてください。"
            ) from None
        self._sheets: dict[str, Any] = {}
        self._scans: dict[str, Future[dict[tuple[int, int], str]]] = {}
        meta = {m.name: m for m in self._wb.sheets_metadata}
        self.sheet_names: list[str] = list(self._wb.sheet_names)
        visible = python_calamine.SheetVisibleEnum.Visible
        worksheet = python_calamine.SheetTypeEnum.WorkSheet
        self.hidden_sheets: set[str] = {n for n, m in meta.items() if m.visible != visible}
        # Chart sheets and macro sheets hold no table.
        self.worksheets: list[str] = [n for n in self.sheet_names if n not in meta or meta[n].typ == worksheet]

    def __enter__(self) -> "Workbook":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._sheets = {}
        for scan in self._scans.values():
            scan.cancel()
        self._scans = {}
        try:
            self._wb.close()
        except Exception:  # already closed
            pass

    def visible_sheets(self) -> list[str]:
        return [n for n in self.worksheets if n not in self.hidden_sheets]

    def resolve_sheet(self, name: str | None) -> str:
        """The sheet called ``name`` (spaces and full/half width forgiven), or the first visible one."""
        if name is None or name == "":
            visible = self.visible_sheets() or self.worksheets
            if not visible:
                raise ExcelReadError(f"「{self.path.name}」にはワークシートがありません。")
            return visible[0]
        if name in self.sheet_names:
            return name
        wanted = header_key(name)
        matches = [n for n in self.sheet_names if header_key(n) == wanted]
        if len(matches) == 1:
            return matches[0]
        listed = "、".join(f"「{n}」" for n in self.sheet_names)
        raise ExcelReadError(f"シート「{name}」が「{self.path.name}」にありません。シートは {listed} です。")

    def _sheet(self, sheet: str) -> Any:
        import python_calamine

        cached = self._sheets.get(sheet)
        if cached is not None:
            return cached
        try:
            sh = self._wb.get_sheet_by_name(sheet)
        except python_calamine.WorksheetNotFound:
            raise ExcelReadError(f"シート「{sheet}」がありません。シートは {'、'.join(self.sheet_names)} です。") from None
        except (python_calamine.CalamineError, ValueError) as exc:
            raise ExcelReadError(f"シート「{sheet}」を読み込めませんでした（{exc}）。") from None
        self._sheets = {sheet: sh}  # keep one sheet's values at a time
        return sh

    def row_count(self, sheet: str) -> int:
        """Rows up to the last one with a value (0 for an empty sheet)."""
        end = self._sheet(sheet).end
        return end[0] + 1 if end is not None else 0

    def rows(self, sheet: str) -> Iterator[tuple[int, list[Any]]]:
        """(0-based row index, cells from column A) for every row up to the last one with a value.

        Cells are calamine's values: str ('' when empty), float, int, bool, date, datetime, time,
        timedelta. Rows may differ in length only when the sheet is empty.
        """
        sh = self._sheet(sheet)
        start = sh.start
        if start is None:
            return
        end = sh.end or start
        it = iter(sh.iter_rows())
        first = next(it, None)
        if first is None:
            return
        # python-calamine yields rows from row 0 (absolute) and cells from the first used column;
        # older versions started at the first used row. Tell which from the first row.
        row0 = 0
        if start[0] > 0 and any(v != "" for v in first):
            row0 = start[0]
        col0 = 0
        width_rel = end[1] - start[1] + 1
        if start[1] > 0 and len(first) == width_rel:
            col0 = start[1]
        pad = [""] * col0
        r = row0
        yield r, (pad + first) if col0 else first
        for row in it:
            r += 1
            yield r, (pad + row) if col0 else row

    def merged_ranges(self, sheet: str) -> list[tuple[int, int, int, int]]:
        """The merged areas of ``sheet`` as (first row, first column, last row, last column), 0-based."""
        ranges = getattr(self._sheet(sheet), "merged_cell_ranges", None) or []
        return [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges]

    def start_problem_scan(self, sheet: str) -> None:
        """Begin ``problem_cells(sheet)`` in the background. The scan decompresses the sheet's XML
        a second time (0.2 s for 50,000 rows); started before the sheet is loaded, it runs beside
        calamine, which releases the GIL while it parses (as zlib does while it inflates)."""
        if sheet not in self._scans:
            self._scans[sheet] = _SCANNER.submit(scan_formula_cells, self.path, sheet)

    def problem_cells(self, sheet: str) -> dict[tuple[int, int], str]:
        """``scan_formula_cells`` of ``sheet`` (waiting for the scan ``start_problem_scan`` began)."""
        scan = self._scans.pop(sheet, None)
        return scan.result() if scan is not None else scan_formula_cells(self.path, sheet)

    def full_texts(self, sheet: str, cells: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
        """The whole text of cells calamine cut at Excel's limit (EXCEL_MAX_CHARS): a file
        written by a program can hold more. Read with openpyxl's read-only mode, only up to the
        last such row; used only when a cell is exactly at the limit (practically never)."""
        if not cells:
            return {}
        from openpyxl import load_workbook

        last = max(r for r, _ in cells)
        out: dict[tuple[int, int], str] = {}
        wb = load_workbook(self.path, read_only=True, data_only=True)
        try:
            last_col = max(c for _, c in cells)  # not the declared dimension's width, which can be anything
            for r, row in enumerate(wb[sheet].iter_rows(max_row=last + 1, max_col=last_col + 1, values_only=True)):
                for (rr, c) in cells:
                    if rr == r and c < len(row) and isinstance(row[c], str):
                        out[(r, c)] = row[c]
        finally:
            wb.close()
        return out


def fill_merged_down(
    rows: Iterable[tuple[int, list[Any]]], ranges: Sequence[tuple[int, int, int, int]]
) -> Iterator[tuple[int, list[Any]]]:
    """``rows`` with the value of each area merged over several rows repeated down its first column.

    People merge a cell over the rows it applies to (one 所属 for two advisors, one 市町村 for its
    staff); the file stores the value in the area's first cell only. A row that is blank apart
    from such an area stays blank (a merge running into a spacer row adds no record).
    """
    starts: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for r0, c0, r1, _c1 in ranges:
        if r1 > r0:  # merged across columns only: the value belongs to its first column alone
            starts[r0].append((c0, r1))
    carry: dict[int, tuple[Any, int]] = {}  # column → (value, last row of its area)
    for r, cells in rows:
        if carry:
            carry = {c: vl for c, vl in carry.items() if vl[1] >= r}
        if carry and any(v != "" for v in cells):
            for c, (value, _last) in carry.items():
                if c >= len(cells):
                    cells = cells + [""] * (c + 1 - len(cells))
                if cells[c] == "":
                    cells[c] = value
        for c0, r1 in starts.get(r, ()):
            value = cells[c0] if c0 < len(cells) else ""
            if value != "":
                carry[c0] = (value, r1)
        yield r, cells


def open_workbook(path: str | os.PathLike[str]) -> Workbook:
    return Workbook(path)


# --- the header --------------------------------------------------------------------------------

_BRACKETS = re.compile(r"[（(【\[〔<＜《][^）)】\]〕>＞》]*[）)】\]〕>＞》]")
_MARKS = re.compile(r"^[*＊※●◎◆■□・]+|[*＊※●◎◆■□]+$")


def _loose_key(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = _BRACKETS.sub("", s)
    s = _MARKS.sub("", "".join(s.split()))
    return header_key(s)


def match_header(spec: SheetSpec, text: object) -> ColumnSpec | None:
    """The column a header cell names: exact (NFKC, no spaces, synonyms), else without a note in
    brackets or a required-mark ('氏名（漢字）', '※電話番号', 'メール*')."""
    col = spec.find_column(text)
    if col is not None or not isinstance(text, str):
        return col
    loose = _loose_key(text)
    if loose and loose != header_key(text):
        return spec.find_column(loose)
    return None


def header_fingerprint(texts: Sequence[object]) -> str:
    """A short id of a header row's layout: the normalised texts in column order."""
    keys = [header_key(t) if not isinstance(t, float) else header_key(str(t)) for t in texts]
    while keys and not keys[-1]:
        keys.pop()
    return hashlib.sha1("\x1f".join(keys).encode("utf-8")).hexdigest()[:16]


@dataclass
class Header:
    """The header found in a sheet: where it is and what each column carries."""

    row: int  # 0-based index of the (last) header row; data starts below it
    texts: list[str]  # the header text of each column from A (merged two-row headers combined)
    mapping: dict[int, str]  # column index → field key
    unknown: list[int] = field(default_factory=list)  # columns with a header nobody reads
    duplicates: dict[str, list[int]] = field(default_factory=dict)  # key → columns naming it twice or more
    fingerprint: str = ""
    remembered: bool = False  # the mapping came (partly) from a remembered layout
    first_row: int = 0  # 0-based first header row (== row unless two rows)

    def column_of(self, key: str) -> int | None:
        for col, k in self.mapping.items():
            if k == key:
                return col
        return None

    def label(self, col: int) -> str:
        text = self.texts[col] if col < len(self.texts) else ""
        return text or column_letter(col)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _score(spec: SheetSpec, row: Sequence[Any]) -> tuple[int, dict[int, str]]:
    found: dict[int, str] = {}
    for j, value in enumerate(row):
        if isinstance(value, str) and value:
            col = match_header(spec, value)
            if col is not None:
                found[j] = col.key
    return len(set(found.values())), found


def find_header(
    spec: SheetSpec,
    rows: Sequence[tuple[int, Sequence[Any]]],
    *,
    remembered: Mapping[str, Mapping[int, str | None]] | None = None,
    at_row: int | None = None,
) -> Header | None:
    """The header among ``rows`` (the first rows of the sheet, with their indices).

    The row naming the most known columns wins (the earliest on a tie); a row whose layout was
    mapped by hand before (``remembered``: fingerprint → {column: key or None}) wins outright.
    ``at_row`` (0-based) forces the header row. None when no row names any known column.
    """
    remembered = remembered or {}
    best: tuple[int, int, dict[int, str]] | None = None  # (score, position in rows, found)
    for pos, (r, row) in enumerate(rows):
        if at_row is not None and r != at_row:
            continue
        texts = [_cell_text(v) for v in row]
        fp = header_fingerprint(texts)
        if fp in remembered and any(v for v in texts):
            best = (10_000, pos, _score(spec, row)[1])
            break
        score, found = _score(spec, row)
        if at_row is not None or (score > 0 and (best is None or score > best[0])):
            best = (score, pos, found)
    if best is None:
        return None
    _, pos, found = best
    r, row = rows[pos]
    texts = [_cell_text(v) for v in row]
    first_row = r

    # A second header row under the first (連絡先 over 電話 | メール): every cell in it is a header.
    if pos + 1 < len(rows) and at_row is None:
        r2, row2 = rows[pos + 1]
        texts2 = [_cell_text(v) for v in row2]
        filled = [j for j, t in enumerate(texts2) if t]
        score2, found2 = _score(spec, row2)
        if filled and len(found2) == len(filled) and any(j not in found or found2[j] != found.get(j) for j in found2):
            width = max(len(texts), len(texts2))
            texts = (texts + [""] * width)[:width]
            for j, key in found2.items():
                if j not in found:
                    texts[j] = texts2[j]
                    found[j] = key
            r = r2

    fp = header_fingerprint(texts)
    mapping: dict[int, str] = {}
    used_memory = False
    memory = remembered.get(fp)
    if memory is not None:
        used_memory = True
        for j in range(len(texts)):
            if j in memory:
                if memory[j]:
                    mapping[j] = memory[j]  # type: ignore[assignment]
            elif j in found:
                mapping[j] = found[j]
    else:
        mapping = dict(found)
    header = Header(row=r, texts=texts, mapping={}, fingerprint=fp, remembered=used_memory, first_row=first_row)
    apply_mapping(header, mapping)
    return header


def apply_mapping(header: Header, mapping: Mapping[int, str]) -> None:
    """Set ``header.mapping`` and recompute unknown and duplicate columns."""
    header.mapping = {j: k for j, k in sorted(mapping.items()) if k}
    by_key: dict[str, list[int]] = {}
    for j, key in header.mapping.items():
        by_key.setdefault(key, []).append(j)
    header.duplicates = {k: cols for k, cols in by_key.items() if len(cols) > 1}
    header.unknown = [j for j, t in enumerate(header.texts) if t and j not in header.mapping]


# --- notes and blank rows ----------------------------------------------------------------------

_NOTE_START = re.compile(r"^\s*(?:[※＊*]|[（(]?注[）)\d１-９:：]|注\s|注$|注記|備考[:：])")


def is_note_row(row: Sequence[Any]) -> int | None:
    """The column of a note row — its only filled cell is text starting with ※, ＊ or 注 — else None."""
    col = None
    for j, v in enumerate(row):
        if v == "" or v is None:
            continue
        if col is not None:
            return None
        col = j
    if col is None:
        return None
    value = row[col]
    if isinstance(value, str) and _NOTE_START.match(value):
        return col
    return None


def excel_error(value: Any) -> str | None:
    """'#REF!' for a cell holding an Excel error code as text, else None."""
    if isinstance(value, str) and value[:1] == "#" and value.strip() in _EXCEL_ERRORS:
        return value.strip()
    return None
