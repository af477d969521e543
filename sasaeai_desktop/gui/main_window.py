"""The main window: navigation on the left, one page at a time on the right, menus and status bar.

Pages are built on first visit (a page that is never opened never queries the database), and the
menus act on whatever page is current through the small interface in pages/base.py.
"""

from __future__ import annotations

import datetime as dt
import inspect
import platform
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSize
from PySide6.QtCore import QStandardPaths
from PySide6.QtCore import Signal
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction
from PySide6.QtGui import QIcon
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QMainWindow
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QStackedWidget
from PySide6.QtWidgets import QWidget

from sasaeai_desktop import __version__
from sasaeai_desktop.gui.export_lock import can_export
from sasaeai_desktop.gui.export_lock import choose_lock
from sasaeai_desktop.gui.pages.base import Page
from sasaeai_desktop.gui.pages.catalog import PAGE_KEYS
from sasaeai_desktop.gui.pages.catalog import PageSpec
from sasaeai_desktop.gui.pages.catalog import page_specs
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.paths import resource_path

NAV_WIDTH = 184
NAV_ITEM_HEIGHT = 38  # generous targets: the program is also used on small touch laptops
DB_PATH_MAX_WIDTH = 460
_IMPORT_PAGES = ("municipalities", "people", "advisors")  # list pages with 「Excelから取り込む…」
_PAGE_KEY_ROLE = 256  # Qt.ItemDataRole.UserRole, as a number: see _qt()


def _qt() -> Any:
    """PySide6's ``Qt`` namespace, looked up only once the window is up: its first lookup builds
    a few hundred enum types (~50 ms), and the first paint does not need any of them (start-up
    time, gui/app.py). The pages need it anyway, after the paint."""
    from PySide6.QtCore import Qt

    return Qt


def _accepted_options(fn: Callable[..., Any], options: dict[str, Any]) -> dict[str, Any]:
    """Only the keyword arguments ``fn`` takes: the export may not support searching yet."""
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return {}
    return {k: v for k, v in options.items() if k in params}


class MainWindow(QMainWindow):
    page_changed = Signal(str)  # the key of the page now shown

    def __init__(self, shell: ShellContext | None, initial_page: str = "dashboard") -> None:
        """``shell`` None: the window paints at once, before the database layer is even imported,
        and ``attach`` brings the data in afterwards (start-up time, see gui/app.py)."""
        super().__init__()
        self.shell = shell
        self.specs: list[PageSpec] = page_specs()
        self.pages: dict[str, Page] = {}
        self._current_key = ""
        self._shortcuts: list[tuple[QAction, QKeySequence | str]] = []
        self.setWindowTitle(self.window_title())

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(NAV_WIDTH)
        self.navigation.setIconSize(QSize(20, 20))
        for spec in self.specs:
            item = QListWidgetItem(spec.label)
            icon_file = resource_path("icons", spec.icon)
            if icon_file.is_file():
                item.setIcon(QIcon(str(icon_file)))
            item.setData(_PAGE_KEY_ROLE, spec.key)
            item.setSizeHint(QSize(NAV_WIDTH - 20, NAV_ITEM_HEIGHT))
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(lambda row: self.show_page(self.specs[row].key))

        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_status_bar()
        self._build_menus()
        if shell is None:
            self.starting_label = QLabel(self.tr("起動しています…"))
            self.starting_label.setStyleSheet("qproperty-alignment: AlignCenter;")  # without Qt.AlignmentFlag
            self.stack.addWidget(self.starting_label)
            self.navigation.setEnabled(False)
            self.menuBar().setEnabled(False)
            for action in self._page_bound_actions():
                action.setEnabled(False)  # their shortcuts work even with the menu bar disabled
        else:
            self._settle_navigation()
            self.show_page(initial_page if initial_page in PAGE_KEYS else "dashboard")
            self._remember_database()
        self._restore_geometry()

    # -- geometry: fits a 1366×768 laptop, uses a big screen, remembered (gui/window_memory.py) ------------
    def _restore_geometry(self) -> None:
        from sasaeai_desktop.gui import window_memory

        window_memory.restore_main_window(self)

    def closeEvent(self, event: Any) -> None:
        from sasaeai_desktop.gui import window_memory

        window_memory.save_main_window(self)
        super().closeEvent(event)

    def _settle_navigation(self) -> None:
        """What needs the ``Qt`` namespace, once the window is up (see _qt): the shortcuts too,
        which would do nothing before anyway (the actions wait for the database, see __init__)."""
        self.navigation.setHorizontalScrollBarPolicy(_qt().ScrollBarPolicy.ScrollBarAlwaysOff)
        for action, shortcut in self._shortcuts:
            action.setShortcut(QKeySequence(shortcut))
        self._shortcuts.clear()

    def attach(self, shell: ShellContext, initial_page: str = "dashboard") -> None:
        """Connect a window built without a database to it and show the first page."""
        self.shell = shell
        self.setWindowTitle(self.window_title())
        self._show_database_in_status_bar()
        self._settle_navigation()
        self.navigation.setEnabled(True)
        self.menuBar().setEnabled(True)
        for action in self._page_bound_actions():
            action.setEnabled(True)
        self.show_page(initial_page if initial_page in PAGE_KEYS else "dashboard")
        self._remember_database()

    def _remember_database(self) -> None:
        """For ファイル → 最近使ったデータベース (gui/recent_databases.py)."""
        from sasaeai_desktop.gui.recent_databases import remember_database

        assert self.shell is not None
        remember_database(self.shell.db_path)

    def switch_database(self, ctx: Any, prefecture: tuple[str, str] | None = None) -> None:
        """Show ``ctx`` (an AppContext: a restored database, or another one) in place of the
        current one: every page is built again from it, the current page stays in front."""
        assert self.shell is not None
        if prefecture is None:
            from sasaeai_desktop.services import setup

            prefecture = setup.current_prefecture(ctx.uow())
        code, name = prefecture or ("", "")
        self.shell.app = ctx
        self.shell.prefecture_code, self.shell.prefecture_name = code, name
        key = self._current_key or "dashboard"
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self._current_key = ""
        self.setWindowTitle(self.window_title())
        self._show_database_in_status_bar()
        self.show_page(key)

    def _page_bound_actions(self) -> list[QAction]:
        return [self.new_action, self.open_action, self.delete_action, self.find_action, self.export_action,
                self.import_action, self.reload_action, self.backup_action, self.restore_action,
                self.open_database_action, *self.page_actions.values()]

    def window_title(self) -> str:
        if self.shell is None:
            return "SasaeAI Desktop"
        name = self.shell.prefecture_name or self.tr("都道府県未設定")
        return f"SasaeAI Desktop — {name}"

    # -- status bar ----------------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.count_label = QLabel()
        self.count_label.setObjectName("statusCount")
        bar.addWidget(self.count_label, 1)
        self.prefecture_label = QLabel()
        bar.addPermanentWidget(self.prefecture_label)
        self.db_path_label = QLabel()
        bar.addPermanentWidget(self.db_path_label)
        if self.shell is not None:
            self._show_database_in_status_bar()

    def _show_database_in_status_bar(self) -> None:
        assert self.shell is not None
        self.prefecture_label.setText(self.shell.prefecture_name or self.tr("都道府県未設定"))
        path = str(self.shell.db_path)
        self.db_path_label.setToolTip(path)
        self.db_path_label.setText(
            self.tr("データベース: {path}").format(
                path=self.db_path_label.fontMetrics().elidedText(path, _qt().TextElideMode.ElideMiddle, DB_PATH_MAX_WIDTH)
            )
        )

    def _set_count(self, text: str) -> None:
        self.count_label.setText(text)

    # -- menus --------------------------------------------------------------------------------------------
    def _action(self, text: str, slot: object, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            # Given in _settle_navigation: setting a shortcut builds the Qt namespace (see _qt).
            self._shortcuts.append((action, shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("ファイル(&F)"))
        self.import_action = self._action(self.tr("Excelから取り込む…"), self.import_excel)
        file_menu.addAction(self.import_action)
        self.export_action = self._action(self.tr("Excelに出力…"), self.export_current)
        self.quit_action = self._action(self.tr("終了"), self.close, QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        from sasaeai_desktop.gui.database_menu import add_database_actions

        add_database_actions(self, file_menu)  # バックアップ, 復元, 別のデータベース, 最近使ったもの
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = menu.addMenu(self.tr("編集(&E)"))
        self.new_action = self._action(self.tr("新規"), lambda: self.current_page().create_new(), "Ctrl+N")
        # 開く has no window-wide key: Enter belongs to whatever has the focus (a list opens its
        # row, the reception box checks a person in, a form field moves on), never to the window.
        self.open_action = self._action(self.tr("開く"), lambda: self.current_page().open_selected())
        self.delete_action = self._action(
            self.tr("削除"), lambda: self.current_page().delete_selected(), QKeySequence(QKeySequence.StandardKey.Delete)
        )
        self.find_action = self._action(self.tr("検索"), self.focus_search, "Ctrl+F")
        for action in (self.new_action, self.open_action, self.delete_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)

        view_menu = menu.addMenu(self.tr("表示(&V)"))
        self.page_actions: dict[str, QAction] = {}
        for number, spec in enumerate(self.specs, start=1):  # the tenth page on Ctrl+0, as the keys run
            action = self._action(spec.label, lambda _=False, key=spec.key: self.jump_to_page(key), f"Ctrl+{number % 10}")
            action.setCheckable(True)
            view_menu.addAction(action)
            self.page_actions[spec.key] = action
        view_menu.addSeparator()
        self.reload_action = self._action(self.tr("再読み込み"), self.reload_current, "F5")
        view_menu.addAction(self.reload_action)

        help_menu = menu.addMenu(self.tr("ヘルプ(&H)"))
        self.about_action = self._action(self.tr("バージョン情報"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(self.about_action)

    def update_actions(self) -> None:
        page = self.current_page()
        self.new_action.setEnabled(page.can_create())
        self.open_action.setEnabled(page.can_open())
        self.delete_action.setEnabled(page.can_delete())
        self.find_action.setEnabled(page.search_box() is not None)
        self.export_action.setEnabled(can_export(self.shell, page.export_kind()))

    # -- pages ----------------------------------------------------------------------------------------------
    def page(self, key: str) -> Page:
        """The page for ``key``, built now if it was never shown."""
        if key not in self.pages:
            spec = next(s for s in self.specs if s.key == key)
            page = spec.factory(self.shell)
            page.setObjectName(f"{key}Page")
            page.status_changed.connect(lambda text, k=key: self._page_status(k, text))
            page.actions_changed.connect(lambda k=key: self._page_actions(k))
            page.navigate_requested.connect(self.show_page)
            self.stack.addWidget(page)
            self.pages[key] = page
            if key in _IMPORT_PAGES:
                from sasaeai_desktop.gui.widgets.import_button import add_import_button

                add_import_button(page, self.shell, key)
        return self.pages[key]

    def current_key(self) -> str:
        return self._current_key

    def current_page(self) -> Page:
        return self.page(self._current_key)

    def show_page(self, key: str) -> None:
        if key not in PAGE_KEYS:
            raise KeyError(key)
        if self.shell is None:  # still starting: shortcuts may fire before attach()
            return
        page = self.page(key)
        self._current_key = key
        self.stack.setCurrentWidget(page)
        row = PAGE_KEYS.index(key)
        if self.navigation.currentRow() != row:
            self.navigation.blockSignals(True)  # already switching: do not come back here
            self.navigation.setCurrentRow(row)
            self.navigation.blockSignals(False)
        for k, action in self.page_actions.items():
            action.setChecked(k == key)
        self._set_count(page.status_text())
        self.update_actions()
        self.page_changed.emit(key)

    def jump_to_page(self, key: str) -> None:
        """表示 menu / Ctrl+1…9, Ctrl+0: the page, with the cursor in its search box when it has one, so
        what is typed next searches (it went to the side bar, or nowhere). Arrow keys in the side
        bar keep the focus there: the officer is still choosing."""
        self.show_page(key)
        self.focus_search()

    def _page_status(self, key: str, text: str) -> None:
        if key == self._current_key:
            self._set_count(text)

    def _page_actions(self, key: str) -> None:
        if key == self._current_key:
            self.update_actions()

    def reload_current(self) -> None:
        self.current_page().reload()
        self.statusBar().showMessage(self.tr("最新の内容に更新しました"), 4000)

    def focus_search(self) -> None:
        box = self.current_page().search_box()
        if box is not None:
            box.setFocus(_qt().FocusReason.ShortcutFocusReason)
            box.selectAll()

    # -- ファイル > Excelに出力… ---------------------------------------------------------------------------------
    def export_current(self) -> None:
        """Write the current list, searched and sorted as on screen, to an .xlsx file.

        The people list carries phone numbers and e-mail addresses: it is offered only when a password
        is set in 設定, and written locked (gui/export_lock.py).
        """
        page = self.current_page()
        kind = page.export_kind()
        if kind is None:
            return
        title = self.tr("Excelに出力")
        # openpyxl is heavy: imported only when someone actually exports.
        from sasaeai_desktop.domain.progress import Progress
        from sasaeai_desktop.gui.tasks import run_task
        from sasaeai_desktop.services import listing
        from sasaeai_desktop.services.exports import export_list

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        suggested = Path(folder) / f"{listing.title(kind)}一覧_{dt.date.today():%Y%m%d}.xlsx"
        path, _filter = QFileDialog.getSaveFileName(self, title, str(suggested), self.tr("Excel ブック (*.xlsx)"))
        if not path:
            return
        target = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        lock = choose_lock(self, self.shell, kind, target.name)
        if lock is None:
            return
        options = _accepted_options(export_list, page.export_options())
        uow = self.shell.uow()

        def export(progress: Progress, abort: threading.Event) -> int:
            return export_list(uow, kind, target, progress=progress, abort=abort, **options)

        work = lock.wrap([target], export)

        def done(rows: object) -> None:
            if isinstance(rows, int):
                text = self.tr("{n} 件を {path} に出力しました").format(n=f"{rows:,}", path=target)
            else:
                text = self.tr("{path} に出力しました").format(path=target)
            if lock.password:
                text += self.tr("（パスワード付き）")
            self.statusBar().showMessage(text, 10000)

        run_task(
            self,
            work,
            title=title,
            on_success=done,
            on_cancel=lambda: self.statusBar().showMessage(self.tr("Excel 出力を中止しました"), 6000),
        )

    # -- ファイル > Excelから取り込む… ----------------------------------------------------------------------------
    def import_excel(self) -> None:
        """The import dialog, for the list shown (市町村, 人, アドバイザー; 訪問記録 from 訪問・相談; the selected
        研修's 申込者・出欠 from 研修, or the events sheet when none is selected) or 人 from elsewhere."""
        from sasaeai_desktop.gui.dialogs.import_dialog import open_import_dialog
        from sasaeai_desktop.gui.pages.trainings.page import TrainingsPage

        key = self._current_key
        page = self.current_page()
        if key == "trainings" and isinstance(page, TrainingsPage) and page.import_excel():
            return
        # the 研修 page with no event selected: the events sheet (研修・フォーラム, their counts and media)
        first = {"activities": "visits", "trainings": "events"}
        open_import_dialog(self, self.shell, first.get(key) or (key if key in _IMPORT_PAGES else "people"))

    # -- ヘルプ ------------------------------------------------------------------------------------------------------
    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("バージョン情報"),
            self.tr(
                "<h3>SasaeAI Desktop {version}</h3>"
                "<p>生活支援体制整備事業を支援する都道府県職員のためのデスクトップアプリ</p>"
                "<p>データベース: {db}<br>Python {python} / Qt {qt} / PySide6 {pyside} / {os}</p>"
                "<p>画面の日本語表示に IPAexゴシック（IPAフォントライセンスv1.0）を同梱しています。</p>"
            ).format(
                version=__version__,
                db=self.shell.db_path,
                python=sys.version.split()[0],
                qt=qVersion(),
                pyside=pyside_version,
                os=platform.system(),
            ),
        )
