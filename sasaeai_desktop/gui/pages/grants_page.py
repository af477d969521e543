"""補助金・モデル事業: the SQL-backed list (search by 事業名, 使途, 備考, 市町村) with filters by 年度,
圏域, 種別 and 状況, the form (gui/dialogs/grant_dialog.py), the chosen 年度's totals and its
summary (gui/dialogs/grant_summary_dialog.py: on screen, and as the PDF or Excel ``sasaeai grants
summary`` makes).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain import grants as dg
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.pages.list_page import ListPage
from sasaeai_desktop.gui.pages.record_editors import DeleteForm
from sasaeai_desktop.gui.pages.record_editors import DialogEditor
from sasaeai_desktop.gui.pages.record_editors import EditForm
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.widgets import box_layouts as box
from sasaeai_desktop.services.grants import queries
from sasaeai_desktop.services.progress import regions as rg


def grant_forms() -> tuple[EditForm, DeleteForm]:
    from sasaeai_desktop.gui.dialogs import grant_dialog as dialog

    return dialog.edit_grant, dialog.delete_grant


class GrantsPage(ListPage):
    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(shell, "grants", editor=DialogEditor(shell, grant_forms), default_sort=("fiscal_year", True),
                         watches={"municipalities", "regions"}, exportable=True, parent=parent)
        self.search_edit.setPlaceholderText(self.tr("検索（事業名・使途・備考・市町村）"))
        self.year_combo = self._combo("yearFilter")
        self.region_combo = self._combo("regionFilter")
        self.kind_combo = self._combo("kindFilter")
        self.status_combo = self._combo("statusFilter")
        for value in dg.GRANT_KINDS:
            self.kind_combo.addItem(value, value)
        for value in dg.STATUSES:
            self.status_combo.addItem(value, value)
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("totalsLabel")
        self.summary_button = QPushButton(self.tr("年度集計…"), self)
        self.summary_button.setObjectName("summaryButton")
        self.summary_button.setToolTip(self.tr("選んだ年度の事業別・圏域別の集計（PDF・Excelにも保存できます）"))
        self.summary_button.clicked.connect(self.show_summary)
        row = box.row(None, QLabel(self.tr("年度"), self), self.year_combo, QLabel(self.tr("圏域"), self),
                      self.region_combo, QLabel(self.tr("種別"), self), self.kind_combo, QLabel(self.tr("状況"), self),
                      self.status_combo, box.Stretch(), self.summary_button)
        self.layout().insertLayout(2, row)  # under the search row, above the table
        self.layout().insertWidget(3, self.totals_label)
        self._load_choices()
        for combo in (self.year_combo, self.region_combo, self.kind_combo, self.status_combo):
            combo.currentIndexChanged.connect(self._apply_filters)
        self._show_totals()

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItem(self.tr("すべて"), None)
        return combo

    def _load_choices(self) -> None:
        """年度 (those with records and this one) and regions (every kind), keeping the choice."""
        uow = self.shell.uow
        years = sorted({*queries.fiscal_years(uow()), fiscal_year_of(dt.date.today())}, reverse=True)
        for combo, items in (
            (self.year_combo, [(fiscal_year_label(fy, "both"), fy) for fy in years]),
            (self.region_combo, [(f"{k.name}：{r.name}", r.id) for k in rg.list_kinds(uow())
                                 for r in rg.list_regions(uow(), k.id)]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for label, data in items:
                combo.addItem(label, data)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _apply_filters(self) -> None:
        self.model.set_filters({
            "fiscal_year": self.year_combo.currentData(), "region_id": self.region_combo.currentData(),
            "kind": self.kind_combo.currentData(), "status": self.status_combo.currentData(),
        })
        self._show_totals()

    def _summary_year(self) -> int:
        chosen = self.year_combo.currentData()
        return chosen if chosen is not None else fiscal_year_of(dt.date.today())

    def _show_totals(self) -> None:
        s = queries.summary(self.shell.uow(), self._summary_year())
        t = s.total
        self.totals_label.setText(self.tr("{year}の合計：{n}件　交付決定額 {d}円　支払額 {p}円").format(
            year=fiscal_year_label(s.fiscal_year), n=t.count, d=dg.yen_text(t.decided) or "0", p=dg.yen_text(t.paid) or "0"))

    def on_changes(self, kinds: frozenset[str]) -> None:
        if changes.touches(kinds, {"grants", "regions"}):
            self._load_choices()
            self._show_totals()
        super().on_changes(kinds)

    def show_summary(self) -> None:
        from sasaeai_desktop.gui.dialogs.grant_summary_dialog import show_summary

        show_summary(self.shell, self, self._summary_year())
