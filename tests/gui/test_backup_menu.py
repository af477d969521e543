"""ファイル → バックアップを作成… / バックアップから復元… / 別のデータベースを開く… through the
real window: the restore lists the backups, asks, and the window shows the restored data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.gui.tasks import wait_for_idle
from sasaeai_desktop.services import backups
from sasaeai_desktop.services import people
from sasaeai_desktop.services import setup

from .helpers import copy_database
from .helpers import wait_loaded
from .helpers import when_modal


def _people_shown(qtbot: Any, window: Any) -> int:
    window.show_page("people")
    page = window.current_page()
    wait_loaded(qtbot, page)
    return page.model.total


def test_backup_then_restore_from_the_file_menu_brings_the_window_back(
    qtbot: Any, window: Any, message_boxes: Any, tmp_path: Path
) -> None:
    shell = window.shell
    people.save(shell.uow(), people.PersonData(id=None, name="信州 花子", kana="しんしゅう はなこ"))
    assert [a.text() for a in window.menuBar().actions()[0].menu().actions() if a.text()][2:6] == [
        "バックアップを作成…", "バックアップから復元…", "別のデータベースを開く…", "最近使ったデータベース"]

    window.backup_action.trigger()
    wait_for_idle()
    qtbot.waitUntil(lambda: any("バックアップを作りました" in t for t in message_boxes.texts()), timeout=5000)
    (made,) = backups.list_backups(shell.db_path)
    assert made.trigger == "manual"

    people.save(shell.uow(), people.PersonData(id=None, name="後から 追加", kana="あとから ついか"))
    assert _people_shown(qtbot, window) == 2
    old_ctx = shell.app

    seen: dict[str, Any] = {}

    def choose_first(dialog: Any) -> None:
        table = dialog.table
        seen["rows"] = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
        seen["headers"] = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        dialog.grab().save(str(tmp_path / "restore-dialog.png"))
        table.selectRow(0)
        dialog.restore_button.click()

    message_boxes.answer = QMessageBox.StandardButton.Yes
    when_modal(choose_first)
    window.restore_action.trigger()
    assert not window.centralWidget().isEnabled()  # held while the file is replaced on the lane
    wait_for_idle()
    qtbot.waitUntil(lambda: any("から復元しました" in t for t in message_boxes.texts()), timeout=10000)
    assert window.centralWidget().isEnabled() and window.menuBar().isEnabled()

    assert seen["headers"] == ["日時", "大きさ", "きっかけ", "スキーマ"]
    assert len(seen["rows"]) == 1 and seen["rows"][0][2] == "手動" and seen["rows"][0][3] == made.revision
    question = next(t for k, _title, t in message_boxes.shown if k == "question")
    assert "復元しますか" in question and "復元前" in question
    assert any("から復元しました" in t for t in message_boxes.texts())
    assert shell.app is not old_ctx  # the window is on the database opened again
    try:
        assert _people_shown(qtbot, window) == 1  # the page was built again from the restored data
        assert sorted(r.trigger for r in backups.list_backups(shell.db_path)) == ["manual", "restore"]
        window.grab().save(str(tmp_path / "after-restore.png"))
    finally:
        shell.app.close()


def test_a_damaged_backup_is_refused_in_the_window_and_the_data_stays(
    qtbot: Any, window: Any, message_boxes: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from tests.integration.test_damaged_database import damage

    shell = window.shell
    people.save(shell.uow(), people.PersonData(id=None, name="信州 花子", kana="しんしゅう はなこ"))
    made = backups.create(shell.db_path, "manual").path
    damage(made)
    message_boxes.answer = QMessageBox.StandardButton.Yes

    def choose_first(dialog: Any) -> None:
        dialog.table.selectRow(0)
        dialog.restore_button.click()

    when_modal(choose_first)
    window.restore_action.trigger()
    wait_for_idle()
    qtbot.waitUntil(lambda: any("復元できません" in t for t in message_boxes.texts()), timeout=10000)
    try:
        assert any("壊れているため復元できません" in t and "データベースは変更していません" in t for t in message_boxes.texts())
        assert _people_shown(qtbot, window) == 1
    finally:
        if shell.app is not None:
            shell.app.close()


def test_open_another_database_and_the_recent_list(
    qtbot: Any, window: Any, message_boxes: Any, tmp_path: Path, nagano_template: Path
) -> None:
    (tmp_path / "other").mkdir()
    other = copy_database(nagano_template, tmp_path / "other" / "second.db")
    ctx = open_database(other)
    people.save(ctx.uow(), people.PersonData(id=None, name="別の 人", kana="べつの ひと"))
    ctx.close()
    first = window.shell.db_path
    old_ctx = window.shell.app

    from sasaeai_desktop.gui.database_menu import fill_recent_menu
    from sasaeai_desktop.gui.database_menu import open_other_database

    assert open_other_database(window, other)
    try:
        assert window.shell.db_path == other and old_ctx._closed
        assert _people_shown(qtbot, window) == 1
        assert other.name in window.db_path_label.toolTip()
        fill_recent_menu(window)
        entries = [a.text() for a in window.recent_menu.actions()]
        assert entries == [str(first)]  # the one open now is not offered
        window.recent_menu.actions()[0].trigger()  # back to the first one
        assert window.shell.db_path == first and setup.current_prefecture(window.shell.uow()) == ("20", "長野県")
    finally:
        window.shell.app.close()


def test_the_backup_folder_is_chosen_in_settings_and_used_by_the_next_backup(
    qtbot: Any, window: Any, message_boxes: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.delenv("SASAEAI_BACKUP_DIR")  # the setting itself, not the test's override
    network = tmp_path / "network drive"
    network.mkdir()
    window.resize(1366, 728)
    window.show_page("settings")
    page = window.current_page()
    wait_loaded(qtbot, page)
    row = page.backup_row
    assert "（既定）" in row.folder_label.text() and not row.default_button.isEnabled()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(network))
    row.change_button.click()
    assert row.folder_label.text() == str(network) and row.default_button.isEnabled()
    made = backups.create(window.shell.db_path, "manual")
    assert made.path.parent.parent == network
    row.refresh()
    assert "手動" in row.newest_label.text()
    window.grab().save(str(tmp_path / "settings.png"))
    page.scroll.ensureWidgetVisible(row)
    assert row.visibleRegion().boundingRect().size() == row.size()  # all of it on screen at 1366×768

    locked = tmp_path / "read-only"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(locked))
    try:
        row.change_button.click()
    finally:
        locked.chmod(0o700)
    import os

    if os.geteuid() != 0:  # root writes anywhere
        assert any("書き込めません" in t for t in message_boxes.texts())
        assert row.folder_label.text() == str(network)
    row.default_button.click()
    assert "（既定）" in row.folder_label.text()


def test_the_daily_backup_runs_after_the_first_page_without_blocking_the_window(
    qtbot: Any, qapp: Any, db_path: Path, monkeypatch: Any
) -> None:
    """The window shows its data and keeps answering while the day's backup is being taken."""
    import threading

    from sasaeai_desktop.gui.app import Launcher
    from sasaeai_desktop.gui.main_window import MainWindow

    monkeypatch.setenv("SASAEAI_AUTO_BACKUP", "1")
    real = backups.daily_if_due
    release, ran_on = threading.Event(), []

    def slow_daily(path: Path) -> Any:
        ran_on.append(threading.current_thread())
        assert release.wait(10)  # held until the test has seen the window work meanwhile
        return real(path)

    monkeypatch.setattr(backups, "daily_if_due", slow_daily)
    launcher = Launcher(qapp, str(db_path), screenshot=None, page="municipalities")
    window = launcher.window = MainWindow(None, initial_page="municipalities")
    qtbot.addWidget(window)
    window.show()
    launcher.load()
    try:
        qtbot.waitUntil(lambda: bool(ran_on), timeout=5000)
        assert ran_on[0] is not threading.main_thread()
        page = window.current_page()
        qtbot.waitUntil(page.is_data_ready, timeout=5000)
        window.show_page("people")  # the window answers while the backup runs
        assert window.current_key() == "people" and not backups.list_backups(db_path)
        release.set()
        qtbot.waitUntil(lambda: "今日のバックアップを作りました" in window.statusBar().currentMessage(), timeout=10000)
        assert [r.trigger for r in backups.list_backups(db_path)] == ["daily"]
    finally:
        release.set()
        launcher.close_database()
