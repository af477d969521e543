"""設定: the office details printed on handouts and certificates, and facts about this database."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop import __version__
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.office import OfficeSettings
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors
from sasaeai_desktop.gui.dialogs.field_errors import show_errors
from sasaeai_desktop.gui.pages.base import LoadedWhenShownPage
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.widgets import box_layouts as box
from sasaeai_desktop.gui.writes import WriteWithdrawn
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services import database_file
from sasaeai_desktop.services import settings as office_settings

SAVED_MESSAGE_MS = 4000


def selectable_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class SettingsPage(LoadedWhenShownPage):
    def __init__(self, shell: ShellContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self._loaded = False

        title = QLabel(self.tr("設定"))
        title.setObjectName("pageTitle")

        office_box = QGroupBox(self.tr("事務局の情報（名簿・サインインシート・修了証書などの印刷物に載ります）"))
        form = QFormLayout(office_box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        self.edits: dict[str, QLineEdit] = {}
        for key, label, placeholder in (
            ("office_name", self.tr("事務局名"), self.tr("例: 長野県健康福祉部介護支援課")),
            ("department", self.tr("担当係"), self.tr("例: 地域包括ケア係")),
            ("contact_person", self.tr("担当者"), ""),
            ("phone", self.tr("電話"), self.tr("例: 026-235-7111")),
            ("email", self.tr("メール"), ""),
            ("address", self.tr("住所"), ""),
        ):
            edit = QLineEdit()
            edit.setObjectName(f"{key}Edit")
            edit.setPlaceholderText(placeholder)
            edit.textEdited.connect(self._mark_dirty)
            form.addRow(label, edit)
            self.edits[key] = edit
        # 修了証書・受講証明書: who issues them, and room for the 公印
        self.issuer_edit = QLineEdit()
        self.issuer_edit.setObjectName("certificate_issuerEdit")
        self.issuer_edit.setPlaceholderText(self.tr("例: 長野県知事 阿部 守一、長野県健康福祉部 介護支援課長 …（空欄なら「〇〇県知事」）"))
        self.issuer_edit.textEdited.connect(self._mark_dirty)
        form.addRow(self.tr("証書の発行者"), self.issuer_edit)
        self.edits["certificate_issuer"] = self.issuer_edit
        self.seal_check = QCheckBox(self.tr("発行者名の右に公印の欄（印）を設ける"))
        self.seal_check.setObjectName("certificateSealCheck")
        self.seal_check.clicked.connect(self._mark_dirty)
        form.addRow("", self.seal_check)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        form.addRow(self.error_label)

        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.setDefault(True)
        self.revert_button = QPushButton(self.tr("元に戻す"))
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.load)
        form.addRow(box.row(None, (self.saved_label, 1), self.revert_button, self.save_button))

        db_box = QGroupBox(self.tr("このデータベース"))
        db_form = QFormLayout(db_box)
        db_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        db_form.setHorizontalSpacing(12)
        self.db_path_label = selectable_label(str(shell.db_path))
        self.prefecture_label = selectable_label()
        self.schema_label = selectable_label()
        self.version_label = selectable_label(__version__)
        db_form.addRow(self.tr("ファイルの場所"), self.db_path_label)
        db_form.addRow(self.tr("都道府県"), self.prefecture_label)
        db_form.addRow(self.tr("スキーマのリビジョン"), self.schema_label)
        db_form.addRow(self.tr("プログラムのバージョン"), self.version_label)
        from sasaeai_desktop.gui.widgets.backup_folder_row import add_backup_rows

        self.backup_row = add_backup_rows(db_form, shell)

        regions_box = QGroupBox(self.tr("圏域"))
        regions_row = QHBoxLayout(regions_box)
        regions_row.addWidget(selectable_label(
            self.tr("保健所圏域・ブロックなどの種類と圏域、各市町村の所属。表やグラフを圏域ごとにまとめるときに使います。")), 1)
        self.regions_button = QPushButton(self.tr("圏域の設定…"))
        self.regions_button.clicked.connect(self.edit_regions)
        regions_row.addWidget(self.regions_button, 0, Qt.AlignmentFlag.AlignTop)

        column = QVBoxLayout()
        column.setSpacing(16)
        column.addWidget(office_box)
        column.addWidget(regions_box)
        from sasaeai_desktop.gui.widgets.export_password_box import ExportPasswordBox

        self.password_box = ExportPasswordBox(shell)
        self.password_box.setMinimumWidth(640)
        column.addWidget(self.password_box)
        column.addWidget(db_box)
        column.addStretch(1)
        centred = QHBoxLayout()
        centred.addLayout(column, 0)
        centred.addStretch(1)
        office_box.setMinimumWidth(640)
        regions_box.setMinimumWidth(640)
        db_box.setMinimumWidth(640)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(title)
        # Scrolled: the boxes grow (バックアップの保存先, the export password, …) and together were
        # taller than a 1366×768 laptop's window.
        from PySide6.QtWidgets import QFrame
        from PySide6.QtWidgets import QScrollArea

        body = QWidget()
        body.setLayout(centred)
        self.scroll = QScrollArea()
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the boxes are 640 wide
        self.scroll.setWidget(body)
        layout.addWidget(self.scroll, 1)

        self._saved_timer = QTimer(self)
        self._saved_timer.setSingleShot(True)
        self._saved_timer.timeout.connect(self.saved_label.clear)

    def load(self) -> None:
        settings = office_settings.get_settings(self.shell.uow())
        for key, edit in self.edits.items():
            edit.setText(getattr(settings, key))
        self.seal_check.setChecked(settings.certificate_seal)
        facts = database_file.database_facts(self.shell.uow())
        self.prefecture_label.setText(
            f"{facts.prefecture_name}（{facts.prefecture_code}）" if facts.prefecture_code else self.tr("未設定")
        )
        self.schema_label.setText(facts.schema_revision or self.tr("不明"))
        self.backup_row.refresh()
        clear_errors(self.edits, self.error_label)
        self.saved_label.clear()
        self.revert_button.setEnabled(False)  # nothing typed yet: nothing to go back to
        self._loaded = True
        self.data_ready.emit()

    def _mark_dirty(self) -> None:
        self.saved_label.setText(self.tr("未保存の変更があります"))
        self.revert_button.setEnabled(True)

    def form_settings(self) -> OfficeSettings:
        return OfficeSettings(**{key: edit.text() for key, edit in self.edits.items()},
                                          certificate_seal=self.seal_check.isChecked())

    def save(self) -> bool:
        title = self.tr("設定の保存")
        try:
            stored = write(self, title, partial(office_settings.save_settings, self.shell.uow(), self.form_settings()))
        except ValidationError as exc:
            show_errors(self.edits, exc.fields, self.error_label)
            return False
        except WriteWithdrawn as exc:
            show_error(self, title, exc)
            return False
        clear_errors(self.edits, self.error_label)
        for key, edit in self.edits.items():
            edit.setText(getattr(stored, key))  # show what was stored (trimmed, half-width digits)
        self.saved_label.setText(self.tr("保存しました"))
        self.revert_button.setEnabled(False)
        self._saved_timer.start(SAVED_MESSAGE_MS)
        return True

    def reload(self) -> None:
        self.load()

    def edit_regions(self) -> None:
        from sasaeai_desktop.gui.dialogs.regions_dialog import RegionsDialog

        RegionsDialog(self.shell, self).exec()
