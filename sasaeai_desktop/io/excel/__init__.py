"""The Excel engine: column specs shared by export and import, and the streaming writer.

Importing this package is cheap: it never imports openpyxl (about 0.17 s) at module level.
``write_table(path, spec, rows, *, title_lines, date_style, progress, abort)`` (writer.py) is
looked up lazily on first use. Exporting a list from the database is a use case:
``sasaeai_desktop.services.exports.export_list``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from .spec import VALUE_KINDS
from .spec import ColumnSpec
from .spec import SheetSpec
from .spec import header_key

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from .writer import write_table

__all__ = [
    "VALUE_KINDS",
    "ColumnSpec",
    "SheetSpec",
    "header_key",
    "write_table",
]


def __getattr__(name: str) -> Any:
    if name == "write_table":
        from .writer import write_table

        return write_table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
