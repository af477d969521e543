"""A draft visit is marked 下書き and counted nowhere (issue 15, item 4); people registered for a
visit that is thrown away do not stay behind (item 6)."""

from __future__ import annotations

import datetime as dt

from sasaeai_desktop.services import listing
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people
from sasaeai_desktop.services.activities import follow_ups
from sasaeai_desktop.services.activities import visit_reports
from sasaeai_desktop.services.activities import visits
from sasaeai_desktop.services.progress import dashboard_counts


def _mun(ctx) -> str:
    return municipalities.choices(ctx.uow())[0][0]


def test_a_draft_is_listed_as_such_and_counted_nowhere(nagano) -> None:
    today = dt.date.today()
    mid = _mun(nagano)
    task = visits.FollowUp("資料を送る", due_date=today - dt.timedelta(days=1))
    done = visits.save(nagano.uow(), visits.VisitData(None, mid, today, follow_ups=(task,)))
    draft = visits.save_draft(nagano.uow(), visits.VisitData(None, mid, today, follow_ups=(task,)))
    assert draft.id and draft.is_draft

    figures = dashboard_counts.dashboard_summary(nagano.uow(), today)
    assert (figures.visits_this_year, figures.tasks_open, figures.tasks_overdue) == (1, 1, 1)
    board = [i.source_id for g in follow_ups.board(nagano.uow()) for i in g.items]
    assert board == [done.id]
    assert visits.draft_count(nagano.uow()) == 1

    page = listing.fetch_page(nagano.uow(), "visits", listing.PageRequest(limit=10))
    state = [c.key for c in listing.columns("visits")].index("draft")
    marks = {vid: row[state] for vid, row in zip(page.ids, page.rows)}
    assert marks == {done.id: "", draft.id: "下書き"}
    from sasaeai_desktop.domain.fiscal_year import fiscal_year_of

    assert visit_reports._ids(nagano.uow(), fiscal_year_of(today), None) == [done.id]

    # Saved for real, it counts.
    visits.save(nagano.uow(), visits.get(nagano.uow(), draft.id))
    assert dashboard_counts.dashboard_summary(nagano.uow(), today).visits_this_year == 2


def test_people_registered_for_a_discarded_visit_are_removed_unless_used_elsewhere(nagano) -> None:
    mid = _mun(nagano)
    new = people.save(nagano.uow(), people.PersonData(None, "新井 一郎", municipality_id=mid))
    used = people.save(nagano.uow(), people.PersonData(None, "上條 二郎", municipality_id=mid))
    visits.save(nagano.uow(), visits.VisitData(None, mid, dt.date(2026, 5, 1),
                                               participants=(visits.Participant(used, "municipality"),)))
    assert people.delete_unused(nagano.uow(), [new, used]) == [new]
    assert people.find_matches(nagano.uow(), "新井 一郎") == []
    assert [p.id for p in people.find_matches(nagano.uow(), "上條 二郎")] == [used]
