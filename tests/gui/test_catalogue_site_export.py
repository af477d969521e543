"""「ウェブサイト…」 of the 地域資源 page, by keyboard: the button pressed with Space, the folder
typed, the kind chosen with the arrow keys, the dry run read before anything is written, Enter to
write (on the task lane), and the page saying where the site went; a folder of other files is
said in the dialog and 書き出す stays off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog

from sasaeai_desktop.services.catalogue import entries

from .helpers import open_page
from .helpers import sql
from .helpers import when_modal


def _page(qtbot: Any, shell: Any, db_path: Path) -> Any:
    ueda = sql(db_path, "SELECT id FROM municipality WHERE name = ?", "上田市")[0][0]
    for name, kind, publishable in (("上田お弁当便", "配食", True), ("上田の集い", "サロン", True),
                                    ("上田の内緒の配食", "配食", False)):
        entries.save(shell.uow(), entries.EntryData(None, name, kind, ueda, contact="0268-00-0000",
                                                    contact_consent=None, publishable=publishable))
    return open_page(qtbot, shell, "catalogue")


def _tab_to(qtbot: Any, dialog: QDialog, name: str) -> None:
    for _ in range(20):
        if QApplication.focusWidget() is not None and QApplication.focusWidget().objectName() == name:
            return
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {name}")


def test_site_written_by_keyboard_after_the_dry_run(qtbot: Any, shell: Any, db_path: Path, tmp_path: Path) -> None:
    page = _page(qtbot, shell, db_path)
    out = tmp_path / "site"
    seen: dict[str, Any] = {}

    def fill(dialog: QDialog) -> None:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.folder_edit, timeout=3000)  # the first field
        assert not dialog.write_button.isEnabled()  # no folder yet
        qtbot.keyClicks(dialog.folder_edit, str(out))
        assert dialog.folder_note.text() == "新しいフォルダーを作って書き出します。"
        _tab_to(qtbot, dialog, "kindFilter")
        while dialog.kind_combo.currentData() != "配食":
            qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Down)
        seen["summary"] = dialog.summary.toPlainText()
        assert not out.exists()  # the dry run wrote nothing
        qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Return)  # the default button: 書き出す

    when_modal(fill)
    page.site_button.setFocus()
    qtbot.keyClick(page.site_button, Qt.Key.Key_Space)
    assert page.site_task is not None
    with qtbot.waitSignal(page.site_task.finished, timeout=20000):
        pass
    assert "掲載する活動: 1件" in seen["summary"] and "・上田お弁当便　上田市・配食" in seen["summary"]
    assert "連絡先（掲載の同意が「可」でない）" in seen["summary"] and "上田の内緒" not in seen["summary"]
    pages = [p.read_text("utf-8") for p in (out / "activities").iterdir()]
    assert len(pages) == 1 and "上田お弁当便" in pages[0] and "0268-00-0000" not in pages[0]
    assert "ウェブサイト（活動1件、" in page.note_label.text() and str(out) in page.note_label.text()


def test_a_folder_of_other_files_is_said_and_not_written(qtbot: Any, shell: Any, db_path: Path, tmp_path: Path) -> None:
    page = _page(qtbot, shell, db_path)
    mine = tmp_path / "書類"
    mine.mkdir()
    (mine / "計画.xlsx").write_bytes(b"keep")
    said: list[str] = []

    def refuse(dialog: QDialog) -> None:
        dialog.folder_edit.setText(str(mine))
        said.append(dialog.folder_note.text())
        assert not dialog.write_button.isEnabled()
        qtbot.keyClick(dialog.folder_edit, Qt.Key.Key_Escape)

    when_modal(refuse)
    assert page.make_site() is None
    assert "サイト以外のもの（計画.xlsx）" in said[0]
    assert [p.name for p in mine.iterdir()] == ["計画.xlsx"]
