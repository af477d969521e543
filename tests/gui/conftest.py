"""GUI tests run offscreen with one QApplication (ours: font, translations, style sheet).

Every message box is intercepted: a box nobody answers would hang the run, so tests see what
would have been shown in ``message_boxes`` and decide answers with ``answer_questions``.
"""

from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import pytest

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.services import setup

from .helpers import copy_database


@pytest.fixture(scope="session")
def qapp() -> Any:
    """Overrides pytest-qt's fixture so widgets get the bundled font and Japanese Qt strings."""
    from sasaeai_desktop.gui.application import create_application

    return create_application(["sasaeai-gui-tests"])


@pytest.fixture(scope="session")
def nagano_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database initialised for 長野県; each test works on a copy (init once, copy in ms)."""
    path = tmp_path_factory.mktemp("template") / "t.db"
    ctx = open_database(path)
    try:
        setup.init_prefecture(ctx.uow(), "長野県")
    finally:
        ctx.close()
    return path


@pytest.fixture
def db_path(tmp_path: Path, nagano_template: Path) -> Path:
    return copy_database(nagano_template, tmp_path / "t.db")


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory, nagano_template: Path) -> Any:
    """``demo_database(seed=7, today=None)``: the path of a 長野県 database filled with the demo
    (scale 1), built once per session for each (seed, today); tests copy it (copy_database)."""
    import datetime as dt

    from sasaeai_desktop import demo

    built: dict[tuple[int, dt.date | None], Path] = {}

    def make(seed: int = 7, today: dt.date | None = None) -> Path:
        if (seed, today) not in built:
            path = copy_database(nagano_template, tmp_path_factory.mktemp("demo") / "demo.db")
            context = open_database(path)
            try:
                demo.fill_demo(context.uow(), scale=1, seed=seed, today=today)
            finally:
                context.close()
            built[(seed, today)] = path
        return built[(seed, today)]

    return make


@pytest.fixture
def ctx(db_path: Path) -> Iterator[AppContext]:
    context = open_database(db_path)
    yield context
    context.close()


@pytest.fixture
def shell(ctx: AppContext) -> Any:
    from sasaeai_desktop.gui.shell_context import ShellContext

    return ShellContext(ctx, "20", "長野県")


@pytest.fixture
def window(qtbot: Any, shell: Any) -> Any:
    from sasaeai_desktop.gui.main_window import MainWindow

    win = MainWindow(shell)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()  # shortcuts and focus behave as for a person at the keyboard
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    return win


@dataclass
class MessageBoxes:
    shown: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, title, text)
    answer: Any = None  # what question() returns; No unless a test says otherwise

    def texts(self) -> list[str]:
        return [text for _kind, _title, text in self.shown]


@pytest.fixture(autouse=True)
def message_boxes(monkeypatch: pytest.MonkeyPatch, qapp: Any) -> MessageBoxes:
    from PySide6.QtWidgets import QMessageBox

    boxes = MessageBoxes(answer=QMessageBox.StandardButton.No)

    def static(kind: str):  # type: ignore[no-untyped-def]
        def show(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            boxes.shown.append((kind, title, text))
            if kind == "question":
                return boxes.answer
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, static(kind))

    def exec_(self: QMessageBox) -> int:
        text = "\n".join(filter(None, [self.text(), self.informativeText(), self.detailedText()]))
        boxes.shown.append(("exec", self.windowTitle(), text))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return boxes



@pytest.fixture(autouse=True)
def no_unhandled_exceptions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Any exception that reaches sys.excepthook or threading.excepthook fails the test.

    pytest-qt catches a slot's exception while the test body runs; this also covers set-up,
    tear-down (a deferred slot running as widgets close) and the task lane's worker threads."""
    import sys
    import threading
    import traceback

    seen: list[str] = []

    def hook(kind: Any, value: Any, tb: Any) -> None:
        seen.append("".join(traceback.format_exception(kind, value, tb)))

    monkeypatch.setattr(sys, "excepthook", hook)
    monkeypatch.setattr(threading, "excepthook", lambda args: hook(args.exc_type, args.exc_value, args.exc_traceback))
    yield seen
    if seen:
        pytest.fail("unhandled exception in the GUI:\n" + "\n".join(seen), pytrace=False)


@pytest.fixture(autouse=True)
def writes_through_the_runner(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every write the window makes goes through the task lane (gui/writes.write or run_task): a
    commit on the GUI thread with window code on the stack fails the test that made it.

    Checked where it happens rather than by reading the source for service calls: a list of
    write functions would go stale, and a read that writes would slip past it. Test set-up that
    calls a service directly has no window code on its stack and is not counted."""
    import threading
    import traceback

    from sasaeai_desktop.gui import changes

    stray: list[str] = []
    report = changes.written

    def written(tables: frozenset[str]) -> None:
        if threading.current_thread() is threading.main_thread():
            window = [f for f in traceback.extract_stack() if "sasaeai_desktop/gui/" in f.filename.replace("\\", "/")]
            if window:
                stray.append(f"{sorted(tables)} written on the GUI thread from {window[-1].filename}:{window[-1].lineno}")
        report(tables)

    monkeypatch.setattr(changes, "written", written)
    yield stray
    if stray:
        pytest.fail("a write from the window did not go through the runner:\n" + "\n".join(stray), pytrace=False)


@pytest.fixture
def long_import(qtbot: Any) -> Iterator[threading.Event]:
    """A task holding the lane (as an import does) until the test sets the event it returns."""
    from sasaeai_desktop.gui import tasks

    release, started = threading.Event(), threading.Event()

    def work(_progress: Any, _abort: Any) -> None:
        started.set()
        release.wait(10)

    handle = tasks.run_task(None, work, title="取り込み", on_success=lambda _r: None)
    assert started.wait(5)
    yield release
    release.set()
    qtbot.waitUntil(lambda: handle.done, timeout=5000)


@pytest.fixture(autouse=True)
def collect_after_each_test(qapp: Any) -> Iterator[None]:
    """Widgets a test leaves behind are deleted at its end, not at a random allocation in a
    later test: a wrapper collected late (its C++ object gone with a parent) crashed PySide far
    from the test that made it."""
    yield
    import gc

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtCore import QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture(autouse=True)
def no_forgotten_dialog(qapp: Any) -> Iterator[None]:
    """A modal dialog open for longer than any test needs is rejected and the test fails, naming
    it: a dialog nobody answers would otherwise hang the whole run until CI's limit."""
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from PySide6.QtWidgets import QDialog

    limit = 120.0
    open_since: dict[int, float] = {}
    forgotten: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            open_since.clear()
            return
        since = open_since.setdefault(id(dialog), time.monotonic())
        if time.monotonic() - since > limit:
            forgotten.append(f"{type(dialog).__name__} 「{dialog.windowTitle()}」")
            if isinstance(dialog, QDialog):
                dialog.reject()
            else:
                dialog.close()

    watchdog = QTimer()
    watchdog.setInterval(1000)
    watchdog.timeout.connect(look)
    watchdog.start()
    yield
    watchdog.stop()
    assert not forgotten, f"a modal dialog was left open for more than {limit:.0f} s: {forgotten}"
