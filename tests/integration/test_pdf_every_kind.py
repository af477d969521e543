"""Every PDF the program writes, over one small database whose people have the names Japanese
offices really print: 𠮷田 (U+20BB7, outside both BMP and IPAexGothic), 𡈽屋 (U+2123D, outside the
BMP), 髙橋, 山﨑, 塚 U+FA10 (a compatibility kanji) and 辻 + U+E0100 (an ideographic variation
sequence). For each kind: every font embedded, the text layer gives each name exactly as stored, no
〓 (every one of these glyphs is in a bundled font), and Title/Author/Subject/Creator are set.

The kinds are enumerated from the command line (``cli/commands.PDF_KINDS``, ``status export`` and
``grants summary``): a kind added there without an entry in ``ARGS`` fails ``test_every_kind_is_covered``.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from sasaeai_desktop import __version__
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.office import OfficeSettings
from sasaeai_desktop.services import people
from sasaeai_desktop.services import settings as office_settings
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.activities import visits
from sasaeai_desktop.services.advisors import roster as advisors
from sasaeai_desktop.services.advisors.roster import AdvisorData
from sasaeai_desktop.services.catalogue import entries as catalogue
from sasaeai_desktop.services.people import PersonData
from sasaeai_desktop.services.trainings import checkin
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import group_work
from sasaeai_desktop.services.trainings import registrations
from tests.cli_runner import CliRunner

pytestmark = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")

OFFICE = "長野県健康福祉部介護支援課"
NAMES = [  # (name, kana): the first three are advisors and also attend the training
    ("𠮷田 花子", "よしだ はなこ"),
    ("𡈽屋 次郎", "つちや じろう"),
    ("髙橋 一郎", "たかはし いちろう"),
    ("山﨑 恵子", "やまさき けいこ"),
    ("\ufa10本 健", "つかもと けん"),
    ("辻\U000e0100 美和", "つじ みわ"),
]
TODAY = dt.date.today()
FY = TODAY.year if TODAY.month >= 4 else TODAY.year - 1


@dataclass
class Office:
    db: Path
    out: Path
    event_id: str
    visit_id: str
    names: list[str]  # as stored


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Office:
    folder = tmp_path_factory.mktemp("pdf_kinds")
    db = folder / "office.db"
    ctx = open_database(db)
    try:
        setup.init_prefecture(ctx.uow(), "長野県")
        office_settings.save_settings(ctx.uow(), OfficeSettings(office_name=OFFICE, department="地域包括ケア係",
                                                                         phone="026-235-7111"))
        with ctx.uow() as uow:
            nagano = uow.session.scalar(select(m.Municipality.id).where(m.Municipality.name == "長野市"))
        ids = []
        for i, (name, kana) in enumerate(NAMES):
            if i < 3:
                aid = advisors.save(ctx.uow(), AdvisorData(None, name, kana, affiliation="社会福祉協議会",
                                                           phone="026-000-0000", publish_phone=True,
                                                           activity_text="通いの場づくりと担い手の養成"))
                with ctx.uow() as uow:
                    ids.append(uow.session.get(m.Advisor, aid).person_id)
            else:
                ids.append(people.save(ctx.uow(), PersonData(None, name, kana, "第1層SC", nagano)))
        event_id = events.save_event(ctx.uow(), events.EventData(
            None, "養成研修", "生活支援コーディネーター養成研修（初任者）", FY,
            sessions=(events.SessionData(None, dt.date(FY, 7, 1), label="1日目", venue="長野市ふれあい福祉センター"),),
        ))
        session_id = events.get_event(ctx.uow(), event_id).sessions[0].id
        for pid in ids:
            rid = registrations.register(ctx.uow(), event_id, pid).registration_id
            checkin.mark_attendance(ctx.uow(), rid, session_id)
        group_work.assign_groups(ctx.uow(), event_id, 3)
        visit = visits.save(ctx.uow(), visits.VisitData(
            None, nagano, dt.date(FY, 6, 12), purpose_category="協議体への参加", purpose="第2層協議体の立ち上げ",
            advice="既存の地区会議から始めることを助言", recorded_by=NAMES[3][0],
            participants=tuple(visits.Participant(pid, side) for pid, side in
                               zip(ids, ("advisor", "advisor", "advisor", "prefecture", "municipality", "municipality"))),
        ))
        with ctx.uow() as uow:
            stored = [uow.session.get(m.Person, pid).name for pid in ids]
        for i, name in enumerate(stored):  # the booklet prints each as an activity's 実施主体
            catalogue.save(ctx.uow(), catalogue.EntryData(None, f"ふれあいサロン{i + 1}", "サロン", nagano, organiser=name,
                                                          publishable=True))
    finally:
        ctx.close()
    assert visit.id is not None
    return Office(db, folder, event_id, visit.id, stored)


# kind → (arguments after the output, which names it prints)
ARGS: dict[str, tuple[list[str], slice]] = {
    "visit-report": (["--visit", "{visit}"], slice(0, 6)),
    "dashboard": (["--fiscal-year", str(FY)], slice(0, 0)),  # municipalities' figures: no person
    "advisor-handout": ([], slice(0, 3)),
    "sign-in-sheet": (["--event", "{event}"], slice(0, 6)),
    "name-cards": (["--event", "{event}"], slice(0, 6)),
    "participants": (["--event", "{event}"], slice(0, 6)),
    "groups": (["--event", "{event}"], slice(0, 6)),
    "certificates": (["--event", "{event}"], slice(0, 6)),
    "booklet": ([], slice(0, 6)),
    "status export": (["--fiscal-year", str(FY)], slice(0, 0)),
    "grants summary": (["--fiscal-year", str(FY)], slice(0, 0)),  # programs and regions: no person
}


def _kinds() -> list[str]:
    from sasaeai_desktop.cli.commands import PDF_KINDS

    return sorted(PDF_KINDS) + ["status export", "grants summary"]


def test_every_kind_is_covered() -> None:
    assert sorted(_kinds()) == sorted(ARGS), "a new PDF kind: add it to ARGS with the names it prints"


def _run(sasaeai: CliRunner, office: Office, kind: str) -> Path:
    out = office.out / f"{kind.replace(' ', '_')}.pdf"
    extra = [a.format(event=office.event_id, visit=office.visit_id) for a in ARGS[kind][0]]
    command = [*kind.split(), "--out", str(out)] if " " in kind else ["pdf", kind, "--out", str(out)]
    done = sasaeai.inside("--db", str(office.db), *command, *extra)
    assert done.returncode == 0, done
    return out


def _info(pdf: Path) -> dict[str, str]:
    text = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in text.splitlines())}


@pytest.mark.parametrize("kind", sorted(ARGS))
def test_every_pdf_kind_prints_every_name_as_stored(sasaeai: CliRunner, office: Office, kind: str) -> None:
    pdf = _run(sasaeai, office, kind)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts, kind
    for row in fonts:
        assert row.split()[-5] == "yes", f"{kind}: font not embedded: {row}"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    squeezed = re.sub(r"\s+", "", text)
    for name in office.names[ARGS[kind][1]]:
        assert name.replace(" ", "") in squeezed, (kind, name, text[:300])
    assert "〓" not in text, (kind, text[:300])
    info = _info(pdf)
    assert info.get("Creator") == f"SasaeAI Desktop {__version__}", (kind, info)
    assert info.get("Author") == OFFICE, (kind, info)
    assert info.get("Subject"), (kind, info)
    title = info.get("Title", "")
    assert title and "令和" in title, (kind, title)  # the date or year, in 和暦
    # no label said twice (「受付名簿 …　受付名簿」)
    words = [w for w in re.split(r"[\s　（）]+", title) if len(w) > 1]
    assert len(words) == len(set(words)), (kind, title)
