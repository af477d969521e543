"""Opening a password-locked workbook for import: ask for the password, read a decrypted copy.

The readers (workbook guard, calamine, openpyxl) take a path, so the workbook is decrypted in
memory and written under its own name into a private folder (io/locked_files.py) that lives as
long as the caller's ``ExitStack``: the import dialog keeps it until it closes, since the preview
and the copy with marked problems read the file again.
"""

from __future__ import annotations

from contextlib import ExitStack
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui.shell_context import ShellContext

_tr = partial(QCoreApplication.translate, "LockedWorkbook")


def open_locked(parent: QWidget | None, shell: ShellContext, path: Path, stack: ExitStack) -> tuple[Path, str | None] | None:
    """(the path to read, the password that opened it) — ``path`` itself and None for a plain
    workbook; None when the user gave up. The password set in 設定 is tried first, unasked."""
    from sasaeai_desktop.io.locked_files import WrongPasswordError
    from sasaeai_desktop.io.locked_files import is_locked_workbook
    from sasaeai_desktop.io.locked_files import unlocked_copy

    if not is_locked_workbook(path):
        return path, None
    password = shell.export_password
    message = _tr("「{name}」はパスワードで保護されています。開くためのパスワードを入力してください。").format(name=path.name)
    while True:
        if not password:
            password, ok = QInputDialog.getText(parent, _tr("パスワード"), message, QLineEdit.EchoMode.Password)
            if not ok:
                return None
        try:
            return stack.enter_context(unlocked_copy(path, password)), password
        except WrongPasswordError:
            message = _tr("パスワードが違います。「{name}」を開くためのパスワードをもう一度入力してください。").format(name=path.name)
            password = None
        except UserError as exc:  # damaged, too large, unreadable: asking again would not help
            QMessageBox.warning(parent, _tr("Excelの確認"), str(exc))
            return None
