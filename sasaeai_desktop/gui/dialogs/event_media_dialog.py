"""One medium produced for an event (チラシ, 動画, DVD, 情報誌 …): its kind, title, a link (a URL,
or a file chosen with 「ファイルを選ぶ…」 and kept as its path) and notes. Saved through
services.trainings.outreach.save_media; the 研修 page redraws from the change record. Layout:
ui/event_media_dialog.ui."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.outreach import MEDIA_KINDS
from sasaeai_desktop.gui.dialogs.record_dialog import RecordDialog
from sasaeai_desktop.gui.dialogs.record_dialog import fill_choices
from sasaeai_desktop.gui.dialogs.record_dialog import name_ok_cancel
from sasaeai_desktop.gui.dialogs.record_dialog import set_choice
from sasaeai_desktop.gui.forms.ui_event_media_dialog import Ui_EventMediaDialog
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.services.trainings import outreach
from sasaeai_desktop.services.trainings.outreach import MediaItem


class EventMediaDialog(RecordDialog):
    history_table = "event_media"

    def __init__(self, shell: ShellContext, event_id: str, item: MediaItem | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.event_id = event_id
        self._id = item.id if item is not None else None
        ui: Ui_EventMediaDialog = self.use_ui(Ui_EventMediaDialog())
        self.setWindowTitle(self.tr("媒体の編集") if item is not None else self.tr("媒体の追加"))
        fill_choices(ui.mediaKindCombo, MEDIA_KINDS)
        if item is not None:
            set_choice(ui.mediaKindCombo, item.kind)
            ui.mediaTitleEdit.setText(item.title)
            ui.mediaLinkEdit.setText(item.link)
            ui.mediaNotesEdit.setPlainText(item.notes)
        self.field_widgets = {"kind": ui.mediaKindCombo, "title": ui.mediaTitleEdit, "link": ui.mediaLinkEdit,
                              "notes": ui.mediaNotesEdit}
        ui.browseButton.clicked.connect(self.choose_file)
        name_ok_cancel(ui.buttonBox, self.tr("保存"))
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)
        ui.mediaKindCombo.setFocus()
        self.take_snapshot()

    def history_row_id(self) -> str | None:
        return self._id

    def choose_file(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("媒体のファイル"), self.ui.mediaLinkEdit.text())
        if path:
            self.ui.mediaLinkEdit.setText(path)

    def form_data(self) -> tuple[MediaItem, dict[str, str]]:
        ui = self.ui
        return MediaItem(self._id, ui.mediaKindCombo.currentText(), ui.mediaTitleEdit.text(), ui.mediaLinkEdit.text(),
                         ui.mediaNotesEdit.toPlainText()), {}

    def check(self, data: MediaItem) -> None:
        outreach.validate_media(data)

    def save_record(self, data: MediaItem) -> str:
        return outreach.save_media(self.shell.uow(), self.event_id, data)


__all__ = ["EventMediaDialog"]
