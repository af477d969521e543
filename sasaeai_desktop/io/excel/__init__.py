"""The Excel engine: column specs shared by export and import, and the streaming writer.

Importing this package is cheap: it never imports openpyxl (about 0.17 s) at module level.
``write_table`` and ``export_list`` are looked up lazily on first use:

- ``write_table(path, spec, rows, *, title_lines, date_style, progress, abort)`` — writer.py
- ``export_list(uow, kind, path, *, search, filters, date_style, progress, abort)`` — the use
  case lives in ``sasaeai_desktop.services.exports`` (it needs the database); it is offered here
  too because callers think of it as "the Excel export". The import happens only when the name is
  first used, so ``io`` does not import ``services`` at import time and there is no cycle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .spec import VALUE_KINDS, ColumnSpec, SheetSpec, header_key

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from sasaeai_desktop.services.exports import export_list, export_municipalities

    from .writer import write_table

__all__ = [
    "VALUE_KINDS",
    "ColumnSpec",
    "SheetSpec",
    "export_list",
    "export_municipalities",
    "header_key",
    "write_table",
]


def __getattr__(name: str) -> Any:
    if name == "write_table":
        from .writer import write_table

        return write_table
    if name in ("export_list", "export_municipalities"):
        from sasaeai_desktop.services import exports

        return getattr(exports, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
