"""研修 page: events list + event detail (sessions, registrations and attendance grid, reception-desk
check-in, survey summary, groups with move buttons, print buttons). Data only via services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.key_guard import bind_enter
from sasaeai_desktop.gui.pages.base import Page
from sasaeai_desktop.gui.pages.trainings.checkin_desk import CheckinDesk
from sasaeai_desktop.gui.pages.trainings.event_list import EventDelegate
from sasaeai_desktop.gui.pages.trainings.event_list import event_lines
from sasaeai_desktop.gui.pages.trainings.event_list import nearest_event
from sasaeai_desktop.gui.pages.trainings.groups_panel import GroupsPanel
from sasaeai_desktop.gui.pages.trainings.print_panel import PrintPanel
from sasaeai_desktop.gui.pages.trainings.registration_grid import RegistrationGrid
from sasaeai_desktop.gui.pages.trainings.sessions_panel import SessionsPanel
from sasaeai_desktop.gui.pages.trainings.survey_panel import SurveyPanel
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.window_memory import remember_splitter
from sasaeai_desktop.gui.writes import WriteWithdrawn
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services.trainings import checkin
from sasaeai_desktop.services.trainings import events as training_events
from sasaeai_desktop.services.trainings import registrations

SEARCH_DEBOUNCE_MS = 200


class TrainingsPage(Page):
    def __init__(self, shell: ShellContext) -> None:
        super().__init__()
        self.shell = shell
        self.event_id: str | None = None
        self.current_event: training_events.EventData | None = None
        self.events = QListWidget()
        self.events.setObjectName("eventList")
        self.events.setItemDelegate(EventDelegate(self.events))
        self.events.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.events.setUniformItemSizes(True)
        self.events.currentItemChanged.connect(self._on_event)
        # Enter or a double click on an event opens its editor: keys of the list, not of the window.
        self.events.itemDoubleClicked.connect(lambda _item: self.open_selected())
        bind_enter(self.events, self.open_selected)
        # 年度 and search: SQL (services.trainings.events.list_events), the list holds what matches.
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("yearCombo")
        self._year_chosen = False  # until the user picks one, the default follows the data
        self.year_combo.currentIndexChanged.connect(self._year_picked)  # _fill_years blocks it
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("eventSearch")
        self.search_edit.setPlaceholderText(self.tr("研修名・種別・会場で検索"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.new_btn = QPushButton(self.tr("新規…"))
        self.new_btn.clicked.connect(self.create_new)
        self.edit_btn = QPushButton(self.tr("編集…"))
        self.edit_btn.clicked.connect(self.open_selected)
        self.header = QLabel("")
        self.header.setWordWrap(True)
        self.tabs = QTabWidget()
        self.sessions = SessionsPanel(self)
        self.tabs.addTab(self.sessions, self.tr("日程"))
        # registrations + attendance grid
        # After the event, the ticks of the paper sign-in sheet are typed into the 日程 columns.
        self.regs = RegistrationGrid(self._record_attendance)
        self.pre_btn = QPushButton(self.tr("事前課題 受領／未受領"))
        self.pre_btn.clicked.connect(self.toggle_pre_assignment)
        self.pre_btn.setEnabled(False)  # acts on the chosen rows
        self.regs.itemSelectionChanged.connect(lambda: self.pre_btn.setEnabled(bool(self.regs.selectedIndexes())))
        self.register_btn = QPushButton(self.tr("申込を入力…"))
        self.register_btn.clicked.connect(self.register_typed)
        self.import_regs_btn = QPushButton(self.tr("申込者をExcelから取り込む…"))
        self.import_regs_btn.setObjectName("importRegistrationsButton")
        self.import_regs_btn.setToolTip(self.tr("市町村から届いた申込者一覧を、確認してから取り込みます（問題があれば何も書き込みません）"))
        self.import_regs_btn.clicked.connect(lambda: self.import_excel("registrations"))
        self.import_attendance_btn = QPushButton(self.tr("出欠をExcelから取り込む…"))
        self.import_attendance_btn.setObjectName("importAttendanceButton")
        self.import_attendance_btn.setToolTip(self.tr("○／×を付けた受付名簿（出欠表）を、日程を選んで取り込みます"))
        self.import_attendance_btn.clicked.connect(lambda: self.import_excel("attendance"))
        # Enter or a double click: the row's 日程 and 状態 (a date phoned in, a cancellation).
        bind_enter(self.regs, self.edit_registration)
        self.regs.cellDoubleClicked.connect(lambda _r, _c: self.edit_registration())
        self.regs_hint = QLabel(self.tr("紙の受付名簿から: 日程の列で Space・○ で出席、× で欠席、Delete で取り消し（次の行へ進みます）。"
                                        "Enter で申込の日程・状態を変更"))
        self.regs_hint.setObjectName("noteLabel")
        self.regs_hint.setWordWrap(True)  # a long line would hold the splitter from the list's side
        w_regs = QWidget()
        lr = QVBoxLayout(w_regs)
        lr.addWidget(self.regs)
        lr.addWidget(self.regs_hint)
        rb = QHBoxLayout()
        rb.addWidget(self.register_btn)
        rb.addWidget(self.import_regs_btn)
        rb.addWidget(self.import_attendance_btn)
        rb.addWidget(self.pre_btn)
        rb.addStretch(1)
        lr.addLayout(rb)
        self.tabs.addTab(w_regs, self.tr("申込・出欠"))
        # check-in
        self.desk = CheckinDesk(self)
        self.tabs.addTab(self.desk, self.tr("受付"))
        self.survey = SurveyPanel(self)
        self.tabs.addTab(self.survey, self.tr("アンケート"))
        # groups
        self.groups = GroupsPanel(self)
        self.tabs.addTab(self.groups, self.tr("グループ"))
        # printing
        self.prints = PrintPanel(self)
        self.tabs.addTab(self.prints, self.tr("印刷"))

        right = QWidget()
        lv = QVBoxLayout(right)
        lv.addWidget(self.header)
        lv.addWidget(self.tabs, 1)
        split = QSplitter()
        left = QWidget()
        ll = QVBoxLayout(left)
        title = QLabel(self.tr("研修"))
        title.setObjectName("pageTitle")
        ll.addWidget(title)
        eb = QHBoxLayout()
        eb.addWidget(self.new_btn)
        eb.addWidget(self.edit_btn)
        eb.addStretch(1)
        ll.addLayout(eb)
        fb = QHBoxLayout()
        fb.addWidget(QLabel(self.tr("年度:")))
        fb.addWidget(self.year_combo, 1)
        ll.addLayout(fb)
        ll.addWidget(self.search_edit)
        ll.addWidget(self.events, 1)
        self.empty_label = QLabel(self.tr("該当する研修はありません。"))
        self.empty_label.setObjectName("noteLabel")
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(False)
        ll.addWidget(self.empty_label)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([320, 900])
        remember_splitter(split, "trainings")
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        # Each tab of the detail is filled when it is shown, not every tab for every event chosen:
        # opening the page or stepping through events then costs one tab's queries, not five.
        self._tab_loaders: dict[QWidget, Any] = {
            self.sessions: lambda: self.sessions.show_event(self.current_event),
            w_regs: self.reload_registrations,
            self.desk: lambda: self.desk.set_event(self.current_event) if self.current_event else None,
            self.survey: self.survey.reload,
            self.groups: self.groups.reload,
            self.prints: lambda: self.prints.set_event(self.current_event),
        }
        self._stale_tabs: set[QWidget] = set()
        self.drawing_attendance = False  # a presence mark this page writes and redraws itself
        self.tabs.currentChanged.connect(lambda _i: self._load_current_tab())
        self.tabs.currentChanged.connect(self._focus_checkin_box)  # a method: Qt drops it with the page
        changes.hub().changed.connect(self.on_changes)
        self.reload()

    # -- Page API -----------------------------------------------------------------------------

    def can_create(self) -> bool:
        return True

    def can_open(self) -> bool:
        return self.event_id is not None

    def create_new(self) -> None:
        from sasaeai_desktop.gui.dialogs.event_dialog import edit_event

        new_id = edit_event(self.shell, None, self)
        if new_id:
            self.reveal(new_id)

    def open_selected(self) -> None:
        from sasaeai_desktop.gui.dialogs.event_dialog import edit_event

        if self.event_id:
            edit_event(self.shell, self.event_id, self)  # the changes hub reloads the page

    def on_changes(self, kinds: frozenset[str]) -> None:
        if self.drawing_attendance and kinds <= {"attendance"}:
            return
        if changes.touches(kinds, {"events", "people", "municipalities", "attendance"}):
            if self.isVisible():
                self.reload()
            else:  # an import or a sync read on another page: reloaded when shown, not all pages at once
                self._stale = True

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self._stale = False
            self.reload()

    def register_typed(self) -> None:
        from sasaeai_desktop.gui.dialogs.registration_dialog import RegistrationDialog

        if self.current_event is not None:
            RegistrationDialog(self.shell, self.current_event, self).exec()

    def import_excel(self, kind: str = "registrations") -> bool:
        """The import dialog for the selected 研修 (its 申込者 or 出欠 sheet); False when no event is
        selected, so ファイル > Excelから取り込む… falls back to the general lists. The dialog's
        change record reloads this page."""
        if self.current_event is None or self.current_event.id != self.event_id:
            return False
        from sasaeai_desktop.gui.dialogs.import_dialog import open_event_import_dialog

        open_event_import_dialog(self, self.shell, self.current_event, kind)
        return True

    def export_kind(self) -> str:
        """ファイル > Excelに出力…: the events of the 年度 shown, as the sheet ``import events`` reads back."""
        return "events"

    def export_options(self) -> dict[str, Any]:
        fy = self.fiscal_year()
        return {"search": self.search_edit.text(), "filters": {"fiscal_year": fy} if fy is not None else {}}

    def status_text(self) -> str:
        return self.tr("研修 {n} 件").format(n=self.events.count())

    def search_box(self) -> QLineEdit:
        return self.search_edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # From the search box to the list with ↓ or Enter, so the keyboard never leaves.
        if watched is self.search_edit and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._search_timer.isActive():
                self.reload()
            self.events.setFocus()
            return True
        return super().eventFilter(watched, event)

    def fiscal_year(self) -> int | None:
        """The 年度 the list is filtered by (None: every 年度)."""
        return self.year_combo.currentData()

    def _year_picked(self, _index: int) -> None:
        self._year_chosen = True
        self.reload()

    def _fill_years(self) -> None:
        """すべて, then every 年度 with events and the current one; the first time (and until the
        user picks), the current 年度 if it has events, else すべて: in April the list would
        otherwise open empty, with last year's events (to copy) out of sight."""
        today = fiscal_year_of(dt.date.today())
        present = training_events.event_fiscal_years(self.shell.uow())
        years = sorted(set(present) | {today}, reverse=True)
        keep = self.year_combo.currentData() if self._year_chosen else (today if today in present else None)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(self.tr("すべての年度"), None)
        for fy in years:
            self.year_combo.addItem(fiscal_year_label(fy, "both"), fy)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(keep), 0) if keep is not None else 0)
        self.year_combo.blockSignals(False)

    def reveal(self, event_id: str) -> None:
        """Select ``event_id`` (just created or copied), switching the 年度 filter and clearing the
        search if they would hide it."""
        fy = training_events.get_event(self.shell.uow(), event_id).fiscal_year
        self.event_id = event_id
        if self.fiscal_year() not in (None, fy):
            self._year_chosen = True
            self.year_combo.blockSignals(True)
            idx = self.year_combo.findData(fy)
            if idx < 0:
                self.year_combo.addItem(fiscal_year_label(fy, "both"), fy)
                idx = self.year_combo.count() - 1
            self.year_combo.setCurrentIndex(idx)
            self.year_combo.blockSignals(False)
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        self._search_timer.stop()
        current = self.event_id
        self._fill_years()
        events = training_events.list_events(self.shell.uow(), self.fiscal_year(), self.search_edit.text())
        self.events.blockSignals(True)
        self.events.clear()
        for e in events:
            title, detail = event_lines(e)
            item = QListWidgetItem(f"{title}\n{detail}")
            item.setToolTip(f"{e.title}\n{detail}")
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            self.events.addItem(item)
        self.events.blockSignals(False)
        self.empty_label.setVisible(not events)
        target = nearest_event(events, dt.date.today())
        for i in range(self.events.count()):
            if self.events.item(i).data(Qt.ItemDataRole.UserRole) == current:
                target = i
        if self.events.count():
            if self.events.currentRow() == target:  # no currentItemChanged: refresh the detail here
                self._on_event(self.events.currentItem(), None)
            else:
                self.events.setCurrentRow(target)  # → _on_event, once
        else:
            self._clear_detail()
        self.status_changed.emit(self.status_text())
        self.actions_changed.emit()
        self.data_ready.emit()

    def _clear_detail(self) -> None:
        """Nothing matches the filter: no event is selected, and no tab shows the previous one."""
        self.event_id = None
        self.current_event = None
        self.header.setText("")
        self.sessions.table.setRowCount(0)
        self.regs.setRowCount(0)
        self.survey.table.setRowCount(0)
        self.survey.note.setText("")
        self.groups.reload()  # empties it when there is no event
        self.desk.refresh()  # empties its list when there is no event
        self._stale_tabs = set()
        self._update_event_buttons()

    def _update_event_buttons(self) -> None:
        has = self.current_event is not None
        for b in (self.edit_btn, self.register_btn, self.import_regs_btn, self.import_attendance_btn,
                  self.survey.answer_btn, self.sessions.remove_btn, self.sessions.copy_btn):
            b.setEnabled(has)
        self.pre_btn.setEnabled(has and bool(self.regs.selectedIndexes()))  # acts on the chosen rows

    # -- event detail -------------------------------------------------------------------------

    def _on_event(self, item: QListWidgetItem | None, _prev: Any) -> None:
        if item is None:
            return
        self.event_id = item.data(Qt.ItemDataRole.UserRole)
        ev = training_events.get_event(self.shell.uow(), self.event_id)
        self.current_event = ev
        self._update_event_buttons()
        self.actions_changed.emit()
        staff = "、".join(f"{s.name}（{s.kind}）" for s in ev.staff)
        self.header.setText(
            f"<b>{ev.title}</b>　{ev.event_type}・{ev.fiscal_year}年度"
            + f"　{vocab.SESSION_STRUCTURES.get(ev.session_structure, '')}"
            + (f"　共催: {ev.co_hosts}" if ev.co_hosts else "")
            + (f"<br/>対象: {'、'.join(ev.audiences)}" if ev.audiences else "")
            + (f"　講師・スタッフ: {staff}" if staff else "")
        )
        self._stale_tabs = set(self._tab_loaders)
        self._load_current_tab()

    def _focus_checkin_box(self, _index: int) -> None:
        """Opening 受付 means the next thing is a scan or a name: the cursor waits in the box."""
        if self.tabs.currentWidget() is self.desk:
            self.desk.box.setFocus()

    def _load_current_tab(self) -> None:
        tab = self.tabs.currentWidget()
        if tab in self._stale_tabs:
            self._stale_tabs.discard(tab)
            self._tab_loaders[tab]()

    def reload_registrations(self) -> None:
        if not self.event_id or self.current_event is None:
            return
        self._stale_tabs.discard(self.regs.parentWidget())
        self.regs.show_rows(registrations.list_registrations(self.shell.uow(), self.event_id), self.current_event.sessions)

    def edit_registration(self) -> None:
        from sasaeai_desktop.gui.dialogs.registration_edit_dialog import RegistrationEditDialog

        reg = self.regs.current_registration()
        if reg is not None and self.current_event is not None:
            RegistrationEditDialog(self.shell, self.current_event, reg, self).exec()  # the changes hub reloads

    def _record_attendance(self, registration_id: str, session_id: str, present: bool | None) -> bool:
        if present is None:
            mark = partial(checkin.clear_attendance, self.shell.uow(), registration_id, session_id)
        else:
            mark = partial(checkin.mark_attendance, self.shell.uow(), registration_id, session_id, present)
        if not self.write_attendance(mark):
            return False
        self._stale_tabs.add(self.desk)  # the desk's ✓ marks are read again when it is shown
        return True

    def write_attendance(self, mark: Callable[[], object]) -> bool:
        """A presence mark from the grid or the desk, through the write runner; False (and said)
        when the officer stopped waiting for it behind a long task."""
        with self.drawing_own_attendance():
            try:
                write(self, self.tr("出欠"), mark)
            except WriteWithdrawn as exc:
                show_error(self, self.tr("出欠"), exc)
                return False
        return True

    @contextmanager
    def drawing_own_attendance(self) -> Iterator[None]:
        """A presence mark from the grid or the desk: they redraw what they show, and reloading the
        whole page under the reception desk would only slow the next scan."""
        self.drawing_attendance = True
        try:
            yield
        finally:
            self.drawing_attendance = False

    def toggle_pre_assignment(self) -> None:
        toggles = self.regs.pre_assignment_toggles()

        def store() -> None:
            for rid, received in toggles:
                registrations.set_pre_assignment(self.shell.uow(), rid, received)

        try:
            write(self, self.tr("事前課題"), store)
        except WriteWithdrawn as exc:
            show_error(self, self.tr("事前課題"), exc)
        self.reload_registrations()
