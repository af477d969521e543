"""A child process killed half-way through one of SQLite's backup copies (a backup, a restore).

The script makes SQLite's backup copy one page a step; at the middle of the chosen copy it
prints "half" and waits to be killed — only the speed of the copy changes."""

from __future__ import annotations

_PAGE_BY_PAGE = """
import sqlite3, sys, time
real_connect = sqlite3.connect
calls = [0]
class PageByPage(sqlite3.Connection):
    def backup(self, target, **_ignored):
        calls[0] += 1
        def progress(status, remaining, total):
            if {on_copy} in (None, calls[0]) and remaining == total // 2:
                print("half", flush=True)
                time.sleep(60)
        super().backup(target, pages=1, progress=progress)
def connect(*args, **kwargs):
    kwargs.setdefault("factory", PageByPage)
    return real_connect(*args, **kwargs)
sqlite3.connect = connect
"""


def killed_half_way(then: str, *, on_copy: int | None = None) -> str:
    """The script running ``then`` (Python lines), stopped at the middle of its ``on_copy``-th
    backup copy (None: the first copy long enough to have a middle)."""
    return _PAGE_BY_PAGE.format(on_copy=on_copy) + then
