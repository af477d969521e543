"""普及啓発 on the 研修 page's 日程 tab (offscreen): the public attendance typed and saved, a bad
count refused with a message, media added, edited, opened and removed through the dialog;
checked through the services."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtCore import QUrl
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from sasaeai_desktop.gui.pages.trainings.outreach_panel import link_url
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import outreach
from sasaeai_desktop.services.trainings.outreach import MediaItem
from sasaeai_desktop.services.trainings.outreach import PublicCounts
from tests.gui.helpers import when_modal


def _event(shell: Any, kind: str, title: str) -> str:
    return events.save_event(shell.uow(), events.EventData(
        None, kind, title, 2025, sessions=(events.SessionData(None, dt.date(2025, 11, 3), "", "県民文化会館"),)))


@pytest.fixture
def page(qtbot: Any, shell: Any) -> Any:
    from sasaeai_desktop.gui.pages.catalog import page_specs

    pg = next(s for s in page_specs() if s.key == "trainings").factory(shell)
    qtbot.addWidget(pg)
    pg.resize(1366, 768)
    pg.show()
    qtbot.waitExposed(pg)
    return pg


def _select(page: Any, event_id: str) -> None:
    page.reload()
    for i in range(page.events.count()):
        if page.events.item(i).data(Qt.ItemDataRole.UserRole) == event_id:
            page.events.setCurrentRow(i)
    assert page.event_id == event_id


def test_counts_typed_saved_and_a_bad_one_refused(page: Any, shell: Any, monkeypatch: Any) -> None:
    forum = _event(shell, "フォーラム・セミナー", "支え合いフォーラム")
    training = _event(shell, "養成研修", "養成研修")
    _select(page, training)
    panel = page.sessions.outreach
    assert panel.isHidden()  # a 養成研修 has named attendance, not public counts
    _select(page, forum)
    assert not panel.isHidden()
    assert not panel.save_counts_btn.isEnabled()  # nothing typed yet
    panel.count_edits["public_attendance"].setText("２４０人")
    QTest.keyClicks(panel.count_edits["public_residents"], "180")
    assert panel.save_counts_btn.isEnabled()
    panel.save_counts_btn.click()
    assert outreach.get_outreach(shell.uow(), forum).counts == PublicCounts(240, 180, None)
    assert panel.count_edits["public_attendance"].text() == "240"  # redrawn from the database
    assert not panel.save_counts_btn.isEnabled()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    professionals = panel.count_edits["public_professionals"]
    professionals.setText("約100")
    QTest.keyClick(professionals, Qt.Key.Key_Return)
    professionals.setText("100")
    QTest.keyClick(professionals, Qt.Key.Key_Return)  # 180 + 100 > 240: the service says so
    assert "うち関係者「約100」は人数ではありません" in warned[0] and "超えています" in warned[1]
    assert outreach.get_outreach(shell.uow(), forum).counts == PublicCounts(240, 180, None)


def test_media_added_edited_opened_and_removed(page: Any, shell: Any, monkeypatch: Any, tmp_path: Path) -> None:
    forum = _event(shell, "フォーラム・セミナー", "支え合いフォーラム")
    _select(page, forum)
    panel = page.sessions.outreach
    flyer = tmp_path / "チラシ.pdf"
    flyer.write_bytes(b"%PDF-1.4")

    def fill(dialog: Any) -> None:
        dialog.ui.mediaKindCombo.setCurrentText("チラシ")
        dialog.ui.mediaTitleEdit.setText("開催案内チラシ")
        dialog.ui.mediaLinkEdit.setText(str(flyer))
        dialog.ui.buttonBox.accepted.emit()

    seen = when_modal(fill)
    panel.add_btn.click()
    assert seen and seen[0].result()
    media = outreach.get_outreach(shell.uow(), forum).media
    assert [(m.kind, m.title, m.link) for m in media] == [("チラシ", "開催案内チラシ", str(flyer))]
    assert panel.media_table.rowCount() == 1 and panel.media_table.item(0, 1).text() == "開催案内チラシ"

    def refuse_then_fix(dialog: Any) -> None:
        dialog.ui.mediaTitleEdit.setText("")
        dialog.ui.mediaLinkEdit.setText("")
        dialog.ui.buttonBox.accepted.emit()
        assert dialog.isVisible() and "題名かリンク" in dialog.error_label.text()
        dialog.ui.mediaKindCombo.setCurrentText("DVD")
        dialog.ui.mediaTitleEdit.setText("記録DVD")
        dialog.ui.buttonBox.accepted.emit()

    assert not panel.edit_btn.isEnabled()  # no row chosen yet
    panel.media_table.setCurrentCell(0, 0)
    assert panel.edit_btn.isEnabled()
    seen = when_modal(refuse_then_fix)
    panel.edit_btn.click()
    assert seen and seen[0].result()
    assert [(m.kind, m.title, m.link) for m in outreach.get_outreach(shell.uow(), forum).media] == [("DVD", "記録DVD", "")]

    outreach.save_media(shell.uow(), forum, MediaItem(None, "動画", "記録動画", str(flyer)))
    _select(page, forum)
    opened: list[QUrl] = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda url: opened.append(url) or True)
    informed: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: informed.append(text))
    panel.media_table.setCurrentCell(1, 0)
    panel.open_btn.click()
    assert opened == [QUrl.fromLocalFile(str(flyer))]
    panel.media_table.setCurrentCell(0, 0)
    panel.open_btn.click()  # the DVD has no link
    assert len(opened) == 1 and "開けません" in informed[0]

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    panel.remove_btn.click()
    assert [m.kind for m in outreach.get_outreach(shell.uow(), forum).media] == ["動画"]
    assert panel.media_table.rowCount() == 1


def test_link_url_reads_web_addresses_and_existing_files(tmp_path: Path) -> None:
    assert link_url("https://example.jp/forum") == QUrl("https://example.jp/forum")
    assert link_url(str(tmp_path)) == QUrl.fromLocalFile(str(tmp_path))
    assert link_url(str(tmp_path / "ない.pdf")) is None
    assert link_url("example.jp/forum") is None and link_url("  ") is None


def test_the_dashboard_shows_the_years_outreach(qtbot: Any, shell: Any) -> None:
    from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
    from sasaeai_desktop.gui.pages.progress_dashboard import ProgressDashboardPage

    fy = fiscal_year_of(dt.date.today())
    forum = events.save_event(shell.uow(), events.EventData(
        None, "フォーラム・セミナー", "支え合いフォーラム", fy, sessions=(events.SessionData(None, dt.date(fy, 11, 3)),)))
    outreach.save_counts(shell.uow(), forum, PublicCounts(1234, 1000, 200))
    outreach.save_media(shell.uow(), forum, MediaItem(None, "DVD", "記録DVD"))
    page = ProgressDashboardPage(shell)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.reload()
    texts = [w.text() for w in page.outreach.findChildren(type(page.summary_label))]
    assert not page.outreach.isHidden()
    assert "一般参加者数" in texts and "<b>1,234人</b>（うち住民 1,000人・関係者 200人）" in texts
    assert "<b>1点</b>（DVD 1）" in texts
