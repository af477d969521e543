"""変更履歴: every write to every field of one record — value, which laptop, when (newest first).

The change log the sync keeps is the audit trail (services.sync.history.field_history); this only shows it.
Derived and bookkeeping columns are left out unless 「内部の項目も表示」 is ticked.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.field_labels import HIDDEN_FIELDS
from sasaeai_desktop.domain.field_labels import OP_LABELS
from sasaeai_desktop.gui.dialogs.dialog_frame import close_button_box
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.sync_labels import field_label
from sasaeai_desktop.gui.sync_labels import value_text
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.widgets.read_only_table import read_only_table
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.services import database_file
from sasaeai_desktop.services.sync.history import HistoryItem
from sasaeai_desktop.services.sync.history import field_history
from sasaeai_desktop.services.sync.labels import TABLE_LABELS
from sasaeai_desktop.services.sync.labels import reference_labels

ALL_FIELDS = ""


_tr = partial(QCoreApplication.translate, "HistoryDialog")


def who_text(origin_name: str, origin: str, mine: str) -> str:
    """「田中PC（…1a2b3c4d）」, or 「このパソコン」 for our own replica."""
    if origin == mine:
        return _tr("このパソコン") + (f"（{origin_name}）" if origin_name else "")
    short = origin[-8:]
    return f"{origin_name}（{short}）" if origin_name else short


class HistoryDialog(QDialog):
    HEADERS = ("日時", "パソコン", "操作", "項目", "値")

    def __init__(self, shell: ShellContext, table: str, row_id: str, label: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("変更履歴 — {label}").format(label=label or TABLE_LABELS.get(table, table)))
        self.record_table = table
        self.row_id = row_id
        self.items = field_history(shell.uow(), table, row_id)
        self.references = reference_labels(shell.uow(), table, ((h.field, h.value) for h in self.items))
        self.replica = database_file.database_facts(shell.uow()).replica_id or ""
        intro = QLabel(
            self.tr("この記録の項目ごとに、いつ・どのパソコンで・どの値にしたかを新しい順に表示します"
                    "（同期で届いた変更も含みます）。"),
            self,
        )
        intro.setWordWrap(True)
        self.field_combo = QComboBox(self)
        self.field_combo.setObjectName("fieldCombo")
        self.all_box = QCheckBox(self.tr("内部の項目も表示"), self)
        self.all_box.setObjectName("showInternal")
        self.table = read_only_table(self, [self.tr(h) for h in self.HEADERS], "historyTable")
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for col in range(len(self.HEADERS) - 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(self.HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(self.tr("この記録の変更履歴はまだありません。"), self)
        self.empty_label.setObjectName("emptyLabel")

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("項目"), self))
        filters.addWidget(self.field_combo, 1)
        filters.addWidget(self.all_box)
        buttons = close_button_box(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(buttons)
        self.resize(860, 520)
        remember(self)

        self._fill_fields()
        self.field_combo.currentIndexChanged.connect(self.refresh)
        self.all_box.toggled.connect(self._fill_fields)
        self.refresh()

    def _visible(self, field: str) -> bool:
        return self.all_box.isChecked() or field not in HIDDEN_FIELDS

    def _fill_fields(self) -> None:
        current = self.field_combo.currentData()
        self.field_combo.blockSignals(True)
        self.field_combo.clear()
        self.field_combo.addItem(self.tr("すべての項目"), ALL_FIELDS)
        for field in dict.fromkeys(h.field for h in self.items if self._visible(h.field)):
            self.field_combo.addItem(field_label(field, self.record_table), field)
        self.field_combo.setCurrentIndex(max(self.field_combo.findData(current), 0))
        self.field_combo.blockSignals(False)
        self.refresh()

    def _meaningful(self) -> list[HistoryItem]:
        """The items minus noise: the empty fields of a new record, and the 「有効」 every edit of a
        live row records (it marks that its writer saw the row alive, for the merge); a change
        back to 有効 (a restore) stays."""
        out, alive = [], True
        for h in self.items:  # oldest first
            if h.field == "deleted":
                quiet = h.value == 0 and alive
                alive = h.value == 0
                if quiet:
                    continue
            elif h.op == "I" and h.value in (None, ""):
                continue
            out.append(h)
        return out

    def shown_items(self) -> list[HistoryItem]:
        chosen = self.field_combo.currentData()
        source = self.items if self.all_box.isChecked() else self._meaningful()
        rows = [h for h in source if self._visible(h.field) and chosen in (ALL_FIELDS, None, h.field)]
        # newest change first, the fields of one change in their own order (sorted is stable)
        change, keyed, last, fields = 0, [], None, set()
        for h in rows:
            # a field written twice in one instant belongs to two changes
            if (h.op, h.origin, h.at) != last or h.field in fields:
                change, last, fields = change + 1, (h.op, h.origin, h.at), set()
            fields.add(h.field)
            keyed.append(((h.at, change), h))
        return [h for _key, h in sorted(keyed, key=lambda kh: kh[0], reverse=True)]

    def value_of(self, h: HistoryItem) -> str:
        """The value as read: a reference by the name of what it points at (the id in the tooltip)."""
        if isinstance(h.value, str) and (h.field, h.value) in self.references:
            return self.references[(h.field, h.value)]
        return value_text(h.field, h.value)

    def refresh(self) -> None:
        rows = self.shown_items()
        self.table.setRowCount(len(rows))
        for r, h in enumerate(rows):
            cells = (
                h.at.strftime("%Y-%m-%d %H:%M:%S"),
                who_text(h.origin_name, h.origin, self.replica),
                self.tr(OP_LABELS.get(h.op, h.op)),
                field_label(h.field, self.record_table),
                self.value_of(h),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == len(cells) - 1:
                    item.setToolTip(str(h.value))
                self.table.setItem(r, c, item)
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)


def show_history(shell: ShellContext, parent: QWidget | None, table: str, row_id: str | None, label: str = "") -> None:
    """Open the history of one record (nothing to show for a record not saved yet)."""
    if not row_id:
        return
    try:
        dialog = HistoryDialog(shell, table, row_id, label, parent)
    except UserError as exc:
        show_error(parent, _tr("変更履歴"), exc)
        return
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.exec()

