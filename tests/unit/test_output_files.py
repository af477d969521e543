"""io/output_files.py: the one place outputs are checked and written (issue 20, items 1 and 12)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from sasaeai_desktop.io.output_files import DiskFullError
from sasaeai_desktop.io.output_files import OutputPathError
from sasaeai_desktop.io.output_files import check_output
from sasaeai_desktop.io.output_files import disk_full
from sasaeai_desktop.io.output_files import output_target
from sasaeai_desktop.io.output_files import protect_database
from sasaeai_desktop.io.output_files import replacing
from sasaeai_desktop.io.output_files import replacing_files_in
from sasaeai_desktop.io.output_files import write_bytes


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    protect_database(path)
    return path


def test_the_database_and_its_side_files_are_refused_by_name_and_by_identity(db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    os.link(db, other / "hard.xlsx")
    (other / "soft.xlsx").symlink_to(db)
    (other / "to-wal.xlsx").symlink_to(db.with_name("data.db-wal"))  # dangling: the -wal comes later
    for target in (db, db.with_name("data.db-wal"), db.with_name("data.db-shm"), db.with_name("data.db.lock"),
                   db.with_name("data.db.replica"), db.with_name("data.backup-abc-20260101.db"),
                   other / "hard.xlsx", other / "soft.xlsx", other / "to-wal.xlsx", other / ".." / "data.db"):
        with pytest.raises(OutputPathError, match="データベース"):
            check_output(target, overwrite=True)
        with pytest.raises(OutputPathError):
            write_bytes(target, b"exchange file")
    assert db.read_bytes().startswith(b"SQLite format 3")


def test_existing_files_folders_and_suffixes(db: Path, tmp_path: Path) -> None:
    existing = tmp_path / "a.xlsx"
    existing.write_bytes(b"old")
    with pytest.raises(OutputPathError, match="--overwrite"):
        check_output(existing, overwrite=False)
    assert check_output(existing, overwrite=True) == existing
    with pytest.raises(OutputPathError, match="フォルダーです"):
        check_output(tmp_path, overwrite=True)
    with pytest.raises(OutputPathError, match="ありません"):
        check_output(tmp_path / "nope" / "a.xlsx", overwrite=True)
    with pytest.raises(OutputPathError, match=r"\.pdf"):
        check_output(tmp_path / "a.txt", overwrite=True, suffixes=(".pdf",))
    with pytest.raises(OutputPathError, match="使えないパス"):
        check_output(tmp_path / ("あ" * 300 + ".xlsx"), overwrite=True)


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old report")
    with pytest.raises(RuntimeError), replacing(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("renderer failed")
    assert target.read_bytes() == b"old report" and sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]
    with replacing(target) as tmp:
        tmp.write_bytes(b"new report")
    assert target.read_bytes() == b"new report" and sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_no_space_becomes_the_disk_message_with_the_size_when_known(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sasaeai_desktop.io.output_files as of

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(of.os, "fsync", full)
    with pytest.raises(DiskFullError, match=r"ディスクの空き容量が足りません（必要: 約 3 MB）"):
        write_bytes(tmp_path / "x.sync", b"x" * 2_500_000)  # 2.4 MiB, said rounded up
    assert list(tmp_path.iterdir()) == []


def test_a_folder_of_files_arrives_whole_or_not_at_all(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "forms"
    with pytest.raises(RuntimeError), replacing_files_in(out, overwrite=False) as staging:
        (staging / "a.xlsx").write_bytes(b"a")
        raise RuntimeError("cancelled")
    assert not out.exists()  # made for this run: removed again
    out.mkdir()
    (out / "a.xlsx").write_bytes(b"old a")
    with pytest.raises(OutputPathError, match="--overwrite"), replacing_files_in(out, overwrite=False) as staging:
        (staging / "a.xlsx").write_bytes(b"new a")
        (staging / "b.xlsx").write_bytes(b"new b")
    assert sorted(p.name for p in out.iterdir()) == ["a.xlsx"] and (out / "a.xlsx").read_bytes() == b"old a"
    with replacing_files_in(out, overwrite=True) as staging:
        (staging / "a.xlsx").write_bytes(b"new a")
        (staging / "b.xlsx").write_bytes(b"new b")
    assert sorted(p.name for p in out.iterdir()) == ["a.xlsx", "b.xlsx"] and (out / "a.xlsx").read_bytes() == b"new a"


def test_what_counts_as_a_full_disk() -> None:
    for code in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        assert isinstance(disk_full(OSError(code, "x")), DiskFullError)
    assert "上限" in str(disk_full(OSError(errno.EFBIG, "File too large")))
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise ValueError("while writing") from inner
    except ValueError as outer:
        assert disk_full(outer) is not None  # found through the cause

    class SerialisationError(Exception):  # lxml's, by name: io must not import lxml to look
        pass

    assert disk_full(SerialisationError("IO_ENOSPC")) is not None
    assert disk_full(SerialisationError("IO_EINVAL")) is None
    assert disk_full(OSError(errno.EACCES, "denied")) is None and disk_full(RuntimeError("x")) is None
    # a message that already says it (a migration's own, with what it undid) is kept word for word
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise RuntimeError("ディスクの空き容量が足りません（必要: 約 40 MB）。移行を取り消しました。") from inner
    except RuntimeError as said:
        assert str(disk_full(said)) == "ディスクの空き容量が足りません（必要: 約 40 MB）。移行を取り消しました。"


def test_a_services_output_target_says_what_is_wrong_with_it(tmp_path: Path) -> None:
    assert output_target(tmp_path / "a.PDF", ".pdf") == tmp_path / "a.PDF"
    with pytest.raises(OutputPathError, match=r"拡張子は \.pdf にしてください"):
        output_target(tmp_path / "a.xlsx", ".pdf")
    with pytest.raises(OutputPathError, match="出力先フォルダー「.*missing」がありません"):
        output_target(tmp_path / "missing" / "a.pdf", ".pdf")
    (tmp_path / "folder.pdf").mkdir()
    with pytest.raises(OutputPathError, match="はフォルダーです"):
        output_target(tmp_path / "folder.pdf", ".pdf")
    assert not any(p.is_file() for p in tmp_path.iterdir())  # a check only: nothing written
