"""The 「Excelから取り込む…」 button of a list page's toolbar.

Kept apart from ``gui/dialogs/import_dialog`` so that building the first list page at start-up
does not import the whole import dialog (and the services behind it, ~50 ms): the dialog module
is imported only when the button is pressed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QPushButton

from sasaeai_desktop.gui.shell_context import ShellContext


def add_import_button(page: Any, shell: ShellContext, kind: str) -> None:
    """Put the button just before the page's count label (once)."""
    if getattr(page, "import_button", None) is not None:
        return
    button = QPushButton(page.tr("Excelから取り込む…"), page)
    button.setObjectName("importExcelButton")
    button.setToolTip(page.tr("Excelの一覧を確認してから取り込みます（問題があれば何も書き込みません）"))
    button.clicked.connect(lambda: _open(page, shell, kind))
    outer = page.layout()
    for i in range(outer.count()):
        inner = outer.itemAt(i).layout()
        if inner is not None and inner.indexOf(page.count_label) >= 0:
            inner.insertWidget(inner.indexOf(page.count_label), button)
            break
    page.import_button = button


def _open(page: Any, shell: ShellContext, kind: str) -> None:
    from sasaeai_desktop.gui.dialogs.import_dialog import open_import_dialog

    open_import_dialog(page, shell, kind)
