"""The reception desk (受付 tab): type kana or scan the sign-in sheet's code, Enter marks present."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.pages.trainings.host import EventHost
from sasaeai_desktop.services.trainings import checkin
from sasaeai_desktop.services.trainings.events import EventData
from sasaeai_desktop.services.trainings.events import session_label

_ROW_ROLE = Qt.ItemDataRole.UserRole  # the desk's rows carry their CheckinRow


class _CheckinBox(QLineEdit):
    """Type kana or scan the code; Enter marks the highlighted row present, Up/Down move."""

    def __init__(self, desk: CheckinDesk) -> None:
        super().__init__()
        self._desk = desk

    def keyPressEvent(self, event: QKeyEvent) -> None:
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

    def __init__(self, desk: CheckinDesk) -> None:
        super().__init__()
        self._desk = desk

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._desk.mark_current()
            return
        super().keyPressEvent(event)


class CheckinDesk(QWidget):
    """The reception desk: the list narrows as you type (SQL, index-backed); Enter/Space marks present."""

    SHOWN = 30  # rows in the list: a few kana or a scan narrow it to one

    def __init__(self, page: EventHost) -> None:
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

    def set_event(self, ev: EventData) -> None:
        keep = self.session_combo.currentData()  # the page reloads after a walk-in: stay on this 日程
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        for s in ev.sessions:
            self.session_combo.addItem(session_label(s), s.id)
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
        if not self.page.write_attendance(partial(checkin.mark_attendance, self.page.shell.uow(), row.registration_id, sid, True)):
            return  # stopped behind a long task: said, and the box keeps the code for another try
        self._say(self.tr("出席にしました: {who}").format(who=row.name), ok=True)
        self.box.clear()
        self.refresh()  # clear() refreshes only when there was text (a scanned code may leave none)
        self.box.setFocus()
        self.page.reload_registrations()

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

