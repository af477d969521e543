"""A list page: search box, 新規/編集/削除, and a table over one SQL-backed list.

The table never holds the list: PagedTableModel reads the blocks the view paints. A header click
re-sorts in SQL; typing in the search box re-queries 250 ms after the last key stroke.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.models.paged_table_model import PagedTableModel
from sasaeai_desktop.gui.pages.base import Page
from sasaeai_desktop.gui.pages.record_editors import RecordEditor
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.widgets import box_layouts as box
from sasaeai_desktop.services import listing
from sasaeai_desktop.services.list_types import ListColumn

SEARCH_DEBOUNCE_MS = 250
# ListColumn.width is a hint in pixels for a 13 px font; wider fonts get proportionally wider columns.
_WIDTH_HINT_FONT_PX = 13.0
_LABEL_COLUMNS = ("name", "title", "municipality")  # what a delete question calls the row


_STRETCH_MIN_HINT = 180  # only a column meant for long text is worth stretching
_FIT_ROWS = 60  # rows measured to fit the columns: what a window shows, twice (200 took ~50 ms)


def _stretch_column(columns: tuple[ListColumn, ...]) -> int | None:
    candidates = [(col.width, i) for i, col in enumerate(columns) if col.kind == "text" and col.width >= _STRETCH_MIN_HINT]
    return max(candidates)[1] if candidates else None


class ListPage(Page):
    def __init__(
        self,
        shell: ShellContext,
        kind: str,
        *,
        editor: RecordEditor | None = None,
        title: str | None = None,
        default_sort: tuple[str, bool] | None = None,
        watches: Iterable[str] = (),
        exportable: bool = False,
        note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Every child is created with this page as parent: a parentless widget made visible
        # before it reaches a layout would open as a window of its own and steal the focus.
        self.shell = shell
        self.kind = kind
        self.editor = editor or RecordEditor(shell)
        self.watches = frozenset({kind, *watches})
        self._exportable = exportable
        self._stale = False
        self._columns_fitted = False

        self.model = PagedTableModel(shell.uow, kind, parent=self)
        if default_sort is not None:
            self.model.set_sort(*default_sort, refresh=False)

        self.title_label = QLabel(listing.title(kind) if title is None else title, self)
        self.title_label.setObjectName("pageTitle")
        self.title_label.setVisible(bool(self.title_label.text()))

        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self._search_hint(kind))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(280)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.installEventFilter(self)

        self.new_button = QPushButton(self.tr("新規"), self)
        self.edit_button = QPushButton(self.tr("編集"), self)
        self.delete_button = QPushButton(self.tr("削除"), self)
        self.new_button.clicked.connect(self.create_new)
        self.edit_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.new_button.setVisible(self.editor.can_create)
        self.edit_button.setVisible(self.editor.can_open)
        self.delete_button.setVisible(self.editor.can_delete)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.view = QTableView(self)
        self.view.setObjectName(f"{kind}Table")
        self._setup_view()

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("emptyLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #52606d; padding: 32px;")
        self.empty_label.hide()

        self.note_label = QLabel(note, self)
        self.note_label.setObjectName("noteLabel")
        self.note_label.setWordWrap(True)
        self.note_label.setVisible(bool(note))

        # Kept: pages built on this one put their own widgets in it (add_toolbar_button).
        self.toolbar = toolbar = QHBoxLayout()
        toolbar.addWidget(self.search_edit, 1)
        toolbar.addSpacing(8)
        for button in (self.new_button, self.edit_button, self.delete_button):
            toolbar.addWidget(button)
        toolbar.addSpacing(12)
        toolbar.addWidget(self.count_label)

        box.column(self, self.title_label, toolbar, (self.view, 1), (self.empty_label, 1), self.note_label,
               margins=(16, 12, 16, 12), spacing=8)

        self.model.loaded.connect(self._after_load)
        self.model.fetch_failed.connect(self._show_fetch_failure)
        changes.hub().changed.connect(self.on_changes)
        self._update_buttons()

    def _search_hint(self, kind: str) -> str:
        """What the search box looks in, as listing's search for ``kind`` does."""
        hints = {
            "municipalities": self.tr("検索（市町村名・ふりがな・コード）"),
            "people": self.tr("検索（名前・ふりがな・所属・メール）"),
            "advisors": self.tr("検索（名前・ふりがな・所属・活動分野）"),
            "visits": self.tr("検索（市町村・目的・状況・課題・助言）"),
            "consultations": self.tr("検索（市町村・相談分野・相談内容・回答）"),
            "dispatches": self.tr("検索（市町村・アドバイザー・目的・報告）"),
            "events": self.tr("検索（研修名・種別・共催）"),
        }
        return hints.get(kind, self.tr("検索"))

    def _setup_view(self) -> None:
        view = self.view
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.verticalHeader().setVisible(False)
        # Fixed row height: the view never asks for the size of rows it does not show.
        fm = view.fontMetrics()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(fm.height() + 10)
        header = view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        scale = max(1.0, fm.horizontalAdvance("あ") / _WIDTH_HINT_FONT_PX)
        self._hint_widths: list[int] = []
        for i, col in enumerate(self.model.columns):
            label_width = fm.horizontalAdvance(col.label) + 28  # room for the sort arrow
            self._hint_widths.append(max(int(col.width * scale), label_width))
            view.setColumnWidth(i, self._hint_widths[i])
        # The longest free text (助言内容, 日頃の活動分野, メール) takes whatever width is left, so the
        # table fits the window; short lists (市町村) keep their columns and leave the rest empty.
        stretch = _stretch_column(self.model.columns)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        # Show the list's default order in the header before sorting is switched on (which sorts).
        sort_col = self.model.column_of(self.model.sort_key or "")
        if sort_col >= 0:
            order = Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(sort_col, order)
        else:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's own default order
        header.setSortIndicatorShown(True)
        view.doubleClicked.connect(lambda _index: self.open_selected())
        view.installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self._emit_status)
        view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

    # -- loading ---------------------------------------------------------------------------------
    def ensure_loaded(self) -> None:
        if not self.model.is_loaded:
            # Sorting switched on now (not in __init__) so that the first query runs once, here.
            self.view.setSortingEnabled(True)
            if not self.model.is_loaded:  # no sort indicator: setSortingEnabled did not sort
                self.model.refresh()

    def is_data_ready(self) -> bool:
        return self.model.is_loaded

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.model.is_loaded:
            # After the first paint, so the window appears before the query runs.
            QTimer.singleShot(0, self.ensure_loaded)
        elif self._stale:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        if not self.model.is_loaded:
            self.ensure_loaded()
            return
        selected = self.selected_id()
        row = self.selected_row()
        self.model.refresh()
        # Keep the cursor where it was when the same row is still there (an edit, not a delete).
        if selected is not None and row is not None and self.model.id_at(row) == selected:
            self.select_row(row)

    def on_changes(self, kinds: frozenset[str]) -> None:
        if not changes.touches(kinds, self.watches) or not self.model.is_loaded:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True  # refreshed when shown; hidden pages cost nothing

    def _fit_columns_to_first_rows(self) -> None:
        """Widen short columns whose first rows are cut (目的区分「アドバイザー同行」) by up to half
        their hint, within the width the window leaves beside the stretched long-text column; once,
        so the user's own column widths are left alone later. Only rows already fetched are read."""
        if self._columns_fitted or self.model.total == 0:
            return
        self._columns_fitted = True
        fm = self.view.fontMetrics()
        rows = min(self.model.total, self.model.block_size, _FIT_ROWS)
        stretch = _stretch_column(self.model.columns)
        widths = list(self._hint_widths)
        budget = self.view.viewport().width() - sum(widths)  # the stretched column keeps its hint
        for col, hint in enumerate(self._hint_widths):
            if col == stretch or budget <= 0:
                continue
            widest = max(fm.horizontalAdvance(text) for text in self.model.column_texts(col, rows)) + 16
            grow = min(widest - hint, hint // 2, budget)
            if grow > 0:
                self.view.setColumnWidth(col, hint + grow)
                budget -= grow

    def _empty_text(self) -> str:
        """What to do when the list is empty: a blank table tells a new user nothing."""
        if self.model.search or any(v not in (None, "") for v in self.model.filters.values()):
            return self.tr("条件に当たる記録はありません。検索語や絞り込みを変えてみてください。")
        texts = {
            "visits": self.tr("まだ訪問記録はありません。［新規］（Ctrl+N）で記録するか、Excelから取り込めます（ファイル → Excelから取り込む…）。"),
            "consultations": self.tr("まだ相談の記録はありません。［新規］（Ctrl+N）で記録できます。"),
            "dispatches": self.tr("まだアドバイザー派遣の記録はありません。［新規］（Ctrl+N）で記録できます。"),
            "people": self.tr("まだ人が登録されていません。［新規］（Ctrl+N）で登録するか、Excelから取り込めます（ファイル → Excelから取り込む…）。"),
            "advisors": self.tr("まだアドバイザーが登録されていません。［新規］（Ctrl+N）で登録するか、Excelから取り込めます（ファイル → Excelから取り込む…）。"),
            "municipalities": self.tr("市町村がありません。都道府県を設定すると、その市町村が読み込まれます。"),
        }
        return texts.get(self.kind, self.tr("まだ記録はありません。"))

    def _show_empty_state(self) -> None:
        empty = self.model.total == 0
        if empty:
            self.empty_label.setText(self._empty_text())
        self.empty_label.setVisible(empty)
        self.view.setVisible(not empty)

    def _after_load(self, _total: int) -> None:
        self._show_empty_state()
        self._fit_columns_to_first_rows()
        self._update_buttons()
        self._emit_status()
        self.data_ready.emit()

    def _show_fetch_failure(self, message: str) -> None:
        self.note_label.setText(self.tr("一覧を読み込めませんでした: {message}").format(message=message))
        self.note_label.setVisible(True)

    # -- search ------------------------------------------------------------------------------------
    def search_box(self) -> QLineEdit:
        return self.search_edit

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search_edit.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if watched is self.view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected()
                return True
            if watched is self.search_edit and key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.focus_results()
                return True
        return super().eventFilter(watched, event)

    def focus_results(self) -> None:
        """From the search box to the first result (Enter or ↓), so the keyboard never leaves."""
        self.apply_search()
        self.view.setFocus()
        if self.selected_row() is None and self.model.total > 0:
            self.select_row(0)

    # -- selection -------------------------------------------------------------------------------------
    def selected_row(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def selected_id(self) -> str | None:
        row = self.selected_row()
        return None if row is None else self.model.id_at(row)

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    def _selected_label(self, row: int) -> str:
        values = self.model.row_values(row) or ()
        for key in _LABEL_COLUMNS:
            col = self.model.column_of(key)
            if 0 <= col < len(values) and values[col]:
                return str(values[col])
        return str(values[0]) if values else ""

    def _update_buttons(self) -> None:
        has_row = self.selected_row() is not None
        self.edit_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)
        self.count_label.setText(self.tr("{n} 件").format(n=f"{self.model.total:,}"))
        self.actions_changed.emit()

    # -- status -----------------------------------------------------------------------------------------
    def status_text(self) -> str:
        total = self.model.total
        if total == 0:
            return self.tr("0 件")
        first = max(self.view.rowAt(0), 0)
        last = self.view.rowAt(self.view.viewport().height() - 1)
        if last < 0:
            last = total - 1
        return self.tr("{total} 件中 {first}–{last}").format(
            total=f"{total:,}", first=f"{first + 1:,}", last=f"{last + 1:,}"
        )

    def _emit_status(self) -> None:
        self.status_changed.emit(self.status_text())

    def resizeEvent(self, event: QResizeEvent) -> None:  # the visible range changes with the height
        super().resizeEvent(event)
        self._emit_status()

    # -- actions --------------------------------------------------------------------------------------
    def can_create(self) -> bool:
        return self.editor.can_create

    def can_open(self) -> bool:
        return self.editor.can_open and self.selected_row() is not None

    def can_delete(self) -> bool:
        return self.editor.can_delete and self.selected_row() is not None

    def create_new(self) -> None:
        if self.editor.can_create:
            self.editor.create(self)

    def open_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None and self.editor.can_open:
            self.editor.open(self, record_id)

    def delete_selected(self) -> None:
        row = self.selected_row()
        record_id = self.selected_id()
        if row is None or record_id is None or not self.editor.can_delete:
            return
        self.editor.delete(self, record_id, self._selected_label(row))

    def export_kind(self) -> str | None:
        return self.kind if self._exportable else None

    def export_options(self) -> dict[str, Any]:
        m = self.model
        return {"search": m.search, "sort_key": m.sort_key, "descending": m.descending, "filters": dict(m.filters)}


def add_toolbar_button(page: ListPage, button: QPushButton) -> None:
    """Put one more button in a ListPage's toolbar, before the count."""
    button.setParent(page)
    page.toolbar.insertWidget(max(page.toolbar.count() - 2, 0), button)
