"""What every page and dialog needs from the running program: the database and its prefecture.

The AppContext comes from bootstrap.open_database; pages only ever call ``uow()`` and hand the
unit of work to a service (architecture rule 4: the GUI reaches data through services).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sasaeai_desktop.bootstrap import AppContext
    from sasaeai_desktop.services.database_file import UnitOfWork


@dataclass
class ShellContext:
    app: AppContext
    prefecture_code: str = ""
    prefecture_name: str = ""
    # The password for locked exports, typed in 設定: this session only (gui/export_lock.py says why)
    export_password: str | None = field(default=None, repr=False)

    def uow(self) -> UnitOfWork:
        return self.app.uow()

    @property
    def db_path(self) -> Path:
        return self.app.db_path
