"""Every window fits a 1366×768 laptop (1366×728 without the taskbar, minus a Windows frame), and
sizes and splitters come back where the user left them (issue 15, item 8).

Runs on the demo data, so forms hold what a year of work puts in them. The window settings go to
a file of each test's own (tests/conftest.py sets SASAEAI_SETTINGS).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtCore import QRect
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui import window_memory
from sasaeai_desktop.gui.main_window import MainWindow
from sasaeai_desktop.gui.pages.catalog import PAGE_KEYS
from sasaeai_desktop.gui.window_memory import LAPTOP_SCREEN
from sasaeai_desktop.gui.window_memory import LARGEST_CLIENT

from .dialog_gallery import GALLERY
from .dialog_gallery import dialog_classes
from .dialog_gallery import settle
from .helpers import copy_database
from .helpers import wait_loaded

LAPTOP_AREA = QRect(0, 0, LAPTOP_SCREEN.width(), LAPTOP_SCREEN.height())


@pytest.fixture(autouse=True)
def on_a_laptop(monkeypatch: pytest.MonkeyPatch) -> QRect:
    """Windows are sized as on a 1366×768 laptop with its taskbar: the offscreen platform's own
    screen is 800×800, which no one uses."""
    monkeypatch.setattr(window_memory, "available_area", lambda widget=None: QRect(LAPTOP_AREA))
    monkeypatch.setattr(window_memory, "screen_areas", lambda: [QRect(LAPTOP_AREA)])
    return LAPTOP_AREA


@pytest.fixture
def db_path(tmp_path: Path, demo_database: Any) -> Path:
    """Overrides tests/gui/conftest.py: the demo data rather than the bare prefecture."""
    return copy_database(demo_database(), tmp_path / "demo.db")


def _fits(size: QSize, room: QSize = LARGEST_CLIENT) -> bool:
    return size.width() <= room.width() and size.height() <= room.height()


def _assert_fits_a_laptop(widget: QWidget, what: str, *, hint: bool = True) -> None:
    sizes = [("minimumSizeHint", widget.minimumSizeHint()), ("minimumSize", widget.minimumSize()), ("size", widget.size())]
    if hint:
        sizes.append(("sizeHint", widget.sizeHint()))
    for name, size in sizes:
        assert _fits(size), f"{what}: {name} {size.toTuple()} is larger than {LARGEST_CLIENT.toTuple()}"
    frame = widget.frameGeometry().size()
    assert _fits(frame, LAPTOP_SCREEN), f"{what}: frame {frame.toTuple()} is larger than {LAPTOP_SCREEN.toTuple()}"


# -- dialogs -----------------------------------------------------------------------------------------
def test_the_gallery_opens_every_dialog_of_the_program() -> None:
    assert {e.cls for e in GALLERY} == dialog_classes()


@pytest.mark.parametrize("entry", GALLERY, ids=[e.name for e in GALLERY])
def test_every_dialog_fits_a_laptop_with_its_buttons_in_view(qtbot: Any, shell: Any, db_path: Path, tmp_path: Path,
                                                             entry: Any) -> None:
    dialog = entry.make(shell, db_path, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(dialog, lambda done: qtbot.waitUntil(done, timeout=20000))
    _assert_fits_a_laptop(dialog, entry.name)
    # At the smallest size the laptop allows, the buttons are on the dialog, not scrolled away.
    dialog.resize(dialog.minimumSizeHint().expandedTo(QSize(1, 1)))
    qtbot.wait(10)
    for box in dialog.findChildren(QDialogButtonBox):
        assert not _in_scroll_area(box, dialog), f"{entry.name}: 保存/キャンセル inside a scroll area"
    buttons = [b for b in dialog.findChildren(QPushButton) if b.isVisibleTo(dialog) and not _in_scroll_area(b, dialog)]
    for button in buttons:
        rect = QRect(button.mapTo(dialog, QPoint(0, 0)), button.size())
        assert dialog.rect().contains(rect), f"{entry.name}: 「{button.text()}」 at {rect} outside {dialog.rect()}"


def test_a_form_with_many_rows_scrolls_instead_of_growing(qtbot: Any, shell: Any) -> None:
    from sasaeai_desktop.gui.dialogs.dispatch_dialog import DispatchDialog
    from sasaeai_desktop.gui.dialogs.event_dialog import EventDialog

    dispatch = DispatchDialog(shell)
    qtbot.addWidget(dispatch)
    for _ in range(14):  # a series of 派遣日
        dispatch.days.add_row()
    event = EventDialog(shell)
    qtbot.addWidget(event)
    for _ in range(14):
        event._add_session_row(None)
    for dialog in (dispatch, event):
        dialog.show()
        qtbot.waitExposed(dialog)
        _assert_fits_a_laptop(dialog, type(dialog).__name__)


def _in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


# -- the main window ------------------------------------------------------------------------------------
def test_first_size_comes_from_the_screen() -> None:
    minimum = QSize(1100, 500)
    laptop = window_memory.first_main_window_size(QRect(0, 0, 1366, 728), minimum)
    assert _fits(laptop)
    big = window_memory.first_main_window_size(QRect(0, 0, 1920, 1040), minimum)
    assert big.width() >= 1700 and big.height() >= 900 and _fits(big, QSize(1900, 1002))
    tiny = window_memory.first_main_window_size(QRect(0, 0, 1024, 600), minimum)
    assert _fits(tiny, QSize(1004, 562))  # smaller than the window would like, never off the screen


def test_the_main_window_and_every_page_fit_a_laptop(qtbot: Any, window: MainWindow) -> None:
    """The main window's size comes from the screen, never from its size hint (the 同期 page would
    like 820 pixels of height for its two tables, and shows them well in 690): what must fit is
    its minimum, and the size it opens at."""
    assert _fits(window.size()) and window.width() >= 1200  # most of the laptop's screen
    for key in PAGE_KEYS:
        window.show_page(key)
        page = window.current_page()
        wait_loaded(qtbot, page, timeout=10000)
        tabs = page.findChildren(QTabWidget)
        for tab_widget in tabs:
            for i in range(tab_widget.count()):
                tab_widget.setCurrentIndex(i)
                qtbot.wait(5)
                _assert_fits_a_laptop(window, f"{key} / {tab_widget.tabText(i)}", hint=False)
        _assert_fits_a_laptop(window, key, hint=False)
    # Every page built, the window still goes down to a laptop's size, status bar included.
    window.resize(LARGEST_CLIENT)
    qtbot.wait(10)
    assert window.size() == LARGEST_CLIENT
    bar = window.statusBar()
    assert bar.isVisible() and window.rect().contains(QRect(bar.mapTo(window, QPoint(0, 0)), bar.size()))


def test_a_big_screen_is_used(qtbot: Any, shell: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    desktop = QRect(0, 0, 1920, 1040)  # 1920×1080 less the taskbar
    monkeypatch.setattr(window_memory, "available_area", lambda widget=None: QRect(desktop))
    monkeypatch.setattr(window_memory, "screen_areas", lambda: [QRect(desktop)])
    big = MainWindow(shell)
    qtbot.addWidget(big)
    big.show()
    qtbot.waitExposed(big)
    assert big.width() >= 1700 and big.height() >= 900
    assert desktop.contains(big.frameGeometry())


def test_window_geometry_is_saved_on_close_and_restored(qtbot: Any, window: MainWindow, shell: Any,
                                                       own_window_settings: Path) -> None:
    window.setGeometry(40, 30, 1100, 640)
    qtbot.wait(10)
    where = window.geometry()
    window.close()
    assert own_window_settings.is_file()
    again = MainWindow(shell)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.geometry() == where


def test_a_maximized_window_opens_maximized_and_keeps_its_normal_size(qtbot: Any, window: MainWindow, shell: Any) -> None:
    window.setGeometry(60, 50, 1000, 600)
    qtbot.wait(10)
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized, timeout=2000)
    window.close()
    again = MainWindow(shell)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.isMaximized()
    again.showNormal()
    qtbot.waitUntil(lambda: not again.isMaximized(), timeout=2000)
    assert again.geometry() == QRect(60, 50, 1000, 600)


def test_a_saved_position_off_every_screen_is_ignored(qtbot: Any, window: MainWindow, shell: Any) -> None:
    window.move(6000, 4000)  # on a projector that is no longer connected
    window.close()
    again = MainWindow(shell)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    area = window_memory.available_area(again)
    assert area.intersects(again.frameGeometry())
    assert window_memory.on_some_screen(again.frameGeometry())


def _drag_handle(qtbot: Any, splitter: QSplitter, dx: int) -> None:
    handle = splitter.handle(1)
    middle = handle.rect().center()
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle)
    QTest.mouseMove(handle, middle + QPoint(dx // 2, 0))
    QTest.mouseMove(handle, middle + QPoint(dx, 0))
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle + QPoint(dx, 0))
    qtbot.wait(10)


def test_the_training_page_splitter_comes_back_where_it_was_dragged(qtbot: Any, window: MainWindow, shell: Any) -> None:
    window.show_page("trainings")
    wait_loaded(qtbot, window.current_page(), timeout=10000)
    splitter = window.current_page().findChild(QSplitter)
    before = splitter.sizes()
    _drag_handle(qtbot, splitter, 120)
    dragged = splitter.sizes()
    assert dragged[0] > before[0] + 60
    window.close()
    again = MainWindow(shell)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.show_page("trainings")
    assert again.current_page().findChild(QSplitter).sizes() == dragged


def test_a_dialog_reopens_at_its_last_size_and_splitter(qtbot: Any, window: MainWindow, shell: Any) -> None:
    from sasaeai_desktop.gui.dialogs.import_dialog import ImportDialog

    first = ImportDialog(shell, "people", parent=window)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(900, 560)
    splitter = first.findChild(QSplitter)
    splitter.setSizes([300, 560])
    sizes = splitter.sizes()
    first.reject()
    second = ImportDialog(shell, "people", parent=window)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.size() == QSize(900, 560)
    assert second.findChild(QSplitter).sizes() == sizes


def test_a_remembered_size_larger_than_the_screen_is_cut_down(qtbot: Any, shell: Any) -> None:
    from sasaeai_desktop.gui.dialogs.history_dialog import HistoryDialog

    window_memory.settings().setValue("dialogs/HistoryDialog/size", QSize(4000, 3000))  # from a 4K monitor
    dialog = HistoryDialog(shell, "person", "missing", "x")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert _fits(dialog.size(), window_memory.client_room(window_memory.available_area(dialog)))
