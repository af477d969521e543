"""中止: the one way long work stops when the user asks it to.

Long work (imports, exports, survey forms, sync, prints) takes an ``abort`` event — the task
lane's (gui/tasks.py), or None where nobody can press 中止 (the command line stops with Ctrl+C)
— and calls ``check(abort)`` between steps. ``Cancelled`` then ends it like any error: the
transaction rolls back, the writer's temporary file is removed (atomic_files.atomic_write), the
target is never touched. The window tells a cancel from an error by its own event, not by the
exception.

reportlab builds a whole PDF in one call, so the PDF writers cannot be handed the event through
it: the lane makes the event of the work it runs current here (``abort_on``), a PDF writer takes
it with ``current()`` and checks it after every flowable and page. Outside a task nothing is
current: the writer runs to its end.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol


class AbortSignal(Protocol):
    """What ``abort`` must offer: a ``threading.Event`` or anything with its ``is_set``."""

    def is_set(self) -> bool: ...


_current: ContextVar[AbortSignal | None] = ContextVar("sasaeai_abort", default=None)


class Cancelled(Exception):
    """The user pressed 中止 while the work ran; nothing was written, no file was left."""

    def __init__(self, message: str = "キャンセルしました。ファイルは作成していません。") -> None:
        super().__init__(message)


def check(abort: AbortSignal | None, message: str | None = None) -> None:
    """Raise ``Cancelled`` (with ``message``, if given) when ``abort`` is set."""
    if abort is not None and abort.is_set():
        raise Cancelled() if message is None else Cancelled(message)


def current() -> AbortSignal | None:
    """The abort event of the task running this code, for work that cannot be handed one."""
    return _current.get()


@contextmanager
def abort_on(event: threading.Event) -> Iterator[None]:
    token = _current.set(event)
    try:
        yield
    finally:
        _current.reset(token)
