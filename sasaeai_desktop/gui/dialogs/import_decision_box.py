"""要確認 in the import preview: a row the service could not match for sure is decided here —
update the chosen record, or register a new one. ``decided(choice)``: a candidate's id, or None."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.services.imports import plan_rows


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


class DecisionBox(QGroupBox):
    """Shown only while the selected row has something to decide."""

    decided = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("要確認の行"), parent)
        self.label = QLabel(self)
        self.label.setObjectName("decideLabel")
        self.label.setWordWrap(True)
        self.candidate_combo = QComboBox(self)
        self.candidate_combo.setObjectName("candidateCombo")
        self.update_button = QPushButton(_tr("この記録を更新"), self)
        self.update_button.setObjectName("updateChoiceButton")
        self.create_button = QPushButton(_tr("新規として登録"), self)
        self.create_button.setObjectName("createChoiceButton")
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 2)
        layout.addWidget(self.candidate_combo, 2)
        layout.addWidget(self.update_button)
        layout.addWidget(self.create_button)
        self.update_button.clicked.connect(lambda: self.decided.emit(self.candidate_combo.currentData()))
        self.create_button.clicked.connect(lambda: self.decided.emit(None))
        self.setVisible(False)

    def set_registrations(self, registrations: bool) -> None:
        """An event's sign-up list decides between people, not records."""
        self.update_button.setText(_tr("この人の申込にする") if registrations else _tr("この記録を更新"))
        self.create_button.setText(_tr("別の人として登録") if registrations else _tr("新規として登録"))

    def show_row(self, r: plan_rows.PlannedRow | None) -> None:
        """Offer ``r``'s candidates when it is asked (or was decided and may be again)."""
        if r is None or not r.candidates or r.action not in (plan_rows.ASK, plan_rows.CREATE, plan_rows.UPDATE, plan_rows.SKIP) \
                or ("decided" not in r.extra and r.action != plan_rows.ASK):
            self.setVisible(False)
            return
        self.label.setText(_tr("{row}行目「{label}」: 登録済みの記録と同じかどうか選んでください").format(row=r.row, label=r.label))
        self.candidate_combo.clear()
        for c in r.candidates:
            self.candidate_combo.addItem(c.label, c.id)
        if r.target_id:
            self.candidate_combo.setCurrentIndex(max(self.candidate_combo.findData(r.target_id), 0))
        self.setVisible(True)
