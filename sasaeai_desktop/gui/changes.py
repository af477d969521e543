"""What changed → which pages reload (after Anki's OpChanges).

Every unit of work the window opens (``ShellContext.uow``) reports, after each commit, the tables
it wrote (db/uow.py reads them from the database's change capture); ``written`` maps them to the
kinds pages watch, through ``TABLE_KINDS`` below, and broadcasts them. No dialog or page announces
its own writes, so none can forget to.

    changes.hub().changed.connect(page.on_changes)
    def on_changes(self, kinds): if changes.touches(kinds, {"people"}): ...

Kinds are the listing kinds ('municipalities', 'people', 'advisors', 'visits', 'consultations',
'dispatches', 'follow_ups', 'events') plus 'regions', 'status', 'settings', 'attendance' (a
presence mark) and 'catalogue' (地域資源). The broadcast reaches the pages on the GUI thread: at once for a write made there
(as the dialog's save returns, before it closes), queued from the background lane.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QThread
from PySide6.QtCore import Signal

# Which page kinds a written table concerns: the pages that show its rows, or figures from them.
TABLE_KINDS: dict[str, frozenset[str]] = {
    "prefecture": frozenset({"municipalities"}),
    "municipality": frozenset({"municipalities"}),
    "region_kind": frozenset({"regions"}),
    "region": frozenset({"regions"}),
    "region_membership": frozenset({"regions"}),
    "municipality_status": frozenset({"status"}),
    "organisation": frozenset({"people"}),
    "person": frozenset({"people"}),
    "activity_field": frozenset({"advisors"}),
    "advisor": frozenset({"advisors", "people"}),
    "advisor_field": frozenset({"advisors"}),
    "advisor_assignment": frozenset({"advisors"}),
    "visit": frozenset({"visits", "follow_ups"}),
    "visit_participant": frozenset({"visits"}),
    "follow_up_task": frozenset({"follow_ups", "visits"}),
    "consultation": frozenset({"consultations"}),
    "dispatch": frozenset({"dispatches"}),
    "dispatch_advisor": frozenset({"dispatches"}),
    "dispatch_date": frozenset({"dispatches"}),
    "training_event": frozenset({"events"}),
    "training_session": frozenset({"events"}),
    "event_audience": frozenset({"events"}),
    "event_staff": frozenset({"events"}),
    "event_field": frozenset({"events"}),
    "event_media": frozenset({"events"}),
    "registration": frozenset({"events"}),
    "certificate": frozenset({"events"}),
    "survey_question": frozenset({"events"}),
    "survey_answer": frozenset({"events"}),
    "attendance": frozenset({"attendance"}),
    "grant_record": frozenset({"grants"}),
    "grant_link": frozenset({"grants"}),
    "catalogue_kind": frozenset({"catalogue"}),
    "catalogue_entry": frozenset({"catalogue"}),
    "catalogue_photo": frozenset({"catalogue"}),
    "local_setting": frozenset({"settings"}),
}


class ChangeHub(QObject):
    changed = Signal(frozenset)  # frozenset[str] of kinds
    _arrived = Signal(frozenset)

    def __init__(self) -> None:
        super().__init__()
        self._arrived.connect(self.changed.emit, Qt.ConnectionType.QueuedConnection)

    def announce(self, kinds: Iterable[str]) -> None:
        if QThread.currentThread() == self.thread():
            self.changed.emit(frozenset(kinds))
        else:  # pages are widgets: only the GUI thread may touch them
            self._arrived.emit(frozenset(kinds))


_hub: ChangeHub | None = None
_creating = threading.Lock()


def hub() -> ChangeHub:
    """The one hub of this process (created on first use, after the QApplication)."""
    global _hub
    with _creating:
        if _hub is None:
            _hub = ChangeHub()
            app = QCoreApplication.instance()
            if app is not None and _hub.thread() is not app.thread():
                # First used by a commit on the task lane: the hub belongs with the pages, or a
                # report from the GUI thread would be queued to a worker thread that never runs it.
                _hub.moveToThread(app.thread())
    return _hub


def kinds_of(tables: Iterable[str]) -> frozenset[str]:
    """The kinds a write to ``tables`` concerns (a table no page shows concerns none)."""
    return frozenset().union(*(TABLE_KINDS.get(t, frozenset()) for t in tables))


def written(tables: frozenset[str]) -> None:
    """A unit of work's commit report (any thread): the pages hear the kinds it concerns."""
    kinds = kinds_of(tables)
    if kinds:
        hub().announce(kinds)


def touches(changed: frozenset[str], watched: Iterable[str]) -> bool:
    """True when a change record concerns any of the ``watched`` kinds."""
    return not changed.isdisjoint(watched)
