"""A workbook the guard refuses, opened from the window: a message box, and the window lives on.

The dialogs read the book in the window's process, so before the guard a hostile book aborted
the whole program. The guard's limits are lowered here so that a small, harmless book stands in
for a hostile one (a real one would abort the test run if the guard ever regressed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sasaeai_desktop.io.excel import workbook_guard
from tests.excel_books import people_book

from .test_import_dialog import _open


@pytest.fixture
def low_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook_guard, "LIMITS", workbook_guard.WorkbookLimits(max_rows=5))


def _too_long(tmp_path: Path) -> Path:
    rows = [[f"佐藤 {i}", f"さとう {i}", "第1層SC", "松本市"] for i in range(10)]
    return people_book(tmp_path / "名簿.xlsx", rows)


def test_the_import_dialog_shows_the_refusal(qtbot: Any, shell: Any, tmp_path: Path, message_boxes: Any,
                                             low_limits: None) -> None:
    dialog = _open(qtbot, shell, _too_long(tmp_path))
    assert dialog.plan is None and not dialog.import_button.isEnabled() and dialog.isVisible()
    assert any("「名簿.xlsx」" in text and "上限は 5 行" in text for text in message_boxes.texts()), message_boxes.texts()


def test_the_regions_dialog_shows_the_refusal(qtbot: Any, shell: Any, tmp_path: Path, message_boxes: Any,
                                              low_limits: None) -> None:
    from sasaeai_desktop.gui.dialogs.regions_dialog import RegionsDialog

    dialog = RegionsDialog(shell)
    qtbot.addWidget(dialog)
    assert not dialog.import_excel(str(_too_long(tmp_path)))
    assert any("上限は 5 行" in text for text in message_boxes.texts()), message_boxes.texts()
