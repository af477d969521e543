"""What a list page does with its rows: which form opens, whether rows can be added or deleted.

A list page knows nothing about municipalities or people; it is handed one of these.
The dialog modules are imported on first use: start-up only pays for the pages it shows.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.shell_context import ShellContext


class RecordEditor:
    """Read-only by default: a list without a form yet opens nothing."""

    can_create = False
    can_open = False
    can_delete = False

    def __init__(self, shell: ShellContext) -> None:
        self.shell = shell

    def create(self, parent: QWidget) -> str | None:
        return None

    def open(self, parent: QWidget, record_id: str) -> str | None:
        return None

    def delete(self, parent: QWidget, record_id: str, label: str) -> bool:
        return False


class MunicipalityEditor(RecordEditor):
    can_create = can_open = can_delete = True

    def create(self, parent: QWidget) -> str | None:
        from sasaeai_desktop.gui.dialogs.municipality_dialog import edit_municipality

        return edit_municipality(self.shell, parent)

    def open(self, parent: QWidget, record_id: str) -> str | None:
        from sasaeai_desktop.gui.dialogs.municipality_dialog import edit_municipality

        return edit_municipality(self.shell, parent, record_id)

    def delete(self, parent: QWidget, record_id: str, label: str) -> bool:
        from sasaeai_desktop.gui.dialogs.municipality_dialog import delete_municipality

        return delete_municipality(self.shell, parent, record_id, label)


class PersonEditor(RecordEditor):
    can_create = can_open = can_delete = True

    def create(self, parent: QWidget) -> str | None:
        from sasaeai_desktop.gui.dialogs.person_dialog import edit_person

        return edit_person(self.shell, parent)

    def open(self, parent: QWidget, record_id: str) -> str | None:
        from sasaeai_desktop.gui.dialogs.person_dialog import edit_person

        return edit_person(self.shell, parent, record_id)

    def delete(self, parent: QWidget, record_id: str, label: str) -> bool:
        from sasaeai_desktop.gui.dialogs.person_dialog import delete_person

        return delete_person(self.shell, parent, record_id, label)
