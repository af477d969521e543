"""Who completed an event, by its session structure, and certificates that keep their numbers
(services.trainings.certificates: completers and numbers, services.trainings.prints.certificates)."""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy import update

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.services import people
from sasaeai_desktop.services import settings as office_settings
from sasaeai_desktop.services.people import PersonData
from sasaeai_desktop.services.trainings import certificates as numbering
from sasaeai_desktop.services.trainings import checkin
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import prints as training_prints
from sasaeai_desktop.services.trainings import registrations


def _muni(ctx, name: str) -> str:
    with ctx.uow() as uow:
        return uow.session.scalar(select(m.Municipality.id).where(m.Municipality.name == name))


def _event(ctx, structure: str, *, sessions: int = 2, title: str = "令和7年度 生活支援コーディネーター養成研修",
           required: tuple[bool, ...] | None = None) -> str:
    req = required or (True,) * sessions
    data = events.EventData(
        None, "養成研修", title, 2025,
        sessions=tuple(events.SessionData(None, dt.date(2025, 7, 1 + i), label=f"{i + 1}日目", venue=("長野市", "松本市", "上田市")[i % 3],
                                     required=req[i])
                       for i in range(sessions)),
        session_structure=structure,
    )
    return events.save_event(ctx.uow(), data)


def _people(ctx, *names: str) -> list[str]:
    kana = {"青木 一": "あおき はじめ", "石井 二郎": "いしい じろう", "上野 三子": "うえの みつこ", "江藤 四郎": "えとう しろう",
            "大野 五月": "おおの さつき"}
    return [people.save(ctx.uow(), PersonData(None, n, kana[n], "第1層SC", _muni(ctx, "長野市"))) for n in names]


def _names(ctx, eid: str) -> list[str]:
    return [c.name for c in numbering.completers(ctx.uow(), eid)]


def test_structure_is_saved_shown_copied_and_checked(nagano):
    eid = _event(nagano, "alternatives")
    assert events.get_event(nagano.uow(), eid).session_structure == "alternatives"
    assert events.get_event(nagano.uow(), events.copy_event(nagano.uow(), eid)).session_structure == "alternatives"
    assert events.get_event(nagano.uow(), _event(nagano, "course")).session_structure == "course"
    ev = events.get_event(nagano.uow(), eid)
    with pytest.raises(ValidationError) as exc:
        events.save_event(nagano.uow(), replace(ev, session_structure="weekly"))
    assert "日程の関係" in exc.value.fields["session_structure"]


def test_course_needs_every_required_part_whatever_the_registration_is_tied_to(nagano):
    """The issue's case: registered for day 1 only, attended day 1 → no 修了証書 for a 2-day course."""
    eid = _event(nagano, "course")
    d1, d2 = (s.id for s in events.get_event(nagano.uow(), eid).sessions)
    aoki, ishii, ueno, eto = _people(nagano, "青木 一", "石井 二郎", "上野 三子", "江藤 四郎")
    r_aoki = registrations.register(nagano.uow(), eid, aoki).registration_id
    r_ishii = registrations.register(nagano.uow(), eid, ishii, session_id=d1).registration_id  # day 1 only
    r_ueno = registrations.register(nagano.uow(), eid, ueno, session_id=d1).registration_id
    r_eto1 = registrations.register(nagano.uow(), eid, eto, session_id=d1).registration_id  # each day registered apart
    r_eto2 = registrations.register(nagano.uow(), eid, eto, session_id=d2).registration_id
    for rid, sid in ((r_aoki, d1), (r_aoki, d2), (r_ishii, d1), (r_ueno, d1), (r_ueno, d2), (r_eto1, d1), (r_eto2, d2)):
        checkin.mark_attendance(nagano.uow(), rid, sid)
    assert _names(nagano, eid) == ["青木 一", "上野 三子", "江藤 四郎"]
    # a day that is not required does not hold anyone back
    eid2 = _event(nagano, "course", sessions=3, required=(True, True, False), title="三日間の研修")
    s1, s2, _s3 = (s.id for s in events.get_event(nagano.uow(), eid2).sessions)
    r = registrations.register(nagano.uow(), eid2, aoki).registration_id
    checkin.mark_attendance(nagano.uow(), r, s1)
    assert _names(nagano, eid2) == []
    checkin.mark_attendance(nagano.uow(), r, s2)
    assert _names(nagano, eid2) == ["青木 一"]


def test_alternatives_need_one_date(nagano):
    eid = _event(nagano, "alternatives", title="現地見学会（長野・松本）")
    nagano_day, matsumoto_day = (s.id for s in events.get_event(nagano.uow(), eid).sessions)
    aoki, ishii, ueno = _people(nagano, "青木 一", "石井 二郎", "上野 三子")
    r1 = registrations.register(nagano.uow(), eid, aoki, session_id=nagano_day).registration_id
    r2 = registrations.register(nagano.uow(), eid, ishii, session_id=matsumoto_day).registration_id
    registrations.register(nagano.uow(), eid, ueno, session_id=matsumoto_day)  # absent
    checkin.mark_attendance(nagano.uow(), r1, nagano_day)
    checkin.mark_attendance(nagano.uow(), r2, nagano_day)  # came on the other date: still the same course
    assert _names(nagano, eid) == ["青木 一", "石井 二郎"]


def test_series_counts_each_session_on_its_own(nagano):
    eid = _event(nagano, "series", sessions=3, title="地域づくり連続講座")
    s1, s2, s3 = (s.id for s in events.get_event(nagano.uow(), eid).sessions)
    aoki, ishii, ueno = _people(nagano, "青木 一", "石井 二郎", "上野 三子")
    r1 = registrations.register(nagano.uow(), eid, aoki).registration_id
    r2 = registrations.register(nagano.uow(), eid, ishii, session_id=s2).registration_id
    registrations.register(nagano.uow(), eid, ueno)
    for rid, sid in ((r1, s1), (r1, s3), (r2, s2)):
        checkin.mark_attendance(nagano.uow(), rid, sid)
    checkin.mark_attendance(nagano.uow(), r2, s3, present=False)
    got = {c.name: [s.id for s in c.sessions] for c in numbering.completers(nagano.uow(), eid)}
    assert got == {"青木 一": [s1, s3], "石井 二郎": [s2]}


def _pdftext(path: Path) -> list[str]:
    """The text of each page."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in out.split("\f") if page.strip()]


def test_certificates_wording_numbers_kept_and_issuer(nagano, tmp_path: Path):
    eid = _event(nagano, "course")
    d1, d2 = (s.id for s in events.get_event(nagano.uow(), eid).sessions)
    aoki, ishii, ueno = _people(nagano, "青木 一", "石井 二郎", "上野 三子")
    r_aoki = registrations.register(nagano.uow(), eid, aoki).registration_id
    r_ishii = registrations.register(nagano.uow(), eid, ishii, session_id=d1).registration_id
    r_ueno = registrations.register(nagano.uow(), eid, ueno).registration_id
    for rid, sid in ((r_aoki, d1), (r_aoki, d2), (r_ishii, d1), (r_ueno, d1)):
        checkin.mark_attendance(nagano.uow(), rid, sid)
    # 11 certificates were issued for this event before (an older print): the next is 第12号
    with nagano.uow() as uow:
        for n in range(1, 12):
            pid = people.save(nagano.uow(), PersonData(None, f"過去 {n}", "", "", None))
            uow.session.add(m.Certificate(event_id=eid, person_id=pid, number=n, kind="修了証書", issued_on=dt.date(2025, 7, 2)))
        uow.commit()
    out = tmp_path / "c.pdf"
    res = training_prints.certificates(nagano.uow(), eid, out)
    [page] = _pdftext(out)
    assert res.items == 1 and "青木 一" in page and "第12号" in page and "修了証書" in page
    # the body breaks between phrases (「…の全課程を／修了したことを…」): compare without the line breaks
    assert "の全課程を修了したことを証します" in page.replace(" ", "") and "長野県知事" in page  # default issuer
    assert "石井" not in page and "上野" not in page  # day 1 only: no certificate at all
    # 上野 comes back for day 2 later → the next number; 青木 keeps 第12号 on the reprint
    checkin.mark_attendance(nagano.uow(), r_ueno, d2)
    office_settings.save_settings(nagano.uow(), replace(office_settings.get_settings(nagano.uow()),
                                                    certificate_issuer="長野県健康福祉部 介護支援課長 信州 太郎",
                                                    certificate_seal=True))
    training_prints.certificates(nagano.uow(), eid, out)
    pages = _pdftext(out)
    assert [("青木 一" in p, "第12号" in p) for p in pages] == [(True, True), (False, False)]
    assert "上野 三子" in pages[1] and "第13号" in pages[1]
    assert all("介護支援課長 信州 太郎" in p and "印" in p and "知事" not in p for p in pages)
    assert numbering.numbers(nagano.uow(), eid)[aoki] == 12


def test_series_prints_a_receipt_naming_the_sessions_never_the_full_course(nagano, tmp_path: Path):
    eid = _event(nagano, "series", sessions=3, title="地域づくり連続講座")
    s1, s2, s3 = (s.id for s in events.get_event(nagano.uow(), eid).sessions)
    (aoki,) = _people(nagano, "青木 一")
    r = registrations.register(nagano.uow(), eid, aoki).registration_id
    checkin.mark_attendance(nagano.uow(), r, s1)
    checkin.mark_attendance(nagano.uow(), r, s3)
    out = tmp_path / "s.pdf"
    training_prints.certificates(nagano.uow(), eid, out)
    [page] = _pdftext(out)
    assert "受講証明書" in page and "全課程" not in page and "修了" not in page
    assert "1日目 令和7年7月1日 長野市" in page and "3日目 令和7年7月3日 上野" not in page
    assert "3日目 令和7年7月3日 上田市" in page and "2日目" not in page and "第1号" in page


def test_nobody_completed_is_a_clear_message(nagano, tmp_path: Path):
    eid = _event(nagano, "course")
    d1 = events.get_event(nagano.uow(), eid).sessions[0].id
    (aoki,) = _people(nagano, "青木 一")
    checkin.mark_attendance(nagano.uow(), registrations.register(nagano.uow(), eid, aoki, session_id=d1).registration_id, d1)
    with pytest.raises(UserError, match="すべての必須日程に出席した人がいない"):
        training_prints.certificates(nagano.uow(), eid, tmp_path / "x.pdf")
    assert numbering.numbers(nagano.uow(), eid) == {}


def test_a_number_issued_twice_offline_is_reported_and_renumbered_on_purpose(nagano, tmp_path: Path):
    """Two laptops each gave 第1号 (sync brought both rows together): reported, never changed silently."""
    eid = _event(nagano, "alternatives")
    d1 = events.get_event(nagano.uow(), eid).sessions[0].id
    aoki, ishii = _people(nagano, "青木 一", "石井 二郎")
    for pid in (aoki, ishii):
        checkin.mark_attendance(nagano.uow(), registrations.register(nagano.uow(), eid, pid).registration_id, d1)
    with nagano.uow() as uow:
        for pid in (aoki, ishii):
            uow.session.add(m.Certificate(event_id=eid, person_id=pid, number=1, kind="修了証書", issued_on=dt.date(2025, 7, 1)))
        uow.commit()
    res = training_prints.certificates(nagano.uow(), eid, tmp_path / "c.pdf")
    assert any("第1号が 2 人（青木 一、石井 二郎）" in w for w in res.messages)
    assert numbering.renumber(nagano.uow(), eid, ishii) == 2
    assert numbering.clashes(nagano.uow(), eid) == []
    pages = _pdftext(tmp_path / "c.pdf")
    training_prints.certificates(nagano.uow(), eid, tmp_path / "c.pdf")
    pages = _pdftext(tmp_path / "c.pdf")
    assert ["第1号" in pages[0], "第2号" in pages[1]] == [True, True]
    # a number once retired is not handed out again
    with nagano.uow() as uow:
        uow.session.execute(update(m.Certificate).where(m.Certificate.person_id == ishii).values(deleted=True))
        uow.commit()
    assert numbering.issue(nagano.uow(), eid, [ishii], "修了証書")[ishii] == 3


def test_migration_marks_old_events_run_as_alternative_dates(tmp_path: Path):
    """0007: several sessions and every registration tied to one → 'alternatives'; others 'course'."""
    from sqlalchemy import text

    from sasaeai_desktop.db.engine import create_sqlite_engine
    from sasaeai_desktop.db.migrate import ensure_schema

    path = tmp_path / "old.db"
    engine = create_sqlite_engine(path)
    ensure_schema(engine, path, target="0006")
    def insert(conn, table: str, **values) -> None:
        # every NOT NULL column of the old schema gets a blank, the test's values on top
        cols = conn.execute(text(f"PRAGMA table_info({table})")).all()
        row = {c[1]: (0 if "INT" in c[2] or "BOOL" in c[2] else "") for c in cols if c[3] and c[4] is None}
        row.update(values)
        names = ", ".join(row)
        conn.execute(text(f"INSERT INTO {table} ({names}) VALUES ({', '.join(':' + k for k in row)})"), row)

    with engine.begin() as conn:
        insert(conn, "person", id="p", name="青木")
        for eid, tied in (("tour", True), ("course", False)):
            insert(conn, "training_event", id=eid, fiscal_year=2025, event_type="現地見学", title=eid)
            for i in (1, 2):
                insert(conn, "training_session", id=f"{eid}{i}", event_id=eid, date=f"2025-07-0{i}", required=1, sort_order=i)
            insert(conn, "registration", id=f"r{eid}", event_id=eid, person_id="p", session_id=f"{eid}1" if tied else None,
                   status="登録", row_order=1)
    ensure_schema(engine, path)
    with engine.connect() as conn:
        got = dict(conn.execute(text("SELECT id, session_structure FROM training_event")).all())
        captured = conn.execute(text("SELECT count(*) FROM sync_change WHERE tbl = 'training_event' AND op = 'U' "
                                     "AND data LIKE '%alternatives%'")).scalar()
    assert got == {"tour": "alternatives", "course": "course"} and captured == 1


def test_excel_export_of_events_names_the_structure(nagano, tmp_path: Path):
    import openpyxl

    from sasaeai_desktop.services import exports

    _event(nagano, "series", title="連続講座")
    _event(nagano, "alternatives", title="見学会")
    out = tmp_path / "研修.xlsx"
    assert exports.export_list(nagano.uow(), "events", out) == 2
    ws = openpyxl.load_workbook(out).active
    header = next(i for i, row in enumerate(ws.iter_rows(values_only=True), 1) if row and row[0] == "年度")
    cols = [c.value for c in ws[header]]
    rows = {r[cols.index("研修名")]: r[cols.index("日程の関係")] for r in ws.iter_rows(min_row=header + 1, values_only=True)}
    assert rows == {"連続講座": "各回が独立した講座", "見学会": "同じ内容の日程から選ぶ"}


def test_structure_and_numbers_travel_by_sync_and_a_clash_is_reported(tmp_path: Path):
    """Two laptops print offline, each 第1号 to a different person: after the exchange both see the
    same clash (nothing renumbered silently); a renumber on one laptop settles it on both."""
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services import setup
    from sasaeai_desktop.services.sync import enrolment as sync_enrolment
    from sasaeai_desktop.services.sync import export as sync_export
    from sasaeai_desktop.services.sync import importing as sync_import
    from tests.property.sync_world import use_fast_kdf

    use_fast_kdf()
    office = open_database(tmp_path / "office.db")
    setup.init_prefecture(office.uow(), "長野県")
    eid = _event(office, "course", sessions=1)
    sid = events.get_event(office.uow(), eid).sessions[0].id
    aoki, ishii = _people(office, "青木 一", "石井 二郎")
    r_aoki = registrations.register(office.uow(), eid, aoki).registration_id
    r_ishii = registrations.register(office.uow(), eid, ishii).registration_id
    sync_enrolment.make_enrolment(office.uow(), tmp_path / "enrol.sync", "合言葉は長めに2026")
    a, b = open_database(tmp_path / "a.db"), open_database(tmp_path / "b.db")
    sync_enrolment.join(a.uow(), tmp_path / "enrol.sync", "合言葉は長めに2026", name="A")
    sync_enrolment.join(b.uow(), tmp_path / "enrol.sync", "合言葉は長めに2026", name="B")
    files = iter(range(100))

    def send(src, dst) -> None:
        path = tmp_path / f"x{next(files)}.sync"
        sync_export.export_changes(src.uow(), path, "合言葉は長めに2026")
        sync_import.import_file(dst.uow(), path, "合言葉は長めに2026")

    try:
        checkin.mark_attendance(a.uow(), r_aoki, sid)
        training_prints.certificates(a.uow(), eid, tmp_path / "a.pdf")
        checkin.mark_attendance(b.uow(), r_ishii, sid)
        events.save_event(b.uow(), replace(events.get_event(b.uow(), eid), session_structure="alternatives"))
        training_prints.certificates(b.uow(), eid, tmp_path / "b.pdf")
        send(a, b)
        send(b, a)
        for ctx in (a, b):
            assert events.get_event(ctx.uow(), eid).session_structure == "alternatives"
            assert [(c.number, c.names) for c in numbering.clashes(ctx.uow(), eid)] == [(1, ("青木 一", "石井 二郎"))]
        res = training_prints.certificates(b.uow(), eid, tmp_path / "b.pdf")
        assert any("第1号が 2 人" in w for w in res.messages)
        assert numbering.renumber(a.uow(), eid, ishii) == 2
        send(a, b)
        assert numbering.clashes(b.uow(), eid) == [] and numbering.numbers(b.uow(), eid) == {aoki: 1, ishii: 2}
    finally:
        for ctx in (office, a, b):
            ctx.close()


def test_one_certificate_reprinted_alone_numbers_nobody_else(nagano, tmp_path: Path) -> None:
    """A spoilt certificate printed again by itself: its own number, one page; someone not yet
    printed gets no number from it; someone who did not complete is refused with a message."""
    eid = _event(nagano, "alternatives")
    d1, _d2 = (s.id for s in events.get_event(nagano.uow(), eid).sessions)
    aoki, ishii, ueno = _people(nagano, "青木 一", "石井 二郎", "上野 三子")
    for pid in (aoki, ishii):
        checkin.mark_attendance(nagano.uow(), registrations.register(nagano.uow(), eid, pid).registration_id, d1)
    registrations.register(nagano.uow(), eid, ueno)  # did not come
    training_prints.certificates(nagano.uow(), eid, tmp_path / "all.pdf", person_ids=[aoki])
    assert [(c.number, c.person_id) for c in numbering.issued(nagano.uow(), eid)] == [(1, aoki)]
    res = training_prints.certificates(nagano.uow(), eid, tmp_path / "all.pdf")
    assert res.pages == 2
    res = training_prints.certificates(nagano.uow(), eid, tmp_path / "one.pdf", person_ids=[ishii])
    text = subprocess.run(["pdftotext", str(tmp_path / "one.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert res.pages == 1 and "石井 二郎" in text and "第2号" in text and "青木" not in text
    with pytest.raises(UserError, match="選んだ人は修了"):
        training_prints.certificates(nagano.uow(), eid, tmp_path / "none.pdf", person_ids=[ueno])
