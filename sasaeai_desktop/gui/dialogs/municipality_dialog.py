"""The municipality form (layout: ui/municipality_dialog.ui): create, edit, delete through
services.municipalities."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain import vocab
from sasaeai_desktop.gui.dialogs.confirm import delete_after_confirming
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors
from sasaeai_desktop.gui.dialogs.record_dialog import RecordDialog
from sasaeai_desktop.gui.dialogs.record_dialog import name_ok_cancel
from sasaeai_desktop.gui.dialogs.record_dialog import run_record_dialog
from sasaeai_desktop.gui.dialogs.widget_values import load_fields
from sasaeai_desktop.gui.dialogs.widget_values import read_fields
from sasaeai_desktop.gui.forms.ui_municipality_dialog import Ui_MunicipalityDialog
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.services import municipalities

_tr = partial(QCoreApplication.translate, "MunicipalityDialog")


class MunicipalityDialog(RecordDialog):
    history_table = "municipality"

    def __init__(self, shell: ShellContext, municipality_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.use_ui(Ui_MunicipalityDialog())
        self.ui.kindCombo.addItems(list(vocab.MUNICIPALITY_KINDS))
        name_ok_cancel(self.ui.buttonBox, self.tr("保存"))
        self.field_widgets: dict[str, QWidget] = {
            "code": self.ui.codeEdit,
            "name": self.ui.nameEdit,
            "kana": self.ui.kanaEdit,
            "kind": self.ui.kindCombo,
            "county": self.ui.countyEdit,
            "population": self.ui.populationSpin,
            "aging_rate": self.ui.agingRateSpin,
            "daily_life_areas": self.ui.dailyLifeAreasSpin,
            "address": self.ui.addressEdit,
            "phone": self.ui.phoneEdit,
            "notes": self.ui.notesEdit,
        }
        clear_errors(self.field_widgets, self.ui.errorLabel)
        if municipality_id is None:
            # Fields the form does not show (parent city, 政令市 flag) start empty for a new one.
            self._original = municipalities.MunicipalityData(id=None, code="", name="")
            self.setWindowTitle(self.tr("市町村の新規登録"))
        else:
            self._original = municipalities.get(shell.uow(), municipality_id)
            self.setWindowTitle(self.tr("市町村の編集 — {name}").format(name=self._original.display_name))
        self._load(self._original)
        # As tall as the fields need (the .ui size is only Designer's canvas); it grows when errors show.
        self.resize(self.width(), self.sizeHint().height())

    def history_label(self) -> str:
        return self._original.display_name

    def _load(self, data: municipalities.MunicipalityData) -> None:
        load_fields(self.field_widgets, data)

    def form_data(self) -> tuple[municipalities.MunicipalityData, dict[str, str]]:
        return replace(self._original, **read_fields(self.field_widgets)), {}

    def save_record(self, data: municipalities.MunicipalityData) -> str:
        return municipalities.save(self.shell.uow(), data)


def edit_municipality(shell: ShellContext, parent: QWidget | None, municipality_id: str | None = None) -> str | None:
    """Open the form; returns the saved id, or None when cancelled (or the row is gone)."""
    return run_record_dialog(parent, _tr("市町村"), lambda: MunicipalityDialog(shell, municipality_id, parent))


def delete_municipality(shell: ShellContext, parent: QWidget | None, municipality_id: str, label: str) -> bool:
    return delete_after_confirming(
        parent, label, _tr("市町村の削除"), lambda: municipalities.delete(shell.uow(), municipality_id),
        _tr("訪問記録や状況シートなど、この市町村に結び付いた記録は残ります。"),
    )
