"""Scenario 6, a handout for a municipality, through the main window (domain.md, "A day's work").

A town asks for advisors on 移動支援. The officer opens アドバイザー, narrows the list to the field
by typing in its drop-down, opens 「名簿PDFを作成…」, keeps the Excel copy ticked and prints. The
PDF and the workbook are read back: only advisors of that field active this 年度, and a phone
number or e-mail address only where the advisor consented to publish that very item.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog

from sasaeai_desktop.services.advisors import roster as advisors

from .helpers import copy_database
from .helpers import sql
from .helpers import type_text
from .helpers import wait_loaded
from .helpers import when_modal

TODAY = dt.date(2026, 5, 11)
FIELD = "移動支援"


@pytest.fixture
def db_path(tmp_path: Path, demo_database: Any) -> Path:
    """Overrides tests/gui/conftest.py: the demo data of this scenario's day."""
    return copy_database(demo_database(seed=7, today=TODAY), tmp_path / "demo.db")


@pytest.fixture
def demo_window(window: Any) -> Any:
    return window


def _advisors(db_path: Path, fy: int) -> list[tuple[str, str, str, bool, bool, set[str]]]:
    """(name, phone, email, phone consented, email consented, fields) of every advisor active in ``fy``."""
    rows = sql(db_path, """
        SELECT a.id, p.name, coalesce(p.phone, ''), coalesce(p.email, ''), coalesce(a.publish_phone, 0),
               coalesce(a.publish_email, 0)
        FROM advisor a JOIN person p ON p.id = a.person_id
        WHERE a.deleted = 0 AND (a.active_from_fy IS NULL OR a.active_from_fy <= ?)
          AND (a.active_to_fy IS NULL OR a.active_to_fy >= ?)""", fy, fy)
    fields: dict[str, set[str]] = {}
    for aid, name in sql(db_path, """SELECT x.advisor_id, f.name FROM advisor_field x
                                     JOIN activity_field f ON f.id = x.field_id WHERE x.deleted = 0"""):
        fields.setdefault(aid, set()).add(name)
    return [(name, phone, email, bool(pp), bool(pe), fields.get(aid, set())) for aid, name, phone, email, pp, pe in rows]


def test_handout_for_a_town_asking_about_mobility(qtbot: Any, demo_window: Any, db_path: Path, tmp_path: Path,
                                                   message_boxes: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    win = demo_window
    QTest.keyClick(win, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = win.current_page()
    wait_loaded(qtbot, page)
    # The field drop-down, by typing its first characters.
    page.field_combo.setFocus()
    type_text(page.field_combo, "移動")
    assert page.field_combo.currentText().startswith(FIELD)
    fy = advisors.current_fiscal_year()
    people = _advisors(db_path, fy)
    wanted = [p for p in people if FIELD in p[5]]
    others = [p for p in people if FIELD not in p[5]]
    assert wanted and others
    qtbot.waitUntil(lambda: page.model.rowCount() == len(sql(
        db_path, "SELECT 1 FROM advisor_field x JOIN activity_field f ON f.id = x.field_id "
                 "JOIN advisor a ON a.id = x.advisor_id WHERE f.name = ? AND x.deleted = 0 AND a.deleted = 0", FIELD)),
        timeout=3000)
    win.resize(1366, 768)
    win.grab().save(str(tmp_path / "advisors_filtered.png"))

    target = tmp_path / "移動支援_アドバイザー名簿.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    seen: dict[str, Any] = {}

    def fill(dialog: QDialog) -> None:
        seen["dialog"] = dialog
        dialog.resize(1366, 728)
        dialog.grab().save(str(tmp_path / "handout_dialog.png"))
        # The list on the page was narrowed to 移動支援: the handout starts from the same field.
        assert dialog.options().fields == (FIELD,)
        dialog.excel_check.setFocus()
        QTest.keyClick(dialog.excel_check, Qt.Key.Key_Space)
        assert dialog.excel_check.isChecked()
        QTest.keyClick(dialog.excel_check, Qt.Key.Key_Return)

    when_modal(fill)
    page.handout_button.click()
    qtbot.waitUntil(lambda: bool(message_boxes.shown), timeout=20000)
    assert "保存しました" in message_boxes.shown[-1][2], message_boxes.shown
    # The page listed everyone of the field; the handout only those active this 年度, and says who not.
    inactive = [n for (n,) in sql(db_path, """
        SELECT DISTINCT p.name FROM advisor a JOIN person p ON p.id = a.person_id
        JOIN advisor_field x ON x.advisor_id = a.id JOIN activity_field f ON f.id = x.field_id
        WHERE f.name = ? AND x.deleted = 0 AND a.deleted = 0
          AND NOT ((a.active_from_fy IS NULL OR a.active_from_fy <= ?) AND (a.active_to_fy IS NULL OR a.active_to_fy >= ?))""",
        FIELD, fy, fy)]
    assert inactive and all(n in message_boxes.shown[-1][2] for n in inactive)
    assert "活動していないアドバイザー" in message_boxes.shown[-1][2]

    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(text.split())
    assert f"絞り込み:活動分野:{FIELD}" in flat and f"掲載{len(wanted)}名" in flat
    for name, phone, email, phone_ok, email_ok, _fields in wanted:
        assert "".join(name.split()) in flat, name
        if phone:
            assert (phone in flat) == phone_ok, (name, phone, phone_ok)
        if email:
            assert (email in flat) == email_ok, (name, email, email_ok)
    for name, phone, email, *_rest in others:
        assert "".join(name.split()) not in flat, name
        assert not phone or phone not in flat
        assert not email or email not in flat

    book = load_workbook(target.with_suffix(".xlsx"))
    cells = " ".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    flat_x = "".join(cells.split())
    for name, phone, email, phone_ok, email_ok, _fields in wanted:
        assert "".join(name.split()) in flat_x, name
        if phone:
            assert (phone in flat_x) == phone_ok, (name, phone)
        if email:
            assert (email in flat_x) == email_ok, (name, email)
    for name, phone, email, *_rest in others:
        assert "".join(name.split()) not in flat_x, name
        assert not phone or phone not in flat_x
        assert not email or email not in flat_x
