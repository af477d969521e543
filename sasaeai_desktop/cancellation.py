"""中止 for writers that take no ``abort`` argument of their own.

reportlab builds a whole PDF in one call, so the PDF writers cannot check an ``abort`` event the
way imports and exports do. The task lane (gui/tasks.py) makes the abort event of the work it
runs current here; the PDF writers call ``check()`` after every flowable and page, and a pressed
中止 ends the build with ``Cancelled`` — the writer's temporary file goes as on any error
(io/output_files.replacing), the target is never touched. Outside a task nothing is current and
``check()`` costs one lookup.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_current: ContextVar[threading.Event | None] = ContextVar("sasaeai_abort", default=None)


class Cancelled(Exception):
    """The user pressed 中止 while the work ran."""


@contextmanager
def abort_on(event: threading.Event) -> Iterator[None]:
    token = _current.set(event)
    try:
        yield
    finally:
        _current.reset(token)


def check() -> None:
    event = _current.get()
    if event is not None and event.is_set():
        raise Cancelled
