"""Exporting lists to Excel: the use case behind ファイル > Excelに出力… and ``sasaeai export``.

Where this lives: the export needs the database (listing queries, the prefecture) and the file
format (``io.excel``), so it is a service; the window and the CLI call it here.

Every row is streamed: one SELECT (the list's own query, sorted and filtered as on screen, without
LIMIT) read inside one transaction — a consistent snapshot under WAL that does not block writers —
and fed row by row to ``io.excel.writer.write_table`` (openpyxl write-only), so memory stays flat
for any number of rows.

Municipalities, people and advisors have their own sheet specs (``io.excel.sheets``): every
field a user may edit, with the headers ``services.imports.planning`` reads back — an exported file imports
again unchanged (all rows 変更なし; tests/integration/test_excel_import_roundtrip.py). So do the
events (services/trainings/event_sheet.py: the list's columns and what ``import events`` reads).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from typing import Literal

from sqlalchemy import Select
from sqlalchemy import select
from sqlalchemy.orm import aliased

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.domain.progress import Progress
from sasaeai_desktop.io.excel.sheets import ADVISORS
from sasaeai_desktop.io.excel.sheets import MUNICIPALITIES
from sasaeai_desktop.io.excel.sheets import PEOPLE
from sasaeai_desktop.io.excel.spec import ColumnSpec
from sasaeai_desktop.io.excel.spec import SheetSpec
from sasaeai_desktop.io.excel.spec import ValueKind
from sasaeai_desktop.io.excel.text import output_date_line
from sasaeai_desktop.io.output_files import output_target
from sasaeai_desktop.services import listing
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.advisors.roster import role_rank
from sasaeai_desktop.services.advisors.roster import with_role

__all__ = [
    "export_advisors",
    "export_list",
    "export_municipalities",
    "export_people",
    "list_sheet_spec",
    "title_lines",
]

DateStyle = Literal["seireki", "wareki"]

# Titles where "<list title>一覧" reads badly.
_SHEET_TITLES = {"people": "関係者一覧", "visits": "訪問記録一覧", "consultations": "相談記録一覧"}
_PX_PER_CHAR = 7.0  # ListColumn widths are pixels for the view; Excel widths are '0' characters


_FULL_SPECS = {s.kind: s for s in (MUNICIPALITIES, PEOPLE, ADVISORS)}


# A list column's kind as written to a cell; any other kind (e.g. a time) is written as its text.
_CELL_KINDS: dict[str, ValueKind] = {"text": "text", "int": "int", "float": "float", "date": "date", "bool": "bool"}


def _cell_kind(key: str, kind: str) -> ValueKind:
    if key == "fiscal_year":
        return "fiscal_year"  # 2025 or 令和7年度, not an amount (「2,025」)
    return _CELL_KINDS.get(kind, "text")


def list_sheet_spec(kind: str) -> SheetSpec:
    """The sheet for a list as the view shows it: the list's columns, headers and kinds.

    Municipalities, people and advisors have their own, fuller specs (``io.excel.sheets``).
    """
    if kind in _FULL_SPECS:
        return _FULL_SPECS[kind]
    cols = tuple(
        ColumnSpec(c.key, c.label, _cell_kind(c.key, c.kind), round(c.width / _PX_PER_CHAR, 1))
        for c in listing.columns(kind)
    )
    return SheetSpec(kind, _SHEET_TITLES.get(kind, f"{listing.title(kind)}一覧"), cols)


def _condition_text(kind: str, search: str, filters: Mapping[str, Any]) -> str:
    parts = []
    if search.strip():
        parts.append(f"検索「{search.strip()}」")
    for key, value in filters.items():
        if value is None or value == "":
            continue
        if key == "fiscal_year" and isinstance(value, int):
            parts.append(fiscal_year_label(value))
        elif key == "municipality_id":
            parts.append("市町村を指定")
        else:
            parts.append(f"{key}={value}")
    return "絞り込み: " + "、".join(parts) if parts else ""


def title_lines(
    spec: SheetSpec,
    *,
    prefecture: str,
    total: int,
    search: str = "",
    filters: Mapping[str, Any] | None = None,
    today: dt.date | None = None,
) -> list[str]:
    """['市町村一覧　長野県　令和8年度', '出力日: 2026年11月26日（令和8年11月26日）　77件', (絞り込み …)]."""
    today = today or dt.date.today()
    filters = dict(filters or {})
    fy = filters.get("fiscal_year")
    fy = fy if isinstance(fy, int) and not isinstance(fy, bool) else fiscal_year_of(today)
    head = "　".join(p for p in (spec.title, prefecture, fiscal_year_label(fy)) if p)
    lines = [head, f"{output_date_line(today)}　{total:,}件"]
    condition = _condition_text(spec.kind, search, filters)
    if condition:
        lines.append(condition)
    return lines


def _request(
    search: str, filters: Mapping[str, Any] | None, sort_key: str | None, descending: bool
) -> listing.PageRequest:
    return listing.PageRequest(
        search=search or "", sort_key=sort_key, descending=descending, offset=0, limit=0, filters=dict(filters or {})
    )


def _all_rows(kind: str, req: listing.PageRequest) -> Select[Any]:
    """Every matching row, in the list's order."""
    return listing.all_rows_query(kind, req)


def _positions(kind: str, extras: Sequence[str]) -> dict[str, int]:
    """Where each column sits in a row of ``_all_rows(kind)`` with ``extras`` added: 0 is the record's
    id, then the list's columns, then the extras in the order they were added."""
    keys = ["id", *(c.key for c in listing.columns(kind)), *extras]
    return {key: i for i, key in enumerate(keys)}


def _in_sheet_order(spec: SheetSpec, positions: Mapping[str, int]) -> Callable[[Any], tuple[Any, ...]]:
    """A row of the query → the sheet's cells, in the spec's column order."""
    order = [positions[c.key] for c in spec.columns]
    return lambda row: tuple(row[i] for i in order)


def _municipality_rows(req: listing.PageRequest) -> Select[Any]:
    """The municipality list's rows plus 住所, 電話, 備考 (joined on the row's id)."""
    stmt = _all_rows("municipalities", req)
    extra = aliased(m.Municipality, name="extra")
    row_id = stmt.selected_columns[0]
    return stmt.add_columns(extra.address, extra.phone, extra.notes).join(extra, extra.id == row_id)


def xlsx_target(path: str | os.PathLike[str]) -> Path:
    """The path an export writes to, refused (UserError, saying what to do) when it is not an
    .xlsx file in a folder that exists."""
    return output_target(path, ".xlsx")


def _write(
    uow: UnitOfWork,
    path: str | os.PathLike[str],
    spec: SheetSpec,
    kind: str,
    stmt: Select[Any],
    req: listing.PageRequest,
    shape: Callable[[Any], tuple[Any, ...]],
    *,
    date_style: DateStyle,
    progress: Progress | None,
    abort: Any,
    today: dt.date | None,
) -> int:
    from sasaeai_desktop.io.excel.writer import write_table  # openpyxl: only when exporting

    target = xlsx_target(path)
    if progress is not None:
        progress(-1.0, "データを読み込んでいます…")
    pref = setup.current_prefecture(uow)  # its own unit of work (they do not nest)
    with uow:
        conn = uow.session.connection()
        total = int(conn.execute(listing.count_query(kind, req)).scalar_one())
        lines = title_lines(
            spec, prefecture=pref[1] if pref else "", total=total, search=req.search, filters=req.filters, today=today
        )
        result = conn.execute(stmt)

        def rows() -> Iterator[tuple[Any, ...]]:
            for row in result:
                yield shape(row)

        try:
            return write_table(
                target, spec, rows(), title_lines=lines, date_style=date_style,
                progress=progress, abort=abort, total=total,
            )
        except PermissionError:
            raise UserError(
                f"「{target}」に書き込めません。同じ名前のファイルをExcelなどで開いている場合は閉じてから、"
                "もう一度出力してください（フォルダーの書き込み権限も確認してください）。"
            ) from None
        except OSError as exc:
            raise UserError(f"「{target}」を保存できませんでした（{exc.strerror or exc}）。") from exc
        finally:
            result.close()


# What a list of each kind is written from: the sheet, the query and a query row → the sheet's cells.
_Shape = Callable[[Any], tuple[Any, ...]]
_Source = Callable[[UnitOfWork, listing.PageRequest], tuple[SheetSpec, Select[Any], _Shape]]


def _municipality_source(uow: UnitOfWork, req: listing.PageRequest) -> tuple[SheetSpec, Select[Any], _Shape]:
    """The municipalities with every column an import reads back."""
    shape = _in_sheet_order(MUNICIPALITIES, _positions("municipalities", ("address", "phone", "notes")))
    return MUNICIPALITIES, _municipality_rows(req), shape


def _people_source(uow: UnitOfWork, req: listing.PageRequest) -> tuple[SheetSpec, Select[Any], _Shape]:
    """The people with 備考 too: the sheet ``sasaeai import people`` reads."""
    extra = aliased(m.Person, name="extra")
    stmt = _all_rows("people", req).add_columns(extra.notes).join(extra, extra.id == m.Person.id)
    return PEOPLE, stmt, _in_sheet_order(PEOPLE, _positions("people", ("notes",)))


def _advisor_lists(uow: UnitOfWork) -> tuple[dict[str, str], dict[str, str]]:
    """advisor id → '協議体の立ち上げ、居場所づくり' (its fields in list order) and → '松本市（主担当）、
    軽井沢町' (the municipalities it is in charge of this 年度, in code order, with the role where one is
    recorded: the import reads it back)."""
    fy = fiscal_year_of(dt.date.today())
    fields: dict[str, list[str]] = {}
    munis: dict[str, dict[str, str]] = {}  # advisor → municipality as written → its best role
    af, f = m.AdvisorField, m.ActivityField
    asg, mun = m.AdvisorAssignment, aliased(m.Municipality, name="mun")
    parent = aliased(m.Municipality, name="parent")
    with uow:
        s = uow.session
        for aid, name in s.execute(
            select(af.advisor_id, f.name).join(f, f.id == af.field_id)
            .where(af.deleted.is_(False), f.deleted.is_(False)).order_by(af.advisor_id, f.sort_order, f.name)
        ):
            if name not in fields.setdefault(aid, []):
                fields[aid].append(name)
        for aid, parent_name, name, role in s.execute(
            select(asg.advisor_id, parent.name, mun.name, asg.role).join(mun, mun.id == asg.municipality_id)
            .outerjoin(parent, parent.id == mun.parent_id)
            .where(asg.deleted.is_(False), mun.deleted.is_(False), asg.to_fy.is_(None) | (asg.to_fy >= fy))
            .order_by(asg.advisor_id, mun.code, asg.id)
        ):
            held = munis.setdefault(aid, {})
            display = (parent_name or "") + name
            if display not in held or role_rank(role) < role_rank(held[display]):
                held[display] = role or ""
    return (
        {k: "、".join(v) for k, v in fields.items()},
        {k: "、".join(with_role(muni, role) for muni, role in v.items()) for k, v in munis.items()},
    )


def _advisor_source(uow: UnitOfWork, req: listing.PageRequest) -> tuple[SheetSpec, Select[Any], _Shape]:
    """The advisor roster: every field ``sasaeai import advisors`` reads, with 電話公開/メール公開 as
    ○/× (blank = not recorded). An office file with contacts: handouts that leave the office are
    made elsewhere and leave out what has no consent."""
    fields, munis = _advisor_lists(uow)
    a, p = m.Advisor, m.Person
    stmt = _all_rows("advisors", req).add_columns(
        p.title, p.phone, p.email, a.active_from_fy, a.active_to_fy, a.notes
    )
    index = _positions("advisors", ("title", "phone", "email", "active_from_fy", "active_to_fy", "notes"))

    def shape(row: Any) -> tuple[Any, ...]:
        aid = row[0]
        out = []
        for col in ADVISORS.columns:
            if col.key == "id":
                out.append(aid)
            elif col.key == "fields":
                out.append(fields.get(aid, ""))
            elif col.key == "municipalities":
                out.append(munis.get(aid, ""))
            else:
                out.append(row[index[col.key]])
        return tuple(out)

    return ADVISORS, stmt, shape


def _events_source(uow: UnitOfWork, req: listing.PageRequest) -> tuple[SheetSpec, Select[Any], _Shape]:
    """The events with the public's counts, the first 日程's 会場 and the media: the sheet
    ``sasaeai import events`` reads back (services/trainings/event_sheet.py)."""
    from sasaeai_desktop.services.trainings.event_sheet import EVENTS
    from sasaeai_desktop.services.trainings.event_sheet import event_rows

    stmt, shape = event_rows(uow, _all_rows("events", req), lambda extras: _positions("events", extras))
    return EVENTS, stmt, shape


# Lists never written without a password, in the window and on the command line alike: the
# people list carries every contact's phone and e-mail (the command line says --no-password to
# write it plain, on purpose)
NEVER_PLAIN = frozenset({PEOPLE.kind})

_SOURCES: dict[str, _Source] = {
    MUNICIPALITIES.kind: _municipality_source,
    PEOPLE.kind: _people_source,
    ADVISORS.kind: _advisor_source,
    "events": _events_source,
}


def export_list(
    uow: UnitOfWork,
    kind: str,
    path: str | os.PathLike[str],
    *,
    search: str = "",
    filters: Mapping[str, Any] | None = None,
    sort_key: str | None = None,
    descending: bool = False,
    date_style: DateStyle = "seireki",
    progress: Progress | None = None,
    abort: Any = None,
    today: dt.date | None = None,
) -> int:
    """Write every row of list ``kind`` (filtered and sorted as on screen) to the .xlsx ``path``.

    Returns the number of rows written. Raises ``UserError`` for a bad kind, filter or path (the
    message says what to do), ``Cancelled`` when ``abort`` is set; either way no file is left
    behind and an existing file at ``path`` is unchanged.
    """
    if date_style not in ("seireki", "wareki"):
        raise UserError(f"日付の形式は seireki か wareki です（指定: {date_style}）。")
    req = _request(search, filters, sort_key, descending)
    if kind in _SOURCES:
        spec, stmt, shape = _SOURCES[kind](uow, req)
    else:
        spec = list_sheet_spec(kind)  # raises UserError for an unknown kind
        stmt, shape = _all_rows(kind, req), _without_id
    return _write(
        uow, path, spec, kind, stmt, req, shape,
        date_style=date_style, progress=progress, abort=abort, today=today,
    )


def _without_id(row: Any) -> tuple[Any, ...]:
    return tuple(row[1:])


def export_municipalities(uow: UnitOfWork, path: str | os.PathLike[str], **options: Any) -> int:
    """``export_list`` of the municipalities (the same keyword options)."""
    return export_list(uow, MUNICIPALITIES.kind, path, **options)


def export_people(uow: UnitOfWork, path: str | os.PathLike[str], **options: Any) -> int:
    """``export_list`` of the people (the same keyword options)."""
    return export_list(uow, PEOPLE.kind, path, **options)


def export_advisors(uow: UnitOfWork, path: str | os.PathLike[str], **options: Any) -> int:
    """``export_list`` of the advisors (the same keyword options)."""
    return export_list(uow, ADVISORS.kind, path, **options)
