"""担当表: the advisor × municipality matrix of one 年度 (services.advisors.roster.assignment_matrix).

One row per municipality, one column per advisor in charge of any of them: 主 / 副 / ○ in the
cells. Municipalities with nobody in charge are tinted and listed under the table, so the office
sees at a glance where to find someone (群馬県: two advisors per municipality).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QAbstractTableModel
from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.gui.dialogs.dialog_frame import close_button_box
from sasaeai_desktop.gui.models.table_index import ROOT
from sasaeai_desktop.gui.models.table_index import Index
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.widgets.read_only_table import make_read_only
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.services.advisors import roster as advisors
from sasaeai_desktop.services.progress import regions

_MARKS = {advisors.MAIN: "主", advisors.SUB: "副", "": "○"}
UNCOVERED_FILL = QColor("#FBE3E3")
_FIXED = 3  # 市町村, 圏域, 人数



_tr = partial(QCoreApplication.translate, "AdvisorMatrix")


class MatrixModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix: advisors.AssignmentMatrix | None = None
        self.rows: list[advisors.MatrixMunicipality] = []
        self.counts: dict[str, int] = {}

    def set_matrix(self, matrix: advisors.AssignmentMatrix, only_uncovered: bool = False) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.counts = {}
        for mid, _aid in matrix.cells:
            self.counts[mid] = self.counts.get(mid, 0) + 1
        self.rows = [mu for mu in matrix.municipalities if not only_uncovered or mu.id not in self.counts]
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() or self.matrix is None:
            return 0
        return _FIXED + len(self.matrix.advisors)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.matrix is None:
            return None
        if section < _FIXED:
            if role == Qt.ItemDataRole.DisplayRole:
                return (_tr("市町村"), _tr("圏域"), _tr("人数"))[section]
            return None
        adv = self.matrix.advisors[section - _FIXED]
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join(adv.name.split(" ", 1)) if " " in adv.name else adv.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{adv.name}（{adv.kana}）\n{adv.affiliation}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.matrix is None:
            return None
        mu = self.rows[index.row()]
        col = index.column()
        n = self.counts.get(mu.id, 0)
        if role == Qt.ItemDataRole.BackgroundRole and n == 0:
            return QBrush(UNCOVERED_FILL)
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= 2:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            who = self.matrix.advisors_of(mu.id)
            if not who:
                return _tr("{name}: 担当のアドバイザーがいません").format(name=mu.name)
            return mu.name + "\n" + "\n".join(f"{a.name}（{role or _tr('担当')}）" for a, role in who)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return mu.name
        if col == 1:
            return "、".join(mu.regions)
        if col == 2:
            return str(n) if n else _tr("担当なし")
        adv = self.matrix.advisors[col - _FIXED]
        role_name = self.matrix.cells.get((mu.id, adv.id))
        return None if role_name is None else _MARKS.get(role_name, "○")


class AdvisorMatrixDialog(QDialog):
    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.setWindowTitle(self.tr("担当表（アドバイザー × 市町村）"))
        self.fy_spin = QSpinBox(self)
        self.fy_spin.setRange(2000, 2100)
        self.fy_spin.setValue(advisors.current_fiscal_year())
        self.fy_label = QLabel(self)
        self.region_combo = QComboBox(self)
        self.region_combo.addItem(self.tr("すべての市町村"), None)
        for kind in regions.list_kinds(shell.uow()):
            for region in regions.list_regions(shell.uow(), kind.id):
                self.region_combo.addItem(f"{kind.name}: {region.name}", region.id)
        self.only_uncovered = QCheckBox(self.tr("担当なしのみ"), self)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("matrixSummary")
        self.summary_label.setWordWrap(True)
        self.model = MatrixModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("matrixTable")
        self.view.setModel(self.model)
        make_read_only(self.view)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.horizontalHeader().setDefaultSectionSize(46)
        fm = self.view.fontMetrics()
        self.view.verticalHeader().setDefaultSectionSize(fm.height() + 8)
        self.view.horizontalHeader().setMinimumHeight(fm.height() * 2 + 12)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("年度"), self))
        top.addWidget(self.fy_spin)
        top.addWidget(self.fy_label)
        top.addSpacing(16)
        top.addWidget(self.region_combo, 1)
        top.addWidget(self.only_uncovered)
        legend = QLabel(self.tr("主 = 主担当　副 = 副担当　○ = 担当（役割未設定）。色の付いた行は担当のアドバイザーがいない市町村です。"), self)
        legend.setWordWrap(True)
        buttons = close_button_box(self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(legend)
        layout.addWidget(self.summary_label)
        layout.addWidget(buttons)

        self.fy_spin.valueChanged.connect(self.refresh)
        self.region_combo.currentIndexChanged.connect(self.refresh)
        self.only_uncovered.toggled.connect(self.refresh)
        self.refresh()
        self.resize(1000, 680)
        remember(self)

    def refresh(self) -> None:
        fy = self.fy_spin.value()
        self.fy_label.setText(fiscal_year_label(fy))
        matrix = advisors.assignment_matrix(self.shell.uow(), fiscal_year=fy, region_id=self.region_combo.currentData())
        self.model.set_matrix(matrix, self.only_uncovered.isChecked())
        fm = self.view.fontMetrics()
        widest = max((fm.horizontalAdvance(mu.name) for mu in matrix.municipalities), default=60)
        self.view.setColumnWidth(0, widest + 20)
        regions_width = max((fm.horizontalAdvance("、".join(mu.regions)) for mu in matrix.municipalities), default=40)
        self.view.setColumnWidth(1, min(regions_width + 20, 220))
        self.view.setColumnWidth(2, fm.horizontalAdvance(self.tr("担当なし")) + 16)
        uncovered = matrix.uncovered
        text = self.tr("{n} 市町村中、担当のいない市町村 {k}（アドバイザー {a} 人）").format(
            n=len(matrix.municipalities), k=len(uncovered), a=len(matrix.advisors)
        )
        if uncovered:
            text += ": " + "、".join(mu.name for mu in uncovered)
        if matrix.without_main:
            text += self.tr("\n主担当のいない市町村: ") + "、".join(mu.name for mu in matrix.without_main)
        self.summary_label.setText(text)


def show_matrix(shell: ShellContext, parent: QWidget | None) -> None:
    AdvisorMatrixDialog(shell, parent).exec()
