"""The 日程 tab: the event's sessions as a table; one removed (asking first when attendance is
recorded for it), or the whole event copied into the next 年度; below, for a forum or seminar, its
public attendance and media (outreach_panel)."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.pages.trainings.host import EventHost
from sasaeai_desktop.gui.pages.trainings.outreach_panel import OutreachPanel
from sasaeai_desktop.gui.pages.trainings.tables import fit
from sasaeai_desktop.gui.pages.trainings.tables import read_only_table
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.writes import WriteWithdrawn
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings.events import EventData


class SessionsPanel(QWidget):
    def __init__(self, host: EventHost) -> None:
        super().__init__()
        self.host = host
        headers = [self.tr("日程"), self.tr("日付"), self.tr("時間"), self.tr("会場"), self.tr("定員"), self.tr("必須")]
        self.table = read_only_table(headers, whole_rows=True)
        self.remove_btn = QPushButton(self.tr("選んだ日程を削除…"))
        self.remove_btn.clicked.connect(self.remove_session)
        self.copy_btn = QPushButton(self.tr("翌年度に写す"))
        self.copy_btn.clicked.connect(self.copy_event)
        ls = QVBoxLayout(self)
        ls.addWidget(self.table)
        row = QHBoxLayout()
        row.addWidget(self.remove_btn)
        row.addWidget(self.copy_btn)
        row.addStretch(1)
        ls.addLayout(row)
        self.outreach = OutreachPanel(host)
        ls.addWidget(self.outreach)

    def show_event(self, ev: EventData | None) -> None:
        sessions = ev.sessions if ev is not None else ()
        self.table.setRowCount(len(sessions))
        for i, s in enumerate(sessions):
            hours = "〜".join(f"{x:%H:%M}" for x in (s.start_time, s.end_time) if x)
            label = s.label or self.tr("第{n}回").format(n=i + 1)  # an unnamed 日程 still gets a name to point at
            for j, v in enumerate((label, s.date.isoformat(), hours, s.venue, "" if s.capacity is None else str(s.capacity), "○" if s.required else "")):
                self.table.setItem(i, j, QTableWidgetItem(v))
        fit(self.table)
        self.outreach.show_event(ev)

    def remove_session(self) -> None:
        ev, row = self.host.current_event, self.table.currentRow()
        sid = ev.sessions[row].id if ev is not None and row >= 0 else None
        if sid is None:
            return
        title, uow = self.tr("日程の削除"), self.host.shell.uow
        try:
            try:
                write(self, title, partial(events.remove_session, uow(), sid))
            except events.SessionHasAttendance as exc:
                answer = QMessageBox.question(self, title, str(exc) + "\n\n" + self.tr("削除しますか？"))
                if answer != QMessageBox.StandardButton.Yes:
                    return
                write(self, title, partial(events.remove_session, uow(), sid, confirm=True))
        except WriteWithdrawn as exc:
            show_error(self, title, exc)
            return
        self.host.reload()

    def copy_event(self) -> None:
        if not self.host.event_id:
            return
        try:
            copied = write(self, self.tr("研修のコピー"), partial(events.copy_event, self.host.shell.uow(), self.host.event_id))
        except WriteWithdrawn as exc:
            show_error(self, self.tr("研修のコピー"), exc)
            return
        self.host.reveal(copied)
