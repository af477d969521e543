"""研修 page: events list + event detail (sessions, registrations and attendance grid, reception-desk
check-in, survey summary, groups with move buttons, print buttons). Data only via services."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.pages.base import Page
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.window_memory import remember_splitter
from sasaeai_desktop.services import trainings as t


def _tidy(table: QTableWidget) -> None:
    """Row numbers are in the data (No.) or not needed; the last column takes the spare width."""
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)


def _fit(table: QTableWidget) -> None:
    """Columns sized to their contents plus some air (resizeColumnsToContents alone is cramped)."""
    table.resizeColumnsToContents()
    for j in range(table.columnCount() - 1):
        table.setColumnWidth(j, table.columnWidth(j) + 16)
    table.horizontalHeader().setSectionResizeMode(table.columnCount() - 1, QHeaderView.ResizeMode.Stretch)


class _CheckinBox(QLineEdit):
    """Type kana or scan the code; Enter marks the highlighted row present, Up/Down move."""

    def __init__(self, desk: "CheckinDesk") -> None:
        super().__init__()
        self._desk = desk

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._desk.mark_current()
            return
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            lst = self._desk.results
            row = max(0, min(lst.count() - 1, lst.currentRow() + (1 if key == Qt.Key.Key_Down else -1)))
            lst.setCurrentRow(row)
            return
        super().keyPressEvent(event)


class _Results(QListWidget):
    """Space or Enter on a row marks it present."""

    def __init__(self, desk: "CheckinDesk") -> None:
        super().__init__()
        self._desk = desk

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._desk.mark_current()
            return
        super().keyPressEvent(event)


class CheckinDesk(QWidget):
    """The reception desk: the list narrows as you type (SQL, index-backed); Enter/Space marks present."""

    def __init__(self, page: "TrainingsPage") -> None:
        super().__init__()
        self.page = page
        self.session_combo = QComboBox()
        self.box = _CheckinBox(self)
        self.box.setPlaceholderText(self.tr("ふりがな・氏名の一部、または受付コード／QRを読み取り → Enter で出席"))
        self.results = _Results(self)
        self.results.setObjectName("checkinResults")
        big = self.results.font()
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.results.setFont(big)
        self.results.setSpacing(3)
        self.results.setAlternatingRowColors(True)
        self.box.setFont(big)
        self.box.setMinimumHeight(36)
        self.status = QLabel("")
        self._last = ""  # the last confirmation ("出席にしました: …"), kept while the list refreshes
        self.walk_in = QPushButton(self.tr("当日参加を追加…"))
        self.walk_in.clicked.connect(self.add_walk_in)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("日程:")))
        top.addWidget(self.session_combo, 1)
        top.addWidget(self.walk_in)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.box)
        lay.addWidget(self.results, 1)
        lay.addWidget(self.status)
        self.box.textChanged.connect(self.refresh)
        self.session_combo.currentIndexChanged.connect(lambda _i: self.refresh())

    def set_event(self, ev: t.EventData) -> None:
        keep = self.session_combo.currentData()  # the page reloads after a walk-in: stay on this 日程
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        for s in ev.sessions:
            self.session_combo.addItem(t.session_label(s), s.id)
        self.session_combo.setCurrentIndex(max(0, self.session_combo.findData(keep)) if keep else 0)
        self.session_combo.blockSignals(False)
        self.refresh()

    def session_id(self) -> str | None:
        return self.session_combo.currentData()

    def refresh(self) -> None:
        eid = self.page.event_id
        self.results.clear()
        if not eid:
            return
        rows = t.checkin_search(self.page.shell.uow(), eid, self.session_id(), self.box.text())
        for r in rows:
            mark = "✓ 出席" if r.present else ("× 欠席" if r.present is False else "　　　")
            item = QListWidgetItem(f"{mark}  {r.row_order:>3}  {r.name}（{r.kana}）  {r.municipality}  {r.role}  [{r.code}]")
            item.setData(Qt.ItemDataRole.UserRole, r.registration_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, r.name)
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)
        count = self.tr("{n} 件").format(n=len(rows))
        self.status.setText(f"{self._last}　{count}" if self._last else count)

    def mark_current(self) -> None:
        item = self.results.currentItem()
        sid = self.session_id()
        if item is None or sid is None:
            return
        t.mark_attendance(self.page.shell.uow(), item.data(Qt.ItemDataRole.UserRole), sid, True)
        self._last = self.tr("出席にしました: {who}").format(who=item.data(Qt.ItemDataRole.UserRole + 1))
        self.box.clear()
        self.refresh()  # clear() refreshes only when there was text (a scanned code may leave none)
        self.box.setFocus()
        self.page.reload_registrations()
        # Other pages (the dashboard's coverage) refresh; this page has just redrawn its own grid.
        changes.emit({"attendance"})

    def add_walk_in(self) -> None:
        """当日参加: the registration form (type-ahead, 表記違い offered, a new person typed in full),
        registering on the spot and marking present for this 日程; its save reloads the page."""
        from sasaeai_desktop.gui.dialogs.registration_dialog import RegistrationDialog

        sid = self.session_id()
        ev = self.page.current_event
        if not sid or ev is None or ev.id != self.page.event_id:
            return
        if RegistrationDialog(self.page.shell, ev, self, walk_in_session=sid, typed=self.box.text()).exec():
            self.box.clear()
        self.box.setFocus()


class TrainingsPage(Page):
    def __init__(self, shell: ShellContext) -> None:
        super().__init__()
        self.shell = shell
        self.event_id: str | None = None
        self.current_event: t.EventData | None = None
        self.events = QListWidget()
        self.events.setWordWrap(True)
        self.events.setSpacing(2)
        self.events.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.events.currentItemChanged.connect(self._on_event)
        self.new_btn = QPushButton(self.tr("新規…"))
        self.new_btn.clicked.connect(self.create_new)
        self.edit_btn = QPushButton(self.tr("編集…"))
        self.edit_btn.clicked.connect(self.open_selected)
        self.header = QLabel("")
        self.header.setWordWrap(True)
        self.tabs = QTabWidget()
        # sessions
        self.sessions = QTableWidget(0, 6)
        self.sessions.setHorizontalHeaderLabels([self.tr("日程"), self.tr("日付"), self.tr("時間"), self.tr("会場"), self.tr("定員"), self.tr("必須")])
        self.sessions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sessions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        _tidy(self.sessions)
        self.remove_session_btn = QPushButton(self.tr("選んだ日程を削除…"))
        self.remove_session_btn.clicked.connect(self.remove_session)
        self.copy_btn = QPushButton(self.tr("翌年度に写す"))
        self.copy_btn.clicked.connect(self.copy_event)
        w_sessions = QWidget()
        ls = QVBoxLayout(w_sessions)
        ls.addWidget(self.sessions)
        row = QHBoxLayout()
        row.addWidget(self.remove_session_btn)
        row.addWidget(self.copy_btn)
        row.addStretch(1)
        ls.addLayout(row)
        self.tabs.addTab(w_sessions, self.tr("日程"))
        # registrations + attendance grid
        self.regs = QTableWidget(0, 0)
        self.regs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.regs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        _tidy(self.regs)
        self.pre_btn = QPushButton(self.tr("事前課題 受領／未受領"))
        self.pre_btn.clicked.connect(self.toggle_pre_assignment)
        self.register_btn = QPushButton(self.tr("申込を入力…"))
        self.register_btn.clicked.connect(self.register_typed)
        w_regs = QWidget()
        lr = QVBoxLayout(w_regs)
        lr.addWidget(self.regs)
        rb = QHBoxLayout()
        rb.addWidget(self.register_btn)
        rb.addWidget(self.pre_btn)
        rb.addStretch(1)
        lr.addLayout(rb)
        self.tabs.addTab(w_regs, self.tr("申込・出欠"))
        # check-in
        self.desk = CheckinDesk(self)
        self.tabs.addTab(self.desk, self.tr("受付"))
        # survey
        self.survey = QTableWidget(0, 6)
        self.survey.setHorizontalHeaderLabels([self.tr("項目"), "とても良かった", "良かった", "あまり良くなかった", "良くなかった", self.tr("回答数")])
        self.survey.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        _tidy(self.survey)
        self.answer_btn = QPushButton(self.tr("回答を入力…"))
        self.answer_btn.clicked.connect(self.enter_answers)
        self.survey_note = QLabel("")
        w_survey = QWidget()
        lsv = QVBoxLayout(w_survey)
        lsv.addWidget(self.survey, 1)
        sb = QHBoxLayout()
        sb.addWidget(self.answer_btn)
        sb.addWidget(self.survey_note, 1)
        lsv.addLayout(sb)
        self.tabs.addTab(w_survey, self.tr("アンケート"))
        # groups
        self.group_tree = QTreeWidget()
        self.group_tree.setHeaderLabels([self.tr("グループ／氏名"), self.tr("市町村"), self.tr("役割"), self.tr("段階")])
        self.size_spin = QSpinBox()
        self.size_spin.setRange(2, 20)
        self.size_spin.setValue(6)
        assign = QPushButton(self.tr("グループ分け"))
        assign.clicked.connect(self.assign_groups)
        self.move_target = QComboBox()
        move = QPushButton(self.tr("選んだ人を移動"))
        move.clicked.connect(self.move_selected)
        w_groups = QWidget()
        lg = QVBoxLayout(w_groups)
        gr = QHBoxLayout()
        gr.addWidget(QLabel(self.tr("1グループの人数:")))
        gr.addWidget(self.size_spin)
        gr.addWidget(assign)
        gr.addStretch(1)
        gr.addWidget(self.move_target)
        gr.addWidget(move)
        lg.addLayout(gr)
        lg.addWidget(self.group_tree)
        self.tabs.addTab(w_groups, self.tr("グループ"))
        # printing
        w_print = QWidget()
        lp = QVBoxLayout(w_print)
        from sasaeai_desktop.services.training_prints import PRINTS

        for kind, (label, _fn) in PRINTS.items():
            b = QPushButton(self.tr("{label}をPDFに出力…").format(label=label))
            b.clicked.connect(lambda _c=False, k=kind: self.print_pdf(k))
            b.setMinimumWidth(280)
            lp.addWidget(b, 0, Qt.AlignmentFlag.AlignLeft)
        lp.addStretch(1)
        self.tabs.addTab(w_print, self.tr("印刷"))

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
        ll.addWidget(self.events)
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
            w_sessions: self._load_sessions,
            w_regs: self.reload_registrations,
            self.desk: lambda: self.desk.set_event(self.current_event) if self.current_event else None,
            w_survey: self._load_survey,
            w_groups: self._load_groups,
        }
        self._stale_tabs: set[QWidget] = set()
        self.tabs.currentChanged.connect(lambda _i: self._load_current_tab())
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
            self.event_id = new_id
            self.reload()

    def open_selected(self) -> None:
        from sasaeai_desktop.gui.dialogs.event_dialog import edit_event

        if self.event_id:
            edit_event(self.shell, self.event_id, self)  # the changes hub reloads the page

    def on_changes(self, kinds: frozenset[str]) -> None:
        if changes.touches(kinds, {"events", "people", "municipalities"}):
            self.reload()

    def register_typed(self) -> None:
        from sasaeai_desktop.gui.dialogs.registration_dialog import RegistrationDialog

        if self.current_event is not None:
            RegistrationDialog(self.shell, self.current_event, self).exec()

    def enter_answers(self) -> None:
        from sasaeai_desktop.gui.dialogs.registration_dialog import SurveyAnswerDialog

        if self.event_id:
            SurveyAnswerDialog(self.shell, self.event_id, self).exec()

    def status_text(self) -> str:
        return self.tr("研修 {n} 件").format(n=self.events.count())

    def reload(self) -> None:
        current = self.event_id
        self.events.blockSignals(True)
        self.events.clear()
        for e in t.list_events(self.shell.uow()):
            date = e.first_date.isoformat() if e.first_date else ""
            item = QListWidgetItem(f"{date}  {e.title}\n　{e.event_type}・日程{e.sessions}・申込{e.registrations}")
            item.setData(Qt.ItemDataRole.UserRole, e.id)
            self.events.addItem(item)
        self.events.blockSignals(False)
        target = 0
        for i in range(self.events.count()):
            if self.events.item(i).data(Qt.ItemDataRole.UserRole) == current:
                target = i
        if self.events.count():
            if self.events.currentRow() == target:  # no currentItemChanged: refresh the detail here
                self._on_event(self.events.currentItem(), None)
            else:
                self.events.setCurrentRow(target)  # → _on_event, once
        self.status_changed.emit(self.status_text())
        self.data_ready.emit()

    # -- event detail -------------------------------------------------------------------------

    def _on_event(self, item: QListWidgetItem | None, _prev: Any) -> None:
        if item is None:
            return
        self.event_id = item.data(Qt.ItemDataRole.UserRole)
        ev = t.get_event(self.shell.uow(), self.event_id)
        self.current_event = ev
        staff = "、".join(f"{s.name}（{s.kind}）" for s in ev.staff)
        self.header.setText(
            f"<b>{ev.title}</b>　{ev.event_type}・{ev.fiscal_year}年度"
            + (f"　共催: {ev.co_hosts}" if ev.co_hosts else "")
            + (f"<br/>対象: {'、'.join(ev.audiences)}" if ev.audiences else "")
            + (f"　講師・スタッフ: {staff}" if staff else "")
        )
        self._stale_tabs = set(self._tab_loaders)
        self._load_current_tab()

    def _load_current_tab(self) -> None:
        tab = self.tabs.currentWidget()
        if tab in self._stale_tabs:
            self._stale_tabs.discard(tab)
            self._tab_loaders[tab]()

    def _load_sessions(self) -> None:
        ev = self.current_event
        sessions = ev.sessions if ev is not None else ()
        self.sessions.setRowCount(len(sessions))
        for i, s in enumerate(sessions):
            hours = "〜".join(f"{x:%H:%M}" for x in (s.start_time, s.end_time) if x)
            label = s.label or self.tr("第{n}回").format(n=i + 1)  # an unnamed 日程 still gets a name to point at
            for j, v in enumerate((label, s.date.isoformat(), hours, s.venue, "" if s.capacity is None else str(s.capacity), "○" if s.required else "")):
                self.sessions.setItem(i, j, QTableWidgetItem(v))
        _fit(self.sessions)

    def reload_registrations(self) -> None:
        if not self.event_id or self.current_event is None:
            return
        self._stale_tabs.discard(self.regs.parentWidget())
        rows = t.list_registrations(self.shell.uow(), self.event_id)
        sessions = self.current_event.sessions
        heads = ["No.", "氏名", "ふりがな", "市町村", "役割", "日程", "状態", "事前課題", "グループ"] + [
            s.label or s.date.strftime("%m/%d") for s in sessions] + ["注意"]
        self.regs.setColumnCount(len(heads))
        self.regs.setHorizontalHeaderLabels(heads)
        self.regs.setRowCount(len(rows))
        for i, r in enumerate(rows):
            vals = [str(r.row_order), r.name, r.kana, r.municipality, r.role, r.session_label or "全日程",
                    r.status + ("（当日）" if r.walk_in else ""), "受領" if r.pre_assignment_received else "",
                    r.group_label]
            for s in sessions:
                a = r.attendance.get(s.id)  # type: ignore[arg-type]
                vals.append("○" if a else ("×" if a is False else ""))
            vals.append("・".join(r.flags))
            for j, v in enumerate(vals):
                item = QTableWidgetItem(v)
                if j == 0:
                    item.setData(Qt.ItemDataRole.UserRole, r.id)
                self.regs.setItem(i, j, item)
        _fit(self.regs)

    def toggle_pre_assignment(self) -> None:
        rows = {i.row() for i in self.regs.selectedIndexes()}
        for row in rows:
            rid = self.regs.item(row, 0).data(Qt.ItemDataRole.UserRole)
            received = self.regs.item(row, 7).text() != "受領"
            t.set_pre_assignment(self.shell.uow(), rid, received)
        self.reload_registrations()

    def _load_survey(self) -> None:
        summary = t.survey_summary(self.shell.uow(), self.event_id) if self.event_id else []
        self.survey.setRowCount(len(summary))
        for i, q in enumerate(summary):
            self.survey.setItem(i, 0, QTableWidgetItem(q.label))
            for j in range(1, 5):
                self.survey.setItem(i, j, QTableWidgetItem(f"{q.percent(j):.1f}%（{q.counts[j]}）"))
            self.survey.setItem(i, 5, QTableWidgetItem(str(q.answered)))
        _fit(self.survey)
        comments = t.survey_comments(self.shell.uow(), self.event_id) if self.event_id else []
        self.survey_note.setText(self.tr("自由記述 {n} 件").format(n=len(comments)) if comments else "")

    def _load_groups(self) -> None:
        self.group_tree.clear()
        self.move_target.clear()
        if not self.event_id:
            return
        from sasaeai_desktop.domain import vocab

        for g in t.groups(self.shell.uow(), self.event_id):
            label = g.label or "未割当"
            warn = f"　※同じ市町村の職員とSC: {'、'.join(g.conflicts)}" if g.conflicts else ""
            top = QTreeWidgetItem([f"{label}（{len(g.members)}名）{warn}"])
            for mb in g.members:
                child = QTreeWidgetItem([mb.name, mb.municipality, mb.role, vocab.STAGES.get(mb.stage, "") if mb.stage else ""])
                child.setData(0, Qt.ItemDataRole.UserRole, mb.registration_id)
                top.addChild(child)
            self.group_tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)  # a long conflict note must not widen the name column
            if g.label:
                self.move_target.addItem(g.label)
        self.group_tree.expandAll()
        for j in range(4):
            self.group_tree.resizeColumnToContents(j)
            self.group_tree.setColumnWidth(j, self.group_tree.columnWidth(j) + 24)

    def assign_groups(self) -> None:
        if not self.event_id:
            return
        t.assign_groups(self.shell.uow(), self.event_id, self.size_spin.value())
        self._load_groups()
        self.reload_registrations()

    def move_selected(self) -> None:
        target = self.move_target.currentText()
        for item in self.group_tree.selectedItems():
            rid = item.data(0, Qt.ItemDataRole.UserRole)
            if rid and target:
                t.move_to_group(self.shell.uow(), rid, target)
        self._load_groups()

    def remove_session(self) -> None:
        row = self.sessions.currentRow()
        if self.current_event is None or row < 0:
            return
        sid = self.current_event.sessions[row].id
        try:
            t.remove_session(self.shell.uow(), sid)  # type: ignore[arg-type]
        except t.SessionHasAttendance as exc:
            answer = QMessageBox.question(self, self.tr("日程の削除"), str(exc) + "\n\n" + self.tr("削除しますか？"))
            if answer != QMessageBox.StandardButton.Yes:
                return
            t.remove_session(self.shell.uow(), sid, confirm=True)  # type: ignore[arg-type]
        self.reload()

    def copy_event(self) -> None:
        if self.event_id:
            self.event_id = t.copy_event(self.shell.uow(), self.event_id)
            self.reload()

    def print_pdf(self, kind: str) -> None:
        from sasaeai_desktop.gui.tasks import run_task
        from sasaeai_desktop.services.training_prints import PRINTS

        if not self.event_id:
            return
        label, fn = PRINTS[kind]
        path, _ = QFileDialog.getSaveFileName(self, label, f"{label}.pdf", "PDF (*.pdf)")
        if not path:
            return
        uow, event_id = self.shell.uow, self.event_id

        def done(res: Any) -> None:
            text = self.tr("{label} {n} 件（{pages} ページ）を出力しました。").format(label=label, n=res.items, pages=res.pages)
            QMessageBox.information(self, label, "\n".join([text, *res.messages]))

        self._print_task = run_task(self, lambda _progress, _abort: fn(uow(), event_id, path),
                                    title=self.tr("{label}を作成しています").format(label=label), on_success=done)
