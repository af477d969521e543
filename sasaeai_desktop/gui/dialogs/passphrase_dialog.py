"""The 合言葉 (passphrase) of the sync files: masked, with a show/hide toggle; typed twice when the
dataset has none yet (the first file sets it, and a typo there would lock every later file).

The text lives only in this dialog and in the caller's local variable for the one task it is
handed to; nothing here writes it anywhere (the service keeps only scrypt parameters and a check).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.passphrase import MIN_NEW_LENGTH
from sasaeai_desktop.domain.passphrase import new_passphrase_problem
from sasaeai_desktop.gui.dialogs.record_dialog import ok_cancel_box
from sasaeai_desktop.gui.window_memory import remember

_tr = partial(QCoreApplication.translate, "PassphraseDialog")


class PassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, new: bool = False, purpose: str = "") -> None:
        super().__init__(parent)
        self.new = new
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(self.tr("合言葉の新規設定") if new else self.tr("合言葉の入力"))
        if new:
            text = self.tr(
                "このデータの同期ファイルには、まだ合言葉が設定されていません。\n"
                "ここで決めた合言葉で暗号化します。他のパソコンでファイルを読み込むときにも同じ合言葉が必要です。"
                "合言葉はこのパソコンには保存されません。忘れないよう、職場の決まりに従って管理してください。"
            )
        else:
            text = self.tr("同期ファイルの合言葉を入力してください（このデータで決めた合言葉です）。")
        if purpose:
            text = purpose + "\n" + text
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("passphraseEdit")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setObjectName("repeatEdit")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_box = QCheckBox(self.tr("入力した文字を表示する"), self)
        self.show_box.setObjectName("showPassphrase")
        self.show_box.toggled.connect(self._set_visible)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        form = QFormLayout()
        form.addRow(self.tr("合言葉"), self.edit)
        if new:
            form.addRow(self.tr("もう一度"), self.repeat_edit)
        else:
            self.repeat_edit.setVisible(False)
        form.addRow("", self.show_box)
        buttons = ok_cancel_box(self, self.tr("OK"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        remember(self)

    def _set_visible(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        self.repeat_edit.setEchoMode(mode)

    def problem(self) -> str:
        """What is wrong with the input, or ''."""
        text = self.edit.text()
        if not text:
            return self.tr("合言葉を入力してください。")
        if self.new:
            if new_passphrase_problem(text):
                return self.tr("新しい合言葉は {n} 文字以上にしてください（前後の空白は数えません）。").format(n=MIN_NEW_LENGTH)
            if text != self.repeat_edit.text():
                return self.tr("2回入力した合言葉が一致しません。もう一度入力してください。")
        return ""

    def passphrase(self) -> str:
        return self.edit.text()

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error_label.setText(problem)
            self.error_label.setVisible(True)
            if self.new and self.edit.text() and self.repeat_edit.text() != self.edit.text():
                self.repeat_edit.clear()
                self.repeat_edit.setFocus()
            return
        super().accept()

    def done(self, result: int) -> None:
        super().done(result)
        if result != QDialog.DialogCode.Accepted:
            self.edit.clear()  # a cancelled dialog keeps nothing
        self.repeat_edit.clear()


def ask_passphrase(parent: QWidget | None, *, new: bool = False, purpose: str = "") -> str | None:
    """The typed passphrase, or None when cancelled."""
    dialog = PassphraseDialog(parent, new=new, purpose=purpose)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.passphrase()
    finally:
        dialog.edit.clear()
        dialog.deleteLater()
