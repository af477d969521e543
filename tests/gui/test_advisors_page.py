"""The advisor page: list and search, the profile form, the 担当表 and the handout, offscreen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from sasaeai_desktop.gui.dialogs.advisor_dialog import AdvisorDialog
from sasaeai_desktop.gui.dialogs.advisor_matrix import AdvisorMatrixDialog
from sasaeai_desktop.gui.dialogs.field_errors import is_invalid
from sasaeai_desktop.gui.dialogs.handout_dialog import HandoutDialog
from sasaeai_desktop.gui.dialogs.handout_dialog import print_handout
from sasaeai_desktop.services.advisors import handout as advisor_handout
from sasaeai_desktop.services.advisors import roster as advisors
from sasaeai_desktop.services.advisors.roster import AdvisorData
from sasaeai_desktop.services.advisors.roster import AssignmentData

from .helpers import open_page
from .helpers import sql
from .helpers import when_modal


def _muni(db_path: Path, name: str) -> str:
    return sql(db_path, "SELECT id FROM municipality WHERE name = ?", name)[0][0]


def _field(shell: Any, name: str) -> str:
    return {f.name: f.id for f in advisors.list_fields(shell.uow())}[name]


def _advisor(shell: Any, name: str, kana: str, **kw: Any) -> str:
    return advisors.save(shell.uow(), AdvisorData(id=None, name=name, kana=kana, **kw))


def test_new_advisor_through_the_form(qtbot: Any, shell: Any, db_path: Path) -> None:
    page = open_page(qtbot, shell, "advisors")
    assert page.model.total == 0

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, AdvisorDialog)
        dialog.ui.nameEdit.setText("髙橋 﨑子")
        dialog.ui.kanaEdit.setText("タカハシ サキコ")
        dialog.ui.categoryCombo.setCurrentText("社協")
        dialog.ui.affiliationEdit.setText("長野県社会福祉協議会")
        dialog.ui.phoneEdit.setText("026-228-4244")
        dialog.ui.phoneConsentCombo.setCurrentIndex(1)  # 可
        dialog.ui.emailEdit.setText("sakiko@")  # wrong first: the form says so and keeps the rest
        for i in range(dialog.ui.fieldsList.count()):
            item = dialog.ui.fieldsList.item(i)
            if item.text() == "居場所づくり":
                item.setCheckState(Qt.CheckState.Checked)
        dialog.picker.set_id(_muni(db_path, "松本市"))
        dialog.ui.roleCombo.setCurrentIndex(0)  # 主担当
        dialog.add_assignment()
        dialog.accept()
        assert dialog.isVisible() and is_invalid(dialog.ui.emailEdit) and "sakiko@" in dialog.error_label.text()
        assert dialog.ui.nameEdit.text() == "髙橋 﨑子"
        dialog.ui.emailEdit.setText("sakiko@example.jp")
        dialog.accept()

    seen = when_modal(fill)
    page.create_new()
    assert seen and seen[0].saved_id
    qtbot.waitUntil(lambda: page.model.total == 1)
    saved = advisors.get(shell.uow(), seen[0].saved_id)
    assert (saved.name, saved.kana, saved.publish_phone, saved.publish_email) == ("髙橋 﨑子", "たかはし さきこ", True, None)
    assert saved.field_ids == (_field(shell, "居場所づくり"),)
    assert [(a.municipality, a.role) for a in saved.assignments] == [("松本市", "主担当")]
    row = page.model.row_values(0)
    cols = [c.key for c in page.model.columns]
    assert row[cols.index("fields")] == "居場所づくり" and row[cols.index("municipalities")] == "松本市（主）"


def test_search_by_field_and_municipality_and_the_field_filter(qtbot: Any, shell: Any, db_path: Path) -> None:
    _advisor(shell, "青木 一郎", "あおき いちろう", field_ids=(_field(shell, "移動支援"),),
             assignments=(AssignmentData(_muni(db_path, "松本市"), "主担当"),))
    _advisor(shell, "井上 二郎", "いのうえ じろう", field_ids=(_field(shell, "見守り"),), affiliation="小諸市社会福祉協議会")
    page = open_page(qtbot, shell, "advisors")
    assert page.model.total == 2
    for text, expected in (("移動", 1), ("まつもと", 1), ("松本", 1), ("小諸", 1), ("いのうえ", 1), ("協議会", 1)):
        page.search_edit.setText(text)
        page.apply_search()
        qtbot.waitUntil(lambda e=expected: page.model.total == e)
    page.search_edit.setText("")
    page.apply_search()
    qtbot.waitUntil(lambda: page.model.total == 2)
    page.field_combo.setCurrentIndex(page.field_combo.findData(_field(shell, "見守り")))
    qtbot.waitUntil(lambda: page.model.total == 1)
    assert page.model.row_values(0)[0] == "井上 二郎"


def test_matrix_dialog_marks_municipalities_with_nobody(qtbot: Any, shell: Any, db_path: Path) -> None:
    _advisor(shell, "青木 一郎", "あおき いちろう", assignments=(AssignmentData(_muni(db_path, "松本市"), "主担当"),))
    _advisor(shell, "井上 二郎", "いのうえ じろう", assignments=(AssignmentData(_muni(db_path, "松本市"), "副担当"),))
    dialog = AdvisorMatrixDialog(shell)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.columnCount() == 3 + 2
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in (3, 4)] == ["青木\n一郎", "井上\n二郎"]
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "松本市")
    assert [model.index(row, c).data() for c in (2, 3, 4)] == ["2", "主", "副"]
    other = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "塩尻市")
    assert model.index(other, 2).data() == "担当なし"
    assert model.index(other, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "担当のいない市町村 76" in dialog.summary_label.text()
    dialog.only_uncovered.setChecked(True)
    assert model.rowCount() == 76


def test_handout_dialog_options_and_printing_off_the_gui_thread(
    qtbot: Any, shell: Any, tmp_path: Path, message_boxes: Any
) -> None:
    _advisor(shell, "青木 一郎", "あおき いちろう", field_ids=(_field(shell, "移動支援"),), phone="026-111-1111",
             publish_phone=True)
    _advisor(shell, "𠀀田 太郎", "よしだ たろう", field_ids=(_field(shell, "見守り"),))
    dialog = HandoutDialog(shell)
    qtbot.addWidget(dialog)
    dialog.field_radio.setChecked(True)
    for i in range(dialog.fields_box.count()):
        if dialog.fields_box.item(i).text() in ("移動支援", "見守り"):
            dialog.fields_box.item(i).setCheckState(Qt.CheckState.Checked)
    dialog.as_of_edit.setDate(dt.date(2025, 4, 1))
    options = dialog.options()
    assert (options.sort, options.fields, options.as_of) == ("field", ("移動支援", "見守り"), dt.date(2025, 4, 1))

    handle = print_handout(shell, None, options, str(tmp_path / "名簿"), excel=True)
    qtbot.waitUntil(lambda: handle.done, timeout=20000)
    assert (tmp_path / "名簿.pdf").stat().st_size > 0 and (tmp_path / "名簿.xlsx").exists()
    kind, _title, text = message_boxes.shown[-1]
    assert kind == "warning" and "2名" in text and "U+20000" in text  # in neither bundled font: printed as 〓, and said so
    assert advisor_handout.build_handout(shell.uow(), options).advisors == 2


def test_handout_button_asks_for_options_first(qtbot: Any, shell: Any) -> None:
    page = open_page(qtbot, shell, "advisors")
    seen = when_modal(lambda d: d.reject())
    page.handout_button.click()
    assert seen and isinstance(seen[0], HandoutDialog)
    assert page.handout_task is None  # cancelled: nothing printed
