"""同期: exchanging data between laptops as files. The exchange itself comes in a later release;
this page already shows the identities that exchange will rely on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QShowEvent
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sasaeai_desktop.gui.pages.base import Page
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.services import gui_support


class SyncPage(Page):
    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self._loaded = False

        title = QLabel(self.tr("同期（ファイルによるデータ交換）"))
        title.setObjectName("pageTitle")
        intro = QLabel(
            self.tr(
                "担当者それぞれのパソコンで入力した訪問記録や研修の参加者を、ネットワークを使わずに"
                "ファイル（USBメモリやメール添付）で持ち寄り、1つにまとめるための画面です。\n"
                "交換ファイルの書き出しと取り込みは、今後のリリースでここに追加します。"
                "それまでは、このパソコンのデータベースだけで作業してください。"
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("bodyText")

        box = QGroupBox(self.tr("このデータベースの識別情報"))
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.dataset_label = QLabel()
        self.replica_label = QLabel()
        for label in (self.dataset_label, self.replica_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setFont(mono)
        form.addRow(self.tr("データセットID"), self.dataset_label)
        form.addRow(self.tr("このパソコンのID（レプリカID）"), self.replica_label)
        explain = QLabel(
            self.tr(
                "データセットIDが同じデータベースどうしだけが、同期でまとめられます。"
                "レプリカIDはこのデータベースのコピーに固有で、誰がどの変更をしたかを見分けるために使います。"
            )
        )
        explain.setWordWrap(True)
        explain.setObjectName("noteLabel")
        form.addRow(explain)
        box.setMinimumWidth(640)

        column = QVBoxLayout()
        column.setSpacing(16)
        column.addWidget(intro)
        column.addWidget(box)
        column.addStretch(1)
        centred = QHBoxLayout()
        centred.addLayout(column, 0)
        centred.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addLayout(centred, 1)
        intro.setMaximumWidth(760)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.reload()

    def is_data_ready(self) -> bool:
        return self._loaded

    def reload(self) -> None:
        facts = gui_support.database_facts(self.shell.uow())
        not_set = self.tr("（未設定）")
        self.dataset_label.setText(facts.dataset_id or not_set)
        self.replica_label.setText(facts.replica_id or not_set)
        self._loaded = True
        self.data_ready.emit()
