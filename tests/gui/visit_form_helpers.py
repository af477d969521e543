"""Answering the visit form's 「下書きを残す／破棄／保存」 in a test.

The autouse ``message_boxes`` fixture makes every QMessageBox.exec() return at once without a
button; this clicks the named one instead, as the officer would, and records the text shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox


def click_on_close_question(monkeypatch: Any, label: str) -> list[tuple[str, list[str]]]:
    """Every QMessageBox.exec() from now on clicks the button labelled ``label``. Returns a list
    of (text shown, button labels) per box."""
    asked: list[tuple[str, list[str]]] = []

    def exec_(box: QMessageBox) -> int:
        labels = [b.text() for b in box.buttons()]
        asked.append((box.text() + "\n" + box.informativeText(), labels))
        for button in box.buttons():
            if button.text() == label:
                button.click()
                break
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return asked
