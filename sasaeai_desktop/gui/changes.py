"""A tiny "what changed" hub (after Anki's OpChanges): a save, delete or import announces which
kinds of data it touched, and every page refreshes only when one of its kinds is among them.

    from sasaeai_desktop.gui import changes
    changes.emit({"municipalities"})
    changes.hub().changed.connect(page.on_changes)

Kinds are the listing kinds ('municipalities', 'people', 'advisors', 'visits', 'consultations',
'events') plus 'settings' and 'attendance' (the reception desk marked someone present: the 研修 page
has redrawn its own grid, the dashboard's coverage is stale). ``ALL`` means "anything may have
changed" (after an import or F5).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject
from PySide6.QtCore import Signal

ALL = "*"


class ChangeHub(QObject):
    changed = Signal(frozenset)  # frozenset[str] of kinds

    def emit_changes(self, kinds: Iterable[str]) -> None:
        self.changed.emit(frozenset(kinds))


_hub: ChangeHub | None = None


def hub() -> ChangeHub:
    """The one hub of this process (created on first use, after the QApplication)."""
    global _hub
    if _hub is None:
        _hub = ChangeHub()
    return _hub


def emit(kinds: Iterable[str]) -> None:
    hub().emit_changes(kinds)


def touches(changed: frozenset[str], watched: Iterable[str]) -> bool:
    """True when a change record concerns any of the ``watched`` kinds."""
    return ALL in changed or not changed.isdisjoint(watched)
