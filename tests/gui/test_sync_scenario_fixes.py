"""What the Friday-sync scenario (test_scenario_friday_sync.py) found, each through the main window.

- Ctrl+Enter, the save key of the visit form, did nothing in the person form (and every other
  form with 保存/キャンセル buttons): an officer editing a phone number after a visit was stuck.
- Tab in the conflicts dialog's value table walked the cells and never reached the buttons.
- 編集… on a conflict of 助言内容 offered a one-line box: the two officers' texts could not be kept
  one a line, and the line breaks of the values were lost.
- The conflicts and history dialogs said 端末 / この端末 where the 同期 page says パソコン.
- The record of a read file on the 同期 page told the officer to type `sasaeai sync conflicts`.
- A conflict about a visit said 「訪問「第2層協議体の立ち上げ」 — 助言」: not the box the officer typed
  in (助言内容), and the visit by its purpose instead of where and when; the list cut it off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QPlainTextEdit

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.gui.dialogs.conflicts_dialog import ConflictsDialog
from sasaeai_desktop.gui.dialogs.person_dialog import PersonDialog
from sasaeai_desktop.gui.main_window import MainWindow
from sasaeai_desktop.io.sync import package as pkg
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people
from sasaeai_desktop.services.activities import visits
from sasaeai_desktop.services.sync import enrolment as sync_enrolment
from sasaeai_desktop.services.sync import export as sync_export
from sasaeai_desktop.services.sync import importing as sync_import
from sasaeai_desktop.services.sync import replica as sync_replica
from tests.property.sync_world import FAST_SCRYPT_N

from .helpers import sql
from .helpers import type_text
from .helpers import wait_loaded
from .helpers import when_modal

PASS = "職場の合言葉2026"
CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_enter_saves_the_person_form(qtbot: Any, window: MainWindow, shell: Any, db_path: Path) -> None:
    pid = people.save(shell.uow(), people.PersonData(id=None, name="山田 太郎", kana="やまだ たろう", phone="0268-00-0000"))
    QTest.keyClick(window, Qt.Key.Key_7, CTRL)  # 人
    page = window.current_page()
    wait_loaded(qtbot, page)
    QTest.keyClick(window, Qt.Key.Key_F, CTRL)
    type_text(page.search_edit, "やまだ")
    QTest.keyClick(page.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.selected_row() is not None, timeout=3000)

    def edit(dialog: QDialog) -> None:
        assert isinstance(dialog, PersonDialog)
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        phone = dialog.ui.phoneEdit
        phone.setFocus()
        QTest.keyClick(phone, Qt.Key.Key_A, CTRL)
        QTest.keyClicks(phone, "0268-11-1111")
        QTest.keyClick(phone, Qt.Key.Key_Return, CTRL)
        assert not dialog.isVisible()

    seen = when_modal(edit)
    QTest.keyClick(page.view, Qt.Key.Key_Return)
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted
    assert sql(db_path, "SELECT phone FROM person WHERE id = ?", pid) == [("0268-11-1111",)]


@pytest.fixture
def visit_conflict(shell: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A visit's 助言内容 and a person's phone changed on the office and on a laptop: two conflicts."""
    monkeypatch.setattr(pkg, "SCRYPT_N", FAST_SCRYPT_N)
    uow = shell.uow
    sync_replica.set_replica_name(uow(), "事務所PC")
    ueda = municipalities.find_by_code(uow(), "202037")
    assert ueda is not None
    day = dt.date(2026, 12, 3)
    vid = visits.save(uow(), visits.VisitData(None, ueda.id, day, purpose="第2層協議体の立ち上げ", advice="最初の助言")).id
    pid = people.save(uow(), people.PersonData(id=None, name="山田 太郎", kana="やまだ たろう", phone="0268-00-0000"))
    sync_enrolment.make_enrolment(uow(), tmp_path / "enrol.sync", PASS)
    laptop = open_database(tmp_path / "laptop.db")
    try:
        sync_enrolment.join(laptop.uow(), tmp_path / "enrol.sync", PASS, name="田中PC")
        for ctx, advice, phone in ((shell, "事務所の助言", "0268-22-2222"), (laptop, "田中の助言", "0268-11-1111")):
            v = visits.get(ctx.uow(), vid)
            visits.save(ctx.uow(), replace(v, advice=advice))
            people.save(ctx.uow(), replace(people.get(ctx.uow(), pid), phone=phone))
        sync_export.export_changes(laptop.uow(), tmp_path / "l.sync", PASS)
    finally:
        laptop.close()
    sync_import.import_file(uow(), tmp_path / "l.sync", PASS)
    return {"visit": vid, "person": pid, "day": day}


def _conflicts_from_the_page(qtbot: Any, window: MainWindow) -> ConflictsDialog:
    QTest.keyClick(window, Qt.Key.Key_9, CTRL)  # 同期
    page = window.current_page()
    wait_loaded(qtbot, page)
    assert page.conflicts_label.text() == "未解決の競合: 2 件"
    dialog = page.show_conflicts()  # a child of the page, deleted on close (not handed to qtbot as well)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    return dialog


def test_a_visit_conflict_names_the_form_box_and_the_visit_by_place_and_date(
        qtbot: Any, window: MainWindow, visit_conflict: dict[str, Any]) -> None:
    dialog = _conflicts_from_the_page(qtbot, window)
    titles = sorted(dialog.list.item(i).text() for i in range(dialog.list.count()))
    assert titles == ["人「山田 太郎」 — 電話", "訪問「上田市 2026-12-03 第2層協議体の立ち上げ」 — 助言内容"]
    # the same word as on the 同期 page: パソコン, このパソコン
    assert dialog.values.horizontalHeaderItem(0).text() == "パソコン"
    whos = sorted(dialog.values.item(r, 0).text() for r in range(dialog.values.rowCount()))
    assert whos[0].startswith("このパソコン（事務所PC）") and whos[1].startswith("田中PC"), whos
    # the long title wraps in the list instead of losing the field name off its right edge
    for i in range(dialog.list.count()):
        assert dialog.list.visualItemRect(dialog.list.item(i)).right() <= dialog.list.viewport().width()
    dialog.close()


def test_tab_leaves_the_value_table_for_the_buttons(qtbot: Any, window: MainWindow, db_path: Path,
                                                    visit_conflict: dict[str, Any]) -> None:
    dialog = _conflicts_from_the_page(qtbot, window)
    dialog.list.setFocus()
    while "電話" not in dialog.list.currentItem().text():
        QTest.keyClick(dialog.list, Qt.Key.Key_Down)
    QTest.keyClick(dialog.list, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.values
    QTest.keyClick(dialog.values, Qt.Key.Key_Home)
    while not dialog.values.item(dialog.values.currentRow(), 0).text().startswith("田中PC"):
        QTest.keyClick(dialog.values, Qt.Key.Key_Down)
    QTest.keyClick(dialog.values, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.mine_button
    QTest.keyClick(dialog.mine_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.theirs_button
    QTest.keyClick(dialog.theirs_button, Qt.Key.Key_Space)
    assert sql(db_path, "SELECT phone FROM person WHERE id = ?", visit_conflict["person"]) == [("0268-11-1111",)]
    assert dialog.list.count() == 1
    dialog.close()


def test_the_files_record_speaks_to_the_officer_not_to_a_shell(qtbot: Any, window: MainWindow,
                                                               visit_conflict: dict[str, Any]) -> None:
    QTest.keyClick(window, Qt.Key.Key_9, CTRL)  # 同期
    page = window.current_page()
    wait_loaded(qtbot, page)
    table = page.files_table
    summaries = [table.item(r, 5).text() for r in range(table.rowCount())]
    read = next(s for s in summaries if "競合 2 件" in s)
    assert "「競合を確認・解決…」" in read
    assert not any("sasaeai" in s or "`" in s for s in summaries), summaries


def test_editing_a_text_conflict_keeps_both_values_one_a_line(qtbot: Any, window: MainWindow, db_path: Path,
                                                               visit_conflict: dict[str, Any]) -> None:
    dialog = _conflicts_from_the_page(qtbot, window)
    dialog.list.setFocus()
    while "助言内容" not in dialog.list.currentItem().text():
        QTest.keyClick(dialog.list, Qt.Key.Key_Down)

    def type_two_lines(box_dialog: QDialog) -> None:
        assert isinstance(box_dialog, QInputDialog)
        qtbot.waitUntil(box_dialog.isActiveWindow, timeout=2000)
        box = box_dialog.findChild(QPlainTextEdit)
        assert box is not None and box.isVisible() and box.tabChangesFocus()
        assert sorted(box.toPlainText().split("\n")) == ["事務所の助言", "田中の助言"]  # both, to tidy
        box.setFocus()
        QTest.keyClick(box, Qt.Key.Key_A, CTRL)
        type_text(box, "田中の助言")
        QTest.keyClick(box, Qt.Key.Key_Return)  # Enter is a new line here, not OK
        type_text(box, "事務所の助言")
        assert box_dialog.isVisible()
        QTest.keyClick(box, Qt.Key.Key_Return, CTRL)
        assert not box_dialog.isVisible()

    seen = when_modal(type_two_lines)
    dialog.edit_button.setFocus()
    QTest.keyClick(dialog.edit_button, Qt.Key.Key_Space)
    assert seen
    assert sql(db_path, "SELECT advice FROM visit WHERE id = ?", visit_conflict["visit"]) == [("田中の助言\n事務所の助言",)]
    assert dialog.list.count() == 1
    dialog.close()
