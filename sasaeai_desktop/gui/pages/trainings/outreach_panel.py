"""普及啓発 on the 日程 tab: where the event was held (開催市町村: the dashboard counts it in that
municipality's 圏域), how many of the public came (counts only, no names) and the media made
for the event — a list to add to, edit, remove from, and open (a URL in the browser, a file with
the program it belongs to). Shown for the outreach types (domain.outreach) and for any event that
already has such figures."""

from __future__ import annotations

from dataclasses import astuple
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout

from sasaeai_desktop.domain import outreach as o
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui.dialogs.event_media_dialog import EventMediaDialog
from sasaeai_desktop.gui.dialogs.person_dialog import MunicipalityPicker
from sasaeai_desktop.gui.dialogs.record_dialog import run_record_dialog
from sasaeai_desktop.gui.pages.trainings.host import EventHost
from sasaeai_desktop.gui.pages.trainings.tables import fit
from sasaeai_desktop.gui.pages.trainings.tables import read_only_table
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.trainings import outreach
from sasaeai_desktop.services.trainings.events import EventData
from sasaeai_desktop.services.trainings.outreach import MediaItem
from sasaeai_desktop.services.trainings.outreach import PublicCounts

_WIDEST_TEXT_COLUMN = 300  # px


def link_url(link: str) -> QUrl | None:
    """What opening ``link`` means: a web address as is, an existing file or folder as a local
    file; None for anything else (a path that is not there, an address without a scheme)."""
    text = link.strip()
    if not text:
        return None
    url = QUrl(text)
    if url.scheme().lower() in ("http", "https", "mailto"):
        return url
    path = Path(text.removeprefix("file:///") if text.lower().startswith("file:///") else text)
    return QUrl.fromLocalFile(str(path)) if path.exists() else None


class OutreachPanel(QGroupBox):
    def __init__(self, host: EventHost) -> None:
        super().__init__()
        self.setTitle(self.tr("普及啓発：一般参加者（人数のみ）と作成した媒体"))
        self.setObjectName("outreachPanel")
        self.host = host
        self.shown: outreach.Outreach | None = None
        self.count_edits: dict[str, QLineEdit] = {}
        counts_row = QHBoxLayout()
        self.host_combo = QComboBox()
        self.host_combo.setObjectName("hostMunicipality")
        self.host_combo.setEditable(True)
        self.host_combo.setMinimumContentsLength(8)
        self.host_combo.setToolTip(self.tr("開催した市町村。ダッシュボードでは、その市町村の圏域に数えます（県全体の催しは空欄）"))
        uow = host.shell.uow
        self.host_picker = MunicipalityPicker(self.host_combo, municipalities.choices(uow()), municipalities.readings(uow()))
        self.host_combo.currentIndexChanged.connect(lambda _i: self._typed())
        self.host_combo.lineEdit().textEdited.connect(lambda _t: self._typed())
        host_caption = QLabel(self.tr("開催市町村"))
        host_caption.setBuddy(self.host_combo)
        counts_row.addWidget(host_caption)
        counts_row.addWidget(self.host_combo)
        for key, label in o.COUNT_LABELS.items():
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setPlaceholderText(self.tr("未記録"))
            edit.setMaximumWidth(80)
            edit.returnPressed.connect(self.save_counts)
            edit.textEdited.connect(lambda _t: self._typed())
            caption = QLabel(self.tr(label))
            caption.setBuddy(edit)
            counts_row.addWidget(caption)
            counts_row.addWidget(edit)
            counts_row.addWidget(QLabel(self.tr("人")))
            self.count_edits[key] = edit
        self.save_counts_btn = QPushButton(self.tr("保存"))
        self.save_counts_btn.setToolTip(self.tr("開催市町村と人数を保存します"))
        self.save_counts_btn.clicked.connect(self.save_counts)
        counts_row.addWidget(self.save_counts_btn)
        counts_row.addStretch(1)
        self.media_table = read_only_table([self.tr("種類"), self.tr("題名"), self.tr("リンク"), self.tr("備考")], whole_rows=True)
        self.media_table.setObjectName("mediaTable")
        self.media_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a path's file name stays in view
        self.media_table.cellDoubleClicked.connect(lambda _r, _c: self.edit_media())
        self.add_btn = QPushButton(self.tr("媒体を追加…"))
        self.add_btn.clicked.connect(self.add_media)
        self.edit_btn = QPushButton(self.tr("編集…"))
        self.edit_btn.clicked.connect(self.edit_media)
        self.remove_btn = QPushButton(self.tr("削除"))
        self.remove_btn.clicked.connect(self.remove_media)
        self.open_btn = QPushButton(self.tr("リンクを開く"))
        self.open_btn.clicked.connect(self.open_link)
        # 人数を保存 once a count is typed; the list's buttons act on the chosen row
        self.media_table.itemSelectionChanged.connect(self._enable_row_buttons)
        buttons = QHBoxLayout()
        for b in (self.add_btn, self.edit_btn, self.remove_btn, self.open_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(counts_row)
        layout.addWidget(self.media_table)
        layout.addLayout(buttons)

    def show_event(self, ev: EventData | None) -> None:
        self.shown = outreach.get_outreach(self.host.shell.uow(), ev.id) if ev is not None and ev.id else None
        has_figures = self.shown is not None and (
            self.shown.media or any(v is not None for v in astuple(self.shown.counts)))
        self.setVisible(ev is not None and (o.is_outreach(ev.event_type) or bool(has_figures)))
        counts = self.shown.counts if self.shown is not None else PublicCounts()
        self.host_picker.set_id(self.shown.host_municipality_id if self.shown is not None else None)
        for key, edit in self.count_edits.items():
            value = getattr(counts, key)
            edit.setText("" if value is None else str(value))
        media = self.shown.media if self.shown is not None else ()
        self.media_table.setRowCount(len(media))
        for i, item in enumerate(media):
            for j, text in enumerate((item.kind, item.title, item.link, item.notes.replace("\n", " "))):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.media_table.setItem(i, j, cell)
        fit(self.media_table)
        self.save_counts_btn.setEnabled(False)
        self._enable_row_buttons()
        # a file-server path is long: cut 題名 and リンク (the tooltip has them whole) so 備考 stays in view
        for j in (1, 2):
            self.media_table.setColumnWidth(j, min(self.media_table.columnWidth(j), _WIDEST_TEXT_COLUMN))

    def _typed(self) -> None:
        """保存 once a count or the 開催市町村 is changed (showing an event disables it again)."""
        self.save_counts_btn.setEnabled(True)

    def _enable_row_buttons(self) -> None:
        chosen = self._selected() is not None and bool(self.media_table.selectedItems())
        for b in (self.edit_btn, self.remove_btn, self.open_btn):
            b.setEnabled(chosen)

    def _selected(self) -> MediaItem | None:
        row = self.media_table.currentRow()
        if self.shown is None or not 0 <= row < len(self.shown.media):
            return None
        return self.shown.media[row]

    def save_counts(self) -> None:
        title = self.tr("一般参加者数")
        if self.shown is None:
            return
        try:
            values = {key: o.parse_count(edit.text(), o.COUNT_LABELS[key]) for key, edit in self.count_edits.items()}
        except ValueError as exc:
            QMessageBox.warning(self, title, str(exc))
            return
        try:
            host = self.host_picker.current_id()
        except KeyError as exc:
            QMessageBox.warning(self, self.tr("開催市町村"), self.tr(
                "市町村「{name}」は登録されていません。候補から選んでください。").format(name=exc.args[0]))
            return
        try:
            write(self, title, partial(outreach.save_counts, self.host.shell.uow(), self.shown.event_id,
                                       PublicCounts(**values), host))
        except UserError as exc:
            show_error(self, title, exc)
            return
        self.host.reload()

    def add_media(self) -> None:
        self._open_form(None, self.tr("媒体の追加"))

    def edit_media(self) -> None:
        item = self._selected()
        if item is not None:
            self._open_form(item, self.tr("媒体の編集"))

    def _open_form(self, item: MediaItem | None, title: str) -> None:
        if self.shown is None:
            return
        eid = self.shown.event_id
        if run_record_dialog(self, title, lambda: EventMediaDialog(self.host.shell, eid, item, self)):
            self.host.reload()

    def remove_media(self) -> None:
        item = self._selected()
        if item is None or item.id is None:
            return
        title = self.tr("媒体の削除")
        name = item.title or item.link
        if QMessageBox.question(self, title, self.tr("{kind}「{name}」を一覧から削除しますか？（ファイルは消えません）")
                                .format(kind=item.kind, name=name)) != QMessageBox.StandardButton.Yes:
            return
        try:
            write(self, title, partial(outreach.remove_media, self.host.shell.uow(), item.id))
        except UserError as exc:
            show_error(self, title, exc)
            return
        self.host.reload()

    def open_link(self) -> None:
        item = self._selected()
        if item is None:
            return
        url = link_url(item.link)
        if url is None:
            QMessageBox.information(self, self.tr("リンクを開く"), self.tr(
                "「{link}」を開けません。URL（https://…）か、このパソコンから見えるファイルの場所を入力してください。")
                .format(link=item.link or self.tr("（リンクなし）")))
            return
        QDesktopServices.openUrl(url)
