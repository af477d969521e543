"""訪問・相談: visits, consultations, advisor dispatches (lists with their forms), the follow-up
board, one search over all three, and a municipality's timeline.

The three lists are ordinary ListPages with a DialogEditor each; the board and the search are
pages of their own. Everything reaches data through services; slow work (the PDF) runs through
gui/tasks.run_task.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QModelIndex
from PySide6.QtCore import QRectF
from PySide6.QtCore import QSize
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAbstractTextDocumentLayout
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor
from PySide6.QtGui import QPainter
from PySide6.QtGui import QPalette
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QStyle
from PySide6.QtWidgets import QStyledItemDelegate
from PySide6.QtWidgets import QStyleOptionViewItem
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QTreeWidget
from PySide6.QtWidgets import QTreeWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.key_guard import bind_enter
from sasaeai_desktop.gui.pages.base import Page
from sasaeai_desktop.gui.pages.list_page import ListPage
from sasaeai_desktop.gui.pages.list_page import add_toolbar_button
from sasaeai_desktop.gui.pages.record_editors import DeleteForm
from sasaeai_desktop.gui.pages.record_editors import DialogEditor
from sasaeai_desktop.gui.pages.record_editors import EditForm
from sasaeai_desktop.gui.pages.tabbed_lists_page import TabbedListsPage
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import run_task
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.widgets.radio_choice import radio_choice
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.activities import follow_ups
from sasaeai_desktop.services.activities import search
from sasaeai_desktop.services.activities import timeline

_ID_ROLE = Qt.ItemDataRole.UserRole
_KIND_ROLE = Qt.ItemDataRole.UserRole + 1
_HTML_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE = QColor("#c62828")


_tr = partial(QCoreApplication.translate, "activities")


# -- editors -------------------------------------------------------------------------------------
def visit_forms() -> tuple[EditForm, DeleteForm]:
    from sasaeai_desktop.gui.dialogs import visit_dialog as dialog

    return dialog.edit_visit, dialog.delete_visit


def consultation_forms() -> tuple[EditForm, DeleteForm]:
    from sasaeai_desktop.gui.dialogs import consultation_dialog as dialog

    return dialog.edit_consultation, dialog.delete_consultation


def dispatch_forms() -> tuple[EditForm, DeleteForm]:
    from sasaeai_desktop.gui.dialogs import dispatch_dialog as dialog

    return dialog.edit_dispatch, dialog.delete_dispatch


def open_record(shell: ShellContext, parent: QWidget, kind: str, record_id: str) -> None:
    """Open a visit / consultation / dispatch by kind (search hits, timeline rows, board tasks)."""
    forms = {"visit": visit_forms, "consultation": consultation_forms, "dispatch": dispatch_forms}
    if kind in forms and record_id:
        DialogEditor(shell, forms[kind]).open(parent, record_id)


def _fiscal_years() -> list[int]:
    today = dt.date.today()
    current = today.year if today.month >= 4 else today.year - 1
    return list(range(current + 1, current - 10, -1))


def _fy_combo(parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    box.addItem(_tr("全年度"), None)
    for fy in _fiscal_years():
        box.addItem(_tr("{fy}年度").format(fy=fy), fy)
    return box


# -- municipality timeline -------------------------------------------------------------------------
class TimelineDialog(QDialog):
    """Every contact with one municipality in date order, filterable by kind and 年度."""

    def __init__(self, shell: ShellContext, municipality_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.setWindowTitle(self.tr("市町村の経過"))
        from sasaeai_desktop.gui.dialogs.person_dialog import MunicipalityPicker

        self.municipalityCombo = QComboBox(self)
        self.municipalityCombo.setEditable(True)
        self.municipalityCombo.setMinimumWidth(200)
        self.picker = MunicipalityPicker(self.municipalityCombo, municipalities.choices(shell.uow()))
        self.picker.set_id(municipality_id)
        self.fyCombo = _fy_combo(self)
        self.kindChecks: dict[str, QCheckBox] = {}
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("市町村"), self))
        top.addWidget(self.municipalityCombo)
        top.addWidget(self.fyCombo)
        top.addSpacing(12)
        for kind, label in timeline.KIND_LABELS.items():
            box = QCheckBox(self.tr(label), self)
            box.setChecked(True)
            box.toggled.connect(self.refresh)
            self.kindChecks[kind] = box
            top.addWidget(box)
        top.addStretch(1)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("timelineTree")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels([self.tr("日付"), self.tr("種類"), self.tr("内容"), self.tr("詳細")])
        header = self.tree.header()
        fm = self.fontMetrics()
        self.tree.setColumnWidth(0, fm.horizontalAdvance("2026-04-01") + 24)
        self.tree.setColumnWidth(1, fm.horizontalAdvance("研修参加") + 24)
        self.tree.setColumnWidth(2, fm.horizontalAdvance("あ") * 26)
        header.setStretchLastSection(True)
        self.tree.itemDoubleClicked.connect(self._open)
        self.countLabel = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.countLabel)
        self.fyCombo.currentIndexChanged.connect(self.refresh)
        self.municipalityCombo.activated.connect(self.refresh)
        self.municipalityCombo.lineEdit().editingFinished.connect(self.refresh)
        changes.hub().changed.connect(self._on_changes)  # a bound slot: disconnected when the dialog goes
        self.resize(1000, 600)
        remember(self)
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        try:
            mid = self.picker.current_id()
        except KeyError:
            mid = None
        if mid is None:
            self.countLabel.setText(self.tr("市町村を選んでください。"))
            return
        kinds = [k for k, box in self.kindChecks.items() if box.isChecked()]
        entries = timeline.timeline(self.shell.uow(), mid, kinds=kinds, fiscal_year=self.fyCombo.currentData())
        items = []
        for e in entries:
            item = QTreeWidgetItem([e.date.isoformat() if e.date else "", e.kind_label, e.title, e.detail])
            item.setData(0, _ID_ROLE, e.ref_id)
            item.setData(0, _KIND_ROLE, e.kind)
            item.setToolTip(3, e.detail)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.countLabel.setText(self.tr("{n} 件").format(n=len(entries)))

    def _on_changes(self, _kinds: frozenset[str]) -> None:
        self.refresh()

    def _open(self, item: QTreeWidgetItem, _col: int) -> None:
        open_record(self.shell, self, item.data(0, _KIND_ROLE), item.data(0, _ID_ROLE))


def show_timeline(shell: ShellContext, parent: QWidget | None, municipality_id: str | None) -> TimelineDialog:
    dialog = TimelineDialog(shell, municipality_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


# -- visits list with its extra actions ----------------------------------------------------------------
class VisitsListPage(ListPage):
    def __init__(self, shell: ShellContext, **kwargs: Any) -> None:
        super().__init__(shell, "visits", editor=DialogEditor(shell, visit_forms), **kwargs)
        self.fy_combo = _fy_combo(self)
        self.fy_combo.setToolTip(self.tr("年度で絞り込み"))
        self.fy_combo.currentIndexChanged.connect(
            lambda: self.model.set_filters({"fiscal_year": self.fy_combo.currentData()})
        )
        self.toolbar.insertWidget(1, self.fy_combo)
        self.timeline_button = QPushButton(self.tr("経過を見る"), self)
        self.timeline_button.clicked.connect(self.show_timeline)
        self.pdf_button = QPushButton(self.tr("訪問記録PDF"), self)
        self.pdf_button.clicked.connect(lambda: self.export_pdf())  # clicked(bool) is not a path
        add_toolbar_button(self, self.timeline_button)
        add_toolbar_button(self, self.pdf_button)
        self.last_pdf_task: Any = None
        self.drafts_listed = 0

    def _after_load(self, total: int) -> None:
        # Drafts are listed (to be finished) but are not visits yet: the count says how many of
        # the rows they are, so it agrees with the dashboard and the exported log.
        self.drafts_listed = 0
        if total > 0:
            from sasaeai_desktop.services import listing

            req = listing.PageRequest(search=self.model.search, filters={**self.model.filters, "is_draft": True})
            try:
                self.drafts_listed = listing.count(self.shell.uow(), "visits", req)
            except UserError:
                pass
        super()._after_load(total)

    def _update_buttons(self) -> None:
        super()._update_buttons()
        if hasattr(self, "pdf_button"):
            self.pdf_button.setEnabled(self.selected_row() is not None)
        if getattr(self, "drafts_listed", 0):
            self.count_label.setText(self.tr("{n} 件（うち下書き {d} 件）").format(
                n=f"{self.model.total:,}", d=f"{self.drafts_listed:,}"))

    def show_timeline(self) -> TimelineDialog:
        mid = None
        vid = self.selected_id()
        if vid is not None:
            from sasaeai_desktop.services.activities import visits

            try:
                mid = visits.get(self.shell.uow(), vid).municipality_id
            except UserError:
                mid = None
        return show_timeline(self.shell, self, mid)

    def export_pdf(self, path: str | None = None) -> None:
        vid = self.selected_id()
        if vid is None:
            return
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("訪問記録PDFの保存先"), "訪問記録.pdf", "PDF (*.pdf)")
            if not path:
                return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        shell = self.shell

        def work(progress: Any, abort: Any) -> Any:
            from sasaeai_desktop.services.activities import visit_reports

            progress(-1, _tr("訪問記録PDFを作成しています…"))
            return visit_reports.write_visit_report(shell.uow(), path, visit_id=vid)

        def done(result: Any) -> None:
            self.note_label.setText(self.tr("訪問記録PDFを保存しました: {path}").format(path=path))
            self.note_label.setVisible(True)

        self.last_pdf_task = run_task(self, work, title=self.tr("訪問記録PDF"), on_success=done)


# -- follow-up board --------------------------------------------------------------------------------
class FollowUpBoardPage(Page):
    """Open tasks, overdue first (red), by owner or by municipality; tick to mark done."""

    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self._loaded = False
        self._stale = False
        self.by_owner, self.by_municipality = radio_choice(self, self.tr("担当者別"), self.tr("市町村別"))
        self.by_owner.toggled.connect(lambda _on: self.reload())
        self.show_done = QCheckBox(self.tr("完了したものも表示"), self)
        self.show_done.toggled.connect(lambda _on: self.reload())
        self.summary = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("まとめ方:"), self))
        top.addWidget(self.by_owner)
        top.addWidget(self.by_municipality)
        top.addSpacing(16)
        top.addWidget(self.show_done)
        top.addStretch(1)
        top.addWidget(self.summary)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("followUpTree")
        self.tree.setHeaderLabels([self.tr("完了"), self.tr("期限"), self.tr("内容"), self.tr("担当"), self.tr("市町村"),
                                   self.tr("元の記録")])
        self.tree.setAlternatingRowColors(True)
        fm = self.fontMetrics()
        widths = [fm.horizontalAdvance("あ") * 12, fm.horizontalAdvance("2026-04-01") + 24, fm.horizontalAdvance("あ") * 24,
                  fm.horizontalAdvance("あ") * 7, fm.horizontalAdvance("あ") * 7]
        for i, w in enumerate(widths):
            self.tree.setColumnWidth(i, w)
        self.tree.header().setStretchLastSection(True)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.itemDoubleClicked.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        hint = QLabel(self.tr("期限を過ぎたものは赤で先頭に表示します。チェックで完了、ダブルクリックで元の記録を開きます。"), self)
        hint.setObjectName("noteLabel")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        changes.hub().changed.connect(self._on_changes)
        self._updating = False
        self._checking = False  # a tick being written: its reload waits for itemChanged to return

    @property
    def group_by(self) -> str:
        return "owner" if self.by_owner.isChecked() else "municipality"

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._loaded or self._stale:
            QTimer.singleShot(0, self.reload)

    def _on_changes(self, kinds: frozenset[str]) -> None:
        if changes.touches(kinds, {"visits", "consultations", "dispatches", "follow_ups", "people", "municipalities"}):
            if self._checking:
                # Once the tick's signal has returned: the reload clears the tree, and with it the
                # item Qt is still using while it emits (the full test run crashed on it).
                QTimer.singleShot(0, self.reload)
            elif self.isVisible():
                self.reload()
            else:
                self._stale = True

    def reload(self) -> None:
        self._stale = False
        groups = follow_ups.board(self.shell.uow(), group_by=self.group_by, include_done=self.show_done.isChecked())
        self._updating = True
        self.tree.clear()
        total = overdue = 0
        for g in groups:
            top = QTreeWidgetItem([g.label])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            if g.overdue:
                top.setText(0, self.tr("{label}（期限切れ {n} 件）").format(label=g.label, n=g.overdue))
                top.setForeground(0, QBrush(OVERDUE))
            for it in g.items:
                source = ""
                if it.source_kind:
                    source = search.KIND_LABELS.get(it.source_kind, "")
                    if it.source_date:
                        source += f" {it.source_date:%Y-%m-%d}"
                child = QTreeWidgetItem(["", it.due_date.isoformat() if it.due_date else self.tr("期限なし"), it.title,
                                         it.owner, it.municipality, source])
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Checked if it.done else Qt.CheckState.Unchecked)
                child.setData(0, _ID_ROLE, it.id)
                child.setData(1, _ID_ROLE, it.source_id)
                child.setData(1, _KIND_ROLE, it.source_kind)
                if it.overdue:
                    for col in range(1, 6):
                        child.setForeground(col, QBrush(OVERDUE))
                    child.setText(0, self.tr("期限切れ"))
                    overdue += 1
                top.addChild(child)
                total += 1
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)  # only once in the tree
            top.setExpanded(True)
        self._updating = False
        self._loaded = True
        self.summary.setText(self.tr("未完了 {n} 件・うち期限切れ {o} 件").format(n=total, o=overdue))
        self.status_changed.emit(self.status_text())
        self.data_ready.emit()

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._updating or column != 0 or item.data(0, _ID_ROLE) is None:
            return
        done = item.checkState(0) == Qt.CheckState.Checked
        self._checking = True
        try:
            write(self, self.tr("フォローアップ"), partial(follow_ups.set_done, self.shell.uow(), item.data(0, _ID_ROLE), done))
        except UserError as exc:
            show_error(self, self.tr("フォローアップ"), exc)
        finally:
            self._checking = False

    def _open(self, item: QTreeWidgetItem, _col: int) -> None:
        kind, rid = item.data(1, _KIND_ROLE), item.data(1, _ID_ROLE)
        if kind and rid:
            open_record(self.shell, self, kind, rid)

    def task_items(self) -> list[QTreeWidgetItem]:
        return [self.tree.topLevelItem(i).child(j) for i in range(self.tree.topLevelItemCount())
                for j in range(self.tree.topLevelItem(i).childCount())]

    def is_data_ready(self) -> bool:
        return self._loaded

    def status_text(self) -> str:
        return self.summary.text()


# -- search ------------------------------------------------------------------------------------------
class HtmlDelegate(QStyledItemDelegate):
    """Paints the rich text in _HTML_ROLE (the matches in bold on yellow) in one line."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        html = index.data(_HTML_ROLE)
        if not html:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(2)
        doc.setHtml(html)
        painter.save()
        rect = opt.rect
        painter.translate(rect.left() + 2, rect.top() + max(0, (rect.height() - doc.size().height()) / 2))
        painter.setClipRect(QRectF(0, 0, rect.width() - 4, rect.height()))
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), option.fontMetrics.height() + 10))


class SearchPage(Page):
    """One search box over visits, consultations and dispatches; ranked hits with the match shown."""

    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.result: search.SearchResult | None = None
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("activitySearchEdit")
        self.search_edit.setPlaceholderText(self.tr("訪問・相談・派遣の記録を検索（例: 移動支援、居場所、協議体）"))
        self.search_edit.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.run_search)
        self.search_edit.textChanged.connect(self._timer.start)
        self.search_edit.returnPressed.connect(self.focus_results)
        self.fy_combo = _fy_combo(self)
        self.fy_combo.currentIndexChanged.connect(self.run_search)
        self.info = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.fy_combo)
        top.addWidget(self.info)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("searchResults")
        self.table.setHorizontalHeaderLabels([self.tr("種類"), self.tr("日付"), self.tr("市町村"), self.tr("見出し"),
                                              self.tr("該当箇所")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(4, HtmlDelegate(self.table))
        fm = self.fontMetrics()
        for i, w in enumerate([fm.horizontalAdvance("相談") + 24, fm.horizontalAdvance("2026-04-01") + 24,
                               fm.horizontalAdvance("あ") * 7, fm.horizontalAdvance("あ") * 16]):
            self.table.setColumnWidth(i, w)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(fm.height() + 12)
        self.table.cellDoubleClicked.connect(lambda row, _c: self.open_row(row))
        bind_enter(self.table, lambda: self.open_row(self.table.currentRow()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def search_box(self) -> QLineEdit:
        return self.search_edit

    def run_search(self) -> None:
        self._timer.stop()
        try:
            self.result = search.search(self.shell.uow(), self.search_edit.text(), fiscal_year=self.fy_combo.currentData())
        except UserError as exc:
            self.info.setText(str(exc))
            return
        hits = self.result.hits
        self.table.setRowCount(len(hits))
        for row, hit in enumerate(hits):
            cells = [hit.kind_label, hit.date.isoformat() if hit.date else "", hit.municipality, hit.heading, hit.snippet_text("", "")]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ID_ROLE, hit.id)
                item.setData(_KIND_ROLE, hit.kind)
                if col == 4:
                    item.setData(_HTML_ROLE, hit.snippet_html())
                    item.setToolTip(hit.snippet_text())
                self.table.setItem(row, col, item)
        if self.result.method == "none":
            self.info.setText("")
        else:
            more = self.tr("（上位のみ表示）") if self.result.more else ""
            self.info.setText(self.tr("{n} 件{more}").format(n=len(hits), more=more))
        self.status_changed.emit(self.info.text())

    def open_row(self, row: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            open_record(self.shell, self, item.data(_KIND_ROLE), item.data(_ID_ROLE))

    def can_open(self) -> bool:
        return self.table.currentRow() >= 0

    def focus_results(self) -> None:
        """Enter in the box: search now and go to the first hit, so Enter again opens it."""
        self.run_search()
        if self.table.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def open_selected(self) -> None:
        if self.table.currentRow() >= 0:
            self.open_row(self.table.currentRow())

    def status_text(self) -> str:
        return self.info.text()


# -- the page ---------------------------------------------------------------------------------------------
class ActivitiesPage(TabbedListsPage):
    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        self.shell = shell
        self.visits = VisitsListPage(shell, title="", default_sort=("visit_date", True), watches={"municipalities"})
        self.consultations = ListPage(
            shell, "consultations", editor=DialogEditor(shell, consultation_forms), title="",
            default_sort=("received_date", True), watches={"municipalities", "people"},
        )
        self.dispatches = ListPage(
            shell, "dispatches", editor=DialogEditor(shell, dispatch_forms), title="",
            default_sort=("date", True), watches={"municipalities", "people", "advisors"},
        )
        self.board = FollowUpBoardPage(shell)
        self.search = SearchPage(shell)
        tabs: list[tuple[str, Any]] = [
            (_tr("訪問・助言"), self.visits),
            (_tr("相談対応"), self.consultations),
            (_tr("アドバイザー派遣"), self.dispatches),
            (_tr("フォローアップ"), self.board),
            (_tr("検索"), self.search),
        ]
        super().__init__(_tr("訪問・相談"), tabs, parent)
