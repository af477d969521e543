"""The booklet by keyboard alone, through the real main window: Ctrl+6 opens 地域資源 (the cursor in
its search box), Tab walks to the 圏域 and 種類 filters, the arrow keys choose them, Tab reaches
「事例集PDF…」 and Space presses it (Alt+B does too); the file chooser (the system's, not ours) is
answered with a path in a temporary folder, and the PDF is read back: pages, only the filtered
entries, the 圏域 on its pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.pages.catalogue_page import CataloguePage
from sasaeai_desktop.services.catalogue import entries
from sasaeai_desktop.services.progress import regions

from .helpers import sql
from .helpers import wait_loaded


def _tab_to(qtbot: Any, target: QWidget, limit: int = 30) -> int:
    """Press Tab until ``target`` has the focus; returns how many presses it took."""
    for presses in range(1, limit + 1):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is target:
            return presses
    pytest.fail(f"Tab never reached {target.objectName()} (stopped at {QApplication.focusWidget()!r})")


def _arrow_to(combo: QComboBox, text: str) -> None:
    """Down arrow on the focused drop-down until it shows ``text``."""
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        QTest.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def test_booklet_by_keyboard_from_the_catalogue_page(qtbot: Any, window: Any, shell: Any, db_path: Path,
                                                     tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ueda, matsumoto = (sql(db_path, "SELECT id FROM municipality WHERE name = ?", n)[0][0] for n in ("上田市", "松本市"))
    kind = regions.create_kind(shell.uow(), "テスト圏域")
    east = regions.create_region(shell.uow(), kind.id, "東信")
    regions.assign(shell.uow(), kind.id, east.id, [ueda])
    for name, mid, what in (("上田のサロン", ueda, "サロン"), ("上田の見守り", ueda, "見守り"),
                            ("松本のサロン", matsumoto, "サロン")):
        entries.save(shell.uow(), entries.EntryData(None, name, what, mid, content="体操と茶話会", publishable=True))
    asked: list[str] = []
    target = tmp_path / "東信のサロン.pdf"

    def save_as(_parent: Any, caption: str, *_a: Any, **_k: Any) -> tuple[str, str]:
        asked.append(caption)
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    win = window
    QTest.keyClick(win, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = win.current_page()
    assert isinstance(page, CataloguePage)
    wait_loaded(qtbot, page)
    assert QApplication.focusWidget() is page.search_edit  # what is typed next searches
    win.resize(1366, 768)

    _tab_to(qtbot, page.region_combo)
    _arrow_to(page.region_combo, "テスト圏域：東信")
    qtbot.waitUntil(lambda: page.model.total == 2, timeout=3000)
    _tab_to(qtbot, page.kind_combo)
    _arrow_to(page.kind_combo, "サロン")
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=3000)
    _tab_to(qtbot, page.booklet_button)
    QTest.keyClick(page.booklet_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.booklet_task is not None, timeout=3000)
    with qtbot.waitSignal(page.booklet_task.finished, timeout=20000):
        pass
    assert asked == ["事例集PDFの保存先"]
    assert target.is_file()
    pdf = PdfReader(target)
    assert len(pdf.pages) >= 2  # the cover and the entry's page at least
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in pdf.pages))
    assert "上田のサロン" in text and "圏域:東信" in text
    assert "上田の見守り" not in text and "松本のサロン" not in text
    assert f"{len(pdf.pages)}ページ" in page.note_label.text()

    target.unlink()  # the same again by its access key, from wherever the cursor is
    page.search_edit.setFocus()
    QTest.keyClick(page.search_edit, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(asked) == 2, timeout=3000)
    with qtbot.waitSignal(page.booklet_task.finished, timeout=20000):
        pass
    assert target.is_file() and len(PdfReader(target).pages) == len(pdf.pages)
