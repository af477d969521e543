"""The 印刷 tab: the event's printouts as PDF (the day-by-day ones for the 日程 chosen here), written
off the GUI thread, and the certificate numbers issued so far."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.pages.trainings.host import EventHost
from sasaeai_desktop.services.trainings.events import EventData
from sasaeai_desktop.services.trainings.events import session_label
from sasaeai_desktop.services.trainings.prints import PRINTS

DAY_PRINTS = frozenset({"sign-in-sheet", "name-cards", "participants", "groups"})  # follow the 日程 chosen here


class PrintPanel(QWidget):
    def __init__(self, host: EventHost) -> None:
        super().__init__()
        self.host = host
        lp = QVBoxLayout(self)
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

    def set_event(self, ev: EventData | None) -> None:
        keep = self.print_session.currentData()
        self.print_session.clear()
        self.print_session.addItem(self.tr("すべての日程"), None)
        for sess in ev.sessions if ev else ():
            self.print_session.addItem(session_label(sess), sess.id)
        self.print_session.setCurrentIndex(max(0, self.print_session.findData(keep)) if keep else 0)
        self.print_session.setEnabled(self.print_session.count() > 2)  # one 日程: nothing to choose

    def show_certificate_numbers(self) -> None:
        from sasaeai_desktop.gui.dialogs.certificate_numbers_dialog import CertificateNumbersDialog

        if self.host.event_id and self.host.current_event is not None:
            CertificateNumbersDialog(self.host.shell, self.host.event_id, self.host.current_event.title, self).exec()

    def print_pdf(self, kind: str) -> None:
        from sasaeai_desktop.gui.export_lock import choose_lock
        from sasaeai_desktop.gui.tasks import run_task

        if not self.host.event_id:
            return
        label, fn = PRINTS[kind]
        session_id = self.print_session.currentData() if kind in DAY_PRINTS else None
        day = next((s.label or f"{s.date:%m%d}" for s in self.host.current_event.sessions if s.id == session_id), "") \
            if self.host.current_event is not None and session_id else ""
        path, _ = QFileDialog.getSaveFileName(self, label, f"{label}_{day}.pdf" if day else f"{label}.pdf", "PDF (*.pdf)")
        lock = choose_lock(self, self.host.shell, kind, path.replace("\\", "/").rsplit("/", 1)[-1]) if path else None
        if lock is None:
            return
        uow, event_id = self.host.shell.uow, self.host.event_id

        def done(res: Any) -> None:
            text = self.tr("{label} {n} 件（{pages} ページ）を出力しました。").format(label=label, n=res.items, pages=res.pages)
            QMessageBox.information(self, label, "\n".join([text, *res.messages]))

        busy = self.tr("{label}を作成しています…").format(label=label)

        def work(progress: Any, _abort: Any) -> Any:
            progress(-1.0, busy)
            return fn(uow(), event_id, path, session_id=session_id)

        self._print_task = run_task(self, lock.wrap([path], work), title=label, on_success=done)
