"""The 地域資源 page: the catalogue of local activities and places (services/catalogue) as an
SQL-backed list, searched by words and narrowed by 市町村, 圏域 and 種類; rows open the form with
its photos. The page key is 'catalogue' ('activities' is the visits and consultations page).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.pages.list_page import ListPage
from sasaeai_desktop.gui.pages.record_editors import DeleteForm
from sasaeai_desktop.gui.pages.record_editors import DialogEditor
from sasaeai_desktop.gui.pages.record_editors import EditForm
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.widgets import box_layouts as box
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.catalogue import kinds
from sasaeai_desktop.services.progress import regions


def catalogue_forms() -> tuple[EditForm, DeleteForm]:
    from sasaeai_desktop.gui.dialogs import catalogue_dialog as dialog

    return dialog.edit_entry, dialog.delete_entry


class CataloguePage(ListPage):
    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(shell, "catalogue", editor=DialogEditor(shell, catalogue_forms), title="地域資源・活動事例",
                         default_sort=("municipality", False), watches={"municipalities", "regions"}, parent=parent)
        self.title_label.setText(self.tr("地域資源・活動事例"))
        self.search_edit.setPlaceholderText(self.tr("検索（名称・種類・地区・実施主体・内容・紹介文・タグ・市町村）"))
        self.municipality_combo = self._combo("municipalityFilter", 12)
        self.region_combo = self._combo("regionFilter", 14)
        self.kind_combo = self._combo("kindFilter", 10)
        row = box.row(None, QLabel(self.tr("市町村"), self), self.municipality_combo, QLabel(self.tr("圏域"), self),
                      self.region_combo, QLabel(self.tr("種類"), self), self.kind_combo, box.Stretch())
        self.layout().insertLayout(2, row)  # under the search row, above the table
        self._load_choices()

    def _combo(self, name: str, width: int) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setMinimumContentsLength(width)
        combo.currentIndexChanged.connect(self._apply_filters)
        return combo

    def _load_choices(self) -> None:
        uow = self.shell.uow
        places = municipalities.choices(uow())
        areas = [(f"{k.name}：{r.name}", r.id) for k in regions.list_kinds(uow()) for r in regions.list_regions(uow(), k.id)]
        listed = [(k, k) for k in kinds.list_kinds(uow())]
        for combo, items in ((self.municipality_combo, [(name, mid) for mid, name in places]),
                             (self.region_combo, areas), (self.kind_combo, listed)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("すべて"), None)
            for label, value in items:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _apply_filters(self) -> None:
        self.model.set_filters({"municipality_id": self.municipality_combo.currentData(),
                                "region_id": self.region_combo.currentData(), "kind": self.kind_combo.currentData()})

    def on_changes(self, kinds_changed: frozenset[str]) -> None:
        if changes.touches(kinds_changed, {"catalogue", "regions", "municipalities"}):
            self._load_choices()  # a kind added in the form or by an import, a region renamed
        super().on_changes(kinds_changed)
