"""The sync page and its dialogs, offscreen, on a real exchange between two databases.

The office is the test's database (``shell``); a laptop joins it from an enrolment file made by
the services. The page's flows run with the file and passphrase dialogs replaced (they are module
functions for this), the rest — tasks, message boxes, the database — is the real thing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QMessageBox

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.dialogs import conflicts_dialog
from sasaeai_desktop.gui.dialogs import history_dialog
from sasaeai_desktop.gui.dialogs import passphrase_dialog
from sasaeai_desktop.gui.dialogs.conflicts_dialog import ConflictsDialog
from sasaeai_desktop.gui.dialogs.duplicate_people_dialog import DuplicatePeopleDialog
from sasaeai_desktop.gui.dialogs.history_dialog import HistoryDialog
from sasaeai_desktop.gui.dialogs.passphrase_dialog import PassphraseDialog
from sasaeai_desktop.gui.dialogs.person_dialog import PersonDialog
from sasaeai_desktop.gui.pages import sync_flows
from sasaeai_desktop.gui.pages.sync_page import SyncPage
from sasaeai_desktop.gui.pages.sync_tables import RETIRED_GREY
from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services import people
from sasaeai_desktop.services.sync import conflicts as sync_conflicts
from sasaeai_desktop.services.sync import enrolment as sync_enrolment
from sasaeai_desktop.services.sync import export as sync_export
from sasaeai_desktop.services.sync import importing as sync_import
from sasaeai_desktop.services.sync import replica as sync_replica
from sasaeai_desktop.services.sync import status as sync_status
from tests.property.sync_world import FAST_SCRYPT_N

from .helpers import sql
from .helpers import wait_loaded

PASS = "職場の合言葉2026"


@dataclass
class Pair:
    office: Any  # the ShellContext of the page under test
    laptop: AppContext
    laptop_path: Path
    person: str
    folder: Path

    def laptop_sends(self, name: str) -> Path:
        path = self.folder / name
        sync_export.export_changes(self.laptop.uow(), path, PASS, for_peer="事務所PC")
        return path


@contextlib.contextmanager
def sync_pair(shell: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Pair]:
    """The page's office (``shell``) and a laptop joined from it."""
    monkeypatch.setattr(pkg, "SCRYPT_N", FAST_SCRYPT_N)
    uow = shell.uow
    sync_replica.set_replica_name(uow(), "事務所PC")
    pid = people.save(uow(), people.PersonData(id=None, name="山田 太郎", kana="やまだ たろう", phone="026-000-0000"))
    sync_enrolment.make_enrolment(uow(), tmp_path / "enrol.sync", PASS)
    laptop_path = tmp_path / "laptop.db"
    laptop = open_database(laptop_path)
    sync_enrolment.join(laptop.uow(), tmp_path / "enrol.sync", PASS, name="田中PC")
    try:
        yield Pair(shell, laptop, laptop_path, pid, tmp_path)
    finally:
        laptop.close()


@pytest.fixture
def pair(shell: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Pair]:
    with sync_pair(shell, tmp_path, monkeypatch) as made:
        yield made


def _page(qtbot: Any, shell: Any) -> SyncPage:
    page = SyncPage(shell)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    wait_loaded(qtbot, page)
    return page


def _cells(table: Any) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def _run_flow(qtbot: Any, page: SyncPage, start: Any) -> None:
    with qtbot.waitSignal(page.flow_finished, timeout=20000):
        start()


def _stand_in_dialogs(monkeypatch: pytest.MonkeyPatch, *, save: Path | None = None, open_: Path | None = None,
                      passphrase: str = PASS) -> list[bool]:
    asked_new: list[bool] = []

    def ask(_parent: Any, *, new: bool = False, purpose: str = "") -> str:
        asked_new.append(new)
        return passphrase

    monkeypatch.setattr(sync_flows, "ask_passphrase", ask)
    monkeypatch.setattr(sync_flows, "choose_save_path", lambda *_a: str(save) if save else None)
    monkeypatch.setattr(sync_flows, "choose_open_paths", lambda *_a: [str(open_)] if open_ else [])
    return asked_new


def test_page_shows_peers_and_files_after_an_exchange(qtbot: Any, pair: Pair, db_path: Path) -> None:
    people.save(pair.laptop.uow(), replace(people.get(pair.laptop.uow(), pair.person), phone="026-111-1111"))
    sync_import.import_file(pair.office.uow(), pair.laptop_sends("a1.sync"), PASS)
    page = _page(qtbot, pair.office)

    [meta] = sql(db_path, "SELECT value FROM local_meta WHERE key = 'replica_id'")
    assert page.replica_label.text() == meta[0]
    assert page.name_edit.text() == "事務所PC"
    [peer] = _cells(page.peers.table)
    laptop_id = sql(pair.laptop_path, "SELECT value FROM local_meta WHERE key = 'replica_id'")[0][0]
    assert peer[0] == "田中PC" and peer[1] == laptop_id[-8:]
    assert "受け取り済み" in peer[2] and peer[4] != "—"  # it told us what it holds in the file we read
    files = _cells(page.files_table)
    stored = sql(db_path, "SELECT direction, name FROM sync_file ORDER BY at DESC")
    assert sorted((f[1], f[3]) for f in files) == sorted(("読み込み" if d == "in" else "書き出し", n) for d, n in stored)
    assert {f[3] for f in files} == {"enrol.sync", "a1.sync"}
    assert page.export_button.text() == "全員用のファイルを作成…"
    page.peer_combo.setCurrentIndex(page.peer_combo.findData(laptop_id))
    assert page.export_button.text() == "田中PCさん用のファイルを作成…"
    assert page.conflicts_label.text() == "未解決の競合: 0 件" and not page.conflicts_button.isEnabled()


def test_make_a_file_and_read_one_through_the_page(qtbot: Any, pair: Pair, db_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch, message_boxes: Any) -> None:
    # office edits; the page writes a file for 田中PC; the laptop reads it with the services
    sync_import.import_file(pair.office.uow(), pair.laptop_sends("hello.sync"), PASS)  # the office now knows 田中PC
    people.save(pair.office.uow(), replace(people.get(pair.office.uow(), pair.person), email="yamada@example.jp"))
    page = _page(qtbot, pair.office)
    out = pair.folder / "for-tanaka.sync"
    asked_new = _stand_in_dialogs(monkeypatch, save=out)
    laptop_id = sql(pair.laptop_path, "SELECT value FROM local_meta WHERE key = 'replica_id'")[0][0]
    assert page.peer_combo.findData(laptop_id) > 0
    page.peer_combo.setCurrentIndex(page.peer_combo.findData(laptop_id))
    _run_flow(qtbot, page, page.export_button.click)
    assert asked_new == [False]  # the passphrase was set by the enrolment: asked once, not twice
    assert out.exists() and page.last_export is not None and page.last_export.for_peer == laptop_id
    assert any("同期ファイル" in t for t in message_boxes.texts())
    got = sync_import.import_file(pair.laptop.uow(), out, PASS)
    assert got.updated >= 1 and people.get(pair.laptop.uow(), pair.person).email == "yamada@example.jp"

    # the laptop edits and sends back; the page previews, the officer says yes, it imports
    people.save(pair.laptop.uow(), replace(people.get(pair.laptop.uow(), pair.person), phone="026-111-1111"))
    people.save(pair.laptop.uow(), people.PersonData(id=None, name="佐藤 花子", kana="さとう はなこ"))
    back = pair.laptop_sends("from-tanaka.sync")
    _stand_in_dialogs(monkeypatch, open_=back)
    message_boxes.answer = QMessageBox.StandardButton.Yes
    seen: list[frozenset[str]] = []
    changes.hub().changed.connect(seen.append)
    try:
        _run_flow(qtbot, page, page.import_button.click)
    finally:
        changes.hub().changed.disconnect(seen.append)
    preview, done = [t for k, _title, t in message_boxes.shown if k in ("question", "information")][-2:]
    assert "取り込みますか" in preview and "追加 1 件、更新 1 件、競合 0 件、重複の可能性 0 件" in preview
    assert "取り込みました" in done and "追加 1 件、更新 1 件" in done
    assert "追加 1 件、更新 1 件、競合 0 件、重複の可能性 0 件" in page.result_label.text()
    assert sql(db_path, "SELECT phone FROM person WHERE id = ?", pair.person) == [("026-111-1111",)]
    assert sql(db_path, "SELECT count(*) FROM person WHERE name = '佐藤 花子'") == [(1,)]
    assert any("people" in kinds for kinds in seen)  # what arrived: the person pages reload
    assert "from-tanaka.sync" in {row[3] for row in _cells(page.files_table)}


def test_answering_no_to_the_preview_changes_nothing(qtbot: Any, pair: Pair, db_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, message_boxes: Any) -> None:
    people.save(pair.laptop.uow(), replace(people.get(pair.laptop.uow(), pair.person), phone="026-111-1111"))
    path = pair.laptop_sends("a.sync")
    page = _page(qtbot, pair.office)
    _stand_in_dialogs(monkeypatch, open_=path)
    message_boxes.answer = QMessageBox.StandardButton.No
    _run_flow(qtbot, page, page.import_button.click)
    assert "取り込みますか" in message_boxes.texts()[-1]
    assert sql(db_path, "SELECT phone FROM person WHERE id = ?", pair.person) == [("026-000-0000",)]
    assert page.last_import is None


@pytest.mark.parametrize("problem", ["passphrase", "damaged"])
def test_a_refused_file_shows_the_reason_and_changes_nothing(qtbot: Any, pair: Pair, db_path: Path, problem: str,
                                                             monkeypatch: pytest.MonkeyPatch, message_boxes: Any) -> None:
    people.save(pair.laptop.uow(), replace(people.get(pair.laptop.uow(), pair.person), phone="026-111-1111"))
    path = pair.laptop_sends("a.sync")
    if problem == "damaged":
        blob = bytearray(path.read_bytes())
        blob[-40] ^= 0x01
        path.write_bytes(bytes(blob))
    before = sql(db_path, "SELECT count(*) FROM sync_file"), sql(db_path, "SELECT phone FROM person")
    page = _page(qtbot, pair.office)
    _stand_in_dialogs(monkeypatch, open_=path, passphrase="違う合言葉" if problem == "passphrase" else PASS)
    message_boxes.answer = QMessageBox.StandardButton.Yes
    _run_flow(qtbot, page, page.import_button.click)
    kind, _title, text = message_boxes.shown[-1]
    assert kind == "warning"
    assert ("合言葉" in text) if problem == "passphrase" else ("読み込めません" in text)
    assert "データベースは変更していません" in text
    assert (sql(db_path, "SELECT count(*) FROM sync_file"), sql(db_path, "SELECT phone FROM person")) == before
    assert page.import_button.isEnabled()  # the page is usable again


def test_first_file_of_a_new_dataset_asks_the_passphrase_twice(qtbot: Any, shell: Any, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pkg, "SCRYPT_N", FAST_SCRYPT_N)
    page = _page(qtbot, shell)
    assert "未設定" in page.own_label.text()
    asked_new = _stand_in_dialogs(monkeypatch, save=tmp_path / "enrol.sync")
    _run_flow(qtbot, page, page.enrol_button.click)
    assert asked_new == [True] and (tmp_path / "enrol.sync").exists()
    assert "設定済み" in page.own_label.text()


def test_passphrase_dialog_masks_and_checks_the_repeat(qtbot: Any) -> None:
    from PySide6.QtWidgets import QLineEdit

    dialog = PassphraseDialog(new=True)
    qtbot.addWidget(dialog)
    assert dialog.edit.echoMode() == QLineEdit.EchoMode.Password
    dialog.show_box.setChecked(True)
    assert dialog.edit.echoMode() == QLineEdit.EchoMode.Normal == dialog.repeat_edit.echoMode()
    dialog.edit.setText("abcdefgh1")
    dialog.repeat_edit.setText("abcdefgh2")
    dialog.accept()
    assert dialog.result() != PassphraseDialog.DialogCode.Accepted and "一致しません" in dialog.error_label.text()
    dialog.repeat_edit.setText("abcdefgh1")
    dialog.accept()
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted and dialog.passphrase() == "abcdefgh1"
    existing = PassphraseDialog(new=False)
    qtbot.addWidget(existing)
    existing.edit.setText("短い")
    existing.accept()  # an existing passphrase is whatever the office chose: no length rule
    assert existing.result() == PassphraseDialog.DialogCode.Accepted
    assert passphrase_dialog.MIN_NEW_LENGTH == 8


def _conflict(pair: Pair) -> None:
    people.save(pair.office.uow(), replace(people.get(pair.office.uow(), pair.person), phone="026-222-2222"))
    people.save(pair.laptop.uow(), replace(people.get(pair.laptop.uow(), pair.person), phone="026-111-1111"))
    sync_import.import_file(pair.office.uow(), pair.laptop_sends("c.sync"), PASS)


@pytest.mark.parametrize("choice", ["theirs", "mine", "edit"])
def test_conflict_dialog_resolves(qtbot: Any, pair: Pair, db_path: Path, choice: str,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _conflict(pair)
    page = _page(qtbot, pair.office)
    assert page.conflicts_label.text() == "未解決の競合: 1 件" and page.conflicts_button.isEnabled()
    dialog = page.show_conflicts()
    assert isinstance(dialog, ConflictsDialog)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and "山田 太郎" in dialog.list.item(0).text() and "電話" in dialog.list.item(0).text()
    rows = _cells(dialog.values)
    assert {r[2] for r in rows} == {"026-111-1111", "026-222-2222"}
    assert any(r[0].startswith("田中PC") for r in rows) and any(r[0].startswith("このパソコン") for r in rows), rows
    seen: list[frozenset[str]] = []
    changes.hub().changed.connect(seen.append)
    try:
        if choice == "theirs":
            dialog.theirs_button.click()
        elif choice == "mine":
            dialog.mine_button.click()
        else:
            monkeypatch.setattr(conflicts_dialog, "ask_value", lambda *_a: "026-333-3333")
            dialog.edit_button.click()
    finally:
        changes.hub().changed.disconnect(seen.append)
    expected = {"theirs": "026-111-1111", "mine": "026-222-2222", "edit": "026-333-3333"}[choice]
    assert sql(db_path, "SELECT phone FROM person WHERE id = ?", pair.person) == [(expected,)]
    assert dialog.list.count() == 0 and dialog.empty_label.isVisibleTo(dialog)
    assert seen  # the other pages reload
    assert page.conflicts_label.text() == "未解決の競合: 0 件"
    # the resolution travels: the laptop reads the office's file and has no conflict either
    out = pair.folder / "resolved.sync"
    sync_export.export_changes(pair.office.uow(), out, PASS)
    sync_import.import_file(pair.laptop.uow(), out, PASS)
    assert sync_conflicts.list_conflicts(pair.laptop.uow()) == []
    assert people.get(pair.laptop.uow(), pair.person).phone == expected
    dialog.close()


def test_history_dialog_lists_who_changed_each_field(qtbot: Any, pair: Pair, monkeypatch: pytest.MonkeyPatch) -> None:
    people.save(pair.laptop.uow(), replace(people.get(pair.laptop.uow(), pair.person), phone="026-111-1111"))
    sync_import.import_file(pair.office.uow(), pair.laptop_sends("h.sync"), PASS)
    dialog = HistoryDialog(pair.office, "person", pair.person, "山田 太郎")
    qtbot.addWidget(dialog)
    rows = _cells(dialog.table)
    phones = [r for r in rows if r[3] == "電話"]
    assert phones[0][4] == "026-111-1111" and phones[0][1].startswith("田中PC")
    assert phones[-1][4] == "026-000-0000" and phones[-1][1].startswith("このパソコン")
    assert not any(r[3] in ("name_key", "kana_key") for r in rows)
    assert not any(r[3] == "削除" for r in rows)  # every edit records the row alive: not shown as a change
    assert not any(r[2] == "追加" and r[4] == "（空）" for r in rows)  # the new record's empty fields
    # a reference is shown by the name of what it points at
    with pair.office.uow() as uow:
        mid = uow.session.connection().exec_driver_sql("SELECT id FROM municipality WHERE name = '長野市'").scalar()
    people.save(pair.office.uow(), replace(people.get(pair.office.uow(), pair.person), municipality_id=mid))
    with_place = HistoryDialog(pair.office, "person", pair.person, "山田 太郎")
    qtbot.addWidget(with_place)
    assert ["長野市"] == [r[4] for r in _cells(with_place.table) if r[3] == "市町村"]
    dialog.all_box.setChecked(True)
    assert any(r[3] == "name_key" for r in _cells(dialog.table))
    dialog.field_combo.setCurrentIndex(dialog.field_combo.findData("phone"))
    assert {r[3] for r in _cells(dialog.table)} == {"電話"}

    # a delete and a restore are changes worth seeing
    people.delete(pair.office.uow(), pair.person)
    with pair.office.uow() as uow:
        uow.session.connection().exec_driver_sql("UPDATE person SET deleted = 0 WHERE id = ?", (pair.person,))
        uow.commit()
    again = HistoryDialog(pair.office, "person", pair.person, "山田 太郎")
    qtbot.addWidget(again)
    assert [r[4] for r in _cells(again.table) if r[3] == "削除"] == ["有効", "削除"]

    opened: list[tuple[str, str | None]] = []
    monkeypatch.setattr(history_dialog, "show_history", lambda _s, _p, table, row_id, _l="": opened.append((table, row_id)))
    form = PersonDialog(pair.office, pair.person)
    qtbot.addWidget(form)
    form.show()
    button = form.findChild(type(form.ui.buttonBox.buttons()[0]), "historyButton")
    assert button is not None and form.ui.buttonBox.buttonRole(button) == QDialogButtonBox.ButtonRole.ResetRole
    assert button.isVisible()
    button.click()
    assert opened == [("person", pair.person)]
    new_form = PersonDialog(pair.office)
    qtbot.addWidget(new_form)
    new_form.show()
    assert new_form.history_button is not None and not new_form.history_button.isVisible()  # nothing to show before saving


def test_possible_duplicates_after_import_are_offered_and_merged(qtbot: Any, pair: Pair, db_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch,
                                                                 message_boxes: Any) -> None:
    mine = people.save(pair.office.uow(), people.PersonData(id=None, name="髙橋 花子", kana="たかはし はなこ"))
    people.save(pair.laptop.uow(), people.PersonData(id=None, name="高橋 花子", kana="タカハシ ハナコ"))
    page = _page(qtbot, pair.office)
    _stand_in_dialogs(monkeypatch, open_=pair.laptop_sends("d.sync"))
    message_boxes.answer = QMessageBox.StandardButton.Yes  # import, then "確認しますか？" → yes
    _run_flow(qtbot, page, page.import_button.click)
    assert "重複の可能性 1 件" in message_boxes.texts()[-1]
    dialog = next(w for w in page.findChildren(DuplicatePeopleDialog))
    qtbot.addWidget(dialog)
    assert dialog.people.rowCount() == 2 and not dialog.merge_button.isEnabled()
    keep_row = next(r for r in range(2) if dialog.people.item(r, 0).text() == "髙橋 花子")
    dialog.people.selectRow(keep_row)
    assert dialog.selected_person() == mine
    message_boxes.answer = QMessageBox.StandardButton.No
    dialog.merge_button.click()  # the button always asks first (clicked(False) once skipped the question)
    assert "統合します。よろしいですか？" in message_boxes.texts()[-1]
    assert sql(db_path, "SELECT count(*) FROM person WHERE merged_into_id = ?", mine) == [(0,)]
    message_boxes.answer = QMessageBox.StandardButton.Yes
    assert dialog.merge_into_selected() == 1  # the question is answered Yes
    assert sql(db_path, "SELECT count(*) FROM person WHERE merged_into_id = ?", mine) == [(1,)]
    assert dialog.group_list.count() == 0
    dialog.close()
    wait_loaded(qtbot, page)
    assert page.duplicates_label.text() == "同一人物の候補: 0 組"


@pytest.mark.parametrize("passphrase", [PASS, "違う合言葉"])
def test_a_new_laptop_joins_from_the_first_start_screen(qtbot: Any, qapp: Any, pair: Pair, tmp_path: Path, passphrase: str,
                                                        monkeypatch: pytest.MonkeyPatch, message_boxes: Any) -> None:
    from sasaeai_desktop.gui import join_flow
    from sasaeai_desktop.gui.app import Launcher
    from sasaeai_desktop.gui.dialogs.prefecture_chooser import PrefectureChooser
    from sasaeai_desktop.gui.main_window import MainWindow

    answers = [PrefectureChooser.JOIN, int(PrefectureChooser.DialogCode.Rejected.value)]
    monkeypatch.setattr(PrefectureChooser, "exec", lambda self: answers.pop(0))
    monkeypatch.setattr(join_flow, "choose_enrolment_file", lambda _p: str(pair.folder / "enrol.sync"))
    monkeypatch.setattr(join_flow, "ask_replica_name", lambda _p: "鈴木PC")
    monkeypatch.setattr(join_flow, "ask_passphrase", lambda *_a, **_k: passphrase)
    exits: list[int] = []
    monkeypatch.setattr(qapp, "exit", lambda code=0: exits.append(code))
    fresh = open_database(tmp_path / "new.db")
    try:
        launcher = Launcher(qapp, str(fresh.db_path), screenshot=None, page="sync")
        launcher.ctx = fresh
        window = launcher.window = MainWindow(None, initial_page="sync")
        qtbot.addWidget(window)
        assert launcher._first_start()
        if passphrase == PASS:
            qtbot.waitUntil(lambda: window.shell is not None, timeout=10000)
            assert window.windowTitle() == "SasaeAI Desktop — 長野県"
            st = sync_status.status(fresh.uow())
            assert st.replica_name == "鈴木PC" and st.dataset_id == sync_status.status(pair.office.uow()).dataset_id
            assert people.get(fresh.uow(), pair.person).name == "山田 太郎"
        else:
            qtbot.waitUntil(lambda: bool(exits), timeout=10000)  # refused, asked again, then closed
            assert "合言葉" in message_boxes.texts()[-1] and exits == [0]
            assert sync_status.status(fresh.uow()).dataset_id is None  # nothing was written
    finally:
        fresh.close()
        qapp.setQuitOnLastWindowClosed(True)


def test_cancelling_a_read_changes_nothing(qtbot: Any, pair: Pair, db_path: Path,
                                           monkeypatch: pytest.MonkeyPatch, message_boxes: Any) -> None:
    import threading

    from sasaeai_desktop.gui.tasks import run_task

    people.save(pair.laptop.uow(), replace(people.get(pair.laptop.uow(), pair.person), phone="026-111-1111"))
    path = pair.laptop_sends("a.sync")
    page = _page(qtbot, pair.office)
    _stand_in_dialogs(monkeypatch, open_=path)
    # hold the one database lane so the read is still queued when キャンセル is pressed
    release = threading.Event()
    blocker = run_task(None, lambda _p, _a: release.wait(10), title="wait", on_success=lambda _r: None)
    with qtbot.waitSignal(page.flow_finished, timeout=20000):
        page.import_button.click()
        assert page.busy and not page.import_button.isEnabled()
        assert page.task is not None
        page.task.cancel()  # still queued: taken out of the queue at once, it never runs
    assert not blocker.done
    release.set()
    qtbot.waitUntil(lambda: blocker.done, timeout=5000)
    assert page.task.cancelled
    assert "中断しました" in message_boxes.texts()[-1]
    assert sql(db_path, "SELECT phone FROM person WHERE id = ?", pair.person) == [("026-000-0000",)]
    assert sql(db_path, "SELECT count(*) FROM sync_file WHERE name = 'a.sync'") == [(0,)]
    assert page.import_button.isEnabled()


def test_page_on_a_database_without_a_dataset(qtbot: Any, tmp_path: Path) -> None:
    from sasaeai_desktop.gui.shell_context import ShellContext

    ctx = open_database(tmp_path / "empty.db")
    try:
        page = _page(qtbot, ShellContext(ctx))
        assert page.dataset_label.text() == "（未設定）"
        assert not page.export_button.isEnabled() and not page.import_button.isEnabled()
        assert page.peers.table.rowCount() == 0 and page.peers.no_peers_label.isVisibleTo(page)
    finally:
        ctx.close()


def test_several_other_values_take_the_selected_one(qtbot: Any, pair: Pair, db_path: Path, tmp_path: Path) -> None:
    second = open_database(tmp_path / "second.db")
    try:
        sync_enrolment.join(second.uow(), pair.folder / "enrol.sync", PASS, name="鈴木PC")
        for ctx, phone in ((pair.office, "026-000-1111"), (pair.laptop, "026-000-2222"), (second, "026-000-3333")):
            people.save(ctx.uow(), replace(people.get(ctx.uow(), pair.person), phone=phone))
        sync_import.import_file(pair.office.uow(), pair.laptop_sends("l.sync"), PASS)
        sync_export.export_changes(second.uow(), tmp_path / "s.sync", PASS)
        sync_import.import_file(pair.office.uow(), tmp_path / "s.sync", PASS)
    finally:
        second.close()
    dialog = ConflictsDialog(pair.office)
    qtbot.addWidget(dialog)
    rows = _cells(dialog.values)
    assert len(rows) == 3 and dialog.hint_label.text() and not dialog.theirs_button.isEnabled()
    suzuki = next(i for i, r in enumerate(rows) if r[0].startswith("鈴木PC"))
    dialog.values.selectRow(suzuki)
    assert dialog.theirs_button.isEnabled()
    dialog.theirs_button.click()
    assert sql(db_path, "SELECT phone FROM person WHERE id = ?", pair.person) == [("026-000-3333",)]
    assert dialog.list.count() == 0


def test_a_conflict_about_a_reference_shows_names(qtbot: Any, pair: Pair) -> None:
    def municipality(ctx: Any, name: str) -> str:
        with ctx.uow() as uow:
            return uow.session.connection().exec_driver_sql("SELECT id FROM municipality WHERE name = ?", (name,)).scalar()

    for ctx, name in ((pair.office.app, "長野市"), (pair.laptop, "松本市")):
        people.save(ctx.uow(), replace(people.get(ctx.uow(), pair.person), municipality_id=municipality(ctx, name)))
    sync_import.import_file(pair.office.uow(), pair.laptop_sends("m.sync"), PASS)
    dialog = ConflictsDialog(pair.office)
    qtbot.addWidget(dialog)
    assert "市町村" in dialog.list.item(0).text()
    assert sorted(r[2] for r in _cells(dialog.values)) == ["松本市", "長野市"]
    assert not dialog.edit_button.isEnabled() and dialog.mine_button.isEnabled()


def test_a_laptop_no_longer_used_leaves_the_lists_after_asking(qtbot: Any, pair: Pair, message_boxes: Any) -> None:
    sync_import.import_file(pair.office.uow(), pair.laptop_sends("r.sync"), PASS)
    page = _page(qtbot, pair.office)
    laptop_id = sync_status.status(pair.laptop.uow()).replica_id
    assert not page.peers.retire_button.isEnabled() and not page.peers.show_retired_check.isVisibleTo(page)
    page.peers.table.selectRow(0)
    assert page.peers.retire_button.isEnabled() and page.peers.retire_button.text() == "選んだパソコンを使わなくなった…"

    page.peers.retire_button.click()  # answered No: nothing changes
    kind, _title, text = message_boxes.shown[-1]
    assert kind == "question" and "「田中PC」を使わなくなったパソコンにしますか" in text and "消えません" in text
    assert [p.retired for p in sync_status.status(pair.office.uow()).peers if p.replica_id == laptop_id] == [False]
    assert page.peers.table.rowCount() == 1

    message_boxes.answer = QMessageBox.StandardButton.Yes
    page.peers.retire_button.click()
    assert [p.retired for p in sync_status.status(pair.office.uow()).peers if p.replica_id == laptop_id] == [True]
    assert not page.peers.table.isVisibleTo(page)
    assert page.peers.no_peers_label.text() == "使っている相手のパソコンはありません（使わなくなったパソコン 1 台）。"
    assert page.peer_combo.findData(laptop_id) < 0 and page.status_text().startswith("相手のパソコン 0 台")

    # shown greyed behind the check, and brought back from there
    assert page.peers.show_retired_check.isVisibleTo(page)
    page.peers.show_retired_check.setChecked(True)
    [row] = _cells(page.peers.table)
    assert row[0] == "田中PC" and row[2] == "使わなくなったパソコン"
    assert page.peers.table.item(0, 0).foreground().color() == RETIRED_GREY
    assert page.peer_combo.findData(laptop_id) < 0  # still not offered as a recipient
    page.peers.table.selectRow(0)
    assert page.peers.retire_button.text() == "また使うパソコンに戻す"
    asked = len(message_boxes.shown)
    page.peers.retire_button.click()  # bringing back needs no confirmation
    assert len(message_boxes.shown) == asked
    assert [p.retired for p in sync_status.status(pair.office.uow()).peers if p.replica_id == laptop_id] == [False]
    assert page.peer_combo.findData(laptop_id) > 0
    assert page.peers.table.item(0, 0).foreground().color() != RETIRED_GREY

    # the row's context menu offers the same
    rect = page.peers.table.visualItemRect(page.peers.table.item(0, 0))
    page.peers.show_menu(rect.center())
    menu = page.findChildren(QMenu)[-1]
    [action] = menu.actions()
    assert action.text() == "このパソコンを使わなくなった…"
    action.trigger()
    assert [p.retired for p in sync_status.status(pair.office.uow()).peers if p.replica_id == laptop_id] == [True]
    menu.close()


def test_several_files_are_read_at_once_in_the_order_they_were_written(qtbot: Any, pair: Pair, db_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch,
                                                                        message_boxes: Any) -> None:
    """The office on Friday picks every laptop's file together: one passphrase, one preview each,
    oldest first (a laptop's second file needs its first), one summary at the end."""
    import os

    people.save(pair.laptop.uow(), replace(people.get(pair.laptop.uow(), pair.person), phone="026-111-1111"))
    first = pair.laptop_sends("week1.sync")
    people.save(pair.laptop.uow(), replace(people.get(pair.laptop.uow(), pair.person), email="yamada@example.jp"))
    second = pair.laptop_sends("week2.sync")
    os.utime(first, (1_000_000_000, 1_000_000_000))  # older, whatever the names say
    page = _page(qtbot, pair.office)
    asked_new = _stand_in_dialogs(monkeypatch)
    monkeypatch.setattr(sync_flows, "choose_open_paths", lambda *_a: [str(second), str(first)])
    message_boxes.answer = QMessageBox.StandardButton.Yes
    _run_flow(qtbot, page, page.import_button.click)
    assert asked_new == [False]  # the passphrase once for both
    shown = [(title, text) for kind, title, text in message_boxes.shown if kind in ("question", "information")]
    assert [t for t, _x in shown] == ["同期ファイルの読み込み（1/2: week1.sync）", "同期ファイルの読み込み（2/2: week2.sync）",
                                      "同期ファイルの読み込み"]
    assert "取り込みました" in shown[-1][1] and shown[-1][1].count("田中PCのファイル") == 2
    assert sql(db_path, "SELECT phone, email FROM person WHERE id = ?", pair.person) == [("026-111-1111", "yamada@example.jp")]
    assert page.result_label.text().count("田中PCのファイル") == 2


def test_a_refused_file_in_a_batch_keeps_the_ones_before_and_says_so(qtbot: Any, pair: Pair, db_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch,
                                                                     message_boxes: Any) -> None:
    import os

    people.save(pair.laptop.uow(), replace(people.get(pair.laptop.uow(), pair.person), phone="026-111-1111"))
    good = pair.laptop_sends("good.sync")
    damaged = pair.folder / "damaged.sync"
    blob = bytearray(good.read_bytes())
    blob[-40] ^= 0x01
    damaged.write_bytes(bytes(blob))
    os.utime(good, (1_000_000_000, 1_000_000_000))
    page = _page(qtbot, pair.office)
    _stand_in_dialogs(monkeypatch)
    monkeypatch.setattr(sync_flows, "choose_open_paths", lambda *_a: [str(damaged), str(good)])
    message_boxes.answer = QMessageBox.StandardButton.Yes
    _run_flow(qtbot, page, page.import_button.click)
    kind, title, text = message_boxes.shown[-1]
    assert kind == "warning" and title == "同期ファイルの読み込み（2/2: damaged.sync）"
    assert "読み込めません" in text and "1 個は読み込み済み" in text and "後の 1 個は読み込んでいません" in text
    assert sql(db_path, "SELECT phone FROM person WHERE id = ?", pair.person) == [("026-111-1111",)]
    assert "田中PCのファイル" in page.result_label.text() and page.import_button.isEnabled()


def test_a_file_for_each_laptop_in_one_go(qtbot: Any, pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          message_boxes: Any) -> None:
    page = _page(qtbot, pair.office)
    assert not page.export_each_button.isEnabled()  # no laptop known yet: nothing to make
    sync_import.import_file(pair.office.uow(), pair.laptop_sends("hello.sync"), PASS)
    people.save(pair.office.uow(), replace(people.get(pair.office.uow(), pair.person), email="yamada@example.jp"))
    page.reload()
    assert page.export_each_button.isEnabled()
    out = tmp_path / "for-everyone"
    out.mkdir()
    asked_new = _stand_in_dialogs(monkeypatch)
    monkeypatch.setattr(sync_flows, "choose_folder", lambda *_a: str(out))
    _run_flow(qtbot, page, page.export_each_button.click)
    assert asked_new == [False]
    [made] = list(out.iterdir())
    assert "から田中PCへ" in made.name and "田中PCさん用" in message_boxes.texts()[-1]
    got = sync_import.import_file(pair.laptop.uow(), made, PASS)
    assert got.updated >= 1 and people.get(pair.laptop.uow(), pair.person).email == "yamada@example.jp"


def test_a_copied_laptop_is_said_plainly_and_both_edits_are_kept(qtbot: Any, pair: Pair, db_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch, message_boxes: Any) -> None:
    """田中PC's folder went to a second laptop through a cloud folder (before the file check):
    both carry on under one id; reading the second file says so and keeps its edit."""
    from tests.property.sync_world import copy_folder
    from tests.property.sync_world import forget_file

    sync_import.import_file(pair.office.uow(), pair.laptop_sends("hello.sync"), PASS)
    pair.laptop.close()
    twin_path = pair.folder / "twin.db"
    copy_folder(pair.laptop_path, twin_path)
    forget_file(pair.laptop_path)
    forget_file(twin_path)
    pair.laptop = open_database(pair.laptop_path)
    twin = open_database(twin_path)
    try:
        people.save(pair.laptop.uow(), replace(people.get(pair.laptop.uow(), pair.person), email="a@example.jp"))
        people.save(twin.uow(), replace(people.get(twin.uow(), pair.person), title="相談員"))
        sync_import.import_file(pair.office.uow(), pair.laptop_sends("a.sync"), PASS)
        sync_export.export_changes(twin.uow(), pair.folder / "twin.sync", PASS)
    finally:
        twin.close()
    page = _page(qtbot, pair.office)
    assert not page.forks_label.isVisible()
    _stand_in_dialogs(monkeypatch, open_=pair.folder / "twin.sync")
    message_boxes.answer = QMessageBox.StandardButton.Yes
    _run_flow(qtbot, page, page.import_button.click)
    preview, done = [t for k, _title, t in message_boxes.shown if k in ("question", "information")][-2:]
    assert "同じ端末ID" in preview and "両方の変更を残しました" in done
    assert page.forks_label.isVisible() and "両方の変更を残しました" in page.forks_label.text()
    assert sql(db_path, "SELECT email, title FROM person WHERE id = ?", pair.person) == [("a@example.jp", "相談員")]
