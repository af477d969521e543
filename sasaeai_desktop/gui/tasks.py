"""Running long work off the GUI thread (after Anki's operations and calibre's threaded jobs).

A widget makes one call::

    run_task(self, lambda progress, abort: service.do(uow, progress=progress, abort=abort),
             title=self.tr("取り込み"), on_success=self._imported)

``fn(progress, abort)`` runs on a worker of a one-thread pool — the serial lane for database
writes, since SQLite has one writer — and reports ``progress(fraction, message)`` now and then
(a negative fraction means "unknown") while checking ``abort.is_set()``. Nothing is shown for
work that ends within a second (a dialog flashing up and away is worse than none); after that a
progress dialog with a 中止 button appears. A cancelled task says 「…を中止しました」 in the main
window's status bar. Work with no ``abort`` hook of its own (a PDF writer: reportlab builds the
whole document in one call) checks the same event through ``sasaeai_desktop.cancellation``,
which the lane makes current for the work it runs: 中止 ends it between two pages, and the
writer's temporary file goes the way of any error (io/output_files.replacing removes it).
The result or the error comes back on the GUI thread through queued signals: ``on_success(result)``,
or ``on_error(exc)``; without ``on_error`` a UserError is shown as is (its text is for the user)
and anything else as 内部エラー with the traceback under "details".
"""

from __future__ import annotations

import gc
import sys
import threading
import time
import traceback
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QObject
from PySide6.QtCore import QRunnable
from PySide6.QtCore import Qt
from PySide6.QtCore import QThreadPool
from PySide6.QtCore import QTimer
from PySide6.QtCore import Signal
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QProgressDialog
from PySide6.QtWidgets import QWidget

from sasaeai_desktop import cancellation
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.progress import Progress

TaskFn = Callable[[Progress, threading.Event], Any]

SHOW_PROGRESS_AFTER_MS = 1000
_PROGRESS_STEPS = 1000
_MIN_PROGRESS_INTERVAL_S = 0.05  # more often than this only floods the event queue


_tr = partial(QCoreApplication.translate, "tasks")


class _WhileTasksRun:
    """How the interpreter runs while a task works beside the GUI thread.

    - No automatic cyclic garbage collection. A PDF of 2,000 pages or a plan of 20,000 rows
      keeps hundreds of thousands of objects alive until it is done; each full collection walked
      all of them holding the GIL, and the window froze for 0.2–1.2 s at a time
      (benchmarks/bench_gui_stalls.py: the longest stalls were exactly these collections). What
      the task leaves is freed by reference counting when it returns; cycles wait for the first
      collection after it, with the task's objects gone.
    - A short GIL switch interval. The GUI thread runs Python for many events (the application's
      key guard filters every event, slots, models), and each time it waits for the worker to
      hand over the GIL — up to the interval, 5 ms by default, and several times per event on a
      busy machine: events queued behind each other added up to stalls of 100–300 ms.
    Counted, so that the last of overlapping tasks puts both back."""

    SWITCH_INTERVAL_S = 0.0005

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_enabled = True
        self._interval = sys.getswitchinterval()

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._was_enabled = gc.isenabled()
                self._interval = sys.getswitchinterval()
                gc.disable()
                sys.setswitchinterval(self.SWITCH_INTERVAL_S)
            self._depth += 1

    def __exit__(self, *_exc: object) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0:
                sys.setswitchinterval(self._interval)
                if self._was_enabled:
                    gc.enable()


while_tasks_run = _WhileTasksRun()


class _Relay(QObject):
    """Signals emitted on the worker thread, delivered (queued) to the handle on the GUI thread."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object, str)  # exception, formatted traceback


class _Worker(QRunnable):
    def __init__(self, fn: TaskFn, relay: _Relay, abort: threading.Event) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self._abort = abort
        self._last_report = 0.0
        self.returned = threading.Event()  # run() has emitted its last signal and is leaving

    def _progress(self, fraction: float, message: str = "") -> None:
        now = time.monotonic()
        if fraction < 1.0 and now - self._last_report < _MIN_PROGRESS_INTERVAL_S:
            return
        self._last_report = now
        self._relay.progressed.emit(float(fraction), str(message))

    def run(self) -> None:
        with while_tasks_run:
            self._run()

    def _run(self) -> None:
        try:
            cancellation.check(self._abort)  # cancelled while it waited in the queue: never starts
            with cancellation.abort_on(self._abort):
                result = self._fn(self._progress, self._abort)
        except BaseException as exc:  # everything must reach the GUI thread
            self._relay.failed.emit(exc, traceback.format_exc())
        else:
            self._relay.succeeded.emit(result)
        finally:
            self.returned.set()


class TaskHandle(QObject):
    """One running task; ``finished`` fires after its callback ran (tests wait on it)."""

    finished = Signal()

    def __init__(
        self,
        parent_widget: QWidget | None,
        title: str,
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None,
        on_cancel: Callable[[], None] | None,
    ) -> None:
        super().__init__()
        self._worker: _Worker | None = None
        self.abort = threading.Event()
        self.done = False
        self.cancelled = False
        self._parent_widget = parent_widget
        self._title = title
        self._on_success = on_success
        self._on_error = on_error
        self._on_cancel = on_cancel
        self._dialog: QProgressDialog | None = None
        self.worker_returned: threading.Event | None = None  # set by run_task
        self._last_progress: tuple[float, str] = (-1.0, "")
        self.relay = _Relay()
        queued = Qt.ConnectionType.QueuedConnection
        self.relay.progressed.connect(self._on_progress, queued)
        self.relay.succeeded.connect(self._on_succeeded, queued)
        self.relay.failed.connect(self._on_failed, queued)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)

    def cancel(self) -> None:
        self.abort.set()
        if self._worker is not None and not self.done and db_lane().tryTake(self._worker):
            # Still queued behind another task: out of the queue now, not when that task ends.
            self._worker.returned.set()
            self.relay.failed.emit(cancellation.Cancelled(), "")
        if self._dialog is not None:
            self._dialog.setLabelText(_tr("中止しています…"))
            self._dialog.setCancelButton(None)

    @property
    def progress_dialog(self) -> QProgressDialog | None:
        return self._dialog

    @property
    def title(self) -> str:
        return self._title

    def show_now(self, message: str) -> None:
        """The progress dialog at once, saying ``message`` (a wait the user must see)."""
        self._last_progress = (-1.0, message)
        self._timer.stop()
        self._show_dialog()

    # -- GUI thread --------------------------------------------------------------------------
    def start_timer(self) -> None:
        self._timer.start(SHOW_PROGRESS_AFTER_MS)

    @Slot()
    def _show_dialog(self) -> None:
        if self.done:
            return
        dlg = QProgressDialog(self._parent_widget)
        dlg.setWindowTitle(self._title)
        dlg.setCancelButtonText(_tr("中止"))
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setMinimumWidth(420)
        modality = Qt.WindowModality.WindowModal if self._parent_widget else Qt.WindowModality.ApplicationModal
        dlg.setWindowModality(modality)
        dlg.canceled.connect(self.cancel)
        self._dialog = dlg
        self._apply_progress(*self._last_progress)
        dlg.show()

    def _apply_progress(self, fraction: float, message: str) -> None:
        dlg = self._dialog
        if dlg is None or self.abort.is_set():
            return
        if fraction < 0:
            dlg.setRange(0, 0)  # busy indicator
        else:
            dlg.setRange(0, _PROGRESS_STEPS)
            dlg.setValue(int(min(max(fraction, 0.0), 1.0) * _PROGRESS_STEPS))
        dlg.setLabelText(message or self._title + _tr("を実行しています…"))

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self._last_progress = (fraction, message)
        self._apply_progress(fraction, message)

    def _finish(self) -> None:
        self.done = True
        self._timer.stop()
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)  # closing it emits canceled: not a cancel
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _release_when_returned(self) -> None:
        """Let ``_running`` drop the handle once the slot now running has returned and the worker
        has left its emit. Dropped at once, a handle nobody else keeps (a flow that replaced it
        with its next task, or a caller that never kept it) would be deleted while Qt still
        delivers the event that called the slot; dropped before the worker thread is out of
        ``emit``, its relay would be deleted under that thread (the GUI thread can run the queued
        slot first on a busy machine). Either is a use-after-free: the GUI tests segfaulted now
        and then, far from the task.

        The widget it was started from is let go at once: the handle lives on in a reference cycle
        until the next garbage collection, and a dialog closed with WA_DeleteOnClose would keep a
        Python wrapper whose C++ object is gone."""
        self._parent_widget = None
        worker_returned = self.worker_returned

        def release() -> None:
            if worker_returned is not None and not worker_returned.is_set():
                QTimer.singleShot(5, release)
                return
            _running.discard(self)

        QTimer.singleShot(0, release)

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self._finish()
        try:
            self._on_success(result)
        finally:
            self.finished.emit()
            self._release_when_returned()

    @Slot(object, str)
    def _on_failed(self, exc: BaseException, details: str) -> None:
        self._finish()
        try:
            if self.abort.is_set():
                # The user asked to stop and the work stopped by raising: that is not an error.
                self.cancelled = True
                say_in_status_bar(self._parent_widget, _tr("「{title}」を中止しました").format(title=self._title))
                if self._on_cancel is not None:
                    self._on_cancel()
            elif self._on_error is not None:
                self._on_error(exc)
            else:
                show_error(self._parent_widget, self._title, exc, details)
        finally:
            self.finished.emit()
            self._release_when_returned()


def say_in_status_bar(widget: QWidget | None, text: str) -> None:
    """The main window's status bar, wherever the task was started from (a page, a dialog)."""
    from PySide6.QtWidgets import QMainWindow

    w = widget
    while w is not None:
        if isinstance(w, QMainWindow):
            w.statusBar().showMessage(text, 10000)
            return
        w = w.parentWidget()


def show_error(parent: QWidget | None, title: str, exc: BaseException, details: str = "") -> None:
    """A UserError as is (its text is written for the user); a full disk as the same message the
    command line gives (whatever layer noticed it: SQLite, a PDF, a workbook); anything else as 内部エラー."""
    from sasaeai_desktop.io.output_files import disk_full

    full = disk_full(exc)
    if full is not None:
        QMessageBox.warning(parent, title, str(full))
        return
    if isinstance(exc, UserError):
        QMessageBox.warning(parent, title, str(exc))
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_tr("内部エラー"))
    box.setText(
        _tr("「{title}」の途中で内部エラーが発生しました。データは変更されていないか、処理の前の状態に戻っています。").format(
            title=title
        )
    )
    box.setInformativeText(
        _tr("問題が続く場合は、下の「詳細」の内容を担当者に伝えてください。\n{error}").format(
            error=f"{type(exc).__name__}: {exc}"
        )
    )
    text = details or "".join(traceback.format_exception(exc))
    box.setDetailedText(text)
    from sasaeai_desktop.gui.crash_report import write_log

    log = write_log(f"{title}\n{text}")  # the officer can send the file; the box's details are gone once closed
    if log is not None:
        box.setInformativeText(box.informativeText() + "\n" + _tr("記録: {path}").format(path=log))
    box.exec()


_pool: QThreadPool | None = None
_running: set[TaskHandle] = set()  # keeps handles (and their workers) alive until they finish


def db_lane() -> QThreadPool:
    """One worker thread: database writes never race each other (SQLite has one writer)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
        _pool.setExpiryTimeout(-1)
    return _pool


def run_task(
    parent: QWidget | None,
    fn: TaskFn,
    *,
    title: str,
    on_success: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
) -> TaskHandle:
    handle = TaskHandle(parent, title, on_success, on_error, on_cancel)
    worker = _Worker(fn, handle.relay, handle.abort)
    handle._worker = worker  # the pool must not outlive the Python object
    handle.worker_returned = worker.returned
    _running.add(handle)
    handle.start_timer()
    db_lane().start(worker)
    return handle


def running_titles() -> list[str]:
    """The titles of the tasks running on the lane or queued for it (not those whose result only
    waits for the GUI thread: the lane is free of them)."""
    return [h.title for h in _running if not h.done and not (h.worker_returned and h.worker_returned.is_set())]


def wait_for_idle(timeout_ms: int = 30000) -> bool:
    """Block until the lane is empty (used at exit and by tests); queued results still need events."""
    return db_lane().waitForDone(timeout_ms)
