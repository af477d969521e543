"""Is it an .xlsx at all? ``check_file`` says what a file is when it is not one (a CSV renamed, a
PDF, an old .xls, a password-protected book, an empty or half-saved file), in Japanese.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from .errors import ExcelReadError
from .workbook_guard import check_workbook

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File Binary: .xls, or an encrypted .xlsx
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")  # the stream a password-protected OOXML book has


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
