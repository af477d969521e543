"""普及啓発 by 圏域 through the window: the 開催市町村 chosen on the 研修 page's outreach panel, and
the dashboard's region table counting each forum in the 圏域 of where it was held."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtTest import QTest

from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.services.progress import regions
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import outreach
from sasaeai_desktop.services.trainings.outreach import MediaItem
from sasaeai_desktop.services.trainings.outreach import PublicCounts

from .helpers import sql
from .test_outreach_gui import _select
from .test_outreach_gui import page as page  # the fixture, shared


def _forum(shell: Any, title: str, fy: int) -> str:
    return events.save_event(shell.uow(), events.EventData(
        None, "フォーラム・セミナー", title, fy, sessions=(events.SessionData(None, dt.date(fy, 11, 3)),)))


def _dashboard_by_region(qtbot: Any, shell: Any) -> Any:
    """The progress dashboard at 1366×768, its 圏域 table grouped by the test's テスト圏域."""
    from sasaeai_desktop.gui.pages.progress_dashboard import ProgressDashboardPage

    page = ProgressDashboardPage(shell)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.reload()
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("テスト圏域"))
    return page


def test_the_host_is_chosen_on_the_panel_and_saved_with_the_counts(page: Any, shell: Any, db_path: Path) -> None:
    forum = _forum(shell, "東信フォーラム", 2025)
    _select(page, forum)
    panel = page.sessions.outreach
    assert not panel.save_counts_btn.isEnabled() and panel.host_combo.currentText() == ""
    panel.host_combo.setCurrentIndex(panel.host_combo.findText("上田市"))
    assert panel.save_counts_btn.isEnabled()  # choosing the place alone is something to save
    QTest.keyClicks(panel.count_edits["public_attendance"], "210")
    panel.save_counts_btn.click()
    ueda = sql(db_path, "SELECT id FROM municipality WHERE name = '上田市'")[0][0]
    got = outreach.get_outreach(shell.uow(), forum)
    assert (got.host_municipality_id, got.counts) == (ueda, PublicCounts(210))
    assert panel.host_combo.currentText() == "上田市" and not panel.save_counts_btn.isEnabled()
    panel.host_combo.setCurrentIndex(0)  # a prefecture-wide forum: no place
    panel.save_counts_btn.click()
    assert outreach.get_outreach(shell.uow(), forum).host_municipality_id is None


def test_the_dashboards_region_table_counts_outreach_where_it_was_held(qtbot: Any, shell: Any, db_path: Path) -> None:
    fy = fiscal_year_of(dt.date.today())
    ueda, matsumoto = (sql(db_path, "SELECT id FROM municipality WHERE name = ?", n)[0][0] for n in ("上田市", "松本市"))
    kind = regions.create_kind(shell.uow(), "テスト圏域")
    east = regions.create_region(shell.uow(), kind.id, "東信")
    regions.assign(shell.uow(), kind.id, east.id, [ueda])
    for title, host, people in (("東信フォーラム", ueda, 210), ("松本フォーラム", matsumoto, 90), ("県フォーラム", None, 800)):
        eid = _forum(shell, title, fy)
        outreach.save_counts(shell.uow(), eid, PublicCounts(people), host)
        outreach.save_media(shell.uow(), eid, MediaItem(None, "チラシ", f"{title}のチラシ"))
    page = _dashboard_by_region(qtbot, shell)
    t = page.region_table
    heads = [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())]
    assert heads[-3:] == ["普及啓発", "一般参加者", "媒体"]
    rows = {t.item(r, 0).text(): [t.item(r, c).text() if t.item(r, c) else "" for c in range(len(heads) - 3, len(heads))]
            for r in range(t.rowCount())}
    assert rows["東信"] == ["1件", "210人", "1点"]
    assert rows["（圏域未設定）"] == ["1件", "90人", "1点"]
    assert rows["（開催市町村の記録なし）"] == ["1件", "800人", "1点"]
    texts = [w.text() for w in page.outreach.findChildren(type(page.summary_label))]
    assert "テスト圏域別の開催" in texts and "<b>東信 1件・圏域未設定 1件</b>" in texts
    page.kind_combo.setCurrentIndex(0)  # （まとめない）: one row, the whole 年度
    assert [t.item(0, c).text() for c in range(len(heads) - 3, len(heads))] == ["3件", "1,100人", "3点"]
    assert t.rowCount() == 1


def test_a_planned_forum_shows_not_recorded_in_the_region_table(qtbot: Any, shell: Any, db_path: Path) -> None:
    """No count recorded yet is 「—」, not 「0人」; beside a counted forum the sum says over how many."""
    fy = fiscal_year_of(dt.date.today())
    ueda, matsumoto = (sql(db_path, "SELECT id FROM municipality WHERE name = ?", n)[0][0] for n in ("上田市", "松本市"))
    kind = regions.create_kind(shell.uow(), "テスト圏域")
    for name, member in (("東信", ueda), ("中信", matsumoto)):
        regions.assign(shell.uow(), kind.id, regions.create_region(shell.uow(), kind.id, name).id, [member])
    for title, host, people in (("東信フォーラム", ueda, 210), ("東信セミナー（予定）", ueda, None),
                                ("中信フォーラム（予定）", matsumoto, None)):
        outreach.save_counts(shell.uow(), _forum(shell, title, fy), PublicCounts(people), host)
    page = _dashboard_by_region(qtbot, shell)
    t = page.region_table
    n = t.columnCount()
    rows = {t.item(r, 0).text(): [t.item(r, c).text() for c in range(n - 3, n)] for r in range(t.rowCount())}
    assert rows["東信"] == ["2件", "210人（1件分）", "0点"]
    assert rows["中信"] == ["1件", "—", "0点"]
    page.kind_combo.setCurrentIndex(0)  # （まとめない）: the whole 年度
    assert [t.item(0, c).text() for c in range(n - 3, n)] == ["3件", "210人（1件分）", "0点"]
