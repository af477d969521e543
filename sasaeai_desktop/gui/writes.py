"""The window's one runner for writes: the task lane (SQLite has one writer, and the lane is it).

Long work (an import, a sync read) is a ``tasks.run_task`` with progress and 中止. A short write a
dialog waits for — a save, a delete, a presence mark — is ``write(parent, title, fn)``: ``fn()``
is queued on the same lane and the caller waits for it in a local event loop, so it gets the
result, or the error raised, as if the call had run in place. Alone on the lane it takes
milliseconds and nothing is shown (user input waits meanwhile: nothing is clicked twice). Behind
another task it waits the same way for ``GRACE_MS`` — a page's refresh ends within it, and a scan
at the reception desk must not flash a dialog that takes the focus — and then says so — 「処理中…」
and what it waits for — where a write on the GUI thread would have frozen the window for SQLite's
busy_timeout and then failed; 中止 there takes the write back out of the queue and raises
``WriteWithdrawn`` (a UserError: the form keeps what was typed, and says so).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QEventLoop
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui import tasks

T = TypeVar("T")

GRACE_MS = 150

_tr = partial(QCoreApplication.translate, "writes")


class WriteWithdrawn(UserError):
    """The user stopped waiting for a write queued behind a long task: nothing was written."""


def write(parent: QWidget | None, title: str, fn: Callable[[], T]) -> T:
    ahead = tasks.running_titles()
    outcome: dict[str, Any] = {}

    def withdrawn() -> None:
        outcome["error"] = WriteWithdrawn(_tr("「{title}」を取りやめました。まだ書き込まれていません。").format(title=title))

    handle = tasks.run_task(
        parent, lambda _p, _a: fn(), title=title,
        on_success=partial(outcome.__setitem__, "result"), on_error=partial(outcome.__setitem__, "error"),
        on_cancel=withdrawn,
    )
    _wait(handle, QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, GRACE_MS if ahead else None)
    if not handle.done:
        handle.show_now(_tr("処理中…「{ahead}」が終わると「{title}」を続けます。").format(ahead="」「".join(ahead), title=title))
        _wait(handle, QEventLoop.ProcessEventsFlag.AllEvents)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def write_or_say(parent: QWidget | None, title: str, fn: Callable[[], object]) -> bool:
    """``write``, with a refusal (a UserError: a name taken, a record gone) said in a message box
    titled ``title``; True when it was written."""
    try:
        write(parent, title, fn)
    except UserError as exc:
        tasks.show_error(parent, title, exc)
        return False
    return True


def _wait(handle: tasks.TaskHandle, flags: QEventLoop.ProcessEventsFlag, timeout_ms: int | None = None) -> None:
    """Run a local event loop until ``handle`` has finished (or ``timeout_ms`` has passed)."""
    if handle.done:
        return
    loop = QEventLoop()
    handle.finished.connect(loop.quit)
    if timeout_ms is not None:
        timer = QTimer(loop)
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(timeout_ms)
    loop.exec(flags)
    handle.finished.disconnect(loop.quit)
