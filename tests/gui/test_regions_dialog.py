"""圏域の設定: kinds and regions edited, memberships set cell by cell and for a selection at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QMessageBox

from sasaeai_desktop.services.progress import regions


def _dialog(qtbot: Any, shell: Any) -> Any:
    from sasaeai_desktop.gui.dialogs.regions_dialog import RegionsDialog

    dialog = RegionsDialog(shell)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_kinds_and_regions_added_renamed_deleted(qtbot: Any, shell: Any, ctx: Any, message_boxes: Any) -> None:
    dialog = _dialog(qtbot, shell)
    defaults = [k.name for k in regions.list_kinds(ctx.uow())]
    assert dialog.kind_list.count() == len(defaults) and dialog.table.rowCount() == 77
    assert dialog.table.columnCount() == 2 + len(defaults)
    assert dialog.add_kind("広域")
    assert dialog.current_kind().name == "広域" and dialog.table.columnCount() == 3 + len(defaults)
    assert not dialog.add_kind("広域")  # a second one is refused with a message
    assert "すでにあります" in message_boxes.texts()[-1]
    assert dialog.add_region("東信") and dialog.add_region("北信")
    assert dialog.current_region().name == "北信"
    assert dialog.rename_region("北信地域") and dialog.current_region().name == "北信地域"
    assert [r.name for r in regions.list_regions(ctx.uow(), dialog.current_kind().id)] == ["東信", "北信地域"]
    assert dialog.rename_kind("広域圏") and dialog.current_kind().name == "広域圏"
    assert not dialog.delete_region()  # the question is answered No
    message_boxes.answer = QMessageBox.StandardButton.Yes
    assert dialog.delete_region() and dialog.region_list.count() == 1
    assert dialog.delete_kind()
    assert [k.name for k in regions.list_kinds(ctx.uow())] == defaults


def test_memberships_set_by_cell_and_selection(qtbot: Any, shell: Any, ctx: Any, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, shell)
    dialog.add_kind("広域")
    dialog.add_region("東信")
    dialog.add_region("北信")
    col = dialog.table.columnCount() - 1
    kind = dialog.current_kind()
    east, north = regions.list_regions(ctx.uow(), kind.id)
    dialog.set_cells(0, col, east.id)  # nothing selected: only this row
    assert regions.member_counts(ctx.uow(), kind.id) == {east.id: 1}
    # select rows 2..5 of the column, choose once through the cell's drop-down
    model = dialog.table.model()
    sel = dialog.table.selectionModel()
    sel.clearSelection()
    for row in range(2, 6):
        sel.select(model.index(row, col), QItemSelectionModel.SelectionFlag.Select)
    sel.setCurrentIndex(model.index(3, col), QItemSelectionModel.SelectionFlag.NoUpdate)
    dialog.table.edit(model.index(3, col))
    combo = dialog.table.findChild(QComboBox)
    assert combo is not None and [combo.itemText(i) for i in range(combo.count())] == [regions.UNASSIGNED, "東信", "北信"]
    combo.setCurrentIndex(2)
    combo.activated.emit(2)
    qtbot.waitUntil(lambda: regions.member_counts(ctx.uow(), kind.id).get(north.id) == 4, timeout=2000)
    assert dialog.table.item(4, col).text() == "北信" and dialog.table.item(1, col).text() == regions.UNASSIGNED
    assert "未設定のセル" in dialog.summary_label.text()
    dialog.filter_edit.setText("松本")
    shown = [r for r in range(dialog.table.rowCount()) if not dialog.table.isRowHidden(r)]
    assert [dialog.table.item(r, 1).text() for r in shown] == ["松本市"]
    dialog.filter_edit.clear()
    dialog.set_cells(0, col, None)  # back to 未設定
    assert regions.member_counts(ctx.uow(), kind.id) == {north.id: 4}
    dialog.grab().save(str(tmp_path / "regions.png"))


def test_dashboard_opens_regions_and_follows(qtbot: Any, shell: Any, ctx: Any, monkeypatch: Any) -> None:
    from sasaeai_desktop.gui.dialogs import regions_dialog
    from sasaeai_desktop.gui.pages.progress_dashboard import ProgressDashboardPage

    page = ProgressDashboardPage(shell)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    before = page.kind_combo.count()

    def fake_exec(dialog: Any) -> int:
        dialog.add_kind("新しい圏域")
        return 0

    monkeypatch.setattr(regions_dialog.RegionsDialog, "exec", fake_exec)
    page.regions_button.click()
    qtbot.waitUntil(lambda: page.kind_combo.count() == before + 1, timeout=2000)
    assert page.kind_combo.findText("新しい圏域") >= 0


def test_settings_page_opens_regions(qtbot: Any, shell: Any, monkeypatch: Any) -> None:
    from sasaeai_desktop.gui.dialogs import regions_dialog
    from sasaeai_desktop.gui.pages.settings_page import SettingsPage

    opened: list[int] = []
    monkeypatch.setattr(regions_dialog.RegionsDialog, "exec", lambda d: opened.append(d.table.rowCount()) or 0)
    page = SettingsPage(shell)
    qtbot.addWidget(page)
    page.regions_button.click()
    assert opened == [77]


def test_regions_through_excel(qtbot: Any, shell: Any, ctx: Any, tmp_path: Path, message_boxes: Any) -> None:
    from openpyxl import load_workbook

    dialog = _dialog(qtbot, shell)
    path = tmp_path / "r.xlsx"
    assert dialog.export_excel(str(path))
    assert not dialog.import_excel(str(path))  # our own export: nothing to change
    assert message_boxes.texts()[-1] == "変更はありません。"
    wb = load_workbook(path)
    ws = wb.active
    head = next(r for r in range(1, 6) if ws.cell(r, 1).value == "コード")
    ws.cell(head, ws.max_column + 1, "広域")
    ws.cell(head + 1, ws.max_column, "東信")
    wb.save(path)
    assert not dialog.import_excel(str(path))  # asked, answered No: nothing written
    assert "新しい種類: 広域" in message_boxes.texts()[-1] and dialog.kind_list.count() == 3
    message_boxes.answer = QMessageBox.StandardButton.Yes
    assert dialog.import_excel(str(path))
    assert dialog.kind_list.count() == 4 and dialog.table.item(0, dialog.table.columnCount() - 1).text() == "東信"


def test_a_people_list_is_not_read_as_regions(qtbot: Any, shell: Any, tmp_path: Path, message_boxes: Any) -> None:
    """Issue 20 item 11: the window says the file is another list and writes no kinds 氏名/電話."""
    from tests.excel_books import PEOPLE_HEADER
    from tests.excel_books import book

    dialog = _dialog(qtbot, shell)
    kinds = dialog.kind_list.count()
    path = book(tmp_path / "people.xlsx", [PEOPLE_HEADER, ["青木 一", "あおき はじめ", "市町村職員", "長野市", "", "", "026-000-0000"]])
    message_boxes.answer = QMessageBox.StandardButton.Yes
    assert not dialog.import_excel(str(path))
    assert "圏域の一覧ではありません" in message_boxes.texts()[-1] and dialog.kind_list.count() == kinds
