"""Visits, consultations, dispatches, follow-ups, timeline and the FTS search (issue 6)."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest

from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people
from sasaeai_desktop.services.activities import consultations
from sasaeai_desktop.services.activities import dispatches
from sasaeai_desktop.services.activities import follow_ups
from sasaeai_desktop.services.activities import search
from sasaeai_desktop.services.activities import timeline
from sasaeai_desktop.services.activities import visits
from tests.cli_runner import CliRunner


def _mun(ctx) -> str:
    return municipalities.choices(ctx.uow())[0][0]


def _person(ctx, name: str, mid: str | None = None) -> str:
    return people.save(ctx.uow(), people.PersonData(None, name, role="市町村職員", municipality_id=mid))


def test_visit_without_municipality_or_date_names_both_fields(nagano) -> None:
    data = visits.VisitData(None, None, None, observations="移動販売の話を聞いた")
    with pytest.raises(ValidationError) as err:
        visits.save(nagano.uow(), data)
    assert set(err.value.fields) == {"municipality_id", "visit_date"}
    assert "市町村" in err.value.fields["municipality_id"] and "訪問日" in err.value.fields["visit_date"]
    # the draft keeps what was typed even though it cannot be a visit yet
    kept = visits.save_draft(nagano.uow(), data)
    assert kept.id is None and kept.is_draft
    assert visits.pending_draft(nagano.uow()).observations == "移動販売の話を聞いた"


def test_visit_round_trip_with_participants_follow_up_warning_and_soft_deleted_person(nagano) -> None:
    mid = _mun(nagano)
    pid = _person(nagano, "山田 花子", mid)
    day = dt.date(2025, 6, 10)
    data = visits.VisitData(
        None, mid, day, purpose_category="定期訪問", observations="居場所が3か所できた", advice="協議体で共有を",
        participants=(visits.Participant(pid, "municipality", "市町村職員"),),
        follow_ups=(visits.FollowUp("資料を送る", owner_name="県 担当", due_date=day - dt.timedelta(days=3)),),
    )
    result = visits.save(nagano.uow(), data)
    assert result.id and any("期限" in w for w in result.warnings)
    people.delete(nagano.uow(), pid)  # a person who attended: soft delete, the visit keeps its history
    back = visits.get(nagano.uow(), result.id)
    assert [(p.name, p.role) for p in back.participants] == [("山田 花子", "市町村職員")]
    assert back.follow_ups[0].title == "資料を送る"
    board = follow_ups.board(nagano.uow(), today=dt.date(2025, 7, 1))
    item = board[0].items[0]
    assert item.overdue and item.source_id == result.id
    follow_ups.set_done(nagano.uow(), item.id)
    assert follow_ups.board(nagano.uow()) == []
    # search finds it by a 3+ character word (FTS) and by a 2 character one (scan), highlighted
    fts = search.search(nagano.uow(), "居場所")
    assert fts.method == "fts" and fts.hits[0].id == result.id
    assert ("居場所", True) in fts.hits[0].snippet
    short = search.search(nagano.uow(), "居場")
    assert short.method == "prefix" and [h.id for h in short.hits] == [result.id]
    # an edit is reindexed, a delete leaves the index
    visits.save(nagano.uow(), visits.VisitData(**{**back.__dict__, "observations": "通いの場が増えた"}))
    assert search.search(nagano.uow(), "居場所").hits == []
    assert search.search(nagano.uow(), "通いの場").hits[0].id == result.id
    visits.delete(nagano.uow(), result.id)
    assert search.search(nagano.uow(), "通いの場").hits == []
    assert search.check_index(nagano.uow()) == []


def test_consultation_dispatch_and_timeline(nagano) -> None:
    mid = _mun(nagano)
    with pytest.raises(ValidationError) as err:
        consultations.save(nagano.uow(), consultations.ConsultationData(None, None, channel="FAX"))
    assert {"received_date", "channel", "question", "municipality_id"} <= set(err.value.fields)
    cid = consultations.save(nagano.uow(), consultations.ConsultationData(
        None, dt.date(2025, 5, 1), "電話", mid, topics="移動支援,居場所", question="移動支援の財源は？"))
    assert consultations.get(nagano.uow(), cid).topics == "移動支援、居場所"
    pid = _person(nagano, "助言 太郎")
    from sasaeai_desktop.db import models as m

    with nagano.uow() as uow:
        adv = m.Advisor(person_id=pid, affiliation="NPO")
        uow.session.add(adv)
        uow.session.flush()
        aid = adv.id
        uow.commit()
    with pytest.raises(ValidationError) as err:
        dispatches.save(nagano.uow(), dispatches.DispatchData(None, mid, status="実施済"))
    assert {"advisor_ids", "days"} <= set(err.value.fields)
    did = dispatches.save(nagano.uow(), dispatches.DispatchData(
        None, mid, purpose_category="勉強会講師", status="実施済", advisor_ids=(aid,),
        days=(dispatches.DispatchDay(dt.date(2025, 8, 1)),), outcome="住民勉強会で講演した"))
    entries = timeline.timeline(nagano.uow(), mid)
    assert [e.kind for e in entries] == ["dispatch", "consultation"]
    assert "助言 太郎" in entries[0].title
    assert timeline.timeline(nagano.uow(), mid, kinds=["consultation"], fiscal_year=2024) == []
    assert search.search(nagano.uow(), "住民勉強会", kinds=["dispatch"]).hits[0].id == did


def test_cli_search_pdf_and_export(sasaeai: CliRunner, nagano, tmp_path) -> None:
    mid = _mun(nagano)
    vid = visits.save(nagano.uow(), visits.VisitData(None, mid, dt.date(2025, 9, 1), advice="移動支援の先行事例を紹介")).id
    code = municipalities.get(nagano.uow(), mid).code
    db = str(nagano.db_path)
    nagano.close()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return sasaeai("--db", db, *args)

    r = run("search", "移動支援", "--json")
    assert r.returncode == 0, r.stderr
    assert '"highlights": [\n    "移動支援"' in r.stdout and "[移動支援]" in r.stdout
    pdf = tmp_path / "v.pdf"
    r = run("pdf", "visit-report", "--visit", vid, "--out", str(pdf))
    assert r.returncode == 0, r.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    r = run("pdf", "visit-report", "--fiscal-year", "2025", "--municipality", code, "--out", str(tmp_path / "y.pdf"))
    assert r.returncode == 0, r.stderr
    r = run("pdf", "visit-report", "--fiscal-year", "2025", "--municipality", "999999", "--out", str(tmp_path / "z.pdf"))
    assert r.returncode == 2 and "999999" in r.stderr
    r = run("export", "visits", "--fiscal-year", "2025", "--out", str(tmp_path / "v.xlsx"))
    assert r.returncode == 0 and "1 件" in r.stdout, r.stderr
