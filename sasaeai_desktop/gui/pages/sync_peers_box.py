"""相手のパソコン on the sync page: the other laptops and what each has received from us; a laptop
no longer used is left out — shown greyed behind 「退役したパソコンも表示」 — and can be marked so, or
brought back, from the button or the row's menu (the page asks and calls the service)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMenu
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.pages.sync_tables import fill_table
from sasaeai_desktop.gui.pages.sync_tables import make_table
from sasaeai_desktop.gui.pages.sync_tables import when_text
from sasaeai_desktop.services.sync.status import PeerStatus
from sasaeai_desktop.services.sync.status import SyncStatus


def peer_label(p: PeerStatus) -> str:
    return p.name or p.replica_id[-8:]


class PeersBox(QGroupBox):
    peer_chosen = Signal(str)  # a row double-clicked: that laptop's replica id
    retire_toggled = Signal(object)  # the PeerStatus to mark as no longer used, or in use again

    HEADERS = ("名前", "ID（末尾）", "このパソコンの変更の受け取り", "受け取った相手の変更", "最後に読み込んだ日時", "最後に書き出した日時")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("相手のパソコン"))
        self.busy = False  # the page's flow holds the database: nothing to retire meanwhile
        self.shown: list[PeerStatus] = []  # the table's rows
        self.table = make_table(self.HEADERS, self.tr, 0)
        self.table.setObjectName("peersTable")
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.no_peers_label = QLabel(self.tr("まだ他のパソコンとのやりとりはありません。"))
        self.no_peers_label.setObjectName("noteLabel")
        self.show_retired_check = QCheckBox(self.tr("退役したパソコンも表示"))
        self.show_retired_check.setObjectName("showRetiredCheck")
        self.show_retired_check.setToolTip(self.tr("使わなくなったパソコンも、灰色で一覧に出します"))
        self.retire_button = QPushButton()
        self.retire_button.setObjectName("retireButton")
        layout = QVBoxLayout(self)
        layout.addWidget(self.no_peers_label)
        layout.addWidget(self.table)
        actions = QHBoxLayout()
        actions.addWidget(self.show_retired_check)
        actions.addStretch(1)
        actions.addWidget(self.retire_button)
        layout.addLayout(actions)

        self.table.cellDoubleClicked.connect(self._choose_row)
        self.table.itemSelectionChanged.connect(self.update_retire_button)
        self.table.customContextMenuRequested.connect(self.show_menu)
        self.retire_button.clicked.connect(lambda: self.retire_toggled.emit(self.selected_peer()))

    def fill(self, st: SyncStatus) -> None:
        retired = [p for p in st.peers if not p.is_self and p.retired]
        shown = [p for p in st.peers if not p.is_self and (not p.retired or self.show_retired_check.isChecked())]
        self.shown = shown
        rows = []
        for p in shown:
            if p.retired:
                ack = self.tr("使わなくなったパソコン")
            elif p.acknowledged_ours < 0:
                ack = self.tr("まだ相手から受け取っていません")
            elif p.acknowledged_ours >= st.own_entries:
                ack = self.tr("すべて受け取り済み（{n} 件）").format(n=f"{p.acknowledged_ours:,}")
            else:
                ack = self.tr("{a} / {n} 件まで受け取り済み").format(a=f"{p.acknowledged_ours:,}", n=f"{st.own_entries:,}")
            rows.append((p.name or self.tr("（名前なし）"), p.replica_id[-8:], ack, f"{p.held:,}",
                         when_text(p.last_in_at), when_text(p.last_out_at)))
        fill_table(self.table, rows, [p.replica_id for p in shown], [p.retired for p in shown])
        self.table.setVisible(bool(rows))
        self.no_peers_label.setVisible(not rows)
        self.no_peers_label.setText(
            self.tr("使っている相手のパソコンはありません（使わなくなったパソコン {n} 台）。").format(n=len(retired)) if retired
            else self.tr("まだ他のパソコンとのやりとりはありません。"))
        self.show_retired_check.setVisible(bool(retired) or self.show_retired_check.isChecked())
        self.update_retire_button()

    def _choose_row(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.shown) and not self.shown[row].retired:
            self.peer_chosen.emit(self.shown[row].replica_id)

    def selected_peer(self) -> PeerStatus | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        row = rows[0].row() if rows else -1
        return self.shown[row] if 0 <= row < len(self.shown) else None

    def _retire_text(self, peer: PeerStatus | None, which: str) -> str:
        """「{which}パソコンを使わなくなった…」 — 「この」 in the row's menu, 「選んだ」 on the button
        (beside the 「このパソコン」 box, 「この」 alone would read as this laptop)."""
        if peer is not None and peer.retired:
            return self.tr("また使うパソコンに戻す")
        return self.tr("{which}パソコンを使わなくなった…").format(which=which)

    def update_retire_button(self) -> None:
        peer = self.selected_peer()
        self.retire_button.setText(self._retire_text(peer, self.tr("選んだ")))
        self.retire_button.setEnabled(peer is not None and not self.busy)
        self.retire_button.setVisible(bool(self.shown))

    def show_menu(self, pos: QPoint) -> None:
        item = self.table.itemAt(pos)
        if item is None or self.busy:
            return
        self.table.selectRow(item.row())
        peer = self.selected_peer()
        menu = QMenu(self)
        menu.addAction(self._retire_text(peer, self.tr("この")), lambda: self.retire_toggled.emit(peer))
        menu.popup(self.table.viewport().mapToGlobal(pos))
