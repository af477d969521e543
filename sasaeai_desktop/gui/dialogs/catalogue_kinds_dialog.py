"""種類の編集 — the catalogue's list of kinds (通いの場, サロン …) with 追加 / 名前を変更 / 削除, opened
from the 地域資源 page. Each kind shows how many entries use it; a rename renames them with it; a
kind still in use is deleted only by moving its entries to another kind, chosen here (the service
refuses otherwise). Every change is stored at once and announced as 'catalogue' (gui/changes), so
the page's filter and the form's list follow.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui.dialogs.confirm import confirm_delete
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.gui.writes import write_or_say
from sasaeai_desktop.services.catalogue import kinds

KIND_ROLE = Qt.ItemDataRole.UserRole


class CatalogueKindsDialog(QDialog):
    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.setWindowTitle(self.tr("種類の編集"))
        self.resize(420, 460)
        remember(self)  # the size the officer last gave it
        self.rows: list[kinds.KindRow] = []
        self.kind_list = QListWidget(self)
        self.kind_list.setObjectName("kindList")
        hint = QLabel(self.tr("名前を変えると、その種類の地域資源もすべて新しい名前になります。"
                              "使われている種類を削除するときは、移し先の種類を選びます。"), self)
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        self.add_button, self.rename_button, self.delete_button = (
            self._button(text, slot, buttons) for text, slot in (
                (self.tr("追加(&A)…"), self.add_kind), (self.tr("名前を変更(&R)…"), self.rename_kind),
                (self.tr("削除(&D)…"), self.delete_kind)))
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("地域資源の種類（件数は使っている記録の数）"), self))
        layout.addWidget(self.kind_list, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addWidget(close)
        self.kind_list.currentRowChanged.connect(lambda _r: self._enable())
        self.reload()

    def _button(self, text: str, slot: Callable[[], object], row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(lambda _c=False: slot())
        row.addWidget(button)
        return button

    def _enable(self) -> None:
        chosen = self.current() is not None
        self.rename_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def reload(self, select: str | None = None) -> None:
        """The list from the database; ``select`` (a kind's name), else the chosen one, stays chosen."""
        current = self.current()
        wanted = select or (current.name if current else None)
        self.rows = kinds.kinds_in_use(self.shell.uow())
        self.kind_list.clear()
        for k in self.rows:
            item = QListWidgetItem(self.tr("{name}（{n}件）").format(name=k.name, n=f"{k.entries:,}"))
            item.setData(KIND_ROLE, k.id)
            self.kind_list.addItem(item)
        names = [k.name for k in self.rows]
        self.kind_list.setCurrentRow(names.index(wanted) if wanted in names else (0 if names else -1))
        self._enable()

    def current(self) -> kinds.KindRow | None:
        row = self.kind_list.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _store(self, action: Callable[[], object]) -> bool:
        return write_or_say(self, self.windowTitle(), action)

    def _ask_name(self, title: str, text: str = "") -> str | None:
        name, ok = QInputDialog.getText(self, title, self.tr("種類の名前（例: 体操教室、認知症カフェ）"),
                                        QLineEdit.EchoMode.Normal, text)
        return name.strip() if ok and name.strip() else None

    def add_kind(self, name: str | None = None) -> bool:
        name = name or self._ask_name(self.tr("種類を追加"))
        if not name:
            return False
        added: list[str] = []
        if not self._store(lambda: added.append(kinds.add_kind(self.shell.uow(), name))):
            return False
        self.reload(select=added[0])
        return True

    def rename_kind(self, name: str | None = None) -> bool:
        kind = self.current()
        if kind is None:
            return False
        name = name or self._ask_name(self.tr("種類の名前を変更"), kind.name)
        if not name or not self._store(lambda: kinds.rename_kind(self.shell.uow(), kind.id, name)):
            return False
        self.reload(select=kinds.known_kind([k.name for k in kinds.kinds_in_use(self.shell.uow())], name))
        return True

    def delete_kind(self, move_to: str | None = None) -> bool:
        """Delete the chosen kind; one in use asks where its entries go (``move_to``: already chosen)."""
        kind = self.current()
        if kind is None:
            return False
        note = ""
        if kind.entries:
            others = [k.name for k in self.rows if k.id != kind.id]
            if not others:
                show_error(self, self.windowTitle(), UserError(self.tr(
                    "「{name}」は{n}件の地域資源で使われています。ほかの種類がないため削除できません。").format(
                    name=kind.name, n=f"{kind.entries:,}")))
                return False
            if move_to is None:
                move_to, ok = QInputDialog.getItem(
                    self, self.windowTitle(), self.tr("「{name}」は{n}件の地域資源で使われています。\n"
                                                      "削除する前に、それらをどの種類に移しますか？").format(
                        name=kind.name, n=f"{kind.entries:,}"), others, 0, False)
                if not ok:
                    return False
            note = self.tr("{n}件の地域資源の種類を「{to}」に変えてから削除します。").format(
                n=f"{kind.entries:,}", to=move_to)
        if not confirm_delete(self, kind.name, note):
            return False
        if not self._store(lambda: kinds.delete_kind(self.shell.uow(), kind.id, move_to)):
            return False
        self.reload(select=move_to)
        return True


def edit_kinds(shell: ShellContext, parent: QWidget | None) -> None:
    CatalogueKindsDialog(shell, parent).exec()
