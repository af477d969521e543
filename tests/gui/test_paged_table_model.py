"""The SQL-backed table model: rows are fetched in blocks, on demand, and only a few are kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from sasaeai_desktop.gui.models.cell_format import display_text
from sasaeai_desktop.gui.models.paged_table_model import ID_ROLE
from sasaeai_desktop.gui.models.paged_table_model import PagedTableModel

from .helpers import sql
from .sample_data import add_people
from .sample_data import add_sample_records


def test_cell_formats() -> None:
    assert display_text("date", dt.date(2025, 4, 1)) == "2025/04/01"
    assert display_text("date", "2025-04-01") == "2025/04/01"  # dates computed in SQL come as text
    assert display_text("bool", True) == "○"
    assert display_text("bool", 0) == "×"
    assert display_text("bool", None) == ""  # not recorded is neither yes nor no
    assert display_text("int", 1741) == "1,741"
    assert display_text("float", 31.24) == "31.2"
    assert display_text("int", 2026, "fiscal_year") == "2026"
    assert display_text("text", "一行目\n二行目") == "一行目 二行目"


def test_ten_thousand_people_scroll_to_the_end_without_loading_everything(
    qtbot: Any, ctx: Any, db_path: Path
) -> None:
    add_people(db_path, 10_000)
    model = PagedTableModel(ctx.uow, "people", block_size=200, max_blocks=5)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 600)
    view.show()
    qtbot.waitExposed(view)
    model.refresh()
    assert model.rowCount() == 10_000 == model.total
    assert model.blocks_fetched == 1  # the first block carries the total

    view.scrollToBottom()
    qtbot.wait(50)  # let the view paint the last rows
    last = model.index(9_999, model.column_of("name")).data()
    expected_last = sql(
        db_path,
        "SELECT name FROM person WHERE deleted = 0 ORDER BY kana DESC, id DESC LIMIT 1",
    )[0][0]
    assert last == expected_last
    # the top block and the one or two at the bottom: never the 50 in between
    assert model.blocks_fetched <= 4
    assert model.cached_blocks <= model.max_blocks

    # jumping around keeps at most max_blocks in memory
    for row in range(0, 10_000, 700):
        view.scrollTo(model.index(row, 0))
        qtbot.wait(1)
    assert model.cached_blocks <= 5
    assert model.blocks_fetched < 40


def test_sort_and_search_requery_sql(qtbot: Any, ctx: Any, db_path: Path) -> None:
    add_sample_records(db_path, people=20)
    model = PagedTableModel(ctx.uow, "visits")
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.refresh()
    date_col = model.column_of("visit_date")
    model.sort(date_col, Qt.SortOrder.DescendingOrder)
    assert (model.sort_key, model.descending) == ("visit_date", True)
    newest = sql(db_path, "SELECT max(visit_date) FROM visit")[0][0]
    assert model.index(0, date_col).data() == newest.replace("-", "/")
    assert model.index(0, date_col).data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignLeft)
    assert len(resets) == 2
    model.sort(date_col, Qt.SortOrder.DescendingOrder)  # same order again: no query
    assert len(resets) == 2

    model.set_search("移動支援")
    expected = sql(db_path, "SELECT count(*) FROM visit WHERE instr(purpose, '移動支援') OR instr(advice, '移動支援')")
    assert model.total == expected[0][0] > 0
    row_id = model.index(0, 0).data(ID_ROLE)
    assert row_id == model.id_at(0)


def test_numbers_are_right_aligned_with_separators(ctx: Any, db_path: Path) -> None:
    add_sample_records(db_path, people=5)
    model = PagedTableModel(ctx.uow, "municipalities")
    model.refresh()
    col = model.column_of("population")
    value = sql(db_path, "SELECT population FROM municipality ORDER BY code LIMIT 1")[0][0]
    assert model.index(0, col).data() == f"{value:,}"
    assert model.index(0, col).data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)
    assert model.headerData(col, Qt.Orientation.Horizontal) == "人口"
