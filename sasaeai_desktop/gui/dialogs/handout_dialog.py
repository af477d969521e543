"""「名簿PDFを作成…」: choose what goes on the advisor handout, then print it off the GUI thread.

The options are those of ``sasaeai pdf advisor-handout``: order (あいうえお順 / 活動分野ごと), only
some fields of activity, only advisors in charge in some regions, the 年度 and the 「現在」 date,
the title, and an Excel copy of the same list. For a training event (``event_id``) the list is
its lecturers and the advisors of its chosen fields.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QDate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from PySide6.QtWidgets import QDateEdit
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.gui.dialogs.record_dialog import ok_cancel_box
from sasaeai_desktop.gui.export_lock import LockChoice
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import TaskHandle
from sasaeai_desktop.gui.tasks import run_task
from sasaeai_desktop.gui.widgets.radio_choice import radio_choice
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.services.advisors import handout as advisor_handout
from sasaeai_desktop.services.advisors import roster as advisors
from sasaeai_desktop.services.progress import regions

_tr = partial(QCoreApplication.translate, "HandoutDialog")


def _checklist(parent: QWidget, items: list[tuple[str, str]]) -> QListWidget:
    box = QListWidget(parent)
    box.setFlow(QListWidget.Flow.LeftToRight)
    box.setWrapping(True)
    box.setResizeMode(QListWidget.ResizeMode.Adjust)
    box.setSpacing(2)
    line = box.fontMetrics().height() + 6
    box.setMinimumHeight(3 * line + 8)
    box.setMaximumHeight(5 * line + 8)
    for value, label in items:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        box.addItem(item)
    return box


def _checked(box: QListWidget) -> tuple[str, ...]:
    return tuple(
        box.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    )


class HandoutDialog(QDialog):
    def __init__(self, shell: ShellContext, parent: QWidget | None = None, *, event_id: str | None = None,
                 fields: tuple[str, ...] = ()) -> None:
        super().__init__(parent)
        self.shell = shell
        self.event_id = event_id
        self.setWindowTitle(self.tr("アドバイザー名簿（配布用）の作成"))
        self.kana_radio, self.field_radio = radio_choice(self, self.tr("あいうえお順"), self.tr("活動分野ごと"))
        self.fields_box = _checklist(self, [(f.name, f.name) for f in advisors.list_fields(shell.uow())])
        # The page's 活動分野 filter carries over: a list narrowed to 移動支援 prints 移動支援.
        for i in range(self.fields_box.count()):
            item = self.fields_box.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in fields:
                item.setCheckState(Qt.CheckState.Checked)
                if self.fields_box.currentRow() < 0:
                    self.fields_box.setCurrentItem(item)
        region_items: list[tuple[str, str]] = []
        for kind in regions.list_kinds(shell.uow()):
            region_items += [(r.name, f"{r.name}（{kind.name}）") for r in regions.list_regions(shell.uow(), kind.id)]
        self.regions_box = _checklist(self, region_items)
        self.fy_spin = QSpinBox(self)
        self.fy_spin.setRange(2000, 2100)
        self.fy_spin.setValue(advisors.current_fiscal_year())
        self.fy_label = QLabel(fiscal_year_label(self.fy_spin.value()), self)
        self.fy_spin.valueChanged.connect(lambda v: self.fy_label.setText(fiscal_year_label(v)))
        self.as_of_edit = QDateEdit(QDate.currentDate(), self)
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(advisor_handout.DEFAULT_TITLE)
        self.excel_check = QCheckBox(self.tr("同じ名簿をExcelでも保存する（同じ名前の .xlsx）"), self)
        # Phones and e-mail: locked by default when 設定 holds a password (gui/export_lock.py)
        self.lock_check = QCheckBox(self.tr("パスワードをかける"), self)
        self.lock_check.setObjectName("lockCheck")
        self.lock_check.setChecked(bool(shell.export_password))
        self.lock_check.setEnabled(bool(shell.export_password))
        if not shell.export_password:
            self.lock_check.setToolTip(self.tr("設定で出力ファイルのパスワードを入力すると選べます"))

        order = QHBoxLayout()
        order.addWidget(self.kana_radio)
        order.addWidget(self.field_radio)
        order.addStretch(1)
        year = QHBoxLayout()
        year.addWidget(self.fy_spin)
        year.addWidget(self.fy_label)
        year.addSpacing(16)
        year.addWidget(QLabel(self.tr("「現在」の日付"), self))
        year.addWidget(self.as_of_edit)
        year.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("並び順"), order)
        form.addRow(self.tr("活動分野"), self.fields_box)
        form.addRow(self.tr("担当圏域"), self.regions_box)
        form.addRow(self.tr("年度"), year)
        form.addRow(self.tr("表題"), self.title_edit)
        form.addRow("", self.excel_check)
        form.addRow("", self.lock_check)
        hint = QLabel(self.tr("分野・圏域は、チェックしたものに当てはまる人だけを載せます（チェックなしは全員）。"
                              "電話・メールは、本人が掲載に同意したものだけが載ります。"), self)
        hint.setWordWrap(True)
        if event_id is not None:
            hint.setText(self.tr("この研修の講師・スタッフと、研修で選んだ活動分野のアドバイザーを載せます。") + "\n" + hint.text())
            self.fy_spin.setEnabled(False)
        buttons = ok_cancel_box(self, self.tr("作成…"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(640, self.sizeHint().height())
        remember(self)

    def options(self) -> advisor_handout.HandoutOptions:
        d = self.as_of_edit.date()
        return advisor_handout.HandoutOptions(
            sort="field" if self.field_radio.isChecked() else "kana",
            fields=_checked(self.fields_box),
            regions=_checked(self.regions_box),
            event_id=self.event_id,
            fiscal_year=None if self.event_id else self.fy_spin.value(),
            as_of=dt.date(d.year(), d.month(), d.day()),
            title=self.title_edit.text(),
        )


def print_handout(
    shell: ShellContext,
    parent: QWidget | None,
    options: advisor_handout.HandoutOptions,
    path: str,
    *,
    excel: bool = False,
    password: str | None = None,
) -> TaskHandle:
    """Write the handout (and its Excel copy) off the GUI thread; a message says where and what to know."""
    uow = shell.uow
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    xlsx = str(Path(path).with_suffix(".xlsx")) if excel else None

    def write(progress: Any, abort: Any) -> tuple[advisor_handout.HandoutResult, advisor_handout.HandoutResult | None]:
        result = advisor_handout.write_handout(uow(), path, options, progress=progress, abort=abort)
        copy = advisor_handout.write_handout(uow(), xlsx, options, fmt="xlsx", abort=abort) if xlsx else None
        return result, copy

    work = LockChoice(password).wrap([p for p in (path, xlsx) if p], write)

    def done(results: Any) -> None:
        result, copy = results
        lines = [_tr("アドバイザー名簿（{n}名、{pages}ページ）を保存しました。\n{path}").format(
            n=result.advisors, pages=result.pages, path=result.path)]
        if copy is not None:
            lines.append(_tr("Excel: {path}").format(path=copy.path))
        if password:
            lines.append(_tr("パスワードで保護しています（開くときに設定のパスワードを入力します）。"))
        if result.warnings:
            lines.append(_tr("確認してください:") + "\n" + "\n".join(f"・{w}" for w in result.warnings))
        box = QMessageBox.warning if result.warnings else QMessageBox.information
        box(parent, _tr("アドバイザー名簿"), "\n\n".join(lines))

    return run_task(parent, work, title=_tr("アドバイザー名簿PDF"), on_success=done)


def make_handout(shell: ShellContext, parent: QWidget | None, *, event_id: str | None = None,
                 fields: tuple[str, ...] = ()) -> TaskHandle | None:
    """Ask for the options (``fields`` ticked to start with) and a file name, then print. None when
    the user cancelled."""
    dialog = HandoutDialog(shell, parent, event_id=event_id, fields=fields)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    options = dialog.options()
    default = f"アドバイザー名簿_{fiscal_year_label(options.fiscal_year or advisors.current_fiscal_year())}.pdf"
    path, _ = QFileDialog.getSaveFileName(parent, _tr("名簿PDFの保存先"), default, "PDF (*.pdf)")
    if not path:
        return None
    locked = dialog.lock_check.isChecked() and bool(shell.export_password)
    return print_handout(shell, parent, options, path, excel=dialog.excel_check.isChecked(),
                         password=shell.export_password if locked else None)
