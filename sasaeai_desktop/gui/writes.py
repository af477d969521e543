"""The window's one runner for writes: the task lane (SQLite has one writer, and the lane is it).

Long work (an import, a sync read) is a ``tasks.run_task`` with progress and 中止. A short write a
dialog waits for — a save, a delete, a presence mark — is ``write(parent, title, fn)``: ``fn()``
is queued on the same lane and the caller waits for it in a local event loop, so it gets the
result, or the error raised, as if the call had run in place. Alone on the lane it takes
milliseconds and nothing is shown (user input waits meanwhile: nothing is clicked twice). Behind
a long task the window says so at once — 「処理中…」 and what it waits for — where a write on the
GUI thread would have frozen the window for SQLite's busy_timeout and then failed; 中止 there takes
the write back out of the queue and raises ``WriteWithdrawn`` (a UserError: the form keeps what
was typed, and says so).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui import tasks

T = TypeVar("T")

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
    loop = QEventLoop()
    handle.finished.connect(loop.quit)
    flags = QEventLoop.ProcessEventsFlag.AllEvents
    if ahead:
        handle.show_now(_tr("処理中…「{ahead}」が終わると「{title}」を続けます。").format(ahead="」「".join(ahead), title=title))
    else:
        flags = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
    if not handle.done:
        loop.exec(flags)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
