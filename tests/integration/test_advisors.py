"""The advisor roster service: the profile, fields of activity, municipalities in charge, the matrix."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.services.advisors import roster as advisors
from sasaeai_desktop.services.advisors.roster import AdvisorData
from sasaeai_desktop.services.advisors.roster import AssignmentData

TODAY = dt.date(2025, 6, 1)  # 令和7年度


def muni_id(ctx, name: str) -> str:
    with ctx.uow() as uow:
        return uow.session.scalar(select(m.Municipality.id).where(m.Municipality.name == name))


def field_ids(ctx, *names: str) -> tuple[str, ...]:
    by_name = {f.name: f.id for f in advisors.list_fields(ctx.uow())}
    return tuple(by_name[n] for n in names)


def make(ctx, name: str = "髙橋 﨑子", **kw) -> str:
    data = AdvisorData(id=None, name=name, **kw)
    return advisors.save(ctx.uow(), data, today=TODAY)


def test_profile_round_trip_with_person_fields_and_assignments(nagano) -> None:
    ctx = nagano
    matsumoto, shiojiri = muni_id(ctx, "松本市"), muni_id(ctx, "塩尻市")
    aid = make(
        ctx, kana="タカハシ サキコ", category="社協", affiliation="長野県社会福祉協議会", title="主任",
        phone="０２６－２２８－４２４４", email="sakiko@example.jp", publish_phone=True, publish_email=None,
        field_ids=field_ids(ctx, "居場所づくり", "協議体の立ち上げ"), activity_text="  地区社協の育成\r\n居場所の立ち上げ支援  ",
        active_from_fy=2020, assignments=(AssignmentData(matsumoto, "主担当"), AssignmentData(shiojiri, "副担当")),
        notes="R6から",
    )
    got = advisors.get(ctx.uow(), aid, today=TODAY)
    assert (got.name, got.kana, got.title) == ("髙橋 﨑子", "たかはし さきこ", "主任")
    assert got.phone == "026-228-4244"  # 全角 digits and dash cleaned like every form
    assert (got.publish_phone, got.publish_email) == (True, None)  # None stays "not recorded"
    assert got.activity_text == "地区社協の育成\n居場所の立ち上げ支援"
    # fields come back in list order (協議体の立ち上げ is first in the default list)
    assert got.field_ids == field_ids(ctx, "協議体の立ち上げ", "居場所づくり")
    assert [(a.municipality, a.role, a.from_fy) for a in got.assignments] == [("松本市", "主担当", 2025), ("塩尻市", "副担当", 2025)]
    with ctx.uow() as uow:
        person = uow.session.get(m.Person, got.person_id)
        assert person.role == "アドバイザー" and person.name_key == "高橋崎子"  # 異体字 folded for search only


def test_existing_person_becomes_advisor_once(nagano) -> None:
    ctx = nagano
    from sasaeai_desktop.services import people

    pid = people.save(ctx.uow(), people.PersonData(id=None, name="中村 由美", kana="なかむら ゆみ"))
    aid = advisors.save(ctx.uow(), AdvisorData(id=None, name="中村 由美", person_id=pid, category="有識者"), today=TODAY)
    assert advisors.get(ctx.uow(), aid).person_id == pid
    with pytest.raises(UserError, match="すでにアドバイザー名簿に登録"):
        advisors.save(ctx.uow(), AdvisorData(id=None, name="中村 由美", person_id=pid), today=TODAY)


def test_validation_says_what_is_wrong(nagano) -> None:
    ctx = nagano
    matsumoto = muni_id(ctx, "松本市")
    bad = AdvisorData(
        id=None, name=" ", category="大学", email="not-an-address", active_from_fy=2026, active_to_fy=2024,
        assignments=(AssignmentData(matsumoto, "主担当", "松本市"), AssignmentData(matsumoto, "副担当", "松本市")),
    )
    with pytest.raises(ValidationError) as info:
        advisors.save(ctx.uow(), bad)
    assert set(info.value.fields) == {"name", "category", "email", "active_to_fy", "assignments"}
    assert "松本市" in info.value.fields["assignments"]


def test_taking_a_municipality_away_keeps_history_unless_it_began_this_year(nagano) -> None:
    ctx = nagano
    matsumoto, shiojiri, azumino = (muni_id(ctx, n) for n in ("松本市", "塩尻市", "安曇野市"))
    aid = make(ctx, assignments=(AssignmentData(matsumoto, "主担当"),))
    # A year later 塩尻市 is added and 松本市 handed over: the 松本市 row ends in FY2025.
    next_year = dt.date(2026, 5, 1)
    data = advisors.get(ctx.uow(), aid, today=next_year)
    advisors.save(ctx.uow(), AdvisorData(**{**data.__dict__, "assignments": (AssignmentData(shiojiri, "主担当"),)}), today=next_year)
    # The same year 安曇野市 is added and removed again: no trace of it is kept.
    data = advisors.get(ctx.uow(), aid, today=next_year)
    advisors.save(ctx.uow(), AdvisorData(**{**data.__dict__, "assignments": (*data.assignments, AssignmentData(azumino, "副担当"))}), today=next_year)
    data = advisors.get(ctx.uow(), aid, today=next_year)
    advisors.save(ctx.uow(), AdvisorData(**{**data.__dict__, "assignments": (AssignmentData(shiojiri, "副担当"),)}), today=next_year)

    assert [(a.municipality, a.role) for a in advisors.get(ctx.uow(), aid, today=next_year).assignments] == [("塩尻市", "副担当")]
    assert [a.municipality for a in advisors.get(ctx.uow(), aid, today=TODAY).assignments] == ["松本市"]
    with ctx.uow() as uow:
        asg = m.AdvisorAssignment
        rows = uow.session.execute(select(asg.municipality_id, asg.from_fy, asg.to_fy, asg.deleted).where(asg.advisor_id == aid)).all()
    by_muni = {r[0]: r[1:] for r in rows}
    assert by_muni[matsumoto] == (2025, 2025, False)
    assert by_muni[azumino][2] is True


def test_fields_are_a_list_the_user_extends(nagano) -> None:
    ctx = nagano
    before = advisors.list_fields(ctx.uow())
    fid = advisors.add_field(ctx.uow(), "買い物支援")
    after = advisors.list_fields(ctx.uow())
    assert after[-1].id == fid and after[-1].sort_order > before[-1].sort_order
    with pytest.raises(ValidationError, match="すでにあります"):
        advisors.add_field(ctx.uow(), "買い物　支援")  # 全角 space: the same field
    with pytest.raises(ValidationError):
        advisors.add_field(ctx.uow(), "  ")
    advisors.rename_field(ctx.uow(), fid, "買い物・外出支援")
    aid = make(ctx, field_ids=(fid,))
    assert {f.id: f.advisors for f in advisors.list_fields(ctx.uow())}[fid] == 1
    assert advisors.delete_field(ctx.uow(), fid) == 1
    assert advisors.get(ctx.uow(), aid).field_ids == ()
    assert fid not in {f.id for f in advisors.list_fields(ctx.uow())}


def test_matrix_shows_who_supports_whom_and_who_has_nobody(nagano) -> None:
    ctx = nagano
    matsumoto, shiojiri, azumino = (muni_id(ctx, n) for n in ("松本市", "塩尻市", "安曇野市"))
    a1 = make(ctx, "石川 純一", kana="いしかわ じゅんいち", assignments=(AssignmentData(matsumoto, "主担当"), AssignmentData(shiojiri, "副担当")))
    a2 = make(ctx, "井上 篤", kana="いのうえ あつし", assignments=(AssignmentData(matsumoto, "副担当"), AssignmentData(shiojiri, "")))
    make(ctx, "今井 聡", kana="いまい さとし")  # in charge of nothing: not a column
    matrix = advisors.assignment_matrix(ctx.uow(), today=TODAY)
    assert matrix.fiscal_year == 2025
    assert [a.name for a in matrix.advisors] == ["石川 純一", "井上 篤"]
    assert [(a.name, role) for a, role in matrix.advisors_of(matsumoto)] == [("石川 純一", "主担当"), ("井上 篤", "副担当")]
    assert [(mu.name, role) for mu, role in matrix.municipalities_of(a2)] == [("松本市", "副担当"), ("塩尻市", "")]
    uncovered = {mu.name for mu in matrix.uncovered}
    assert "安曇野市" in uncovered and "松本市" not in uncovered and "塩尻市" not in uncovered
    assert len(matrix.uncovered) == len(matrix.municipalities) - 2
    assert [mu.name for mu in matrix.without_main] == ["塩尻市"]  # 副担当 and an unrecorded role only
    # The year before nobody was in charge of anything.
    assert advisors.assignment_matrix(ctx.uow(), fiscal_year=2024).cells == {}
    assert azumino in {mu.id for mu in matrix.municipalities}
    assert matrix.cells[(matsumoto, a1)] == "主担当"


def test_matrix_by_region(nagano) -> None:
    ctx = nagano
    matsumoto, shiojiri = muni_id(ctx, "松本市"), muni_id(ctx, "塩尻市")
    with ctx.uow() as uow:
        kind = uow.session.scalars(select(m.RegionKind)).first()
        region = m.Region(kind_id=kind.id, name="松本圏域")
        uow.session.add(region)
        uow.session.flush()
        uow.session.add_all([m.RegionMembership(region_id=region.id, municipality_id=x) for x in (matsumoto, shiojiri)])
        rid = region.id
        uow.commit()
    make(ctx, assignments=(AssignmentData(matsumoto, "主担当"),))
    matrix = advisors.assignment_matrix(ctx.uow(), region_id=rid, today=TODAY)
    assert [mu.name for mu in matrix.municipalities] == ["松本市", "塩尻市"]
    assert [mu.name for mu in matrix.uncovered] == ["塩尻市"]
    assert matrix.municipalities[0].regions == ("松本圏域",)


def test_delete_keeps_the_person(nagano) -> None:
    ctx = nagano
    aid = make(ctx)
    pid = advisors.get(ctx.uow(), aid).person_id
    advisors.delete(ctx.uow(), aid)
    with pytest.raises(UserError):
        advisors.get(ctx.uow(), aid)
    with ctx.uow() as uow:
        assert uow.session.get(m.Person, pid).deleted is False


def test_contacts_for_a_handout_need_consent() -> None:
    assert advisors.handout_contacts("026-1", "a@b.jp", True, True) == ("026-1", "a@b.jp")
    assert advisors.handout_contacts("026-1", "a@b.jp", None, False) == ("", "")
    assert [advisors.consent_label(v) for v in (True, False, None)] == ["可", "否", "未確認"]
