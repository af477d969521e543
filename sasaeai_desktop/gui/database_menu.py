"""ファイル menu entries about the database itself: バックアップを作成… / バックアップから復元… /
別のデータベースを開く… / 最近使ったデータベース. The work is done by services/backups.py and
bootstrap (the same calls as ``sasaeai backup …`` and ``--db``); this module asks, confirms and
puts the window onto the database it ends up with (MainWindow.switch_database)."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QStatusBar
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    import threading

    from sasaeai_desktop.bootstrap import AppContext
    from sasaeai_desktop.domain.progress import Progress
    from sasaeai_desktop.gui.shell_context import ShellContext
    from sasaeai_desktop.services.backups import RestoreResult


class MainWindow(Protocol):
    """What these entries need of the main window (gui/main_window.py, which adds them): a
    protocol, so that this module does not import the window that imports it."""

    shell: ShellContext | None
    backup_action: QAction
    restore_action: QAction
    open_database_action: QAction
    recent_menu: QMenu

    def switch_database(self, ctx: Any, prefecture: tuple[str, str] | None = None) -> None: ...
    def update_actions(self) -> None: ...
    def _page_bound_actions(self) -> list[QAction]: ...
    def statusBar(self) -> QStatusBar: ...  # QMainWindow's names, camelCase
    def centralWidget(self) -> QWidget: ...
    def menuBar(self) -> QWidget: ...
    def close(self) -> bool: ...


_tr = partial(QCoreApplication.translate, "database_menu")


def add_database_actions(window: MainWindow, menu: QMenu) -> None:
    window.backup_action = QAction(_tr("バックアップを作成…"), window)
    window.backup_action.triggered.connect(lambda: create_backup(window))
    window.restore_action = QAction(_tr("バックアップから復元…"), window)
    window.restore_action.triggered.connect(lambda: restore_from_backup(window))
    window.open_database_action = QAction(_tr("別のデータベースを開く…"), window)
    window.open_database_action.triggered.connect(lambda: open_other_database(window))
    window.recent_menu = QMenu(_tr("最近使ったデータベース"), window)
    window.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(window))
    for action in (window.backup_action, window.restore_action):
        menu.addAction(action)
    menu.addSeparator()
    menu.addAction(window.open_database_action)
    menu.addMenu(window.recent_menu)


def _busy() -> _WaitCursor:
    return _WaitCursor()


class _WaitCursor:
    def __enter__(self) -> None:
        from PySide6.QtCore import Qt

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc: object) -> None:
        QApplication.restoreOverrideCursor()


def create_backup(window: MainWindow) -> None:
    from sasaeai_desktop.gui.dialogs.restore_dialog import size_text
    from sasaeai_desktop.gui.tasks import run_task
    from sasaeai_desktop.services import backups

    assert window.shell is not None
    db_path = window.shell.db_path
    title = _tr("バックアップを作成")

    def done(row: backups.BackupRow) -> None:
        window.statusBar().showMessage(_tr("バックアップを作りました（{name}）").format(name=row.path.name), 10000)
        QMessageBox.information(window, title, _tr("バックアップを作りました。\n{path}\n（{size}）").format(
            path=row.path, size=size_text(row.size)))

    run_task(window, lambda progress, abort: backups.create(db_path, "manual"), title=title, on_success=done)


def restore_from_backup(window: MainWindow) -> None:
    from sasaeai_desktop.bootstrap import restore_into
    from sasaeai_desktop.gui.daily_backup import wait_for_daily_backup
    from sasaeai_desktop.gui.dialogs.restore_dialog import RestoreDialog
    from sasaeai_desktop.gui.tasks import run_task
    from sasaeai_desktop.gui.tasks import show_error
    from sasaeai_desktop.gui.tasks import wait_for_idle
    from sasaeai_desktop.services import backups

    assert window.shell is not None
    ctx = window.shell.app
    title = _tr("バックアップから復元")
    with _busy():
        rows = backups.list_backups(ctx.db_path)
    dialog = RestoreDialog(window, ctx.db_path, backups.folder_of(ctx.db_path), rows)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen() is None:
        return
    source = dialog.chosen()
    assert source is not None
    row = next((r for r in rows if r.path == source), None)
    what = _tr("{made}、{label}").format(made=f"{row.made:%Y-%m-%d %H:%M}", label=row.label) if row else str(source)
    answer = QMessageBox.question(
        window,
        title,
        _tr("データベースを、バックアップ「{name}」（{what}）の内容に戻します。\n"
            "それより後に入力した内容は、このデータベースからなくなります（今の内容は復元の前に「復元前」のバックアップとして保存します）。\n\n"
            "復元しますか？").format(name=source.name, what=what),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    wait_for_idle()  # no write of this window may run into the restore
    wait_for_daily_backup()
    _hold(window, True)  # nothing may read or write the database while it is replaced

    def work(progress: Progress, abort: threading.Event) -> tuple[RestoreResult | Exception, AppContext]:
        progress(-1.0, _tr("バックアップから復元しています…（途中で止めることはできません）"))
        return restore_into(ctx, source)

    def reopening_failed(exc: BaseException | None = None) -> None:
        _hold(window, False)
        show_error(window, title, exc or RuntimeError(_tr("復元したデータベースを開き直せませんでした。")))
        window.close()  # nothing left to show: the next start says what is wrong with the file

    def done(result: tuple[object, object]) -> None:
        _hold(window, False)
        outcome, new_ctx = result
        window.switch_database(new_ctx)
        if isinstance(outcome, Exception):
            show_error(window, title, outcome)
            return
        _say_restored(window, title, source, outcome)

    # restore_into never raises for a refused file (it hands the error back with the reopened
    # database); on_error is reached only when the database cannot be opened again.
    run_task(window, work, title=title, on_success=done, on_error=reopening_failed, on_cancel=reopening_failed)


def _hold(window: MainWindow, held: bool) -> None:
    """The pages, the menus and their shortcuts off while the database file is being replaced
    (the progress dialog, a child window, stays usable)."""
    window.centralWidget().setEnabled(not held)
    window.menuBar().setEnabled(not held)
    for action in window._page_bound_actions():  # the window's own list of them
        action.setEnabled(not held)
    if not held:
        window.update_actions()


def _say_restored(window: MainWindow, title: str, source: Path, outcome: RestoreResult) -> None:
    lines = [_tr("「{name}」から復元しました。").format(name=source.name)]
    if outcome.safety_backup is not None:
        lines.append(_tr("復元前の内容はバックアップ「{name}」に保存しました。").format(name=outcome.safety_backup.name))
    if outcome.damaged_copy is not None:
        lines.append(_tr("壊れていた元のファイルは「{path}」にそのまま残しました。").format(path=outcome.damaged_copy))
    if outcome.restored.new_replica_id:
        lines.append(_tr("同期は新しい端末IDで続けます。バックアップの後に送った変更は、次に読み込む同期ファイルで戻ります。"))
    window.statusBar().showMessage(lines[0], 10000)
    QMessageBox.information(window, title, "\n".join(lines))


def open_other_database(window: MainWindow, path: Path | None = None) -> bool:
    """Open ``path`` (or one the user picks) and put the window onto it; the current one is
    closed only once the new one is open."""
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.gui.daily_backup import start_daily_backup
    from sasaeai_desktop.gui.daily_backup import wait_for_daily_backup
    from sasaeai_desktop.gui.recent_databases import forget_database
    from sasaeai_desktop.gui.recent_databases import remember_database
    from sasaeai_desktop.gui.tasks import show_error
    from sasaeai_desktop.gui.tasks import wait_for_idle
    from sasaeai_desktop.services import setup
    from sasaeai_desktop.services.database_file import DatabaseOpenError

    assert window.shell is not None
    title = _tr("別のデータベースを開く")
    current = window.shell.db_path
    if path is None:
        chosen, _filter = QFileDialog.getOpenFileName(
            window, title, str(current.parent), _tr("SasaeAI のデータベース (*.db *.sqlite *.sqlite3);;すべてのファイル (*)"))
        if not chosen:
            return False
        path = Path(chosen)
    path = Path(os.path.abspath(path))
    if not path.is_file():
        forget_database(path)
        QMessageBox.warning(window, title, _tr("データベース「{path}」が見つかりません。").format(path=path))
        return False
    if path == Path(os.path.abspath(current)):
        window.statusBar().showMessage(_tr("このデータベースはすでに開いています"), 6000)
        return False
    try:
        with _busy():
            new_ctx = open_database(path, daily_backup=False)
    except DatabaseOpenError as exc:
        show_error(window, title, UserError(str(exc)))
        return False
    prefecture = setup.current_prefecture(new_ctx.uow())
    if prefecture is None:
        new_ctx.close()
        QMessageBox.warning(window, title, _tr(
            "「{path}」はまだ初期設定（都道府県の選択）がされていないため開けません。"
            "コマンド「sasaeai --db \"{path}\" init --prefecture 都道府県名」で設定してから開いてください。").format(path=path))
        return False
    wait_for_idle()
    wait_for_daily_backup()
    old = window.shell.app
    window.switch_database(new_ctx, prefecture)
    if old is not None:
        old.close()
    remember_database(path)
    start_daily_backup(window, path)
    return True


def fill_recent_menu(window: MainWindow) -> None:
    from sasaeai_desktop.gui.recent_databases import recent_databases

    menu = window.recent_menu
    menu.clear()
    current = Path(os.path.abspath(window.shell.db_path)) if window.shell is not None else None
    shown = [p for p in recent_databases() if p != current]
    for path in shown:
        action = menu.addAction(str(path))
        action.triggered.connect(lambda _=False, p=path: open_other_database(window, p))
    if not shown:
        none = menu.addAction(_tr("（ほかのデータベースはまだありません）"))
        none.setEnabled(False)
