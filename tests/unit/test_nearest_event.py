"""Which event the 研修 page opens on: the one of today or the next, not the top of the list."""

from __future__ import annotations

import datetime as dt

from sasaeai_desktop.gui.pages.trainings.event_list import nearest_event
from sasaeai_desktop.services.trainings.events import EventSummary

TODAY = dt.date(2026, 12, 7)


def _event(day: dt.date | None) -> EventSummary:
    return EventSummary(id=str(day), title="研修", event_type="研修", fiscal_year=2026, first_date=day, sessions=1, registrations=0)


def test_today_or_the_next_event_comes_before_one_planned_months_ahead() -> None:
    days = [dt.date(2027, 3, 5), dt.date(2026, 12, 20), TODAY, dt.date(2026, 11, 30)]  # newest first, as listed
    assert nearest_event([_event(d) for d in days], TODAY) == 2
    assert nearest_event([_event(d) for d in days[:2] + days[3:]], TODAY) == 1


def test_after_the_last_event_the_latest_one_and_undated_ones_never_win() -> None:
    assert nearest_event([_event(None), _event(dt.date(2026, 10, 1)), _event(dt.date(2026, 11, 2))], TODAY) == 2
    assert nearest_event([_event(None)], TODAY) == 0
    assert nearest_event([], TODAY) == 0
