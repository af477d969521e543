"""What every page and dialog needs from the running program: the database and its prefecture.

The AppContext comes from bootstrap.open_database; pages only ever call ``uow()`` and hand the
unit of work to a service (architecture rule 4: the GUI reaches data through services).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sasaeai_desktop.bootstrap import AppContext
    from sasaeai_desktop.services.gui_support import UnitOfWork


@dataclass
class ShellContext:
    app: "AppContext"
    prefecture_code: str = ""
    prefecture_name: str = ""

    def uow(self) -> "UnitOfWork":
        return self.app.uow()

    @property
    def db_path(self) -> Path:
        return self.app.db_path
