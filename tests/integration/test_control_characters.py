"""Control characters (NUL, ESC, BEL …) are dropped at input and never reach a terminal raw
(issue 20 item 9): services and the Excel cell readers clean them; what is stored anyway (an old
version, written by SQL here) is printed by the CLI as a visible escape, and files still come out."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import select

from sasaeai_desktop.cli.text import safe_text
from sasaeai_desktop.db import models as m
from sasaeai_desktop.io.excel import values as V
from sasaeai_desktop.services import people
from sasaeai_desktop.services.activities import visits
from sasaeai_desktop.services.people import PersonData
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import registrations
from tests.cli_runner import CliRunner

HOSTILE = "\x1b[2J\x00\x07\x9b"


def _muni(ctx) -> str:
    with ctx.uow() as uow:
        return uow.session.scalar(select(m.Municipality.id).where(m.Municipality.name == "長野市"))


def test_inputs_drop_control_characters(nagano) -> None:
    pid = people.save(nagano.uow(), PersonData(None, f"山田{HOSTILE}太郎", "やまだ\x00たろう", "市町村職員", _muni(nagano),
                                               notes=f"一行目{HOSTILE}\n\t二行目"))
    got = people.get(nagano.uow(), pid)
    assert (got.name, got.kana, got.notes) == ("山田[2J太郎", "やまだたろう", "一行目[2J\n二行目")
    event = events.save_event(nagano.uow(), events.EventData(None, "養成研修", f"研修{HOSTILE}", 2025))
    reg = registrations.register(nagano.uow(), event, pid, notes=f"当日{HOSTILE}参加").registration_id
    with nagano.uow() as uow:
        assert uow.session.get(m.Registration, reg).notes == "当日[2J参加"
        assert uow.session.get(m.TrainingEvent, event).title == "研修[2J"
    assert V.text(f"a{HOSTILE}b") == "a[2Jb"
    assert V.multiline(f"a{HOSTILE}\nb") == "a[2J\nb"
    assert V.kana("やま\x1bだ") == "やまだ"


def test_cli_escapes_stored_control_characters(sasaeai: CliRunner, nagano, db_path: Path, tmp_path: Path) -> None:
    muni = _muni(nagano)
    event = events.save_event(nagano.uow(), events.EventData(None, "養成研修", "研修", 2025))
    for name in ("青木 一", "石井 二郎"):
        registrations.register(nagano.uow(), event, people.save(nagano.uow(), PersonData(None, name, "", "市町村職員", muni)))
    visits.save(nagano.uow(), visits.VisitData(None, muni, dt.date(2025, 6, 1), purpose="協議体の立ち上げ"))
    nagano.close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE person SET name = name || ?", (HOSTILE,))
        conn.execute("UPDATE visit SET purpose = purpose || ?", (HOSTILE,))
    db = str(db_path)
    searched = sasaeai.inside("--db", db, "search", "協議体")
    grouped = sasaeai.inside("--db", db, "event", "groups", event, "--size", "2")
    assert (searched.returncode, grouped.returncode) == (0, 0)
    out = searched.stdout + grouped.stdout
    assert "\x1b" not in out and "\x00" not in out and "\x9b" not in out
    assert "\\u001b[2J\\u0000\\u0007\\u009b" in out
    assert sasaeai.inside("--db", db, "export", "people", "--out", str(tmp_path / "p.xlsx"), "--no-password").returncode == 0
    assert sasaeai.inside("--db", db, "pdf", "participants", "--event", event, "--out", str(tmp_path / "p.pdf")).returncode == 0


def test_safe_text() -> None:
    assert safe_text("a\tb\nc\u202ed\re") == "a\tb\nc\\u202ed\\u000de"
    assert safe_text(None) == "" and safe_text("普通の名前") == "普通の名前"
