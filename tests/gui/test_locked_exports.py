"""The window's side of locked files (issue 17 item 5): the password typed in 設定 (this session
only), the 「パスワードをかける」 checkbox when saving, and a locked workbook opened for import."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import msoffcrypto
import openpyxl

from sasaeai_desktop.gui.main_window import MainWindow
from tests.excel_books import people_book
from tests.gui.helpers import sql
from tests.gui.helpers import wait_loaded

PASSWORD = "県庁 2026"


def _open_locked(path: Path, password: str) -> openpyxl.Workbook:
    with path.open("rb") as fh:
        office = msoffcrypto.OfficeFile(fh)
        office.load_key(password=password, verify_password=True)
        out = io.BytesIO()
        office.decrypt(out)
    return openpyxl.load_workbook(out)


def test_the_password_is_set_in_settings_and_kept_out_of_the_database(qtbot: Any, window: MainWindow, db_path: Path) -> None:
    window.show_page("settings")
    box = window.current_page().password_box
    box.password_edit.setText(PASSWORD)
    box.confirm_edit.setText(PASSWORD + "x")
    assert not box.use_password() and window.shell.export_password is None
    box.confirm_edit.setText(PASSWORD)
    box.use_button.click()
    assert window.shell.export_password == PASSWORD
    assert box.password_edit.text() == "" and "設定済み" in box.state_label.text()
    assert PASSWORD.encode() not in db_path.read_bytes()  # kept for the session, not stored


def test_people_are_exported_only_with_a_password_and_then_locked_by_default(
    qtbot: Any, window: MainWindow, tmp_path: Path, monkeypatch: Any, message_boxes: Any
) -> None:
    from PySide6.QtWidgets import QDialog
    from PySide6.QtWidgets import QFileDialog

    from sasaeai_desktop.gui import export_lock
    from sasaeai_desktop.gui import tasks

    window.show_page("people")
    wait_loaded(qtbot, window.current_page())
    assert not window.export_action.isEnabled()  # phones and e-mail: never a plain file from the window
    window.shell.export_password = PASSWORD
    window.show_page("advisors")
    window.show_page("people")
    assert window.export_action.isEnabled()

    asked: list[tuple[bool, bool]] = []  # (checked, can be unticked) as the dialog came up

    def answer(dialog: Any) -> int:
        asked.append((dialog.lock_check.isChecked(), dialog.lock_check.isEnabled()))
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(export_lock.LockDialog, "exec", answer)
    out = tmp_path / "out"  # the database lives in tmp_path
    out.mkdir()
    for key, name in (("people", "人"), ("advisors", "アドバイザー"), ("municipalities", "市町村")):
        target = out / f"{name}.xlsx"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, _t=target, **k: (str(_t), ""))
        window.show_page(key)
        wait_loaded(qtbot, window.current_page())
        window.export_action.trigger()
        assert tasks.wait_for_idle(20000)
        qtbot.waitUntil(lambda: "出力しました" in window.statusBar().currentMessage(), timeout=5000)
    assert asked == [(True, False), (True, True), (False, True)]
    assert message_boxes.shown == []
    for name in ("人", "アドバイザー"):
        assert not zipfile.is_zipfile(out / f"{name}.xlsx")
        assert _open_locked(out / f"{name}.xlsx", PASSWORD).sheetnames
    assert zipfile.is_zipfile(out / "市町村.xlsx")  # not personal: the box was left unticked
    assert sorted(p.name for p in out.iterdir()) == ["アドバイザー.xlsx", "人.xlsx", "市町村.xlsx"]


def test_a_locked_workbook_asks_for_its_password_in_the_import_dialog(
    qtbot: Any, shell: Any, db_path: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from sasaeai_desktop.gui.dialogs.import_dialog import ImportDialog
    from sasaeai_desktop.io.locked_files import lock_bytes

    plain = people_book(tmp_path / "plain.xlsx", [["森 一", "もり はじめ", "第2層SC", "長野市"]])
    locked = tmp_path / "名簿.xlsx"
    locked.write_bytes(lock_bytes(plain.read_bytes(), ".xlsx", PASSWORD))
    answers = [("違う", True), (PASSWORD, True)]
    asked: list[str] = []

    def get_text(_parent: Any, _title: str, label: str, *_a: Any, **_k: Any) -> tuple[str, bool]:
        asked.append(label)
        return answers.pop(0)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    dialog = ImportDialog(shell, "people")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(locked)
    assert len(asked) == 2 and "パスワードが違います" in asked[1]
    with qtbot.waitSignal(dialog.task.finished, timeout=20000):
        pass
    assert dialog.plan is not None and dialog.plan.ok
    assert dialog.path_edit.text() == str(locked)
    copy = dialog.path
    assert copy != locked and copy.exists()
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert [r[0] for r in sql(db_path, "SELECT name FROM person WHERE deleted = 0")] == ["森 一"]
    assert not copy.exists() and not copy.parent.exists()  # the decrypted copy went with the dialog


def test_the_handout_dialog_locks_the_pdf_and_its_excel_when_a_password_is_set(
    qtbot: Any, shell: Any, tmp_path: Path, monkeypatch: Any, message_boxes: Any
) -> None:
    from pypdf import PdfReader
    from PySide6.QtWidgets import QDialog
    from PySide6.QtWidgets import QFileDialog

    from sasaeai_desktop.gui.dialogs import handout_dialog

    plain = handout_dialog.HandoutDialog(shell)
    qtbot.addWidget(plain)
    assert not plain.lock_check.isEnabled() and not plain.lock_check.isChecked()  # no password in 設定
    shell.export_password = PASSWORD

    def fill(dialog: Any) -> int:
        assert dialog.lock_check.isEnabled() and dialog.lock_check.isChecked()  # on by default
        dialog.excel_check.setChecked(True)
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(handout_dialog.HandoutDialog, "exec", fill)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "名簿.pdf"), ""))
    handle = handout_dialog.make_handout(shell, None)
    qtbot.waitUntil(lambda: handle.done, timeout=20000)
    reader = PdfReader(tmp_path / "名簿.pdf")
    assert reader.is_encrypted and reader.decrypt("違う") == 0 and reader.decrypt(PASSWORD) != 0
    assert _open_locked(tmp_path / "名簿.xlsx", PASSWORD).sheetnames
    assert "パスワードで保護" in message_boxes.texts()[-1]
