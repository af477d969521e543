"""What the 研修 page's tabs need of the page: the shell, the event shown, and its reloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.services.trainings.events import EventData


class EventHost(Protocol):
    shell: ShellContext
    event_id: str | None
    current_event: EventData | None

    def reload(self) -> None: ...

    def reveal(self, event_id: str) -> None: ...

    def reload_registrations(self) -> None: ...

    def write_attendance(self, mark: Callable[[], object]) -> bool: ...
