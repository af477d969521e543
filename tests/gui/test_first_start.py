"""First start: choose the prefecture, create its municipalities off the GUI thread, open the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.gui.app import Launcher
from sasaeai_desktop.gui.dialogs.prefecture_chooser import PrefectureChooser
from sasaeai_desktop.gui.main_window import MainWindow
from sasaeai_desktop.io import master_data
from sasaeai_desktop.services import setup


@pytest.fixture
def fresh_ctx(tmp_path: Path) -> Any:
    ctx = open_database(tmp_path / "new.db")
    yield ctx
    ctx.close()


def test_chooser_lists_47_prefectures_and_needs_a_choice(qtbot: Any) -> None:
    chooser = PrefectureChooser(master_data.prefectures())
    qtbot.addWidget(chooser)
    assert chooser.combo.count() == 48  # 「選んでください」 + 47
    assert not chooser.ok_button.isEnabled()
    chooser.select_code("20")
    assert chooser.ok_button.isEnabled()
    selected = chooser.selected()
    assert selected is not None and selected.name == "長野県"


def test_first_start_initialises_and_opens_the_window(
    qtbot: Any, qapp: Any, fresh_ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def choose(self: PrefectureChooser) -> int:
        self.select_code("20")
        return int(PrefectureChooser.DialogCode.Accepted.value)

    monkeypatch.setattr(PrefectureChooser, "exec", choose)
    launcher = Launcher(qapp, str(fresh_ctx.db_path), screenshot=None, page="municipalities")
    launcher.ctx = fresh_ctx  # as load() leaves it after opening the database
    window = launcher.window = MainWindow(None, initial_page="municipalities")  # painted before the data
    qtbot.addWidget(window)
    assert window.windowTitle() == "SasaeAI Desktop" and not window.navigation.isEnabled()
    assert launcher._first_start()
    qtbot.waitUntil(lambda: window.shell is not None, timeout=5000)
    assert window.windowTitle() == "SasaeAI Desktop — 長野県"
    assert setup.current_prefecture(fresh_ctx.uow()) == ("20", "長野県")
    page = window.current_page()
    qtbot.waitUntil(page.is_data_ready, timeout=3000)
    assert page.model.total == 77


def test_cancelling_the_chooser_creates_nothing(
    qtbot: Any, qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PrefectureChooser, "exec", lambda self: int(PrefectureChooser.DialogCode.Rejected.value))
    exits: list[int] = []
    monkeypatch.setattr(qapp, "exit", lambda code=0: exits.append(code))
    launcher = Launcher(qapp, str(tmp_path / "new.db"), screenshot=None, page=None)
    launcher.window = MainWindow(None)
    qtbot.addWidget(launcher.window)
    launcher.load()  # what runs after the first paint
    assert exits == [0] and launcher.exit_code == 0
    assert launcher.ctx is not None
    assert setup.current_prefecture(launcher.ctx.uow()) is None
    launcher.close_database()
    assert list(tmp_path.iterdir()) == []  # no empty database, no lock file left behind
    qapp.setQuitOnLastWindowClosed(True)


def test_cancelling_keeps_a_database_that_was_there(
    qtbot: Any, qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(tmp_path / "old.db").close()  # a file of the user's, without a prefecture yet
    monkeypatch.setattr(PrefectureChooser, "exec", lambda self: int(PrefectureChooser.DialogCode.Rejected.value))
    monkeypatch.setattr(qapp, "exit", lambda code=0: None)
    launcher = Launcher(qapp, str(tmp_path / "old.db"), screenshot=None, page=None)
    launcher.window = MainWindow(None)
    qtbot.addWidget(launcher.window)
    launcher.load()
    launcher.close_database()
    assert (tmp_path / "old.db").exists()
    qapp.setQuitOnLastWindowClosed(True)
