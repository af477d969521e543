"""A date outside its field's span is refused at every door (issue 20 item 8): the services' save
functions, the Excel import, `event create`, and the window's date field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.date_entry import parse_entry_date
from sasaeai_desktop.domain.date_range import PLAN
from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.domain.date_range import DateOutOfRange
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.services.activities import consultations
from sasaeai_desktop.services.activities import visits
from sasaeai_desktop.services.trainings import events
from tests.cli_runner import CliRunner
from tests.excel_books import book

ODD = [dt.date(1, 1, 1), dt.date(1800, 1, 1), dt.date(9999, 12, 31)]


def _muni(ctx) -> str:
    with ctx.uow() as uow:
        return uow.session.scalar(select(m.Municipality.id).where(m.Municipality.name == "長野市"))


@pytest.mark.parametrize("day", ODD)
def test_services_refuse_a_date_out_of_span(nagano, day: dt.date) -> None:
    muni = _muni(nagano)
    with pytest.raises(ValidationError) as exc:
        visits.save(nagano.uow(), visits.VisitData(None, muni, day))
    assert "visit_date" in exc.value.fields and "範囲外" in exc.value.fields["visit_date"]
    with pytest.raises(ValidationError) as exc:
        visits.save(nagano.uow(), visits.VisitData(None, muni, dt.date(2025, 6, 1), next_visit_date=day,
                                                   follow_ups=(visits.FollowUp("送付", due_date=day),)))
    assert {"next_visit_date", "follow_ups.1"} <= set(exc.value.fields)
    with pytest.raises(ValidationError) as exc:
        consultations.save(nagano.uow(), consultations.ConsultationData(None, day, municipality_id=muni, question="q"))
    assert "received_date" in exc.value.fields
    with pytest.raises(ValidationError):
        events.save_event(nagano.uow(), events.EventData(None, "養成研修", "研修", 2025, sessions=(events.SessionData(None, day),)))
    with nagano.uow() as uow:
        assert uow.session.scalar(select(func.count(m.Visit.id))) == 0
        assert uow.session.scalar(select(func.count(m.TrainingEvent.id))) == 0


def test_import_and_cli_refuse_a_date_out_of_span(sasaeai: CliRunner, nagano, db_path: Path, tmp_path: Path) -> None:
    nagano.close()
    db = str(db_path)
    path = book(tmp_path / "v.xlsx", [["訪問日", "市町村", "目的"], ["2025/6/1", "長野市", "a"], ["1800/1/1", "長野市", "b"],
                                      ["9999-12-31", "長野市", "c"]])
    done = sasaeai.inside("--db", db, "import", "visits", str(path))
    assert done.returncode == 2
    assert "!3:訪問日" in done.stdout and "!4:訪問日" in done.stdout and "範囲外" in done.stdout
    done = sasaeai.inside("--db", db, "event", "create", "--type", "養成研修", "--title", "x", "--fiscal-year", "2025",
                          "--session", "0001-01-01,会場")
    assert done.returncode == 2 and "範囲外" in done.stderr


def test_entry_field_reads_within_its_span() -> None:
    ref = dt.date(2026, 5, 1)
    assert parse_entry_date("R8.5.1", ref, span=RECORD) == dt.date(2026, 5, 1)
    with pytest.raises(DateOutOfRange):
        parse_entry_date("1800/1/1", ref, span=RECORD)
    with pytest.raises(DateOutOfRange):
        parse_entry_date("99991231", ref, span=PLAN)
    with pytest.raises(DateOutOfRange):
        parse_entry_date("0001-01-01", ref)  # every field: 1900–2100 at least
