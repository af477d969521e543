"""Whether a file the window writes gets a password (issue 17 item 5).

The password is typed in 設定 and kept in ``ShellContext.export_password`` for this session only:
never in the database, never in a settings file. A stored password would sit on the same laptop
as the data it protects (a lost laptop would give both away), and the OS keyring is not there on
every Linux desktop; the price is typing it again after each start.

When a password is set, saving asks once with a checkbox 「パスワードをかける」: on by default for the
lists with names, phones and e-mail (people, advisors, attendance); the people list is never
written without it from the window, so without a password its export stays disabled.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.services.exports import NEVER_PLAIN

LOCKED_BY_DEFAULT = frozenset({"people", "advisors", "attendance", "participants", "sign-in-sheet", "name-cards"})


@dataclass(frozen=True)
class LockChoice:
    password: str | None  # None: written plain

    def wrap(self, targets: list[str | Path], work: Callable[..., Any]) -> Callable[..., Any]:
        """``work(progress, abort)`` writing ``targets`` locked when a password was chosen."""
        password = self.password

        def locked(progress: Any, abort: Any) -> Any:
            from sasaeai_desktop.io.output_files import locking

            with locking(targets, password) if password else nullcontext():
                return work(progress, abort)

        return locked


def can_export(shell: ShellContext, kind: str | None) -> bool:
    return kind is not None and (kind not in NEVER_PLAIN or bool(shell.export_password))


class LockDialog(QDialog):
    def __init__(self, parent: QWidget | None, what: str, *, checked: bool, forced: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("パスワード"))
        self.setObjectName("lockDialog")
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("「{what}」を保存します。").format(what=what)))
        self.lock_check = QCheckBox(self.tr("パスワードをかける"), self)
        self.lock_check.setObjectName("lockCheck")
        self.lock_check.setChecked(checked or forced)
        self.lock_check.setEnabled(not forced)
        layout.addWidget(self.lock_check)
        note = QLabel(self.tr(
            "設定で入力したパスワードで保護します。Excel・LibreOffice・PDFビューアーは開くときにパスワードを尋ねます。"
            if not forced else
            "電話番号やメールアドレスを含む一覧は、パスワードをかけて保存します（設定で入力したパスワード）。"), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def choose_lock(parent: QWidget | None, shell: ShellContext, kind: str, what: str) -> LockChoice | None:
    """Ask whether to lock (only when a password is set in 設定); None when the user cancelled."""
    password = shell.export_password
    if not password:
        return LockChoice(None)
    dialog = LockDialog(parent, what, checked=kind in LOCKED_BY_DEFAULT, forced=kind in NEVER_PLAIN)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return LockChoice(password if dialog.lock_check.isChecked() else None)
