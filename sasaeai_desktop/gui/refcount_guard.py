"""Guard against PySide6 6.12.0 dropping references to None and True on CPython 3.11.

Measured on this stack (PySide6-Essentials 6.12.0, CPython 3.11.7): every call of a C++ method
that returns void (``label.setText(...)``, ``widget.setEnabled(...)``, ``processEvents()``)
returns ``None`` to Python without taking a reference, and every ``Signal.emit()`` does the same
with ``True``. ``sys.getrefcount(None)`` falls by one per call; when it reaches zero the process
aborts with "Fatal Python error: none_dealloc" (or "bool_dealloc" for True, whose count starts
near 600: a few hundred signals are enough). architecture.md noted the symptom for
``QStandardItemModel.appendRow``; it is in fact every void method and every emit.

CPython 3.12 made these singletons immortal (PEP 683), so the stray decrements do no harm there.
On 3.11 we do the same by hand: once, at start-up, and only when a probe shows the leak, we add
2**40 to the reference counts of None, True and False. They are never freed anyway; only the
counter changes, and at one leaked reference per call it would take centuries to run out.

Remove this module once the project requires a PySide6 without the bug or Python >= 3.12.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_PROBE_CALLS = 32
_HEADROOM = 1 << 40
_applied = False


class _Probe(QObject):
    ping = Signal()


def _drops_references(obj: object, call: object) -> bool:
    before = sys.getrefcount(obj)
    for _ in range(_PROBE_CALLS):
        call()  # type: ignore[operator]
    # Other threads may change counts a little; a real leak is one per call.
    return sys.getrefcount(obj) <= before - _PROBE_CALLS // 2


def leaks_detected() -> dict[str, bool]:
    probe = _Probe()
    return {
        "None": _drops_references(None, lambda: probe.setObjectName("probe")),
        "True": _drops_references(True, probe.ping.emit),
    }


def protect_singletons() -> bool:
    """Make None/True/False effectively immortal if this PySide6 leaks them; True if it did."""
    global _applied
    if _applied:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal already (or not a reference-counted runtime)
    if not any(leaks_detected().values()):
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every object in a release build of CPython 3.11.
        ctypes.c_ssize_t.from_address(id(obj)).value += _HEADROOM
    _applied = True
    return True
