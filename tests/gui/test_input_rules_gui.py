"""The window's date fields and passphrase dialog follow the domain's input rules (issue 20 items 8, 10)."""

from __future__ import annotations

from typing import Any

from sasaeai_desktop.domain.date_range import PLAN
from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.gui.dialogs.passphrase_dialog import PassphraseDialog
from sasaeai_desktop.gui.widgets.date_fields import DateField


def test_date_field_names_a_day_outside_its_span(qtbot: Any) -> None:
    visit_day = DateField(field_name="訪問日", span=RECORD)
    qtbot.addWidget(visit_day)
    visit_day.setText("1800/1/1")
    assert "訪問日" in (visit_day.entry_error() or "") and "範囲外" in (visit_day.entry_error() or "")
    assert visit_day.value() is None
    visit_day.setText("R7.6.1")
    assert visit_day.entry_error() is None
    due = DateField(span=PLAN)
    qtbot.addWidget(due)
    due.setText("9999/12/31")
    assert "範囲外" in (due.entry_error() or "")
    anything = DateField()  # no span given: 1900–2100 still
    qtbot.addWidget(anything)
    anything.setText("0001-01-01")
    assert "範囲外" in (anything.entry_error() or "")


def test_passphrase_dialog_uses_the_one_rule_for_a_new_passphrase(qtbot: Any) -> None:
    new = PassphraseDialog(new=True)
    qtbot.addWidget(new)
    new.edit.setText(" 1234567 ")
    new.repeat_edit.setText(" 1234567 ")
    assert "8 文字以上" in new.problem()
    existing = PassphraseDialog(new=False)  # the dataset's own passphrase, whatever its length
    qtbot.addWidget(existing)
    existing.edit.setText("abc")
    assert existing.problem() == ""
