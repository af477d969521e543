"""Questions asked before something cannot be taken back in one click."""

from __future__ import annotations

from typing import Callable

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


def confirm_discard(parent: QWidget | None) -> bool:
    """Closing a form with unsaved input: No is the default, so the typing is not lost by accident."""
    answer = QMessageBox.question(
        parent,
        _tr("変更の破棄"),
        _tr("保存していない入力があります。破棄して閉じますか？"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def delete_after_confirming(
    parent: QWidget | None, label: str, title: str, delete: Callable[[], None], changed: set[str] | frozenset[str],
    note: str = "",
) -> bool:
    """Ask (``note``: what stays or goes with it), run the service's (soft) delete, report a
    refusal, broadcast what changed."""
    from sasaeai_desktop.gui import changes
    from sasaeai_desktop.gui.tasks import show_error
    from sasaeai_desktop.domain.errors import UserError

    if not confirm_delete(parent, label, note):
        return False
    try:
        delete()
    except UserError as exc:
        show_error(parent, title, exc)
        return False
    changes.emit(changed)
    return True
