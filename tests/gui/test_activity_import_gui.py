"""The import dialog for the visit and consultation logs (issue 6), offscreen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sasaeai_desktop.gui.dialogs import import_dialog
from sasaeai_desktop.gui.dialogs.import_dialog import ImportDialog
from tests.excel_books import book


def test_kind_list_offers_the_logs_and_previews_a_visit_sheet(qtbot: Any, shell: Any, tmp_path: Path) -> None:
    dialog = ImportDialog(shell, "visits")
    qtbot.addWidget(dialog)
    kinds = [dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())]
    assert {"visits", "consultations"} <= set(kinds) and dialog.kind_combo.currentData() == "visits"
    path = book(tmp_path / "訪問.xlsx", [["訪問日", "市町村", "フォローアップ"], ["R7.6.10", "松本市", "資料を送る 期限2025-06-01"]],
                sheet="訪問記録")
    dialog.show()
    dialog.set_file(path)
    assert dialog.task is not None
    if not dialog.task.done:
        with qtbot.waitSignal(dialog.task.finished, timeout=20000):
            pass
    assert dialog.plan is not None and dialog.plan.ok
    assert dialog.model.index(0, 1).data() == "新規" and dialog.model.index(0, 2).data() == "2025-06-10 松本市"
    assert "より前です" in dialog.model.index(0, 3).data()  # the warning is shown with the row


def test_file_menu_import_on_the_activities_page_opens_the_visit_log(window: Any, monkeypatch: Any) -> None:
    opened: list[str] = []
    monkeypatch.setattr(import_dialog, "open_import_dialog", lambda parent, shell, kind: opened.append(kind))
    window.show_page("activities")
    window.import_excel()
    window.show_page("people")
    window.import_excel()
    assert opened == ["visits", "people"]
