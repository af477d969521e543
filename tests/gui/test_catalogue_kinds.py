"""種類の編集 from the 地域資源 page: a kind added, renamed (its entries with it) and deleted — refused
while in use unless its entries are moved to another kind; the page's filter follows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QMessageBox

from sasaeai_desktop.gui.dialogs.catalogue_kinds_dialog import CatalogueKindsDialog
from sasaeai_desktop.services.catalogue import entries
from sasaeai_desktop.services.catalogue import kinds

from .helpers import open_page
from .helpers import sql
from .helpers import when_modal


def _choose(dialog: CatalogueKindsDialog, name: str) -> None:
    dialog.kind_list.setCurrentRow([k.name for k in dialog.rows].index(name))


def test_kinds_added_renamed_and_deleted_from_the_page(qtbot: Any, shell: Any, db_path: Path, message_boxes: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    ueda = sql(db_path, "SELECT id FROM municipality WHERE name = '上田市'")[0][0]
    for name in ("ふれあいサロン", "朝のサロン"):
        entries.save(shell.uow(), entries.EntryData(None, name, "サロン", ueda))
    page = open_page(qtbot, shell, "catalogue")
    asked: list[str] = []

    def pick(_parent: Any, _title: str, label: str, items: list[str], *_a: Any, **_k: Any) -> tuple[str, bool]:
        asked.append(label)
        return ("居場所", True) if "居場所" in items else ("", False)

    monkeypatch.setattr(QInputDialog, "getItem", pick)

    def edit(dialog: QDialog) -> None:
        assert isinstance(dialog, CatalogueKindsDialog)
        assert dialog.add_kind("体操教室")
        assert dialog.current().name == "体操教室" and dialog.kind_list.currentItem().text() == "体操教室（0件）"
        _choose(dialog, "サロン")
        assert dialog.kind_list.currentItem().text() == "サロン（2件）"
        assert dialog.rename_kind("地域サロン") and dialog.current().name == "地域サロン"
        assert not dialog.rename_kind("配食")  # another kind's name: refused, said
        assert "種類「配食」はすでにあります" in message_boxes.texts()[-1]
        message_boxes.answer = QMessageBox.StandardButton.Yes
        assert dialog.delete_kind()  # in use: asked where its two entries go, then asked to confirm
        assert "2件の地域資源で使われています" in asked[-1]
        assert "2件の地域資源の種類を「居場所」に変えてから削除します" in message_boxes.texts()[-1]
        assert dialog.current().name == "居場所" and dialog.kind_list.currentItem().text() == "居場所（2件）"
        _choose(dialog, "体操教室")
        assert dialog.delete_kind()  # unused: only the confirmation
        dialog.reject()

    when_modal(edit)
    qtbot.mouseClick(page.kinds_button, Qt.MouseButton.LeftButton)
    assert sql(db_path, "SELECT DISTINCT kind FROM catalogue_entry") == [("居場所",)]
    listed = kinds.list_kinds(shell.uow())
    assert "地域サロン" not in listed and "サロン" not in listed and "体操教室" not in listed
    filter_items = [page.kind_combo.itemText(i) for i in range(page.kind_combo.count())]
    assert filter_items[0] == "すべて" and filter_items[1:] == listed


def test_deleting_a_kind_in_use_is_refused_when_no_kind_is_chosen(qtbot: Any, shell: Any, db_path: Path,
                                                                  message_boxes: Any,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    ueda = sql(db_path, "SELECT id FROM municipality WHERE name = '上田市'")[0][0]
    entries.save(shell.uow(), entries.EntryData(None, "ふれあいサロン", "サロン", ueda))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *_a, **_k: ("", False))  # 「キャンセル」
    dialog = CatalogueKindsDialog(shell)
    qtbot.addWidget(dialog)
    _choose(dialog, "サロン")
    message_boxes.answer = QMessageBox.StandardButton.Yes
    assert not dialog.delete_kind()
    assert "サロン" in kinds.list_kinds(shell.uow())
    assert not dialog.delete_kind(move_to="ない種類")  # the service refuses and the message says why
    assert "一覧にありません" in message_boxes.texts()[-1] and "削除できません" in message_boxes.texts()[-1]
    assert "サロン" in kinds.list_kinds(shell.uow())
