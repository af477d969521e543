"""The column names of domain/field_labels.py through Qt's translation, and stored values as an
officer reads them, for the history and conflict dialogs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from sasaeai_desktop.domain.field_labels import YES_NO_FIELDS
from sasaeai_desktop.domain.field_labels import field_label_ja


def field_label(field: str, table: str = "") -> str:
    label = field_label_ja(field, table)
    return QCoreApplication.translate("sync_labels", label) if label != field else field


def value_text(field: str, value: Any) -> str:
    """A stored value as an officer reads it (削除 flags in words, nothing as （空）)."""
    if field == "deleted":
        words = {0: "有効", 1: "削除", 2: "完全に削除"}
        return QCoreApplication.translate("sync_labels", words.get(value, str(value)))
    if value is None or value == "":
        return QCoreApplication.translate("sync_labels", "（空）")
    if isinstance(value, bool) or (field in YES_NO_FIELDS and value in (0, 1)):
        return QCoreApplication.translate("sync_labels", "はい" if value else "いいえ")
    return str(value).replace("\n", " ⏎ ")
