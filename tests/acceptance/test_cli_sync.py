"""``sasaeai sync ...`` end to end, as a user or a script runs it (a real subprocess each time)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.cli_runner import CliRunner

pytestmark = pytest.mark.slow


def ok(done: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert done.returncode == 0, done.stderr + done.stdout
    return done


def rows(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def content(db: Path) -> dict:
    con = sqlite3.connect(db)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {n: sorted(map(repr, con.execute(f'SELECT * FROM "{n}"'))) for n in names}
    finally:
        con.close()


def test_enrol_join_export_import_status_conflicts_resolve(sasaeai: CliRunner, tmp_path: Path) -> None:
    office, laptop = tmp_path / "office.db", tmp_path / "laptop.db"
    secret = tmp_path / "pass.txt"
    secret.write_text("長い合言葉 2026\n", encoding="utf-8")
    env = {"SASAEAI_PASSPHRASE": "長い合言葉 2026"}
    ok(sasaeai("--db", str(office), "init", "--prefecture", "長野県"))
    ok(sasaeai("--db", str(office), "sync", "name", "事務所PC"))
    enrol = ok(sasaeai("--db", str(office), "sync", "enrol", "--out", str(tmp_path / "enrol.sync"), "--passphrase-file", str(secret)))
    assert "参加用ファイル" in enrol.stdout
    joined = ok(sasaeai("--db", str(laptop), "sync", "join", str(tmp_path / "enrol.sync"), "--name", "田中PC", env=env))
    assert "参加しました" in joined.stdout
    assert rows(laptop, "SELECT count(*) FROM municipality") == [(77,)]

    # the same field edited on both sides
    for db, value in ((office, "事務所の値"), (laptop, "田中の値")):
        con = sqlite3.connect(db)
        con.execute("UPDATE municipality SET notes = ? WHERE code = '202011'", (value,))
        con.commit()
        con.close()
    ok(sasaeai("--db", str(laptop), "sync", "export", "--out", str(tmp_path / "l1.sync"), "--for", "事務所PC", env=env))
    dry = ok(sasaeai("--db", str(office), "sync", "import", str(tmp_path / "l1.sync"), "--dry-run", env=env))
    assert "試行" in dry.stdout and "競合 1 件" in dry.stdout
    done = ok(sasaeai("--db", str(office), "sync", "import", str(tmp_path / "l1.sync"), env=env))
    assert "追加 0 件" in done.stdout and "競合 1 件" in done.stdout
    assert "sasaeai sync conflicts" in done.stdout and "sasaeai sync conflicts" not in dry.stdout  # the CLI gives its own hint

    status = json.loads(ok(sasaeai("--db", str(office), "sync", "status", "--json")).stdout)
    assert status["open_conflicts"] == 1 and any(p["name"] == "田中PC" for p in status["peers"])
    assert "未解決の競合: 1 件" in ok(sasaeai("--db", str(office), "sync", "status")).stdout
    conflicts = json.loads(ok(sasaeai("--db", str(office), "sync", "conflicts", "--json")).stdout)
    assert len(conflicts) == 1 and {v["value"] for v in conflicts[0]["values"]} == {"事務所の値", "田中の値"}
    assert conflicts[0]["id"] in ok(sasaeai("--db", str(office), "sync", "conflicts")).stdout
    ok(sasaeai("--db", str(office), "sync", "resolve", conflicts[0]["id"], "--keep", "theirs"))
    assert json.loads(ok(sasaeai("--db", str(office), "sync", "conflicts", "--json")).stdout) == []

    ok(sasaeai("--db", str(office), "sync", "export", "--out", str(tmp_path / "o1.sync"), env=env))
    ok(sasaeai("--db", str(laptop), "sync", "import", str(tmp_path / "o1.sync"), env=env))
    for db in (office, laptop):
        assert rows(db, "SELECT notes FROM municipality WHERE code = '202011'") == [("田中の値",)]
    again = ok(sasaeai("--db", str(laptop), "sync", "import", str(tmp_path / "o1.sync"), env=env))
    assert "取り込み済み" in again.stdout


@pytest.fixture
def two(sasaeai: CliRunner, tmp_path: Path):
    env = {"SASAEAI_PASSPHRASE": "pass-1-2026"}
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    ok(sasaeai("--db", str(a), "init", "--prefecture", "長野県"))
    ok(sasaeai("--db", str(a), "sync", "enrol", "--out", str(tmp_path / "enrol.sync"), env=env))
    ok(sasaeai("--db", str(b), "sync", "join", str(tmp_path / "enrol.sync"), env=env))
    ok(sasaeai("--db", str(a), "sync", "export", "--out", str(tmp_path / "a1.sync"), env=env))
    return a, b, env, tmp_path


def test_wrong_passphrase_exits_2_and_changes_nothing(sasaeai: CliRunner, two) -> None:
    _a, b, _env, tmp = two
    before = content(b)
    done = sasaeai("--db", str(b), "sync", "import", str(tmp / "a1.sync"), env={"SASAEAI_PASSPHRASE": "wrong"})
    assert done.returncode == 2 and "合言葉" in done.stderr
    assert content(b) == before


def test_damaged_file_exits_2_and_changes_nothing(sasaeai: CliRunner, two) -> None:
    _a, b, env, tmp = two
    blob = bytearray((tmp / "a1.sync").read_bytes())
    blob[len(blob) // 2] ^= 0x40
    (tmp / "bad.sync").write_bytes(bytes(blob))
    before = content(b)
    done = sasaeai("--db", str(b), "sync", "import", str(tmp / "bad.sync"), env=env)
    assert done.returncode == 2 and "壊れて" in done.stderr
    assert content(b) == before


def test_file_of_another_dataset_exits_2(sasaeai: CliRunner, two) -> None:
    a, _b, env, tmp = two
    other = tmp / "other.db"
    ok(sasaeai("--db", str(other), "init", "--prefecture", "長野県"))
    ok(sasaeai("--db", str(other), "sync", "export", "--out", str(tmp / "other.sync"), env=env))
    before = content(a)
    done = sasaeai("--db", str(a), "sync", "import", str(tmp / "other.sync"), env=env)
    assert done.returncode == 2 and "別のデータ" in done.stderr
    assert content(a) == before


def test_missing_passphrase_and_failed_join_leave_nothing(sasaeai: CliRunner, two) -> None:
    _a, _b, _env, tmp = two
    done = sasaeai("--db", str(tmp / "c.db"), "sync", "join", str(tmp / "enrol.sync"))
    assert done.returncode == 2 and "SASAEAI_PASSPHRASE" in done.stderr
    wrong = sasaeai("--db", str(tmp / "c.db"), "sync", "join", str(tmp / "enrol.sync"), env={"SASAEAI_PASSPHRASE": "x"})
    assert wrong.returncode == 2 and "合言葉" in wrong.stderr
    assert not (tmp / "c.db").exists()


def test_join_refuses_a_database_with_data(sasaeai: CliRunner, two) -> None:
    a, _b, env, tmp = two
    done = sasaeai("--db", str(a), "sync", "join", str(tmp / "enrol.sync"), env=env)
    assert done.returncode == 2 and "すでにデータ" in done.stderr


def test_duplicates_and_merge_people_commands(sasaeai: CliRunner, two) -> None:
    a, _b, _env, _tmp = two
    con = sqlite3.connect(a)
    for pid in ("p1", "p2"):
        con.execute(
            "INSERT INTO person (id, name, kana, name_key, kana_key, role, affiliation, title, phone, email, notes, deleted) "
            "VALUES (?, '高橋 花子', 'たかはし はなこ', '高橋花子', 'たかはしはなこ', '', '', '', '', '', '', 0)", (pid,))
    con.commit()
    con.close()
    listed = json.loads(ok(sasaeai("--db", str(a), "sync", "duplicates", "--json")).stdout)
    assert [p["id"] for p in listed[0]["people"]] == ["p1", "p2"]
    ok(sasaeai("--db", str(a), "sync", "merge-people", "p1", "p2"))
    assert rows(a, "SELECT merged_into_id FROM person WHERE id = 'p2'") == [("p1",)]
    assert "いません" in ok(sasaeai("--db", str(a), "sync", "duplicates")).stdout
