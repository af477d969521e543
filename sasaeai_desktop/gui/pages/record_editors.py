"""What a list page does with its rows: which form opens, whether rows can be added or deleted.

A list page knows nothing about municipalities or people; it is handed one of these.
The dialog modules are imported on first use: start-up only pays for the pages it shows.
"""

from __future__ import annotations

from collections.abc import Callable

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


# edit_<record>(shell, parent, record_id=None) and delete_<record>(shell, parent, record_id, label)
# of a record dialog module.
EditForm = Callable[[ShellContext, QWidget | None, str | None], str | None]
DeleteForm = Callable[[ShellContext, QWidget | None, str, str], bool]


class DialogEditor(RecordEditor):
    """Rows added, opened and deleted through one record dialog module.

    ``forms`` imports that module only when a row is first added, opened or deleted.
    """

    can_create = can_open = can_delete = True

    def __init__(self, shell: ShellContext, forms: Callable[[], tuple[EditForm, DeleteForm]]) -> None:
        super().__init__(shell)
        self._forms = forms

    def create(self, parent: QWidget) -> str | None:
        edit, _delete = self._forms()
        return edit(self.shell, parent, None)

    def open(self, parent: QWidget, record_id: str) -> str | None:
        edit, _delete = self._forms()
        return edit(self.shell, parent, record_id)

    def delete(self, parent: QWidget, record_id: str, label: str) -> bool:
        _edit, delete = self._forms()
        return delete(self.shell, parent, record_id, label)


def municipality_forms() -> tuple[EditForm, DeleteForm]:
    from sasaeai_desktop.gui.dialogs import municipality_dialog as dialog

    return dialog.edit_municipality, dialog.delete_municipality


def person_forms() -> tuple[EditForm, DeleteForm]:
    from sasaeai_desktop.gui.dialogs import person_dialog as dialog

    return dialog.edit_person, dialog.delete_person
