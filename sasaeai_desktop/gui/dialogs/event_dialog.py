"""The training event form (hand-written: the 日程 grid and the staff list are awkward in Designer):
type, title, 年度, co-hosts, audiences (roles), lecturers/advisors (type-ahead over people),
program notes, survey parts (one per line), how the sessions relate (日程の関係: one course, alternative
dates, or a series — it decides who gets which certificate) and the sessions (date, time, venue,
capacity, required).

Saved through services.trainings.events.save_event; a ValidationError marks the fields and keeps what was
typed. Removing a session that has attendance asks first (the attendance stays as history).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors, show_errors
from sasaeai_desktop.gui.dialogs.dialog_frame import scrolling_form
from sasaeai_desktop.gui.dialogs.history_button import HistoryButtonMixin
from sasaeai_desktop.gui.dialogs.record_dialog import error_label, ok_cancel_buttons
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.services.trainings import events as t
from sasaeai_desktop.domain.errors import UserError, ValidationError

CHANGED_KINDS = frozenset({"events"})
SESSION_COLUMNS = ("日付", "開始", "終了", "名称", "会場", "定員", "必須")


def _tr(text: str) -> str:
    return QCoreApplication.translate("EventDialog", text)


class EventDialog(HistoryButtonMixin, QDialog):
    history_table = "training_event"

    def __init__(self, shell: ShellContext, event_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.saved_id: str | None = None
        self.original = t.get_event(shell.uow(), event_id) if event_id else None
        self.setWindowTitle(self.tr("研修の編集") if event_id else self.tr("研修の新規作成"))
        self.resize(860, 680)

        self.type_combo = QComboBox()
        self.type_combo.addItems(list(vocab.EVENT_TYPES))
        self.title_edit = QLineEdit()
        self.fy_spin = QSpinBox()
        self.fy_spin.setRange(1990, 2100)
        today = dt.date.today()
        self.fy_spin.setValue(today.year if today.month >= 4 else today.year - 1)
        self.co_hosts_edit = QLineEdit()
        self.co_hosts_edit.setPlaceholderText(self.tr("例: 長野県社会福祉協議会"))
        self.audiences = QListWidget()
        self.audiences.setFlow(QListWidget.Flow.LeftToRight)
        self.audiences.setWrapping(True)
        self.audiences.setMaximumHeight(64)
        for role in vocab.ROLES:
            item = QListWidgetItem(role)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.audiences.addItem(item)
        # staff: type-ahead over people
        self.staff_list = QListWidget()
        self.staff_list.setMaximumHeight(90)
        self.staff_edit = QLineEdit()
        self.staff_edit.setPlaceholderText(self.tr("講師・アドバイザーの氏名またはふりがなの先頭"))
        self.staff_kind = QComboBox()
        self.staff_kind.addItems(list(t.STAFF_KINDS))
        self.staff_found = QComboBox()
        self.staff_found.setMinimumContentsLength(18)
        self.staff_add = QPushButton(self.tr("追加"))
        self.staff_remove = QPushButton(self.tr("選んだ人を外す"))
        self.staff_edit.textChanged.connect(self._find_staff)
        self.staff_add.clicked.connect(self._add_staff)
        self.staff_remove.clicked.connect(lambda: [self.staff_list.takeItem(self.staff_list.row(i))
                                                   for i in self.staff_list.selectedItems()])
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)  # Tab moves on (it typed a tab and never left)
        self.notes_edit.setPlaceholderText(self.tr("プログラム（時間割・内容）"))
        self.notes_edit.setMaximumHeight(90)
        self.questions_edit = QPlainTextEdit()
        self.questions_edit.setTabChangesFocus(True)
        self.questions_edit.setPlaceholderText(self.tr("事後アンケートで評価してもらう項目（1行に1つ、例: 講義「地域づくり」）"))
        self.questions_edit.setMaximumHeight(70)
        # sessions
        self.sessions = QTableWidget(0, len(SESSION_COLUMNS))
        self.sessions.setHorizontalHeaderLabels([self.tr(c) for c in SESSION_COLUMNS])
        self.sessions.verticalHeader().setVisible(False)
        self.sessions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        head = self.sessions.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # Sized for what is typed, not for the short headers: 「開始」 alone left 9 px for 13:30.
        fm = self.sessions.fontMetrics()
        for j, sample in ((0, "2026-10-19"), (1, "00:00"), (2, "00:00"), (5, "000")):
            head.setSectionResizeMode(j, QHeaderView.ResizeMode.Interactive)
            self.sessions.setColumnWidth(j, fm.horizontalAdvance(sample) + 28)
        self.sessions.setMinimumHeight(150)
        self.structure_combo = QComboBox()
        self.structure_combo.setObjectName("structureCombo")
        for key, label in vocab.SESSION_STRUCTURES.items():
            self.structure_combo.addItem(self.tr(label), key)
        self.structure_combo.setToolTip(self.tr(
            "全日程で一つの課程: 必須の日程すべてに出席した人に修了証書\n"
            "同じ内容の日程から選ぶ: どれか一つの日程に出席した人に修了証書\n"
            "各回が独立した講座: 出席した回を記した受講証明書"))
        add_s = QPushButton(self.tr("日程を追加"))
        del_s = QPushButton(self.tr("選んだ日程を削除"))
        add_s.clicked.connect(self._add_session_by_hand)
        self.sessions.installEventFilter(self)  # ↓ on the last filled row adds the next 日程
        self.sessions.itemChanged.connect(self._tidy_typed)
        del_s.clicked.connect(self._remove_session_row)

        form = QFormLayout()
        form.addRow(self.tr("種別"), self.type_combo)
        form.addRow(self.tr("研修名"), self.title_edit)
        form.addRow(self.tr("年度"), self.fy_spin)
        form.addRow(self.tr("共催"), self.co_hosts_edit)
        form.addRow(self.tr("対象"), self.audiences)
        staff_row = QHBoxLayout()
        staff_row.addWidget(self.staff_edit, 2)
        staff_row.addWidget(self.staff_found, 3)
        staff_row.addWidget(self.staff_kind)
        staff_row.addWidget(self.staff_add)
        staff_box = QVBoxLayout()
        staff_box.addLayout(staff_row)
        staff_box.addWidget(self.staff_list)
        staff_box.addWidget(self.staff_remove, 0, Qt.AlignmentFlag.AlignLeft)
        form.addRow(self.tr("講師・助言者"), staff_box)
        form.addRow(self.tr("プログラム"), self.notes_edit)
        form.addRow(self.tr("アンケート項目"), self.questions_edit)
        s_buttons = QHBoxLayout()
        s_buttons.addWidget(add_s)
        s_buttons.addWidget(del_s)
        s_buttons.addWidget(QLabel(self.tr("日付は 2025-07-01 や R7.7.1、時刻は 13:30。最後の行で ↓ を押すと次の日程")), 1)
        s_box = QVBoxLayout()
        s_box.addWidget(self.sessions)
        s_box.addLayout(s_buttons)
        form.addRow(self.tr("日程の関係"), self.structure_combo)
        form.addRow(self.tr("日程"), s_box)
        self.error_label = error_label()
        self.buttons = ok_cancel_buttons(self, self.tr("保存"), self.save)
        self.add_history_button(self.buttons)
        lay = QVBoxLayout(self)
        lay.addWidget(scrolling_form(form, self), 1)
        lay.addWidget(self.error_label)
        lay.addWidget(self.buttons)
        self.field_widgets: dict[str, QWidget] = {
            "event_type": self.type_combo, "title": self.title_edit, "fiscal_year": self.fy_spin,
            "audiences": self.audiences, "sessions": self.sessions, "staff": self.staff_list,
            "session_structure": self.structure_combo,
        }
        if self.original is not None:
            self._load(self.original)
        else:
            self._add_session_row(None)
        self.title_edit.setFocus()
        remember(self)

    def history_row_id(self) -> str | None:
        return self.original.id if self.original is not None else None

    def history_label(self) -> str:
        return self.original.title if self.original is not None else ""

    # -- loading --------------------------------------------------------------------------------

    def _load(self, ev: t.EventData) -> None:
        self.type_combo.setCurrentText(ev.event_type)
        self.title_edit.setText(ev.title)
        self.fy_spin.setValue(ev.fiscal_year)
        self.co_hosts_edit.setText(ev.co_hosts)
        for i in range(self.audiences.count()):
            item = self.audiences.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in ev.audiences else Qt.CheckState.Unchecked)
        for s in ev.staff:
            self._staff_item(s)
        self.notes_edit.setPlainText(ev.program_notes)
        self.structure_combo.setCurrentIndex(max(0, self.structure_combo.findData(ev.session_structure)))
        self.questions_edit.setPlainText("\n".join(label for _qid, label in ev.questions))
        for s in ev.sessions:
            self._add_session_row(s)

    def _staff_item(self, s: t.StaffData) -> None:
        item = QListWidgetItem(f"{s.name}（{s.kind}）")
        item.setData(Qt.ItemDataRole.UserRole, s)
        self.staff_list.addItem(item)

    def _add_session_row(self, s: t.SessionData | None) -> None:
        row = self.sessions.rowCount()
        self.sessions.insertRow(row)
        values = ("", "", "", "", "", "") if s is None else (
            s.date.isoformat(), f"{s.start_time:%H:%M}" if s.start_time else "", f"{s.end_time:%H:%M}" if s.end_time else "",
            s.label, s.venue, "" if s.capacity is None else str(s.capacity))
        for j, v in enumerate(values):
            item = QTableWidgetItem(v)
            if j == 0:
                item.setData(Qt.ItemDataRole.UserRole, s.id if s else None)
            self.sessions.setItem(row, j, item)
        req = QTableWidgetItem()
        req.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        req.setCheckState(Qt.CheckState.Checked if (s is None or s.required) else Qt.CheckState.Unchecked)
        self.sessions.setItem(row, 6, req)

    def _add_session_by_hand(self) -> None:
        """日程を追加 (or ↓ on the last row): a new row, its date cell current, to type into."""
        self._add_session_row(None)
        self.sessions.setFocus()
        self.sessions.setCurrentCell(self.sessions.rowCount() - 1, 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Also the ↓ a cell's editor passes up (Tab opens the next cell's editor): the new current
        # cell commits what that editor holds.
        if watched is self.sessions and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Down and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            last = self.sessions.rowCount() - 1
            typed = any((it := self.sessions.item(last, j)) is not None and it.text().strip() for j in range(6))
            if self.sessions.currentRow() == last and typed:
                self._add_session_by_hand()
                return True
        return super().eventFilter(watched, event)

    def _tidy_typed(self, item: QTableWidgetItem) -> None:
        """A typed date or time is shown as read (R8.7.1 → 2026-07-01(水), 930 → 09:30) as soon as
        the cell is left, so a wrong day or a typo is seen before 保存; what cannot be read stays
        as typed, and 保存 names it."""
        from sasaeai_desktop.domain.date_entry import (
            DateParseError, format_entry_date, format_entry_time, parse_entry_date, parse_entry_time, wareki_hint)
        from sasaeai_desktop.domain.date_range import RECORD

        col, text = item.column(), item.text().strip()
        if col not in (0, 1, 2) or not text:
            return
        try:
            if col == 0:
                d = parse_entry_date(text, dt.date(self.fy_spin.value(), 4, 1), forward=True, span=RECORD)
                shown, tip = (format_entry_date(d), wareki_hint(d)) if d else (text, "")
            else:
                t_ = parse_entry_time(text)
                shown, tip = (format_entry_time(t_), "") if t_ else (text, "")
        except DateParseError as exc:
            shown, tip = text, str(exc)
        if shown != item.text() or tip != item.toolTip():
            self.sessions.blockSignals(True)
            item.setText(shown)
            item.setToolTip(tip)
            self.sessions.blockSignals(False)

    def _remove_session_row(self) -> None:
        for row in sorted({i.row() for i in self.sessions.selectedIndexes()}, reverse=True):
            self.sessions.removeRow(row)

    # -- staff type-ahead -----------------------------------------------------------------------

    def _find_staff(self, text: str) -> None:
        self.staff_found.clear()
        for p in t.suggest_people(self.shell.uow(), text, limit=15) if text.strip() else []:
            note = self.tr("　※表記違い") if p.variant else ""
            self.staff_found.addItem(f"{p.name}（{p.municipality or p.affiliation}）{note}", p)

    def _add_staff(self) -> None:
        p = self.staff_found.currentData()
        if p is None:
            return
        self._staff_item(t.StaffData(None, p.id, self.staff_kind.currentText(), p.name))
        self.staff_edit.clear()

    # -- saving ---------------------------------------------------------------------------------

    def collect(self) -> t.EventData:
        """The form as EventData; typing errors in the 日程 grid raise ValidationError('sessions')."""
        from sasaeai_desktop.domain.date_entry import DateParseError, parse_entry_date, parse_entry_time
        from sasaeai_desktop.domain.date_range import RECORD

        # A year-less 7/1 or 0210 is the next such day from the 年度's 1 April (2/10 → the next calendar year).
        fy_start = dt.date(self.fy_spin.value(), 4, 1)
        sessions = []
        for row in range(self.sessions.rowCount()):
            cell = [self.sessions.item(row, j).text().strip() if self.sessions.item(row, j) else "" for j in range(6)]
            if not any(cell):
                continue
            n = row + 1
            try:
                date = parse_entry_date(cell[0], fy_start, forward=True, span=RECORD)
            except DateParseError as exc:
                raise ValidationError({"sessions": _tr("{n}行目の日付: {message}").format(n=n, message=exc)}) from None
            if date is None:
                raise ValidationError({"sessions": _tr("{n}行目の日付を入力してください。").format(n=n)})
            try:
                start, end = parse_entry_time(cell[1]), parse_entry_time(cell[2])
            except DateParseError as exc:
                raise ValidationError({"sessions": _tr("{n}行目の時刻: {message}").format(n=n, message=exc)}) from None
            cap = cell[5].translate(str.maketrans("０１２３４５６７８９", "0123456789")).removesuffix("人")
            if cap and not cap.isdigit():
                raise ValidationError({"sessions": _tr("{n}行目の定員「{v}」は0以上の整数にしてください。").format(n=n, v=cell[5])})
            sid = self.sessions.item(row, 0).data(Qt.ItemDataRole.UserRole) if self.sessions.item(row, 0) else None
            required = self.sessions.item(row, 6).checkState() == Qt.CheckState.Checked
            sessions.append(t.SessionData(sid, date, cell[3], cell[4], int(cap) if cap else None, start, end, required))
        if not sessions:
            raise ValidationError({"sessions": _tr("日程を1つ以上入力してください。")})
        audiences = tuple(self.audiences.item(i).text() for i in range(self.audiences.count())
                          if self.audiences.item(i).checkState() == Qt.CheckState.Checked)
        staff = tuple(self.staff_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.staff_list.count()))
        old_q = {label: qid for qid, label in (self.original.questions if self.original else ())}
        labels = [x.strip() for x in self.questions_edit.toPlainText().splitlines() if x.strip()]
        questions = tuple((old_q.get(label), label) for label in dict.fromkeys(labels))
        base = self.original or t.EventData(None, "", "", 0)
        return replace(base, event_type=self.type_combo.currentText(), title=self.title_edit.text(),
                       fiscal_year=self.fy_spin.value(), co_hosts=self.co_hosts_edit.text(),
                       program_notes=self.notes_edit.toPlainText(), audiences=audiences,
                       sessions=tuple(sessions), staff=staff, questions=questions,
                       session_structure=self.structure_combo.currentData())

    def save(self) -> None:
        clear_errors(self.field_widgets, self.error_label)
        try:
            data = self.collect()
            self.saved_id = self._save(data)
        except ValidationError as exc:
            show_errors(self.field_widgets, exc.fields, self.error_label)
            return
        except UserError as exc:
            show_error(self, self.tr("研修の保存"), exc)
            return
        changes.emit(CHANGED_KINDS)
        self.accept()

    def _save(self, data: t.EventData) -> str:
        try:
            return t.save_event(self.shell.uow(), data)
        except t.SessionHasAttendance as exc:
            answer = QMessageBox.question(self, self.tr("日程の削除"), str(exc) + "\n\n" + self.tr("削除して保存しますか？"))
            if answer != QMessageBox.StandardButton.Yes:
                raise ValidationError({"sessions": str(exc)}) from None
            kept = {s.id for s in data.sessions if s.id}
            for s in self.original.sessions if self.original else ():
                if s.id and s.id not in kept:
                    t.remove_session(self.shell.uow(), s.id, confirm=True)
            return t.save_event(self.shell.uow(), data)


def edit_event(shell: ShellContext, event_id: str | None, parent: QWidget | None = None) -> str | None:
    """Open the form modally; the saved event's id, or None when cancelled."""
    dlg = EventDialog(shell, event_id, parent)
    return dlg.saved_id if dlg.exec() == QDialog.DialogCode.Accepted else None


__all__ = ["EventDialog", "edit_event"]
