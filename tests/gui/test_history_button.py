"""The 「変更履歴…」 button every record form shares (gui/dialogs/history_button.py), offscreen:
it opens the history of the record being edited — not of another — and is hidden for a record
not saved yet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from sasaeai_desktop.gui.dialogs.advisor_dialog import AdvisorDialog
from sasaeai_desktop.gui.dialogs.consultation_dialog import ConsultationDialog
from sasaeai_desktop.gui.dialogs.dispatch_dialog import DispatchDialog
from sasaeai_desktop.gui.dialogs.event_dialog import EventDialog
from sasaeai_desktop.gui.dialogs.history_dialog import HistoryDialog
from sasaeai_desktop.gui.dialogs.municipality_dialog import MunicipalityDialog
from sasaeai_desktop.gui.dialogs.person_dialog import PersonDialog
from sasaeai_desktop.gui.dialogs.visit_dialog import VisitDialog
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people
from sasaeai_desktop.services.activities import consultations
from sasaeai_desktop.services.activities import dispatches
from sasaeai_desktop.services.activities import visits
from sasaeai_desktop.services.advisors import roster as advisors
from sasaeai_desktop.services.trainings import events


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[HistoryDialog]:
    """The history windows the button opens, built for real but not run modally."""
    seen: list[HistoryDialog] = []

    def capture(self: HistoryDialog) -> int:
        seen.append(self)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(HistoryDialog, "exec", capture)
    return seen


def _shown(qtbot: Any, form: QDialog) -> QDialog:
    qtbot.addWidget(form)
    form.show()
    return form


def _values(dialog: HistoryDialog, field_label: str) -> list[str]:
    return [dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())
            if dialog.table.item(r, 3).text() == field_label]


def _mid(shell: Any, name: str) -> str:
    return next(mid for mid, n in municipalities.choices(shell.uow()) if n == name)


def test_visit_form_opens_the_history_of_that_visit(qtbot: Any, shell: Any, opened: list[HistoryDialog]) -> None:
    uow = shell.uow
    mid = _mid(shell, "松本市")
    first = visits.save(uow(), visits.VisitData(None, mid, dt.date(2025, 6, 2), purpose="協議体の立ち上げ相談")).id
    other = visits.save(uow(), visits.VisitData(None, mid, dt.date(2025, 6, 9), purpose="別の訪問")).id
    assert first and other
    visits.save(uow(), replace(visits.get(uow(), first), purpose="協議体の第1回"))

    form = _shown(qtbot, VisitDialog(shell, first))
    assert form.history_button is not None and form.history_button.isVisible()
    form.history_button.click()
    [history] = opened
    assert history.record_table == "visit"
    assert _values(history, "目的") == ["協議体の第1回", "協議体の立ち上げ相談"]  # newest first, this visit only
    assert history.windowTitle() == "変更履歴 — 訪問"


def test_consultation_form_opens_the_history_of_that_consultation(qtbot: Any, shell: Any,
                                                                   opened: list[HistoryDialog]) -> None:
    uow = shell.uow
    cid = consultations.save(uow(), consultations.ConsultationData(
        id=None, received_date=dt.date(2025, 5, 1), from_name="宮坂", question="居場所づくり"))
    consultations.save(uow(), consultations.ConsultationData(
        id=None, received_date=dt.date(2025, 5, 2), from_name="小林", question="ほかの相談"))
    consultations.save(uow(), replace(consultations.get(uow(), cid), answer="事例集を送った"))

    form = _shown(qtbot, ConsultationDialog(shell, cid))
    form.history_button.click()
    [history] = opened
    assert history.record_table == "consultation"
    questions = [h.value for h in history.items if h.field == "question"]
    assert questions == ["居場所づくり"]  # not the other consultation's
    assert [h.value for h in history.items if h.field == "answer"] == ["", "事例集を送った"]  # oldest first


def test_a_new_record_offers_no_history_until_it_is_saved(qtbot: Any, shell: Any, opened: list[HistoryDialog]) -> None:
    for form in (ConsultationDialog(shell), DispatchDialog(shell), PersonDialog(shell), EventDialog(shell)):
        _shown(qtbot, form)
        assert form.history_button is not None and not form.history_button.isVisible()

    # a new visit becomes a record with its first autosaved draft: the button appears then
    visit = _shown(qtbot, VisitDialog(shell))
    assert not visit.history_button.isVisible()
    visit.picker.set_id(_mid(shell, "松本市"))
    visit.ui.purposeEdit.setPlainText("下書きの目的")
    assert visit.autosave() and visit.visit_id
    assert visit.history_button.isVisible()
    visit.history_button.click()
    assert [h.value for h in opened[0].items if h.field == "purpose"] == ["下書きの目的"]


def _records(shell: Any) -> list[tuple[str, str, Callable[[str], QDialog]]]:
    """(table, id, form) for an existing record of every kind of form."""
    uow = shell.uow
    mid = _mid(shell, "長野市")
    aid = advisors.save(uow(), advisors.AdvisorData(id=None, name="宮坂 一郎", kana="みやさか いちろう"))
    did = dispatches.save(uow(), dispatches.DispatchData(None, mid, purpose="勉強会の講師", advisor_ids=(aid,)))
    pid = people.save(uow(), people.PersonData(id=None, name="山田 太郎", kana="やまだ たろう"))
    ev = events.save_event(uow(), events.EventData(None, "養成研修", "生活支援コーディネーター養成研修", 2025,
                                          sessions=(events.SessionData(None, dt.date(2025, 7, 1), "1日目", "長野市", 40),)))
    return [
        ("advisor", aid, lambda i: AdvisorDialog(shell, i)),
        ("dispatch", did, lambda i: DispatchDialog(shell, i)),
        ("person", pid, lambda i: PersonDialog(shell, i)),
        ("municipality", mid, lambda i: MunicipalityDialog(shell, i)),
        ("training_event", ev, lambda i: EventDialog(shell, i)),
    ]


def test_every_record_form_opens_its_own_table_and_row(qtbot: Any, shell: Any, opened: list[HistoryDialog]) -> None:
    titles = {}
    for table, row_id, make in _records(shell):
        form = _shown(qtbot, make(row_id))
        assert form.history_button.isVisible(), table
        form.history_button.click()
        history = opened[-1]
        assert (history.record_table, history.row_id) == (table, row_id)
        assert history.items, table  # its own writes are there
        titles[table] = history.windowTitle()
    assert titles["person"] == "変更履歴 — 山田 太郎"  # a named record is named
    assert titles["training_event"] == "変更履歴 — 生活支援コーディネーター養成研修"
    assert titles["dispatch"] == "変更履歴 — 派遣"
