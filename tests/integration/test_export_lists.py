"""Exporting lists from a real temporary database, checked by reopening the .xlsx."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy import update

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.cancellation import Cancelled
from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.io.excel.sheets import MUNICIPALITIES
from sasaeai_desktop.services import exports
from sasaeai_desktop.services import listing
from sasaeai_desktop.services import setup

TODAY = dt.date(2026, 11, 26)
HEADER_ROW = 4  # title, 出力日, blank, header (no 絞り込み line)


@pytest.fixture
def nagano_db(tmp_path: Path):
    ctx = open_database(tmp_path / "t.db")
    setup.init_prefecture(ctx.uow(), "長野県")
    yield ctx
    ctx.close()


def _sheet(path: Path):
    return openpyxl.load_workbook(path).active


def _data(ws, header_row: int = HEADER_ROW) -> list[tuple]:
    return [r for r in ws.iter_rows(min_row=header_row + 1, values_only=True)]


def _db_names(ctx: AppContext) -> list[tuple[str, str]]:
    """(code, display name) in code order, straight from the table ('札幌市中央区' for a ward)."""
    with ctx.uow() as uow:
        rows = uow.session.execute(select(m.Municipality).where(m.Municipality.deleted.is_(False))).scalars().all()
        by_id = {r.id: r for r in rows}
        return sorted(
            (r.code, (by_id[r.parent_id].name if r.parent_id else "") + r.name) for r in rows
        )


def test_export_municipalities_of_nagano(nagano_db: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "市町村一覧.xlsx"
    assert exports.export_list(nagano_db.uow(), "municipalities", out, today=TODAY) == 77
    ws = _sheet(out)
    assert ws["A1"].value == "市町村一覧　長野県　令和8年度"
    assert ws["A2"].value == "出力日: 2026年11月26日（令和8年11月26日）　77件"
    assert [c.value for c in ws[HEADER_ROW]] == list(MUNICIPALITIES.headers)
    assert list(MUNICIPALITIES.headers)[:8] == ["コード", "市町村名", "ふりがな", "種別", "郡", "人口", "高齢化率(%)", "日常生活圏域数"]
    rows = _data(ws)
    assert len(rows) == 77
    assert [(r[0], r[1]) for r in rows] == _db_names(nagano_db)
    assert ("202011", "長野市") in [(r[0], r[1]) for r in rows]
    assert all(isinstance(r[0], str) and len(r[0]) == 6 for r in rows)  # codes stay text
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:K{HEADER_ROW + 77}"
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".tmp")] == [out.name]


def test_edited_fields_round_trip_with_their_kinds(nagano_db: AppContext, tmp_path: Path) -> None:
    with nagano_db.uow() as uow:
        uow.session.execute(
            update(m.Municipality)
            .where(m.Municipality.code == "202029")
            .values(population=237_318, aging_rate=30.25, daily_life_areas=8, address="松本市丸の内3-7",
                    phone="0263-34-3000", notes="協議体: 第1層設置済み\n第2層は検討中")
        )
        uow.commit()
    out = tmp_path / "m.xlsx"
    exports.export_municipalities(nagano_db.uow(), out, today=TODAY)
    ws = _sheet(out)
    row = next(r for r in ws.iter_rows(min_row=HEADER_ROW + 1) if r[0].value == "202029")
    values = {col.key: cell for col, cell in zip(MUNICIPALITIES.columns, row)}
    assert values["name"].value == "松本市" and values["kana"].value == "まつもとし"
    assert values["population"].value == 237_318 and values["population"].number_format == "#,##0"
    assert values["aging_rate"].value == pytest.approx(30.25) and values["aging_rate"].number_format == "0.0"
    assert values["daily_life_areas"].value == 8
    assert values["address"].value == "松本市丸の内3-7" and values["phone"].value == "0263-34-3000"
    assert values["notes"].value == "協議体: 第1層設置済み\n第2層は検討中"
    assert values["notes"].alignment.wrap_text and values["notes"].alignment.vertical == "top"


def test_wards_are_named_with_their_city(ctx: AppContext, tmp_path: Path) -> None:
    setup.init_prefecture(ctx.uow(), "北海道")
    out = tmp_path / "hokkaido.xlsx"
    n = exports.export_list(ctx.uow(), "municipalities", out, search="札幌", today=TODAY)
    ws = _sheet(out)
    assert ws["A3"].value == "絞り込み: 検索「札幌」"
    rows = _data(ws, HEADER_ROW + 1)
    assert n == len(rows) == 11  # 札幌市 and its ten wards
    names = [r[1] for r in rows]
    assert names[0] == "札幌市" and "札幌市中央区" in names and all(x.startswith("札幌市") for x in names)
    assert [(r[0], r[1]) for r in rows] == [p for p in _db_names(ctx) if p[1].startswith("札幌市")]


def test_filters_and_sort_follow_the_list(nagano_db: AppContext, tmp_path: Path) -> None:
    out = tmp_path / "villages.xlsx"
    n = exports.export_list(
        nagano_db.uow(), "municipalities", out, filters={"kind": "村"}, sort_key="code", descending=True, today=TODAY
    )
    page = listing.fetch_page(
        nagano_db.uow(), "municipalities",
        listing.PageRequest(filters={"kind": "村"}, sort_key="code", descending=True, limit=1000),
    )
    rows = _data(_sheet(out), HEADER_ROW + 1)
    assert n == page.total == len(rows) > 30
    assert [r[0] for r in rows] == [r[0] for r in page.rows]
    assert {r[3] for r in rows} == {"村"}


# municipalities, people and advisors write their fuller import/export specs (io.excel.sheets),
# checked in test_excel_import_roundtrip.py; the events theirs (services/trainings/event_sheet.py),
# checked in test_event_import.py.
@pytest.mark.parametrize("kind", [k for k in listing.list_kinds()
                                  if k not in ("municipalities", "people", "advisors", "events")])
def test_every_other_list_exports_its_columns(nagano_db: AppContext, tmp_path: Path, kind: str) -> None:
    out = tmp_path / f"{kind}.xlsx"
    assert exports.export_list(nagano_db.uow(), kind, out, date_style="wareki", today=TODAY) == 0
    ws = _sheet(out)
    assert [c.value for c in ws[HEADER_ROW]] == [c.label for c in listing.columns(kind)]
    assert "長野県" in ws["A1"].value


def test_bad_requests_are_user_errors_and_leave_nothing(nagano_db: AppContext, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(UserError):
        exports.export_list(nagano_db.uow(), "nonsense", folder / "x.xlsx")
    with pytest.raises(UserError, match=r"\.xlsx"):
        exports.export_list(nagano_db.uow(), "municipalities", folder / "x.csv")
    with pytest.raises(UserError, match="フォルダー"):
        exports.export_list(nagano_db.uow(), "municipalities", folder / "missing" / "x.xlsx")
    with pytest.raises(UserError):
        exports.export_list(nagano_db.uow(), "municipalities", folder / "x.xlsx", filters={"role": "x"})
    assert list(folder.iterdir()) == []


def test_a_file_open_in_excel_is_a_user_error(nagano_db: AppContext, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "open.xlsx"
    out.write_bytes(b"locked by Excel")

    def refuse(src, dst):
        raise PermissionError(13, "The process cannot access the file", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(UserError, match="閉じて"):
        exports.export_list(nagano_db.uow(), "municipalities", out)
    assert out.read_bytes() == b"locked by Excel"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_cancel_leaves_no_file(nagano_db: AppContext, tmp_path: Path) -> None:
    abort = threading.Event()
    abort.set()
    out = tmp_path / "cancelled.xlsx"
    with pytest.raises(Cancelled):
        exports.export_list(nagano_db.uow(), "municipalities", out, abort=abort)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix in (".tmp", ".xlsx")] == []
    # the database is still usable: the read transaction was closed
    assert exports.export_list(nagano_db.uow(), "municipalities", out) == 77
