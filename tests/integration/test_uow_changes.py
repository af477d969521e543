"""A unit of work made with ``on_commit`` says which tables each commit wrote — whatever the
write path (ORM, raw SQL, the bulk import, a local setting) — and says nothing for a read or a
rollback: the window refreshes from this report alone (gui/changes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.db import bulk_insert
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.office import OfficeSettings
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services import people
from sasaeai_desktop.services import settings
from sasaeai_desktop.services.imports import applying
from sasaeai_desktop.services.imports import planning
from tests.excel_books import people_book


@pytest.fixture
def reports() -> list[frozenset[str]]:
    return []


def _uow(ctx: AppContext, reports: list[frozenset[str]]) -> UnitOfWork:
    return UnitOfWork(ctx.session_factory, on_commit=reports.append)


def test_a_service_save_reports_its_table(nagano: AppContext, reports: list[frozenset[str]]) -> None:
    people.save(_uow(nagano, reports), people.PersonData(None, "山田 太郎", "やまだ たろう"))
    assert reports == [frozenset({"person"})]


def test_reads_and_rollbacks_report_nothing(nagano: AppContext, reports: list[frozenset[str]]) -> None:
    municipalities.choices(_uow(nagano, reports))
    with _uow(nagano, reports) as uow:
        uow.session.execute(text("SELECT count(*) FROM person"))
        uow.commit()  # a commit that wrote nothing
    with _uow(nagano, reports) as uow:
        uow.session.execute(text("UPDATE municipality SET notes = 'x'"))
        uow.rollback()
    with _uow(nagano, reports) as uow:
        uow.session.execute(text("UPDATE municipality SET notes = 'y'"))  # left without commit
    assert reports == []


def test_raw_sql_and_a_second_commit_in_one_unit(nagano: AppContext, reports: list[frozenset[str]]) -> None:
    with _uow(nagano, reports) as uow:
        uow.session.execute(text("UPDATE municipality SET notes = 'x' WHERE code = '202011'"))
        uow.commit()
        uow.session.execute(text("UPDATE prefecture SET name = name"))  # no value changes: not a write
        uow.session.execute(text("UPDATE person SET notes = 'x'"))  # no rows: not a write either
        uow.commit()
    assert reports == [frozenset({"municipality"})]


def test_a_local_setting_is_reported(nagano: AppContext, reports: list[frozenset[str]]) -> None:
    settings.save_settings(_uow(nagano, reports), OfficeSettings(office_name="介護支援課"))
    assert reports == [frozenset({"local_setting"})]


def test_the_bulk_import_is_reported(
    nagano: AppContext, reports: list[frozenset[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_insert, "DROP_INDEXES_MIN", 1)  # the bulk path for a handful of rows
    monkeypatch.setattr(bulk_insert, "CAPTURE_AFTER_MIN", 1)
    path = people_book(tmp_path / "p.xlsx", [["山田 太郎", "やまだ たろう", "第2層SC", "松本市"], ["鈴木 花子", "すずき はなこ", "第2層SC", "松本市"]])
    plan = planning.plan_import(nagano.uow(), "people", path)
    assert plan.ok, [str(p) for p in plan.problems]
    assert applying.apply_import(_uow(nagano, reports), plan).created == 2
    assert reports and "person" in reports[-1]
