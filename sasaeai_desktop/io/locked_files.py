"""Password-locked files: workbooks with Office's own encryption, PDFs with an open password.

Exports that carry names, phones and e-mail addresses travel on USB sticks and by mail; a lock
that Excel, LibreOffice and every PDF viewer open with the password is what an office can use.
Nothing here is home-made cryptography:

- Workbooks: msoffcrypto-tool's ECMA-376 *agile* encryption (AES-256, SHA-512 key derivation),
  what Excel itself writes for ファイル > 情報 > ブックの保護 > パスワードを使用して暗号化.
- PDFs: pypdf's standard security handler revision 6 (AES-256), applied to the finished file.
  reportlab can only encrypt while it draws (inside every writer), its AES-256 is marked beta and
  needs another package, and its encryption of a finished PDF needs the commercial rlextra.

Plain bytes only live in a private folder (``private_folder``): on Linux in RAM (/dev/shm) when it
has room, else the system's temporary folder; mode 0700, removed as soon as the work is done.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.quoted import quoted

LOCKABLE_SUFFIXES = (".xlsx", ".pdf")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted workbook is a compound file
_RAM_FOLDER = "/dev/shm"
_RAM_ROOM = 512 * 1024 * 1024  # below this much free RAM disk, use the ordinary temporary folder
# A locked workbook is decrypted whole in memory; the workbook guard allows 512 MB inflated, and a
# real workbook compresses 5–20 times, so a larger encrypted file is no list of this program.
MAX_LOCKED_BYTES = 256 * 1024 * 1024


class WrongPasswordError(UserError):
    """The password does not open the file."""


@contextmanager
def private_folder() -> Iterator[Path]:
    """A folder only this user can read, removed with everything in it when the block ends."""
    base = None
    try:
        if os.path.isdir(_RAM_FOLDER) and os.access(_RAM_FOLDER, os.W_OK | os.X_OK):
            free = shutil.disk_usage(_RAM_FOLDER).free
            base = _RAM_FOLDER if free > _RAM_ROOM else None
    except OSError:
        base = None
    folder = Path(tempfile.mkdtemp(prefix="sasaeai-", dir=base))  # mkdtemp makes it 0700
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def check_lockable(path: str | os.PathLike[str], option: str = "--out") -> None:
    if Path(path).suffix.lower() not in LOCKABLE_SUFFIXES:
        raise UserError(f"{option}「{path}」にはパスワードをかけられません（.xlsx と .pdf だけです）。")


def lock_bytes(plain: bytes, suffix: str, password: str) -> bytes:
    """The encrypted form of a finished .xlsx or .pdf."""
    if not password:
        raise UserError("パスワードが空です。")
    if suffix.lower() == ".xlsx":
        return _lock_workbook(plain, password)
    if suffix.lower() == ".pdf":
        return _lock_pdf(plain, password)
    raise UserError(f"拡張子 {suffix} のファイルにはパスワードをかけられません（.xlsx と .pdf だけです）。")


def _lock_workbook(plain: bytes, password: str) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, out)
    return out.getvalue()


def _lock_pdf(plain: bytes, password: str) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(plain))
    writer.encrypt(user_password=password, algorithm="AES-256")
    # AES-256 (revision 6) belongs to PDF 1.7 extension level 8 / PDF 2.0; reportlab writes "1.3"
    writer.pdf_header = b"%PDF-1.7"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def is_locked_workbook(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an Office file encrypted with a password (not a plain .xlsx)."""
    try:
        with open(path, "rb") as fh:
            if fh.read(8) != OLE_SIGNATURE:
                return False
            fh.seek(0)
            from msoffcrypto import OfficeFile

            return bool(OfficeFile(fh).is_encrypted())
    except Exception:  # not an Office file msoffcrypto knows (an old .xls …): the reader says what it is
        return False


def unlock_workbook(path: str | os.PathLike[str], password: str) -> bytes:
    """The plain .xlsx bytes of an encrypted workbook, in memory; ``WrongPasswordError`` when the
    password does not open it."""
    import msoffcrypto
    from msoffcrypto import exceptions

    name = Path(path).name
    try:
        size = os.path.getsize(path)
        if size > MAX_LOCKED_BYTES:
            raise UserError(f"「{name}」は大きすぎます（{size / 2**20:,.0f} MB、上限 {MAX_LOCKED_BYTES // 2**20} MB）。")
        with open(path, "rb") as fh:
            office = msoffcrypto.OfficeFile(fh)
            try:
                office.load_key(password=password, verify_password=True)
            except exceptions.InvalidKeyError:
                raise WrongPasswordError(f"「{name}」のパスワードが違います。") from None
            out = io.BytesIO()
            # the password was right: a failed integrity check (also an InvalidKeyError) is damage
            office.decrypt(out, verify_integrity=True)
    except UserError:
        raise
    except OSError as exc:
        raise UserError(f"「{name}」を読み込めませんでした（{exc.strerror or exc}）。") from None
    except Exception as exc:  # a damaged or unknown encryption: msoffcrypto raises many kinds
        raise UserError(
            f"「{name}」の暗号を解除できませんでした（{exc}）。壊れているか、保存の途中のファイルです。Excelで開けるか確かめてください。"
        ) from None
    return out.getvalue()


@contextmanager
def unlocked_copy(path: str | os.PathLike[str], password: str) -> Iterator[Path]:
    """The decrypted workbook as a file of the same name in a private folder, for the readers
    (calamine, the workbook guard, openpyxl) that take a path; removed when the block ends."""
    plain = unlock_workbook(path, password)
    with private_folder() as folder:
        copy = folder / Path(path).name
        fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(fd, "wb") as fh:
            fh.write(plain)
        del plain
        yield copy


def read_password_file(path: str | os.PathLike[str]) -> str:
    """The first line of a UTF-8 file (its line end stripped); ValueError saying what is wrong."""
    p = Path(path)
    if not str(path).strip():
        raise ValueError("パスワードのファイルを指定してください")
    try:
        if p.is_dir():
            raise ValueError(f"「{quoted(path)}」はフォルダーです。パスワードを書いたファイルを指定してください")
        with open(p, "rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        raise ValueError(f"パスワードのファイル「{quoted(path)}」がありません") from None
    except OSError as exc:
        raise ValueError(f"パスワードのファイル「{quoted(path)}」を読めません（{exc.strerror or exc}）") from None
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError(f"パスワードのファイル「{quoted(path)}」はUTF-8のテキストではありません") from None
    line = text.split("\n", 1)[0].removesuffix("\r")  # only the line end: spaces may be part of it
    if not line:
        raise ValueError(f"パスワードのファイル「{quoted(path)}」の1行目が空です")
    return line
