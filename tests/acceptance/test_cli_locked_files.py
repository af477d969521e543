"""``--password-file``: exports written locked (issue 17 item 5), imports of locked workbooks.

In-process (``sasaeai.inside``) on one small database; the locks are checked with the libraries'
own readers (msoffcrypto-tool + openpyxl for workbooks, pypdf for PDFs), not with our code.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest

from tests.cli_runner import CliRunner
from tests.excel_books import people_book

PASSWORD = "ひみつ の pass"


@pytest.fixture(scope="module")
def db(sasaeai: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("locked")
    path = folder / "a.db"
    assert sasaeai.inside("--db", str(path), "init", "--prefecture", "長野県").returncode == 0
    book = people_book(folder / "名簿.xlsx", [["森 一", "もり はじめ", "第2層SC", "長野市", "", "", "026-232-0111", "mori@example.jp"],
                                              ["林 花子", "はやし はなこ", "", "松本市"]])
    assert sasaeai.inside("--db", str(path), "import", "people", str(book)).returncode == 0
    return path


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "pw.txt"
    path.write_text(PASSWORD + "\n", encoding="utf-8")  # the line end is not part of it
    return path


def _decrypted(path: Path, password: str) -> bytes:
    with path.open("rb") as fh:
        office = msoffcrypto.OfficeFile(fh)
        office.load_key(password=password, verify_password=True)
        out = io.BytesIO()
        office.decrypt(out)
    return out.getvalue()


def test_a_locked_export_opens_with_the_password_only(
    sasaeai: CliRunner, db: Path, tmp_path: Path, password_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sasaeai_desktop.io import locked_files

    out = tmp_path / "people.xlsx"
    beside: list[list[str]] = []  # the export's folder at the moment the finished plain book is encrypted
    real_lock = locked_files.lock_bytes
    monkeypatch.setattr(locked_files, "lock_bytes", lambda *a: beside.append(sorted(p.name for p in tmp_path.iterdir())) or real_lock(*a))
    done = sasaeai.inside("--db", str(db), "export", "people", "--out", str(out), "--password-file", str(password_file))
    assert done.returncode == 0 and "パスワードで保護しました" in done.stdout
    assert beside == [["pw.txt"]]  # the plain workbook was never written next to the output
    assert not zipfile.is_zipfile(out)  # not a plain workbook …
    with pytest.raises(zipfile.BadZipFile):
        openpyxl.load_workbook(out)  # … which openpyxl cannot open
    with out.open("rb") as fh:
        assert msoffcrypto.OfficeFile(fh).is_encrypted()
    with pytest.raises(msoffcrypto.exceptions.InvalidKeyError):
        _decrypted(out, "違う")
    ws = openpyxl.load_workbook(io.BytesIO(_decrypted(out, PASSWORD))).active
    assert "森 一" in {c.value for row in ws.iter_rows() for c in row}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.xlsx", "pw.txt"]  # nothing plain left beside it


def test_a_locked_export_imports_again_with_the_password_as_unchanged(sasaeai: CliRunner, db: Path, tmp_path: Path, password_file: Path) -> None:
    out = tmp_path / "people.xlsx"
    assert sasaeai.inside("--db", str(db), "export", "people", "--out", str(out), "--password-file", str(password_file)).returncode == 0
    done = sasaeai.inside("--db", str(db), "import", "people", str(out))
    assert done.returncode == 2
    assert "パスワードで保護されたファイルです。--password-file でパスワードを指定してください" in done.stderr
    done = sasaeai.inside("--db", str(db), "import", "people", str(out), "--password-file", str(password_file))
    assert done.returncode == 0
    printed = done.stdout
    assert "ファイル: people.xlsx" in printed  # the user's file name, not the private copy's folder
    assert "新規 0件、更新 0件、変更なし 2件" in printed


def test_a_wrong_or_empty_password_file_exits_2_naming_it(sasaeai: CliRunner, db: Path, tmp_path: Path, password_file: Path) -> None:
    out = tmp_path / "people.xlsx"
    assert sasaeai.inside("--db", str(db), "export", "people", "--out", str(out), "--password-file", str(password_file)).returncode == 0
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("違う\n", encoding="utf-8")
    done = sasaeai.inside("--db", str(db), "import", "people", str(out), "--password-file", str(wrong))
    assert done.returncode == 2 and "パスワードが違います" in done.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    for bad in (empty, tmp_path / "missing.txt", tmp_path):
        done = sasaeai.inside("--db", str(db), "export", "people", "--out", str(tmp_path / "x.xlsx"), "--password-file", str(bad))
        assert done.returncode == 2  # refused by the argument parser
        assert "--password-file" in done.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_a_locked_handout_pdf_and_its_excel_need_the_password(sasaeai: CliRunner, db: Path, tmp_path: Path,
                                                               password_file: Path) -> None:
    from pypdf import PdfReader

    pdf, xlsx = tmp_path / "名簿.pdf", tmp_path / "名簿.xlsx"
    argv = ["--db", str(db), "pdf", "advisor-handout", "--out", str(pdf), "--excel", str(xlsx), "--password-file", str(password_file)]
    assert sasaeai.inside(*argv).returncode == 0
    reader = PdfReader(pdf)
    assert reader.is_encrypted
    assert reader.decrypt("違う") == 0
    assert reader.decrypt(PASSWORD) != 0
    assert "アドバイザー名簿" in reader.pages[0].extract_text()
    encrypt = reader.trailer["/Encrypt"].get_object()
    assert (encrypt["/V"], encrypt["/R"]) == (5, 6)  # AES-256, the standard handler's revision 6
    assert openpyxl.load_workbook(io.BytesIO(_decrypted(xlsx, PASSWORD))).sheetnames


def test_without_the_option_exports_stay_plain(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "municipalities.xlsx"
    assert sasaeai.inside("--db", str(db), "export", "municipalities", "--out", str(out)).returncode == 0
    assert zipfile.is_zipfile(out)


def test_the_people_list_is_written_plain_only_when_asked_as_in_the_window(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "people.xlsx"
    refused = sasaeai.inside("--db", str(db), "export", "people", "--out", str(out))
    assert refused.returncode == 2
    assert "パスワードなしでは出力しません" in refused.stderr and "--no-password" in refused.stderr
    assert not out.exists()
    assert sasaeai.inside("--db", str(db), "export", "people", "--out", str(out), "--no-password").returncode == 0
    assert zipfile.is_zipfile(out)


def test_a_locked_write_that_fails_leaves_nothing_plain_anywhere(tmp_path: Path) -> None:
    import stat

    from sasaeai_desktop.io import output_files

    target = tmp_path / "people.xlsx"
    seen: list[Path] = []
    with output_files.locking([target], PASSWORD):
        with pytest.raises(RuntimeError):
            with output_files.replacing(target) as plain:
                plain.write_bytes(b"PK half a workbook")
                seen.append(plain)
                assert plain.parent != tmp_path and stat.S_IMODE(plain.parent.stat().st_mode) == 0o700
                raise RuntimeError("the writer failed")
    assert list(tmp_path.iterdir()) == [] and not seen[0].parent.exists()
    assert not output_files.is_locked_target(target)  # the lock ends with the block


def test_the_password_is_the_first_line_without_its_line_end(tmp_path: Path) -> None:
    from sasaeai_desktop.io.locked_files import read_password_file

    path = tmp_path / "pw"
    for content, password in (("\ufeff  秘密 pw \r\nnext line\n", "  秘密 pw "), ("abc", "abc")):
        path.write_text(content, encoding="utf-8")
        assert read_password_file(path) == password
    path.write_bytes(b"\x82\xa0\x82\xa2\n")  # Shift_JIS, not UTF-8
    with pytest.raises(ValueError, match="UTF-8"):
        read_password_file(path)


def test_a_damaged_locked_workbook_is_said_to_be_damaged_not_a_wrong_password(
    sasaeai: CliRunner, db: Path, tmp_path: Path, password_file: Path
) -> None:
    out = tmp_path / "people.xlsx"
    assert sasaeai.inside("--db", str(db), "export", "people", "--out", str(out), "--password-file", str(password_file)).returncode == 0
    data = bytearray(out.read_bytes())
    data[-600] ^= 0xFF  # one byte of the encrypted package, past the encryption header
    out.write_bytes(bytes(data))
    done = sasaeai.inside("--db", str(db), "import", "people", str(out), "--password-file", str(password_file))
    assert done.returncode == 2
    err = done.stderr
    assert "壊れている" in err and "パスワードが違います" not in err
