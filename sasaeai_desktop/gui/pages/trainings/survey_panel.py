"""The アンケート tab: the 事後アンケート summed up per program part, and answers typed in from paper."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.pages.trainings.host import EventHost
from sasaeai_desktop.gui.pages.trainings.tables import fit
from sasaeai_desktop.gui.pages.trainings.tables import read_only_table
from sasaeai_desktop.services.trainings import survey


class SurveyPanel(QWidget):
    def __init__(self, host: EventHost) -> None:
        super().__init__()
        self.host = host
        self.table = read_only_table([self.tr("項目"), "とても良かった", "良かった", "あまり良くなかった", "良くなかった", self.tr("回答数")])
        self.answer_btn = QPushButton(self.tr("回答を入力…"))
        self.answer_btn.clicked.connect(self.enter_answers)
        self.note = QLabel("")
        lsv = QVBoxLayout(self)
        lsv.addWidget(self.table, 1)
        sb = QHBoxLayout()
        sb.addWidget(self.answer_btn)
        sb.addWidget(self.note, 1)
        lsv.addLayout(sb)

    def reload(self) -> None:
        event_id, uow = self.host.event_id, self.host.shell.uow
        summary = survey.survey_summary(uow(), event_id) if event_id else []
        self.table.setRowCount(len(summary))
        for i, q in enumerate(summary):
            self.table.setItem(i, 0, QTableWidgetItem(q.label))
            for j in range(1, 5):
                self.table.setItem(i, j, QTableWidgetItem(f"{q.percent(j):.1f}%（{q.counts[j]}）"))
            self.table.setItem(i, 5, QTableWidgetItem(str(q.answered)))
        fit(self.table)
        comments = survey.survey_comments(uow(), event_id) if event_id else []
        self.note.setText(self.tr("自由記述 {n} 件").format(n=len(comments)) if comments else "")

    def enter_answers(self) -> None:
        from sasaeai_desktop.gui.dialogs.registration_dialog import SurveyAnswerDialog

        if self.host.event_id:
            SurveyAnswerDialog(self.host.shell, self.host.event_id, self).exec()
