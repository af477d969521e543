"""A date no input accepts today (0001-01-01, 1800-01-01, 9999-12-31) may still be stored: written by
an older version, or arriving by sync. Every document made from it must still come out (issue 20
item 8): the dates are written with plain SQL here, then each PDF and Excel output is made."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.services import people
from sasaeai_desktop.services.activities import visits
from sasaeai_desktop.services.people import PersonData
from sasaeai_desktop.services.trainings import checkin
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import registrations
from tests.cli_runner import CliRunner


def _records(ctx) -> tuple[str, str]:
    with ctx.uow() as uow:
        muni = uow.session.scalar(select(m.Municipality.id).where(m.Municipality.name == "長野市"))
    event = events.save_event(ctx.uow(), events.EventData(
        None, "養成研修", "初任者研修", 2025,
        sessions=(events.SessionData(None, dt.date(2025, 7, 1), venue="県庁"), events.SessionData(None, dt.date(2025, 7, 2))),
    ))
    sessions = [s.id for s in events.get_event(ctx.uow(), event).sessions]
    for name, kana in (("青木 一", "あおき はじめ"), ("石井 二郎", "いしい じろう")):
        person = people.save(ctx.uow(), PersonData(None, name, kana, "市町村職員", muni))
        reg = registrations.register(ctx.uow(), event, person).registration_id
        for s in sessions:
            checkin.mark_attendance(ctx.uow(), reg, s)
    visit = visits.save(ctx.uow(), visits.VisitData(
        None, muni, dt.date(2025, 6, 1), purpose="協議体", next_visit_date=dt.date(2025, 7, 1),
        follow_ups=(visits.FollowUp("資料送付", due_date=dt.date(2025, 6, 10)),),
    )).id
    assert visit is not None
    return event, visit


@pytest.mark.parametrize("stored", ["0001-01-01", "9999-12-31"])
def test_outputs_render_a_stored_date_out_of_range(sasaeai: CliRunner, nagano, db_path: Path, tmp_path: Path,
                                                   stored: str) -> None:
    event, visit = _records(nagano)
    nagano.close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE training_session SET date = ?", (stored,))
        conn.execute("UPDATE visit SET visit_date = ?, next_visit_date = ?", (stored, stored))
        conn.execute("UPDATE follow_up_task SET due_date = ?", (stored,))
        conn.execute("UPDATE registration SET group_label = 'A'")
    db = str(db_path)
    commands = [["pdf", kind, "--event", event, "--out", str(tmp_path / f"{kind}.pdf")]
                for kind in ("sign-in-sheet", "name-cards", "participants", "groups", "certificates")]
    commands.append(["pdf", "visit-report", "--visit", visit, "--out", str(tmp_path / "v.pdf")])
    commands += [["export", kind, "--wareki", "--out", str(tmp_path / f"{kind}.xlsx")] for kind in ("visits", "events")]
    commands.append(["event", "show", event])
    for command in commands:
        done = sasaeai.inside("--db", db, *command)
        assert done.returncode == 0 and "内部エラー" not in done.stderr, (command, done.stderr)
