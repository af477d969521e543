"""Municipality and person services, and the SQL-backed list pages, against a real database."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.services import listing
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people
from sasaeai_desktop.services.listing import PageRequest


def test_municipality_create_edit_soft_delete(nagano) -> None:
    data = municipalities.MunicipalityData(id=None, code="20999", name="長野県後期高齢者医療広域連合", kind="広域連合")
    mid = municipalities.save(nagano.uow(), data)
    saved = municipalities.get(nagano.uow(), mid)
    assert saved.code == "209996"  # check digit appended to the 5-digit code
    municipalities.save(nagano.uow(), municipalities.MunicipalityData(**{**saved.__dict__, "population": 12345, "kana": "ナガノ"}))
    again = municipalities.get(nagano.uow(), mid)
    assert (again.population, again.kana) == (12345, "ながの")
    municipalities.delete(nagano.uow(), mid)
    with pytest.raises(NotFoundError):
        municipalities.get(nagano.uow(), mid)
    with nagano.engine.connect() as conn:  # soft delete: the row stays for whatever points at it
        assert conn.execute(text("SELECT deleted FROM municipality WHERE id = :i"), {"i": mid}).scalar() == 1


def test_municipality_validation_names_each_field(nagano) -> None:
    bad = municipalities.MunicipalityData(id=None, code="202012", name=" ", kind="県", aging_rate=130.0)
    with pytest.raises(ValidationError) as info:
        municipalities.save(nagano.uow(), bad)
    assert set(info.value.fields) == {"code", "name", "kind", "aging_rate"}
    assert "202011" in info.value.fields["code"]  # tells the right check digit


def test_duplicate_municipality_code_is_refused(nagano) -> None:
    dup = municipalities.MunicipalityData(id=None, code="202011", name="長野市（二重）", kind="市")
    with pytest.raises(ValidationError, match="既に登録"):
        municipalities.save(nagano.uow(), dup)


def test_person_create_edit_delete_and_matching(nagano) -> None:
    nagano_city = municipalities.find_by_code(nagano.uow(), "202011")
    assert nagano_city is not None
    pid = people.save(
        nagano.uow(),
        people.PersonData(id=None, name="髙橋　一郎", kana="タカハシ イチロウ", role="第1層SC", municipality_id=nagano_city.id,
                          phone="０２６-２３２-０１１１", email="ichiro@example.jp"),
    )
    p = people.get(nagano.uow(), pid)
    assert p.name == "髙橋 一郎"  # 異体字 kept as typed, spaces tidied
    assert p.kana == "たかはし いちろう" and p.phone == "026-232-0111"
    matches = people.find_matches(nagano.uow(), "高橋一郎", "", nagano_city.id)
    assert [m.id for m in matches] == [pid] and not matches[0].exact
    with pytest.raises(ValidationError) as info:
        people.save(nagano.uow(), people.PersonData(**{**p.__dict__, "email": "not-an-address"}))
    assert set(info.value.fields) == {"email"}
    people.delete(nagano.uow(), pid)
    with pytest.raises(NotFoundError):
        people.get(nagano.uow(), pid)


def _raw(nagano, sql: str) -> list[tuple]:
    conn = sqlite3.connect(nagano.db_path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("descending", [False, True])
def test_municipality_list_sorts_in_sql(nagano, descending: bool) -> None:
    page = listing.fetch_page(nagano.uow(), "municipalities", PageRequest(sort_key="kana", descending=descending, limit=5))
    order = "DESC" if descending else "ASC"
    expected = _raw(nagano, f"SELECT name FROM municipality WHERE deleted = 0 ORDER BY kana {order}, id LIMIT 5")
    assert [r[1] for r in page.rows] == [e[0] for e in expected]
    assert page.total == 77


def test_list_search_and_paging(nagano) -> None:
    hits = listing.fetch_page(nagano.uow(), "municipalities", PageRequest(search="松本"))
    assert hits.total == 1 and hits.rows[0][1] == "松本市"
    by_kana = listing.fetch_page(nagano.uow(), "municipalities", PageRequest(search="まつもと"))
    assert by_kana.total == 1
    pages = [listing.fetch_page(nagano.uow(), "municipalities", PageRequest(offset=o, limit=30)) for o in (0, 30, 60)]
    ids = [i for p in pages for i in p.ids]
    assert len(ids) == 77 and len(set(ids)) == 77


def test_every_list_kind_answers_on_an_empty_area(nagano) -> None:
    for kind in listing.list_kinds():
        page = listing.fetch_page(nagano.uow(), kind, PageRequest(search="あ"))
        assert page.total == len(page.rows)
        for col in listing.columns(kind):
            listing.fetch_page(nagano.uow(), kind, PageRequest(sort_key=col.key, descending=True, limit=1))


def test_people_list_finds_variant_kanji(nagano) -> None:
    people.save(nagano.uow(), people.PersonData(id=None, name="山﨑 花子", kana="やまざき はなこ"))
    assert listing.fetch_page(nagano.uow(), "people", PageRequest(search="山崎")).total == 1
    assert listing.fetch_page(nagano.uow(), "people", PageRequest(search="ヤマザキ")).total == 1


def test_counts_without_joins_match_counts_with_them(nagano) -> None:
    """The join-free count used when nothing is searched agrees with the listed rows."""
    from sasaeai_desktop import demo

    demo.fill_demo(nagano.uow(), scale=1)
    for kind in listing.list_kinds():
        total = listing.count(nagano.uow(), kind, PageRequest())
        everything = listing.fetch_page(nagano.uow(), kind, PageRequest(limit=1_000_000), with_total=False)
        assert total == len(everything.ids), kind


def test_fiscal_year_filter_runs_from_april_to_march(nagano) -> None:
    import datetime as dt

    from sasaeai_desktop.services.activities import consultations
    from sasaeai_desktop.services.activities import visits

    mid = municipalities.choices(nagano.uow())[0][0]
    for day in (dt.date(2025, 3, 31), dt.date(2025, 4, 1), dt.date(2026, 3, 31), dt.date(2026, 4, 1)):
        visits.save(nagano.uow(), visits.VisitData(id=None, municipality_id=mid, visit_date=day))
        consultations.save(nagano.uow(), consultations.ConsultationData(
            id=None, received_date=day, municipality_id=mid, question="相談"))
    for kind, column in (("visits", "visit_date"), ("consultations", "received_date")):
        page = listing.fetch_page(nagano.uow(), kind, PageRequest(sort_key=column, filters={"fiscal_year": 2025}))
        index = [c.key for c in listing.columns(kind)].index(column)
        assert [row[index] for row in page.rows] == [dt.date(2025, 4, 1), dt.date(2026, 3, 31)], kind
        assert page.total == 2
