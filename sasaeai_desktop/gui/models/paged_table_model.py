"""A table model over one SQL-backed list (services.listing): rows are fetched in blocks on demand.

``rowCount()`` is the SQL total, so the scroll bar is right from the start, but only the blocks
of ~200 rows the view actually paints are ever read, and only a bounded number of them is kept.
Sorting and searching re-run the query in SQLite (an indexed ORDER BY ... LIMIT is well under a
millisecond there) instead of sorting Python rows: see "Data that must scale" in architecture.md.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING
from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal

from sasaeai_desktop.gui.models.cell_format import NUMERIC_KINDS
from sasaeai_desktop.gui.models.cell_format import display_text
from sasaeai_desktop.gui.models.table_index import ROOT
from sasaeai_desktop.gui.models.table_index import Index
from sasaeai_desktop.services import listing
from sasaeai_desktop.services.list_types import PageRequest

if TYPE_CHECKING:
    from sasaeai_desktop.services.database_file import UnitOfWork

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's id (uuid text)
RAW_ROLE = Qt.ItemDataRole.UserRole + 2  # the value as the service returned it



class _Block:
    __slots__ = ("ids", "rows")

    def __init__(self, ids: list[str], rows: list[tuple[Any, ...]]) -> None:
        self.ids = ids
        self.rows = rows


class PagedTableModel(QAbstractTableModel):
    loaded = Signal(int)  # the new total, after each refresh
    fetch_failed = Signal(str)  # a message for the user

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        kind: str,
        *,
        block_size: int = 200,
        max_blocks: int = 20,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._uow_factory = uow_factory
        self.kind = kind
        self.columns = listing.columns(kind)
        self.block_size = block_size
        self.max_blocks = max_blocks
        self.search = ""
        self.sort_key: str | None = None  # None: the list's own default order
        self.descending = False
        self.filters: dict[str, Any] = {}
        self._total = 0
        self._blocks: OrderedDict[int, _Block] = OrderedDict()
        self._loaded = False
        self.blocks_fetched = 0  # how many queries were made (tests and benchmarks read it)

    # -- state ----------------------------------------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    @property
    def is_loaded(self) -> bool:
        return self._loaded

    @property
    def cached_blocks(self) -> int:
        return len(self._blocks)

    def set_search(self, text: str) -> None:
        text = text.strip()
        if text != self.search or not self._loaded:
            self.search = text
            self.refresh()

    def set_filters(self, filters: dict[str, Any]) -> None:
        self.filters = dict(filters)
        self.refresh()

    def set_sort(self, key: str | None, descending: bool = False, *, refresh: bool = True) -> None:
        self.sort_key, self.descending = key, descending
        if refresh:
            self.refresh(recount=False)  # the same rows in another order: the total stands

    def column_of(self, key: str) -> int:
        for i, col in enumerate(self.columns):
            if col.key == key:
                return i
        return -1

    def refresh(self, *, recount: bool = True) -> None:
        """Drop every cached block and ask SQL again (after a sort, a search or a change)."""
        recount = recount or not self._loaded
        self.beginResetModel()
        self._blocks.clear()
        if recount:
            self._total = 0
        first = self._fetch(0, with_total=recount)
        if first is not None:
            self._store(0, first)
        self._loaded = True
        self.endResetModel()
        self.loaded.emit(self._total)

    # -- fetching ---------------------------------------------------------------------------------
    def _request(self, block: int) -> PageRequest:
        return PageRequest(
            search=self.search,
            sort_key=self.sort_key,
            descending=self.descending,
            offset=block * self.block_size,
            limit=self.block_size,
            filters=self.filters,
        )

    def _fetch(self, block: int, *, with_total: bool) -> _Block | None:
        self.blocks_fetched += 1
        req = self._request(block)
        try:
            page = listing.fetch_page(self._uow_factory(), self.kind, req, with_total=with_total,
                                      known_total=None if with_total else self._total)
        except Exception as exc:  # a paint must never raise into Qt
            log.exception("fetching %s block %d failed", self.kind, block)
            self.fetch_failed.emit(str(exc))
            return None
        if with_total:
            self._total = page.total
        return _Block(page.ids, page.rows)

    def _store(self, block: int, data: _Block) -> None:
        self._blocks[block] = data
        while len(self._blocks) > self.max_blocks:
            self._blocks.popitem(last=False)  # least recently used

    def _block_for(self, row: int) -> tuple[_Block | None, int]:
        if not 0 <= row < self._total:
            return None, 0
        block, offset = divmod(row, self.block_size)
        cached = self._blocks.get(block)
        if cached is None:
            cached = self._fetch(block, with_total=False)
            if cached is None:
                # Remember the failure as an empty block, or every repaint would query again.
                cached = _Block([], [])
            self._store(block, cached)
        else:
            self._blocks.move_to_end(block)
        return cached, offset

    def id_at(self, row: int) -> str | None:
        data, offset = self._block_for(row)
        if data is None or offset >= len(data.ids):
            return None
        return data.ids[offset]

    def row_values(self, row: int) -> tuple[Any, ...] | None:
        data, offset = self._block_for(row)
        if data is None or offset >= len(data.rows):
            return None
        return data.rows[offset]

    def column_texts(self, column: int, rows: int) -> list[str]:
        """The shown text of the first ``rows`` rows of one column (for fitting its width),
        without a round trip through Qt for each cell."""
        col = self.columns[column]
        texts = []
        for row in range(min(rows, self._total)):
            values = self.row_values(row)
            texts.append("" if values is None else display_text(col.kind, values[column], col.key))
        return texts

    # -- Qt model interface -------------------------------------------------------------------------
    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col.kind in NUMERIC_KINDS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col.kind == "bool":
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ID_ROLE, RAW_ROLE):
            return None
        if role == ID_ROLE:
            return self.id_at(index.row())
        values = self.row_values(index.row())
        if values is None:
            return None
        value = values[index.column()]
        if role == RAW_ROLE:
            return value
        text = display_text(col.kind, value, col.key)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Long texts (purpose, advice, e-mail) are cut by the column; the tooltip shows them whole.
            return str(value) if col.kind == "text" and len(text) > 12 else None
        return text

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.columns):
                return None
            col = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return col.label
            if role == Qt.ItemDataRole.TextAlignmentRole and col.kind in NUMERIC_KINDS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{section + 1:,}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        key = self.columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if self._loaded and key == self.sort_key and descending == self.descending:
            return
        self.set_sort(key, descending)
