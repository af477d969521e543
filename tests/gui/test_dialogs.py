"""Detail forms: create, edit, delete and validation go through the services and back to the lists."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QMessageBox

from sasaeai_desktop.domain.codes import check_digit
from sasaeai_desktop.gui.dialogs.field_errors import is_invalid
from sasaeai_desktop.gui.dialogs.municipality_dialog import MunicipalityDialog
from sasaeai_desktop.gui.dialogs.person_dialog import PersonDialog
from sasaeai_desktop.gui.main_window import MainWindow
from sasaeai_desktop.services import listing
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people

from .helpers import type_text
from .helpers import wait_loaded
from .helpers import when_modal

KOIKI_CODE = "20990" + check_digit("20990")  # a 広域連合 with a valid check digit


def _ok(dialog: Any) -> None:
    # click() rather than a synthetic mouse event: a dialog that has just been opened by exec()
    # may not be exposed yet offscreen, and the mouse event would then go nowhere.
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()


def _row_of(page: Any, key: str, value: str) -> int:
    col = page.model.column_of(key)
    for row in range(page.model.total):
        if page.model.index(row, col).data() == value:
            return row
    raise AssertionError(f"{value} not in the list")


def test_create_a_koiki_rengo_through_the_list_page(qtbot: Any, window: MainWindow, shell: Any) -> None:
    window.show_page("municipalities")
    page = window.current_page()
    wait_loaded(qtbot, page)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, MunicipalityDialog)
        dialog.ui.codeEdit.setText(KOIKI_CODE)
        dialog.ui.nameEdit.setText("長野県後期高齢者医療広域連合")
        dialog.ui.kanaEdit.setText("ナガノケンコウキコウレイシャイリョウコウイキレンゴウ")  # katakana is accepted
        dialog.ui.kindCombo.setCurrentText("広域連合")
        dialog.ui.populationSpin.setValue(2_020_000)
        _ok(dialog)
        assert not dialog.isVisible(), dialog.ui.errorLabel.text()

    seen = when_modal(fill)
    window.new_action.trigger()  # Ctrl+N; exec() returns once the dialog is accepted
    assert seen and seen[0].result() == QDialog.DialogCode.Accepted

    saved = municipalities.find_by_code(shell.uow(), KOIKI_CODE)
    assert saved is not None
    assert (saved.kind, saved.population) == ("広域連合", 2_020_000)
    assert saved.kana == "ながのけんこうきこうれいしゃいりょうこういきれんごう"
    # the list heard about the change and re-queried
    qtbot.waitUntil(lambda: page.model.total == 78)
    row = _row_of(page, "code", KOIKI_CODE)
    assert page.model.index(row, page.model.column_of("population")).data() == "2,020,000"


def test_edit_keeps_what_the_form_does_not_show(qtbot: Any, shell: Any) -> None:
    matsumoto = municipalities.find_by_code(shell.uow(), "202029")
    assert matsumoto is not None
    dialog = MunicipalityDialog(shell, matsumoto.id)
    qtbot.addWidget(dialog)
    assert dialog.ui.nameEdit.text() == "松本市"
    assert dialog.ui.populationSpin.text() == "未入力"  # None is shown as 未入力, not 0
    dialog.ui.populationSpin.setValue(236_447)
    dialog.ui.agingRateSpin.setValue(30.4)
    dialog.ui.notesEdit.setPlainText("第2層協議体: 35地区中 28地区で設置")
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    after = municipalities.get(shell.uow(), matsumoto.id)
    assert (after.population, after.aging_rate) == (236_447, 30.4)
    assert after.notes == "第2層協議体: 35地区中 28地区で設置"
    assert (after.code, after.kind, after.designated_city) == ("202029", "市", matsumoto.designated_city)


def test_validation_error_keeps_the_typed_text_and_marks_the_fields(qtbot: Any, shell: Any) -> None:
    dialog = MunicipalityDialog(shell)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.codeEdit.setText("209901")  # wrong check digit
    dialog.ui.kanaEdit.setText("てすと")
    _ok(dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.ui.codeEdit.text() == "209901" and dialog.ui.kanaEdit.text() == "てすと"
    assert is_invalid(dialog.ui.codeEdit) and is_invalid(dialog.ui.nameEdit)
    assert not is_invalid(dialog.ui.kanaEdit)
    assert "チェックディジット" in dialog.ui.errorLabel.text()
    assert "市町村名を入力してください" in dialog.ui.errorLabel.text()
    # fixing it clears the marks and saves
    dialog.ui.codeEdit.setText(KOIKI_CODE)
    dialog.ui.nameEdit.setText("テスト広域連合")
    dialog.ui.kindCombo.setCurrentText("広域連合")
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert municipalities.find_by_code(shell.uow(), KOIKI_CODE) is not None


def test_delete_asks_then_soft_deletes(qtbot: Any, window: MainWindow, shell: Any, message_boxes: Any) -> None:
    window.show_page("municipalities")
    page = window.current_page()
    wait_loaded(qtbot, page)
    row = _row_of(page, "name", "小海町")
    page.select_row(row)

    message_boxes.answer = QMessageBox.StandardButton.No
    window.delete_action.trigger()
    assert municipalities.find_by_code(shell.uow(), "203033") is not None  # "No" deletes nothing

    message_boxes.answer = QMessageBox.StandardButton.Yes
    window.delete_action.trigger()
    kind, title, text = message_boxes.shown[-1]
    assert kind == "question" and "「小海町」を削除しますか？" in text
    assert municipalities.find_by_code(shell.uow(), "203033") is None
    qtbot.waitUntil(lambda: page.model.total == 76)


def test_create_and_edit_a_person(qtbot: Any, shell: Any) -> None:
    dialog = PersonDialog(shell)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.nameEdit.setText("宮坂 恵子")
    dialog.ui.kanaEdit.setText("ミヤサカ ケイコ")
    dialog.ui.roleCombo.setCurrentText("第1層SC")
    dialog.ui.municipalityCombo.setEditText("松本市")
    dialog.ui.affiliationEdit.setText("松本市社会福祉協議会")
    dialog.ui.emailEdit.setText("ｍｉｙａｓａｋａ@example.jp")  # full-width is normalised
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    person = people.get(shell.uow(), dialog.saved_id)
    matsumoto = municipalities.find_by_code(shell.uow(), "202029")
    assert matsumoto is not None
    assert (person.name, person.kana, person.role) == ("宮坂 恵子", "みやさか けいこ", "第1層SC")
    assert person.municipality_id == matsumoto.id
    assert person.email == "miyasaka@example.jp"

    edit = PersonDialog(shell, person.id)
    qtbot.addWidget(edit)
    assert edit.ui.municipalityCombo.currentText() == "松本市"
    edit.ui.titleEdit.setText("主任")
    edit.ui.municipalityCombo.setEditText("")  # no municipality any more
    _ok(edit)
    after = people.get(shell.uow(), person.id)
    assert (after.title, after.municipality_id) == ("主任", None)


def test_person_form_rejects_unknown_municipality_and_bad_email(qtbot: Any, shell: Any) -> None:
    dialog = PersonDialog(shell)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.nameEdit.setText("北原 誠")
    dialog.ui.municipalityCombo.setEditText("松本町")
    dialog.ui.emailEdit.setText("kitahara@")
    _ok(dialog)
    assert dialog.isVisible()
    assert is_invalid(dialog.ui.municipalityCombo) and is_invalid(dialog.ui.emailEdit)
    assert "松本町" in dialog.ui.errorLabel.text() and "kitahara@" in dialog.ui.errorLabel.text()
    assert dialog.ui.municipalityCombo.currentText() == "松本町"  # kept for correction
    assert listing.count(shell.uow(), "people", listing.PageRequest()) == 0


def test_similar_name_warning_does_not_block(qtbot: Any, shell: Any) -> None:
    nagano = municipalities.find_by_code(shell.uow(), "202011")
    assert nagano is not None
    people.save(shell.uow(), people.PersonData(id=None, name="髙橋 一郎", kana="たかはし いちろう", municipality_id=nagano.id))
    dialog = PersonDialog(shell)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.nameEdit.setFocus()
    type_text(dialog.ui.nameEdit, "高橋 一郎")
    dialog.ui.nameEdit.editingFinished.emit()  # what leaving the field does
    warning = dialog.ui.matchWarningLabel
    assert not warning.isHidden()
    assert "似た名前の人が登録されています: 髙橋 一郎（長野市）" in warning.text()
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert listing.count(shell.uow(), "people", listing.PageRequest()) == 2


def test_municipality_type_ahead_matches_inside_names(qtbot: Any, shell: Any) -> None:
    dialog = PersonDialog(shell)
    qtbot.addWidget(dialog)
    completer = dialog.ui.municipalityCombo.completer()
    completer.setCompletionPrefix("安曇")
    names = {completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())}
    assert "安曇野市" in names
    completer.setCompletionPrefix("谷")  # anywhere in the name, not only at the start
    names = {completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())}
    assert "小谷村" in names and all("谷" in n for n in names)
