"""Backups a user can reach (issue 17): taken each day and before imports, rotated, listed, and
put back exactly — or refused with the database unchanged."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.bootstrap import restore_into
from sasaeai_desktop.db import backups as store
from sasaeai_desktop.db.backups import backup_folder
from sasaeai_desktop.db.backups import backup_infos
from sasaeai_desktop.services import backups
from sasaeai_desktop.services import people
from sasaeai_desktop.services.sync import status as sync_status
from tests.cli_runner import CliRunner
from tests.excel_books import people_book
from tests.integration.killed_copy import killed_half_way
from tests.integration.test_damaged_database import damage
from tests.integration.test_sync import sync_world


@pytest.fixture
def world(tmp_path: Path):
    """The office and two laptops of test_sync."""
    with sync_world(tmp_path) as w:
        yield w


@pytest.fixture
def auto_backups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SASAEAI_AUTO_BACKUP", "1")  # off for the rest of the suite (tests/conftest.py)


class Clock:
    """The clock of backup names and of the daily check, moved by the test (no sleeping)."""

    def __init__(self, start: dt.datetime) -> None:
        self.t = start

    def __call__(self) -> dt.datetime:
        return self.t


def _triggers(db: Path) -> list[tuple[str, str]]:
    return sorted((f"{i.made:%m-%d %H:%M}", i.trigger) for i in backup_infos(db))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_daily_and_pre_import_backups_appear_and_rotate(
    sasaeai: CliRunner, tmp_path: Path, auto_backups: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "t.db"
    clock = Clock(dt.datetime(2025, 9, 1, 8, 30))
    monkeypatch.setattr(store, "now", clock)
    assert sasaeai.inside("--db", str(db), "init", "--prefecture", "長野県").returncode == 0
    assert backup_infos(db) == []  # a database made just now: nothing to keep yet

    clock.t = dt.datetime(2025, 9, 1, 9, 0)
    assert sasaeai.inside("--db", str(db), "region", "list").returncode == 0
    clock.t = dt.datetime(2025, 9, 1, 11, 0)
    assert sasaeai.inside("--db", str(db), "region", "list").returncode == 0  # today's exists: no second one
    book = people_book(tmp_path / "people.xlsx", [["信州 花子", "しんしゅう はなこ", "", "長野市"]])
    clock.t = dt.datetime(2025, 9, 1, 14, 0)
    assert sasaeai.inside("--db", str(db), "import", "people", str(book)).returncode == 0
    assert _triggers(db) == [("09-01 09:00", "daily"), ("09-01 14:00", "import")]

    # 15 months of use: every day for the last two weeks, weekly before, monthly before that
    days = sorted({dt.date(2025, 9, 2) + dt.timedelta(days=n) for n in range(0, 330, 30)}
                  | {dt.date(2026, 7, 27) + dt.timedelta(weeks=n) for n in range(8)}
                  | {dt.date(2026, 11, 24) + dt.timedelta(days=n) for n in range(14)})
    for day in days:
        clock.t = dt.datetime.combine(day, dt.time(8, 45))
        with open_database(db):
            pass
    clock.t = dt.datetime(2026, 12, 7, 10, 0)
    assert sasaeai.inside("--db", str(db), "import", "people", str(book)).returncode == 0  # 変更なし: nothing to write, no backup
    book2 = people_book(tmp_path / "people2.xlsx", [["信州 次郎", "しんしゅう じろう", "", "松本市"]])
    assert sasaeai.inside("--db", str(db), "import", "people", str(book2)).returncode == 0

    kept = sorted((i.made.date(), i.trigger) for i in backup_infos(db))
    d = dt.date
    daily = [d(2026, 12, n) for n in range(1, 8)]  # the 7 most recent days
    weekly = [d(2026, 9, 14), d(2026, 11, 24), d(2026, 11, 30)]  # with 12-07: the first of the 4 most recent ISO weeks
    monthly = [d(2025, 11, 1), d(2025, 12, 1), d(2026, 1, 30), d(2026, 3, 1), d(2026, 4, 30), d(2026, 5, 30),
               d(2026, 6, 29), d(2026, 7, 27), d(2026, 8, 3), d(2026, 9, 7)]  # with 11-24 and 12-01: 12 months
    assert kept == sorted([*((day, "daily") for day in daily + weekly + monthly), (d(2026, 12, 7), "import")])
    assert not list(backup_folder(db).glob("*.partial"))


def _exports(sasaeai: CliRunner, db: Path, out: Path) -> dict[str, list[tuple]]:
    found = {}
    for kind in ("municipalities", "people"):
        target = out / f"{kind}.xlsx"
        assert sasaeai.inside("--db", str(db), "export", kind, "--out", str(target), "--overwrite", "--no-password").returncode == 0
        found[kind] = [tuple(r) for r in openpyxl.load_workbook(target, read_only=True).active.iter_rows(values_only=True)]
    return found


def test_restore_brings_the_data_back_exactly(sasaeai: CliRunner, nagano, tmp_path: Path) -> None:
    for name, kana in (("信州 花子", "しんしゅう はなこ"), ("安曇 太郎", "あずみ たろう")):
        people.save(nagano.uow(), people.PersonData(id=None, name=name, kana=kana, phone="026-000-0000"))
    db = nagano.db_path
    nagano.close()
    before = _exports(sasaeai, db, tmp_path)
    assert sasaeai.inside("--db", str(db), "backup", "create").returncode == 0
    (made,) = backup_infos(db)
    assert made.trigger == "manual"

    ctx = open_database(db)
    people.save(ctx.uow(), people.PersonData(id=None, name="後から 追加", kana="あとから ついか"))
    ctx.close()
    assert _exports(sasaeai, db, tmp_path) != before

    done = sasaeai.inside("--db", str(db), "backup", "restore", str(made.path))
    assert done.returncode == 2 and "--yes" in done.stderr  # not a terminal: asks for --yes
    done = sasaeai.inside("--db", str(db), "backup", "restore", str(made.path), "--yes")
    assert done.returncode == 0
    out = done.stdout
    assert "復元しました" in out and "復元前" in out
    assert _exports(sasaeai, db, tmp_path) == before
    assert not [p.name for p in db.parent.iterdir() if "restore" in p.name]  # no staging copy left behind
    triggers = sorted(i.trigger for i in backup_infos(db))
    assert triggers == ["manual", "restore"]  # the state before the restore is kept too


def _refused(sasaeai: CliRunner, db: Path, source: Path, said: str) -> None:
    before = _digest(db), sorted(p.name for p in db.parent.iterdir()), sorted(i.path.name for i in backup_infos(db))
    done = sasaeai.inside("--db", str(db), "backup", "restore", str(source), "--yes")
    assert done.returncode == 2
    err = done.stderr
    assert said in err and "データベースは変更していません" in err and "Traceback" not in err, err
    after = _digest(db), sorted(p.name for p in db.parent.iterdir()), sorted(i.path.name for i in backup_infos(db))
    assert after == before


def test_a_damaged_foreign_or_newer_file_is_refused_with_the_database_unchanged(
    sasaeai: CliRunner, nagano, tmp_path: Path
) -> None:
    db = nagano.db_path
    nagano.close()
    good = backups.create(db, "manual").path
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(good.read_bytes())
    damage(damaged)
    _refused(sasaeai, db, damaged, "壊れている")

    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.close()
    _refused(sasaeai, db, foreign, "SasaeAI のデータベースではありません")
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("ただのテキスト", encoding="utf-8")
    _refused(sasaeai, db, not_sqlite, "SasaeAI のバックアップではありません")

    newer = tmp_path / "newer.db"
    newer.write_bytes(good.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    _refused(sasaeai, db, newer, "新しいバージョン")


# Killed half-way through a manual backup.
_KILLED_MID_BACKUP = killed_half_way("")

# Killed between the finished, checked .partial and its rename.
_KILLED_BEFORE_RENAME = """
import os, sys, time
real_replace = os.replace
def replace(src, dst, *a, **k):
    if str(src).endswith(".partial"):
        print("renaming", flush=True)
        time.sleep(60)
    return real_replace(src, dst, *a, **k)
os.replace = replace
"""


@pytest.mark.parametrize("script,signal_line", [(_KILLED_MID_BACKUP, "half"), (_KILLED_BEFORE_RENAME, "renaming")],
                         ids=["mid-copy", "before-rename"])
def test_a_kill_during_a_backup_leaves_the_database_and_older_backups_intact(
    sasaeai: CliRunner, nagano, script: str, signal_line: str
) -> None:
    people.save(nagano.uow(), people.PersonData(id=None, name="信州 花子", kana="しんしゅう はなこ"))
    db = nagano.db_path
    nagano.close()
    older = [backups.create(db, "manual").path, backups.create(db, "import").path]
    digests = {p: _digest(p) for p in [db, *older]}
    proc = sasaeai.start("--db", str(db), "backup", "create", before=script)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == signal_line
    finally:
        proc.kill()
        proc.wait()
    assert {p: _digest(p) for p in [db, *older]} == digests
    assert sorted(i.path for i in backup_infos(db)) == sorted(older)  # nothing half-made passes for a backup
    assert list(backup_folder(db).glob("*.partial"))  # the leftover is there …
    with open_database(db, daily_backup=False):  # … until the next open, under the lock
        pass
    assert not list(backup_folder(db).glob("*.partial"))
    for p in older:
        conn = sqlite3.connect(f"{p.as_uri()}?mode=ro", uri=True)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()


def test_a_restored_database_takes_a_new_sync_identity_and_nothing_forks_or_is_lost(world) -> None:
    office, a, _b, pid, send = world
    backup = backups.create(a.db_path, "manual").path
    people.save(a.uow(), replace(people.get(a.uow(), pid), notes="バックアップの後"))
    send(a, office)
    old = sync_status.status(a.uow()).replica_id

    outcome, a = restore_into(a, backup)
    try:
        assert not isinstance(outcome, Exception), outcome
        assert outcome.restored.new_replica_id and outcome.restored.new_replica_id != old
        assert people.get(a.uow(), pid).notes != "バックアップの後"  # the backup's state
        assert sync_status.status(a.uow()).replica_id == outcome.restored.new_replica_id  # taken at once, kept
        people.save(a.uow(), replace(people.get(a.uow(), pid), title="復元の後"))
        result = send(a, office)
        assert result.forks == () and "異なる変更" not in result.summary
        got = people.get(office.uow(), pid)
        assert (got.notes, got.title) == ("バックアップの後", "復元の後")  # nothing skipped as known
        back = send(office, a)
        assert back.forks == ()
        got = people.get(a.uow(), pid)
        assert (got.notes, got.title) == ("バックアップの後", "復元の後")  # the edit sent before comes back
    finally:
        a.close()


def test_an_output_is_never_written_onto_a_backup(sasaeai: CliRunner, nagano) -> None:
    db = nagano.db_path
    nagano.close()
    made = backups.create(db, "manual").path
    before = _digest(made)
    for argv in (["export", "people", "--out", str(made.with_suffix(".xlsx")), "--overwrite", "--no-password"],
                 ["backup", "create", "--out", str(made), "--overwrite"]):
        if argv[0] == "export":  # an .xlsx named like a backup in the backup folder
            made.with_suffix(".xlsx").write_bytes(b"")
        done = sasaeai.inside("--db", str(db), *argv)
        assert done.returncode == 2, argv
        assert "データベース" in done.stderr
    assert _digest(made) == before


def test_a_damaged_database_is_restored_and_its_bytes_kept(sasaeai: CliRunner, nagano) -> None:
    """Restoring is the way out of a damaged file: its own backup cannot pass, so its bytes are kept."""
    people.save(nagano.uow(), people.PersonData(id=None, name="信州 花子", kana="しんしゅう はなこ"))
    db = nagano.db_path
    nagano.close()
    good = backups.create(db, "manual").path
    damage(db)
    damaged_bytes = _digest(db)
    done = sasaeai.inside("--db", str(db), "region", "list")
    assert done.returncode == 2
    err = done.stderr
    assert "壊れています" in err and f"backup restore \"{good}\"" in err  # the way back, spelled out
    done = sasaeai.inside("--db", str(db), "backup", "restore", str(good), "--yes")
    assert done.returncode == 0 and "そのまま残しました" in done.stdout
    (kept,) = backup_folder(db).glob("*.damaged-*.db")
    assert _digest(kept) == damaged_bytes
    with open_database(db) as ctx:
        assert [p.name for p in people.find_matches(ctx.uow(), "信州 花子")] == ["信州 花子"]


def test_a_backup_that_cannot_be_made_stops_the_import_with_the_reason(
    sasaeai: CliRunner, nagano, tmp_path: Path, auto_backups: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sasaeai_desktop.domain.errors import UserError

    db = nagano.db_path
    nagano.close()
    not_a_folder = tmp_path / "drive-gone"
    not_a_folder.write_text("", encoding="utf-8")  # the chosen folder is a file now: nothing can go there
    monkeypatch.setenv("SASAEAI_BACKUP_DIR", str(not_a_folder))
    book = people_book(tmp_path / "people.xlsx", [["信州 花子", "しんしゅう はなこ", "", "長野市"]])
    done = sasaeai.inside("--db", str(db), "import", "people", str(book))
    assert done.returncode == 2
    err = done.stderr
    assert "今日のバックアップを作れませんでした" in err  # the daily one: said, and the command went on
    assert "バックアップの保存先" in err and "Traceback" not in err
    with open_database(db, daily_backup=False) as ctx:
        assert people.find_matches(ctx.uow(), "信州 花子") == []
        with pytest.raises(UserError, match="保存先"):  # a UserError: the window shows it as is
            backups.before(ctx.uow(), "import")


# Killed half-way through writing the checked copy into the database (the third copy a restore
# makes: the chosen file to its staging copy, the 復元前 backup, then the write back).
_KILLED_MID_RESTORE = killed_half_way("", on_copy=3)


def test_a_kill_during_a_restore_leaves_the_database_as_it_was(sasaeai: CliRunner, nagano, tmp_path: Path) -> None:
    db = nagano.db_path
    nagano.close()
    older = backups.create(db, "manual").path
    ctx = open_database(db, daily_backup=False)
    people.save(ctx.uow(), people.PersonData(id=None, name="後から 追加", kana="あとから ついか"))
    ctx.close()
    before = _exports(sasaeai, db, tmp_path)
    staging = db.with_name(db.name + ".restore.partial")
    proc = sasaeai.start("--db", str(db), "backup", "restore", str(older), "--yes", before=_KILLED_MID_RESTORE)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "half"
    finally:
        proc.kill()
        proc.wait()
    assert staging.exists()  # the checked copy the kill left …
    assert _exports(sasaeai, db, tmp_path) == before  # … and the write back was one transaction: rolled back whole
    assert not staging.exists()  # removed by the next open, under the lock
    with open_database(db, daily_backup=False) as ctx:
        assert people.find_matches(ctx.uow(), "後から 追加")


def test_sync_imports_and_survey_collections_are_backed_up_first(
    world, tmp_path: Path, auto_backups: None
) -> None:
    from openpyxl import load_workbook

    from sasaeai_desktop.services.progress import survey_apply
    from sasaeai_desktop.services.progress import survey_collect
    from sasaeai_desktop.services.progress import survey_forms

    office, a, _b, pid, send = world
    people.save(a.uow(), replace(people.get(a.uow(), pid), notes="A"))
    send(a, office)
    assert [r.trigger for r in backups.list_backups(office.db_path)] == ["sync-import"]
    # the next laptop's file a minute later: the backup before the first file of the round serves
    people.save(_b.uow(), replace(people.get(_b.uow(), pid), phone="026-000-0000"))
    send(_b, office)
    assert [r.trigger for r in backups.list_backups(office.db_path)] == ["sync-import"]

    folder = tmp_path / "surveys"
    with office.uow() as uow:
        ids = [r[0] for r in uow.session.connection().exec_driver_sql(
            "SELECT id FROM municipality WHERE deleted = 0 AND kind != '区' ORDER BY code LIMIT 2")]
    survey_forms.make_surveys(office.uow(), 2025, folder, municipality_ids=ids)
    for path in sorted(folder.glob("*.xlsx")):
        book = load_workbook(path)
        for row in book["調査票"].iter_rows():
            if row[0].value == "sc1_count":
                row[3].value = 7
        book.save(path)
    plan = survey_collect.collect(office.uow(), 2025, folder)
    survey_apply.apply_plan(office.uow(), plan, survey_apply.default_decision())
    assert sorted(r.trigger for r in backups.list_backups(office.db_path)) == ["survey-collect", "sync-import"]


def test_restore_asks_on_a_terminal(sasaeai: CliRunner, nagano, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    db = nagano.db_path
    nagano.close()
    made = backups.create(db, "manual").path
    ctx = open_database(db, daily_backup=False)
    people.save(ctx.uow(), people.PersonData(id=None, name="後から 追加", kana="あとから ついか"))
    ctx.close()
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    answers = iter(["", "y"])
    asked: list[str] = []
    monkeypatch.setattr(builtins, "input", lambda prompt="": asked.append(prompt) or next(answers))
    before = _digest(db)
    done = sasaeai.inside("--db", str(db), "backup", "restore", str(made))  # Enter: No
    assert done.returncode == 0 and "中止しました" in done.stdout and _digest(db) == before
    done = sasaeai.inside("--db", str(db), "backup", "restore", str(made))  # y
    assert done.returncode == 0 and "復元しました" in done.stdout and asked == ["続けますか？ [y/N]: "] * 2
    with open_database(db, daily_backup=False) as ctx:
        assert people.find_matches(ctx.uow(), "後から 追加") == []


def test_a_backup_from_an_older_version_is_restored_and_migrated(
    sasaeai: CliRunner, nagano, tmp_path: Path
) -> None:
    from sasaeai_desktop.db.migrate import head_revision
    from tests.integration.test_backups import _old_database

    db = nagano.db_path
    nagano.close()
    old = _old_database(tmp_path / "old.db")
    done = sasaeai.inside("--db", str(db), "backup", "restore", str(old), "--yes")
    assert done.returncode == 0 and f"スキーマ {head_revision()}" in done.stdout
    assert sorted(r.trigger for r in backups.list_backups(db)) == ["migration", "restore"]
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("SELECT value FROM local_meta WHERE key = 'probe'").fetchone() == ("kept",)
    finally:
        conn.close()
    assert not db.with_name(db.name + ".replica").exists()  # the next sync step gives the new id


def test_a_sync_import_half_an_hour_after_the_last_one_is_backed_up_again(
    world, auto_backups: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sasaeai_desktop.db import backups as store

    office, a, _b, pid, send = world
    for k, minutes in enumerate((0, 10, 31)):
        monkeypatch.setattr(store, "now", lambda minutes=minutes: dt.datetime(2026, 12, 4, 15, 0) + dt.timedelta(minutes=minutes))
        people.save(a.uow(), replace(people.get(a.uow(), pid), notes=f"A{k}"))
        send(a, office)
    made = [r for r in backups.list_backups(office.db_path) if r.trigger == "sync-import"]
    assert len(made) == 2
