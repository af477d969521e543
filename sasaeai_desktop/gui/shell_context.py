"""What every page and dialog needs from the running program: the database and its prefecture.

The AppContext comes from bootstrap.open_database; pages only ever call ``uow()`` and hand the
unit of work to a service (architecture rule 4: the GUI reaches data through services).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

from sasaeai_desktop.gui import changes
from sasaeai_desktop.services.database_file import UnitOfWork

if TYPE_CHECKING:
    from sasaeai_desktop.bootstrap import AppContext


@dataclass
class ShellContext:
    app: AppContext
    prefecture_code: str = ""
    prefecture_name: str = ""
    # The password for locked exports, typed in 設定: this session only (gui/export_lock.py says why)
    export_password: str | None = field(default=None, repr=False)

    def uow(self) -> UnitOfWork:
        """A unit of work whose commits tell the pages what they wrote (gui/changes.py)."""
        return UnitOfWork(self.app.session_factory, on_commit=changes.written)

    @property
    def db_path(self) -> Path:
        return self.app.db_path
