"""把握のきっかけ in the 地域資源 form: a picker of the municipality's visits and consultations and
the events, by date and title (never an id); the choice is saved, shown again and can be changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog

from sasaeai_desktop.gui.dialogs.catalogue_dialog import CatalogueDialog
from sasaeai_desktop.services.activities import consultations
from sasaeai_desktop.services.activities import visits
from sasaeai_desktop.services.catalogue import entries
from sasaeai_desktop.services.trainings import events

from .helpers import open_page
from .helpers import sql
from .helpers import when_modal


def _labels(dialog: CatalogueDialog) -> list[str]:
    combo = dialog.ui.sourceCombo
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_form_picks_where_an_entry_was_learnt_of(qtbot: Any, shell: Any, db_path: Path) -> None:
    ueda, matsumoto = (sql(db_path, "SELECT id FROM municipality WHERE name = ?", n)[0][0] for n in ("上田市", "松本市"))
    visits.save(shell.uow(), visits.VisitData(None, ueda, dt.date(2025, 6, 2), purpose="居場所づくりの相談\n詳細"))
    visits.save(shell.uow(), visits.VisitData(None, matsumoto, dt.date(2025, 6, 3), purpose="松本の訪問"))
    consultations.save(shell.uow(), consultations.ConsultationData(
        None, dt.date(2025, 7, 1), municipality_id=ueda, topics="移動支援", question="送迎の始め方"))
    events.save_event(shell.uow(), events.EventData(None, "フォーラム・セミナー", "支え合いフォーラム", 2025,
                                                    sessions=(events.SessionData(None, dt.date(2025, 11, 3)),)))
    entry_id = entries.save(shell.uow(), entries.EntryData(None, "ふれあいサロン", "サロン", ueda))
    page = open_page(qtbot, shell, "catalogue")
    seen: dict[str, list[str]] = {}

    def choose_visit(dialog: QDialog) -> None:
        assert isinstance(dialog, CatalogueDialog)
        seen["first"] = _labels(dialog)
        combo = dialog.ui.sourceCombo
        combo.setCurrentIndex(combo.findText("訪問 2025-06-02 居場所づくりの相談"))
        dialog.ui.municipalityCombo.setCurrentText("松本市")  # the chosen visit stays chosen
        seen["matsumoto"] = _labels(dialog)
        assert combo.currentText() == "訪問 2025-06-02 居場所づくりの相談"
        dialog.ui.municipalityCombo.setCurrentText("上田市")
        dialog.accept()

    when_modal(choose_visit)
    page.select_row(0)
    page.open_selected()
    assert seen["first"] == ["（記録なし）", "訪問 2025-06-02 居場所づくりの相談", "相談 2025-07-01 移動支援",
                             "研修 2025-11-03 支え合いフォーラム"]
    assert "訪問 2025-06-03 松本の訪問" in seen["matsumoto"]
    row = sql(db_path, "SELECT v.visit_date, e.consultation_id, e.event_id FROM catalogue_entry e "
                       "JOIN visit v ON v.id = e.visit_id WHERE e.id = ?", entry_id)
    assert row == [("2025-06-02", None, None)]

    def switch_to_event(dialog: QDialog) -> None:
        assert isinstance(dialog, CatalogueDialog)
        combo = dialog.ui.sourceCombo
        assert combo.currentText() == "訪問 2025-06-02 居場所づくりの相談"  # the stored one, shown again
        combo.setCurrentIndex(combo.findText("研修 2025-11-03 支え合いフォーラム"))
        dialog.accept()

    when_modal(switch_to_event)
    page.open_selected()
    row = sql(db_path, "SELECT e.visit_id, t.title FROM catalogue_entry e JOIN training_event t ON t.id = e.event_id")
    assert row == [(None, "支え合いフォーラム")]

    def clear(dialog: QDialog) -> None:
        assert isinstance(dialog, CatalogueDialog)
        dialog.ui.sourceCombo.setCurrentIndex(0)
        dialog.accept()

    when_modal(clear)
    page.open_selected()
    assert sql(db_path, "SELECT visit_id, consultation_id, event_id FROM catalogue_entry") == [(None, None, None)]
