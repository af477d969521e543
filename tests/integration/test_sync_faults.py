"""Fault injection: every bad file or failure during an import leaves the database content as it was."""

from __future__ import annotations

import contextlib
import json
import random
import shutil
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.cancellation import Cancelled
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services import people
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.sync import enrolment as sync_enrolment
from sasaeai_desktop.services.sync import export as sync_export
from sasaeai_desktop.services.sync import importing as sync_import
from sasaeai_desktop.services.sync import merge as sync_merge
from sasaeai_desktop.services.sync import replica as sync_replica
from sasaeai_desktop.services.sync import status as sync_status
from tests.property.sync_world import use_fast_kdf

PASS = "正しい合言葉です2026"


def content(path: Path) -> dict:
    """Every row of every table (sync bookkeeping included), in a stable order."""
    db = sqlite3.connect(path)
    try:
        out = {}
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall():
            out[name] = sorted(map(repr, db.execute(f'SELECT * FROM "{name}"').fetchall()))
        return out
    finally:
        db.close()


@contextlib.contextmanager
def sync_pair(tmp_path: Path):
    """An office and a laptop joined from it; the laptop has edits to send back."""
    use_fast_kdf()
    office = open_database(tmp_path / "office.db")
    setup.init_prefecture(office.uow(), "長野県")
    pid = people.save(office.uow(), people.PersonData(id=None, name="山田 太郎", kana="やまだ たろう"))
    sync_enrolment.make_enrolment(office.uow(), tmp_path / "enrol.sync", PASS)
    laptop = open_database(tmp_path / "laptop.db")
    sync_enrolment.join(laptop.uow(), tmp_path / "enrol.sync", PASS, name="田中PC")
    for i in range(3):
        current = people.get(laptop.uow(), pid)
        people.save(laptop.uow(), replace(current, notes=f"訪問メモ {i}", phone=f"026-000-000{i}"))
        people.save(laptop.uow(), people.PersonData(id=None, name=f"新規 {i}", kana=f"しんき {i}"))
    current = people.get(office.uow(), pid)
    people.save(office.uow(), replace(current, phone="026-111-1111"))  # a conflict waiting to happen
    good = tmp_path / "laptop-1.sync"
    sync_export.export_changes(laptop.uow(), good, PASS)
    try:
        yield office, laptop, good, tmp_path
    finally:
        office.close()
        laptop.close()


@pytest.fixture
def pair(tmp_path: Path):
    with sync_pair(tmp_path) as made:
        yield made


def _refused(ctx, path: Path, passphrase: str = PASS) -> str:
    before = content(ctx.db_path)
    with pytest.raises(UserError) as info:
        sync_import.import_file(ctx.uow(), path, passphrase)
    assert content(ctx.db_path) == before
    return str(info.value)


def test_the_good_file_imports(pair) -> None:
    office, _laptop, good, _ = pair
    result = sync_import.import_file(office.uow(), good, PASS)
    assert result.added == 3 and result.conflicts == 1


@pytest.mark.parametrize("cut", [0, 5, 13, 20, 100, -500, -17, -1])
def test_truncated_file(pair, cut: int) -> None:
    office, _laptop, good, tmp = pair
    blob = good.read_bytes()
    bad = tmp / "cut.sync"
    bad.write_bytes(blob[:cut] if cut > 0 else blob[: len(blob) + cut] if cut else b"")
    message = _refused(office, bad)
    assert "変更していません" in message


def test_flipped_bits_anywhere(pair) -> None:
    office, _laptop, good, tmp = pair
    blob = bytearray(good.read_bytes())
    rng = random.Random(8)
    positions = sorted({0, 14, 20, len(blob) // 3, len(blob) - 1, *(rng.randrange(len(blob)) for _ in range(12))})
    for pos in positions:
        damaged = bytearray(blob)
        damaged[pos] ^= 1 << rng.randrange(8)
        bad = tmp / f"flip-{pos}.sync"
        bad.write_bytes(bytes(damaged))
        message = _refused(office, bad)
        assert any(w in message for w in ("壊れて", "切れて", "形式", "同期ファイルではありません", "合言葉")), message


def test_wrong_passphrase(pair) -> None:
    office, _laptop, good, _ = pair
    message = _refused(office, good, "違う合言葉")
    assert message == (f"「{good.name}」を読み込めません。合言葉（パスフレーズ）が違います。"
                       "このファイルを作った端末と同じ合言葉を指定してください。データベースは変更していません。")


def test_wrong_passphrase_on_export_is_refused(pair) -> None:
    office, _laptop, _good, tmp = pair
    before = content(office.db_path)
    with pytest.raises(UserError, match="合言葉"):
        sync_export.export_changes(office.uow(), tmp / "x.sync", "違う合言葉")
    assert not (tmp / "x.sync").exists()
    after = content(office.db_path)
    # The pending edit was sealed (that is not a content change the user can see) but nothing else.
    assert {k: v for k, v in after.items() if not k.startswith("sync_") and k != "local_meta"} == \
        {k: v for k, v in before.items() if not k.startswith("sync_") and k != "local_meta"}


def test_file_of_another_dataset(pair, tmp_path: Path) -> None:
    office, _laptop, _good, tmp = pair
    other = open_database(tmp / "other.db")
    try:
        setup.init_prefecture(other.uow(), "長野県")
        sync_export.export_changes(other.uow(), tmp / "other.sync", PASS)
    finally:
        other.close()
    message = _refused(office, tmp / "other.sync")
    assert "別のデータ" in message


def test_newer_schema(pair) -> None:
    office, _laptop, good, tmp = pair
    blob = good.read_bytes()
    header, offset = pkg.read_header(blob)
    payload = pkg.open_package(blob, header, offset, PASS)
    future = {k: v for k, v in header.items() if k not in ("format", "kdf", "key_check", "file_salt", "payload_sha256", "payload_bytes", "compression", "cipher")}
    future["schema"] = "9999_from_the_future"
    kdf = pkg.KdfParams.from_json(header["kdf"])
    pkg.write_package(tmp / "future.sync", future, json.dumps(payload).encode(), PASS, kdf)
    message = _refused(office, tmp / "future.sync")
    assert "新しいバージョン" in message and "9999_from_the_future" in message


def test_gap_names_what_is_missing(pair) -> None:
    office, laptop, good, tmp = pair
    sync_import.import_file(office.uow(), good, PASS)
    sync_export.export_changes(office.uow(), tmp / "office-1.sync", PASS)
    sync_import.import_file(laptop.uow(), tmp / "office-1.sync", PASS)  # now the laptop knows what the office has
    people.save(laptop.uow(), people.PersonData(id=None, name="二番目", kana="にばんめ"))
    sync_export.export_changes(laptop.uow(), tmp / "laptop-2.sync", PASS)
    people.save(laptop.uow(), people.PersonData(id=None, name="三番目", kana="さんばんめ"))
    office_id = sync_status.status(office.uow()).replica_id
    sync_export.export_changes(laptop.uow(), tmp / "laptop-3.sync", PASS, for_peer=office_id)
    # laptop-3 only holds what the office has not acknowledged: fine for the office...
    fresh = open_database(tmp / "fresh.db")
    try:
        sync_enrolment.join(fresh.uow(), tmp / "enrol.sync", PASS)
        message = _refused(fresh, tmp / "laptop-3.sync")  # ...but a laptop that missed earlier files has a gap
    finally:
        fresh.close()
    assert "届いていません" in message and "田中PC" in message and "番" in message
    assert sync_import.import_file(office.uow(), tmp / "laptop-3.sync", PASS).added == 2


@pytest.mark.parametrize("seed", range(8))
def test_exception_at_a_random_point_of_apply(pair, monkeypatch, seed: int) -> None:
    office, _laptop, good, _ = pair
    rng = random.Random(seed)
    target = rng.choice(["apply_change", "_record", "_insert", "explicit_heads"])
    original = getattr(sync_merge.Merger, target)
    calls = {"n": 0}
    fail_at = rng.randint(1, 4)

    def boom(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] >= fail_at:
            raise RuntimeError(f"injected failure in {target} #{calls['n']}")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(sync_merge.Merger, target, boom)
    before = content(office.db_path)
    with pytest.raises(RuntimeError, match="injected"):
        sync_import.import_file(office.uow(), good, PASS)
    assert content(office.db_path) == before
    monkeypatch.setattr(sync_merge.Merger, target, original)
    assert sync_import.import_file(office.uow(), good, PASS).added == 3  # and the file still imports afterwards


def test_failure_after_apply_and_abort_roll_back(pair, monkeypatch) -> None:
    office, _laptop, good, _ = pair
    before = content(office.db_path)
    monkeypatch.setattr(sync_import, "redirect_merged", lambda db: (_ for _ in ()).throw(RuntimeError("late failure")))
    with pytest.raises(RuntimeError):
        sync_import.import_file(office.uow(), good, PASS)
    assert content(office.db_path) == before
    monkeypatch.undo()
    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled, match="中断"):
        sync_import.import_file(office.uow(), good, PASS, abort=stop)
    assert content(office.db_path) == before


def test_dry_run_reports_and_changes_nothing(pair) -> None:
    office, _laptop, good, _ = pair
    before = content(office.db_path)
    result = sync_import.import_file(office.uow(), good, PASS, dry_run=True)
    assert result.dry_run and result.added == 3 and result.conflicts == 1
    assert "試行" in result.summary
    assert content(office.db_path) == before


# --- a laptop's database in two places: copied, written back from a backup, shared by a cloud
# folder. Every edit of both copies reaches the office; nothing is skipped as "known".


def _reopen_after(laptop, action):  # type: ignore[no-untyped-def]
    path = laptop.db_path
    laptop.close()
    action(path)
    return open_database(path)


def _note(ctx, pid: str, **fields) -> None:
    people.save(ctx.uow(), replace(people.get(ctx.uow(), pid), **fields))


@pytest.fixture
def restored(pair):
    """The laptop sent an edit to the office, then its backup (with side file) was written
    back into the same file and it edited again: two different entries under one number."""
    from tests.property.sync_world import write_back

    office, laptop, good, tmp = pair
    sync_import.import_file(office.uow(), good, PASS)
    pid = _office_person(office)
    laptop.close()
    shutil.copyfile(laptop.db_path, tmp / "backup.db")
    shutil.copyfile(tmp / "laptop.db.replica", tmp / "backup.db.replica")
    laptop = open_database(tmp / "laptop.db")
    _note(laptop, pid, title="戻す前の肩書")
    sync_export.export_changes(laptop.uow(), tmp / "before-restore.sync", PASS)
    sync_import.import_file(office.uow(), tmp / "before-restore.sync", PASS)
    laptop = _reopen_after(laptop, lambda p: write_back(tmp / "backup.db", p))
    _note(laptop, pid, email="after@example.jp")
    sync_replica.seal_pending(laptop.uow())  # two entries after the restore
    _note(laptop, pid, affiliation="戻した後の所属")
    sync_export.export_changes(laptop.uow(), tmp / "after-restore.sync", PASS)
    yield office, laptop, pid, tmp
    laptop.close()


def _office_person(office) -> str:
    with office.uow() as uow:
        return uow.session.connection().exec_driver_sql("SELECT id FROM person WHERE name = '山田 太郎'").scalar_one()


def test_backup_written_back_with_its_side_file_keeps_both_edits(restored) -> None:
    office, _laptop, pid, tmp = restored
    result = sync_import.import_file(office.uow(), tmp / "after-restore.sync", PASS)
    assert result.forks and "コピー" in result.forks[0] and result.updated == 2, result.summary
    got = people.get(office.uow(), pid)
    assert (got.title, got.email, got.affiliation) == ("戻す前の肩書", "after@example.jp", "戻した後の所属")


def test_fork_without_its_first_entry_is_refused_unchanged(restored) -> None:
    office, _laptop, _pid_, tmp = restored
    blob = (tmp / "after-restore.sync").read_bytes()
    header, offset = pkg.read_header(blob)
    payload = pkg.open_package(blob, header, offset, PASS)
    payload["entries"] = payload["entries"][-1:]  # a file made for a peer that had the rest
    fields = {k: v for k, v in header.items() if k not in ("format", "kdf", "key_check", "file_salt", "payload_sha256", "payload_bytes", "compression", "cipher")}
    pkg.write_package(tmp / "tail.sync", fields, json.dumps(payload).encode(), PASS, pkg.KdfParams.from_json(header["kdf"]))
    message = _refused(office, tmp / "tail.sync")
    assert "内容の異なる変更" in message and "全員用のファイル" in message


@pytest.mark.parametrize("where", ["_record", "describe"])
def test_failure_while_keeping_a_fork_rolls_back(restored, monkeypatch, where: str) -> None:
    from sasaeai_desktop.services.sync import fork as sync_fork

    office, _laptop, pid, tmp = restored
    original = getattr(sync_fork, where)

    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        original(*args, **kwargs)
        raise RuntimeError(f"injected failure after {where}")

    monkeypatch.setattr(sync_fork, where, boom)
    before = content(office.db_path)
    with pytest.raises(RuntimeError, match="injected"):  # after the record, and after a branch moved
        sync_import.import_file(office.uow(), tmp / "after-restore.sync", PASS)
    assert content(office.db_path) == before
    monkeypatch.undo()
    assert sync_import.import_file(office.uow(), tmp / "after-restore.sync", PASS).forks
    assert people.get(office.uow(), pid).email == "after@example.jp"


def test_dry_run_of_a_fork_says_so_and_changes_nothing(restored) -> None:
    office, _laptop, _pid_, tmp = restored
    before = content(office.db_path)
    result = sync_import.import_file(office.uow(), tmp / "after-restore.sync", PASS, dry_run=True)
    assert result.forks and result.dry_run
    assert "両方の変更を残します" in result.summary and "残しました" not in result.summary  # not done yet
    assert content(office.db_path) == before


def test_copied_folder_and_two_laptops_one_file_lose_nothing(pair) -> None:
    from tests.property.sync_world import copy_folder
    from tests.property.sync_world import forget_file

    office, laptop, good, tmp = pair
    sync_import.import_file(office.uow(), good, PASS)
    pid = _office_person(office)
    copies = []
    for name, older_program in (("copy", False), ("cloud", True)):
        laptop.close()
        copy_folder(tmp / "laptop.db", tmp / f"{name}.db")
        if older_program:  # copied before the file check existed: the same id on both
            forget_file(tmp / "laptop.db")
            forget_file(tmp / f"{name}.db")
        laptop = open_database(tmp / "laptop.db")
        copies.append(open_database(tmp / f"{name}.db"))
    try:
        fields = {"laptop": "phone", "copy": "email", "cloud": "affiliation"}
        values = {"laptop": "026-555-5555", "copy": "copy@example.jp", "cloud": "クラウドの所属"}
        for ctx, who in ((laptop, "laptop"), (copies[0], "copy"), (copies[1], "cloud")):
            _note(ctx, pid, **{fields[who]: values[who]})
            sync_export.export_changes(ctx.uow(), tmp / f"{who}-x.sync", PASS)
        results = [sync_import.import_file(office.uow(), tmp / f"{who}-x.sync", PASS) for who in ("laptop", "copy", "cloud")]
        assert any(r.forks for r in results)  # the cloud copy shared the id: said, not skipped
        got = people.get(office.uow(), pid)
        assert (got.phone, got.email, got.affiliation) == tuple(values[w] for w in ("laptop", "copy", "cloud"))
    finally:
        laptop.close()
        for c in copies:
            c.close()
    pair_laptop = open_database(tmp / "laptop.db")  # the fixture closes what it handed out
    pair_laptop.close()
