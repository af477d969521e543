"""ファイル > Excelから取り込む…: choose a file and sheet, check the columns, see every row, import.

The dialog only shows what ``services.imports.planning`` worked out and passes the user's corrections back:
- the header row found (a spin box forces another one) and, per column of the sheet, the field it
  fills — a combo box fixes a wrong or missing match, and that choice is remembered for the
  layout (the service stores it);
- the preview: one line per data row with 新規 / 更新 / 変更なし / 要確認 / 問題あり and what changes or
  what is wrong; a row the service could not match for sure (要確認) is decided here (update the
  chosen record, or register a new one: import_decision_box.py);
- 取り込む is enabled only when there is no problem left. Reading and writing run off the GUI
  thread (gui/tasks.run_task) with progress and キャンセル; a cancelled import writes nothing.

Opened for one 研修 (``event``), the list also offers that event's 申込者 and 出欠 sheets
(services/trainings/imports): they belong to the event, and an attendance sheet to one 日程,
which is chosen here before anything is read (a 2-day course's sheets look alike).
"""

from __future__ import annotations

import datetime as dt
import threading
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtCore import QStandardPaths
from PySide6.QtCore import Qt
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QFileDialog
from PySide6.QtWidgets import QFormLayout
from PySide6.QtWidgets import QGroupBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QHeaderView
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QSpinBox
from PySide6.QtWidgets import QSplitter
from PySide6.QtWidgets import QTableView
from PySide6.QtWidgets import QTableWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.gui.dialogs.choice_table import choice_table
from sasaeai_desktop.gui.dialogs.import_decision_box import DecisionBox
from sasaeai_desktop.gui.dialogs.import_preview import PreviewModel
from sasaeai_desktop.gui.dialogs.import_values_box import ValueQuestionsBox
from sasaeai_desktop.gui.dialogs.locked_workbook import open_locked
from sasaeai_desktop.gui.export_lock import LockChoice
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import TaskHandle
from sasaeai_desktop.gui.tasks import run_task
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.window_memory import remember
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import errors_copy
from sasaeai_desktop.services.imports import import_plan
from sasaeai_desktop.services.imports import plan_rows
from sasaeai_desktop.services.imports import planning
from sasaeai_desktop.services.imports import registry
from sasaeai_desktop.services.trainings import imports as training_imports

if TYPE_CHECKING:
    from sasaeai_desktop.services.trainings.events import EventData

EVENT_IMPORT_KINDS = tuple(training_imports.EVENT_KINDS)  # only with an event (and a 日程)
IMPORT_KINDS = ("municipalities", "people", "advisors", "visits", "consultations", "events")
NOT_IMPORTED = ""  # the combo's value for a column that is left out

FILTERS = (
    ("all", "すべての行"),
    ("attention", "問題・要確認の行"),
    (plan_rows.CREATE, "新規の行"),
    (plan_rows.UPDATE, "更新の行"),
    (plan_rows.SKIP, "変更なしの行"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportDialog", text)


class ImportDialog(QDialog):
    """Modeless-friendly: ``imported`` fires with the ImportResult after a successful import."""

    imported = Signal(object)

    def __init__(
        self,
        shell: ShellContext,
        kind: str = "people",
        path: str | Path | None = None,
        parent: QWidget | None = None,
        *,
        event: EventData | None = None,
    ) -> None:
        super().__init__(parent)
        self.shell = shell
        self.training_event = event  # not "event": that would hide QObject.event()
        self.plan: import_plan.ImportPlan | None = None
        self.path: Path | None = None  # what the readers read: a decrypted copy for a locked workbook
        self.shown_path: Path | None = None  # the user's file
        self.source_password: str | None = None  # it opened a locked workbook; the marked copy gets it too
        self._unlocked = ExitStack()
        self.overrides: dict[int, str | None] = {}
        # Answers to 「この値は？」: column key → value as written → stored value (None: leave empty).
        self.value_answers: dict[str, dict[str, str | None]] = {}
        self.result: import_plan.ImportResult | None = None
        self.task: TaskHandle | None = None
        self._loading = False
        if event is None:
            self.setWindowTitle(self.tr("Excelから取り込む"))
        else:
            self.setWindowTitle(self.tr("Excelから取り込む — {title}").format(title=event.title))
        self.setObjectName("importDialog")
        self.resize(1100, 680)
        remember(self)

        # -- file, sheet, kind -------------------------------------------------------------------
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("kindCombo")
        titles = dict(registry.import_kinds())
        offered = (EVENT_IMPORT_KINDS if event is not None else ()) + tuple(k for k in titles if k not in EVENT_IMPORT_KINDS)
        for key in offered:
            self.kind_combo.addItem(titles[key], key)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))
        # The 日程 an attendance sheet is for: nothing chosen at first when there are several.
        self.session_label = QLabel(self.tr("日程"), self)
        self.session_combo = QComboBox(self)
        self.session_combo.setObjectName("sessionCombo")
        if event is not None:
            from sasaeai_desktop.services.trainings.events import session_label

            if len(event.sessions) != 1:
                self.session_combo.addItem(self.tr("（出欠の日程を選んでください）"), None)
            for s in event.sessions:
                self.session_combo.addItem(session_label(s), s.id)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("pathEdit")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("取り込むExcelファイル（.xlsx）を選んでください"))
        self.choose_button = QPushButton(self.tr("ファイルを選ぶ…"), self)
        self.choose_button.setObjectName("chooseButton")
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("sheetCombo")
        self.sheet_combo.setMinimumContentsLength(12)
        self.header_spin = QSpinBox(self)
        self.header_spin.setObjectName("headerSpin")
        self.header_spin.setRange(0, 9999)
        self.header_spin.setSpecialValueText(self.tr("自動"))
        self.header_spin.setToolTip(self.tr("見出し（列名）のある行。0 で自動的に探します"))

        top = QFormLayout()
        if event is not None:
            event_label = QLabel(self.tr("{title}（{year}年度）").format(title=event.title, year=event.fiscal_year), self)
            event_label.setObjectName("eventLabel")
            top.addRow(self.tr("研修"), event_label)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)
        top.addRow(self.tr("ファイル"), file_row)
        where = QHBoxLayout()
        where.addWidget(QLabel(self.tr("取り込む一覧"), self))
        where.addWidget(self.kind_combo)
        where.addSpacing(8)
        where.addWidget(self.session_label)
        where.addWidget(self.session_combo)
        where.addSpacing(16)
        where.addWidget(QLabel(self.tr("シート"), self))
        where.addWidget(self.sheet_combo, 1)
        where.addSpacing(16)
        where.addWidget(QLabel(self.tr("見出しの行"), self))
        where.addWidget(self.header_spin)
        top.addRow("", where)

        # -- columns -----------------------------------------------------------------------------
        self.header_label = QLabel(self)
        self.header_label.setObjectName("headerLabel")
        self.header_label.setWordWrap(True)
        self.mapping_table = choice_table(self, "mappingTable",
                                          [self.tr("列"), self.tr("シートの見出し"), self.tr("取り込む項目")],
                                          stretch=1, choice_width=190)
        columns_box = QGroupBox(self.tr("列の対応"), self)
        cl = QVBoxLayout(columns_box)
        cl.addWidget(self.header_label)
        cl.addWidget(self.mapping_table, 1)

        # -- preview -----------------------------------------------------------------------------
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summaryLabel")
        self.summary_label.setWordWrap(True)
        # What the plan says about the sheet as a whole (which column decides a consent, note and
        # total rows left out, warnings): the CLI prints these lines, the window shows them here.
        self.notes_label = self._message_label("notesLabel")
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("filterCombo")
        for key, label in FILTERS:
            self.filter_combo.addItem(self.tr(label), key)
        self.model = PreviewModel(self)
        self.preview = QTableView(self)
        self.preview.setObjectName("previewTable")
        self.preview.setModel(self.model)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().setVisible(False)
        self.preview.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.preview.verticalHeader().setDefaultSectionSize(self.preview.fontMetrics().height() + 8)
        self.preview.setWordWrap(False)
        ph = self.preview.horizontalHeader()
        ph.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.preview.setColumnWidth(0, 60)
        self.preview.setColumnWidth(1, 80)
        self.preview.setColumnWidth(2, 180)

        # The selected row's problems, in full.
        self.detail_label = self._message_label("detailLabel")

        self.decide_box = DecisionBox(self)

        preview_box = QGroupBox(self.tr("取り込む内容（1行ずつ）"), self)
        pl = QVBoxLayout(preview_box)
        head = QHBoxLayout()
        head.addWidget(self.summary_label, 1)
        head.addWidget(self.filter_combo)
        pl.addLayout(head)
        self.values_box = ValueQuestionsBox(preview_box)
        pl.addWidget(self.values_box)
        pl.addWidget(self.notes_label)
        pl.addWidget(self.preview, 1)
        pl.addWidget(self.detail_label)
        pl.addWidget(self.decide_box)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(columns_box)
        splitter.addWidget(preview_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([380, 720])

        # -- buttons -----------------------------------------------------------------------------
        self.errors_button = QPushButton(self.tr("問題に印を付けたExcelを保存…"), self)
        self.errors_button.setObjectName("errorsButton")
        self.import_button = QPushButton(self.tr("取り込む"), self)
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.close_button = QPushButton(self.tr("閉じる"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.errors_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.choose_button.clicked.connect(self.choose_file)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.session_combo.currentIndexChanged.connect(self._kind_changed)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_changed)
        self.header_spin.editingFinished.connect(self._header_changed)
        self.filter_combo.currentIndexChanged.connect(lambda _i: self.model.set_plan(self.plan, self.filter_combo.currentData()))
        self.preview.selectionModel().selectionChanged.connect(lambda *_: self._show_decision())
        self.decide_box.decided.connect(self._decide)
        self.import_button.clicked.connect(self.start_import)
        self.errors_button.clicked.connect(self.save_errors_copy)
        self.close_button.clicked.connect(self.reject)
        self.values_box.answered.connect(self._value_answered)
        self._update_state()
        if path is not None:
            self.set_file(path)

    def _message_label(self, name: str) -> QLabel:
        """A label for lines the user may copy (notes, problems), hidden while it has none."""
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setVisible(False)
        return label

    # -- state --------------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def _needs_session(self) -> bool:
        """An attendance sheet whose 日程 is not chosen yet: nothing is read until it is."""
        return self.kind == "attendance" and not self.session_combo.currentData()

    def _update_state(self) -> None:
        plan = self.plan
        busy = self.task is not None and not self.task.done
        attendance = self.kind == "attendance"
        self.session_label.setVisible(attendance)
        self.session_combo.setVisible(attendance)
        self.session_combo.setEnabled(not busy and self.session_combo.count() > 1)
        self.decide_box.set_registrations(self.kind == "registrations")
        self.import_button.setEnabled(bool(plan and plan.ok and not busy and any(
            r.action in (plan_rows.CREATE, plan_rows.UPDATE) for r in plan.rows)))
        self.errors_button.setEnabled(bool(plan and plan.problems and plan.header is not None and not busy))
        for w in (self.kind_combo, self.sheet_combo, self.header_spin, self.choose_button, self.mapping_table):
            w.setEnabled(not busy)
        self.sheet_combo.setEnabled(not busy and self.sheet_combo.count() > 1)
        if plan is None:
            if self._needs_session():
                self.summary_label.setText(self.tr("出欠を取り込む日程を選んでください。"))
            else:
                self.summary_label.setText(self.tr("ファイルを選ぶと、取り込む前に内容を確認できます。何も書き込みません。"))
            return
        text = plan.summary()
        if plan.problems:
            text += self.tr("　— 問題 {n}件：直すまで取り込めません（何も書き込みません）").format(n=f"{len(plan.problems):,}")
        elif not any(r.action in (plan_rows.CREATE, plan_rows.UPDATE) for r in plan.rows):
            text += self.tr("　— 取り込む変更はありません")
        self.summary_label.setText(text)

    # -- choosing ----------------------------------------------------------------------------------
    def choose_file(self) -> None:
        folder = str(self.shown_path.parent) if self.shown_path else (
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("取り込むExcelファイル"), folder, self.tr("Excel ブック (*.xlsx *.xlsm);;すべてのファイル (*)"))
        if path:
            self.set_file(path)

    def set_file(self, path: str | Path) -> None:
        self._unlocked.close()
        opened = open_locked(self, self.shell, Path(path), self._unlocked)
        if opened is None:
            return
        (self.path, self.source_password), self.shown_path = opened, Path(path)
        self.path_edit.setText(str(path))
        self.overrides, self.value_answers = {}, {}
        self.header_spin.setValue(0)
        self._set_sheets([], None)
        self.replan()

    def _set_sheets(self, names: list[str], current: str | None) -> None:
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for name in names:
            self.sheet_combo.addItem(name, name)
        if current is not None:
            self.sheet_combo.setCurrentIndex(max(self.sheet_combo.findData(current), 0))
        self.sheet_combo.blockSignals(False)

    def _kind_changed(self, _index: int) -> None:
        self.overrides, self.value_answers = {}, {}
        if self.path is not None:
            self.replan()
        else:
            self._update_state()

    def _sheet_changed(self, _index: int) -> None:
        self.overrides = {}
        self.header_spin.setValue(0)
        self.replan()

    def _header_changed(self) -> None:
        if self.plan is not None and (self.header_spin.value() or None) != self.plan.header_row:
            self.overrides = {}
            self.replan()

    def _value_answered(self, column: str, written: str, value: str | None) -> None:
        answers = self.value_answers.setdefault(column, {})
        if value is None:
            answers.pop(written, None)
        else:
            answers[written] = value or None  # "" (取り込まない) is None for the service
        self.replan()

    def _mapping_changed(self, column: int, combo: QComboBox) -> None:
        if self._loading:
            return
        key = combo.currentData() or None
        self.overrides[column] = key
        self.replan()

    # -- planning ----------------------------------------------------------------------------------
    def replan(self) -> None:
        if self.path is None:
            return
        if self._needs_session():
            self._clear_plan()
            return
        uow = self.shell.uow()
        kind, path = self.kind, self.path
        sheet = self.sheet_combo.currentData() if self.sheet_combo.count() else None
        header_row = self.header_spin.value() or None
        mapping = dict(self.overrides) or None
        values = {k: dict(v) for k, v in self.value_answers.items() if v} or None
        event_id = self.training_event.id if self.training_event is not None and kind in EVENT_IMPORT_KINDS else None
        session_id = self.session_combo.currentData() if kind == "attendance" else None

        def work(progress: Progress, abort: threading.Event) -> Any:
            if event_id is not None:
                return training_imports.plan_event_import(
                    uow, kind, event_id, path, session_id=session_id, sheet=sheet, mapping=mapping,
                    header_row=header_row, values=values, progress=progress, abort=abort)
            return planning.plan_import(uow, kind, path, sheet=sheet, mapping=mapping, header_row=header_row,
                                       values=values, progress=progress, abort=abort)

        self.task = run_task(self, work, title=self.tr("Excelの確認"), on_success=self.show_plan,
                             on_error=self._plan_failed, on_cancel=self._update_state)
        self._update_state()

    def _clear_plan(self) -> None:
        self.plan = None
        self.model.set_plan(None)
        self.mapping_table.setRowCount(0)
        self.values_box.set_questions([])
        self.header_label.setText("")
        self.notes_label.setVisible(False)
        self._show_decision()
        self._update_state()

    def _plan_failed(self, exc: BaseException) -> None:
        self._clear_plan()
        show_error(self, self.tr("Excelの確認"), exc)

    def show_plan(self, plan: import_plan.ImportPlan) -> None:
        self.plan = plan
        self._set_sheets(plan.sheets, plan.sheet)
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(plan.header_row or 0)
        self.header_spin.blockSignals(False)
        if plan.header is None:
            self.header_label.setText(self.tr("見出し行が見つかりません。見出しの行を指定してください。"))
        else:
            remembered = self.tr("（前回手で直した対応を使っています）") if plan.header.remembered else ""
            unknown = "、".join(c.header for c in plan.unknown_columns)
            text = self.tr("見出し: {row}行目{remembered}").format(row=plan.header_row, remembered=remembered)
            if unknown:
                text += "\n" + self.tr("取り込まない列: {cols}").format(cols=unknown)
            self.header_label.setText(text)
        self.notes_label.setText("\n".join(plan.notes))
        self.notes_label.setVisible(bool(plan.notes))
        self._fill_mapping(plan)
        self.values_box.set_questions(plan.value_questions)
        self.model.set_plan(plan)
        self._show_decision()
        self._update_state()

    def _fill_mapping(self, plan: import_plan.ImportPlan) -> None:
        self._loading = True
        try:
            choices = registry.field_choices(plan.kind)
            self.mapping_table.setRowCount(len(plan.columns))
            for i, col in enumerate(plan.columns):
                self.mapping_table.setItem(i, 0, QTableWidgetItem(col.letter))
                self.mapping_table.setItem(i, 1, QTableWidgetItem(col.header or self.tr("（見出しなし）")))
                combo = QComboBox(self.mapping_table)
                combo.setObjectName(f"mappingCombo{col.index}")
                combo.addItem(self.tr("（取り込まない）"), NOT_IMPORTED)
                for key, header in choices:
                    combo.addItem(header, key)
                combo.setCurrentIndex(max(combo.findData(col.key or NOT_IMPORTED), 0))
                if col.key is None and col.header and not col.ignored:
                    combo.setToolTip(self.tr("この見出しは自動では対応できませんでした。取り込む項目を選べます"))
                combo.currentIndexChanged.connect(lambda _i, c=col.index, cb=combo: self._mapping_changed(c, cb))
                self.mapping_table.setCellWidget(i, 2, combo)
        finally:
            self._loading = False

    def mapping_combo(self, column: int) -> QComboBox | None:
        """The combo box of sheet column ``column`` (0-based), for tests and keyboard users."""
        for i in range(self.mapping_table.rowCount()):
            widget = self.mapping_table.cellWidget(i, 2)
            if isinstance(widget, QComboBox) and widget.objectName() == f"mappingCombo{column}":
                return widget
        return None

    # -- deciding ----------------------------------------------------------------------------------
    def _selected(self) -> plan_rows.PlannedRow | None:
        rows = self.preview.selectionModel().selectedRows()
        return self.model.planned(rows[0].row()) if rows else None

    def _show_decision(self) -> None:
        r = self._selected()
        problems = [str(p) for p in r.problems] if r is not None else []
        self.detail_label.setText("\n".join(problems))
        self.detail_label.setVisible(bool(problems))
        self.decide_box.show_row(r)

    def _decide(self, choice: str | None) -> None:
        r = self._selected()
        if r is None or self.plan is None:
            return
        row_number = r.row
        self.plan.decide(row_number, choice)
        self.model.refresh()
        for i, planned in enumerate(self.model.rows):  # keep the decided row selected
            if planned.row == row_number:
                self.preview.selectRow(i)
                break
        self._show_decision()
        self._update_state()

    # -- importing ---------------------------------------------------------------------------------
    def start_import(self) -> None:
        plan = self.plan
        if plan is None or not plan.ok:
            return
        uow = self.shell.uow()

        def work(progress: Progress, abort: threading.Event) -> Any:
            return applying.apply_import(uow, plan, progress=progress, abort=abort)

        self.task = run_task(self, work, title=self.tr("取り込み"), on_success=self._imported,
                             on_error=self._import_failed, on_cancel=self._import_cancelled)
        self._update_state()

    def _imported(self, result: import_plan.ImportResult) -> None:
        self.result = result
        self.imported.emit(result)
        self.summary_label.setText(result.summary())
        self.accept()

    def _import_failed(self, exc: BaseException) -> None:
        self._update_state()
        show_error(self, self.tr("取り込み"), exc)

    def _import_cancelled(self) -> None:
        self._update_state()
        self.summary_label.setText(self.tr("取り込みを中止しました。データベースは変更していません。"))

    def save_errors_copy(self) -> None:
        plan = self.plan
        if plan is None or not plan.problems:
            return
        source = self.shown_path or plan.path
        suggested = source.with_name(f"{source.stem}_問題_{dt.date.today():%Y%m%d}.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("問題に印を付けたExcelを保存"), str(suggested),
                                              self.tr("Excel ブック (*.xlsx)"))
        if not path:
            return
        target = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")

        def write(progress: Progress, abort: threading.Event) -> Any:
            progress(-1.0, _tr("保存しています…"))
            return errors_copy.write_errors_copy(plan, target)

        work = LockChoice(self.source_password).wrap([target], write)

        def done(n: int) -> None:
            self.summary_label.setText(self.tr("問題 {n}件に印を付けて「{path}」に保存しました").format(n=f"{n:,}", path=target.name))

        self.task = run_task(self, work, title=self.tr("問題の保存"), on_success=done)


    def done(self, result: int) -> None:
        self._unlocked.close()  # the decrypted copy of a locked workbook goes with the dialog
        super().done(result)


def open_import_dialog(parent: QWidget, shell: ShellContext, kind: str = "people") -> ImportDialog:
    """Open the dialog (modal) for ``kind``; returns it after it closed (``result`` is set on success)."""
    dialog = ImportDialog(shell, kind if kind in IMPORT_KINDS else "people", parent=parent)
    dialog.exec()
    return dialog


def open_event_import_dialog(parent: QWidget, shell: ShellContext, event: EventData,
                             kind: str = "registrations") -> ImportDialog:
    """The same dialog for one 研修: its 申込者 or 出欠 sheet first (the other lists stay offered)."""
    dialog = ImportDialog(shell, kind, parent=parent, event=event)
    dialog.exec()
    return dialog
