"""Questions asked before something cannot be taken back in one click."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QWidget

_tr = partial(QCoreApplication.translate, "confirm")


def _yes_or_no(parent: QWidget | None, title: str, text: str) -> bool:
    """No is the default, so a stray Enter takes nothing away."""
    answer = QMessageBox.question(
        parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def confirm_delete(parent: QWidget | None, what: str, note: str = "") -> bool:
    """「松本市」を削除しますか？ — a stray Enter deletes nothing."""
    text = _tr("「{what}」を削除しますか？").format(what=what)
    if note:
        text += "\n\n" + note
    return _yes_or_no(parent, _tr("削除の確認"), text)


def confirm_discard(parent: QWidget | None) -> bool:
    """Closing a form with unsaved input: the typing is not lost by accident."""
    return _yes_or_no(parent, _tr("変更の破棄"), _tr("保存していない入力があります。破棄して閉じますか？"))


def dated_label(label: str, record_date: Callable[[], dt.date], noun: str) -> str:
    """「2026/04/01 松本市の訪問記録」 for an activity record: its list's label is the municipality
    alone, and 「松本市」を削除しますか？ reads as deleting the town. A record already gone keeps
    ``label``: the delete that follows says it is gone."""
    from sasaeai_desktop.domain.errors import UserError

    try:
        day = record_date()
    except UserError:
        return label
    return f"{day:%Y/%m/%d} {label}".strip() + noun


def delete_after_confirming(
    parent: QWidget | None, label: str, title: str, delete: Callable[[], None], note: str = ""
) -> bool:
    """Ask (``note``: what stays or goes with it), run the service's (soft) delete, report a
    refusal (the delete's commit tells the pages: gui/changes.py)."""
    from sasaeai_desktop.domain.errors import UserError
    from sasaeai_desktop.gui.tasks import show_error
    from sasaeai_desktop.gui.writes import write

    if not confirm_delete(parent, label, note):
        return False
    try:
        write(parent, title, delete)
    except UserError as exc:
        show_error(parent, title, exc)
        return False
    return True
