"""Questions asked before something cannot be taken back in one click."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("confirm", text)


def confirm_delete(parent: QWidget | None, what: str, note: str = "") -> bool:
    """「松本市」を削除しますか？ — No is the default, so a stray Enter deletes nothing."""
    text = _tr("「{what}」を削除しますか？").format(what=what)
    if note:
        text += "\n\n" + note
    answer = QMessageBox.question(
        parent,
        _tr("削除の確認"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
