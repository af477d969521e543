"""What every page and dialog needs from the running program: the database and its prefecture.

The AppContext comes from bootstrap.open_database; pages only ever call ``uow()`` and hand the
unit of work to a service (architecture rule 4: the GUI reaches data through services).

At start-up the window is attached before the database is opened properly: ``first_look``
(services/first_pages.py, plain sqlite3) serves the first page's figures or first block, and
``open()`` — run by the start-up right after that page is on screen, or by the first ``uow()``
if something asks earlier — imports the database layer and opens it (gui/app.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from sasaeai_desktop.bootstrap import AppContext
    from sasaeai_desktop.services.first_pages import FirstLook
    from sasaeai_desktop.services.database_file import UnitOfWork


@dataclass
class ShellContext:
    app: "AppContext | None"
    prefecture_code: str = ""
    prefecture_name: str = ""
    first_look: "FirstLook | None" = None  # only until open()
    opener: "Callable[[], AppContext] | None" = field(default=None, repr=False)
    # The password for locked exports, typed in 設定: this session only (gui/export_lock.py says why)
    export_password: str | None = field(default=None, repr=False)

    def uow(self) -> "UnitOfWork":
        return self.open().uow()

    @property
    def is_open(self) -> bool:
        return self.app is not None

    def open(self) -> "AppContext":
        """The database, opened properly (the first call after a start-up with a first look)."""
        if self.app is None:
            if self.opener is None:
                raise RuntimeError("ShellContext has neither a database nor a way to open one")
            opener, self.opener = self.opener, None  # once: a failed opening is not tried again
            self.app = opener()
            self.first_look = None
        return self.app

    @property
    def db_path(self) -> Path:
        if self.app is None and self.first_look is not None:
            return self.first_look.db_path
        return self.open().db_path
