"""The training event form (layout: ui/event_dialog.ui; the 日程 grid and the staff list are filled
in code): type, title, 年度, co-hosts, audiences (roles), lecturers/advisors (type-ahead over people),
program notes, survey parts (one per line), how the sessions relate (日程の関係: one course, alternative
dates, or a series — it decides who gets which certificate) and the sessions (date, time, venue,
capacity, required).

Saved through services.trainings.events.save_event; a ValidationError marks the fields and keeps what was
typed. Removing a session that has attendance asks first (the attendance stays as history).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors
from sasaeai_desktop.gui.dialogs.field_errors import show_refusal
from sasaeai_desktop.gui.dialogs.history_button import HistoryButtonMixin
from sasaeai_desktop.gui.dialogs.record_dialog import fill_choices
from sasaeai_desktop.gui.dialogs.record_dialog import name_ok_cancel
from sasaeai_desktop.gui.forms.ui_event_dialog import Ui_EventDialog
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import person_match

_tr = partial(QCoreApplication.translate, "EventDialog")


class EventDialog(HistoryButtonMixin, QDialog):
    history_table = "training_event"

    def __init__(self, shell: ShellContext, event_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.saved_id: str | None = None
        self.original = events.get_event(shell.uow(), event_id) if event_id else None
        self.setWindowTitle(self.tr("研修の編集") if event_id else self.tr("研修の新規作成"))
        self.resize(860, 680)

        ui = self.ui = Ui_EventDialog()
        ui.setupUi(self)
        # What ui/event_dialog.ui cannot hold: lists from the vocabulary, sizes from the font.
        fill_choices(ui.typeCombo, vocab.EVENT_TYPES)
        ui.fiscalYearSpin.setRange(1990, 2100)
        today = dt.date.today()
        ui.fiscalYearSpin.setValue(today.year if today.month >= 4 else today.year - 1)
        for role in vocab.ROLES:
            item = QListWidgetItem(role)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            ui.audienceList.addItem(item)
        fill_choices(ui.staffKindCombo, events.STAFF_KINDS)
        ui.staffEdit.textChanged.connect(self._find_staff)
        ui.addStaffButton.clicked.connect(self._add_staff)
        ui.removeStaffButton.clicked.connect(lambda: [ui.staffList.takeItem(ui.staffList.row(i))
                                                      for i in ui.staffList.selectedItems()])
        head = ui.sessionTable.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # Sized for what is typed, not for the short headers: 「開始」 alone left 9 px for 13:30.
        fm = ui.sessionTable.fontMetrics()
        for j, sample in ((0, "2026-10-19"), (1, "00:00"), (2, "00:00"), (5, "000")):
            head.setSectionResizeMode(j, QHeaderView.ResizeMode.Interactive)
            ui.sessionTable.setColumnWidth(j, fm.horizontalAdvance(sample) + 28)
        fill_choices(ui.structureCombo, [self.tr(label) for label in vocab.SESSION_STRUCTURES.values()],
                     vocab.SESSION_STRUCTURES)
        ui.addSessionButton.clicked.connect(self._add_session_by_hand)
        ui.sessionTable.installEventFilter(self)  # ↓ on the last filled row adds the next 日程
        ui.sessionTable.itemChanged.connect(self._tidy_typed)
        ui.removeSessionButton.clicked.connect(self._remove_session_row)
        ui.formScroll.refit()
        self.error_label = ui.errorLabel
        self.error_label.setVisible(False)
        name_ok_cancel(ui.buttonBox, self.tr("保存"))
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        self.add_history_button(ui.buttonBox)
        self.field_widgets: dict[str, QWidget] = {
            "event_type": ui.typeCombo, "title": ui.titleEdit, "fiscal_year": ui.fiscalYearSpin,
            "audiences": ui.audienceList, "sessions": ui.sessionTable, "staff": ui.staffList,
            "session_structure": ui.structureCombo,
        }
        if self.original is not None:
            self._load(self.original)
        else:
            self._add_session_row(None)
        self.ui.titleEdit.setFocus()
        remember(self)

    def history_row_id(self) -> str | None:
        return self.original.id if self.original is not None else None

    def history_label(self) -> str:
        return self.original.title if self.original is not None else ""

    # -- loading --------------------------------------------------------------------------------

    def _load(self, ev: events.EventData) -> None:
        self.ui.typeCombo.setCurrentText(ev.event_type)
        self.ui.titleEdit.setText(ev.title)
        self.ui.fiscalYearSpin.setValue(ev.fiscal_year)
        self.ui.coHostsEdit.setText(ev.co_hosts)
        for i in range(self.ui.audienceList.count()):
            item = self.ui.audienceList.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in ev.audiences else Qt.CheckState.Unchecked)
        for s in ev.staff:
            self._staff_item(s)
        self.ui.notesEdit.setPlainText(ev.program_notes)
        self.ui.structureCombo.setCurrentIndex(max(0, self.ui.structureCombo.findData(ev.session_structure)))
        self.ui.questionsEdit.setPlainText("\n".join(label for _qid, label in ev.questions))
        for s in ev.sessions:
            self._add_session_row(s)

    def _staff_item(self, s: events.StaffData) -> None:
        item = QListWidgetItem(f"{s.name}（{s.kind}）")
        item.setData(Qt.ItemDataRole.UserRole, s)
        self.ui.staffList.addItem(item)

    def _add_session_row(self, s: events.SessionData | None) -> None:
        row = self.ui.sessionTable.rowCount()
        self.ui.sessionTable.insertRow(row)
        values = ("", "", "", "", "", "") if s is None else (
            s.date.isoformat(), f"{s.start_time:%H:%M}" if s.start_time else "", f"{s.end_time:%H:%M}" if s.end_time else "",
            s.label, s.venue, "" if s.capacity is None else str(s.capacity))
        for j, v in enumerate(values):
            item = QTableWidgetItem(v)
            if j == 0:
                item.setData(Qt.ItemDataRole.UserRole, s.id if s else None)
            self.ui.sessionTable.setItem(row, j, item)
        req = QTableWidgetItem()
        req.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        req.setCheckState(Qt.CheckState.Checked if (s is None or s.required) else Qt.CheckState.Unchecked)
        self.ui.sessionTable.setItem(row, 6, req)

    def _add_session_by_hand(self) -> None:
        """日程を追加 (or ↓ on the last row): a new row, its date cell current, to type into."""
        self._add_session_row(None)
        self.ui.sessionTable.setFocus()
        self.ui.sessionTable.setCurrentCell(self.ui.sessionTable.rowCount() - 1, 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Also the ↓ a cell's editor passes up (Tab opens the next cell's editor): the new current
        # cell commits what that editor holds.
        if watched is self.ui.sessionTable and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Down and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            last = self.ui.sessionTable.rowCount() - 1
            typed = any((it := self.ui.sessionTable.item(last, j)) is not None and it.text().strip() for j in range(6))
            if self.ui.sessionTable.currentRow() == last and typed:
                self._add_session_by_hand()
                return True
        return super().eventFilter(watched, event)

    def _tidy_typed(self, item: QTableWidgetItem) -> None:
        """A typed date or time is shown as read (R8.7.1 → 2026-07-01(水), 930 → 09:30) as soon as
        the cell is left, so a wrong day or a typo is seen before 保存; what cannot be read stays
        as typed, and 保存 names it."""
        from sasaeai_desktop.domain import date_entry as entry
        from sasaeai_desktop.domain.date_range import RECORD

        col, text = item.column(), item.text().strip()
        if col not in (0, 1, 2) or not text:
            return
        try:
            if col == 0:
                d = entry.parse_entry_date(text, dt.date(self.ui.fiscalYearSpin.value(), 4, 1), forward=True,
                                           span=RECORD)
                shown, tip = (entry.format_entry_date(d), entry.wareki_hint(d)) if d else (text, "")
            else:
                t_ = entry.parse_entry_time(text)
                shown, tip = (entry.format_entry_time(t_), "") if t_ else (text, "")
        except entry.DateParseError as exc:
            shown, tip = text, str(exc)
        if shown != item.text() or tip != item.toolTip():
            self.ui.sessionTable.blockSignals(True)
            item.setText(shown)
            item.setToolTip(tip)
            self.ui.sessionTable.blockSignals(False)

    def _remove_session_row(self) -> None:
        for row in sorted({i.row() for i in self.ui.sessionTable.selectedIndexes()}, reverse=True):
            self.ui.sessionTable.removeRow(row)

    # -- staff type-ahead -----------------------------------------------------------------------

    def _find_staff(self, text: str) -> None:
        self.ui.staffFoundCombo.clear()
        for p in person_match.suggest_people(self.shell.uow(), text, limit=15) if text.strip() else []:
            note = self.tr("　※表記違い") if p.variant else ""
            self.ui.staffFoundCombo.addItem(f"{p.name}（{p.municipality or p.affiliation}）{note}", p)

    def _add_staff(self) -> None:
        p = self.ui.staffFoundCombo.currentData()
        if p is None:
            return
        self._staff_item(events.StaffData(None, p.id, self.ui.staffKindCombo.currentText(), p.name))
        self.ui.staffEdit.clear()

    # -- saving ---------------------------------------------------------------------------------

    def collect(self) -> events.EventData:
        """The form as EventData; typing errors in the 日程 grid raise ValidationError('sessions')."""
        from sasaeai_desktop.domain.date_entry import DateParseError
        from sasaeai_desktop.domain.date_entry import parse_entry_date
        from sasaeai_desktop.domain.date_entry import parse_entry_time
        from sasaeai_desktop.domain.date_range import RECORD

        # A year-less 7/1 or 0210 is the next such day from the 年度's 1 April (2/10 → the next calendar year).
        fy_start = dt.date(self.ui.fiscalYearSpin.value(), 4, 1)
        sessions = []
        for row in range(self.ui.sessionTable.rowCount()):
            cell = [self.ui.sessionTable.item(row, j).text().strip() if self.ui.sessionTable.item(row, j) else "" for j in range(6)]
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
            sid = self.ui.sessionTable.item(row, 0).data(Qt.ItemDataRole.UserRole) if self.ui.sessionTable.item(row, 0) else None
            required = self.ui.sessionTable.item(row, 6).checkState() == Qt.CheckState.Checked
            sessions.append(events.SessionData(sid, date, cell[3], cell[4], int(cap) if cap else None, start, end, required))
        if not sessions:
            raise ValidationError({"sessions": _tr("日程を1つ以上入力してください。")})
        audiences = tuple(self.ui.audienceList.item(i).text() for i in range(self.ui.audienceList.count())
                          if self.ui.audienceList.item(i).checkState() == Qt.CheckState.Checked)
        staff = tuple(self.ui.staffList.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.ui.staffList.count()))
        old_q = {label: qid for qid, label in (self.original.questions if self.original else ())}
        labels = [x.strip() for x in self.ui.questionsEdit.toPlainText().splitlines() if x.strip()]
        questions = tuple((old_q.get(label), label) for label in dict.fromkeys(labels))
        base = self.original or events.EventData(None, "", "", 0)
        return replace(base, event_type=self.ui.typeCombo.currentText(), title=self.ui.titleEdit.text(),
                       fiscal_year=self.ui.fiscalYearSpin.value(), co_hosts=self.ui.coHostsEdit.text(),
                       program_notes=self.ui.notesEdit.toPlainText(), audiences=audiences,
                       sessions=tuple(sessions), staff=staff, questions=questions,
                       session_structure=self.ui.structureCombo.currentData())

    def save(self) -> None:
        clear_errors(self.field_widgets, self.error_label)
        try:
            data = self.collect()
            self.saved_id = self._save(data)
        except UserError as exc:
            show_refusal(self, self.tr("研修の保存"), self.field_widgets, self.error_label, exc)
            return
        self.accept()

    def _save(self, data: events.EventData) -> str:
        title = self.tr("研修の保存")
        try:
            return write(self, title, partial(events.save_event, self.shell.uow(), data))
        except events.SessionHasAttendance as exc:
            answer = QMessageBox.question(self, self.tr("日程の削除"), str(exc) + "\n\n" + self.tr("削除して保存しますか？"))
            if answer != QMessageBox.StandardButton.Yes:
                raise ValidationError({"sessions": str(exc)}) from None
            kept = {s.id for s in data.sessions if s.id}
            for s in self.original.sessions if self.original else ():
                if s.id and s.id not in kept:
                    write(self, title, partial(events.remove_session, self.shell.uow(), s.id, confirm=True))
            return write(self, title, partial(events.save_event, self.shell.uow(), data))


def edit_event(shell: ShellContext, event_id: str | None, parent: QWidget | None = None) -> str | None:
    """Open the form modally; the saved event's id, or None when cancelled."""
    dlg = EventDialog(shell, event_id, parent)
    return dlg.saved_id if dlg.exec() == QDialog.DialogCode.Accepted else None


__all__ = ["EventDialog", "edit_event"]
