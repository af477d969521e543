"""``sasaeai doctor``: each thing it looks at, in the state where it works and where it will not.

Exit 0 when all will work (注意 lines allowed), 2 when something will not; nothing is created."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from sasaeai_desktop.db.backups import backup_file
from sasaeai_desktop.db.migrate import head_revision
from sasaeai_desktop.paths import resources_dir
from tests.cli_runner import CliRunner


def doctor(sasaeai: CliRunner, db: Path, *extra: str) -> tuple[int, str]:
    done = sasaeai.inside("doctor", "--db", str(db), *extra)
    return done.returncode, done.stdout


def statuses(sasaeai: CliRunner, db: Path) -> tuple[int, dict[str, dict]]:
    code, out = doctor(sasaeai, db, "--json")
    report = json.loads(out)
    assert report["ok"] is (code == 0)
    return code, {c["key"]: c for c in report["checks"]}


def _files(folder: Path) -> list[str]:
    """What is in the folder, but SQLite's own -wal/-shm (any reader of a WAL database makes them)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))


@pytest.fixture(scope="module")
def initialised(sasaeai: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("template") / "office.db"
    assert sasaeai.inside("init", "--prefecture", "鳥取県", "--db", str(db)).returncode == 0
    return db


@pytest.fixture
def ready(initialised: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database set up for 鳥取県, a copy of its own for each test."""
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    db = tmp_path / "db" / "office.db"
    db.parent.mkdir()
    shutil.copy2(initialised, db)
    return db


def test_all_well_exits_0_and_says_what_it_sees(ready: Path, sasaeai: CliRunner) -> None:
    before = _files(ready.parent)
    code, out = doctor(sasaeai, ready)
    assert code == 0, out
    assert "SasaeAI Desktop 0.1.0" in out and str(ready) in out
    assert f"{head_revision()}（最新）" in out
    assert "ipaexg.ttf: 埋め込み可" in out and "qtbase_ja.qm" in out and "空き" in out
    assert "要対応" not in out and "問題は見つかりませんでした" in out
    assert _files(ready.parent) == before  # no lock, no backup, no migration


def test_backups_are_listed(ready: Path, sasaeai: CliRunner) -> None:
    made = backup_file(ready, "test")
    code, checks = statuses(sasaeai, ready)
    assert code == 0
    assert checks["backups"]["status"] == "ok" and checks["backups"]["text"].startswith("1 件")
    assert made.name in checks["backups"]["details"][0]


def test_a_database_not_yet_made_is_fine_and_not_created(tmp_path: Path, sasaeai: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    db = tmp_path / "new" / "office.db"
    code, out = doctor(sasaeai, db)
    assert code == 0, out
    assert "まだありません。最初の起動で作られます" in out
    assert not db.parent.exists()


def test_a_newer_schema_will_not_work(ready: Path, sasaeai: CliRunner) -> None:
    with sqlite3.connect(ready) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    code, checks = statuses(sasaeai, ready)
    assert code == 2
    assert checks["database"]["status"] == "problem" and "9999_from_the_future" in checks["database"]["details"][0]
    assert checks["schema"]["status"] == "problem"


def test_a_file_that_is_not_a_database_will_not_work(tmp_path: Path, sasaeai: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    db = tmp_path / "office.db"
    db.write_text("名簿です", encoding="utf-8")
    code, out = doctor(sasaeai, db)
    assert code == 2 and "SQLiteデータベースではありません" in out and "要対応" in out


def test_a_missing_pdf_font_will_not_work(ready: Path, tmp_path: Path, sasaeai: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "resources"
    shutil.copytree(resources_dir(), copy, ignore=shutil.ignore_patterns("*.ttf"))
    monkeypatch.setenv("SASAEAI_RESOURCES", str(copy))
    code, checks = statuses(sasaeai, ready)
    assert code == 2
    assert checks["fonts"]["status"] == "problem" and "ipaexg.ttf: ありません" in checks["fonts"]["details"][-1]


def test_missing_master_data_will_not_work(ready: Path, tmp_path: Path, sasaeai: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SASAEAI_RESOURCES", str(tmp_path / "nowhere"))
    code, checks = statuses(sasaeai, ready)
    assert code == 2 and checks["resources"]["status"] == "problem"


def test_too_little_disk_will_not_work(ready: Path, sasaeai: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from sasaeai_desktop.db import disk_space

    monkeypatch.setattr(disk_space, "free_bytes", lambda folder: 1024 * 1024)
    code, checks = statuses(sasaeai, ready)
    assert code == 2 and checks["disk"]["status"] == "problem" and checks["disk"]["text"].startswith("空き 1 MB")


def test_qt_that_cannot_start_will_not_work(ready: Path, sasaeai: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from sasaeai_desktop.gui import qt_preflight

    if not sys.platform.startswith("linux"):
        pytest.skip("xcb is Linux's")
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(qt_preflight, "missing_libraries", lambda plugin: ["libxcb-icccm.so.4"])
    code, out = doctor(sasaeai, ready)
    assert code == 2
    assert "要対応 Qt（画面）: xcb: ウィンドウを開けません" in out and "sudo apt-get install libxcb-icccm4" in out
