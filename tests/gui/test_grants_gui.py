"""補助金・モデル事業 in the window: a report due appears on the dashboard's follow-up tabs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.grants import records


def _due_grant(ctx: Any, code: str, due: dt.date) -> str:
    found = municipalities.find_by_code(ctx.uow(), code)
    assert found is not None
    return records.save(ctx.uow(), records.GrantData(
        None, found.id, 2025, program="地域支え合いモデル事業", kind="モデル事業", amount_decided=6_000_000,
        decided_on=dt.date(2025, 5, 1), report_due=due))


def test_a_report_past_its_deadline_is_on_the_dashboards_follow_up_tab(qtbot: Any, shell: Any, ctx: Any) -> None:
    from sasaeai_desktop.gui.pages.progress_dashboard import ProgressDashboardPage

    _due_grant(ctx, "202029", dt.date.today() - dt.timedelta(days=3))
    _due_grant(ctx, "202037", dt.date.today() + dt.timedelta(days=400))  # far off: not yet a follow-up
    page = ProgressDashboardPage(shell)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.reload()
    table = page.follow_tables["grant_reports"]
    assert table.rowCount() == 1
    assert table.item(0, 1).text() == "松本市" and "（3日超過）" in table.item(0, 2).text()
    tab = page.follow_tabs.indexOf(table)
    assert page.follow_tabs.tabText(tab) == "補助金の実績報告（1）"
