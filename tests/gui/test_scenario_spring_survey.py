"""Scenario 4, the spring survey, through the main window (domain.md, "A day's work").

The officer makes the 77 forms from the dashboard, mails them out, and over two weeks the returns
come back the way municipalities really send them: most untouched but for a few answers, some
with the hidden identification sheet gone (copied into a fresh workbook), one with no code or
name at all, one where a neighbouring town wrote over another's form, one with 「H29.4」 as the
移行時期. Each week the officer collects the folder, names the unknown return from the drop-down,
ticks field by field what to accept, and in the end prints the compiled table (Excel and PDF) for
the 情報交換会. Everything is checked on the files and the database, not on the widgets.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog

from .helpers import copy_database
from .helpers import sql
from .helpers import type_text
from .helpers import when_modal

TODAY = dt.date(2026, 5, 11)
FY = 2026


@pytest.fixture
def db_path(tmp_path: Path, demo_database: Any) -> Path:
    """Overrides tests/gui/conftest.py: the demo data of this scenario's day."""
    return copy_database(demo_database(seed=7, today=TODAY), tmp_path / "demo.db")


@pytest.fixture
def demo_window(window: Any) -> Any:
    return window


def _answer(path: Path, answers: dict[str, Any], *, strip: bool = False, head: dict[str, Any] | None = None) -> None:
    """Fill a form as a municipality does: type into the 回答 column (D) of the rows whose hidden
    key (column A) is named; ``strip`` deletes the hidden sheet (a return copied into a new book)."""
    wb = load_workbook(path)
    ws = wb["調査票"]
    for row in ws.iter_rows():
        key = row[0].value
        if key in answers:
            row[3].value = answers[key]
        if head and key in head:
            row[3].value = head[key]
    if strip:
        del wb["_sasaeai"]
    wb.save(path)


def _muni(db_path: Path, name: str) -> tuple[str, str]:
    (mid, code), = sql(db_path, "SELECT id, code FROM municipality WHERE name = ?", name)
    return mid, code


def _status(db_path: Path, name: str, column: str) -> Any:
    (value,), = sql(db_path, f"SELECT s.{column} FROM municipality_status s JOIN municipality m "
                             "ON m.id = s.municipality_id WHERE m.name = ? AND s.fiscal_year = ? AND s.deleted = 0",
                    name, FY)
    return value


def _form(folder: Path, name: str) -> Path:
    (path,) = folder.glob(f"*_{name}_取組状況調査票_{FY}.xlsx")
    return path


def _wait_message(qtbot: Any, boxes: Any, count: int) -> str:
    qtbot.waitUntil(lambda: len(boxes.shown) >= count, timeout=20000)
    return boxes.shown[count - 1][2]


def _items(dialog: Any) -> dict[tuple[str, str], Any]:
    return {(r.name, c.key): (item, c) for item, r, c, _combo in dialog.items}


def _tick(dialog: Any, name: str, key: str, want: bool) -> None:
    """Walk the tree with the arrow keys to the field and press Space if its tick is not ``want``."""
    tree = dialog.tree
    tree.setFocus()
    target, _c = _items(dialog)[(name, key)]
    QTest.keyClick(tree, Qt.Key.Key_Home)
    for _ in range(400):
        if tree.currentItem() is target:
            break
        QTest.keyClick(tree, Qt.Key.Key_Down)
    assert tree.currentItem() is target, (name, key)
    checked = target.checkState(0) == Qt.CheckState.Checked
    if checked != want:
        QTest.keyClick(tree, Qt.Key.Key_Space)
    assert (target.checkState(0) == Qt.CheckState.Checked) == want, (name, key)


def test_spring_survey(qtbot: Any, demo_window: Any, db_path: Path, tmp_path: Path, message_boxes: Any,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    win = demo_window
    QTest.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    page = win.current_page()
    qtbot.waitUntil(lambda: page.year_combo.currentData() == FY, timeout=5000)

    # --- make the 77 forms -------------------------------------------------------------------------
    forms = tmp_path / "調査票_送付"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(forms))
    page.make_button.click()
    said = _wait_message(qtbot, message_boxes, 1)
    insurers = sql(db_path, "SELECT count(*) FROM municipality WHERE kind IN ('市', '町', '村') AND deleted = 0")[0][0]
    assert insurers == 77 and "77 件" in said
    assert len(list(forms.glob("*.xlsx"))) == 77

    # --- week 1: four returns in the mail tray ----------------------------------------------------
    tray = tmp_path / "返送"
    tray.mkdir()
    for name in ("松本市", "上田市", "岡谷市", "飯田市"):
        shutil.copy(_form(forms, name), tray)
    _answer(_form(tray, "松本市"), {"sc2_placed_areas": 4, "issues": "第2層SCの確保が難しい"})
    _answer(_form(tray, "上田市"), {"transition_date": "H29.4", "council1_meetings_per_year": 6})
    # 岡谷市 pasted its answers into a fresh book: no hidden sheet, code and name still there.
    _answer(_form(tray, "岡谷市"), {"stage": "③ 地域の課題解決", "strengths": "地区社協が活発"}, strip=True)
    # 飯田市's return lost the hidden sheet and the code and name too; the file name is all that is left.
    _answer(_form(tray, "飯田市"), {"council1_meetings_per_year": 12}, strip=True,
            head={"@code": None, "@name": None})
    shutil.move(_form(tray, "飯田市"), tray / "回答（4月28日着）.xlsx")

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tray))
    seen: dict[str, Any] = {}

    def week1(dialog: QDialog) -> None:
        seen["week1"] = dialog
        dialog.resize(1366, 728)
        assert [u.file for u in dialog.plan.unmatched] == ["回答（4月28日着）.xlsx"]
        assert not [p for p in dialog.plan.problems if "上田市" in p.file]  # 「H29.4」 is a month, read as one
        dialog.grab().save(str(tmp_path / "collect_week1_ask.png"))
        # 飯田市's return: the officer knows it from the envelope, goes down the list with the
        # keyboard (passing other towns must not read the return as theirs), then types the name.
        combo = dialog.unmatched_combos["回答（4月28日着）.xlsx"]
        combo.setFocus()
        for _ in range(3):
            QTest.keyClick(combo, Qt.Key.Key_Down)
        assert "回答（4月28日着）.xlsx" in dialog.unmatched_combos and not any(r.name == "長野市" for _i, r, _c, _x in dialog.items)
        type_text(combo, "飯田")
        assert combo.currentText().startswith("飯田市")
        QTest.keyClick(combo, Qt.Key.Key_Return)
        assert dialog.isVisible() and not dialog.unmatched_combos  # Enter read the return, it did not apply
        items = _items(dialog)
        assert {k: c.kind for k, (_i, c) in items.items()} == {
            ("松本市", "sc2_placed_areas"): "clean", ("松本市", "issues"): "clean",
            ("上田市", "transition_date"): "clean", ("上田市", "council1_meetings_per_year"): "clean",
            ("岡谷市", "stage"): "unverified", ("岡谷市", "strengths"): "unverified",
            ("飯田市", "council1_meetings_per_year"): "unverified"}
        assert items[("上田市", "transition_date")][1].returned == dt.date(2017, 4, 1)
        assert dialog.focusWidget() is dialog.tree and dialog.tree.currentItem() is items[("飯田市", "council1_meetings_per_year")][0]
        # Field by field: 飯田市's 12 meetings were confirmed by phone, so is 岡谷市's stage;
        # 岡谷市's 強み is left for the visit.
        QTest.keyClick(dialog.tree, Qt.Key.Key_Space)
        _tick(dialog, "岡谷市", "stage", True)
        _tick(dialog, "岡谷市", "strengths", False)
        QApplication.processEvents()
        dialog.grab().save(str(tmp_path / "collect_week1.png"))
        dialog.apply_button.click()

    when_modal(week1)
    page.collect_button.click()
    qtbot.waitUntil(lambda: "week1" in seen and not seen["week1"].isVisible(), timeout=20000)
    assert _status(db_path, "松本市", "sc2_placed_areas") == 4
    assert _status(db_path, "松本市", "issues") == "第2層SCの確保が難しい"
    assert _status(db_path, "上田市", "transition_date") == "2017-04-01"
    assert _status(db_path, "上田市", "council1_meetings_per_year") == 6
    assert _status(db_path, "岡谷市", "stage") == 3
    assert _status(db_path, "岡谷市", "strengths") != "地区社協が活発"
    assert _status(db_path, "飯田市", "council1_meetings_per_year") == 12

    # --- week 2: more returns join the same tray ------------------------------------------------------
    chino_id, chino_code = _muni(db_path, "茅野市")
    for name in ("諏訪市", "須坂市", "長野市"):
        shutil.copy(_form(forms, name), tray)
    # 茅野市 got 諏訪市's form by mistake and wrote its own code and name over it.
    _answer(_form(tray, "諏訪市"), {"stage": "② ニーズと担い手の掘り起こし"}, head={"@code": chino_code, "@name": "茅野市"})
    _answer(_form(tray, "須坂市"), {"support_wanted": "協議体運営の助言がほしい"})
    # 松本市 sends a corrected copy: 5 areas now (4 was stored last week).
    corrected = tray / "松本市_修正版.xlsx"
    shutil.copy(_form(forms, "松本市"), corrected)
    _answer(corrected, {"sc2_placed_areas": 5, "issues": "第2層SCの確保が難しい"})

    suwa_stage = _status(db_path, "諏訪市", "stage")

    def week2(dialog: QDialog) -> None:
        seen["week2"] = dialog
        dialog.resize(1366, 728)
        problems = [p.text() for p in dialog.plan.problems]
        assert any("諏訪市" in p and f"{chino_code}（茅野市）" in p and "取り込みません" in p for p in problems)
        assert dialog.tree.height() > 2 * dialog.problems.height()  # one problem line, many changes
        # Last week's 飯田市 envelope is still in the tray: it is not asked about again.
        assert not dialog.plan.unmatched and dialog.unmatched_box.isHidden()
        # Returns taken last week, and 長野市's untouched form, are named once, not listed to decide.
        assert [name for _c, name in dialog.plan.unchanged] == ["長野市", "上田市", "飯田市"]
        assert "長野市、上田市、飯田市" in dialog.head.text()
        items = _items(dialog)
        assert {k: c.kind for k, (_i, c) in items.items()} == {
            ("松本市", "sc2_placed_areas"): "conflict",  # 5 in the corrected copy, 4 stored last week
            ("岡谷市", "strengths"): "unverified",  # still waiting for the visit (「（）」 as stored is no change)
            ("須坂市", "support_wanted"): "clean"}
        _tick(dialog, "松本市", "sc2_placed_areas", True)
        QApplication.processEvents()
        dialog.grab().save(str(tmp_path / "collect_week2.png"))
        # The problems go back to 諏訪市 and 茅野市 as a workbook, saved beside the returns.
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _p, _t, default, _f: (default, ""))
        dialog.errors_button.click()
        # Enter from the list applies what is ticked, as the dialog's default button.
        QTest.keyClick(dialog.tree, Qt.Key.Key_Return)

    when_modal(week2)
    page.collect_button.click()
    qtbot.waitUntil(lambda: "week2" in seen and not seen["week2"].isVisible(), timeout=20000)
    assert _status(db_path, "松本市", "sc2_placed_areas") == 5
    errors = load_workbook(tray / f"_回収エラー_{FY}.xlsx")
    listed = [row for row in errors["問題一覧"].iter_rows(min_row=4, values_only=True)]
    assert [(r[0], r[1]) for r in listed] == [(_form(tray, "諏訪市").name, f"{_form(tray, '諏訪市').name}!D4")]
    assert "茅野市" in listed[0][2]
    assert _status(db_path, "須坂市", "support_wanted") == "協議体運営の助言がほしい"
    assert _status(db_path, "諏訪市", "stage") == suwa_stage  # the overwritten form changed nobody
    assert not sql(db_path, "SELECT 1 FROM municipality_status WHERE municipality_id = ? AND fiscal_year = ? "
                            "AND stage = 2 AND source = '調査票' AND updated_at > ?", chino_id, FY, "2026-12-01")

    # --- the compiled table for the 情報交換会 ------------------------------------------------------
    count = len(message_boxes.shown)
    for suffix in (".xlsx", ".pdf"):
        target = tmp_path / f"取組状況一覧_{FY}{suffix}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, t=target, **k: (str(t), ""))
        page.table_button.click()
        count += 1
        assert "保存しました" in _wait_message(qtbot, message_boxes, count)
    wb = load_workbook(tmp_path / f"取組状況一覧_{FY}.xlsx")
    rows = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            texts = [str(v) for v in row if v is not None]
            for name in ("松本市", "上田市", "岡谷市", "飯田市", "須坂市", "諏訪市"):
                if name in texts:
                    rows[name] = " ".join(texts)
    assert "5/6圏域" in rows["松本市"] and "第2層SCの確保が難しい" in rows["松本市"]
    assert "2017年4月" in rows["上田市"] and "年6回" in rows["上田市"]
    assert "年12回" in rows["飯田市"] and "③ 地域の課題解決" in rows["岡谷市"] and "地区社協が活発" not in rows["岡谷市"]
    assert "協議体運営の助言がほしい" in rows["須坂市"]
    names = [n for (n,) in sql(db_path, "SELECT name FROM municipality WHERE deleted = 0")]
    pdf = subprocess.run(["pdftotext", "-layout", str(tmp_path / f"取組状況一覧_{FY}.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    flat = "".join(pdf.split())
    assert "令和8年度市町村の取組状況（市町村間情報交換用）" in flat
    # The name column holds four characters a line (野沢温泉 / 村): look for the first four.
    assert [n for n in names if n[:4] not in flat] == [] and len(names) == 77
    assert "年12回" in flat and "5/6圏域" in flat

    # The one-page report of the dashboard goes into the same folder for the meeting.
    report = tmp_path / f"取組状況_{FY}.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(report), ""))
    page.pdf_button.click()
    count += 1
    assert "保存しました" in _wait_message(qtbot, message_boxes, count)
    one = "".join(subprocess.run(["pdftotext", str(report), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "令和8年度" in one and "長野県" in one
    win.resize(1366, 768)
    win.grab().save(str(tmp_path / "dashboard_after.png"))
