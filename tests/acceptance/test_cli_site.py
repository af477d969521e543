"""``sasaeai site export`` end to end on the demo's data: the folder written, the dry run that
writes nothing, an earlier export replaced, and bad filters or a folder of other files refused
with exit 2 and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_runner import CliRunner


@pytest.fixture(scope="module")
def db(sasaeai: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "demo.db"
    done = sasaeai("--db", str(path), "demo")
    assert done.returncode == 0, done.stderr
    return path


def test_export_then_again_over_the_earlier_site(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "サイト"
    done = sasaeai("--db", str(db), "site", "export", "--out", str(out), "--title", "信州の支え合い活動", "--fiscal-year", "2026")
    assert done.returncode == 0, done.stderr
    assert "信州の支え合い活動のウェブサイト（活動 16" in done.stdout and f"「{out}」に書き出しました" in done.stdout
    index = (out / "index.html").read_text("utf-8")
    assert "<h1>信州の支え合い活動</h1>" in index and "令和8年度（2026年度）" in index
    pages = len(list((out / "activities").iterdir()))
    assert pages >= 150
    done = sasaeai("--db", str(db), "site", "export", "--out", str(out), "--kind", "配食")
    assert done.returncode == 0, done.stderr
    assert "以前のサイトを置き換えました" in done.stdout
    assert 0 < len(list((out / "activities").iterdir())) < pages
    assert sorted(p.name for p in tmp_path.iterdir()) == ["サイト"]


def test_dry_run_lists_and_writes_nothing(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    done = sasaeai("--db", str(db), "site", "export", "--out", str(out), "--dry-run", "--kind", "配食")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1].startswith("掲載する活動: ") and "条件: 種類: 配食" in done.stdout
    listed = [line for line in lines if line.startswith("・")]
    assert listed and all("・配食" in line for line in listed)
    assert any("連絡先（掲載の同意が「可」でない）" in line for line in listed)
    assert "何も書き出していません" in done.stdout
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("args", "message"), [
    (["--region", "南極"], "圏域「南極」は登録されていません"),
    (["--kind", "宇宙旅行"], "種類「宇宙旅行」は一覧にありません"),
    (["--municipality", "999999"], "市町村コード「999999」の市町村は登録されていません"),
    (["--dry-run", "--kind", "宇宙旅行"], "種類「宇宙旅行」は一覧にありません"),
])
def test_bad_filters_exit_2_and_write_nothing(sasaeai: CliRunner, db: Path, tmp_path: Path, args: list[str],
                                              message: str) -> None:
    done = sasaeai("--db", str(db), "site", "export", "--out", str(tmp_path / "site"), *args)
    assert done.returncode == 2, done
    assert message in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_folder_of_other_files_or_a_file_is_refused(sasaeai: CliRunner, db: Path, tmp_path: Path) -> None:
    mine = tmp_path / "書類"
    mine.mkdir()
    (mine / "計画.xlsx").write_bytes(b"keep")
    for target, message in ((mine, "サイト以外のもの（計画.xlsx）"), (mine / "計画.xlsx", "ファイルです"),
                            (db, "使用中のデータベースです")):
        for extra in ([], ["--dry-run"]):
            done = sasaeai("--db", str(db), "site", "export", "--out", str(target), *extra)
            assert done.returncode == 2, done
            assert message in done.stderr
    assert [p.name for p in mine.iterdir()] == ["計画.xlsx"]
