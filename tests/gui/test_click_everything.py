"""Every button and menu action of the main window, on every page and tab, clicked once with demo
data: each must answer — a dialog, a message box, a file chooser, another page, a task, a change
in the database or on screen — and none may raise (conftest fails the test on any exception).

Dialogs are recorded and closed instead of waiting for a person; file choosers get a path in a
temporary folder, so every print and export really runs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QRadioButton
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QTreeWidget
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.gui.pages.catalog import PAGE_KEYS

from .helpers import copy_database
from .helpers import wait_loaded

TODAY = dt.date(2026, 12, 6)


@pytest.fixture
def demo_window(qtbot: Any, tmp_path: Path, demo_database: Any) -> Iterator[Any]:
    from sasaeai_desktop.gui.main_window import MainWindow
    from sasaeai_desktop.gui.shell_context import ShellContext

    ctx = open_database(copy_database(demo_database(today=TODAY), tmp_path / "d.db"))
    win = MainWindow(ShellContext(ctx, "20", "長野県"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    yield win
    from sasaeai_desktop.gui.tasks import wait_for_idle

    wait_for_idle()
    QCoreApplication.processEvents()
    win.close()
    ctx.close()


class Effects:
    """What a click caused, observed from outside the widgets."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, out: Path, message_boxes: Any) -> None:
        self.events: list[str] = []
        self.out = out
        self.boxes = message_boxes
        self._n = 0

        def exec_(dialog: QDialog) -> int:
            self.events.append(f"dialog {type(dialog).__name__}")
            return int(QDialog.DialogCode.Rejected.value)

        def open_(dialog: QDialog) -> None:
            self.events.append(f"dialog {type(dialog).__name__}")

        monkeypatch.setattr(QDialog, "exec", exec_)
        monkeypatch.setattr(QDialog, "open", open_)

        def save_name(parent: Any, caption: str = "", directory: str = "", filter: str = "", *a: Any, **k: Any) -> tuple[str, str]:
            self._n += 1
            suffix = re.search(r"\*(\.\w+)", filter or "")
            path = out / f"file{self._n}{suffix.group(1) if suffix else ''}"
            self.events.append(f"save-as {caption}")
            return str(path), filter

        def open_name(parent: Any, caption: str = "", *a: Any, **k: Any) -> tuple[str, str]:
            self.events.append(f"open {caption}")
            return "", ""

        def open_names(parent: Any, caption: str = "", *a: Any, **k: Any) -> tuple[list[str], str]:
            self.events.append(f"open {caption}")
            return [], ""

        def folder(parent: Any, caption: str = "", *a: Any, **k: Any) -> str:
            self.events.append(f"folder {caption}")
            return ""

        monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", open_name)
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", open_names)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", folder)
        for name in ("getText", "getItem", "getInt", "getMultiLineText", "getDouble"):
            monkeypatch.setattr(QInputDialog, name, lambda *a, _n=name, **k: (self.events.append(f"input {_n}"), ("", False))[1])

    def snapshot(self, window: Any, db: Path) -> tuple[Any, ...]:
        wal = db.with_name(db.name + "-wal")
        texts = tuple(w.text() for w in window.findChildren(QLabel) if w.isVisible())
        return (
            window.current_key(),
            wal.stat().st_mtime_ns if wal.exists() else 0,
            wal.stat().st_size if wal.exists() else 0,
            window.statusBar().currentMessage(),
            texts,
            len(self.boxes.shown),
            tuple(sorted(p.name for p in self.out.iterdir())),
            len([w for w in QApplication.topLevelWidgets() if w.isVisible()]),
            QApplication.focusWidget(),
        )


def _settle(qtbot: Any) -> None:
    from sasaeai_desktop.gui.tasks import wait_for_idle

    for _ in range(3):
        wait_for_idle()
        QCoreApplication.processEvents()
        qtbot.wait(20)


def _select_first_rows(page: QWidget) -> None:
    for view in page.findChildren(QAbstractItemView):
        if not view.isVisible() or view.model() is None or view.model().rowCount() == 0:
            continue
        if isinstance(view, QTreeWidget) and view.topLevelItemCount():
            top = view.topLevelItem(0)
            view.setCurrentItem(top.child(0) if top.childCount() else top)
        elif isinstance(view, QListWidget):
            if view.currentRow() < 0:
                view.setCurrentRow(0)
        elif view.selectionModel() is not None and not view.selectionModel().hasSelection():
            view.selectRow(0) if hasattr(view, "selectRow") else view.setCurrentIndex(view.model().index(0, 0))


def _choose_a_busy_event(page: QWidget) -> None:
    """On the 研修 page, the event with the most registrations, so its buttons have work to do."""
    events = getattr(page, "events", None)
    if not isinstance(events, QListWidget) or events.count() == 0:
        return
    counts = [int(m.group(1)) if (m := re.search(r"申込(\d+)", events.item(i).text())) else 0 for i in range(events.count())]
    events.setCurrentRow(counts.index(max(counts)))


def _buttons(page: QWidget) -> list[QAbstractButton]:
    out = []
    for b in page.findChildren(QAbstractButton):
        if isinstance(b, (QCheckBox, QRadioButton)) or b.isCheckable():
            continue  # a toggle's answer is its own state; it is still clicked through the forms it filters
        if type(b).__name__ in ("QToolButton",) and b.parent() is not None and "QTabBar" in type(b.parent()).__name__:
            continue  # the tab bar's scroll arrows
        if b.objectName() == "qt_calendar_prevmonth" or b.objectName().startswith("qt_"):
            continue
        out.append(b)
    return out


def _tab_states(page: QWidget) -> Iterator[str]:
    """Every tab of every QTabWidget on the page shown once (nested tabs through the outer one)."""
    yield "(first)"
    for tabs in page.findChildren(QTabWidget):
        for i in range(tabs.count()):
            if not shiboken6.isValid(tabs):
                break
            tabs.setCurrentIndex(i)
            yield tabs.tabText(i)


def _click(qtbot: Any, window: Any, fx: Effects, db: Path, what: str, press: Any) -> str | None:
    window.statusBar().clearMessage()
    window.activateWindow()  # a dialog that came and went may have taken the activation
    window.navigation.setFocus()  # so that an action that moves the focus is seen to
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.navigation, timeout=2000)
    before = fx.snapshot(window, db)
    n_events = len(fx.events)
    press()
    _settle(qtbot)
    # close whatever the click left open (a modeless dialog, a timeline window)
    for w in QApplication.topLevelWidgets():
        if w is not window and w.isVisible() and isinstance(w, QDialog):
            fx.events.append(f"window {type(w).__name__}")
            w.reject()
    internal = [t for t in fx.boxes.texts() if "内部エラー" in t]
    assert not internal, f"{what}: {internal}"
    if len(fx.events) == n_events and fx.snapshot(window, db) == before:
        return what
    return None


def test_every_button_and_menu_action_answers(
    qtbot: Any, demo_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: Any
) -> None:
    window = demo_window
    out = tmp_path / "out"
    out.mkdir()
    fx = Effects(monkeypatch, out, message_boxes)
    db = Path(window.shell.db_path)
    silent: list[str] = []
    clicked = 0
    for key in PAGE_KEYS:
        window.show_page(key)
        page = window.current_page()
        wait_loaded(qtbot, page, timeout=10000)
        _choose_a_busy_event(page)
        done: set[int] = set()
        for tab in _tab_states(page):
            _settle(qtbot)
            _select_first_rows(page)
            for button in _buttons(page):
                if not shiboken6.isValid(button) or id(button) in done:
                    continue
                if not (button.isVisible() and button.isEnabled()):
                    continue
                done.add(id(button))
                if window.current_key() != key:
                    window.show_page(key)
                what = f"{key}/{tab}: 「{button.text() or button.toolTip() or button.objectName()}」"
                clicked += 1
                missed = _click(qtbot, window, fx, db, what, button.click)
                if missed:
                    silent.append(missed)
                if window.current_key() != key:
                    window.show_page(key)
                _select_first_rows(page)
        # the menus on this page
        for action in window.menuBar().actions():
            for sub in action.menu().actions():
                if sub.isSeparator() or not sub.isEnabled() or sub is window.quit_action:
                    continue
                if sub in window.page_actions.values():
                    continue  # 表示 → a page: each page is visited by this loop anyway
                if sub.menu() is not None:
                    continue  # a submenu (最近使ったデータベース): only its entries act, and a test has none
                what = f"{key}: menu {action.text()} → {sub.text()}"
                clicked += 1
                missed = _click(qtbot, window, fx, db, what, sub.trigger)
                if missed:
                    silent.append(missed)
                if window.current_key() != key:
                    window.show_page(key)
    assert clicked > 60, clicked
    assert silent == [], "clicked and nothing happened:\n" + "\n".join(silent)
    window.quit_action.trigger()
    assert not window.isVisible()


def test_visit_report_button_asks_where_and_writes_the_pdf(
    qtbot: Any, demo_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: Any
) -> None:
    """訪問記録PDF once took the clicked signal's False for a path (AttributeError, nothing shown)."""
    window = demo_window
    out = tmp_path / "out"
    out.mkdir()
    fx = Effects(monkeypatch, out, message_boxes)
    window.show_page("activities")
    page = window.current_page()
    visits = page.findChild(QWidget, "visitsPage") or page
    wait_loaded(qtbot, visits, timeout=10000)
    lists = [w for w in page.findChildren(QWidget) if hasattr(w, "pdf_button")]
    assert lists, "the visits list has its 訪問記録PDF button"
    lst = lists[0]
    lst.select_row(0)
    lst.pdf_button.click()
    _settle(qtbot)
    assert [e for e in fx.events if e.startswith("save-as")] == ["save-as 訪問記録PDFの保存先"]
    pdfs = list(out.glob("*.pdf"))
    assert len(pdfs) == 1 and pdfs[0].read_bytes().startswith(b"%PDF")
