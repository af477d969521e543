"""設定 → このデータベース: where backups go (the same setting as ``sasaeai backup folder``) and
the newest backup, with 変更… / 既定に戻す."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.widgets import box_layouts as box


class BackupFolderRow(QWidget):
    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.folder_label = QLabel()
        self.folder_label.setObjectName("backupFolderLabel")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.newest_label = QLabel()
        self.newest_label.setObjectName("newestBackupLabel")
        self.change_button = QPushButton(self.tr("変更…"))
        self.default_button = QPushButton(self.tr("既定に戻す"))
        self.change_button.clicked.connect(self.choose)
        self.default_button.clicked.connect(lambda: self._set(None))
        # The path on a line of its own: a long network path wraps there instead of being cut
        # beside the buttons (a wrapped label next to buttons is given one line's height).
        buttons = box.row(None, (self.newest_label, 1), self.change_button, self.default_button, margins=(0, 0, 0, 0))
        box.column(self, self.folder_label, buttons, margins=(0, 0, 0, 0), spacing=4)

    def refresh(self) -> None:
        from sasaeai_desktop.services import backups

        setting = backups.folder_setting()
        text = str(setting.folder) if setting.chosen else self.tr("{folder}（既定）").format(folder=setting.folder)
        self.folder_label.setText(text)
        self.default_button.setEnabled(setting.chosen)
        rows = backups.list_backups(self.shell.db_path)
        if rows:
            newest = rows[0]
            self.newest_label.setText(self.tr("最新: {made}（{label}）／全 {n} 件").format(
                made=f"{newest.made:%Y-%m-%d %H:%M}", label=newest.label, n=len(rows)))
        else:
            self.newest_label.setText(self.tr("バックアップはまだありません（毎日最初の起動時と取り込みの前に作ります）"))
        self.newest_label.setMinimumWidth(self.newest_label.sizeHint().width())  # never cut beside the buttons

    def choose(self) -> None:
        from sasaeai_desktop.services import backups

        start = str(backups.folder_setting().folder)
        folder = QFileDialog.getExistingDirectory(self, self.tr("バックアップの保存先"), start)
        if folder:
            self._set(Path(folder))

    def _set(self, folder: Path | None) -> None:
        from sasaeai_desktop.domain.errors import UserError
        from sasaeai_desktop.gui.tasks import show_error
        from sasaeai_desktop.services import backups

        try:
            backups.choose_folder(folder)
        except UserError as exc:
            show_error(self, self.tr("バックアップの保存先"), exc)
            return
        self.refresh()


def add_backup_rows(form: QFormLayout, shell: ShellContext) -> BackupFolderRow:
    row = BackupFolderRow(shell)
    form.addRow(row.tr("バックアップの保存先"), row)
    return row
