"""A damaged database at start-up: the window says so in a box and ends (exit 2), writing nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.services import setup
from tests.integration.test_damaged_database import damage


@pytest.mark.parametrize("page", ["people", "activities"])  # a page the start-up often shows first, and another
def test_a_damaged_database_is_said_in_a_box_and_left_alone(tmp_path: Path, message_boxes: Any, page: str) -> None:
    from sasaeai_desktop.gui.app import run_gui

    path = tmp_path / "data.db"
    ctx = open_database(path)
    setup.init_prefecture(ctx.uow(), "長野県")
    ctx.close()
    damage(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    give_up = QTimer()  # a window that opened the damaged file would wait for a person: fail instead
    give_up.setSingleShot(True)
    give_up.timeout.connect(QApplication.instance().quit)
    give_up.start(20_000)
    try:
        assert run_gui(str(path), page=page) == 2
    finally:
        give_up.stop()
    kind, _title, text = message_boxes.shown[-1]
    assert kind == "critical" and "壊れています" in text and "正常なバックアップは見つかりませんでした" in text
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
