"""「この値は？」 in the import preview: one line per controlled value the sheet writes in a way no
vocabulary knows (役割 「保健師」, 「コーディネーター」 without its 層), with the column's values to
choose from — and 「取り込まない（空欄にする）」 where the column may be empty. The answer goes back
to the service (``plan_import(values=…)``), which reads the sheet again with it and remembers it
when the import is written (services/imports/values.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.dialogs.choice_table import choice_table
from sasaeai_desktop.services.imports.values import BLANK
from sasaeai_desktop.services.imports.values import ValueQuestion

UNANSWERED = None  # the combo's data while nothing is chosen
MAX_SHOWN = 100


class ValueQuestionsBox(QGroupBox):
    """Shown only while the plan has questions; ``answered(column, written, value)`` — value is a
    stored value, BLANK for 「取り込まない」, or None to take the answer back."""

    answered = Signal(str, str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("この値は？"))
        self.setObjectName("valueQuestionsBox")
        self.intro = QLabel(self.tr("一覧にない値があります。取り込む値を選ぶと、次のファイルからは聞きません。"), self)
        self.intro.setWordWrap(True)
        self.table = choice_table(self, "valueQuestionsTable",
                                  [self.tr("列"), self.tr("書かれた値"), self.tr("セル"), self.tr("取り込む値")],
                                  stretch=1, choice_width=230)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        self.questions: list[ValueQuestion] = []
        self.setVisible(False)

    def set_questions(self, questions: list[ValueQuestion]) -> None:
        # A column of free text read as a vocabulary would ask thousands of times: the first
        # MAX_SHOWN are asked (each answer reads the sheet again), the rest stay problems.
        self.questions = list(questions)[:MAX_SHOWN]
        more = len(questions) - len(self.questions)
        self.intro.setText(self.tr("一覧にない値があります。取り込む値を選ぶと、次のファイルからは聞きません。")
                           + (self.tr("（ほか{n}件は、列の対応が正しいか確かめてください）").format(n=f"{more:,}") if more > 0 else ""))
        self.table.setRowCount(len(self.questions))
        for i, q in enumerate(self.questions):
            self.table.setItem(i, 0, QTableWidgetItem(q.header))
            # A known wording that names several values says what is missing (第1層か第2層か).
            written = QTableWidgetItem(self.tr("{written}（{why}）").format(written=q.written, why=q.unclear)
                                       if q.unclear else q.written)
            written.setToolTip(q.written)
            self.table.setItem(i, 1, written)
            cells = QTableWidgetItem(self.tr("{n}か所").format(n=len(q.cells)) if q.cells else self.tr("回答済み"))
            cells.setToolTip("\n".join(q.cells[:20]) + ("\n…" if len(q.cells) > 20 else ""))
            self.table.setItem(i, 2, cells)
            self.table.setCellWidget(i, 3, self._combo(i, q))
        # Tall enough for a few questions; the preview below keeps the rest of the space.
        rows = min(len(self.questions), 4)
        self.table.setFixedHeight(self.table.horizontalHeader().height() + rows * self.table.verticalHeader().defaultSectionSize() + 4)
        self.setVisible(bool(self.questions))

    def _combo(self, row: int, q: ValueQuestion) -> QComboBox:
        combo = QComboBox(self.table)
        combo.setObjectName(f"valueCombo{row}")
        combo.addItem(self.tr("（選んでください）"), UNANSWERED)
        for choice in q.choices:
            combo.addItem(choice, choice)
        if q.optional:
            combo.addItem(self.tr("取り込まない（空欄にする）"), BLANK)
        combo.setCurrentIndex(max(combo.findData(q.answer), 0) if q.answer is not None else 0)
        combo.setToolTip(self.tr("{column}「{written}」として取り込む値").format(column=q.header, written=q.written))
        combo.currentIndexChanged.connect(lambda _i, c=combo, q=q: self.answered.emit(q.column, q.written, c.currentData()))
        return combo

    def combo_for(self, written: str) -> QComboBox | None:
        """The combo of the question about ``written`` (for tests and keyboard users)."""
        for i, q in enumerate(self.questions):
            if q.written == written:
                widget: Any = self.table.cellWidget(i, 3)
                return widget if isinstance(widget, QComboBox) else None
        return None
