"""Windows that fit the screen they open on, and remember their size and splitters (QSettings).

The smallest screen we promise to fit is the common officer laptop: 1366×768 with a taskbar,
about 1366×728 usable, and a Windows title bar and borders around every window. A window opens
at its remembered size when that still fits the screen, otherwise at a size derived from the
screen; what the user drags (window sizes, splitters) is written back when the window closes.

One helper for every window: ``remember(dialog)`` in a dialog, ``remember_splitter`` for a page's
splitter, ``restore_main_window``/``save_main_window`` for the main window. Tests and the
screenshot script point ``SASAEAI_SETTINGS`` at a file of their own, so they never read or
change the user's settings.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray
from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import QPoint
from PySide6.QtCore import QRect
from PySide6.QtCore import QSettings
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QWidget

from sasaeai_desktop import APP_AUTHOR
from sasaeai_desktop import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

SETTINGS_ENV = "SASAEAI_SETTINGS"  # an .ini file used instead of the user's settings
LAPTOP_SCREEN = QSize(1366, 728)  # 1366×768 minus the taskbar
FRAME_ALLOWANCE = QSize(20, 38)  # Windows 10/11 borders and title bar at 100 % scaling
LARGEST_CLIENT = QSize(LAPTOP_SCREEN.width() - FRAME_ALLOWANCE.width(), LAPTOP_SCREEN.height() - FRAME_ALLOWANCE.height())
SCREEN_SHARE = 0.9  # a first main window leaves a margin of the desktop around it
_VISIBLE_STRIP = QSize(120, 24)  # enough of the title bar on a screen to grab and move the window
_REMEMBERED = "sasaeaiRemembered"
_SPLITTER_KEY = "sasaeaiSplitterKey"


def settings() -> QSettings:
    path = os.environ.get(SETTINGS_ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(APP_AUTHOR, APP_NAME)


def screen_areas() -> list[QRect]:
    """The usable desktop of every screen now connected."""
    return [screen.availableGeometry() for screen in QGuiApplication.screens()]


def available_area(widget: QWidget | None = None) -> QRect:
    """The usable desktop (without the taskbar) of the screen ``widget`` is on, else the primary one."""
    # Looked up through QGuiApplication, never ``widget.screen()``: PySide makes the screen's
    # Python object a child of the widget it was asked of, and a dialog the garbage collector
    # deletes (exec() hands it to Python) then deletes the QScreen with it, which crashes Qt later.
    screen = QGuiApplication.screenAt(widget.window().geometry().center()) if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(QPoint(0, 0), LAPTOP_SCREEN)


def client_room(area: QRect) -> QSize:
    """The largest window content that fits ``area`` with its frame around it."""
    return QSize(max(area.width() - FRAME_ALLOWANCE.width(), 1), max(area.height() - FRAME_ALLOWANCE.height(), 1))


def first_main_window_size(area: QRect, minimum: QSize) -> QSize:
    """Most of a big screen (a 1920×1080 desktop gets room to show more), all of a laptop's,
    never more than fits, and not below what the window needs unless the screen is smaller."""
    room = client_room(area)
    wanted = QSize(int(area.width() * SCREEN_SHARE), int(area.height() * SCREEN_SHARE))
    # A laptop's screen is all used: a margin around the window would only take rows off the lists.
    return wanted.expandedTo(LARGEST_CLIENT).expandedTo(minimum).boundedTo(room)


def fit_size(size: QSize, area: QRect, minimum: QSize) -> QSize:
    return size.expandedTo(minimum).boundedTo(client_room(area))


def on_some_screen(frame: QRect) -> bool:
    """Whether the title bar of a window with this frame can be seen and grabbed on a screen now
    connected (a saved position on a projector that is gone is not)."""
    strip = QRect(frame.topLeft(), QSize(frame.width(), _VISIBLE_STRIP.height()))
    for area in screen_areas():
        seen = strip.intersected(area)
        if seen.width() >= min(_VISIBLE_STRIP.width(), frame.width()) and seen.height() > 0:
            return True
    return False


# -- the main window --------------------------------------------------------------------------------
def restore_main_window(window: QMainWindow, key: str = "mainWindow") -> None:
    """Where the user left it (maximized or not), cut down to the screen, when its title bar is on a
    screen now connected; else most of the screen it opens on. Call before the window is shown.

    A rectangle and a flag rather than ``saveGeometry()``: what "fits" and "is on a screen" mean
    is then decided here, in one place, and tested, not inside Qt's platform code."""
    store = settings()
    rect = store.value(f"{key}/rect")
    maximized = str(store.value(f"{key}/maximized", "false")).lower() == "true"
    state = store.value(f"{key}/state")
    area = available_area(window)
    if isinstance(rect, QRect) and rect.isValid() and on_some_screen(rect.adjusted(0, -FRAME_ALLOWANCE.height(), 0, 0)):
        window.setGeometry(QRect(rect.topLeft(), fit_size(rect.size(), area, window.minimumSizeHint())))
    else:
        window.resize(first_main_window_size(area, window.minimumSizeHint()))
        window.move(area.center() - window.rect().center())
    if isinstance(state, QByteArray):
        window.restoreState(state)
    if maximized:
        window.setWindowState(window.windowState() | _qt().WindowState.WindowMaximized)


def save_main_window(window: QMainWindow, key: str = "mainWindow") -> None:
    store = settings()
    maximized = window.isMaximized()
    store.setValue(f"{key}/rect", window.normalGeometry() if maximized else window.geometry())
    store.setValue(f"{key}/maximized", maximized)
    store.setValue(f"{key}/state", window.saveState())
    _save_page_splitters(store, window)
    store.sync()


def _qt() -> type[Qt]:
    """Looked up only when needed: the first lookup of ``Qt`` costs start-up time (main_window._qt)."""
    from PySide6.QtCore import Qt

    return Qt


# -- dialogs and splitters ---------------------------------------------------------------------------
def _splitter_key(splitter: QSplitter, index: int) -> str:
    return splitter.objectName() or f"splitter{index}"


class _DialogMemory(QObject):
    """Restores a dialog's size and splitters when it is first shown (its layout is built by then)
    and saves them each time it is hidden (accepted, rejected or closed)."""

    def __init__(self, dialog: QWidget, key: str) -> None:
        super().__init__(dialog)
        self.key = key
        self.restored = False
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget):
            if event.type() == QEvent.Type.Show and not self.restored:
                self.restored = True
                self.restore(watched)
            elif event.type() == QEvent.Type.Hide and self.restored:
                self.save(watched)
        return False

    def splitters(self, dialog: QWidget) -> list[QSplitter]:
        return dialog.findChildren(QSplitter)

    def restore(self, dialog: QWidget) -> None:
        store = settings()
        saved = store.value(f"dialogs/{self.key}/size")
        size = saved if isinstance(saved, QSize) and saved.isValid() else dialog.size()
        dialog.resize(fit_size(size, available_area(dialog), dialog.minimumSizeHint()))
        for i, splitter in enumerate(self.splitters(dialog)):
            state = store.value(f"dialogs/{self.key}/{_splitter_key(splitter, i)}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)

    def save(self, dialog: QWidget) -> None:
        store = settings()
        store.setValue(f"dialogs/{self.key}/size", dialog.size())
        for i, splitter in enumerate(self.splitters(dialog)):
            store.setValue(f"dialogs/{self.key}/{_splitter_key(splitter, i)}", splitter.saveState())


def remember(dialog: QWidget, key: str | None = None) -> None:
    """Remember ``dialog``'s size and splitter positions under ``key`` (its class name by default),
    and open it no bigger than the screen. Call once, in its constructor."""
    if not dialog.property(_REMEMBERED):
        dialog.setProperty(_REMEMBERED, True)
        _DialogMemory(dialog, key or type(dialog).__name__)


def remember_splitter(splitter: QSplitter, key: str) -> None:
    """A page's splitter: back where the user left it. Saved with the main window when it closes
    (``save_main_window``), not on every pixel of a drag."""
    splitter.setProperty(_SPLITTER_KEY, key)
    state = settings().value(f"splitters/{key}")
    if isinstance(state, QByteArray):
        splitter.restoreState(state)


def _save_page_splitters(store: QSettings, window: QWidget) -> None:
    for splitter in window.findChildren(QSplitter):
        key = splitter.property(_SPLITTER_KEY)
        if key:
            store.setValue(f"splitters/{key}", splitter.saveState())
