"""調査票の回収 — preview: per municipality, field by field, current value → returned value.

Clean changes are ticked; changes that need a decision (data changed since the form was made,
no identification sheet, two returns disagree) are not, and say why; for a disagreement the value
column is a choice between the returns. A return without its hidden sheet whose code and name name
no municipality (or two) is listed with a municipality to choose (likely ones first); once chosen
its answers join the tree like any return without the sheet. Problems are listed and can be saved
as the error workbook. Only 反映 writes, and only the ticked fields.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtGui import QColor
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QTreeWidget
from PySide6.QtWidgets import QTreeWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.gui.writes import WriteWithdrawn
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.progress import status
from sasaeai_desktop.services.progress import survey_apply
from sasaeai_desktop.services.progress import survey_collect
from sasaeai_desktop.services.progress import survey_plan
from sasaeai_desktop.services.progress import survey_report

_KIND_TEXT = {"clean": "", "conflict": "要確認: 作成後にデータ変更", "unverified": "要確認: 識別シートなし",
              "disagree": "要選択: 回答が異なる"}


class CollectDialog(QDialog):
    def __init__(self, shell: ShellContext, plan: survey_plan.CollectPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.plan = plan
        self.setWindowTitle(self.tr("調査票の回収 — 変更の確認"))
        self.resize(1000, 680)
        remember(self)
        self.items: list[tuple[QTreeWidgetItem, survey_plan.MunicipalityReturn, survey_plan.FieldChange, QComboBox | None]] = []

        head = QLabel(self)
        head.setWordWrap(True)
        self.head = head
        self._fill_head()
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("市町村・項目"), self.tr("現在の値"), self.tr("回答の値"), self.tr("注意")])
        self.unmatched_box = QWidget(self)
        self.unmatched_layout = QGridLayout(self.unmatched_box)
        self.unmatched_layout.setContentsMargins(0, 0, 0, 0)
        self.unmatched_combos: dict[str, QComboBox] = {}
        self._fill_tree()
        self._fill_unmatched()

        self.problems = QListWidget(self)
        self.problems_label = QLabel(self)
        self._fill_problems()
        self.errors_button = QPushButton(self.tr("問題をExcelに保存…"), self)
        self.errors_button.setVisible(bool(plan.problems))
        self.errors_button.clicked.connect(self.save_errors)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        box = QWidget(self)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.problems_label)
        lay.addWidget(self.problems)
        lay.addWidget(self.errors_button, 0, Qt.AlignmentFlag.AlignLeft)
        split.addWidget(box)
        split.setStretchFactor(0, 3)  # the changes are the work; a few problem lines need less room
        split.setStretchFactor(1, 1)
        box.setVisible(bool(plan.problems))
        self.problems_box = box

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText(self.tr("チェックした項目を反映"))
        self.apply_button.setEnabled(bool(self.items))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("反映しないで閉じる"))
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.unmatched_box)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self.result_: survey_apply.ApplyResult | None = None

    def _fill_tree(self) -> None:
        """The returns as a tree; ticks the user already set survive a refill (after a choice)."""
        kept = {(r.municipality_id, c.key): item.checkState(0) for item, r, c, _combo in self.items}
        picked = {(r.municipality_id, c.key): combo.currentIndex() for _i, r, c, combo in self.items if combo is not None}
        self.tree.clear()
        self.items = []
        plan = self.plan
        amber = QBrush(QColor("#FFF2CC"))
        for r in plan.returns:
            top = QTreeWidgetItem(self.tree, [f"{r.name}（{r.code}）", "", "", " ".join(r.notes)])
            top.setToolTip(3, "\n".join(r.notes) + "\n" + "、".join(r.files))
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsAutoTristate | Qt.ItemFlag.ItemIsUserCheckable)
            for c in r.changes:
                item = QTreeWidgetItem(top, [c.label, status.display_value(c.key, c.current),
                                             status.display_value(c.key, c.returned), c.message or _KIND_TEXT[c.kind]])
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, kept.get((r.municipality_id, c.key),
                                           Qt.CheckState.Checked if c.kind == "clean" else Qt.CheckState.Unchecked))
                combo = None
                if c.kind == "disagree":
                    combo = QComboBox(self.tree)
                    for fname, value in c.alternatives:
                        combo.addItem(f"{status.display_value(c.key, value)}（{fname}）", value)
                    if (r.municipality_id, c.key) in picked and picked[(r.municipality_id, c.key)] < combo.count():
                        combo.setCurrentIndex(picked[(r.municipality_id, c.key)])
                    self.tree.setItemWidget(item, 2, combo)
                if c.kind != "clean":
                    for col in range(4):
                        item.setBackground(col, amber)
                self.items.append((item, r, c, combo))
            top.setExpanded(True)
        for col, width in enumerate((260, 220, 260)):
            self.tree.setColumnWidth(col, width)

    def _fill_head(self) -> None:
        text = self.tr("{n} ファイルを読みました。反映する項目にチェックを付けてください（問題のない変更は最初からチェック済みです）。"
                       ).format(n=self.plan.files_read)
        if self.plan.unchanged:
            text += "\n" + self.tr("変更のない回答（記入どおり、または反映済み）: {names}").format(
                names="、".join(name for _code, name in self.plan.unchanged))
        self.head.setText(text)

    def _fill_unmatched(self) -> None:
        """One row per return whose municipality is unknown: file, why, and a municipality to choose."""
        while self.unmatched_layout.count():
            w = self.unmatched_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.unmatched_combos = {}
        self.unmatched_buttons: dict[str, QPushButton] = {}
        if not self.plan.unmatched:
            self.unmatched_box.setVisible(False)
            return
        title = QLabel(self.tr("識別シートがなく、どの市町村の回答か分からない調査票があります。市町村を選ぶと変更の一覧に加わります。"),
                       self.unmatched_box)
        title.setWordWrap(True)
        title.setStyleSheet("font-weight: bold; color: #9C5700;")
        self.unmatched_layout.addWidget(title, 0, 0, 1, 3)
        with self.shell.uow() as uow:
            everyone = municipalities.insurers(uow)
        for row, u in enumerate(self.plan.unmatched, 1):
            name = QLabel(u.file, self.unmatched_box)
            why = QLabel(u.reason, self.unmatched_box)
            why.setWordWrap(True)
            combo = QComboBox(self.unmatched_box)
            combo.addItem(self.tr("（市町村を選んでください）"), None)
            for mid, code, muni in u.candidates:
                combo.addItem(self.tr("{name}（{code}）候補").format(name=muni, code=code), mid)
            if u.candidates:
                combo.insertSeparator(combo.count())
            for mid, code, muni in everyone:
                combo.addItem(f"{muni}（{code}）", mid)
            combo.setMaxVisibleItems(20)
            # Choosing only selects: arrow keys and typed kana walk through the list (each step
            # would otherwise read the return as a town passed on the way); the button or Enter
            # in the list says "this one".
            combo.installEventFilter(self)
            take = QPushButton(self.tr("この市町村として読む"), self.unmatched_box)
            take.setAutoDefault(False)
            take.setEnabled(False)
            take.clicked.connect(lambda _c=False, file=u.file, c=combo: self.assign(file, c.currentData()))
            combo.currentIndexChanged.connect(lambda _i, c=combo, b=take: b.setEnabled(bool(c.currentData())))
            self.unmatched_layout.addWidget(name, row, 0)
            self.unmatched_layout.addWidget(why, row, 1)
            self.unmatched_layout.addWidget(combo, row, 2)
            self.unmatched_layout.addWidget(take, row, 3)
            self.unmatched_combos[u.file] = combo
            self.unmatched_buttons[u.file] = take
        self.unmatched_layout.setColumnStretch(1, 1)
        self.unmatched_box.setVisible(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in a return's municipality list reads the return as the chosen municipality,
        instead of reaching the dialog's default button (which would apply and close)."""
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress and isinstance(watched, QComboBox)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            file = next((f for f, c in self.unmatched_combos.items() if c is watched), None)
            if file is not None:
                if watched.currentData():
                    self.assign(file, watched.currentData())
                return True
        return super().eventFilter(watched, event)

    def _fill_problems(self) -> None:
        self.problems.clear()
        for p in self.plan.problems:
            self.problems.addItem(p.text())
        self.problems_label.setText(self.tr("問題（反映しません） {n} 件").format(n=len(self.plan.problems)))

    def assign(self, file: str, municipality_id: str | None) -> None:
        """The user says whose return ``file`` is: compare it again and show its changes."""
        if not municipality_id or file not in self.unmatched_combos:
            return
        self.plan = survey_collect.assign_return(self.shell.uow(), self.plan, file, municipality_id)
        self._fill_head()
        self._fill_tree()
        self._fill_unmatched()
        self._fill_problems()
        self.problems_box.setVisible(bool(self.plan.problems))
        self.errors_button.setVisible(bool(self.plan.problems))
        self.apply_button.setEnabled(bool(self.items))
        # The keyboard goes on where the work is: the next unknown return, else the new answers.
        if self.unmatched_combos:
            next(iter(self.unmatched_combos.values())).setFocus()
        else:
            added = next((item for item, r, _c, _x in self.items if r.municipality_id == municipality_id), None)
            self.tree.setFocus()
            if added is not None:
                self.tree.setCurrentItem(added)

    def decisions(self) -> dict[tuple[str, str], Any]:
        out: dict[tuple[str, str], Any] = {}
        for item, r, c, combo in self.items:
            if item.checkState(0) == Qt.CheckState.Checked:
                out[(r.municipality_id, c.key)] = combo.currentData() if combo is not None else c.returned
        return out

    def apply(self) -> None:
        chosen = self.decisions()

        def decide(r: survey_plan.MunicipalityReturn, c: survey_plan.FieldChange) -> Any:
            return chosen.get((r.municipality_id, c.key), survey_apply.SKIP)

        try:
            self.result_ = write(self, self.windowTitle(), partial(survey_apply.apply_plan, self.shell.uow(), self.plan, decide))
        except WriteWithdrawn as exc:
            show_error(self, self.windowTitle(), exc)
            return
        if self.result_.problems:
            QMessageBox.warning(self, self.windowTitle(), "\n".join(self.result_.problems))
        self.accept()

    def save_errors(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("問題をExcelに保存"),
                                               str(self.plan.folder / f"_回収エラー_{self.plan.fiscal_year}.xlsx"),
                                               "Excel (*.xlsx)")
        if path:
            try:
                survey_report.write_error_workbook(self.plan, path)
            except UserError as exc:  # the database itself, a full disk …: said, not a crash box
                show_error(self, self.tr("問題をExcelに保存"), exc)
