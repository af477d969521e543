"""The dashboard with municipality progress: the existing tiles, then for a chosen 年度 and region
kind the placement/council shares against last year (bars), the stage distribution (donut), a
table per region, and the follow-up lists — a double-click opens the municipality's status.
Buttons print the one-page PDF, export the compiled table, make and collect the survey workbooks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING
from typing import Any

import shiboken6
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QScrollArea
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTableWidget
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.pages.dashboard_page import DashboardPage
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import run_task
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.widgets.charts import CURRENT
from sasaeai_desktop.gui.widgets.charts import PREVIOUS
from sasaeai_desktop.gui.widgets.charts import BarChart
from sasaeai_desktop.gui.widgets.charts import StageDonut

if TYPE_CHECKING:
    from sasaeai_desktop.domain.progress_dashboard import ProgressDashboard

_SHORT = {"sc1": "第1層SC", "sc2": "第2層SC", "sc2_all": "第2層SC\n全圏域", "council1": "第1層協議体",
          "council2": "第2層協議体", "council2_all": "第2層協議体\n全圏域"}
_STAGE_LABELS = ("① 基盤整備", "② 掘り起こし", "③ 課題解決", "未記入")


def _clear(grid: QGridLayout) -> None:
    while grid.count():
        w = grid.takeAt(0).widget()
        if w is not None:
            w.deleteLater()


class ProgressDashboardPage(DashboardPage):
    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.progress_data: ProgressDashboard | None = None
        # The tiles' layout moves into a scrolling body; the progress section follows it.
        body = QWidget()
        body.setLayout(self.layout())  # takes the layout over from this page
        tiles_layout = body.layout()
        tiles_layout.takeAt(tiles_layout.count() - 1)  # the trailing stretch

        self.section_header = QLabel(self.tr("市町村の取組状況"), body)
        self.section_header.setObjectName("sectionHeader")
        self.year_combo = QComboBox(body)
        self.kind_combo = QComboBox(body)
        for combo in (self.year_combo, self.kind_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.months_spin = QSpinBox(body)
        self.months_spin.setRange(1, 36)
        self.months_spin.setValue(6)
        self.months_spin.setSuffix(self.tr(" か月"))
        self.pdf_button = QPushButton(self.tr("PDFレポート…"), body)
        self.table_button = QPushButton(self.tr("取組状況一覧表…"), body)
        self.make_button = QPushButton(self.tr("調査票を作成…"), body)
        self.collect_button = QPushButton(self.tr("調査票を回収…"), body)
        self.regions_button = QPushButton(self.tr("圏域の設定…"), body)
        self.regions_button.setToolTip(self.tr("圏域の種類・圏域と、市町村の所属を編集します"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("年度"), body))
        bar.addWidget(self.year_combo)
        bar.addWidget(QLabel(self.tr("圏域"), body))
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.regions_button)
        bar.addWidget(QLabel(self.tr("未訪問の目安"), body))
        bar.addWidget(self.months_spin)
        bar.addStretch(1)
        # The actions on a row of their own: beside the choices they squeezed the 年度 combo.
        self.summary_label = QLabel(body)
        self.summary_label.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.summary_label, 1)
        for b in (self.pdf_button, self.table_button, self.make_button, self.collect_button):
            actions.addWidget(b)
        # One small figure per indicator (count/total, change from last year) instead of a run-on line.
        self.figures = QWidget(body)
        # 普及啓発: the 年度's forums and seminars, who came (counts) and the media made for them
        self.outreach = QWidget(body)
        self.outreach.setObjectName("outreachFigures")
        self.outreach_grid = QGridLayout(self.outreach)
        self.outreach_grid.setContentsMargins(0, 6, 0, 0)
        self.outreach_grid.setHorizontalSpacing(18)
        self.figures_grid = QGridLayout(self.figures)
        self.figures_grid.setContentsMargins(0, 0, 0, 0)
        self.figures_grid.setHorizontalSpacing(18)
        self.bars = BarChart(body)
        self.donut = StageDonut(body)
        charts = QHBoxLayout()
        charts.addWidget(self.bars, 3)
        charts.addWidget(self.donut, 2)
        self.region_table = QTableWidget(body)
        self.region_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.region_table.setMinimumHeight(220)
        self.region_table.verticalHeader().setVisible(False)
        self.follow_tabs = QTabWidget(body)
        self.follow_tables: dict[str, QTableWidget] = {}
        for key in ("not_visited", "no_training", "unmoved", "open_tasks", "grant_reports"):
            t = QTableWidget(body)
            t.setColumnCount(3)
            t.setHorizontalHeaderLabels([self.tr("コード"), self.tr("市町村"), self.tr("内容")])
            t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
            t.horizontalHeader().setStretchLastSection(True)
            t.verticalHeader().setVisible(False)
            t.cellDoubleClicked.connect(lambda row, _col, table=t: self._open_row(table, row))
            self.follow_tables[key] = t
            self.follow_tabs.addTab(t, "")
        self.follow_tabs.setMinimumHeight(260)
        lists = QHBoxLayout()
        lists.addWidget(self.region_table, 1)
        lists.addWidget(self.follow_tabs, 1)
        tiles_layout.addSpacing(8)
        tiles_layout.addWidget(self.section_header)
        tiles_layout.addLayout(bar)
        tiles_layout.addLayout(actions)
        tiles_layout.addWidget(self.figures)
        tiles_layout.addWidget(self.outreach)
        tiles_layout.addLayout(charts)
        tiles_layout.addLayout(lists)
        tiles_layout.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._filling = False
        self.year_combo.currentIndexChanged.connect(lambda _i: self.reload_progress())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.reload_progress())
        self.months_spin.valueChanged.connect(lambda _v: self.reload_progress())
        self.pdf_button.clicked.connect(self.save_pdf)
        self.table_button.clicked.connect(self.export_table)
        self.make_button.clicked.connect(self.make_surveys)
        self.collect_button.clicked.connect(self.collect_surveys)
        self.regions_button.clicked.connect(self.edit_regions)

    # -- data -------------------------------------------------------------------------------------------
    def reload(self) -> None:
        super().reload()
        self._fill_choices()
        self.reload_progress()

    @staticmethod
    def _choices(uow: Callable[[], Any]) -> tuple[list[int], int, list[str]]:
        """(年度 offered, the default one, 圏域 kinds): database reads only, any thread."""
        from sasaeai_desktop.services.progress import dashboard as progress
        from sasaeai_desktop.services.progress import regions
        from sasaeai_desktop.services.progress import status

        default = progress.default_fiscal_year(uow())
        years = sorted(set(status.fiscal_years(uow())) | {default}, reverse=True)
        return years, default, [k.name for k in regions.list_kinds(uow())]

    def _fill_choices(self, choices: tuple[list[int], int, list[str]] | None = None) -> None:
        self._filling = True
        year = self.year_combo.currentData()
        kind = self.kind_combo.currentData()
        years, default, kinds = choices if choices is not None else self._choices(self.shell.uow)
        self.year_combo.clear()
        for y in years:
            self.year_combo.addItem(self.tr("{y}年度").format(y=y), y)
        idx = self.year_combo.findData(year if year is not None else default)
        self.year_combo.setCurrentIndex(max(idx, 0))
        self.kind_combo.clear()
        self.kind_combo.addItem(self.tr("（まとめない）"), None)
        for name in kinds:
            self.kind_combo.addItem(name, name)
        idx = self.kind_combo.findData(kind) if kind is not None else (1 if self.kind_combo.count() > 1 else 0)
        self.kind_combo.setCurrentIndex(max(idx, 0))
        self._filling = False

    def reload_progress(self) -> None:
        if self._filling or self.year_combo.currentData() is None:
            return
        from sasaeai_desktop.services.progress import dashboard as progress

        d = progress.progress_dashboard(self.shell.uow(), self.year_combo.currentData(),
                                        group_by=self.kind_combo.currentData(), months=self.months_spin.value())
        self._show_progress(d)

    # -- counted off the GUI thread after a change (DashboardPage.refresh_in_background) -----------
    def gather_request(self) -> dict[str, Any]:
        return {**super().gather_request(), "year": self.year_combo.currentData(),
                "kind": self.kind_combo.currentData(), "months": self.months_spin.value()}

    @staticmethod
    def gather(uow: Callable[[], Any], request: dict[str, Any]) -> dict[str, Any]:
        from sasaeai_desktop.services.progress import dashboard as progress

        data = DashboardPage.gather(uow, request)
        choices = ProgressDashboardPage._choices(uow)
        years, default, kinds = choices
        year = request["year"] if request["year"] in years else default
        kind = request["kind"] if request["kind"] in kinds else None
        data["choices"], data["counted"] = choices, (year, kind, request["months"])
        data["progress"] = progress.progress_dashboard(uow(), year, group_by=kind, months=request["months"])
        return data

    def _show_gathered(self, data: dict[str, Any]) -> None:
        if not shiboken6.isValid(self):
            return  # the window closed while the figures were counted
        self._fill_choices(data["choices"])
        d = data["progress"]
        shown = (self.year_combo.currentData(), self.kind_combo.currentData(), self.months_spin.value())
        if shown == data["counted"]:
            self._show_progress(d)
        else:  # the combos settled elsewhere (a 年度 gone): count what they show
            self.reload_progress()
        super()._show_gathered(data)

    def _show_progress(self, d: ProgressDashboard) -> None:
        from sasaeai_desktop.domain.progress_dashboard import NO_STAGE

        self.progress_data = d
        has_prev = bool(d.stages_previous)
        series = []
        if has_prev:
            series.append((self.tr("{y}年度").format(y=d.fiscal_year - 1), PREVIOUS,
                           [f.previous_percent or 0.0 for f in d.indicators]))
        series.append((self.tr("{y}年度").format(y=d.fiscal_year), CURRENT, [f.percent for f in d.indicators]))
        self.bars.set_data(self.tr("配置・設置している市町村の割合"), [_SHORT[f.key] for f in d.indicators], series)
        keys = (1, 2, 3, NO_STAGE)
        self.donut.set_data(self.tr("推進段階"), [
            (label, d.stages.get(k, 0), d.stages_previous.get(k, 0) if has_prev else None)
            for label, k in zip(_STAGE_LABELS, keys)])
        self.summary_label.setText(self.tr("{label}：回答 {rec}/{total} 市町村").format(
            label=d.label, rec=d.recorded, total=d.total))
        self._fill_figures(d)
        self._fill_outreach(d)
        self._fill_regions(d)
        lists = {"not_visited": (d.not_visited, self.tr("{m}か月以上未訪問").format(m=d.months)),
                 "no_training": (d.no_training, self.tr("研修参加なし")),
                 "unmoved": (d.unmoved, self.tr("2年度変化なし")),
                 "open_tasks": (d.open_tasks, self.tr("未完了のフォローアップ")),
                 "grant_reports": (d.grant_reports, self.tr("補助金の実績報告"))}
        for i, (key, (items, title)) in enumerate(lists.items()):
            t = self.follow_tables[key]
            t.setRowCount(len(items))
            for r, it in enumerate(items):
                for c, text in enumerate((it.code, it.name, it.detail)):
                    cell = QTableWidgetItem(text)
                    cell.setData(256, it.municipality_id)  # Qt.UserRole
                    t.setItem(r, c, cell)
            t.resizeColumnToContents(0)
            t.resizeColumnToContents(1)
            self.follow_tabs.setTabText(i, f"{title}（{len(items)}）")

    def _fill_figures(self, d: ProgressDashboard) -> None:
        grid = self.figures_grid
        _clear(grid)
        for col, f in enumerate(d.indicators):
            name = QLabel(f.label, self.figures)
            name.setObjectName("noteLabel")
            value = QLabel(f"<b>{f.count}</b> / {f.total}（{f.percent:.0f}%）", self.figures)
            grid.addWidget(name, 0, col)
            grid.addWidget(value, 1, col)
            if f.change is not None:
                colour = "#2E7D32" if f.change > 0 else "#C62828" if f.change < 0 else "#616E7C"
                change = QLabel(self.tr("前年比 <span style='color:{c}'>{n:+d}</span>").format(c=colour, n=f.change),
                                self.figures)
                grid.addWidget(change, 2, col)
        grid.setColumnStretch(len(d.indicators), 1)

    def _fill_outreach(self, d: ProgressDashboard) -> None:
        """The 年度's 普及啓発, laid out like the indicators above: the name small, the figure below."""
        grid = self.outreach_grid
        _clear(grid)
        rows = d.outreach.rows() if d.outreach is not None else []
        held = [f"{g.name.strip('（）')} {g.outreach.events}件" for g in d.groups if g.outreach.events]
        if rows and held:  # where they were held, at a glance (the 圏域 table below has the figures)
            rows.append((self.tr("{kind}別の開催").format(kind=d.group_kind), "・".join(held)))
        self.outreach.setVisible(bool(rows))
        for col, (label, value) in enumerate(rows):
            name = QLabel(label, self.outreach)
            name.setObjectName("noteLabel")
            figure, _sep, detail = value.partition("（")
            shown = QLabel(f"<b>{figure}</b>" + (f"（{detail}" if detail else ""), self.outreach)
            grid.addWidget(name, 0, col)
            grid.addWidget(shown, 1, col)
        grid.setColumnStretch(len(rows), 1)

    def _fill_regions(self, d: ProgressDashboard) -> None:
        from sasaeai_desktop.domain.outreach import OUTREACH_HEADS
        from sasaeai_desktop.domain.outreach import UNPLACED
        from sasaeai_desktop.domain.outreach import OutreachCounts
        from sasaeai_desktop.domain.progress_dashboard import NO_STAGE
        from sasaeai_desktop.domain.progress_dashboard import GroupFigures

        t = self.region_table
        # 普及啓発 by where it was held, beside the progress of the same municipalities
        heads = [self.tr("圏域"), self.tr("市町村"), *[_SHORT[f.key].replace("\n", "") for f in d.indicators],
                 "①", "②", "③", self.tr("未記入"), *(self.tr(h) for h in OUTREACH_HEADS)]
        t.clear()
        t.setColumnCount(len(heads))
        t.setHorizontalHeaderLabels(heads)
        whole = d.outreach.counts if d.outreach is not None else OutreachCounts()
        groups = d.groups or [GroupFigures(self.tr("全体"), d.total, {f.key: f.count for f in d.indicators}, d.stages,
                                           whole)]
        unplaced = d.outreach.unplaced if d.groups and d.outreach is not None else OutreachCounts()
        t.setRowCount(len(groups) + (1 if unplaced.events else 0))
        for r, g in enumerate(groups):
            cells = [g.name, str(g.total)]
            cells += [f"{g.indicators[f.key]}（{100 * g.indicators[f.key] / g.total:.0f}%）" if g.total else "0"
                      for f in d.indicators]
            cells += [str(g.stages.get(k, 0)) for k in (1, 2, 3, NO_STAGE)]
            for c, text in enumerate([*cells, *g.outreach.cells()]):
                t.setItem(r, c, QTableWidgetItem(text))
        if unplaced.events:  # forums with no 開催市町村 recorded: counted, in no 圏域
            t.setItem(len(groups), 0, QTableWidgetItem(self.tr(UNPLACED)))
            for c, text in enumerate(unplaced.cells(), start=len(heads) - len(OUTREACH_HEADS)):
                t.setItem(len(groups), c, QTableWidgetItem(text))
        t.resizeColumnsToContents()

    def _open_row(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        if item is None:
            return
        from sasaeai_desktop.gui.dialogs.status_dialog import edit_status

        if edit_status(self.shell, self, item.data(256), self.year_combo.currentData()):
            self.reload_progress()

    # -- files ------------------------------------------------------------------------------------------
    def _year(self) -> int:
        return int(self.year_combo.currentData() or dt.date.today().year)

    def edit_regions(self) -> None:
        from sasaeai_desktop.gui.dialogs.regions_dialog import RegionsDialog

        RegionsDialog(self.shell, self).exec()  # each edit announces 'regions': this page reloads

    def save_pdf(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("PDFレポートを保存"),
                                               f"取組状況_{self._year()}年度.pdf", "PDF (*.pdf)")
        if not path:
            return
        from sasaeai_desktop.services.progress import files as progress_files

        d, uow = self.progress_data, self.shell.uow
        run_task(self, lambda _p, _a: progress_files.write_dashboard_pdf(uow(), d, path), title=self.tr("PDFレポート"),
                 on_success=lambda _r: QMessageBox.information(self, self.tr("PDFレポート"),
                                                               self.tr("「{p}」に保存しました。").format(p=path)))

    def export_table(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("取組状況一覧表を保存"), f"取組状況一覧_{self._year()}年度.xlsx",
                                               "Excel (*.xlsx);;PDF (*.pdf)")
        if not path:
            return
        fy, kind, uow = self._year(), self.kind_combo.currentData(), self.shell.uow

        def work(_p: object, _a: object) -> object:
            from sasaeai_desktop.services.progress import files as progress_files

            return progress_files.write_status_table(uow(), fy, path, group_by=kind)

        run_task(self, work, title=self.tr("取組状況一覧表"),
                 on_success=lambda _r: QMessageBox.information(self, self.tr("取組状況一覧表"),
                                                               self.tr("「{p}」に保存しました。").format(p=path)))

    def make_surveys(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("調査票を作るフォルダー"))
        if not folder:
            return
        from sasaeai_desktop.services.progress import survey_forms

        fy, uow = self._year(), self.shell.uow
        run_task(self, lambda prog, abort: survey_forms.make_surveys(uow(), fy, folder, progress=prog, abort=abort),
                 title=self.tr("調査票の作成"),
                 on_success=lambda r: QMessageBox.information(self, self.tr("調査票の作成"),
                                                              self.tr("{n} 件の調査票を「{f}」に作りました。").format(n=r.files, f=folder)))

    def collect_surveys(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("返送された調査票のフォルダー"))
        if not folder:
            return
        from sasaeai_desktop.services.progress import survey_collect
        from sasaeai_desktop.services.progress import survey_plan

        fy, uow = self._year(), self.shell.uow

        def done(plan: survey_plan.CollectPlan) -> None:
            from sasaeai_desktop.gui.dialogs.survey_collect_dialog import CollectDialog

            dialog = CollectDialog(self.shell, plan, self)
            if dialog.exec():
                self.reload_progress()

        run_task(self, lambda prog, abort: survey_collect.collect(uow(), fy, folder, progress=prog, abort=abort),
                 title=self.tr("調査票の回収"), on_success=done,
                 on_error=lambda exc: show_error(self, self.tr("調査票の回収"), exc))
