"""The 地域資源 page: the catalogue of local activities and places (services/catalogue) as an
SQL-backed list, searched by words and narrowed by 市町村, 圏域 and 種類; rows open the form with
its photos. The page key is 'catalogue' ('activities' is the visits and consultations page).
「種類の編集…」 opens the list of kinds (gui/dialogs/catalogue_kinds_dialog). 「事例集PDF…」 prints
the booklet (services/catalogue/booklet) for the chosen 市町村, 圏域 and 種類, off the GUI thread
(gui/tasks.run_task) with its progress and 中止; 「ウェブサイト…」 exports the same selection as a
folder of web pages (gui/dialogs/site_export_dialog).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.pages.list_page import ListPage
from sasaeai_desktop.gui.pages.record_editors import DeleteForm
from sasaeai_desktop.gui.pages.record_editors import DialogEditor
from sasaeai_desktop.gui.pages.record_editors import EditForm
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import TaskHandle
from sasaeai_desktop.gui.tasks import run_task
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
        self.booklet_button = QPushButton(self.tr("事例集PDF(&B)…"), self)
        self.booklet_button.setObjectName("bookletButton")
        self.booklet_button.setToolTip(self.tr("選んだ市町村・圏域・種類の「掲載可」の記録を事例集（A4のPDF）にします。"
                                               "連絡先は掲載に同意があるもの、写真は掲載の同意があるものだけを載せます"))
        self.booklet_button.clicked.connect(lambda: self.make_booklet())  # clicked(bool) is not a path
        self.booklet_task: TaskHandle | None = None
        self.site_button = QPushButton(self.tr("ウェブサイト…"), self)
        self.site_button.setObjectName("siteButton")
        self.site_button.setToolTip(self.tr("「掲載可」の記録を、サーバーなしでも開けるウェブサイトのフォルダーに書き出します。"
                                            "書き出す前に、載せる内容と載せないものを確認できます"))
        self.site_button.clicked.connect(lambda: self.make_site())
        self.site_task: TaskHandle | None = None
        self.kinds_button = QPushButton(self.tr("種類の編集(&K)…"), self)
        self.kinds_button.setObjectName("kindsButton")
        self.kinds_button.setToolTip(self.tr("種類の一覧に追加し、名前を変え、使わない種類を削除します"))
        self.kinds_button.clicked.connect(lambda: self.edit_kinds())
        row = box.row(None, QLabel(self.tr("市町村"), self), self.municipality_combo, QLabel(self.tr("圏域"), self),
                      self.region_combo, QLabel(self.tr("種類"), self), self.kind_combo, self.kinds_button,
                      box.Stretch(), self.booklet_button, self.site_button)
        self.layout().insertLayout(2, row)  # under the search row, above the table
        # Tab in the order they are seen: the search row, this row, then the list (created last,
        # the filters would otherwise come after the table).
        chain = (self.delete_button, self.municipality_combo, self.region_combo, self.kind_combo, self.kinds_button,
                 self.booklet_button, self.site_button, self.view)
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)
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

    def edit_kinds(self) -> None:
        from sasaeai_desktop.gui.dialogs.catalogue_kinds_dialog import edit_kinds

        edit_kinds(self.shell, self)  # each change announces 'catalogue': the filter and the list follow

    def make_booklet(self, path: str | None = None) -> TaskHandle | None:
        """Ask where to save (unless ``path``), then print the booklet for the current filters."""
        from sasaeai_desktop.services.catalogue.booklet import BookletOptions

        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("事例集PDFの保存先"), self.tr("事例集.pdf"), "PDF (*.pdf)")
            if not path:
                return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        region, place, kind = (c.currentData() for c in (self.region_combo, self.municipality_combo, self.kind_combo))
        options = BookletOptions(region_ids=(region,) if region else (), municipality_ids=(place,) if place else (),
                                 kinds=(kind,) if kind else ())
        uow, target = self.shell.uow, path

        def work(progress: Any, abort: Any) -> Any:
            from sasaeai_desktop.services.catalogue.booklet import write_booklet

            return write_booklet(uow(), target, options, progress=progress, abort=abort)

        def done(result: Any) -> None:
            text = self.tr("事例集PDF（{n}件、{pages}ページ）を保存しました: {path}").format(
                n=f"{result.entries:,}", pages=result.pages, path=target)
            self.note_label.setText("\n".join([text, *result.warnings[:3]]))
            self.note_label.setVisible(True)

        self.booklet_task = run_task(self, work, title=self.tr("事例集PDF"), on_success=done)
        return self.booklet_task

    def make_site(self) -> TaskHandle | None:
        """Ask for the folder and filters (the dry run shown first), then write the web site."""
        from sasaeai_desktop.gui.dialogs.site_export_dialog import export_site

        filters = (self.municipality_combo, self.region_combo, self.kind_combo)
        self.site_task = export_site(self, self.shell, filters, self.note_label)
        return self.site_task
