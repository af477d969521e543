"""The 地域資源 form (layout: ui/catalogue_dialog.ui): an activity or place of the catalogue,
its contact with the consent to publish it, and its photos (gui/dialogs/catalogue_photos.py),
through services.catalogue."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog
from PySide6.QtWidgets import QWidget

from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.gui.dialogs.catalogue_photos import PhotoStrip
from sasaeai_desktop.gui.dialogs.confirm import delete_after_confirming
from sasaeai_desktop.gui.dialogs.field_errors import clear_errors
from sasaeai_desktop.gui.dialogs.person_dialog import MunicipalityPicker
from sasaeai_desktop.gui.dialogs.record_dialog import RecordDialog
from sasaeai_desktop.gui.dialogs.record_dialog import fill_choices
from sasaeai_desktop.gui.dialogs.record_dialog import name_ok_cancel
from sasaeai_desktop.gui.dialogs.record_dialog import run_record_dialog
from sasaeai_desktop.gui.dialogs.record_dialog import set_choice
from sasaeai_desktop.gui.dialogs.widget_values import load_fields
from sasaeai_desktop.gui.dialogs.widget_values import read_fields
from sasaeai_desktop.gui.forms.ui_catalogue_dialog import Ui_CatalogueDialog
from sasaeai_desktop.gui.shell_context import ShellContext
from sasaeai_desktop.gui.tasks import show_error
from sasaeai_desktop.gui.writes import write
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.catalogue import entries
from sasaeai_desktop.services.catalogue import kinds
from sasaeai_desktop.services.catalogue import sources

_TYPED_FIELDS = ("name", "kind", "area", "organiser", "content", "schedule", "frequency", "participants", "cost",
                 "contact", "description", "tags", "notes", "publishable", "info_date")
_CONSENTS: tuple[tuple[str, bool | None], ...] = (("連絡先の掲載: 未確認", None), ("連絡先の掲載: 可", True),
                                                  ("連絡先の掲載: 否", False))

_tr = partial(QCoreApplication.translate, "CatalogueDialog")


class CatalogueDialog(RecordDialog):
    history_table = "catalogue_entry"

    def __init__(self, shell: ShellContext, entry_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.use_ui(Ui_CatalogueDialog())
        name_ok_cancel(self.ui.buttonBox, self.tr("保存"))
        fill_choices(self.ui.kindCombo, ["", *kinds.list_kinds(shell.uow())])
        fill_choices(self.ui.contactConsentCombo, [self.tr(label) for label, _ in _CONSENTS])
        self.ui.infoDateEdit.describe("更新日", RECORD)
        self.ui.addKindButton.clicked.connect(self.add_kind)
        self.picker = MunicipalityPicker(self.ui.municipalityCombo, municipalities.choices(shell.uow()),
                                         municipalities.readings(shell.uow()))
        self.field_widgets: dict[str, QWidget] = {
            "name": self.ui.nameEdit, "kind": self.ui.kindCombo, "municipality_id": self.ui.municipalityCombo,
            "area": self.ui.areaEdit, "organiser": self.ui.organiserEdit, "content": self.ui.contentEdit,
            "schedule": self.ui.scheduleEdit, "frequency": self.ui.frequencyEdit,
            "participants": self.ui.participantsSpin, "cost": self.ui.costEdit, "contact": self.ui.contactEdit,
            "contact_consent": self.ui.contactConsentCombo, "description": self.ui.descriptionEdit,
            "tags": self.ui.tagsEdit, "notes": self.ui.notesEdit, "publishable": self.ui.publishableCheck,
            "info_date": self.ui.infoDateEdit,
        }
        for key in sources.SOURCE_KEYS:
            self.field_widgets[key] = self.ui.sourceCombo
        clear_errors(self.field_widgets, self.ui.errorLabel)
        if entry_id is None:
            self._original = entries.EntryData(None, "", "", None)
            self.setWindowTitle(self.tr("地域資源の新規登録"))
        else:
            self._original = entries.get(shell.uow(), entry_id)
            self.setWindowTitle(self.tr("地域資源の編集 — {name}").format(name=self._original.name))
        self.photos = PhotoStrip(shell, entry_id, self.ui.photosBox)
        self.ui.photosLayout.addWidget(self.photos)
        self._load(self._original)
        self.ui.municipalityCombo.editTextChanged.connect(self._fill_sources)  # chosen from the list or typed
        self.take_snapshot()

    def history_label(self) -> str:
        return self._original.name

    def _load(self, data: entries.EntryData) -> None:
        load_fields(self.field_widgets, data, _TYPED_FIELDS)
        self.picker.set_id(data.municipality_id)
        self.ui.contactConsentCombo.setCurrentIndex([v for _, v in _CONSENTS].index(data.contact_consent))
        self._fill_sources(chosen=sources.recorded(data))

    def _fill_sources(self, *_args: object, chosen: tuple[str, str] | None = None) -> None:
        """The municipality's visits and consultations and the events, by date and title; the one
        chosen stays chosen when the municipality changes (as a grant's links do)."""
        combo = self.ui.sourceCombo
        keep = chosen if chosen is not None else combo.currentData()
        try:
            mid = self.picker.current_id()
        except KeyError:  # a name being typed: the list waits until it is one
            mid = self._original.municipality_id
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("（記録なし）"), None)
        for choice in sources.choices(self.shell.uow(), mid, keep):
            combo.addItem(choice.label, (choice.key, choice.id))
        at = [combo.itemData(i) for i in range(combo.count())]  # findData does not compare tuples
        combo.setCurrentIndex(at.index(keep) if keep in at else 0)
        combo.blockSignals(False)

    def add_kind(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("種類を追加"), self.tr("新しい種類（例: 体操教室、認知症カフェ）"))
        if not ok or not name.strip():
            return
        try:
            added = write(self, self.tr("種類の追加"), lambda: kinds.add_kind(self.shell.uow(), name))
        except UserError as exc:
            show_error(self, self.tr("種類の追加"), exc)
            return
        set_choice(self.ui.kindCombo, added)

    def form_data(self) -> tuple[entries.EntryData, dict[str, str]]:
        errors: dict[str, str] = {}
        municipality_id = self.picker.id_or_error(errors, fallback=self._original.municipality_id)
        consent = _CONSENTS[max(self.ui.contactConsentCombo.currentIndex(), 0)][1]
        source = self.ui.sourceCombo.currentData()
        learnt = {k: source[1] if source and source[0] == k else None for k in sources.SOURCE_KEYS}
        data = replace(self._original, **read_fields(self.field_widgets, _TYPED_FIELDS),
                       municipality_id=municipality_id, contact_consent=consent, **learnt)
        return data, errors

    def check(self, data: entries.EntryData) -> None:
        entries.check(self.shell.uow(), data)

    def save_record(self, data: entries.EntryData) -> str:
        saved = entries.save(self.shell.uow(), data)
        self.photos.save_texts(self._typed_photo_texts)
        return saved

    def accept(self) -> None:
        self._typed_photo_texts = self.photos.changed_texts()  # read here: save_record runs on the lane
        super().accept()

    def reject(self) -> None:
        if self.photos.changed_texts():
            self._snapshot = None  # typed photo texts count as typing: closing asks
        super().reject()


def edit_entry(shell: ShellContext, parent: QWidget | None, entry_id: str | None = None) -> str | None:
    """Open the form; returns the saved id, or None when cancelled (or the entry is gone)."""
    return run_record_dialog(parent, _tr("地域資源"), lambda: CatalogueDialog(shell, entry_id, parent))


def delete_entry(shell: ShellContext, parent: QWidget | None, entry_id: str, label: str) -> bool:
    return delete_after_confirming(
        parent, label, _tr("地域資源の削除"), lambda: entries.delete(shell.uow(), entry_id),
        _tr("写真も一覧から消えます（同期すると、ほかのパソコンでも削除されます）。"),
    )
