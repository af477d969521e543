"""同期: exchanging data between laptops as files (services.sync.exchange does the work; docs/sync.md).

What an officer sees: this laptop (name, ids), the other laptops and what each has received from
us, the files written and read with dates, open conflicts and possible duplicate people, and the
three things to do — make a file for someone, read a file, make an enrolment file for a new PC.
A laptop no longer used can be marked so (「このパソコンを使わなくなった…」, services.sync.exchange.set_peer_retired):
it leaves the lists — shown greyed behind 「退役したパソコンも表示」 — and comes back when it sends a file.

Reading a file is two steps, both off the GUI thread (gui/tasks.run_task, progress + キャンセル):
a dry run that reports what would change, then, after 取り込む, the real import. A refused file
(wrong passphrase, damaged, another dataset, a gap) shows the service's message; the database is
unchanged. The file and passphrase dialogs are module functions so tests can stand in for them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QPoint, QStandardPaths, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontDatabase, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sasaeai_desktop.gui import changes
from sasaeai_desktop.gui.dialogs.conflicts_dialog import open_conflicts
from sasaeai_desktop.gui.dialogs.duplicate_people_dialog import open_duplicates
from sasaeai_desktop.gui.dialogs.passphrase_dialog import ask_passphrase
from sasaeai_desktop.gui.pages.base import Page
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import TaskHandle, run_task, show_error
from sasaeai_desktop.gui.window_memory import remember_splitter
from sasaeai_desktop.services.sync import exchange as sync
from sasaeai_desktop.domain.errors import UserError

FILE_SUFFIX = ".sync"
EVERYONE = ""  # the peer combo's value for 全員 (everything, for a laptop not known yet)
RETIRED_GREY = QColor("#8a8f98")
_UNSAFE_IN_FILENAME = re.compile(r'[\\/:*?"<>|\s]+')


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


def _safe(text: str) -> str:
    return _UNSAFE_IN_FILENAME.sub("_", text).strip("_") or "端末"


def _documents() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


def choose_save_path(parent: QWidget | None, title: str, suggested: str) -> str | None:
    """Where to write a file (None when cancelled). Tests replace this function."""
    path, _ = QFileDialog.getSaveFileName(
        parent, title, str(Path(_documents()) / suggested), parent.tr("同期ファイル (*.sync);;すべてのファイル (*)") if parent else ""
    )
    if not path:
        return None
    return path if Path(path).suffix else path + FILE_SUFFIX


def choose_folder(parent: QWidget | None, title: str) -> str | None:
    """Which folder to write one file per laptop into (None when cancelled). Tests replace this function."""
    folder = QFileDialog.getExistingDirectory(parent, title, _documents())
    return folder or None


def choose_open_paths(parent: QWidget | None, title: str) -> list[str]:
    """Which files to read (several at once on the office's Friday; empty when cancelled).
    Tests replace this function."""
    paths, _ = QFileDialog.getOpenFileNames(
        parent, title, _documents(), parent.tr("同期ファイル (*.sync);;すべてのファイル (*)") if parent else ""
    )
    return list(paths)


def peer_label(p: sync.PeerStatus) -> str:
    return p.name or p.replica_id[-8:]


def import_summary(result: sync.ImportResult) -> str:
    """追加 n 件、更新 n 件、競合 n 件、重複の可能性 n 件 — what the officer wants to know after reading."""
    source = result.source_name or (result.source[-8:] if result.source else "")
    head = f"{source}のファイル" if source else "ファイル"
    return (
        f"{head}: 追加 {result.added:,} 件、更新 {result.updated:,} 件、競合 {result.conflicts:,} 件、"
        f"重複の可能性 {result.duplicate_people:,} 件"
    ) + "".join(f"\n{text}" for text in result.forks)  # a copied laptop found: said, never silent


def _table(headers: tuple[str, ...], tr: Callable[[str], str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels([tr(h) for h in headers])
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table (rows are picked with ↑↓)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    for col in range(len(headers)):
        mode = QHeaderView.ResizeMode.Stretch if col == stretch else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(col, mode)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]], tips: list[str] | None = None,
          greyed: list[bool] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if tips is not None:
                item.setToolTip(tips[r])
            if greyed is not None and greyed[r]:
                item.setForeground(QBrush(RETIRED_GREY))
            table.setItem(r, c, item)


class SyncPage(Page):
    flow_finished = Signal(str)  # "export" / "enrol" / "import" — after the last step, however it ended

    PEER_HEADERS = ("名前", "ID（末尾）", "このパソコンの変更の受け取り", "受け取った相手の変更", "最後に読み込んだ日時", "最後に書き出した日時")
    FILE_HEADERS = ("日時", "種類", "相手", "ファイル名", "大きさ", "内容")

    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self._loaded = False
        self.state: sync.SyncStatus | None = None
        self.task: TaskHandle | None = None
        self.busy = False
        self.last_import: sync.ImportResult | None = None
        self.last_export: sync.ExportResult | None = None

        title = QLabel(self.tr("同期（ファイルによるデータ交換）"))
        title.setObjectName("pageTitle")
        intro = QLabel(
            self.tr("それぞれのパソコンで入力した記録を、ファイル（USBメモリ・共有フォルダー・メール添付）でやりとりして"
                    "同じ内容にそろえます。相手用のファイルを作って渡し、相手から受け取ったファイルを読み込んでください。"
                    "ファイルは合言葉で暗号化されます。")
        )
        intro.setWordWrap(True)
        intro.setObjectName("bodyText")

        # -- this laptop -------------------------------------------------------------------------
        me_box = QGroupBox(self.tr("このパソコン"))
        me_form = QFormLayout(me_box)
        me_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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
        me_form.addRow(self.tr("名前"), name_row)
        me_form.addRow(self.tr("データセットID"), self.dataset_label)
        me_form.addRow(self.tr("このパソコンのID"), self.replica_label)
        me_form.addRow(self.tr("変更"), self.own_label)

        # -- what to do --------------------------------------------------------------------------
        do_box = QGroupBox(self.tr("ファイルのやりとり"))
        grid = QGridLayout(do_box)
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

        # -- what needs attention ----------------------------------------------------------------
        self.result_label = QLabel()
        self.result_label.setObjectName("importSummaryLabel")
        self.result_label.setWordWrap(True)
        self.result_label.setVisible(False)
        self.result_label.setStyleSheet("QLabel { background: #eef6ee; border: 1px solid #b5d6b5; padding: 8px; }")
        # A copied or restored laptop found by an import: both sides' edits were kept, and the
        # officer should know why a laptop now appears twice (services/sync/fork.py).
        self.forks_label = QLabel()
        self.forks_label.setObjectName("forksLabel")
        self.forks_label.setWordWrap(True)
        self.forks_label.setVisible(False)
        self.forks_label.setStyleSheet("QLabel { background: #fff4e5; border: 1px solid #e0b46c; padding: 8px; }")
        self.conflicts_label = QLabel()
        self.conflicts_label.setObjectName("conflictsLabel")
        self.conflicts_button = QPushButton(self.tr("競合を確認・解決…"))
        self.conflicts_button.setObjectName("conflictsButton")
        self.duplicates_label = QLabel()
        self.duplicates_label.setObjectName("duplicatesLabel")
        self.duplicates_button = QPushButton(self.tr("同一人物の候補を確認…"))
        self.duplicates_button.setObjectName("duplicatesButton")
        attention = QHBoxLayout()
        attention.addWidget(self.conflicts_label)
        attention.addWidget(self.conflicts_button)
        attention.addSpacing(24)
        attention.addWidget(self.duplicates_label)
        attention.addWidget(self.duplicates_button)
        attention.addStretch(1)

        # -- peers and files ---------------------------------------------------------------------
        self.peers_table = _table(self.PEER_HEADERS, self.tr, 0)
        self.peers_table.setObjectName("peersTable")
        self.files_table = _table(self.FILE_HEADERS, self.tr, 5)
        self.files_table.setObjectName("filesTable")
        self.peers_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.no_peers_label = QLabel(self.tr("まだ他のパソコンとのやりとりはありません。"))
        self.no_peers_label.setObjectName("noteLabel")
        self.show_retired_check = QCheckBox(self.tr("退役したパソコンも表示"))
        self.show_retired_check.setObjectName("showRetiredCheck")
        self.show_retired_check.setToolTip(self.tr("使わなくなったパソコンも、灰色で一覧に出します"))
        self.retire_button = QPushButton()
        self.retire_button.setObjectName("retireButton")
        peers_box = QGroupBox(self.tr("相手のパソコン"))
        pl = QVBoxLayout(peers_box)
        pl.addWidget(self.no_peers_label)
        pl.addWidget(self.peers_table)
        peer_actions = QHBoxLayout()
        peer_actions.addWidget(self.show_retired_check)
        peer_actions.addStretch(1)
        peer_actions.addWidget(self.retire_button)
        pl.addLayout(peer_actions)
        self.shown_peers: list[sync.PeerStatus] = []  # the table's rows
        files_box = QGroupBox(self.tr("書き出し・読み込みの記録（新しい順）"))
        fl = QVBoxLayout(files_box)
        fl.addWidget(self.files_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(peers_box)
        splitter.addWidget(files_box)
        splitter.setChildrenCollapsible(False)
        remember_splitter(splitter, "sync")

        top = QHBoxLayout()
        top.addWidget(me_box, 1)
        top.addWidget(do_box, 1)
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
        self.peers_table.cellDoubleClicked.connect(self._choose_peer_row)
        self.peers_table.itemSelectionChanged.connect(self._update_retire_button)
        self.peers_table.customContextMenuRequested.connect(self._peer_menu)
        self.show_retired_check.toggled.connect(self._refill_peers)
        self.retire_button.clicked.connect(lambda: self.toggle_retired(self.selected_peer()))
        changes.hub().changed.connect(self.on_changes)
        self._update_export_text()

    # -- loading ---------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def is_data_ready(self) -> bool:
        return self._loaded

    def on_changes(self, _kinds: frozenset[str]) -> None:
        # Any edit may add pending changes or close a conflict; read again when next looked at.
        self._loaded = False
        if self.isVisible() and not self.busy:
            self.reload()

    def reload(self) -> None:
        if self.busy:
            return  # the task holds the database; the flow reloads when it ends
        st = sync.status(self.shell.uow())
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

    def others(self) -> list[sync.PeerStatus]:
        return [p for p in (self.state.peers if self.state else ()) if not p.is_self and not p.retired]

    def _refill_peers(self) -> None:
        if self.state is not None:
            self._fill_peers(self.state)

    def _fill_peers(self, st: sync.SyncStatus) -> None:
        others = self.others()
        retired = [p for p in st.peers if not p.is_self and p.retired]
        shown = [p for p in st.peers if not p.is_self and (not p.retired or self.show_retired_check.isChecked())]
        self.shown_peers = shown
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
                         _when(p.last_in_at), _when(p.last_out_at)))
        _fill(self.peers_table, rows, [p.replica_id for p in shown], [p.retired for p in shown])
        self.peers_table.setVisible(bool(rows))
        self.no_peers_label.setVisible(not rows)
        self.no_peers_label.setText(
            self.tr("使っている相手のパソコンはありません（使わなくなったパソコン {n} 台）。").format(n=len(retired)) if retired
            else self.tr("まだ他のパソコンとのやりとりはありません。"))
        self.show_retired_check.setVisible(bool(retired) or self.show_retired_check.isChecked())
        self._update_retire_button()
        # the combo: 全員 first, then each laptop; keep the choice across reloads
        chosen = self.peer_combo.currentData()
        self.peer_combo.blockSignals(True)
        self.peer_combo.clear()
        self.peer_combo.addItem(self.tr("全員（すべての変更）"), EVERYONE)
        for p in others:
            self.peer_combo.addItem(f"{peer_label(p)}（{p.replica_id[-8:]}）" if p.name else peer_label(p), p.replica_id)
        self.peer_combo.setCurrentIndex(max(self.peer_combo.findData(chosen), 0))
        self.peer_combo.blockSignals(False)
        self._update_export_text()

    def _fill_files(self, st: sync.SyncStatus) -> None:
        rows = []
        for f in st.files:
            kind = self.tr("読み込み") if f.direction == "in" else self.tr("書き出し")
            who = f.peer_name or (f.peer[-8:] if f.peer else self.tr("全員"))
            rows.append((_when(f.at), kind, who, f.name, self.tr("{n} KB").format(n=f"{max(f.bytes // 1024, 1):,}"), f.summary))
        _fill(self.files_table, rows, [f.summary for f in st.files])

    def _choose_peer_row(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.shown_peers) and not self.shown_peers[row].retired:
            self.peer_combo.setCurrentIndex(max(self.peer_combo.findData(self.shown_peers[row].replica_id), 0))

    # -- a laptop no longer used -----------------------------------------------------------------
    def selected_peer(self) -> sync.PeerStatus | None:
        rows = self.peers_table.selectionModel().selectedRows() if self.peers_table.selectionModel() else []
        row = rows[0].row() if rows else -1
        return self.shown_peers[row] if 0 <= row < len(self.shown_peers) else None

    def _retire_text(self, peer: sync.PeerStatus | None, which: str) -> str:
        """「{which}パソコンを使わなくなった…」 — 「この」 in the row's menu, 「選んだ」 on the button
        (beside the 「このパソコン」 box, 「この」 alone would read as this laptop)."""
        if peer is not None and peer.retired:
            return self.tr("また使うパソコンに戻す")
        return self.tr("{which}パソコンを使わなくなった…").format(which=which)

    def _update_retire_button(self) -> None:
        peer = self.selected_peer()
        self.retire_button.setText(self._retire_text(peer, self.tr("選んだ")))
        self.retire_button.setEnabled(peer is not None and not self.busy)
        self.retire_button.setVisible(bool(self.shown_peers))

    def _peer_menu(self, pos: QPoint) -> None:
        item = self.peers_table.itemAt(pos)
        if item is None or self.busy:
            return
        self.peers_table.selectRow(item.row())
        peer = self.selected_peer()
        menu = QMenu(self)
        menu.addAction(self._retire_text(peer, self.tr("この")), lambda: self.toggle_retired(peer))
        menu.popup(self.peers_table.viewport().mapToGlobal(pos))

    def toggle_retired(self, peer: sync.PeerStatus | None) -> bool:
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
            sync.set_peer_retired(self.shell.uow(), peer.replica_id, retired=not peer.retired)
        except UserError as exc:
            show_error(self, title, exc)
            return False
        self.reload()
        return True

    def chosen_peer(self) -> sync.PeerStatus | None:
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
            sync.set_replica_name(self.shell.uow(), name)
        except UserError as exc:
            show_error(self, self.tr("名前の保存"), exc)
            return
        self.name_edit.clearFocus()
        self.reload()

    # -- the flows -------------------------------------------------------------------------------
    def _start(self, fn: Callable[[Any, Any], Any], title: str, flow: str, on_success: Callable[[Any], None],
               failure_note: str = "") -> TaskHandle:
        self._set_busy(True)

        def done(result: Any) -> None:
            self._set_busy(False)
            on_success(result)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            if failure_note and isinstance(exc, UserError):
                exc = UserError(f"{exc}\n\n{failure_note}")
            show_error(self, title, exc)
            self._end(flow)

        def cancelled() -> None:
            self._set_busy(False)
            QMessageBox.information(self, title, self.tr("中断しました。データベースは変更していません。"))
            self._end(flow)

        self.task = run_task(self, fn, title=title, on_success=done, on_error=failed, on_cancel=cancelled)
        return self.task

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.export_button, self.import_button, self.enrol_button, self.name_button):
            button.setEnabled(not busy)
        self.export_each_button.setEnabled(not busy and bool(self.others()))
        self._update_retire_button()

    def _end(self, flow: str) -> None:
        self.reload()
        self.flow_finished.emit(flow)

    def _passphrase(self, purpose: str, for_writing: bool) -> str | None:
        new = for_writing and not (self.state is not None and self.state.passphrase_set)
        return ask_passphrase(self, new=new, purpose=purpose)

    def _default_name(self, target: str) -> str:
        me = self.state.replica_name if self.state else ""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        return f"同期_{_safe(me or '端末')}から{_safe(target)}へ_{stamp}{FILE_SUFFIX}"

    def make_file(self) -> TaskHandle | None:
        """「…さん用のファイルを作成」: the changes the chosen laptop lacks (everything for 全員)."""
        if self.state is None:
            self.reload()
        peer = self.chosen_peer()
        target = peer_label(peer) if peer else self.tr("全員")
        path = choose_save_path(self, self.tr("同期ファイルの保存先（{who}用）").format(who=target), self._default_name(target))
        if not path:
            return None
        passphrase = self._passphrase(self.tr("「{name}」を暗号化します。").format(name=Path(path).name), True)
        if passphrase is None:
            return None
        uow, for_peer = self.shell.uow, peer.replica_id if peer else None

        def work(progress: Any, abort: Any) -> sync.ExportResult:
            return sync.export_changes(uow(), path, passphrase, for_peer=for_peer, progress=progress, abort=abort)

        def done(result: sync.ExportResult) -> None:
            self.last_export = result
            QMessageBox.information(
                self, self.tr("同期ファイルの作成"),
                result.summary + "\n\n" + self.tr("このファイルを{who}に渡してください（USBメモリ・共有フォルダー・メール添付）。"
                                                 "合言葉は別の方法（口頭など）で伝えてください。").format(
                    who=self.tr("相手") if peer is None else self.tr("{name}さん").format(name=target)),
            )
            self._end("export")

        return self._start(work, self.tr("同期ファイルの作成"), "export", done)

    def make_file_for_each(self) -> TaskHandle | None:
        """「各パソコン用のファイルをまとめて作成」: the office on Friday, one file per laptop in use,
        each with what that laptop lacks, into one folder; the passphrase asked once."""
        if self.state is None:
            self.reload()
        peers = self.others()
        if not peers:
            return None
        folder = choose_folder(self, self.tr("各パソコン用のファイルの保存先フォルダー"))
        if not folder:
            return None
        labels = [peer_label(p) for p in peers]
        # two laptops with one name must not write over each other's file
        names = [self._default_name(lab if labels.count(lab) == 1 else f"{lab}_{p.replica_id[-8:]}")
                 for lab, p in zip(labels, peers)]
        passphrase = self._passphrase(self.tr("{n} 台分のファイルを暗号化します。").format(n=len(peers)), True)
        if passphrase is None:
            return None
        uow, ids = self.shell.uow, [p.replica_id for p in peers]

        def work(progress: Any, abort: Any) -> list[sync.ExportResult]:
            out = []
            for i, (rid, name) in enumerate(zip(ids, names)):
                if progress:
                    progress(i / len(ids), name)
                out.append(sync.export_changes(uow(), Path(folder) / name, passphrase, for_peer=rid, abort=abort))
            return out

        def done(results: list[sync.ExportResult]) -> None:
            self.last_export = results[-1] if results else None
            lines = [f"{peer_label(p)}さん用: {r.path.name}（変更のまとまり {r.entries:,} 件）" for p, r in zip(peers, results)]
            QMessageBox.information(
                self, self.tr("各パソコン用のファイルの作成"),
                self.tr("「{folder}」に {n} 個のファイルを作りました。\n\n{lines}\n\n"
                        "それぞれのファイルを、そのパソコンに渡してください。合言葉は別の方法（口頭など）で伝えてください。").format(
                    folder=folder, n=len(results), lines="\n".join(lines)))
            self._end("export")

        return self._start(work, self.tr("各パソコン用のファイルの作成"), "export", done)

    def make_enrolment_file(self) -> TaskHandle | None:
        """「新しいパソコン用の登録ファイルを作成」: everything plus the dataset, for `sync join`."""
        if self.state is None:
            self.reload()
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M")
        path = choose_save_path(self, self.tr("登録ファイルの保存先"), f"登録ファイル_{stamp}{FILE_SUFFIX}")
        if not path:
            return None
        passphrase = self._passphrase(self.tr("新しいパソコン用の登録ファイルを暗号化します。"), True)
        if passphrase is None:
            return None
        uow = self.shell.uow

        def work(progress: Any, abort: Any) -> sync.ExportResult:
            return sync.make_enrolment(uow(), path, passphrase, progress=progress, abort=abort)

        def done(result: sync.ExportResult) -> None:
            self.last_export = result
            QMessageBox.information(
                self, self.tr("登録ファイルの作成"),
                result.summary + "\n\n" + self.tr(
                    "新しいパソコンで SasaeAI を初めて起動したときの画面で「登録ファイルから参加…」を押し、"
                    "このファイル（{file}）と合言葉を指定してください。"
                    "（コマンドでは: sasaeai --db 新しいデータベース.db sync join {file} --name 名前）"
                ).format(file=Path(path).name),
            )
            self._end("enrol")

        return self._start(work, self.tr("登録ファイルの作成"), "enrol", done)

    def read_file(self, given: list[str] | None = None) -> TaskHandle | None:
        """「ファイルを読み込む…」: one file or several at once (the office on Friday, every laptop's
        file). The passphrase is asked once; each file is a dry run → summary and 取り込みますか？ →
        import, in the order the files were written (a laptop's week 3 before its week 4); at the end
        one summary, and the conflicts or duplicates are offered. ``given``: files opened from
        outside (a double-clicked .sync, ``gui --sync-file``) instead of the file dialog."""
        if self.state is None:
            self.reload()
        paths = given or choose_open_paths(self, self.tr("読み込む同期ファイル（複数選べます）"))
        if not paths:
            return None
        paths = sorted(paths, key=lambda p: (Path(p).stat().st_mtime if Path(p).exists() else 0.0, p))
        if len(paths) == 1:
            purpose = self.tr("「{name}」を開きます。").format(name=Path(paths[0]).name)
        else:
            purpose = self.tr("{n} 個のファイル（「{name}」ほか）を開きます。").format(n=len(paths), name=Path(paths[0]).name)
        passphrase = self._passphrase(purpose, False)
        if passphrase is None:
            return None
        self._read_results: list[sync.ImportResult] = []
        self._read_notes: list[str] = []
        return self._read_next(paths, 0, passphrase)

    def _read_next(self, paths: list[str], index: int, passphrase: str) -> TaskHandle | None:
        if index >= len(paths):
            self._read_finished()
            return None
        path = paths[index]
        uow = self.shell.uow
        title = self.tr("同期ファイルの読み込み")
        if len(paths) > 1:
            title += self.tr("（{i}/{n}: {name}）").format(i=index + 1, n=len(paths), name=Path(path).name)

        note = ""
        if len(paths) > 1:
            note = self.tr("先に選んだファイルのうち {done} 個は読み込み済みです。このファイルから後の {rest} 個は読み込んでいません。").format(
                done=len(self._read_results), rest=len(paths) - index)

        def preview(progress: Any, abort: Any) -> sync.ImportResult:
            return sync.import_file(uow(), path, passphrase, dry_run=True, progress=progress, abort=abort)

        def previewed(result: sync.ImportResult) -> None:
            if result.already_imported:
                self._read_notes.append(result.summary)
                self._read_next(paths, index + 1, passphrase)
                return
            text = self.tr("取り込むと次のようになります。\n\n{summary}\n\n取り込みますか？").format(summary=import_summary(result))
            if result.warnings:
                text += "\n\n" + "\n".join(result.warnings)
            answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.Yes)
            if answer != QMessageBox.StandardButton.Yes:
                if len(paths) > 1:  # of one file, the officer's own No needs no report
                    self._read_notes.append(self.tr("「{name}」は読み込みませんでした。").format(name=Path(path).name))
                self._read_next(paths, index + 1, passphrase)
                return

            def apply(progress: Any, abort: Any) -> sync.ImportResult:
                return sync.import_file(uow(), path, passphrase, progress=progress, abort=abort)

            def applied(result: sync.ImportResult) -> None:
                self._record_import(result)
                self._read_next(paths, index + 1, passphrase)

            self._start(apply, title, "import", applied, note)

        return self._start(preview, title, "import", previewed, note)

    def _record_import(self, result: sync.ImportResult) -> None:
        """One file is in: it stays on the page even if a later file of the same batch is refused."""
        self.last_import = result
        self._read_results.append(result)
        self.result_label.setText(self.tr("前回の読み込み（{when}）— {summary}").format(
            when=dt.datetime.now().strftime("%H:%M"), summary="\n".join(import_summary(r) for r in self._read_results)))
        self.result_label.setVisible(True)
        changes.emit({changes.ALL})  # anything may have arrived; the pages reload what they show

    def _read_finished(self) -> None:
        title = self.tr("同期ファイルの読み込み")
        results, notes = self._read_results, self._read_notes
        if not results:
            if notes:
                QMessageBox.information(self, title, "\n".join(notes))
            self._end("import")
            return
        text = self.tr("取り込みました。\n\n{summary}").format(summary="\n".join(import_summary(r) for r in results))
        warnings = [w for r in results for w in r.warnings]
        if notes or warnings:
            text += "\n\n" + "\n".join([*notes, *warnings])
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        if sum(r.conflicts for r in results):
            text += "\n\n" + self.tr("別々のパソコンで同じ項目が違う値に変更されています。今すぐ確認しますか？")
            if QMessageBox.question(self, title, text, buttons, QMessageBox.StandardButton.Yes) == QMessageBox.StandardButton.Yes:
                self.show_conflicts()
        elif results[-1].duplicate_people:
            text += "\n\n" + self.tr("同じ人が二重に登録されている可能性があります。今すぐ確認しますか？")
            if QMessageBox.question(self, title, text, buttons, QMessageBox.StandardButton.Yes) == QMessageBox.StandardButton.Yes:
                self.show_duplicates()
        else:
            QMessageBox.information(self, title, text)
        self._end("import")

    # -- what needs attention --------------------------------------------------------------------
    def show_conflicts(self) -> QWidget:
        dialog = open_conflicts(self.shell, self)
        dialog.finished.connect(lambda _r: self.reload())
        return dialog

    def show_duplicates(self) -> QWidget:
        dialog = open_duplicates(self.shell, self)
        dialog.finished.connect(lambda _r: self.reload())
        return dialog
