"""The import dialog, offscreen: preview, fixing a column by hand, deciding, importing, cancelling."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.dialogs.import_dialog import ImportDialog
from sasaeai_desktop.services import people
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import mappings
from sasaeai_desktop.services.imports import plan_rows
from tests.excel_books import book
from tests.excel_books import people_book

from .helpers import sql


def _wait(qtbot: Any, dialog: ImportDialog) -> None:
    assert dialog.task is not None
    if not dialog.task.done:
        with qtbot.waitSignal(dialog.task.finished, timeout=20000):
            pass


def _open(qtbot: Any, shell: Any, path: Path, kind: str = "people") -> ImportDialog:
    dialog = ImportDialog(shell, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(path)
    _wait(qtbot, dialog)
    return dialog


def _names(db_path: Path) -> list[str]:
    return [r[0] for r in sql(db_path, "SELECT name FROM person WHERE deleted = 0 ORDER BY kana")]


GOOD = [
    ["佐藤 一郎", "さとう いちろう", "第1層SC", "松本市", "松本市社協", "主任", "0263-34-3000", "sato@example.jp", ""],
    ["鈴木 花子", "すずき はなこ", "市町村職員", "北佐久郡軽井沢町"],
    [],
    ["※ 電話番号は本人の了解を得ています"],
]


def test_preview_then_import(qtbot: Any, shell: Any, db_path: Path, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", GOOD, merge=["A1:I1"])
    dialog = _open(qtbot, shell, path)
    plan = dialog.plan
    assert plan is not None and plan.ok
    assert "見出し: 4行目" in dialog.header_label.text()
    assert dialog.model.rowCount() == 2
    assert dialog.model.index(0, 1).data() == "新規" and dialog.model.index(0, 2).data() == "佐藤 一郎"
    assert "新規 2件" in dialog.summary_label.text()
    assert dialog.mapping_table.rowCount() == 9
    assert dialog.mapping_combo(3).currentData() == "municipality"
    assert dialog.import_button.isEnabled() and not dialog.errors_button.isEnabled()
    assert _names(db_path) == []  # the preview wrote nothing

    seen: list[frozenset[str]] = []
    changes.hub().changed.connect(seen.append)
    try:
        dialog.import_button.click()
        _wait(qtbot, dialog)
    finally:
        changes.hub().changed.disconnect(seen.append)
    assert dialog.result is not None and dialog.result.created == 2
    assert _names(db_path) == ["佐藤 一郎", "鈴木 花子"]
    assert seen and "people" in seen[0]
    assert not dialog.isVisible()  # accepted


def test_problems_keep_the_import_button_off(qtbot: Any, shell: Any, db_path: Path, tmp_path: Path) -> None:
    path = people_book(tmp_path / "名簿.xlsx", [["佐藤 一郎", "さとう", "", "軽井沢"], ["佐藤 一郎", "さとう", "", "軽井沢"], ["鈴木", "すずき"]])
    dialog = _open(qtbot, shell, path)
    assert not dialog.import_button.isEnabled() and dialog.errors_button.isEnabled()
    assert "問題 2件" in dialog.summary_label.text()
    assert dialog.model.index(0, 1).data() == "問題あり"
    assert "候補: 軽井沢町" in dialog.model.index(0, 3).data()
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData("attention"))
    assert dialog.model.rowCount() == 2
    dialog.filter_combo.setCurrentIndex(dialog.filter_combo.findData(plan_rows.CREATE))
    assert dialog.model.rowCount() == 1 and dialog.model.index(0, 2).data() == "鈴木"


def test_fix_a_column_by_hand_and_it_is_remembered(qtbot: Any, shell: Any, tmp_path: Path) -> None:
    path = book(tmp_path / "x.xlsx", [["なまえ", "よみ", "れんらくさき"], ["佐藤", "さとう", "026-232-0111"]])
    dialog = _open(qtbot, shell, path)
    assert not dialog.import_button.isEnabled()
    assert "必要な列「氏名」" in dialog.plan.problems[0].message  # type: ignore[union-attr]
    combo = dialog.mapping_combo(0)
    assert combo is not None and combo.currentData() == ""
    combo.setCurrentIndex(combo.findData("name"))  # re-reads with the column mapped by hand
    _wait(qtbot, dialog)
    phone = dialog.mapping_combo(2)
    assert phone is not None
    phone.setCurrentIndex(phone.findData("phone"))
    _wait(qtbot, dialog)
    assert dialog.plan is not None and dialog.plan.ok and dialog.import_button.isEnabled()
    assert dialog.plan.rows[0].values == {"name": "佐藤", "kana": "さとう", "phone": "026-232-0111"}
    assert list(mappings.remembered_mappings(shell.uow(), "people").values()) == [{0: "name", 2: "phone"}]

    again = _open(qtbot, shell, path)
    assert again.plan is not None and again.plan.ok and "前回手で直した対応" in again.header_label.text()


def test_decide_an_ambiguous_row(qtbot: Any, shell: Any, db_path: Path, tmp_path: Path) -> None:
    with shell.uow() as uow:
        from sqlalchemy import select

        from sasaeai_desktop.db import models as m

        matsumoto = uow.session.scalar(select(m.Municipality.id).where(m.Municipality.code == "202029"))
    pid = people.save(shell.uow(), people.PersonData(None, "田中 直美", "たなか なおみ", municipality_id=matsumoto))
    path = people_book(tmp_path / "名簿.xlsx", [["田中 直美", "", "住民リーダー", "松本市"]])
    dialog = _open(qtbot, shell, path)
    assert not dialog.import_button.isEnabled()
    assert dialog.model.index(0, 1).data() == "要確認"
    dialog.preview.selectRow(0)
    assert dialog.decide_box.isVisibleTo(dialog)
    assert dialog.decide_box.candidate_combo.currentData() == pid and "松本市" in dialog.decide_box.candidate_combo.currentText()
    dialog.decide_box.update_button.click()
    assert dialog.model.index(0, 1).data() == "更新" and "役割" in dialog.model.index(0, 3).data()
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    _wait(qtbot, dialog)
    assert sql(db_path, "SELECT count(*), max(role) FROM person") == [(1, "住民リーダー")]


def test_cancel_the_import_leaves_the_database_unchanged(
    qtbot: Any, shell: Any, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = people_book(tmp_path / "名簿.xlsx", [[f"佐藤 {i}", f"さとう {i}"] for i in range(300)])
    dialog = _open(qtbot, shell, path)
    real_apply = applying.apply_import

    def apply_when_cancelled(uow: Any, plan: Any, *, progress: Any = None, abort: threading.Event) -> Any:
        deadline = time.monotonic() + 10
        while not abort.is_set() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real_apply(uow, plan, progress=progress, abort=abort)

    monkeypatch.setattr(applying, "apply_import", apply_when_cancelled)
    dialog.import_button.click()
    assert not dialog.import_button.isEnabled()  # busy
    dialog.task.cancel()  # type: ignore[union-attr]
    _wait(qtbot, dialog)
    assert dialog.task.cancelled  # type: ignore[union-attr]
    assert "中止しました" in dialog.summary_label.text() and dialog.isVisible()
    assert sql(db_path, "SELECT count(*) FROM person") == [(0,)]
    assert dialog.import_button.isEnabled()  # may try again


def test_not_an_excel_file_shows_the_message(qtbot: Any, shell: Any, tmp_path: Path, message_boxes: Any) -> None:
    path = tmp_path / "名簿.xlsx"
    path.write_text("氏名,ふりがな\n", encoding="utf-8")
    dialog = _open(qtbot, shell, path)
    assert dialog.plan is None and not dialog.import_button.isEnabled()
    assert any("CSV" in text for text in message_boxes.texts())


def test_reachable_from_the_file_menu_and_the_list_pages(qtbot: Any, window: Any) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert "Excelから取り込む…" in [a.text() for a in file_menu.actions()]
    for key in ("municipalities", "people", "advisors"):
        window.show_page(key)
        button = window.page(key).import_button
        assert button.text() == "Excelから取り込む…" and button.isVisible()
    window.show_page("dashboard")
    assert window.import_action.isEnabled()


def test_screenshot(qtbot: Any, shell: Any, tmp_path: Path) -> None:
    """A picture of the dialog with a preview in it (saved beside the test's files)."""
    data = [GOOD[0], GOOD[1], ["高橋 健太", "たかはし けんた", "第2層SC", "軽井沢", "", "", "026-232-0111 内線12"]]
    path = people_book(tmp_path / "名簿.xlsx", data)
    dialog = _open(qtbot, shell, path)
    dialog.resize(1100, 680)  # as it opens on a laptop: offscreen, the screen is 800 wide and the dialog fits it
    dialog.preview.selectRow(2)
    qtbot.wait(50)
    out = tmp_path / "import_dialog.png"
    assert dialog.grab().save(str(out))
    assert out.stat().st_size > 10_000
    assert dialog.preview.horizontalHeader().sectionSize(3) > 200
    assert dialog.model.data(dialog.model.index(2, 1), Qt.ItemDataRole.BackgroundRole) is not None
