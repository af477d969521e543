"""年度集計 of 補助金・モデル事業: 件数, 交付決定額 and 支払額 by program and by region (of a chosen
region kind), with the total, for one 年度 — what ``sasaeai grants summary`` prints — and the
buttons that save it as PDF or Excel (services/grants/files.py, on the task lane)."""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain import grants as dg
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.gui.dialogs.dialog_frame import close_button_box
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import TaskHandle
from sasaeai_desktop.gui.tasks import run_task
from sasaeai_desktop.gui.widgets.read_only_table import make_read_only
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.services.grants import queries
from sasaeai_desktop.services.progress import regions as rg

_tr = partial(QCoreApplication.translate, "GrantSummaryDialog")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class GrantSummaryDialog(QDialog):
    def __init__(self, shell: ShellContext, fiscal_year: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.setObjectName("grantSummaryDialog")
        self.setWindowTitle(self.tr("補助金・モデル事業の年度集計"))
        self.task: TaskHandle | None = None
        self.year_combo = QComboBox(self)
        self.year_combo.setObjectName("yearCombo")
        years = sorted({*queries.fiscal_years(shell.uow()), fiscal_year_of(dt.date.today())}, reverse=True)
        for fy in years:
            self.year_combo.addItem(fiscal_year_label(fy, "both"), fy)
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(fiscal_year), 0))
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("regionKindCombo")
        for kind in rg.list_kinds(shell.uow()):
            self.kind_combo.addItem(kind.name, kind.name)
        self.programs = self._table("programTable", self.tr("事業名"))
        self.regions = self._table("regionTable", self.tr("圏域"))
        pdf_button = QPushButton(self.tr("PDFで保存…"), self)
        pdf_button.clicked.connect(lambda: self.save(".pdf"))
        xlsx_button = QPushButton(self.tr("Excelで保存…"), self)
        xlsx_button.clicked.connect(lambda: self.save(".xlsx"))
        top = QHBoxLayout()
        for widget in (QLabel(self.tr("年度"), self), self.year_combo, QLabel(self.tr("圏域の種類"), self),
                       self.kind_combo):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(pdf_button)
        top.addWidget(xlsx_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("事業別"), self))
        layout.addWidget(self.programs, 1)
        layout.addWidget(QLabel(self.tr("圏域別"), self))
        layout.addWidget(self.regions, 1)
        layout.addWidget(close_button_box(self))
        self.year_combo.currentIndexChanged.connect(self.reload)
        self.kind_combo.currentIndexChanged.connect(self.reload)
        self.reload()
        self.resize(820, 600)
        remember(self)

    def _table(self, name: str, first: str) -> QTableWidget:
        table = QTableWidget(0, 4, self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels([first, self.tr("件数"), self.tr("交付決定額（円）"), self.tr("支払額（円）")])
        make_read_only(table)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return table

    def reload(self) -> None:
        self.summary = queries.summary(self.shell.uow(), self.year_combo.currentData(),
                                       region_kind=self.kind_combo.currentData())
        for table, lines in ((self.programs, self.summary.by_program), (self.regions, self.summary.by_region)):
            rows = (*lines, self.summary.total)
            table.setRowCount(len(rows))
            for r, line in enumerate(rows):
                cells = (line.name, f"{line.count:,}", dg.yen_text(line.decided) or "0", dg.yen_text(line.paid) or "0")
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if c:
                        item.setTextAlignment(_RIGHT)
                    if line is self.summary.total:
                        font = QFont(item.font())
                        font.setBold(True)
                        item.setFont(font)
                    table.setItem(r, c, item)

    def save(self, suffix: str) -> None:
        fy = self.year_combo.currentData()
        kinds = {".pdf": "PDF (*.pdf)", ".xlsx": "Excel (*.xlsx)"}
        path, _f = QFileDialog.getSaveFileName(self, self.tr("年度集計を保存"), f"補助金・モデル事業集計_{fy}年度{suffix}",
                                               kinds[suffix])
        if not path:
            return
        uow, kind = self.shell.uow, self.kind_combo.currentData()

        def work(_p: object, _a: object) -> object:
            from sasaeai_desktop.services.grants import files

            return files.write_summary(uow(), fy, path, region_kind=kind)

        self.task = run_task(self, work, title=self.tr("年度集計"),
                             on_success=lambda _r: QMessageBox.information(
                                 self, self.tr("年度集計"), self.tr("「{p}」に保存しました。").format(p=path)))


def show_summary(shell: ShellContext, parent: QWidget | None, fiscal_year: int | None) -> None:
    GrantSummaryDialog(shell, fiscal_year, parent).exec()
