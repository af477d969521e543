"""設定 › 出力ファイルのパスワード: typed twice, kept for this session only (gui/export_lock.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.widgets import box_layouts as box

MIN_LENGTH = 4  # Excel accepts any length; shorter ones are guessed in moments


class ExportPasswordBox(QGroupBox):
    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.setTitle(self.tr("出力ファイルのパスワード"))
        self.setObjectName("exportPasswordBox")
        form = QFormLayout(self)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        intro = QLabel(self.tr(
            "人・アドバイザー・出欠の一覧や名簿PDFを保存するときにかけるパスワードです。データベースには保存せず、"
            "このプログラムを閉じると消えます（次に起動したときは入力し直してください）。"))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("exportPasswordEdit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setObjectName("exportPasswordConfirm")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("パスワード"), self.password_edit)
        form.addRow(self.tr("もう一度"), self.confirm_edit)
        self.state_label = QLabel()
        self.state_label.setObjectName("exportPasswordState")
        self.state_label.setWordWrap(True)
        self.use_button = QPushButton(self.tr("このパスワードを使う"))
        self.clear_button = QPushButton(self.tr("パスワードを消す"))
        self.use_button.clicked.connect(self.use_password)
        self.clear_button.clicked.connect(self.clear_password)
        form.addRow(box.row(None, (self.state_label, 1), self.clear_button, self.use_button))
        self._show_state()

    def use_password(self) -> bool:
        password, again = self.password_edit.text(), self.confirm_edit.text()
        if len(password) < MIN_LENGTH:
            self.state_label.setText(self.tr("パスワードは{n}文字以上にしてください。").format(n=MIN_LENGTH))
            return False
        if password != again:
            self.state_label.setText(self.tr("2つの欄のパスワードが違います。"))
            return False
        self.shell.export_password = password
        self.password_edit.clear()
        self.confirm_edit.clear()
        self._show_state()
        return True

    def clear_password(self) -> None:
        self.shell.export_password = None
        self.password_edit.clear()
        self.confirm_edit.clear()
        self._show_state()

    def _show_state(self) -> None:
        on = bool(self.shell.export_password)
        self.state_label.setText(
            self.tr("設定済み（このプログラムを閉じるまで）。保存するときに「パスワードをかける」を選べます。") if on
            else self.tr("未設定: ファイルはパスワードなしで保存されます（人の一覧は出力できません）。"))
        self.clear_button.setEnabled(on)
