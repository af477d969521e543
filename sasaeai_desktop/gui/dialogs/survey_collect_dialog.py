"""調査票の回収 — preview: per municipality, field by field, current value → returned value.

Clean changes are ticked; changes that need a decision (data changed since the form was made,
no identification sheet, two returns disagree) are not, and say why; for a disagreement the value
column is a choice between the returns. Problems are listed and can be saved as the error workbook.
Only 反映 writes, and only the ticked fields.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.services import status, survey

_KIND_TEXT = {"clean": "", "conflict": "要確認: 作成後にデータ変更", "unverified": "要確認: 識別シートなし",
              "disagree": "要選択: 回答が異なる"}


class CollectDialog(QDialog):
    def __init__(self, shell: ShellContext, plan: survey.CollectPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.plan = plan
        self.setWindowTitle(self.tr("調査票の回収 — 変更の確認"))
        self.resize(1000, 680)
        self.items: list[tuple[QTreeWidgetItem, survey.MunicipalityReturn, survey.FieldChange, QComboBox | None]] = []

        head = QLabel(self.tr("{n} ファイルを読みました。反映する項目にチェックを付けてください（問題のない変更は最初からチェック済みです）。")
                      .format(n=plan.files_read), self)
        head.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("市町村・項目"), self.tr("現在の値"), self.tr("回答の値"), self.tr("注意")])
        amber = QBrush(QColor("#FFF2CC"))
        for r in plan.returns:
            top = QTreeWidgetItem(self.tree, [f"{r.name}（{r.code}）", "", "", " ".join(r.notes)])
            top.setToolTip(3, "\n".join(r.notes) + "\n" + "、".join(r.files))
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsAutoTristate | Qt.ItemFlag.ItemIsUserCheckable)
            for c in r.changes:
                item = QTreeWidgetItem(top, [c.label, status.display_value(c.key, c.current),
                                             status.display_value(c.key, c.returned), c.message or _KIND_TEXT[c.kind]])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Checked if c.kind == "clean" else Qt.CheckState.Unchecked)
                combo = None
                if c.kind == "disagree":
                    combo = QComboBox(self.tree)
                    for fname, value in c.alternatives:
                        combo.addItem(f"{status.display_value(c.key, value)}（{fname}）", value)
                    self.tree.setItemWidget(item, 2, combo)
                if c.kind != "clean":
                    for col in range(4):
                        item.setBackground(col, amber)
                self.items.append((item, r, c, combo))
            top.setExpanded(True)
        for col, width in enumerate((260, 220, 260)):
            self.tree.setColumnWidth(col, width)

        self.problems = QListWidget(self)
        for p in plan.problems:
            self.problems.addItem(p.text())
        self.problems.setVisible(bool(plan.problems))
        self.errors_button = QPushButton(self.tr("問題をExcelに保存…"), self)
        self.errors_button.setVisible(bool(plan.problems))
        self.errors_button.clicked.connect(self.save_errors)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(self.tr("問題（反映しません） {n} 件").format(n=len(plan.problems)), box))
        lay.addWidget(self.problems)
        lay.addWidget(self.errors_button, 0, Qt.AlignmentFlag.AlignLeft)
        split.addWidget(box)
        box.setVisible(bool(plan.problems))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText(self.tr("チェックした項目を反映"))
        self.apply_button.setEnabled(bool(self.items))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("反映しないで閉じる"))
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.result_: survey.ApplyResult | None = None

    def decisions(self) -> dict[tuple[str, str], Any]:
        out: dict[tuple[str, str], Any] = {}
        for item, r, c, combo in self.items:
            if item.checkState(0) == Qt.CheckState.Checked:
                out[(r.municipality_id, c.key)] = combo.currentData() if combo is not None else c.returned
        return out

    def apply(self) -> None:
        chosen = self.decisions()

        def decide(r: survey.MunicipalityReturn, c: survey.FieldChange) -> Any:
            return chosen.get((r.municipality_id, c.key), survey.SKIP)

        self.result_ = survey.apply_plan(self.shell.uow(), self.plan, decide)
        changes.emit({"status"})
        if self.result_.problems:
            QMessageBox.warning(self, self.windowTitle(), "\n".join(self.result_.problems))
        self.accept()

    def save_errors(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("問題をExcelに保存"),
                                               str(self.plan.folder / f"_回収エラー_{self.plan.fiscal_year}.xlsx"),
                                               "Excel (*.xlsx)")
        if path:
            survey.write_error_workbook(self.plan, path)
