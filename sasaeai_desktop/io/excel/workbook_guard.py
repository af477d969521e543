"""A look at a workbook from outside before any reader (python-calamine, openpyxl) sees it.

Both readers trust the file. A 2.5 KB book with one cell at XFD1048576 made calamine ask for
512 GiB and abort the process (the window with it: the import dialogs read in-process); a
``uniqueCount="4294967295"`` in the shared strings did the same; a 1 MB zip of one 1 GiB string
took 4 GB. So the guard walks the zip once, decompressing each member in chunks (never a whole
member in memory), and refuses — with ``ExcelReadError``: file, sheet, what, the limit — when

- there are too many members, or a member inflates beyond its limit (counted, not the size the
  zip header declares: that can lie) or by an absurd ratio (a zip bomb);
- a run of text between two tags is longer than any cell can be (a giant string or whitespace:
  the readers hold a text node whole);
- the shared-string table declares more entries than a workbook can have (readers reserve the
  declared count up front);
- a sheet's used range, from A1 to its last cell with a value, is beyond the limits (calamine
  holds it densely, 32 bytes a cell; the import walks it row by row from row 1);
- merged areas cover more cells than the limit (openpyxl makes an object for each merged cell);
- the XML has raw control characters (not XML at all: Excel itself repairs such a file).

Cell positions follow calamine: a ``<c>`` without ``r`` is the next column, a ``<row>`` without
``r`` the next row. A self-closing ``<c …/>`` has no value (a formatted empty cell) and does not
extend the used range — calamine ignores it, and forms are often formatted far below their data.
The declared ``<dimension>`` is not used: neither reader allocates by it here (measured), and it
says nothing true about a hostile file.

Sheet XML is scanned with regular expressions over the decompressed chunks, not a parser: lxml's
iterparse took 2.7 s for a 50,000-row sheet, this takes a tenth of that. It is exact for well-formed
XML (a '<' cannot occur inside an attribute value, so every tag starts at a '<'); a start tag of
``c`` or ``row`` it cannot read is refused as a damaged file. Anything hidden in a comment is
counted as if real: at worst a refusal, never a miss.

The limits are far above real workbooks: a 50,000-row people list (44 MB of sheet XML, 600,000
cells) passes with room to spare.
"""

from __future__ import annotations

import copy
import html
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import ExcelReadError
from .text import column_letter

__all__ = ["LIMITS", "WorkbookLimits", "check_workbook", "count_cells"]

MiB = 1024 * 1024
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384


@dataclass(frozen=True)
class WorkbookLimits:
    """What a workbook may hold. Memory stays bounded when every limit holds: the used range
    costs calamine ≤ 32 bytes a cell (5,000,000 cells: 160 MB), text is bounded by the members'
    sizes and no single text node can be large."""

    max_members: int = 10_000
    max_member_bytes: int = 256 * MiB  # a 50,000-row sheet is 44 MB of XML
    max_total_bytes: int = 512 * MiB
    max_ratio: float = 200.0  # real sheet XML inflates 5–20 times; a zip bomb ~1000 times
    ratio_from_bytes: int = 16 * MiB  # small members may compress any way they like
    max_text_run: int = 8 * MiB  # Excel's longest cell is 32,767 characters (< 200 KB escaped)
    max_shared_strings: int = 4_000_000
    max_rows: int = 300_000
    max_cells: int = 5_000_000  # of the used range from A1 (calamine: 160 MB held densely)
    max_merged_cells: int = 1_100_000  # openpyxl makes an object for each; one whole column fits


LIMITS = WorkbookLimits()
_CHUNK = MiB
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NOT_CONTROL = bytes(b for b in range(256) if _CONTROL.match(bytes([b])) is None)  # translate() drops these
_PREFIX = rb"<(?:[A-Za-z_][\w.\-]*:)?"
_ATTRS = rb"((?:[^<>\"']|\"[^\"<]*\"|'[^'<]*')*)"
# A start tag of row or c with its attributes; '<' never occurs inside a (well-formed) value.
_CELL_TAG = re.compile(_PREFIX + rb"(row|c)(?=[\s/>])" + _ATTRS + rb">")
_CELL_START = re.compile(_PREFIX + rb"(?:row|c)(?=[\s/>])")
# The usual form (Excel, openpyxl, LibreOffice): every cell starts '<c r="A1"'. Such a sheet is
# judged with a few searches that each have a literal prefix (fast in Python's re): any other
# kind of c or row tag, or a prefixed one, sends the chunk to the exact reading. The last column
# is found from the cells beyond the last one seen so far (few after the first chunk); rows are
# taken as ≤ 99,999 unless a cell has six digits or more, and counted exactly only when that
# bound is not enough.
_ODD_C = re.compile(rb'<c(?![\w.\-:]| r="[A-Z])')
_ODD_ROW = re.compile(rb'<row(?![\w.\-:]| r=")')
_PREFIXED = re.compile(rb":(?:c|row)[ \t\r\n/>]")
# A second r in a cell's tag: not XML, yet calamine reads it and keeps the last one.
_DUP_R = re.compile(rb'<c r="[^"<]*"' + _ATTRS[1:-1] + rb"?\sr\s*=")
_WIDE = re.compile(rb'<c r="([A-Z]{2,})([0-9]*)')
_BEYOND = [re.compile(rb'<c r="([%c-Z])[0-9]' % (65 + k)) for k in range(26)]  # one letter past column k-1
_FAR = re.compile(rb'<c r="[A-Z]([0-9]{6,})')
_ROW_OF_CELL = re.compile(rb'<c r="[A-Z]+([0-9]+)')
_FAST_ROWS = 99_999
_MERGE_TAG = re.compile(_PREFIX + rb"mergeCell(?=[\s/>])" + _ATTRS + rb">")
_UNIQUE_COUNT = re.compile(rb"""uniqueCount\s*=\s*["']([^"'<>]{0,40})""")
_ATTR = re.compile(rb"""(?:^|\s)([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_REF = re.compile(r"\$?([A-Za-z]*)\$?([0-9]*)")


def _attrs(text: bytes) -> dict[bytes, bytes]:
    return {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(text)}


def _size(n: int) -> str:
    return f"{n / MiB:,.0f} MB" if n >= MiB else f"{n:,} バイト"


class _Refused(Exception):
    """What is wrong with one member (the file's and the sheet's names are added by the caller)."""


def _column_index(letters: bytes) -> int:
    col = 0
    for ch in letters.upper():
        col = col * 26 + ch - 64
    return col - 1


def _parse_ref(raw: bytes) -> tuple[int | None, int | None]:
    """'B12' → (11, 1); '12' → (11, None): 0-based, as calamine reads them."""
    text = raw.decode("utf-8", "replace")
    if "&" in text:
        text = html.unescape(text)
    m = _REF.fullmatch(text.strip())
    if m is None or not (m.group(1) or m.group(2)):
        raise _Refused(f"セル番地「{text[:20]}」が読めません（壊れたファイルです）")
    col = None
    if m.group(1):
        col = 0
        for ch in m.group(1).upper():
            col = col * 26 + ord(ch) - 64
            if col > EXCEL_MAX_COLUMNS:
                break
        col -= 1
    row = int(m.group(2)[:12]) - 1 if m.group(2) else None
    return row, col


class _SheetScan:
    """The used range and merged cells of one sheet, fed with complete runs of tags."""

    def __init__(self, limits: WorkbookLimits) -> None:
        self.limits = limits
        self.row = -1  # the current <row>
        self.col = -1  # the last <c> in it
        self.last_row = -1  # the used range (cells with a value)
        self.last_col = -1
        self.where = ""  # the cell that set the used range's last row or column
        self.merged = 0
        self.fast_col = -1  # the last one-letter column seen by the bulk check
        self.tags = 0  # read one by one so far

    def feed(self, data: bytes) -> None:
        if not self._feed_fast(data):
            self._feed_exact(data)
        if b"mergeCell" in data:
            self._feed_merged(data)

    def _feed_fast(self, data: bytes) -> bool:
        """Whether every cell of ``data`` is within the limits, judged in bulk (formatted empty
        cells included: an upper bound). False when that cannot tell — a tag of another form, a
        cell beyond the limits — and the tags must be read one by one."""
        if _ODD_C.search(data) or _ODD_ROW.search(data) or _PREFIXED.search(data) or _DUP_R.search(data):
            return False
        if self.fast_col < 25:
            beyond = _BEYOND[self.fast_col + 1].findall(data)
            if beyond:
                self.fast_col = max(beyond)[0] - 65
        cols = self.fast_col + 1
        rows = _FAST_ROWS
        for letters, digits in set(_WIDE.findall(data)):
            cols = max(cols, _column_index(letters) + 1)
            rows = max(rows, int(digits[:12] or 0))
        for digits in set(_FAR.findall(data)):
            rows = max(rows, int(digits[:12]))
        rows, cols = max(rows, self.last_row + 1), max(cols, self.last_col + 1)
        if rows * cols > self.limits.max_cells:  # the bound on rows is not enough: count them
            rows = max(max(map(int, set(_ROW_OF_CELL.findall(data))), default=0), self.last_row + 1)
        if rows > self.limits.max_rows or cols > EXCEL_MAX_COLUMNS or rows * cols > self.limits.max_cells:
            return False
        self.last_row, self.last_col = rows - 1, cols - 1
        self.row = self.col = -1  # every cell carries its place: no count to carry over
        return True

    def _feed_exact(self, data: bytes) -> None:
        tags = _CELL_TAG.findall(data)
        if len(tags) != len(_CELL_START.findall(data)):
            raise _Refused("セルの書き方が読めません（壊れたファイルです）")
        # Empty cells take no room in the used range but time here (67 million '<c/>' fit in
        # 256 MB): bounded, far above what a real sheet's formatting writes.
        self.tags += len(tags)
        if self.tags > 2 * self.limits.max_cells:
            raise _Refused(f"セルが多すぎます（空のセルを含めて {self.tags:,} 個以上、上限 {2 * self.limits.max_cells:,} 個）")
        row, col, last_row, last_col = self.row, self.col, self.last_row, self.last_col
        for kind, attrs in tags:  # millions of tags in a big sheet: as little as possible per tag
            r = _attrs(attrs).get(b"r") if b"r" in attrs else None
            if kind == b"row":
                if r is None:
                    row += 1
                else:
                    ref_row = _parse_ref(r)[0]
                    if ref_row is None:
                        raise _Refused(f"行番号「{r.decode('utf-8', 'replace')[:20]}」が読めません（壊れたファイルです）")
                    row = ref_row
                col = -1
                continue
            if r is None:
                cell_row, col = row, col + 1
            else:
                ref_row, ref_col = _parse_ref(r)
                if ref_row is None or ref_col is None:
                    raise _Refused(f"セル番地「{r.decode('utf-8', 'replace')[:20]}」が読めません（壊れたファイルです）")
                cell_row, col = ref_row, ref_col
            if (cell_row > last_row or col > last_col) and not attrs.rstrip().endswith(b"/"):
                # a self-closing cell is formatted and empty: no value, no place in the used range
                last_row, last_col = max(cell_row, last_row), max(col, last_col)
                self.where = f"{column_letter(col)}{cell_row + 1}"
                self.last_row, self.last_col = last_row, last_col
                self._check_range()
        self.row, self.col = row, col

    def _feed_merged(self, data: bytes) -> None:
        for m in _MERGE_TAG.finditer(data):
            ref = _attrs(m.group(1)).get(b"ref", b"")
            first, _, last = ref.partition(b":")
            (r0, c0), (r1, c1) = _parse_ref(first), _parse_ref(last or first)
            if r0 is None or c0 is None or r1 is None or c1 is None:
                raise _Refused(f"結合セルの範囲「{ref.decode('utf-8', 'replace')[:30]}」が読めません（壊れたファイルです）")
            self.merged += (abs(r1 - r0) + 1) * (abs(c1 - c0) + 1)
            if self.merged > self.limits.max_merged_cells:
                raise _Refused(
                    f"結合したセルが多すぎます（{ref.decode('utf-8', 'replace')[:30]} などで {self.merged:,} セル、"
                    f"上限 {self.limits.max_merged_cells:,} セル）"
                )

    def _check_range(self) -> None:
        rows, cols = self.last_row + 1, self.last_col + 1
        lim = self.limits
        if rows > EXCEL_MAX_ROWS or cols > EXCEL_MAX_COLUMNS:
            raise _Refused(f"セル {self.where} はExcelの範囲（{EXCEL_MAX_ROWS:,} 行 × {EXCEL_MAX_COLUMNS:,} 列）の外です（壊れたファイルです）")
        if rows > lim.max_rows or rows * cols > lim.max_cells:
            raise _Refused(
                f"セル {self.where} に値があり、読み込む範囲が A1:{column_letter(self.last_col)}{rows}"
                f"（{rows:,} 行 × {cols:,} 列 = {rows * cols:,} セル）になります。上限は {lim.max_rows:,} 行、"
                f"{lim.max_cells:,} セルです。不要な行や列（離れた場所の値）を削除して保存し直してください"
            )


def _sheet_parts(zf: zipfile.ZipFile, names: set[str], limits: WorkbookLimits) -> dict[str, str]:
    """Part name → sheet name, from the workbook and its relationships (both small, read whole
    only after their sizes were checked)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    out: dict[str, str] = {}
    try:
        if "xl/_rels/workbook.xml.rels" not in names:
            return out
        wb = etree.fromstring(zf.read("xl/workbook.xml"), parser)
        rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"), parser)
    except etree.XMLSyntaxError:
        return out  # the readers will say the book is damaged; the sheets are scanned by name below
    targets = {r.get("Id"): r.get("Target") or "" for r in rels}
    for sheet in wb.iter("{*}sheet"):
        target = targets.get(sheet.get(f"{{{_REL_NS}}}id"))
        if target:
            # Every name a reader might make of the target (calamine does not normalise
            # 'xl/../x.xml'; we do): a member under any of them is scanned as this sheet.
            joined = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            for part in (joined, target, os.path.normpath(joined).replace(os.sep, "/")):
                out[part] = sheet.get("name") or ""
    return out


def check_workbook(path: str | os.PathLike[str], limits: WorkbookLimits | None = None) -> None:
    """Raise ExcelReadError when ``path`` (a zip already known to be an .xlsx) is beyond ``limits``
    (default: ``LIMITS``, looked up at each call so a test can lower it)."""
    limits = limits or LIMITS
    p = Path(path)
    shown = p.name
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
            if len(infos) > limits.max_members:
                raise ExcelReadError(
                    f"「{shown}」は中のファイルが多すぎます（{len(infos):,} 個、上限 {limits.max_members:,} 個）。"
                    "Excelファイルではないか、細工されたファイルです。"
                )
            names = {i.filename for i in infos}
            small = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
            for info in infos:
                if info.filename in small and info.file_size > 16 * MiB:
                    raise ExcelReadError(f"「{shown}」の「{info.filename}」が大きすぎます（{_size(info.file_size)}）。壊れているか細工されたファイルです。")
            sheets = _sheet_parts(zf, names, limits)
            total = 0
            for info in infos:
                where = f"シート「{sheets[info.filename]}」" if info.filename in sheets else f"「{info.filename}」"
                try:
                    total = _scan_member(zf, info, info.filename in sheets or _looks_like_sheet(info.filename),
                                         total, limits)
                except _Refused as exc:
                    raise ExcelReadError(f"「{shown}」の{where}は読み込めません: {exc}。") from None
    except zipfile.BadZipFile as exc:
        raise ExcelReadError(f"「{shown}」は壊れているか、保存の途中のファイルです（{exc}）。Excelで開けるか確かめてください。") from None
    except (OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        # a member compressed with a method zipfile lacks, or encrypted: calamine cannot either
        raise ExcelReadError(f"「{shown}」を読み込めませんでした（{exc}）。Excelで開けるか確かめてください。") from None


def _looks_like_sheet(name: str) -> bool:
    return "worksheets" in name.lower() and name.lower().endswith(".xml")


def _scan_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, is_sheet: bool, total: int,
                 limits: WorkbookLimits) -> int:
    """Decompress one member chunk by chunk and check it; the running total of inflated bytes."""
    if info.is_dir():
        return total
    if info.file_size > limits.max_member_bytes:  # what the zip declares: refuse before any work
        raise _Refused(f"展開すると {_size(info.file_size)} になります（上限 {_size(limits.max_member_bytes)}）")
    xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
    scan = _SheetScan(limits) if is_sheet else None
    size = 0
    run = 0  # bytes since the last '<'
    carry = b""  # a sheet's bytes after the last '<' (a tag perhaps cut by the chunk)
    count_tail = b""  # the end of the previous chunk (an attribute may be cut)
    # Read to the end of the compressed stream, not to the size the zip declares: zipfile would
    # stop there and check the CRC of what it read, so a member declaring its harmless first
    # part (size and CRC) would hide the rest, which a reader that does not stop may see.
    # Declared larger, the whole stream is read and its CRC then fails: a damaged file.
    whole = copy.copy(info)
    whole.file_size = max(info.file_size, limits.max_member_bytes) + 1
    with zf.open(whole) as fh:
        while True:
            chunk = fh.read(min(_CHUNK, limits.max_text_run))
            if not chunk:
                break
            size += len(chunk)
            total += len(chunk)
            if size > limits.max_member_bytes:
                raise _Refused(f"展開すると {_size(limits.max_member_bytes)} を超えます（上限 {_size(limits.max_member_bytes)}）")
            if total > limits.max_total_bytes:
                raise ExcelReadError(
                    f"「{Path(zf.filename or '').name}」は展開すると {_size(limits.max_total_bytes)} を超えます"
                    f"（上限 {_size(limits.max_total_bytes)}）。圧縮爆弾など、細工されたファイルの可能性があります。"
                )
            if size > limits.ratio_from_bytes and size > limits.max_ratio * max(info.compress_size, 1):
                raise _Refused(
                    f"圧縮率が異常です（{_size(info.compress_size)} が {_size(size)} 以上に展開されます。"
                    f"上限は {limits.max_ratio:.0f} 倍）。圧縮爆弾など、細工されたファイルの可能性があります"
                )
            if not xml:
                continue
            bad = _CONTROL.search(chunk) if chunk.translate(None, _NOT_CONTROL) else None  # memchr-fast when clean
            if bad is not None:
                raise _Refused(
                    f"XMLに使えない制御文字（U+{bad.group()[0]:04X}）があります（先頭から {size - len(chunk) + bad.start():,} バイト目）。"
                    "Excelで開くと修復できます。修復して保存し直してから取り込んでください"
                )
            # A run inside one chunk is shorter than the chunk, and a chunk is no longer than
            # the limit: only runs across chunks need counting.
            cut = chunk.rfind(b"<")
            if cut < 0:
                run += len(chunk)
            elif run + chunk.find(b"<") <= limits.max_text_run:
                run = len(chunk) - cut
            else:
                run += chunk.find(b"<")
            if run > limits.max_text_run:
                raise _Refused(f"タグの間の文字列（または空白）が長すぎます（{_size(run)} 以上、上限 {_size(limits.max_text_run)}）")
            # The shared-string table's declared size, which calamine reserves up front. Only
            # <sst> has uniqueCount; looked for wherever it is (a comment may come first).
            if b"uniqueCount" in chunk or b"uniqueCount" in count_tail + chunk[:64]:
                for value in _UNIQUE_COUNT.findall(count_tail + chunk):
                    number = value.strip().lstrip(b"+")
                    if number.isdigit() and int(number[:20]) > limits.max_shared_strings:
                        raise _Refused(
                            f"共有文字列の数が {number.decode('ascii')[:20]} 個と書かれています"
                            f"（上限 {limits.max_shared_strings:,} 個）"
                        )
            count_tail = chunk[-64:]
            if scan is not None:
                if cut < 0:
                    carry += chunk
                else:
                    scan.feed(carry + chunk[:cut])
                    carry = chunk[cut:]
    if size != info.file_size:  # calamine refuses such a member too, in English
        raise _Refused(f"展開した大きさ（{size:,} バイト）が、ファイルに書かれた大きさ（{info.file_size:,} バイト）と違います（壊れたファイルです）")
    if scan is not None and carry:
        scan.feed(carry)
    return total


def count_cells(path: str | os.PathLike[str]) -> int:
    """About how many cells the sheets of ``path`` hold, formatted empty ones included: what
    openpyxl makes an object for when it loads the whole book (~0.5 KB each). An upper bound
    (``<col`` and the like are counted too); the book must have passed ``check_workbook``."""
    n = 0
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if not _looks_like_sheet(info.filename):
                continue
            tail = b""  # a '<' that ended the previous chunk
            with zf.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    data = tail + chunk
                    n += data.count(b"<c") + data.count(b":c ") + data.count(b":c>")
                    tail = b"<" if data.endswith(b"<") else b""
    return n
