"""取組状況 (layout: ui/status_dialog.ui): one municipality's status for a 年度, grouped as on the
京都府 sheet, with its history.

A 年度 without a status opens as a copy of the latest earlier one (said above the form); 保存
stores it (services.progress.status.save_status validates: n ≤ m areas, stage ①–③ …).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGridLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPlainTextEdit
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors
from sasaeai_desktop.gui.dialogs.field_errors import show_errors
from sasaeai_desktop.gui.forms.ui_status_dialog import Ui_StatusDialog
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.widgets.date_fields import DateField
from sasaeai_desktop.gui.widgets.date_fields import entry_errors
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.gui.writes import WriteWithdrawn
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.progress import status

_UNSET = -1  # spin boxes show 「未記入」 at their minimum


class StatusDialog(QDialog):
    """The frame (title, 年度, note, the 入力 / 年度ごとの推移 tabs, errors, buttons) is
    ui/status_dialog.ui; the field groups inside 入力 are built from ``status.FIELDS`` — the one
    field list shared with the survey workbook and the compiled table, so a field added there
    appears here without editing the form."""

    def __init__(self, shell: ShellContext, municipality_id: str, fiscal_year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.municipality_id = municipality_id
        self.muni = municipalities.get(shell.uow(), municipality_id)
        self.ui = Ui_StatusDialog()
        self.ui.setupUi(self)
        remember(self)
        self.setWindowTitle(self.tr("取組状況 — {name}").format(name=self.muni.display_name))
        self.ui.pageTitle.setText(f"{self.muni.display_name}（{self.muni.code}）")
        self.widgets: dict[str, QWidget] = {}
        self.saved_id: str | None = None
        # The names the rest of the program (and the tests) use for the form's parts.
        self.year_combo = self.ui.yearCombo
        self.note_label = self.ui.noteLabel
        self.error_label = self.ui.errorLabel
        self.history = self.ui.historyTable
        self.tabs = self.ui.tabs

        years = set(status.fiscal_years(shell.uow())) | {fiscal_year, dt.date.today().year}
        for y in sorted(years, reverse=True):
            self.year_combo.addItem(self.tr("{y}年度").format(y=y), y)
        self.year_combo.setCurrentIndex(self.year_combo.findData(fiscal_year))
        self.year_combo.currentIndexChanged.connect(lambda _i: self.load(self.year_combo.currentData()))
        self.error_label.setVisible(False)

        host, form_layout = self.ui.formHost, self.ui.formLayout
        for group in status.GROUPS:
            box = QGroupBox(group, host)
            fields = [f for f in status.FIELDS if f.group == group]
            if group == "総合事業のサービス類型":
                grid = QGridLayout(box)
                for i, f in enumerate(fields):
                    w = self._make_widget(f)
                    if f.kind == "bool":
                        grid.addWidget(w, i // 2, 0)
                    else:
                        grid.addWidget(w, i // 2, 1)
                grid.setColumnStretch(1, 1)
            else:
                fl = QFormLayout(box)
                for f in fields:
                    fl.addRow(f.label, self._make_widget(f))
            form_layout.addWidget(box)
        form_layout.addStretch(1)

        buttons = self.ui.buttonBox
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("閉じる"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.load(fiscal_year)

    def _make_widget(self, f: status.StatusField) -> QWidget:
        w: QWidget
        if f.kind == "bool":
            w = QComboBox(self)
            for text, value in ((self.tr("未記入"), None), (self.tr("あり"), True), (self.tr("なし"), False)):
                w.addItem(text, value)
            if f.group == "総合事業のサービス類型":
                box = QWidget(self)
                lay = QHBoxLayout(box)
                lay.setContentsMargins(0, 0, 0, 0)
                lay.addWidget(QLabel(f.label.replace("の実施", ""), box))
                lay.addWidget(w)
                self.widgets[f.key] = w
                return box
        elif f.kind == "stage":
            w = QComboBox(self)
            w.addItem(self.tr("未記入"), None)
            for k, label in sorted(status.STAGES.items()):
                w.addItem(label, k)
        elif f.kind == "int":
            w = QSpinBox(self)
            w.setRange(_UNSET, 100000)
            w.setSpecialValueText(self.tr("未記入"))
        elif f.kind == "date":
            w = DateField(self, field_name=f.label)  # typed: 2017/4/1, H29.4.1; empty = 未記入
        elif f.kind == "multiline":
            w = QPlainTextEdit(self)
            w.setTabChangesFocus(True)  # Tab moves on to the next item, never types a tab
            w.setFixedHeight(70)
        else:
            w = QLineEdit(self)
            w.setMaxLength(f.max_len)
            if f.help:
                w.setPlaceholderText(f.help)
            if f.group == "総合事業のサービス類型":
                w.setPlaceholderText(f.label)
        self.widgets[f.key] = w
        return w

    # -- values ---------------------------------------------------------------------------------------
    def _set(self, key: str, value: Any) -> None:
        w = self.widgets[key]
        if isinstance(w, QComboBox):
            w.setCurrentIndex(max(w.findData(value), 0))
        elif isinstance(w, QSpinBox):
            w.setValue(_UNSET if value is None else int(value))
        elif isinstance(w, DateField):
            w.set_value(value)
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(value or "")
        elif isinstance(w, QLineEdit):
            w.setText(value or "")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, w in self.widgets.items():
            if isinstance(w, QComboBox):
                out[key] = w.currentData()
            elif isinstance(w, QSpinBox):
                out[key] = None if w.value() == _UNSET else w.value()
            elif isinstance(w, DateField):
                out[key] = w.value()
            elif isinstance(w, QPlainTextEdit):
                out[key] = w.toPlainText()
            elif isinstance(w, QLineEdit):
                out[key] = w.text()
        return out

    def load(self, fiscal_year: int) -> None:
        self.fiscal_year = fiscal_year
        rec = status.get_status(self.shell.uow(), self.municipality_id, fiscal_year)
        for key, value in rec.values.items():
            self._set(key, value)
        if rec.id is None and rec.copied_from_year:
            note = self.tr("{fy}年度の記録はまだありません。{src}年度の内容を写しています。保存すると{fy}年度の記録になります。").format(
                fy=fiscal_year, src=rec.copied_from_year)
        elif rec.id is None:
            note = self.tr("{fy}年度の記録はまだありません。").format(fy=fiscal_year)
        else:
            when = rec.updated_at.strftime("%Y/%m/%d %H:%M") if rec.updated_at else ""
            note = self.tr("最終更新 {when}（{source}）").format(when=when, source=rec.source or "入力")
        self.note_label.setText(note)
        clear_errors(self.widgets, self.error_label)
        self._fill_history()

    def _fill_history(self) -> None:
        hist = status.history(self.shell.uow(), self.municipality_id)
        keys = ["stage", "sc1_placed", "sc2_placed_areas", "sc2_total_areas", "council1_established",
                "council1_meetings_per_year", "council2_established_areas", "council2_total_areas",
                *status.SERVICE_KEYS, "issues"]
        self.history.clear()
        self.history.setRowCount(len(hist))
        self.history.setColumnCount(len(keys))
        self.history.setHorizontalHeaderLabels([status.FIELD_BY_KEY[k].label.replace("の実施", "") for k in keys])
        self.history.setVerticalHeaderLabels([f"{r.fiscal_year}年度" for r in hist])
        for i, rec in enumerate(hist):
            prev = hist[i - 1].values if i else None
            for j, k in enumerate(keys):
                v = rec.values.get(k)
                item = QTableWidgetItem("" if v in (None, "") else status.display_value(k, v))
                if prev is not None and prev.get(k) != v:
                    item.setBackground(Qt.GlobalColor.yellow)  # moved since the year before
                self.history.setItem(i, j, item)
        self.history.resizeColumnsToContents()

    def save(self) -> None:
        unreadable, fields = entry_errors(self, self.widgets)
        if unreadable:
            show_errors({**self.widgets, **fields}, unreadable, self.error_label)
            self.tabs.setCurrentIndex(0)
            return
        save = partial(status.save_status, self.shell.uow(), self.municipality_id, self.fiscal_year, self.values())
        try:
            rec = write(self, self.windowTitle(), save)
        except ValidationError as exc:
            show_errors(self.widgets, exc.fields, self.error_label)
            self.tabs.setCurrentIndex(0)
            return
        except WriteWithdrawn as exc:
            show_errors(self.widgets, {"": str(exc)}, self.error_label)
            return
        self.saved_id = rec.id
        self.accept()


def edit_status(shell: ShellContext, parent: QWidget | None, municipality_id: str, fiscal_year: int | None = None) -> str | None:
    from sasaeai_desktop.services.progress import dashboard as progress

    fy = fiscal_year or progress.default_fiscal_year(shell.uow())
    dialog = StatusDialog(shell, municipality_id, fy, parent)
    dialog.exec()
    return dialog.saved_id
