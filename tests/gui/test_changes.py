"""What changed → which pages reload: a write through a service, from the window or from the
background lane, reaches the pages that show its records — and only those — with nobody
announcing it (no ``emit`` exists)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sasaeai_desktop.db import change_capture
from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui import tasks
from sasaeai_desktop.gui.main_window import MainWindow
from sasaeai_desktop.services import people

from .helpers import wait_loaded


def _shown(qtbot: Any, window: MainWindow, key: str) -> Any:
    window.show_page(key)
    page = window.current_page()
    wait_loaded(qtbot, page)
    return page


def test_a_save_in_the_window_reloads_the_pages_that_show_it(qtbot: Any, window: MainWindow, shell: Any) -> None:
    municipalities_page = _shown(qtbot, window, "municipalities")
    people_page = _shown(qtbot, window, "people")
    people_before = people_page.model.blocks_fetched
    municipalities_before = municipalities_page.model.blocks_fetched
    people.save(shell.uow(), people.PersonData(None, "山田 太郎", "やまだ たろう"))
    assert people_page.model.blocks_fetched > people_before  # visible: re-queried at once
    # the 市町村 list shows no person: not reloaded, not even marked for later
    assert municipalities_page.model.blocks_fetched == municipalities_before
    assert not municipalities_page._stale


def test_a_write_on_the_lane_reaches_the_pages(qtbot: Any, window: MainWindow, shell: Any) -> None:
    people_page = _shown(qtbot, window, "people")
    before = people_page.model.blocks_fetched
    handle = tasks.run_task(
        None, lambda _p, _a: people.save(shell.uow(), people.PersonData(None, "鈴木 花子", "すずき はなこ")),
        title="保存", on_success=lambda _r: None,
    )
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    qtbot.waitUntil(lambda: people_page.model.blocks_fetched > before, timeout=3000)


def test_every_table_a_page_may_show_has_its_kinds(db_path: Path) -> None:
    """A table added later must say here which pages show it; a forgotten one would never refresh."""
    con = sqlite3.connect(db_path)
    try:
        synced = set(change_capture.synced_tables(con))
    finally:
        con.close()
    assert synced == set(changes.TABLE_KINDS) - {"local_setting"}
    assert all(changes.TABLE_KINDS.values())


def test_a_hub_first_reached_from_the_lane_lives_with_the_pages(qtbot: Any, monkeypatch: Any) -> None:
    """Without a window, the first commit to report may run on the task lane: the hub made there
    still belongs to the GUI thread, so a later report from the GUI thread arrives at once."""
    import threading

    from PySide6.QtCore import QCoreApplication

    monkeypatch.setattr(changes, "_hub", None)
    first = threading.Thread(target=changes.hub)
    first.start()
    first.join()
    assert changes.hub().thread() is QCoreApplication.instance().thread()
    seen: list[frozenset[str]] = []
    changes.hub().changed.connect(seen.append)
    changes.written(frozenset({"person"}))
    assert seen == [frozenset({"people"})]
