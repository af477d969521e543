"""A laptop's folder copied, restored from a backup with its side file, or handed to two laptops
by a cloud folder: the copies must not reuse each other's entry numbers, and when they did (a file
put back in place, an older version), the office keeps both sides' edits and says so."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.services import people
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.sync import conflicts as sync_conflicts
from sasaeai_desktop.services.sync import enrolment as sync_enrolment
from sasaeai_desktop.services.sync import export as sync_export
from sasaeai_desktop.services.sync import importing as sync_import
from sasaeai_desktop.services.sync import replica as sync_replica
from sasaeai_desktop.services.sync import status as sync_status
from tests.cli_runner import CliRunner
from tests.property.sync_world import use_fast_kdf

PASS = "合言葉 2026"


def copy_folder_files(src: Path, dst: Path) -> None:
    """What a user does in Explorer: the database and its side file, byte for byte."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    shutil.copyfile(src.with_name(src.name + ".replica"), dst.with_name(dst.name + ".replica"))


@pytest.fixture
def office_and_a(tmp_path: Path):
    use_fast_kdf()
    office = open_database(tmp_path / "office.db")
    setup.init_prefecture(office.uow(), "長野県")
    sync_replica.set_replica_name(office.uow(), "事務所PC")
    pid = people.save(office.uow(), people.PersonData(id=None, name="山田 太郎", kana="やまだ たろう"))
    sync_enrolment.make_enrolment(office.uow(), tmp_path / "enrol.sync", PASS)
    a = open_database(tmp_path / "A" / "data.db")
    sync_enrolment.join(a.uow(), tmp_path / "enrol.sync", PASS, name="田中PC")
    people.save(a.uow(), replace(people.get(a.uow(), pid), notes="最初のメモ"))
    sync_export.export_changes(a.uow(), tmp_path / "a0.sync", PASS)
    sync_import.import_file(office.uow(), tmp_path / "a0.sync", PASS)
    yield office, a, pid, tmp_path
    office.close()
    a.close()


def _edit(ctx, pid: str, **fields) -> None:
    people.save(ctx.uow(), replace(people.get(ctx.uow(), pid), **fields))


def test_copied_folder_keeps_both_laptops_edits(office_and_a) -> None:
    office, a, pid, tmp = office_and_a
    a.close()
    copy_folder_files(tmp / "A" / "data.db", tmp / "B" / "data.db")
    a = open_database(tmp / "A" / "data.db")
    b = open_database(tmp / "B" / "data.db")
    try:
        _edit(a, pid, phone="026-111-1111")
        new_b = people.save(b.uow(), people.PersonData(id=None, name="佐藤 花子", kana="さとう はなこ"))
        sync_export.export_changes(a.uow(), tmp / "a1.sync", PASS)
        sync_export.export_changes(b.uow(), tmp / "b1.sync", PASS)
        sync_import.import_file(office.uow(), tmp / "a1.sync", PASS)
        result = sync_import.import_file(office.uow(), tmp / "b1.sync", PASS)
        assert result.added == 1, result.summary
        assert people.get(office.uow(), pid).phone == "026-111-1111"
        assert people.get(office.uow(), new_b).name == "佐藤 花子"
        # the copy noticed it is not the file that owned the id, and took its own
        assert sync_status.status(a.uow()).replica_id != sync_status.status(b.uow()).replica_id
    finally:
        b.close()
        a.close()


def _write_back(src: Path, dst: Path) -> None:
    """A backup written back into the same file (``cp`` over it, a restore tool, Explorer's
    「ファイルを置き換える」): same file number, same path, side file back as it was — the copy
    cannot tell at open that it is not the file that issued the later entries."""
    with open(src, "rb") as f, open(dst, "r+b") as g:
        g.truncate(0)
        shutil.copyfileobj(f, g)
    shutil.copyfile(src.with_name(src.name + ".replica"), dst.with_name(dst.name + ".replica"))
    for suffix in ("-wal", "-shm"):
        dst.with_name(dst.name + suffix).unlink(missing_ok=True)


def _forget_file(path: Path) -> None:
    """As if copied by an older program (no record of which file owned the replica id)."""
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("DELETE FROM local_meta WHERE key = 'sync_replica_file'")
    con.commit()
    con.close()


def _rows(ctx) -> dict:
    dump = sync_replica.canonical_dump(ctx.uow())
    return {k: v for k, v in dump.items()}


def test_backup_written_back_with_side_file_keeps_both_edits(office_and_a) -> None:
    office, a, pid, tmp = office_and_a
    a_path = tmp / "A" / "data.db"
    a.close()
    shutil.copyfile(a_path, tmp / "backup.db")
    shutil.copyfile(a_path.with_name("data.db.replica"), tmp / "backup.db.replica")
    a = open_database(a_path)
    _edit(a, pid, phone="026-222-2222")  # sent to the office, then lost on the laptop
    sync_export.export_changes(a.uow(), tmp / "a1.sync", PASS)
    sync_import.import_file(office.uow(), tmp / "a1.sync", PASS)
    a.close()
    _write_back(tmp / "backup.db", a_path)
    a = open_database(a_path)
    try:
        before = sync_status.status(a.uow()).replica_id
        _edit(a, pid, title="相談員")
        sync_export.export_changes(a.uow(), tmp / "a2.sync", PASS)
        assert sync_status.status(a.uow()).replica_id == before  # not seen at open: the safety net's case
        result = sync_import.import_file(office.uow(), tmp / "a2.sync", PASS)
        assert result.forks and "両方の変更を残しました" in result.summary, result.summary
        got = people.get(office.uow(), pid)
        assert (got.phone, got.title) == ("026-222-2222", "相談員")
        assert sync_status.status(office.uow()).forks  # and the 同期 page keeps saying so
        # the office's file back to the laptop: the laptop learns it is a copy, nobody diverges
        sync_export.export_changes(office.uow(), tmp / "o1.sync", PASS)
        sync_import.import_file(a.uow(), tmp / "o1.sync", PASS)
        got = people.get(a.uow(), pid)
        assert (got.phone, got.title) == ("026-222-2222", "相談員")
        assert _rows(a) == _rows(office)
        _edit(a, pid, notes="戻した後のメモ")
        sync_export.export_changes(a.uow(), tmp / "a3.sync", PASS)
        assert sync_import.import_file(office.uow(), tmp / "a3.sync", PASS).updated == 1
        assert people.get(office.uow(), pid).notes == "戻した後のメモ"
    finally:
        a.close()


def test_two_laptops_one_file_both_edit_the_same_field(office_and_a) -> None:
    """A cloud folder gave the same file (copied before this check existed) to two laptops;
    both changed the same phone number: nothing skipped, a conflict the officer resolves."""
    office, a, pid, tmp = office_and_a
    a.close()
    copy_folder_files(tmp / "A" / "data.db", tmp / "B" / "data.db")
    _forget_file(tmp / "A" / "data.db")
    _forget_file(tmp / "B" / "data.db")
    a = open_database(tmp / "A" / "data.db")
    b = open_database(tmp / "B" / "data.db")
    try:
        _edit(a, pid, phone="026-333-3333", notes="Aのメモ")
        _edit(b, pid, phone="026-444-4444", title="Bの肩書")
        sync_export.export_changes(a.uow(), tmp / "a1.sync", PASS)
        sync_export.export_changes(b.uow(), tmp / "b1.sync", PASS)
        assert sync_status.status(a.uow()).replica_id == sync_status.status(b.uow()).replica_id
        sync_import.import_file(office.uow(), tmp / "a1.sync", PASS)
        result = sync_import.import_file(office.uow(), tmp / "b1.sync", PASS)
        assert result.forks and result.conflicts == 1, result.summary
        got = people.get(office.uow(), pid)
        assert (got.notes, got.title) == ("Aのメモ", "Bの肩書")
        values = {v.value for c in sync_conflicts.list_conflicts(office.uow()) for v in c.values}
        assert {"026-333-3333", "026-444-4444"} <= values
        # everyone exchanges: one state everywhere, and each laptop has its own id from now on
        sync_export.export_changes(office.uow(), tmp / "o1.sync", PASS)
        for ctx in (a, b):
            sync_import.import_file(ctx.uow(), tmp / "o1.sync", PASS)
        assert sync_status.status(a.uow()).replica_id != sync_status.status(b.uow()).replica_id
        assert _rows(a) == _rows(office) == _rows(b)
        _edit(a, pid, notes="Aの次のメモ")
        _edit(b, pid, title="Bの次の肩書")
        for ctx, name in ((a, "a2"), (b, "b2")):
            sync_export.export_changes(ctx.uow(), tmp / f"{name}.sync", PASS)
            sync_import.import_file(office.uow(), tmp / f"{name}.sync", PASS)
        got = people.get(office.uow(), pid)
        assert (got.notes, got.title) == ("Aの次のメモ", "Bの次の肩書")
    finally:
        b.close()
        a.close()


def test_command_line_says_plainly_that_a_copy_was_found(sasaeai: CliRunner, office_and_a, monkeypatch) -> None:
    """``sasaeai sync export/import/status`` on a laptop folder shared by a cloud folder."""
    office, a, pid, tmp = office_and_a
    a.close()
    copy_folder_files(tmp / "A" / "data.db", tmp / "B" / "data.db")
    _forget_file(tmp / "A" / "data.db")
    _forget_file(tmp / "B" / "data.db")
    for who, notes in (("A", "Aのメモ"), ("B", "Bのメモ")):
        ctx = open_database(tmp / who / "data.db")
        _edit(ctx, pid, **({"notes": notes} if who == "A" else {"title": notes}))
        ctx.close()
    office.close()
    monkeypatch.setenv("SASAEAI_PASSPHRASE", PASS)
    for who in ("A", "B"):
        done = sasaeai.inside("--db", str(tmp / who / "data.db"), "sync", "export", "--out", str(tmp / f"{who}.sync"))
        assert done.returncode == 0
    imports = [sasaeai.inside("--db", str(tmp / "office.db"), "sync", "import", str(tmp / f"{who}.sync")) for who in "AB"]
    assert [done.returncode for done in imports] == [0, 0]
    out = "".join(done.stdout for done in imports)
    assert "同じ端末ID" in out and "両方の変更を残しました" in out and "スキップ" in out, out
    done = sasaeai.inside("--db", str(tmp / "office.db"), "sync", "status")
    assert done.returncode == 0 and "コピーされた端末" in done.stdout
    again = open_database(tmp / "office.db")
    try:
        got = people.get(again.uow(), pid)
        assert (got.notes, got.title) == ("Aのメモ", "Bのメモ")
    finally:
        again.close()


def test_folder_renamed_on_the_same_drive_is_not_a_copy(office_and_a) -> None:
    _office, a, pid, tmp = office_and_a
    before = sync_status.status(a.uow()).replica_id
    a.close()
    (tmp / "A").rename(tmp / "A-renamed")
    moved = open_database(tmp / "A-renamed" / "data.db")
    try:
        _edit(moved, pid, notes="移動した後")
        assert sync_status.status(moved.uow()).replica_id == before
    finally:
        moved.close()


def test_three_copies_of_one_file_converge_whatever_the_order(office_and_a) -> None:
    """Three laptops from one file (the smallest first hash keeps the id, the others move to ids
    derived from theirs): every replica names them alike, whichever copy it met first."""
    office, a, pid, tmp = office_and_a
    a.close()
    for who in ("B", "C"):
        copy_folder_files(tmp / "A" / "data.db", tmp / who / "data.db")
    for who in ("A", "B", "C"):
        _forget_file(tmp / who / "data.db")
    ctxs = {who: open_database(tmp / who / "data.db") for who in ("A", "B", "C")}
    try:
        for who, field in (("A", "phone"), ("B", "email"), ("C", "affiliation")):
            _edit(ctxs[who], pid, **{field: {"phone": "026-777-7777", "email": "b@example.jp", "affiliation": "Cの所属"}[field]})
            sync_export.export_changes(ctxs[who].uow(), tmp / f"{who}1.sync", PASS)
        # C reads B's file directly first (a USB stick), then the office hears from A, C, B
        sync_import.import_file(ctxs["C"].uow(), tmp / "B1.sync", PASS)
        sync_export.export_changes(ctxs["C"].uow(), tmp / "C2.sync", PASS)
        for name in ("A1", "C2", "B1"):
            sync_import.import_file(office.uow(), tmp / f"{name}.sync", PASS)
        for _round in range(2):
            sync_export.export_changes(office.uow(), tmp / f"o{_round}.sync", PASS)
            for who in ("A", "B", "C"):
                sync_import.import_file(ctxs[who].uow(), tmp / f"o{_round}.sync", PASS)
                sync_export.export_changes(ctxs[who].uow(), tmp / f"{who}r{_round}.sync", PASS)
                sync_import.import_file(office.uow(), tmp / f"{who}r{_round}.sync", PASS)
        got = people.get(office.uow(), pid)
        assert (got.phone, got.email, got.affiliation) == ("026-777-7777", "b@example.jp", "Cの所属")
        sync_export.export_changes(office.uow(), tmp / "final.sync", PASS)
        for who in ("A", "B", "C"):
            sync_import.import_file(ctxs[who].uow(), tmp / "final.sync", PASS)
        assert _rows(ctxs["A"]) == _rows(ctxs["B"]) == _rows(ctxs["C"]) == _rows(office)
        assert len({sync_status.status(c.uow()).replica_id for c in ctxs.values()}) == 3
    finally:
        for c in ctxs.values():
            c.close()


def test_a_file_without_hashes_from_an_older_version_still_imports(office_and_a) -> None:
    import json

    from sasaeai_desktop.io.sync import package as pkg

    office, a, pid, tmp = office_and_a
    _edit(a, pid, email="old@example.jp")
    sync_export.export_changes(a.uow(), tmp / "new.sync", PASS)
    blob = (tmp / "new.sync").read_bytes()
    header, offset = pkg.read_header(blob)
    payload = pkg.open_package(blob, header, offset, PASS)
    assert all("x" in e and "p" in e for e in payload["entries"]) and "tips" in payload and "forks" in payload
    for e in payload["entries"]:
        del e["x"], e["p"]
    del payload["tips"], payload["forks"]  # what 0007 wrote
    fields = {k: v for k, v in header.items() if k not in ("format", "kdf", "key_check", "file_salt", "payload_sha256", "payload_bytes", "compression", "cipher")}
    pkg.write_package(tmp / "old.sync", fields, json.dumps(payload).encode(), PASS, pkg.KdfParams.from_json(header["kdf"]))
    result = sync_import.import_file(office.uow(), tmp / "old.sync", PASS)
    assert result.updated == 1 and not result.forks
    assert people.get(office.uow(), pid).email == "old@example.jp"


def test_a_moved_branch_that_forks_again_keeps_both_sides(office_and_a) -> None:
    """Two laptops from one file, and then the laptop whose branch the office renames is copied
    again: the office holds that branch under its new id, and the second copy's file names it by
    the old one. Its next entry must be found as a fork of the renamed branch — once it was taken
    for the entry the office already held at that number and skipped (the edit was lost, and the
    office's later files carried a broken chain that other laptops refused to read)."""
    office, a, pid, tmp = office_and_a
    a.close()
    copy_folder_files(tmp / "A" / "data.db", tmp / "B" / "data.db")
    for who in ("A", "B"):
        _forget_file(tmp / who / "data.db")
    ctxs = {who: open_database(tmp / who / "data.db") for who in ("A", "B")}
    try:
        _edit(ctxs["A"], pid, phone="026-555-5555")
        _edit(ctxs["B"], pid, email="b@example.jp")
        for who in ("A", "B"):
            sync_export.export_changes(ctxs[who].uow(), tmp / f"{who}1.sync", PASS)  # seals the edit
        # the branch with the larger first hash is the one the office renames (services/sync/fork.py)
        def head(who: str) -> str:
            con = sqlite3.connect(tmp / who / "data.db")
            try:
                return con.execute("SELECT hash FROM sync_entry ORDER BY counter DESC LIMIT 1").fetchone()[0]
            finally:
                con.close()

        moved, kept = ("A", "B") if head("A") > head("B") else ("B", "A")
        ctxs[moved].close()
        copy_folder_files(tmp / moved / "data.db", tmp / "C" / "data.db")
        for who in (moved, "C"):
            _forget_file(tmp / who / "data.db")
        ctxs[moved] = open_database(tmp / moved / "data.db")
        ctxs["C"] = open_database(tmp / "C" / "data.db")
        _edit(ctxs[moved], pid, title="移った側の肩書")
        _edit(ctxs["C"], pid, notes="もう一つのコピーのメモ")
        for who in (kept, moved, "C"):
            sync_export.export_changes(ctxs[who].uow(), tmp / f"{who}2.sync", PASS)
            sync_import.import_file(office.uow(), tmp / f"{who}2.sync", PASS)
        got = people.get(office.uow(), pid)
        assert (got.phone, got.email, got.title, got.notes) == (
            "026-555-5555", "b@example.jp", "移った側の肩書", "もう一つのコピーのメモ")
        # a laptop that meets the second fork first (under the old id), then the first: it must
        # name every branch as the office does, or their files leave gaps for each other
        ctxs["D"] = open_database(tmp / "D" / "data.db")
        sync_enrolment.join(ctxs["D"].uow(), tmp / "enrol.sync", PASS, name="新しいPC")
        for who in (moved, "C", kept):
            sync_import.import_file(ctxs["D"].uow(), tmp / f"{who}2.sync", PASS)
        def branches(path: Path) -> set[tuple[str, str]]:
            con = sqlite3.connect(path)
            try:  # each moved branch's first entry and the id it continues under
                return set(con.execute("SELECT hash, new_origin FROM sync_fork"))
            finally:
                con.close()

        assert len(branches(tmp / "office.db")) == 2
        assert branches(tmp / "D" / "data.db") == branches(tmp / "office.db")
        for _round in range(2):  # everyone exchanges with the office: one state everywhere
            sync_export.export_changes(office.uow(), tmp / f"o{_round}.sync", PASS)
            for who, ctx in ctxs.items():
                sync_import.import_file(ctx.uow(), tmp / f"o{_round}.sync", PASS)
                sync_export.export_changes(ctx.uow(), tmp / f"{who}r{_round}.sync", PASS)
                sync_import.import_file(office.uow(), tmp / f"{who}r{_round}.sync", PASS)
        sync_export.export_changes(office.uow(), tmp / "final.sync", PASS)
        for ctx in ctxs.values():
            sync_import.import_file(ctx.uow(), tmp / "final.sync", PASS)
        assert all(_rows(ctx) == _rows(office) for ctx in ctxs.values())
    finally:
        for c in ctxs.values():
            c.close()


def test_fork_records_apply_whatever_order_they_come_in(tmp_path: Path) -> None:
    """A file's records come sorted by id: the fork of a renamed branch (recorded under the new
    id) can come before the record that renames the branch. The entries must end up where the
    sender has them either way, or the two replicas name one branch differently."""
    from sasaeai_desktop.services.sync.fork import Reconciler
    from sasaeai_desktop.services.sync.fork import fork_id

    use_fast_kdf()
    open_database(tmp_path / "r.db").close()
    db = sqlite3.connect(tmp_path / "r.db")
    try:
        o = "01a24e26-0000-7000-8000-000000000001"
        hashes = ["a1" * 16, "b2" * 16, "c3" * 16]
        for c, (x, p) in enumerate(zip(hashes, [""] + hashes), start=1):
            db.execute("INSERT INTO sync_entry (origin, counter, hlc, vv, first_seq, last_seq, applied_ms, hash, prev) "
                       "VALUES (?, ?, 0, '{}', 0, -1, 0, ?, ?)", (o, c, x, p))
        renamed = fork_id(hashes[1])
        again = fork_id(hashes[2])
        forks = [{"x": hashes[1], "o": o, "c": 2, "n": renamed}, {"x": hashes[2], "o": renamed, "c": 2, "n": again}]
        Reconciler(db, {"entries": [], "forks": sorted(forks, key=lambda r: r["o"], reverse=True)}).run()
        held = {x: (og, c) for og, c, x in db.execute("SELECT origin, counter, hash FROM sync_entry")}
        assert held == {hashes[0]: (o, 1), hashes[1]: (renamed, 1), hashes[2]: (again, 1)}
    finally:
        db.close()


def test_a_fork_record_naming_the_old_id_moves_the_branch_held_under_the_new_one(tmp_path: Path) -> None:
    """A replica that never met the first fork records the second under the old id (replica o,
    counter 3); here that branch is held under its new id (F, 2). The record must still move it."""
    from sasaeai_desktop.services.sync.fork import Reconciler
    from sasaeai_desktop.services.sync.fork import fork_id

    use_fast_kdf()
    open_database(tmp_path / "r.db").close()
    db = sqlite3.connect(tmp_path / "r.db")
    try:
        o = "01a24e26-0000-7000-8000-000000000001"
        h = ["a1" * 16, "b2" * 16, "c3" * 16]
        renamed, again = fork_id(h[1]), fork_id(h[2])
        for origin, c, x, p in ((o, 1, h[0], ""), (renamed, 1, h[1], h[0]), (renamed, 2, h[2], h[1])):
            db.execute("INSERT INTO sync_entry (origin, counter, hlc, vv, first_seq, last_seq, applied_ms, hash, prev) "
                       "VALUES (?, ?, 0, '{}', 0, -1, 0, ?, ?)", (origin, c, x, p))
        db.execute("INSERT INTO sync_fork (hash, origin, counter, new_origin, found_at) VALUES (?, ?, 2, ?, '2026-12-01 10:00:00')",
                   (h[1], o, renamed))
        Reconciler(db, {"entries": [], "forks": [{"x": h[2], "o": o, "c": 3, "n": again}]}).run()
        held = {x: (og, c) for og, c, x in db.execute("SELECT origin, counter, hash FROM sync_entry")}
        assert held == {h[0]: (o, 1), h[1]: (renamed, 1), h[2]: (again, 1)}
    finally:
        db.close()


def test_a_file_that_leaves_out_the_senders_newest_entry_of_a_replica_is_refused(tmp_path: Path) -> None:
    """A file for one peer leaves out what the peer acknowledged, by number. When the peer holds
    that number from the other branch of a copied laptop, the file's entries would count as having
    seen the peer's branch: refused, with the way out (a file for everyone), the database as it was."""
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.services.sync.incoming import check_tips

    use_fast_kdf()
    open_database(tmp_path / "r.db").close()
    db = sqlite3.connect(tmp_path / "r.db")
    try:
        o = "01a24e26-0000-7000-8000-000000000001"
        held, other = "a1" * 16, "b2" * 16
        db.execute("INSERT INTO sync_entry (origin, counter, hlc, vv, first_seq, last_seq, applied_ms, hash, prev) "
                   "VALUES (?, 1, 0, '{}', 0, -1, 0, ?, '')", (o, held))
        names = {o: "田中PC"}
        check_tips(db, {"tips": {o: held}, "entries": []}, names, "")  # held here
        check_tips(db, {"tips": {o: other}, "entries": [{"o": o, "c": 1, "x": other}]}, names, "")  # in the file
        with pytest.raises(UserError, match="田中PC.*全員用のファイル"):
            check_tips(db, {"tips": {o: other}, "entries": []}, names, "相手に「全員用のファイル」を作ってもらってください。")
    finally:
        db.close()
