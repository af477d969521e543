"""A .sync file opened from outside (the installer's file association runs
``SasaeAI.exe gui --sync-file "%1"``) is read on the 同期 page by the page's own flow: passphrase,
preview, 取り込みますか？, import — without the file dialog."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from sasaeai_desktop.gui.pages import sync_flows
from sasaeai_desktop.services import people
from tests.cli_runner import CliRunner
from tests.gui.helpers import sql
from tests.gui.test_sync_page import PASS
from tests.gui.test_sync_page import Pair
from tests.gui.test_sync_page import sync_pair


@pytest.fixture
def pair(shell: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Pair]:
    with sync_pair(shell, tmp_path, monkeypatch) as made:
        yield made


def test_the_window_reads_the_file_it_was_opened_with(qtbot: Any, qapp: Any, pair: Pair, ctx: Any, db_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, message_boxes: Any) -> None:
    from sasaeai_desktop.gui.app import Launcher
    from sasaeai_desktop.gui.main_window import MainWindow

    people.save(pair.laptop.uow(), replace(people.get(pair.laptop.uow(), pair.person), phone="026-111-1111"))
    sent = pair.laptop_sends("from-tanaka.sync")
    monkeypatch.setattr(sync_flows, "ask_passphrase", lambda *_a, **_k: PASS)

    def no_dialog(*_a: Any) -> list[str]:
        raise AssertionError("the file dialog must not open for a file given at start")

    monkeypatch.setattr(sync_flows, "choose_open_paths", no_dialog)
    message_boxes.answer = QMessageBox.StandardButton.Yes

    launcher = Launcher(qapp, str(db_path), screenshot=None, page=None, sync_file=str(sent))
    assert launcher.page == "sync"
    launcher.ctx = ctx  # the office's database (pair.office is a shell over it)
    window = launcher.window = MainWindow(None, initial_page=launcher.page)
    qtbot.addWidget(window)
    try:
        launcher.open_window(("20", "長野県"))
        qtbot.waitUntil(lambda: sql(db_path, "SELECT phone FROM person WHERE id = ?", pair.person) == [("026-111-1111",)], timeout=20000)
        qtbot.waitUntil(lambda: any("取り込みました" in text for _kind, _title, text in message_boxes.shown), timeout=20000)
        assert [title for _kind, title, _text in message_boxes.shown][0].startswith("同期ファイルの読み込み")
    finally:
        qapp.setQuitOnLastWindowClosed(True)


def test_sync_file_must_exist(sasaeai: CliRunner, tmp_path: Path) -> None:
    done = sasaeai.inside("gui", "--sync-file", str(tmp_path / "nowhere.sync"))
    assert done.returncode == 2 and "nowhere.sync」がありません" in done.stderr
