"""Training events: sessions, registrations, check-in, survey, groups, coverage (services.trainings)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.services import people
from sasaeai_desktop.services.people import PersonData
from sasaeai_desktop.services.trainings import certificates
from sasaeai_desktop.services.trainings import checkin
from sasaeai_desktop.services.trainings import coverage
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import group_work
from sasaeai_desktop.services.trainings import person_match
from sasaeai_desktop.services.trainings import registrations
from sasaeai_desktop.services.trainings import survey


def _muni(ctx, name: str) -> str:
    with ctx.uow() as uow:
        return uow.session.scalar(select(m.Municipality.id).where(m.Municipality.name == name))


def _event(ctx, *, capacity=3, sessions=2) -> str:
    data = events.EventData(
        None, "情報交換会", "令和7年度 北信ブロック情報交換会", 2025, co_hosts="長野県社協",
        audiences=("市町村職員", "第1層SC"),
        sessions=tuple(events.SessionData(None, dt.date(2025, 7, 1 + i), label=f"{i + 1}日目", venue="長野市", capacity=capacity)
                       for i in range(sessions)),
        questions=((None, "講義"), (None, "グループワーク")),
    )
    return events.save_event(ctx.uow(), data)


def _person(ctx, name, kana, muni, role="市町村職員") -> str:
    return people.save(ctx.uow(), PersonData(None, name, kana, role, _muni(ctx, muni)))


def test_event_round_trip_and_copy(nagano):
    eid = _event(nagano)
    ev = events.get_event(nagano.uow(), eid)
    assert ev.title == "令和7年度 北信ブロック情報交換会" and ev.audiences == ("市町村職員", "第1層SC")
    assert [s.label for s in ev.sessions] == ["1日目", "2日目"] and ev.sessions[0].capacity == 3
    new = events.copy_event(nagano.uow(), eid)
    copy = events.get_event(nagano.uow(), new)
    assert copy.fiscal_year == 2026 and copy.title == "令和8年度 北信ブロック情報交換会"
    assert copy.sessions[0].date == dt.date(2026, 7, 1) and copy.copied_from_id == eid
    assert [q[1] for q in copy.questions] == ["講義", "グループワーク"]
    with pytest.raises(ValidationError):
        events.save_event(nagano.uow(), events.EventData(None, "宴会", "", 2025))


def test_registration_flags_typeahead_and_variant(nagano):
    eid = _event(nagano, capacity=2)
    a = _person(nagano, "髙橋 一郎", "たかはし いちろう", "長野市")
    b = _person(nagano, "佐藤 花子", "さとう はなこ", "松本市", "第1層SC")
    c = _person(nagano, "鈴木 次郎", "すずき じろう", "上田市")
    registrations.register(nagano.uow(), eid, a)
    registrations.register(nagano.uow(), eid, b)
    res = registrations.register(nagano.uow(), eid, c)
    assert any("定員" in w for w in res.warnings)
    dup = registrations.register(nagano.uow(), eid, a)
    assert any("重複" in w for w in dup.warnings)
    rows = registrations.list_registrations(nagano.uow(), eid)
    assert [r.row_order for r in rows] == [1, 2, 3, 4]
    assert "定員超過" in rows[2].flags and "重複" in rows[3].flags and not rows[0].flags
    # 高橋 typed: 髙橋 is offered (variant), never merged
    sug = person_match.suggest_people(nagano.uow(), "高橋")
    assert sug and sug[0].id == a and sug[0].variant
    assert person_match.suggest_people(nagano.uow(), "たかは")[0].id == a
    with pytest.raises(person_match.PersonChoiceNeeded) as exc:
        registrations.register_typed(nagano.uow(), eid, PersonData(None, "高橋 一郎", "たかはしいちろう", "", _muni(nagano, "長野市")))
    assert exc.value.candidates[0].id == a
    res = registrations.register_typed(nagano.uow(), eid, PersonData(None, "高橋 一郎", "", "", None), new_person=True)
    with nagano.uow() as uow:
        assert uow.session.get(m.Registration, res.registration_id).person_id != a


def test_walk_in_typed_at_the_desk(nagano):
    """A possible match is asked about, never merged; a new person is registered on the spot and present."""
    eid = _event(nagano, capacity=None)
    s2 = events.get_event(nagano.uow(), eid).sessions[1].id
    known = _person(nagano, "江藤 四郎", "えとう しろう", "松本市")
    with pytest.raises(person_match.PersonChoiceNeeded) as exc:
        checkin.add_walk_in_typed(nagano.uow(), eid, s2, PersonData(None, "江藤 四郎", "えとう しろう", "", _muni(nagano, "松本市")))
    assert [c.id for c in exc.value.candidates] == [known] and registrations.list_registrations(nagano.uow(), eid) == []
    typed = checkin.add_walk_in_typed(nagano.uow(), eid, s2, PersonData(None, "江藤 四郎", "えとう しろう", "", None), new_person=True)
    [row] = registrations.list_registrations(nagano.uow(), eid)
    assert row.id == typed.registration_id and row.person_id != known
    assert row.walk_in and row.session_id is None and row.attendance == {s2: True}
    with nagano.uow() as uow:
        assert uow.session.get(m.Registration, typed.registration_id).notes == checkin.WALK_IN_NOTE


def test_checkin_walk_in_sheet_and_session_removal(nagano):
    eid = _event(nagano, capacity=None)
    ev = events.get_event(nagano.uow(), eid)
    s1, s2 = ev.sessions[0].id, ev.sessions[1].id
    pids = [_person(nagano, n, k, "長野市") for n, k in (("青木 一", "あおき はじめ"), ("石井 二郎", "いしい じろう"), ("上野 三子", "うえの みつこ"))]
    regs = [registrations.register(nagano.uow(), eid, p).registration_id for p in pids]
    found = checkin.checkin_search(nagano.uow(), eid, s1, "いし")
    assert [f.name for f in found] == ["石井 二郎"] and found[0].present is None
    assert checkin.checkin_search(nagano.uow(), eid, s1, registrations.short_code(regs[2]))[0].registration_id == regs[2]
    assert checkin.checkin_search(nagano.uow(), eid, s1, regs[0])[0].registration_id == regs[0]
    checkin.mark_attendance(nagano.uow(), found[0].registration_id, s1)
    assert checkin.checkin_search(nagano.uow(), eid, s1, "いし")[0].present is True
    walk = _person(nagano, "江藤 四郎", "えとう しろう", "松本市")
    w = checkin.add_walk_in(nagano.uow(), eid, s1, walk)
    rows = registrations.list_registrations(nagano.uow(), eid)
    assert rows[-1].walk_in and rows[-1].attendance == {s1: True}
    # the sheet ticked by hand, entered in row order (None leaves the row alone)
    assert checkin.enter_sheet(nagano.uow(), eid, s2, [True, False, True, None]) == 3
    rows = {r.id: r for r in registrations.list_registrations(nagano.uow(), eid)}
    assert rows[regs[0]].attendance[s2] and not rows[regs[1]].attendance[s2] and s2 not in rows[w.registration_id].attendance
    # completers: every required session
    assert [c.registration_id for c in certificates.completers(nagano.uow(), eid)] == []
    checkin.mark_attendance(nagano.uow(), regs[0], s1)
    assert [c.name for c in certificates.completers(nagano.uow(), eid)] == ["青木 一"]
    # removing a session with attendance: refused with the count, then confirmed and kept as history
    with pytest.raises(events.SessionHasAttendance) as exc:
        events.remove_session(nagano.uow(), s2)
    assert exc.value.count == 3 and "3件" in str(exc.value)
    assert events.remove_session(nagano.uow(), s2, confirm=True) == 3
    assert [s.id for s in events.get_event(nagano.uow(), eid).sessions] == [s1]
    with nagano.uow() as uow:
        assert uow.session.get(m.TrainingSession, s2).deleted
        assert uow.session.scalar(select(m.Attendance.id).where(m.Attendance.session_id == s2)) is not None


def test_survey_percentages_and_pre_assignment(nagano):
    eid = _event(nagano)
    ev = events.get_event(nagano.uow(), eid)
    q1, q2 = (q[0] for q in ev.questions)
    regs = [registrations.register(nagano.uow(), eid, _person(nagano, f"人{i}", f"ひと{i}", "長野市")).registration_id for i in range(4)]
    for reg, (r1, r2) in zip(regs, ((1, 2), (1, 4), (2, 2), (3, None))):
        survey.record_answers(nagano.uow(), reg, {q1: r1, q2: r2})
    survey.record_answers(nagano.uow(), regs[3], {q1: 1, q2: None}, comment="よかった")  # replaces the earlier answer
    summary = survey.survey_summary(nagano.uow(), eid)
    assert summary[0].counts == {1: 3, 2: 1, 3: 0, 4: 0} and summary[0].answered == 4
    assert summary[0].percent(1) == 75.0 and summary[1].answered == 3 and round(summary[1].good_percent, 1) == 66.7
    assert survey.survey_comments(nagano.uow(), eid) == ["よかった"]
    registrations.set_pre_assignment(nagano.uow(), regs[0], True)
    assert registrations.list_registrations(nagano.uow(), eid)[0].pre_assignment_received


def test_groups_separate_officials_from_coordinators_and_balance(nagano):
    eid = _event(nagano, capacity=None, sessions=1)
    names = ["長野市", "松本市", "上田市", "岡谷市", "飯田市", "諏訪市"]
    with nagano.uow() as uow:
        for i, n in enumerate(names):
            uow.session.add(m.MunicipalityStatus(municipality_id=_muni(nagano, n), fiscal_year=2024, stage=1 + i % 3))
        uow.session.add(m.MunicipalityStatus(municipality_id=_muni(nagano, "長野市"), fiscal_year=2025, stage=3))
        uow.commit()
    for i, n in enumerate(names):
        for j, role in enumerate(("市町村職員", "第1層SC", "第2層SC", "首長・管理職")):
            registrations.register(nagano.uow(), eid, _person(nagano, f"{n}{j}", f"ひと{i}{j}", n, role))
    groups = group_work.assign_groups(nagano.uow(), eid, 6)
    assert len(groups) == 4 and all(len(g.members) == 6 for g in groups)
    assert all(not g.conflicts for g in groups)
    for g in groups:
        for mb in g.members:
            kinds = {group_work._kind_of(x.role) for x in g.members if x.municipality_id == mb.municipality_id}
            assert not {"official", "coordinator"} <= kinds
        assert max(g.stage_counts().values()) <= 3
    assert next(mb for g in groups for mb in g.members if mb.municipality == "長野市").stage == 3  # latest status
    again = group_work.assign_groups(nagano.uow(), eid, 6)
    assert [[mb.registration_id for mb in g.members] for g in again] == [[mb.registration_id for mb in g.members] for g in groups]
    mover = groups[0].members[0]
    group_work.move_to_group(nagano.uow(), mover.registration_id, "2班")
    after = group_work.groups(nagano.uow(), eid)
    assert mover.registration_id in [mb.registration_id for mb in after[1].members]


def test_coverage_and_never_attending(nagano):
    eid = _event(nagano, capacity=None, sessions=1)
    sid = events.get_event(nagano.uow(), eid).sessions[0].id
    reg = registrations.register(nagano.uow(), eid, _person(nagano, "青木 一", "あおき はじめ", "長野市", "第1層SC")).registration_id
    registrations.register(nagano.uow(), eid, _person(nagano, "石井 二郎", "いしい じろう", "松本市"))
    checkin.mark_attendance(nagano.uow(), reg, sid)
    cov = {c.name: c for c in coverage.coverage(nagano.uow(), 2025)}
    assert cov["長野市"].by_role == {"第1層SC": 1} and cov["長野市"].events == ("令和7年度 北信ブロック情報交換会",)
    assert cov["松本市"].none  # registered but did not attend
    missing = coverage.municipalities_without_training(nagano.uow(), 2025)
    assert "松本市" in missing and "長野市" not in missing and len(missing) == 76
