"""Printing an event's handouts: gathers the data (services.trainings) and writes the PDF
(io.pdf.trainings). One entry point per printout, and ``PRINTS`` for the CLI/GUI registries."""

from __future__ import annotations

import os
from collections.abc import Callable
from collections.abc import Collection
from dataclasses import dataclass

from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.io.output_files import output_target
from sasaeai_desktop.services.trainings import certificates as training_certificates
from sasaeai_desktop.services.trainings import checkin
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import group_work

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class PrintResult:
    pages: int
    items: int  # rows, cards, certificates …
    messages: tuple[str, ...] = ()  # characters replaced by 〓 …


def _office(uow: UnitOfWork) -> str:
    """The PDFs' Author: the office name from settings (io.pdf.common falls back to the program)."""
    from sasaeai_desktop.services.settings import get_settings

    return get_settings(uow).office_name


def _context(uow: UnitOfWork, event_id: str) -> tuple[events.EventData, str, str]:
    from sasaeai_desktop.domain.wareki import format_date
    from sasaeai_desktop.services.settings import get_settings

    ev = events.get_event(uow, event_id)
    dates = sorted({s.date for s in ev.sessions})
    when = "、".join(format_date(d) for d in dates[:4]) + (" ほか" if len(dates) > 4 else "")
    venues = "・".join(dict.fromkeys(s.venue for s in ev.sessions if s.venue))
    subtitle = "　".join(x for x in (when, venues) if x)
    st = get_settings(uow)
    footer = "　".join(x for x in (st.office_name, st.department, st.phone and f"TEL {st.phone}") if x)
    return ev, subtitle, footer


def _rows(uow: UnitOfWork, event_id: str, session_id: str | None) -> list:
    from sasaeai_desktop.io.pdf.trainings import SheetRow

    regs = checkin.sign_in_rows(uow, event_id, session_id)
    return [
        SheetRow(i, r.code, r.id, r.name, r.kana, r.municipality, r.role, r.affiliation, r.group_label,
                 "・".join(x for x in ("当日" if r.walk_in else "", "事前課題済" if r.pre_assignment_received else "") if x))
        for i, r in enumerate(regs, 1)
    ]


def _day_heading(s: events.SessionData) -> str:
    """「1日目　令和8年7月1日（水）　長野市ふれあい福祉センター」: a day's sheet says its day in full."""
    from sasaeai_desktop.domain.wareki import format_date

    day = f"{format_date(s.date)}（{'月火水木金土日'[s.date.weekday()]}）"
    return "　".join(x for x in (s.label, day, s.venue) if x)


def sign_in_sheet(uow: UnitOfWork, event_id: str, out: PathLike, *, session_id: str | None = None) -> PrintResult:
    from sasaeai_desktop.io.pdf.common import GlyphReport
    from sasaeai_desktop.io.pdf.trainings import write_sign_in_sheet

    output_target(out, ".pdf")
    ev, subtitle, footer = _context(uow, event_id)
    sections: list[tuple[str, list]] = []
    if session_id:
        sess = next((s for s in ev.sessions if s.id == session_id), None)
        if sess is None:
            raise UserError("指定された日程はこの研修にありません。")
        subtitle = events.session_label(sess)
    elif len(ev.sessions) > 1:
        # One sheet per 日程, numbered as that day's 出欠 is entered (by No. or in row order):
        # a tick on one sheet for two days could not say which day it was.
        sections = [(_day_heading(s), part) for s in ev.sessions if (part := _rows(uow, event_id, s.id))]
    rows = [] if sections else _rows(uow, event_id, session_id)
    report = GlyphReport()
    pages = write_sign_in_sheet(out, f"{ev.title}　受付名簿", subtitle, rows, footer=footer, report=report,
                                sections=sections, author=_office(uow))
    return PrintResult(pages, sum(len(x) for _s, x in sections) or len(rows), tuple(report.messages()))


def name_cards(uow: UnitOfWork, event_id: str, out: PathLike, *, session_id: str | None = None) -> PrintResult:
    from sasaeai_desktop.io.pdf.common import GlyphReport
    from sasaeai_desktop.io.pdf.trainings import NameCard
    from sasaeai_desktop.io.pdf.trainings import write_name_cards

    output_target(out, ".pdf")
    ev = events.get_event(uow, event_id)
    rows = _rows(uow, event_id, session_id)
    cards = [NameCard(r.name, r.kana, r.municipality, r.affiliation or r.role, r.group) for r in rows]
    report = GlyphReport()
    pages = write_name_cards(out, ev.title, cards, report=report, subtitle=_context(uow, event_id)[1],
                             author=_office(uow))
    return PrintResult(pages, len(cards), tuple(report.messages()))


def participants(uow: UnitOfWork, event_id: str, out: PathLike, *, session_id: str | None = None) -> PrintResult:
    from sasaeai_desktop.io.pdf.common import GlyphReport
    from sasaeai_desktop.io.pdf.trainings import write_participants

    output_target(out, ".pdf")
    ev, subtitle, footer = _context(uow, event_id)
    rows = _rows(uow, event_id, session_id)
    report = GlyphReport()
    pages = write_participants(out, f"{ev.title}　参加者名簿", subtitle, rows, footer=footer, report=report,
                               author=_office(uow))
    return PrintResult(pages, len(rows), tuple(report.messages()))


def group_table(uow: UnitOfWork, event_id: str, out: PathLike, *, session_id: str | None = None) -> PrintResult:
    from sasaeai_desktop.domain import vocab
    from sasaeai_desktop.io.pdf.common import GlyphReport
    from sasaeai_desktop.io.pdf.trainings import write_group_table

    output_target(out, ".pdf")
    ev, subtitle, footer = _context(uow, event_id)
    gs = group_work.groups(uow, event_id, session_id=session_id)
    if not gs or all(not g.label for g in gs):
        raise UserError("グループがまだ割り当てられていません。先にグループ分けをしてください。")
    stage: dict[int | None, str] = {k: v.split()[0] for k, v in vocab.STAGES.items()}
    blocks = [(g.label, [(mb.municipality, mb.name, mb.role, stage.get(mb.stage, "")) for mb in g.members]) for g in gs]
    report = GlyphReport()
    pages = write_group_table(out, f"{ev.title}　グループ表", subtitle, blocks, footer=footer, report=report,
                              author=_office(uow))
    return PrintResult(pages, sum(len(g.members) for g in gs), tuple(report.messages()))


COURSE_HEADING = "修 了 証 書"
SERIES_HEADING = "受 講 証 明 書"


def certificate_issuer(uow: UnitOfWork) -> tuple[str, bool]:
    """The issuer line and whether to leave a 公印 space, from 設定; unset → 「〇〇県知事」
    (the office name when no prefecture is set)."""
    from sasaeai_desktop.services import setup
    from sasaeai_desktop.services.settings import get_settings

    st = get_settings(uow)
    if st.certificate_issuer:
        return st.certificate_issuer, st.certificate_seal
    pref = setup.current_prefecture(uow)
    return (f"{pref[1]}知事" if pref else st.office_name), st.certificate_seal


def _period(dates: list) -> str:
    from sasaeai_desktop.domain.wareki import format_date

    if len(dates) == 1:
        return format_date(dates[0])
    return f"{format_date(dates[0])}から{format_date(dates[-1])}まで"


def certificate_texts(uow: UnitOfWork, event_id: str, person_ids: Collection[str] | None = None) -> tuple[list, list[str]]:
    """The certificates of an event and the warnings about their numbers.

    course / alternatives → 修了証書 「…の全課程を修了したことを証します」 for those who completed
    (alternatives: on the date they attended); series → 受講証明書 naming each session attended.
    Numbers (第N号) are issued here on first print and kept (services.trainings.certificates).
    ``person_ids``: only these people's certificates (a spoilt one printed again); nobody else
    is numbered by it.
    """
    from sasaeai_desktop.domain import completion
    from sasaeai_desktop.domain.wareki import format_date
    from sasaeai_desktop.io.pdf.trainings import CertificateText

    ev = events.get_event(uow, event_id)
    if not ev.sessions:
        raise UserError("日程のない研修には証書を作れません。")
    people = training_certificates.completers(uow, event_id)
    if person_ids is not None:
        people = [p for p in people if p.person_id in set(person_ids)]
    series = ev.session_structure == completion.SERIES
    kind = "受講証明書" if series else "修了証書"
    issued = training_certificates.issue(uow, event_id, [p.person_id for p in people], kind)
    issuer, seal = certificate_issuer(uow)
    required = sorted({s.date for s in ev.sessions if s.required} or {s.date for s in ev.sessions})
    out = []
    for p in people:
        items: tuple[str, ...] = ()
        if series:
            dates = sorted({s.date for s in p.sessions})
            body = f"あなたは「{ev.title}」のうち、次の回を受講したことを証明します。"
            items = tuple("・" + "　".join(x for x in (s.label, format_date(s.date), s.venue) if x) for s in p.sessions)
            heading = SERIES_HEADING
        elif ev.session_structure == completion.ALTERNATIVES:
            dates = sorted({s.date for s in p.sessions if s.date in required} or {s.date for s in p.sessions})[:1]
            body = f"あなたは{_period(dates)}に開催された「{ev.title}」の全課程を修了したことを証します。"
            heading = COURSE_HEADING
        else:
            dates = required
            body = f"あなたは{_period(dates)}に開催された「{ev.title}」の全課程を修了したことを証します。"
            heading = COURSE_HEADING
        out.append(CertificateText(p.name, body, format_date(dates[-1]), issuer, f"第{issued[p.person_id]}号",
                                   heading=heading, items=items, seal=seal))
    warnings = [c.message() for c in training_certificates.clashes(uow, event_id)]
    return out, warnings


def certificates(uow: UnitOfWork, event_id: str, out: PathLike, *, session_id: str | None = None,
                 person_ids: Collection[str] | None = None) -> PrintResult:
    """修了証書 or 受講証明書 (by the event's session structure), one per page, numbers kept;
    ``person_ids``: only theirs (a reprint of one spoilt certificate, with its number)."""
    from sasaeai_desktop.domain import completion
    from sasaeai_desktop.io.pdf.common import GlyphReport
    from sasaeai_desktop.io.pdf.trainings import write_certificates

    output_target(out, ".pdf")
    ev = events.get_event(uow, event_id)
    texts, warnings = certificate_texts(uow, event_id, person_ids)
    if not texts and person_ids is not None:
        raise UserError("選んだ人は修了（受講）していないため、証書を作れません（出欠を確かめてください）。")
    if not texts:
        if ev.session_structure == completion.SERIES:
            raise UserError("どの回にも出席した人がいないため、受講証明書は作りません（出欠を入力してください）。")
        if ev.session_structure == completion.ALTERNATIVES:
            raise UserError("どの日程にも出席した人がいないため、修了証書は作りません（出欠を入力してください）。")
        raise UserError("すべての必須日程に出席した人がいないため、修了証書は作りません（出欠を入力してください）。")
    report = GlyphReport()
    pages = write_certificates(out, ev.title, texts, report=report, subtitle=_context(uow, event_id)[1],
                               author=_office(uow))
    return PrintResult(pages, len(texts), tuple(warnings) + tuple(report.messages()))


def advisor_handout(uow: UnitOfWork, event_id: str, out: PathLike, *, session_id: str | None = None) -> PrintResult:
    """The event's advisor handout: its lecturers and staff, and the advisors of its chosen fields
    (services.advisors.handout; ``sasaeai pdf advisor-handout --event ID`` prints the same)."""
    from sasaeai_desktop.services.advisors.handout import HandoutOptions
    from sasaeai_desktop.services.advisors.handout import write_handout

    result = write_handout(uow, out, HandoutOptions(event_id=event_id))
    return PrintResult(result.pages, result.advisors, tuple(result.warnings))


PRINTS: dict[str, tuple[str, Callable[..., PrintResult]]] = {
    "sign-in-sheet": ("受付名簿", sign_in_sheet),
    "name-cards": ("名札", name_cards),
    "participants": ("参加者名簿", participants),
    "groups": ("グループ表", group_table),
    "certificates": ("修了証書・受講証明書", certificates),
    "advisor-handout": ("アドバイザー名簿", advisor_handout),
}
