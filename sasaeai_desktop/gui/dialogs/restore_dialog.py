"""ファイル → バックアップから復元…: this database's backups (date, size, what made them,
schema), or a file chosen elsewhere; the choice is confirmed by the caller (gui/database_menu.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.widgets.read_only_table import read_only_table
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.services.backups import BackupRow


def size_text(n: int) -> str:
    return f"{n / (1024 * 1024):,.1f} MB" if n >= 1024 * 1024 else f"{max(n, 1) / 1024:,.0f} KB"


class RestoreDialog(QDialog):
    def __init__(self, parent: QWidget | None, db_path: Path, folder: Path, rows: list[BackupRow]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("バックアップから復元"))
        self.rows = rows
        self._chosen: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "データベース「{db}」を、選んだバックアップの内容に戻します。今の内容は復元の前にバックアップします。\n"
            "バックアップフォルダー: {folder}"
        ).format(db=db_path, folder=folder))
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)

        headers = [self.tr("日時"), self.tr("大きさ"), self.tr("きっかけ"), self.tr("スキーマ")]
        self.table = read_only_table(self, headers, "backupTable", single=True)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = [f"{row.made:%Y-%m-%d %H:%M:%S}", size_text(row.size), row.label, row.revision or "?"]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(row.path))
                if c == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self._restore_selected())
        layout.addWidget(self.table, 1)
        if not rows:
            none = QLabel(self.tr("このデータベースのバックアップはまだありません。ほかの場所のファイルを選ぶこともできます。"))
            none.setObjectName("noBackups")
            layout.addWidget(none)

        buttons = QDialogButtonBox(self)
        self.other_button = QPushButton(self.tr("ほかのファイルを選ぶ…"))
        self.restore_button = QPushButton(self.tr("復元する"))
        self.restore_button.setEnabled(False)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        self.other_button.clicked.connect(self._choose_file)
        self.restore_button.clicked.connect(self._restore_selected)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 420)
        remember(self)

    def chosen(self) -> Path | None:
        return self._chosen

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _restore_selected(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if selected:
            self._chosen = self.rows[selected[0].row()].path
            self.accept()

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("復元するファイルを選ぶ"), "", self.tr("SasaeAI のデータベース (*.db *.sqlite *.sqlite3);;すべてのファイル (*)")
        )
        if path:
            self._chosen = Path(path)
            self.accept()
