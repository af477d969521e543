"""Issue 16 item 5 in the window: the person and advisor forms store names as typed, and the
import preview offers 斉藤 / a stored 齋藤 as 「同じ人かも」 instead of creating or merging."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox

from sasaeai_desktop.gui.dialogs.advisor_dialog import AdvisorDialog
from sasaeai_desktop.gui.dialogs.import_dialog import ImportDialog
from sasaeai_desktop.gui.dialogs.person_dialog import PersonDialog
from sasaeai_desktop.services import people
from sasaeai_desktop.services.advisors import roster as advisors
from tests.excel_books import people_book

TSUKA, KAMI, HARU = "\ufa10", "\ufa19", "\ufa12"


def test_person_and_advisor_forms_keep_compatibility_kanji_and_half_width_kana(qtbot: Any, shell: Any) -> None:
    dialog = PersonDialog(shell)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.nameEdit.setText(f"{TSUKA}原　{KAMI}子")
    dialog.ui.kanaEdit.setText("ﾂｶﾊﾗ ｶﾐｺ")
    dialog.ui.affiliationEdit.setText("ｶﾌｪ ひだまり")
    dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok).click()
    person = people.get(shell.uow(), dialog.saved_id)
    assert [hex(ord(c)) for c in person.name] == [hex(ord(c)) for c in f"{TSUKA}原 {KAMI}子"]
    assert (person.kana, person.affiliation) == ("つかはら かみこ", "ｶﾌｪ ひだまり")

    adv = AdvisorDialog(shell)
    qtbot.addWidget(adv)
    adv.show()
    adv.ui.nameEdit.setText(f"小{HARU} 髙志")
    adv.ui.affiliationEdit.setText("ＮＰＯ法人　﨑山会")
    adv.accept()
    (aid,) = [a for a in [adv.saved_id] if a]
    d = advisors.get(shell.uow(), aid)
    assert (d.name, d.affiliation) == (f"小{HARU} 髙志", "ＮＰＯ法人 﨑山会")


def test_import_preview_asks_about_saito_written_another_way(qtbot: Any, shell: Any, tmp_path: Path) -> None:
    with shell.uow() as uow:
        from sqlalchemy import select

        from sasaeai_desktop.db import models as m

        matsumoto = uow.session.scalar(select(m.Municipality.id).where(m.Municipality.code == "202029"))
    pid = people.save(shell.uow(), people.PersonData(None, "齋藤 三郎", "さいとう さぶろう", municipality_id=matsumoto))
    path = people_book(tmp_path / "名簿.xlsx", [["斉藤 三郎", "さいとう さぶろう", "", "松本市"]])
    dialog = ImportDialog(shell, "people")
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    dialog.set_file(path)
    if not dialog.task.done:
        with qtbot.waitSignal(dialog.task.finished, timeout=20000):
            pass
    assert dialog.model.index(0, 1).data() == "要確認" and not dialog.import_button.isEnabled()
    dialog.preview.selectRow(0)
    assert dialog.decide_box.isVisibleTo(dialog)
    assert dialog.decide_box.candidate_combo.currentData() == pid and "齋藤 三郎" in dialog.decide_box.candidate_combo.currentText()
    assert any("同じ人かも" in p.message for p in dialog.plan.problems)
    dialog.grab().save(str(tmp_path / "maybe_same.png"))


def test_import_preview_says_which_column_decides_the_consent(qtbot: Any, shell: Any, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "名簿"
    ws.append(["令和7年度 アドバイザー名簿"])
    ws.append(["氏名", "電話番号", "電話公開", "メールアドレス", "掲載可否"])
    ws.append(["青木 一郎", "026-111-1111", "否", "aoki@example.jp", "可"])
    wb.save(tmp_path / "r.xlsx")
    dialog = ImportDialog(shell, "advisors")
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    dialog.set_file(tmp_path / "r.xlsx")
    if not dialog.task.done:
        with qtbot.waitSignal(dialog.task.finished, timeout=20000):
            pass
    assert dialog.notes_label.isVisible()
    assert "電話は「電話公開」列の値を優先" in dialog.notes_label.text()
    assert dialog.import_button.isEnabled()
    dialog.grab().save(str(tmp_path / "consent_note.png"))


def test_duplicate_people_dialog_offers_saito_written_two_ways(qtbot: Any, shell: Any, tmp_path: Path) -> None:
    from sasaeai_desktop.gui.dialogs.duplicate_people_dialog import DuplicatePeopleDialog

    for name in ("斉藤 三郎", "齋藤 三郎"):
        people.save(shell.uow(), people.PersonData(None, name, "さいとう さぶろう"))
    people.save(shell.uow(), people.PersonData(None, "斎藤 花子", "さいとう はなこ"))  # another reading: not offered
    dialog = DuplicatePeopleDialog(shell)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.group_list.count() == 1
    assert sorted(dialog.people.item(r, 0).text() for r in range(dialog.people.rowCount())) == ["斉藤 三郎", "齋藤 三郎"]
    dialog.grab().save(str(tmp_path / "duplicates.png"))
