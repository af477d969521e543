"""「ウェブサイト…」 of the 地域資源 page: the folder, the title and the booklet's filters (市町村,
圏域, 種類 — the page's choices to start with), and the dry run of services/catalogue/site.py
shown before anything is written: how many activities, each one's name and municipality, what of
it is left out. 書き出す runs ``write_site`` on the task lane with its progress and 中止; the
page says where the site went."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.booklet import DEFAULT_TITLE
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import TaskHandle
from sasaeai_desktop.gui.tasks import run_task
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.services.catalogue.booklet import BookletOptions
from sasaeai_desktop.services.catalogue.site import NOTHING_TO_PUBLISH
from sasaeai_desktop.services.catalogue.site import describe_target
from sasaeai_desktop.services.catalogue.site import plan_site

_tr = partial(QCoreApplication.translate, "SiteExportDialog")


class SiteExportDialog(QDialog):
    def __init__(self, shell: ShellContext, filters: Sequence[QComboBox], parent: QWidget | None = None) -> None:
        """``filters``: the page's 市町村, 圏域 and 種類 lists, copied with their current choice."""
        super().__init__(parent)
        self.shell = shell
        self.setObjectName("siteExportDialog")
        self.setWindowTitle(self.tr("ウェブサイトに書き出す"))
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("folderEdit")
        self.folder_edit.setPlaceholderText(self.tr("空のフォルダー、新しいフォルダー名、または以前に書き出したサイト"))
        browse = QPushButton(self.tr("参照…"), self)
        browse.setObjectName("browseButton")
        browse.clicked.connect(self._browse)
        self.folder_note = QLabel(self)
        self.folder_note.setObjectName("folderNote")
        self.folder_note.setWordWrap(True)
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setMaxLength(100)
        self.title_edit.setPlaceholderText(DEFAULT_TITLE)
        self.municipality_combo, self.region_combo, self.kind_combo = (self._copy(c) for c in filters)
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("summaryText")
        self.summary.setReadOnly(True)
        self.summary.setTabChangesFocus(True)
        self.buttons = QDialogButtonBox(self)
        self.write_button = self.buttons.addButton(self.tr("書き出す"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.write_button.setObjectName("writeButton")
        self.write_button.setDefault(True)
        self.buttons.addButton(self.tr("キャンセル"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self._label(self.tr("書き出すフォルダー(&F)"), self.folder_edit), folder_row)
        form.addRow("", self.folder_note)
        form.addRow(self._label(self.tr("表題(&T)"), self.title_edit), self.title_edit)
        for text, combo in ((self.tr("市町村(&M)"), self.municipality_combo), (self.tr("圏域(&R)"), self.region_combo),
                            (self.tr("種類(&K)"), self.kind_combo)):
            form.addRow(self._label(text, combo), combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._label(self.tr("掲載する内容（書き出す前の確認）(&S)"), self.summary))
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.buttons)
        self.folder_edit.textChanged.connect(self._check)
        self.title_edit.textChanged.connect(self.refresh)
        for combo in (self.municipality_combo, self.region_combo, self.kind_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.resize(760, 620)
        remember(self)
        self.refresh()

    def _copy(self, source: QComboBox) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(source.objectName())
        for i in range(source.count()):
            combo.addItem(source.itemText(i), source.itemData(i))
        combo.setCurrentIndex(source.currentIndex())
        return combo

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("書き出すフォルダー（空のフォルダーか、以前に書き出したサイト）"),
                                                  self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def options(self) -> BookletOptions:
        region, place, kind = (c.currentData() for c in (self.region_combo, self.municipality_combo, self.kind_combo))
        return BookletOptions(region_ids=(region,) if region else (), municipality_ids=(place,) if place else (),
                              kinds=(kind,) if kind else (), title=self.title_edit.text().strip())

    def folder(self) -> str:
        return self.folder_edit.text().strip()

    def refresh(self) -> None:
        """The dry run for the chosen filters (a quick query: the catalogue is a few hundred entries)."""
        try:
            plan = plan_site(self.shell.uow(), self.options())
        except UserError as exc:
            self.planned = 0
            self.summary.setPlainText(str(exc))
        else:
            self.planned = len(plan.entries)
            self.summary.setPlainText("\n".join(plan.lines()) if plan.entries else NOTHING_TO_PUBLISH)
        self._check()

    def _check(self) -> None:
        folder_ok = False
        if not self.folder():
            self.folder_note.setText(self.tr("書き出すフォルダーを入力するか「参照…」で選んでください。"))
        else:
            try:
                self.folder_note.setText(describe_target(self.folder()))
                folder_ok = True
            except UserError as exc:
                self.folder_note.setText(str(exc))
        self.write_button.setEnabled(folder_ok and self.planned > 0)


def export_site(page: QWidget, shell: ShellContext, filters: Sequence[QComboBox], note: QLabel) -> TaskHandle | None:
    """Ask (folder, title, filters; the dry run shown), then write the site off the GUI thread."""
    dialog = SiteExportDialog(shell, filters, page)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    folder, options, uow = dialog.folder(), dialog.options(), shell.uow

    def work(progress: Any, abort: Any) -> Any:
        from sasaeai_desktop.services.catalogue.site import write_site

        return write_site(uow(), folder, options, progress=progress, abort=abort)

    def done(result: Any) -> None:
        note.setText(_tr("ウェブサイト（活動{n}件、{pages}ページ、写真{photos}枚）を書き出しました: {path}\n"
                         "フォルダーの index.html をブラウザーで開くと見られます。ウェブサーバーにはフォルダーごと置いてください。").format(
            n=f"{result.entries:,}", pages=f"{result.pages:,}", photos=f"{result.photos:,}", path=result.path))
        note.setVisible(True)

    return run_task(page, work, title=_tr("ウェブサイトの書き出し"), on_success=done)
