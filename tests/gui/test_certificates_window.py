"""A 2-day course made through the event form of the main window: 修了証書 only for those at both
days (a registration for day 1 only is not the course), numbers kept on reprint; the same event
switched to alternative dates in the form certifies everyone who came on one date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people
from sasaeai_desktop.services.trainings import checkin
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import registrations
from tests.gui.helpers import pdf_pages
from tests.gui.helpers import type_into_cell
from tests.gui.helpers import type_text
from tests.gui.helpers import when_modal

TITLE = "生活支援コーディネーター養成研修 初任者編"


def _type_session(dlg: Any, row: int, date: str, venue: str) -> None:
    type_into_cell(dlg.ui.sessionTable, row, 0, date)
    if venue:
        type_into_cell(dlg.ui.sessionTable, row, 4, venue)


def _print(qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, message_boxes: Any, out: Path) -> list[str]:
    from PySide6.QtWidgets import QFileDialog
    from PySide6.QtWidgets import QPushButton

    page = window.pages["trainings"]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    out.unlink(missing_ok=True)
    before = len(message_boxes.shown)
    page.tabs.setCurrentIndex(page.tabs.count() - 1)  # 印刷
    button = next(b for b in page.tabs.currentWidget().findChildren(QPushButton) if "修了証書" in b.text())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(message_boxes.shown) > before, timeout=15000)
    assert "出力しました" in message_boxes.shown[-1][2], message_boxes.shown[-1]
    return pdf_pages(out)


def test_two_day_course_certifies_only_those_at_both_days(qtbot: Any, window: Any, shell: Any, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch, message_boxes: Any) -> None:
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # 研修
    page = window.pages["trainings"]
    assert window.current_page() is page

    def fill(dlg: Any) -> None:
        dlg.ui.titleEdit.setFocus()
        type_text(dlg.ui.titleEdit, TITLE)
        dlg.ui.fiscalYearSpin.setFocus()
        QTest.keyClick(dlg.ui.fiscalYearSpin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(dlg.ui.fiscalYearSpin, "2025")
        combo = dlg.ui.structureCombo
        combo.setFocus()
        QTest.keyClick(combo, Qt.Key.Key_End)
        QTest.keyClick(combo, Qt.Key.Key_Home)  # the first choice, typed to, not assumed
        assert combo.currentText() == "全日程で一つの課程"
        _type_session(dlg, 0, "R7.7.1", "長野市ふれあい福祉センター")
        dlg._add_session_row(None)
        _type_session(dlg, 1, "R7.7.2", "")
        dlg.ui.buttonBox.setFocus()
        dlg.save()

    when_modal(fill)
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.event_id is not None and page.current_event is not None
                    and page.current_event.title == TITLE, timeout=5000)
    ev = events.get_event(shell.uow(), page.event_id)
    assert ev.session_structure == "course" and ev.fiscal_year == 2025 and [s.date for s in ev.sessions] == [dt.date(2025, 7, 1), dt.date(2025, 7, 2)]
    assert "全日程で一つの課程" in page.header.text()
    day1, day2 = (s.id for s in ev.sessions)

    ids = {name: mid for mid, name in municipalities.choices(shell.uow())}
    who = {}
    for name, kana, tied, present in (("高橋 一郎", "たかはし いちろう", None, (day1, day2)),
                                      ("佐藤 恵子", "さとう けいこ", day1, (day1,)),  # day 1 only: the issue
                                      ("丸山 健一", "まるやま けんいち", None, (day2,))):
        pid = people.save(shell.uow(), people.PersonData(None, name, kana, "第1層SC", ids["松本市"]))
        rid = registrations.register(shell.uow(), ev.id, pid, session_id=tied).registration_id
        for sid in present:
            checkin.mark_attendance(shell.uow(), rid, sid)
        who[name] = pid

    out = tmp_path / "証書.pdf"
    pages = _print(qtbot, window, monkeypatch, message_boxes, out)
    assert len(pages) == 1 and "高橋 一郎" in pages[0] and "第1号" in pages[0] and "全課程を修了" in pages[0]
    assert "佐藤" not in " ".join(pages) and "丸山" not in " ".join(pages)
    assert _print(qtbot, window, monkeypatch, message_boxes, out) == pages  # reprint: same number, same text

    # the same event was really two alternative dates: switched in the form with the keyboard
    def switch(dlg: Any) -> None:
        combo = dlg.ui.structureCombo
        combo.setFocus()
        QTest.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentText() == "同じ内容の日程から選ぶ"
        dlg.save()

    when_modal(switch)
    qtbot.mouseClick(page.edit_btn, Qt.MouseButton.LeftButton)
    assert events.get_event(shell.uow(), ev.id).session_structure == "alternatives"
    pages = _print(qtbot, window, monkeypatch, message_boxes, out)
    got = {name: next(p for p in pages if name in p) for name in who}
    assert "第1号" in got["高橋 一郎"] and "第2号" in got["佐藤 恵子"] and "第3号" in got["丸山 健一"]
    assert "令和7年7月1日に開催された" in got["佐藤 恵子"] and "令和7年7月2日に開催された" in got["丸山 健一"]


def test_issuer_and_seal_typed_in_settings_are_printed(qtbot: Any, window: Any, shell: Any, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch, message_boxes: Any) -> None:
    from tests.gui.helpers import wait_loaded

    ev = events.save_event(shell.uow(), events.EventData(
        None, "勉強会", "地域づくり連続講座", 2025, session_structure="series",
        sessions=tuple(events.SessionData(None, dt.date(2025, 6, 3 + 7 * i), f"第{i + 1}回", "県庁 講堂") for i in range(3))))
    sessions = [s.id for s in events.get_event(shell.uow(), ev).sessions]
    pid = people.save(shell.uow(), people.PersonData(None, "北原 由美", "きたはら ゆみ", "第1層SC", None))
    rid = registrations.register(shell.uow(), ev, pid).registration_id
    for sid in (sessions[0], sessions[2]):
        checkin.mark_attendance(shell.uow(), rid, sid)

    QTest.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # 設定
    page = window.current_page()
    wait_loaded(qtbot, page)
    page.issuer_edit.setFocus()
    type_text(page.issuer_edit, "長野県健康福祉部 介護支援課長 信州 太郎")
    page.seal_check.setFocus()
    QTest.keyClick(page.seal_check, Qt.Key.Key_Space)
    assert page.saved_label.text() == "未保存の変更があります"
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.saved_label.text() == "保存しました"
    window.resize(1366, 768)
    assert window.grab().save(str(tmp_path / "settings.png"))

    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    trainings = window.pages["trainings"]
    qtbot.waitUntil(lambda: trainings.event_id == ev, timeout=5000)
    [page_text] = _print(qtbot, window, monkeypatch, message_boxes, tmp_path / "受講証明書.pdf")
    assert "受講証明書" in page_text and "全課程" not in page_text
    assert "第1回 令和7年6月3日 県庁 講堂" in page_text and "第3回 令和7年6月17日 県庁 講堂" in page_text
    assert "第2回" not in page_text
    assert "介護支援課長 信州 太郎" in page_text and "印" in page_text and "知事" not in page_text


def test_a_number_clash_from_two_laptops_is_shown_and_settled_in_the_window(
        qtbot: Any, window: Any, shell: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: Any) -> None:
    from PySide6.QtWidgets import QMessageBox

    from sasaeai_desktop.db import models as m

    ev = events.save_event(shell.uow(), events.EventData(
        None, "現地見学", "先進地現地見学会", 2025, session_structure="alternatives",
        sessions=(events.SessionData(None, dt.date(2025, 9, 1), "A日程"), events.SessionData(None, dt.date(2025, 9, 8), "B日程"))))
    a_day, b_day = (s.id for s in events.get_event(shell.uow(), ev).sessions)
    pids = {}
    for name, kana, sid in (("青木 一", "あおき はじめ", a_day), ("石井 二郎", "いしい じろう", b_day)):
        pids[name] = people.save(shell.uow(), people.PersonData(None, name, kana, "第2層SC", None))
        checkin.mark_attendance(shell.uow(), registrations.register(shell.uow(), ev, pids[name], session_id=sid).registration_id, sid)
    with shell.uow() as uow:  # what a sync brings when two laptops each printed 第1号 offline
        for pid in pids.values():
            uow.session.add(m.Certificate(event_id=ev, person_id=pid, number=1, kind="修了証書", issued_on=dt.date(2025, 9, 8)))
        uow.commit()

    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = window.pages["trainings"]
    qtbot.waitUntil(lambda: page.event_id == ev, timeout=5000)
    pages = _print(qtbot, window, monkeypatch, message_boxes, tmp_path / "c.pdf")
    assert "第1号が 2 人（青木 一、石井 二郎）" in message_boxes.shown[-1][2]
    assert all("第1号" in p for p in pages)

    message_boxes.answer = QMessageBox.StandardButton.Yes
    seen: list[Any] = []

    def settle(dlg: Any) -> None:
        seen.append([dlg.ui.numberTable.item(i, 4).text() for i in range(dlg.ui.numberTable.rowCount())])
        dlg.ui.numberTable.setFocus()
        dlg.ui.numberTable.setCurrentCell(0, 0)
        QTest.keyClick(dlg.ui.numberTable, Qt.Key.Key_Down)  # 石井 二郎
        assert dlg.ui.numberTable.item(dlg.ui.numberTable.currentRow(), 1).text() == "石井 二郎"
        qtbot.mouseClick(dlg.ui.renumberButton, Qt.MouseButton.LeftButton)
        seen.append([dlg.ui.numberTable.item(i, 0).text() for i in range(dlg.ui.numberTable.rowCount())])
        seen.append(dlg.ui.issuedLabel.text())
        assert dlg.grab().save(str(tmp_path / "numbers.png"))
        dlg.reject()

    when_modal(settle)
    qtbot.mouseClick(page.prints.numbers_btn, Qt.MouseButton.LeftButton)
    assert seen[0] == ["番号が重複", "番号が重複"]
    assert seen[1] == ["第1号", "第2号"] and "石井 二郎 さんに第2号を発行しました" in seen[2] and "重複はありません" in seen[2]
    pages = _print(qtbot, window, monkeypatch, message_boxes, tmp_path / "c.pdf")
    assert ["第1号" in pages[0] and "青木 一" in pages[0], "第2号" in pages[1] and "石井 二郎" in pages[1]] == [True, True]
    assert "重複" not in message_boxes.shown[-1][2]
