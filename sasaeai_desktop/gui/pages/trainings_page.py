"""研修 page: events list + event detail (sessions, registrations and attendance grid, reception-desk
check-in, survey summary, groups with move buttons, print buttons). Data only via services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
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
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label, fiscal_year_of
from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.key_guard import bind_enter
from sasaeai_desktop.gui.pages.attendance_keys import ON_SHEET_ROLE, AttendanceKeys
from sasaeai_desktop.gui.pages.base import Page
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.window_memory import remember_splitter
from sasaeai_desktop.services.trainings import checkin, events as training_events, group_work, registrations, survey

_ROW_ROLE = Qt.ItemDataRole.UserRole  # the desk's rows carry their CheckinRow
SEARCH_DEBOUNCE_MS = 200
# The 申込・出欠 grid: these columns, then one per 日程 (○/×), then 注意. ふりがな and 所属 are the
# name's tooltip: as columns they pushed the 日程 columns off a 1366-px screen.
REG_HEADERS = ("No.", "氏名", "市町村", "役割", "日程", "状態", "課題", "グループ")
REG_NAME, REG_PRE_ASSIGNMENT = 1, 6
REG_HEADER_TIPS = {1: "氏名（ふりがな・所属はマウスを重ねると表示）", 4: "申込んだ日程", 6: "事前課題"}
REG_MAX_WIDTHS = {0: 44, 1: 120, 2: 96, 3: 96, 4: 80, 5: 96, 6: 48, 7: 104}  # 日程 columns: 56
_WEEKDAYS = "月火水木金土日"
DAY_PRINTS = frozenset({"sign-in-sheet", "name-cards", "participants", "groups"})  # follow the 印刷 tab's 日程


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


def event_lines(e: training_events.EventSummary) -> tuple[str, str]:
    """The two lines of an event in the list: its title without the leading 年度 (the filter and
    the date say it, and 「令和8年度 」 on every line hid the words that tell events apart), then
    date, 申込 count, 日程 count (when not one) and type — in that order, as the end of a line that
    does not fit is cut off and the type is often in the title anyway."""
    title = e.title
    for label in (fiscal_year_label(e.fiscal_year), fiscal_year_label(e.fiscal_year, "seireki")):
        if title.startswith(label) and title[len(label):].strip():
            title = title[len(label):].strip()
            break
    when = f"{e.first_date:%Y-%m-%d}({_WEEKDAYS[e.first_date.weekday()]})" if e.first_date else "日程未定"
    sessions = f"・{e.sessions}日程" if e.sessions != 1 else ""
    return title, f"{when}　申込{e.registrations}{sessions}・{e.event_type}"


class _EventDelegate(QStyledItemDelegate):
    """Paints an event as a bold title over a grey detail line, each cut to the width: the title
    with … in the middle (its end — （第2回）, （実践編） — is what tells events apart), the detail
    at its end; the full text is in the tooltip. Plain word wrap broke titles mid-word and mixed
    them with the date."""

    PAD = 4

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        bold, plain = self._fonts(option)
        return QSize(0, QFontMetrics(bold).height() + QFontMetrics(plain).height() + 3 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        # From the model: the option's text has its \n turned into U+2028 already.
        title, _, detail = str(index.data(Qt.ItemDataRole.DisplayRole) or "").partition("\n")
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_colour = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        detail_colour = text_colour if selected else opt.palette.color(QPalette.ColorRole.PlaceholderText)
        bold, plain = self._fonts(opt)
        rect = opt.rect.adjusted(2 * self.PAD, self.PAD, -2 * self.PAD, -self.PAD)
        painter.save()
        y = rect.top()
        middle, end = Qt.TextElideMode.ElideMiddle, Qt.TextElideMode.ElideRight
        for text, font, colour, elide in ((title, bold, text_colour, middle), (detail, plain, detail_colour, end)):
            fm = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(colour)
            line = QRect(rect.left(), y, rect.width(), fm.height())
            painter.drawText(line, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             fm.elidedText(text, elide, rect.width()))
            y += fm.height() + self.PAD
        painter.restore()


class _CheckinBox(QLineEdit):
    """Type kana or scan the code; Enter marks the highlighted row present, Up/Down move."""

    def __init__(self, desk: "CheckinDesk") -> None:
        super().__init__()
        self._desk = desk

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self._desk.add_walk_in()  # a walk-in without leaving the keyboard (or the box)
            else:
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

    SHOWN = 30  # rows in the list: a few kana or a scan narrow it to one

    def __init__(self, page: "TrainingsPage") -> None:
        super().__init__()
        self.page = page
        self.session_combo = QComboBox()
        self.box = _CheckinBox(self)
        self.box.setPlaceholderText(self.tr("かな・氏名の一部・受付コード／QR → Enter で出席　Ctrl+Enter で当日参加"))
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
        self._more = False  # the list shows the first SHOWN of more matches
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

    def set_event(self, ev: training_events.EventData) -> None:
        keep = self.session_combo.currentData()  # the page reloads after a walk-in: stay on this 日程
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        for s in ev.sessions:
            self.session_combo.addItem(training_events.session_label(s), s.id)
        self.session_combo.setCurrentIndex(max(0, self.session_combo.findData(keep)) if keep else 0)
        self.session_combo.blockSignals(False)
        self.walk_in.setEnabled(bool(ev.sessions))
        self.walk_in.setToolTip("" if ev.sessions else self.tr("日程のない研修には受付できません"))
        self.refresh()

    def session_id(self) -> str | None:
        return self.session_combo.currentData()

    def refresh(self) -> None:
        eid = self.page.event_id
        self.results.clear()
        if not eid:
            return
        # One row more than shown: the desk says when the list is cut, or a name below the first
        # SHOWN would look absent to the officer at the desk.
        rows = checkin.checkin_search(self.page.shell.uow(), eid, self.session_id(), self.box.text(), limit=self.SHOWN + 1)
        self._more = len(rows) > self.SHOWN
        for r in rows[:self.SHOWN]:
            mark = "✓ 出席" if r.present else ("× 欠席" if r.present is False else "　　　")
            item = QListWidgetItem(f"{mark}  {r.row_order:>3}  {r.name}（{r.kana}）  {r.municipality}  {r.role}  [{r.code}]")
            item.setData(_ROW_ROLE, r)
            self.results.addItem(item)
        if rows:
            self.results.setCurrentRow(0)
        self._show_status()

    def _show_status(self) -> None:
        count = (
            self.tr("先頭の {n} 件（続けて入力すると絞り込めます）") if self._more else self.tr("{n} 件")
        ).format(n=self.results.count())
        self.status.setText(f"{self._last}　{count}" if self._last else count)

    def _say(self, text: str, *, ok: bool) -> None:
        """The desk's answer stays on screen (a scanner user looks up only when something is off)."""
        self._last = text
        self.status.setStyleSheet("" if ok else "color: #b42318; font-weight: bold;")
        if not ok:
            QApplication.beep()
        self._show_status()

    def mark_current(self) -> None:
        """Enter (a typed name or a scanned code): the highlighted person is checked in and the box
        cleared for the next one; anything that stops it is said at the desk, never silently."""
        item = self.results.currentItem()
        sid = self.session_id()
        typed = self.box.text().strip()
        if sid is None:
            self._say(self.tr("日程がありません。研修の編集で日程を追加してください。"), ok=False)
            return
        if item is None:
            if typed:
                self._say(checkin.checkin_miss_reason(self.page.shell.uow(), self.page.event_id or "", sid, typed), ok=False)
                self.box.selectAll()  # the next scan replaces the unknown code
            return
        row: checkin.CheckinRow = item.data(_ROW_ROLE)
        if row.present:
            self._say(self.tr("{who} さんは受付済みです。").format(who=row.name), ok=False)
            self.box.clear()
            self.box.setFocus()
            return
        checkin.mark_attendance(self.page.shell.uow(), row.registration_id, sid, True)
        self._say(self.tr("出席にしました: {who}").format(who=row.name), ok=True)
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
        self.current_event: training_events.EventData | None = None
        self.events = QListWidget()
        self.events.setObjectName("eventList")
        self.events.setItemDelegate(_EventDelegate(self.events))
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
        # After the event, the ticks of the paper sign-in sheet are typed into the 日程 columns.
        self._attendance_keys = AttendanceKeys(self.regs, self._is_session_column, self._record_attendance)
        self.regs.setObjectName("registrationGrid")
        # Whole rows are selected: the cell a tick goes into is framed, or it could not be told apart.
        self.regs.setStyleSheet("QTableWidget#registrationGrid::item:focus { border: 2px solid #0b4f9c; }")
        # Enter or a double click: the row's 日程 and 状態 (a date phoned in, a cancellation).
        self._reg_rows: list[registrations.RegistrationRow] = []
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
        self.group_tree.itemSelectionChanged.connect(self._update_move_button)
        self.size_spin = QSpinBox()
        self.size_spin.setRange(2, 20)
        self.size_spin.setValue(6)
        self.assign_btn = assign = QPushButton(self.tr("グループ分け"))
        assign.clicked.connect(self.assign_groups)
        self.move_target = QComboBox()
        self.move_target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # 「北信会場 1班」 whole
        self.move_btn = move = QPushButton(self.tr("選んだ人を移動"))
        move.clicked.connect(self.move_selected)
        move.setEnabled(False)  # enabled once a person (not a group heading) is chosen
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
        # Which 日程 the day-by-day printouts are for (受付名簿, 名札, 参加者名簿, グループ表): the name
        # cards of one date of a 情報交換会, say. 修了証書 and アドバイザー名簿 are for the event.
        self.print_session = QComboBox()
        self.print_session.setObjectName("printSessionCombo")
        self.print_session.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        ps = QHBoxLayout()
        ps.addWidget(QLabel(self.tr("日程:")))
        ps.addWidget(self.print_session)
        day_note = QLabel(self.tr("受付名簿・名札・参加者名簿・グループ表の日程。「すべての日程」の受付名簿は日程ごとに1枚ずつ"))
        day_note.setObjectName("noteLabel")
        day_note.setWordWrap(True)
        ps.addWidget(day_note, 1)
        lp.addLayout(ps)
        from sasaeai_desktop.services.trainings.prints import PRINTS

        for kind, (label, _fn) in PRINTS.items():
            b = QPushButton(self.tr("{label}をPDFに出力…").format(label=label))
            b.clicked.connect(lambda _c=False, k=kind: self.print_pdf(k))
            b.setMinimumWidth(280)
            lp.addWidget(b, 0, Qt.AlignmentFlag.AlignLeft)
        self.numbers_btn = QPushButton(self.tr("証書番号（発行済み・重複の確認）…"))
        self.numbers_btn.setMinimumWidth(280)
        self.numbers_btn.clicked.connect(self.show_certificate_numbers)
        lp.addWidget(self.numbers_btn, 0, Qt.AlignmentFlag.AlignLeft)
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
            w_sessions: self._load_sessions,
            w_regs: self.reload_registrations,
            self.desk: lambda: self.desk.set_event(self.current_event) if self.current_event else None,
            w_survey: self._load_survey,
            w_groups: self._load_groups,
            w_print: self._load_print_sessions,
        }
        self._stale_tabs: set[QWidget] = set()
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
        if changes.touches(kinds, {"events", "people", "municipalities"}):
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

    def enter_answers(self) -> None:
        from sasaeai_desktop.gui.dialogs.registration_dialog import SurveyAnswerDialog

        if self.event_id:
            SurveyAnswerDialog(self.shell, self.event_id, self).exec()

    def status_text(self) -> str:
        return self.tr("研修 {n} 件").format(n=self.events.count())

    def search_box(self) -> QLineEdit:
        return self.search_edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
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
        target = 0
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
        self.sessions.setRowCount(0)
        self.regs.setRowCount(0)
        self.survey.setRowCount(0)
        self.survey_note.setText("")
        self.group_tree.clear()
        self.move_target.clear()
        self.desk.refresh()  # empties its list when there is no event
        self._stale_tabs = set()
        self._update_event_buttons()

    def _update_event_buttons(self) -> None:
        has = self.current_event is not None
        for b in (self.edit_btn, self.register_btn, self.import_regs_btn, self.import_attendance_btn,
                  self.answer_btn, self.remove_session_btn, self.copy_btn):
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
        rows = registrations.list_registrations(self.shell.uow(), self.event_id)
        self._reg_rows = rows
        sessions = self.current_event.sessions
        heads = [*REG_HEADERS, *(s.label or s.date.strftime("%m/%d") for s in sessions), "注意"]
        self.regs.setColumnCount(len(heads))
        self.regs.setHorizontalHeaderLabels(heads)
        for j, tip in REG_HEADER_TIPS.items():
            self.regs.horizontalHeaderItem(j).setToolTip(tip)
        for j, s in enumerate(sessions, len(REG_HEADERS)):
            self.regs.horizontalHeaderItem(j).setToolTip(
                training_events.session_label(s) + "\n" + self.tr("Space・○ で出席、× で欠席、Delete で取り消し"))
        self.regs.setRowCount(len(rows))
        # The 日程 a person registered for by its name (北信会場) or date; date and venue in the tooltip.
        short = {s.id: s.label or s.date.strftime("%m/%d") for s in sessions}
        off_sheet = self.regs.palette().color(QPalette.ColorRole.Mid)
        off_sheet.setAlpha(60)
        for i, r in enumerate(rows):
            vals = [str(r.row_order), r.name, r.municipality, r.role, short.get(r.session_id, r.session_label) or "全日程",
                    r.status + ("（当日）" if r.walk_in else ""), "受領" if r.pre_assignment_received else "",
                    r.group_label]
            for s in sessions:
                a = r.attendance.get(s.id)  # type: ignore[arg-type]
                vals.append("○" if a else ("×" if a is False else ""))
            vals.append("・".join(r.flags))
            tips = {REG_NAME: "　".join(filter(None, (r.kana, r.affiliation))), 4: r.session_label, len(vals) - 1: vals[-1]}
            for j, v in enumerate(vals):
                item = QTableWidgetItem(v)
                if j == 0:
                    item.setData(Qt.ItemDataRole.UserRole, r.id)
                elif j >= len(REG_HEADERS) and j < len(vals) - 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    if r.session_id and r.session_id != sessions[j - len(REG_HEADERS)].id:
                        item.setData(ON_SHEET_ROLE, False)  # registered for another 日程
                        item.setBackground(off_sheet)
                        tips[j] = self.tr("この日程の申込ではありません（受付名簿にも載りません）")
                if tips.get(j):
                    item.setToolTip(tips[j])
                self.regs.setItem(i, j, item)
        self._fit_regs()

    def edit_registration(self) -> None:
        from sasaeai_desktop.gui.dialogs.registration_edit_dialog import RegistrationEditDialog

        row = self.regs.currentRow()
        first = self.regs.item(row, 0) if row >= 0 else None
        rid = first.data(Qt.ItemDataRole.UserRole) if first is not None else None
        reg = next((r for r in self._reg_rows if r.id == rid), None)
        if reg is not None and self.current_event is not None:
            RegistrationEditDialog(self.shell, self.current_event, reg, self).exec()  # the changes hub reloads

    def _is_session_column(self, col: int) -> bool:
        ev = self.current_event
        return ev is not None and len(REG_HEADERS) <= col < len(REG_HEADERS) + len(ev.sessions)

    def _record_attendance(self, row: int, col: int, present: bool | None) -> str | None:
        """A tick typed in the grid (attendance_keys): stored at once, the cell's new text."""
        ev, first = self.current_event, self.regs.item(row, 0)
        rid = first.data(Qt.ItemDataRole.UserRole) if first is not None else None
        if ev is None or not rid or not self._is_session_column(col):
            return None
        sid = ev.sessions[col - len(REG_HEADERS)].id
        if present is None:
            checkin.clear_attendance(self.shell.uow(), rid, sid)  # type: ignore[arg-type]
        else:
            checkin.mark_attendance(self.shell.uow(), rid, sid, present)  # type: ignore[arg-type]
        self._stale_tabs.add(self.desk)  # the desk's ✓ marks are read again when it is shown
        changes.emit({"attendance"})
        return "" if present is None else ("○" if present else "×")

    def _fit_regs(self) -> None:
        """Columns as wide as their contents, capped, so a 2-日程 course fits a 1366-px screen
        without scrolling sideways; a cut name or town shows in full in its tooltip."""
        table = self.regs
        table.resizeColumnsToContents()
        last = table.columnCount() - 1
        for j in range(last):
            table.setColumnWidth(j, min(table.columnWidth(j) + 8, REG_MAX_WIDTHS.get(j, 56)))
        table.horizontalHeader().setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)

    def toggle_pre_assignment(self) -> None:
        rows = {i.row() for i in self.regs.selectedIndexes()}
        for row in rows:
            rid = self.regs.item(row, 0).data(Qt.ItemDataRole.UserRole)
            received = self.regs.item(row, REG_PRE_ASSIGNMENT).text() != "受領"
            registrations.set_pre_assignment(self.shell.uow(), rid, received)
        self.reload_registrations()

    def _load_survey(self) -> None:
        summary = survey.survey_summary(self.shell.uow(), self.event_id) if self.event_id else []
        self.survey.setRowCount(len(summary))
        for i, q in enumerate(summary):
            self.survey.setItem(i, 0, QTableWidgetItem(q.label))
            for j in range(1, 5):
                self.survey.setItem(i, j, QTableWidgetItem(f"{q.percent(j):.1f}%（{q.counts[j]}）"))
            self.survey.setItem(i, 5, QTableWidgetItem(str(q.answered)))
        _fit(self.survey)
        comments = survey.survey_comments(self.shell.uow(), self.event_id) if self.event_id else []
        self.survey_note.setText(self.tr("自由記述 {n} 件").format(n=len(comments)) if comments else "")

    def _load_print_sessions(self) -> None:
        keep = self.print_session.currentData()
        self.print_session.clear()
        self.print_session.addItem(self.tr("すべての日程"), None)
        for sess in self.current_event.sessions if self.current_event else ():
            self.print_session.addItem(training_events.session_label(sess), sess.id)
        self.print_session.setCurrentIndex(max(0, self.print_session.findData(keep)) if keep else 0)
        self.print_session.setEnabled(self.print_session.count() > 2)  # one 日程: nothing to choose

    def _load_groups(self) -> None:
        self.group_tree.clear()
        self.move_target.clear()
        if not self.event_id:
            return
        from sasaeai_desktop.domain import vocab

        for g in group_work.groups(self.shell.uow(), self.event_id):
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
        grouped = group_work.assign_groups(self.shell.uow(), self.event_id, self.size_spin.value())
        if not any(g.members for g in grouped):
            QMessageBox.information(self, self.tr("グループ分け"), self.tr("この研修には、グループに分ける申込者がまだいません。"))
            return
        self._load_groups()
        self.reload_registrations()

    def _update_move_button(self) -> None:
        people = [i for i in self.group_tree.selectedItems() if i.data(0, Qt.ItemDataRole.UserRole)]
        self.move_btn.setEnabled(bool(people) and self.move_target.count() > 0)

    def move_selected(self) -> None:
        target = self.move_target.currentText()
        for item in self.group_tree.selectedItems():
            rid = item.data(0, Qt.ItemDataRole.UserRole)
            if rid and target:
                group_work.move_to_group(self.shell.uow(), rid, target)
        self._load_groups()

    def remove_session(self) -> None:
        row = self.sessions.currentRow()
        if self.current_event is None or row < 0:
            return
        sid = self.current_event.sessions[row].id
        try:
            training_events.remove_session(self.shell.uow(), sid)  # type: ignore[arg-type]
        except training_events.SessionHasAttendance as exc:
            answer = QMessageBox.question(self, self.tr("日程の削除"), str(exc) + "\n\n" + self.tr("削除しますか？"))
            if answer != QMessageBox.StandardButton.Yes:
                return
            training_events.remove_session(self.shell.uow(), sid, confirm=True)  # type: ignore[arg-type]
        self.reload()

    def copy_event(self) -> None:
        if self.event_id:
            self.reveal(training_events.copy_event(self.shell.uow(), self.event_id))

    def show_certificate_numbers(self) -> None:
        from sasaeai_desktop.gui.dialogs.certificate_numbers_dialog import CertificateNumbersDialog

        if self.event_id and self.current_event is not None:
            CertificateNumbersDialog(self.shell, self.event_id, self.current_event.title, self).exec()

    def print_pdf(self, kind: str) -> None:
        from sasaeai_desktop.gui.export_lock import choose_lock
        from sasaeai_desktop.gui.tasks import run_task
        from sasaeai_desktop.services.trainings.prints import PRINTS

        if not self.event_id:
            return
        label, fn = PRINTS[kind]
        session_id = self.print_session.currentData() if kind in DAY_PRINTS else None
        day = next((s.label or f"{s.date:%m%d}" for s in self.current_event.sessions if s.id == session_id), "") \
            if self.current_event is not None and session_id else ""
        path, _ = QFileDialog.getSaveFileName(self, label, f"{label}_{day}.pdf" if day else f"{label}.pdf", "PDF (*.pdf)")
        lock = choose_lock(self, self.shell, kind, path.replace("\\", "/").rsplit("/", 1)[-1]) if path else None
        if lock is None:
            return
        uow, event_id = self.shell.uow, self.event_id

        def done(res: Any) -> None:
            text = self.tr("{label} {n} 件（{pages} ページ）を出力しました。").format(label=label, n=res.items, pages=res.pages)
            QMessageBox.information(self, label, "\n".join([text, *res.messages]))

        busy = self.tr("{label}を作成しています…").format(label=label)

        def work(progress: Any, _abort: Any) -> Any:
            progress(-1.0, busy)
            return fn(uow(), event_id, path, session_id=session_id)

        self._print_task = run_task(self, lock.wrap([path], work), title=label, on_success=done)
