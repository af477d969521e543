"""競合の確認と解決: fields two laptops changed to different values without seeing each other's edit.

Left, the open conflicts (record, field); right, every value with the laptop and time it was
written; three ways out — 自分の値を残す, 相手の値を採用 (the selected value when several laptops
disagree), 編集… (type the value). Each is services.sync.conflicts.resolve_conflict: a new edit that has seen
every value, so it closes the conflict here and, after the next exchange, on every laptop.
After each resolution the list is read again and the pages are told to reload.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui.dialogs.dialog_frame import lay_out_master_detail
from sasaeai_desktop.gui.dialogs.history_dialog import show_history
from sasaeai_desktop.gui.dialogs.history_dialog import who_text
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.sync_labels import field_label
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.widgets import box_layouts as box
from sasaeai_desktop.gui.widgets.read_only_table import read_only_table
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services import database_file
from sasaeai_desktop.services.sync.conflicts import Conflict
from sasaeai_desktop.services.sync.conflicts import ConflictValue
from sasaeai_desktop.services.sync.conflicts import list_conflicts
from sasaeai_desktop.services.sync.conflicts import resolve_conflict
from sasaeai_desktop.services.sync.labels import reference_labels

_tr = partial(QCoreApplication.translate, "ConflictsDialog")


def conflict_title(c: Conflict) -> str:
    what = _tr("削除か残すか") if c.kind == "delete" else field_label(c.field, c.table)
    return f"{c.table_label}「{c.row_label}」 — {what}"


def parse_typed_value(text: str, like: Any) -> Any:
    """The typed text as the column's kind of value: a number stays a number (UserError otherwise)."""
    if isinstance(like, int):  # a flag (bool) too, typed as 0 or 1
        kind: type[int] | type[float] = int
        message = _tr("「{text}」は整数ではありません。数字で入力してください。")
    elif isinstance(like, float):
        kind, message = float, _tr("「{text}」は数値ではありません。数字で入力してください。")
    else:
        return text
    if text.strip() == "":
        return None
    try:
        return kind(text.strip())
    except ValueError:
        raise UserError(message.format(text=text)) from None


# Free-text columns typed in several lines in their forms (visit notes, answers, remarks).
MULTI_LINE_FIELDS = frozenset({"advice", "observations", "issues", "purpose", "question", "answer", "outcome", "notes",
                               "details", "comment", "program_notes", "strengths", "activity_text", "support_wanted"})


def is_multi_line(conflict: Conflict) -> bool:
    return conflict.field in MULTI_LINE_FIELDS or any(isinstance(v.value, str) and "\n" in v.value for v in conflict.values)


def _ask_lines(parent: QWidget | None, label: str, current: str) -> str | None:
    """QInputDialog's several-line box, keyboard-friendly: Tab leaves the box (it typed a tab
    character), Ctrl+Enter is OK as in the record forms; Enter starts a new line."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(_tr("値を編集"))
    dialog.setLabelText(label)
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput, True)
    dialog.setTextValue(current)
    dialog.setOkButtonText(_tr("OK (Ctrl+Enter)"))
    dialog.setCancelButtonText(_tr("キャンセル"))
    dialog.resize(640, 320)
    for text_box in dialog.findChildren(QPlainTextEdit):
        text_box.setTabChangesFocus(True)
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, activated=dialog.accept)
    try:
        return dialog.textValue() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_value(parent: QWidget | None, conflict: Conflict) -> str | None:
    """The value typed for 編集… (None when cancelled); a box of several lines for a text typed in
    several lines (助言内容), where a one-line box would lose the line breaks."""
    current = "" if conflict.current is None else str(conflict.current)
    label = _tr("{title}\n残す値を入力してください。").format(title=conflict_title(conflict))
    if is_multi_line(conflict):
        # every value is put in, one after another: keeping both is tidying, not retyping
        texts = [current] if current else []
        for v in conflict.values:
            if isinstance(v.value, str) and v.value and v.value not in texts:
                texts.append(v.value)
        label = _tr("{title}\nどちらの値も入れてあります。残す形に直してください（一方だけを残すときは「自分の値を残す」"
                    "「相手の値を採用」も使えます）。").format(title=conflict_title(conflict))
        return _ask_lines(parent, label, "\n".join(texts))
    else:
        text, ok = QInputDialog.getText(parent, _tr("値を編集"), label, QLineEdit.EchoMode.Normal, current)
    return text if ok else None


class ConflictsDialog(QDialog):
    resolved = Signal(str)  # the conflict id, after it was resolved

    VALUE_HEADERS = ("パソコン", "日時", "値", "")

    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.conflicts: list[Conflict] = []
        self.replica = database_file.database_facts(shell.uow()).replica_id or ""
        self.setObjectName("conflictsDialog")
        self.setWindowTitle(self.tr("競合の確認と解決"))
        intro = QLabel(
            self.tr("別々のパソコンで同じ項目が違う値に変更されました。どの値を残すか選んでください。"
                    "選んだ結果は次の同期で他のパソコンにも伝わります。"),
            self,
        )
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("conflictList")
        # a title is record and field (「訪問「上田市 2026-12-03 …」 — 助言内容」): wrap it, do not cut the field off
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(2)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("conflictTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.values = read_only_table(self, [self.tr(h) for h in self.VALUE_HEADERS], "valueTable", single=True)
        # ↑↓ pick a value; Tab goes on to the buttons (by default it walks the cells and never leaves)
        self.values.setTabKeyNavigation(False)
        vh = self.values.horizontalHeader()
        vh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        vh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        vh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        vh.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("hintLabel")
        self.hint_label.setWordWrap(True)
        self.mine_button = QPushButton(self.tr("自分の値を残す"), self)
        self.mine_button.setObjectName("keepMine")
        self.mine_button.setToolTip(self.tr("このパソコンで入力した値（このパソコンで入力していなければ、いま表示している値）を残します"))
        self.theirs_button = QPushButton(self.tr("相手の値を採用"), self)
        self.theirs_button.setObjectName("keepTheirs")
        self.edit_button = QPushButton(self.tr("編集…"), self)
        self.edit_button.setObjectName("editValue")
        self.history_button = QPushButton(self.tr("変更履歴…"), self)
        self.history_button.setObjectName("historyButton")
        self.empty_label = QLabel(self.tr("未解決の競合はありません。"), self)
        self.empty_label.setObjectName("emptyLabel")

        right = QWidget(self)
        actions = box.row(None, self.mine_button, self.theirs_button, self.edit_button, box.Stretch(),
                          self.history_button)
        box.column(right, self.title_label, (self.values, 1), self.hint_label, actions, margins=(0, 0, 0, 0))
        lay_out_master_detail(self, intro, self.empty_label, self.list, right, stretch=(2, 3), size=(980, 560))

        self.list.currentRowChanged.connect(self._show_current)
        self.values.itemSelectionChanged.connect(self._update_buttons)
        self.mine_button.clicked.connect(lambda: self.resolve("mine"))
        self.theirs_button.clicked.connect(lambda: self.resolve("theirs"))
        self.edit_button.clicked.connect(self.edit_value)
        self.history_button.clicked.connect(self._open_history)
        self.reload()

    # -- reading ---------------------------------------------------------------------------------
    def reload(self, keep: str | None = None) -> None:
        self.conflicts = list_conflicts(self.shell.uow())
        self.list.blockSignals(True)
        self.list.clear()
        for c in self.conflicts:
            item = QListWidgetItem(conflict_title(c))
            item.setToolTip(conflict_title(c))
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [c.id for c in self.conflicts]
        row = ids.index(keep) if keep in ids else (0 if ids else -1)
        self.list.setCurrentRow(row)
        self._show_current(row)
        self.empty_label.setVisible(not ids)

    def current(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _others(self, c: Conflict) -> list[ConflictValue]:
        """The other laptops' values, one per distinct value."""
        seen: dict[str, ConflictValue] = {}
        for v in c.values:
            if not v.is_mine:
                seen.setdefault(json.dumps(v.value, ensure_ascii=False), v)
        return list(seen.values())

    def _show_current(self, _row: int = -1) -> None:
        c = self.current()
        self.values.setRowCount(0)
        if c is None:
            self.title_label.setText("")
            self.hint_label.setText("")
            self._update_buttons()
            return
        self.title_label.setText(conflict_title(c))
        names = reference_labels(self.shell.uow(), c.table, ((c.field, v.value) for v in c.values))
        self.values.setRowCount(len(c.values))
        for r, v in enumerate(c.values):
            who = who_text(v.origin_name, v.origin, self.replica)
            # "mine" is this laptop's value, or, when this laptop wrote none, the one shown here
            marks = [self.tr("自分の値")] if v.is_mine else []
            if v.is_current:
                marks.append(self.tr("いま表示中"))
            shown = names.get((c.field, v.value), v.display) if isinstance(v.value, str) else v.display
            for col, text in enumerate((who, v.at.strftime("%Y-%m-%d %H:%M"), shown, "・".join(marks))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.values.setItem(r, col, item)
        if c.kind == "delete":
            hint = self.tr("一方のパソコンで削除され、もう一方で編集されました。「削除」を残すと削除されたまま、"
                           "「有効」を残すと記録が元に戻ります（編集の内容は記録に入っています）。")
        elif len(self._others(c)) > 1:
            hint = self.tr("相手の値が複数あります。採用する値を表で選んでから「相手の値を採用」を押してください。")
        else:
            hint = ""
        self.hint_label.setText(hint)
        self.hint_label.setVisible(bool(hint))
        self._update_buttons()

    def _selected_value(self) -> ConflictValue | None:
        c = self.current()
        rows = {i.row() for i in self.values.selectedItems()}
        if c is None or len(rows) != 1:
            return None
        return c.values[rows.pop()]

    def _update_buttons(self) -> None:
        c = self.current()
        self.mine_button.setEnabled(c is not None and any(v.is_mine for v in c.values))
        if c is None:
            self.theirs_button.setEnabled(False)
        else:
            chosen = self._selected_value()
            self.theirs_button.setEnabled(len(self._others(c)) == 1 or (chosen is not None and not chosen.is_mine))
        # a delete is kept or undone, and a reference is one of the values: nothing to type
        self.edit_button.setEnabled(c is not None and c.kind != "delete" and not c.field.endswith("_id"))
        self.history_button.setEnabled(c is not None)

    # -- resolving -------------------------------------------------------------------------------
    def resolve(self, choice: str, value: Any = None) -> bool:
        c = self.current()
        if c is None:
            return False
        if choice == "theirs" and len(self._others(c)) > 1:
            chosen = self._selected_value()
            if chosen is None or chosen.is_mine:
                return False
            choice, value = "value", chosen.value
        try:
            write(self, self.tr("競合の解決"), partial(resolve_conflict, self.shell.uow(), c.id, choice, value))
        except UserError as exc:
            show_error(self, self.tr("競合の解決"), exc)
            self.reload(c.id)
            return False
        row = self.list.currentRow()
        self.reload()
        if self.conflicts:
            self.list.setCurrentRow(min(row, len(self.conflicts) - 1))
        self.resolved.emit(c.id)
        return True

    def edit_value(self) -> bool:
        c = self.current()
        if c is None:
            return False
        text = ask_value(self, c)
        if text is None:
            return False
        like = next((v.value for v in c.values if v.value is not None), c.current)
        try:
            value = parse_typed_value(text, like)
        except UserError as exc:
            show_error(self, self.tr("競合の解決"), exc)
            return False
        return self.resolve("value", value)

    def _open_history(self) -> None:
        c = self.current()
        if c is not None:
            show_history(self.shell, self, c.table, c.row_id, c.row_label)


def open_conflicts(shell: ShellContext, parent: QWidget | None) -> ConflictsDialog:
    """Open the dialog modelessly (the officer may look at the records while deciding)."""
    dialog = ConflictsDialog(shell, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
