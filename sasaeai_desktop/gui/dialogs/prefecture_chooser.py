"""First start: which prefecture is this database for? (the same question as ``sasaeai init``)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.io.master_data import MasterPrefecture


class PrefectureChooser(QDialog):
    JOIN = 2  # exec() result: join the office's data from an enrolment file (gui/join_flow.py)

    def __init__(self, prefectures: tuple[MasterPrefecture, ...] | list[MasterPrefecture], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("SasaeAI Desktop — 初期設定"))
        self.prefectures = list(prefectures)
        intro = QLabel(
            self.tr(
                "このデータベースで扱う都道府県を選んでください。\n"
                "選んだ都道府県の市町村一覧（全国地方公共団体コード付き）が登録されます。\n"
                "あとから別の都道府県に変えることはできません。\n"
                "事務所などのパソコンと同じデータを使う場合は、そのパソコンで作った登録ファイルから参加してください。"
            )
        )
        intro.setWordWrap(True)
        self.combo = QComboBox()
        self.combo.setObjectName("prefectureCombo")
        self.combo.addItem(self.tr("（選んでください）"))
        self.combo.addItems([f"{p.code}  {p.name}" for p in self.prefectures])
        self.combo.setMaxVisibleItems(20)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("この都道府県で始める"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("終了"))
        self.join_button = self.buttons.addButton(self.tr("登録ファイルから参加…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.join_button.setObjectName("joinButton")
        self.join_button.setToolTip(self.tr("事務所などのパソコンで作った登録ファイルで、同じデータを使い始めます"))
        self.join_button.clicked.connect(lambda: self.done(self.JOIN))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.combo.currentIndexChanged.connect(lambda _i: self.ok_button.setEnabled(self.selected() is not None))
        self.ok_button.setEnabled(False)  # no silent default: 北海道 must be chosen, not fallen into
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addWidget(self.combo)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        remember(self)

    def selected(self) -> MasterPrefecture | None:
        index = self.combo.currentIndex() - 1
        return self.prefectures[index] if 0 <= index < len(self.prefectures) else None

    def select_code(self, code: str) -> None:
        for i, p in enumerate(self.prefectures):
            if p.code == code:
                self.combo.setCurrentIndex(i + 1)
                return
        raise KeyError(code)
