"""同期: exchanging data between laptops as files (services/sync/ does the work; docs/sync.md).

What an officer sees: this laptop (name, ids), the other laptops and what each has received from
us (sync_peers_box.py), the files written and read with dates, open conflicts and possible
duplicate people, and the three things to do — make a file for someone, read a file, make an
enrolment file for a new PC (sync_flows.py).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.pages.sync_flows import SyncFileFlows
from sasaeai_desktop.gui.pages.sync_peers_box import PeersBox
from sasaeai_desktop.gui.pages.sync_peers_box import peer_label
from sasaeai_desktop.gui.pages.sync_tables import fill_table
from sasaeai_desktop.gui.pages.sync_tables import make_table
from sasaeai_desktop.gui.pages.sync_tables import when_text
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import TaskHandle
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.window_memory import remember_splitter
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services.sync.export import ExportResult
from sasaeai_desktop.services.sync.importing import ImportResult
from sasaeai_desktop.services.sync.peers import set_peer_retired
from sasaeai_desktop.services.sync.replica import set_replica_name
from sasaeai_desktop.services.sync.status import PeerStatus
from sasaeai_desktop.services.sync.status import SyncStatus
from sasaeai_desktop.services.sync.status import status

EVERYONE = ""  # the peer combo's value for 全員 (everything, for a laptop not known yet)


def _notice(name: str, colours: str) -> QLabel:
    """A boxed note above the lists, hidden until there is something to say."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setVisible(False)
    label.setStyleSheet(f"QLabel {{ {colours} padding: 8px; }}")
    return label


class SyncPage(SyncFileFlows):
    FILE_HEADERS = ("日時", "種類", "相手", "ファイル名", "大きさ", "内容")

    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self._loaded = False
        self.state: SyncStatus | None = None
        self.task: TaskHandle | None = None
        self.busy = False
        self.last_import: ImportResult | None = None
        self.last_export: ExportResult | None = None

        title = QLabel(self.tr("同期（ファイルによるデータ交換）"))
        title.setObjectName("pageTitle")
        intro = QLabel(
            self.tr("それぞれのパソコンで入力した記録を、ファイル（USBメモリ・共有フォルダー・メール添付）でやりとりして"
                    "同じ内容にそろえます。相手用のファイルを作って渡し、相手から受け取ったファイルを読み込んでください。"
                    "ファイルは合言葉で暗号化されます。")
        )
        intro.setWordWrap(True)
        intro.setObjectName("bodyText")

        # -- what needs attention ----------------------------------------------------------------
        self.result_label = _notice("importSummaryLabel", "background: #eef6ee; border: 1px solid #b5d6b5;")
        # A copied or restored laptop found by an import: both sides' edits were kept, and the
        # officer should know why a laptop now appears twice (services/sync/fork.py).
        self.forks_label = _notice("forksLabel", "background: #fff4e5; border: 1px solid #e0b46c;")
        attention = QHBoxLayout()
        self.conflicts_label, self.conflicts_button = self._attention(attention, "conflicts", self.tr("競合を確認・解決…"))
        attention.addSpacing(24)
        self.duplicates_label, self.duplicates_button = self._attention(attention, "duplicates", self.tr("同一人物の候補を確認…"))
        attention.addStretch(1)

        # -- peers and files ---------------------------------------------------------------------
        self.peers = PeersBox()
        self.files_table = make_table(self.FILE_HEADERS, self.tr, 5)
        self.files_table.setObjectName("filesTable")
        files_box = QGroupBox(self.tr("書き出し・読み込みの記録（新しい順）"))
        QVBoxLayout(files_box).addWidget(self.files_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.peers)
        splitter.addWidget(files_box)
        splitter.setChildrenCollapsible(False)
        remember_splitter(splitter, "sync")

        top = QHBoxLayout()
        top.addWidget(self._this_laptop_box(), 1)
        top.addWidget(self._files_to_exchange_box(), 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.result_label)
        layout.addWidget(self.forks_label)
        layout.addLayout(attention)
        layout.addWidget(splitter, 1)

        self.name_button.clicked.connect(self.save_name)
        self.name_edit.returnPressed.connect(self.save_name)
        self.peer_combo.currentIndexChanged.connect(self._update_export_text)
        self.export_button.clicked.connect(lambda: self.make_file())
        self.import_button.clicked.connect(lambda: self.read_file())
        self.enrol_button.clicked.connect(lambda: self.make_enrolment_file())
        self.export_each_button.clicked.connect(lambda: self.make_file_for_each())
        self.conflicts_button.clicked.connect(self.show_conflicts)
        self.duplicates_button.clicked.connect(self.show_duplicates)
        self.peers.peer_chosen.connect(lambda rid: self.peer_combo.setCurrentIndex(max(self.peer_combo.findData(rid), 0)))
        self.peers.show_retired_check.toggled.connect(self._refill_peers)
        self.peers.retire_toggled.connect(self.toggle_retired)
        changes.hub().changed.connect(self.on_changes)
        self._update_export_text()

    def _this_laptop_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("このパソコン"))
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("replicaNameEdit")
        self.name_edit.setPlaceholderText(self.tr("例: 田中（介護支援課）"))
        self.name_edit.setToolTip(self.tr("相手のパソコンの同期画面に表示される名前です"))
        self.name_button = QPushButton(self.tr("名前を保存"))
        self.name_button.setObjectName("saveNameButton")
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_edit, 1)
        name_row.addWidget(self.name_button)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.dataset_label = QLabel()
        self.replica_label = QLabel()
        for label in (self.dataset_label, self.replica_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setFont(mono)
        self.dataset_label.setToolTip(self.tr("データセットIDが同じデータベースどうしだけが、同期でまとめられます"))
        self.replica_label.setToolTip(self.tr("このデータベースに固有のIDです。誰がどの変更をしたかを見分けるために使います"))
        self.own_label = QLabel()
        self.own_label.setObjectName("ownLabel")
        form.addRow(self.tr("名前"), name_row)
        form.addRow(self.tr("データセットID"), self.dataset_label)
        form.addRow(self.tr("このパソコンのID"), self.replica_label)
        form.addRow(self.tr("変更"), self.own_label)
        return box

    def _files_to_exchange_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("ファイルのやりとり"))
        grid = QGridLayout(box)
        self.peer_combo = QComboBox()
        self.peer_combo.setObjectName("peerCombo")
        self.peer_combo.setMinimumContentsLength(14)
        self.export_button = QPushButton()
        self.export_button.setObjectName("exportButton")
        self.import_button = QPushButton(self.tr("ファイルを読み込む…"))
        self.import_button.setObjectName("importButton")
        self.enrol_button = QPushButton(self.tr("新しいパソコン用の登録ファイルを作成…"))
        self.enrol_button.setObjectName("enrolButton")
        self.export_each_button = QPushButton(self.tr("各パソコン用のファイルをまとめて作成…"))
        self.export_each_button.setObjectName("exportEachButton")
        self.export_each_button.setToolTip(self.tr("一覧のパソコンそれぞれに、その相手がまだ受け取っていない変更のファイルを、選んだフォルダーに作ります"))
        self.export_button.setDefault(True)
        grid.addWidget(QLabel(self.tr("渡す相手")), 0, 0)
        grid.addWidget(self.peer_combo, 0, 1)
        grid.addWidget(self.export_button, 0, 2)
        grid.addWidget(self.export_each_button, 1, 2)
        grid.addWidget(self.import_button, 2, 2)
        grid.addWidget(self.enrol_button, 3, 2)
        hint = QLabel(self.tr("相手が一覧にないとき（初めてのやりとり）は「全員」を選ぶと、すべての変更を入れます。"))
        hint.setObjectName("noteLabel")
        hint.setWordWrap(True)
        grid.addWidget(hint, 1, 0, 3, 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        return box

    @staticmethod
    def _attention(row: QHBoxLayout, name: str, button_text: str) -> tuple[QLabel, QPushButton]:
        """A count (conflicts, duplicates) and the button that opens what it counts."""
        label = QLabel()
        label.setObjectName(f"{name}Label")
        button = QPushButton(button_text)
        button.setObjectName(f"{name}Button")
        row.addWidget(label)
        row.addWidget(button)
        return label, button

    # -- loading ---------------------------------------------------------------------------------
    def on_changes(self, _kinds: frozenset[str]) -> None:
        # Any edit may add pending changes or close a conflict; read again when next looked at.
        self._loaded = False
        if self.isVisible() and not self.busy:
            self.reload()

    def reload(self) -> None:
        if self.busy:
            return  # the task holds the database; the flow reloads when it ends
        st = status(self.shell.uow())
        self.state = st
        not_set = self.tr("（未設定）")
        self.dataset_label.setText(st.dataset_id or not_set)
        self.replica_label.setText(st.replica_id or not_set)
        if not self.name_edit.hasFocus():
            self.name_edit.setText(st.replica_name)
        pending = self.tr("（まだファイルにしていない変更 {n} 行）").format(n=f"{st.pending_changes:,}") if st.pending_changes else ""
        self.own_label.setText(
            self.tr("変更のまとまり {n} 件").format(n=f"{st.own_entries:,}") + pending
            + "　" + (self.tr("合言葉: 設定済み") if st.passphrase_set else self.tr("合言葉: 未設定（最初のファイル作成で決めます）"))
        )
        self._fill_peers(st)
        self._fill_files(st)
        self.forks_label.setText("\n".join(st.forks))
        self.forks_label.setVisible(bool(st.forks))
        self.conflicts_label.setText(self.tr("未解決の競合: {n} 件").format(n=st.open_conflicts))
        self.conflicts_button.setEnabled(st.open_conflicts > 0)
        self.conflicts_label.setStyleSheet("QLabel { color: #b3261e; font-weight: bold; }" if st.open_conflicts else "")
        self.duplicates_label.setText(self.tr("同一人物の候補: {n} 組").format(n=st.duplicate_people))
        self.duplicates_button.setEnabled(st.duplicate_people > 0)
        self.duplicates_label.setStyleSheet("QLabel { color: #8a5a00; font-weight: bold; }" if st.duplicate_people else "")
        ready = bool(st.dataset_id and st.replica_id)
        for button in (self.export_button, self.import_button, self.enrol_button, self.name_button):
            button.setEnabled(ready and not self.busy)
        self.export_each_button.setEnabled(ready and not self.busy and bool(self.others()))
        self._loaded = True
        self.status_changed.emit(self.status_text())
        self.data_ready.emit()

    def status_text(self) -> str:
        st = self.state
        if st is None:
            return ""
        return self.tr("相手のパソコン {p} 台・未解決の競合 {c} 件").format(p=len(self.others()), c=st.open_conflicts)

    def others(self) -> list[PeerStatus]:
        return [p for p in (self.state.peers if self.state else ()) if not p.is_self and not p.retired]

    def _refill_peers(self) -> None:
        if self.state is not None:
            self._fill_peers(self.state)

    def _fill_peers(self, st: SyncStatus) -> None:
        self.peers.fill(st)
        # the combo: 全員 first, then each laptop; keep the choice across reloads
        chosen = self.peer_combo.currentData()
        self.peer_combo.blockSignals(True)
        self.peer_combo.clear()
        self.peer_combo.addItem(self.tr("全員（すべての変更）"), EVERYONE)
        for p in self.others():
            self.peer_combo.addItem(f"{peer_label(p)}（{p.replica_id[-8:]}）" if p.name else peer_label(p), p.replica_id)
        self.peer_combo.setCurrentIndex(max(self.peer_combo.findData(chosen), 0))
        self.peer_combo.blockSignals(False)
        self._update_export_text()

    def _fill_files(self, st: SyncStatus) -> None:
        rows = []
        for f in st.files:
            kind = self.tr("読み込み") if f.direction == "in" else self.tr("書き出し")
            who = f.peer_name or (f.peer[-8:] if f.peer else self.tr("全員"))
            rows.append((when_text(f.at), kind, who, f.name, self.tr("{n} KB").format(n=f"{max(f.bytes // 1024, 1):,}"), f.summary))
        fill_table(self.files_table, rows, [f.summary for f in st.files])

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.export_button, self.import_button, self.enrol_button, self.name_button):
            button.setEnabled(not busy)
        self.export_each_button.setEnabled(not busy and bool(self.others()))
        self.peers.busy = busy
        self.peers.update_retire_button()

    # -- a laptop no longer used -----------------------------------------------------------------
    def toggle_retired(self, peer: PeerStatus | None) -> bool:
        """Mark the laptop as no longer used (after asking), or as in use again. True when changed."""
        if peer is None:
            return False
        title = self.tr("使わなくなったパソコン")
        if not peer.retired:
            text = self.tr(
                "「{name}」を使わなくなったパソコンにしますか？\n\n"
                "相手の一覧と「渡す相手」から外れ、このパソコンの変更がそちらに届いたかを待たなくなります。"
                "そのパソコンで入力された記録や変更履歴は消えません。"
                "あとでそのパソコンからファイルが届いたら、自動で一覧に戻ります。"
            ).format(name=peer_label(peer))
            answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            write(self, title, partial(set_peer_retired, self.shell.uow(), peer.replica_id, retired=not peer.retired))
        except UserError as exc:
            show_error(self, title, exc)
            return False
        self.reload()
        return True

    def chosen_peer(self) -> PeerStatus | None:
        rid = self.peer_combo.currentData()
        return next((p for p in self.others() if p.replica_id == rid), None)

    def _update_export_text(self) -> None:
        peer = self.chosen_peer()
        if peer is None:
            self.export_button.setText(self.tr("全員用のファイルを作成…"))
        else:
            self.export_button.setText(self.tr("{name}さん用のファイルを作成…").format(name=peer_label(peer)))

    # -- this laptop's name ----------------------------------------------------------------------
    def save_name(self) -> None:
        name = self.name_edit.text().strip()
        try:
            write(self, self.tr("名前の保存"), partial(set_replica_name, self.shell.uow(), name))
        except UserError as exc:
            show_error(self, self.tr("名前の保存"), exc)
            return
        self.name_edit.clearFocus()
        self.reload()
