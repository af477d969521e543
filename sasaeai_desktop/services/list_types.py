"""The shapes a list page deals in: its columns, the page it asks for and the page it gets.

Apart from services/listing.py (which builds the SQL with SQLAlchemy): the shapes carry no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any


@dataclass(frozen=True)
class ListColumn:
    key: str
    label: str
    width: int = 120  # a hint in pixels for the view
    kind: str = "text"  # text / int / float / date / bool


@dataclass(frozen=True)
class PageRequest:
    search: str = ""
    sort_key: str | None = None
    descending: bool = False
    offset: int = 0
    limit: int = 200
    filters: dict[str, Any] = field(default_factory=dict)

    @property
    def narrowed(self) -> bool:
        """Searched or filtered: every row has to be checked, for the page and for the count alike."""
        if any(v not in (None, "") for v in self.filters.values()):
            return True
        if not self.search:
            return False
        from sasaeai_desktop.domain.names import clean_text  # only for a search: not at start-up

        return bool(clean_text(self.search))


@dataclass(frozen=True)
class Page:
    ids: list[str]
    rows: list[tuple[Any, ...]]
    total: int
    offset: int
