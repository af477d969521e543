"""Every Excel export prints readably on A4 and holds real dates and times (issue 16, items 6–8).

The printed text size is computed from what a spreadsheet program reads in the file — the print
area's column widths, the repeated title columns, the column breaks, the orientation, the
margins, fit-to-width or the scale, and the smallest font in the printed cells and the page
header — independently of ``io.excel.print_layout``. One column-width unit prints at 7.0 pt at
100 % (measured in LibreOffice's PDF of these sheets; Excel's unit for 游ゴシック 11 pt is smaller,
so Excel prints larger). Every kind in ``services.excel_exports`` is checked, so a new kind
listed there is covered without touching this file.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.cell import range_boundaries
from sqlalchemy import select
from sqlalchemy import update

from sasaeai_desktop import demo
from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.db import models as m
from sasaeai_desktop.services import excel_exports
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.imports import plan_rows
from sasaeai_desktop.services.imports import planning
from sasaeai_desktop.services.progress import region_sheet

TODAY = dt.date(2026, 5, 1)
FY = 2026
UNIT_PT = 7.0  # printed width of one column unit at 100 % (LibreOffice, 11 pt default font)
A4 = (595.28, 841.89)
MIN_PT = 7.0
KINDS = [e.kind for e in excel_exports.exports()]


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    """Demo data cut down to a few records of each kind (long texts, several dispatch days and
    times included), so writing every export stays quick."""
    ctx = open_database(tmp_path_factory.mktemp("db") / "office.db")
    setup.init_prefecture(ctx.uow(), "長野県")
    demo.fill_demo(ctx.uow(), scale=1, today=TODAY)
    with ctx.uow() as uow:  # soft-deleted rows are left out of every export
        s = uow.session
        for model, date_col, keep in ((m.Visit, m.Visit.visit_date, 25), (m.Consultation, m.Consultation.received_date, 25)):
            kept = select(model.id).order_by(date_col).limit(keep)
            s.execute(update(model).where(model.id.not_in(kept)).values(deleted=True))
        kept_people = select(m.Person.id).order_by(m.Person.id).limit(150)
        s.execute(update(m.Person).where(m.Person.id.not_in(kept_people), m.Person.id.not_in(select(m.Advisor.person_id)))
                  .values(deleted=True))
        kept_events = select(m.TrainingEvent.id).order_by(m.TrainingEvent.id).limit(3)
        s.execute(update(m.TrainingEvent).where(m.TrainingEvent.id.not_in(kept_events)).values(deleted=True))
        uow.commit()
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def written(office: AppContext, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("exports")
    out = {}
    for kind in KINDS:
        for style in ("seireki", "wareki"):
            path = folder / f"{kind.replace(':', '_')}_{style}.xlsx"
            excel_exports.write_export(office.uow(), kind, path, fiscal_year=FY, date_style=style)  # type: ignore[arg-type]
            out[kind, style] = path
    return out


# --- what a spreadsheet program prints ---------------------------------------------------------


def _widths(ws: Any) -> dict[int, float]:
    width: dict[int, float] = {}
    for dim in ws.column_dimensions.values():
        lo = dim.min or column_index_from_string(dim.index)
        hi = dim.max or lo
        for c in range(lo, hi + 1):
            width[c] = 0.0 if dim.hidden else float(dim.width or 8.43)
    return width


def _area(ws: Any) -> tuple[int, int, int, int]:
    if ws.print_area:
        ref = ws.print_area.split(",")[0].split("!")[-1].replace("$", "")
        return range_boundaries(ref)  # type: ignore[return-value]
    return 1, 1, ws.max_column, ws.max_row


def _title_columns(ws: Any) -> list[int]:
    if not ws.print_title_cols:
        return []
    a, b = ws.print_title_cols.replace("$", "").split(":")
    return list(range(column_index_from_string(a), column_index_from_string(b) + 1))


def printed(ws: Any) -> dict[str, Any]:
    """Printed scale, block widths, room on the paper and smallest text (pt) of one sheet."""
    width = _widths(ws)
    min_col, min_row, max_col, max_row = _area(ws)
    titles = [c for c in _title_columns(ws) if c < min_col or c <= max_col]
    ends = sorted(b.id for b in ws.col_breaks.brk if min_col <= b.id < max_col) + [max_col]
    blocks, start = [], min_col
    for end in ends:
        cols = sorted(set(titles) | set(range(start, end + 1)))
        blocks.append(sum(width.get(c, 8.43) for c in cols) * UNIT_PT)
        start = end + 1
    setup = ws.page_setup
    landscape = setup.orientation == "landscape"
    room = (A4[1] if landscape else A4[0]) - 72 * (ws.page_margins.left + ws.page_margins.right)
    props = ws.sheet_properties.pageSetUpPr
    if props is not None and props.fitToPage:
        fit = int(setup.fitToWidth or 1)
        scale = min(1.0, room * fit / sum(blocks)) if fit else 1.0
    else:
        scale = (int(setup.scale) if setup.scale else 100) / 100
    sizes = []
    for row in ws.iter_rows(min_row=min_row, max_row=min(max_row, min_row + 80), min_col=min_col, max_col=max_col):
        for cell in row:
            if cell.value is not None and width.get(cell.column, 8.43) > 0:
                sizes.append(float(cell.font.sz or 11))
    for part in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right,
                 ws.oddFooter.left, ws.oddFooter.center, ws.oddFooter.right):
        if part.text:
            sizes.append(float(part.size or 11))
    return {"scale": scale, "blocks": blocks, "room": room, "smallest": min(sizes) * scale, "area": (min_col, max_col)}


def _sheets(path: Path) -> list[Any]:
    wb = openpyxl.load_workbook(path)
    return [ws for ws in wb.worksheets if ws.sheet_state == "visible"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_export_prints_text_of_at_least_7_pt_on_a4(written: dict, kind: str) -> None:
    for style in ("seireki", "wareki"):
        path = written[kind, style]
        wb = openpyxl.load_workbook(path)
        assert wb._fonts[0].name == "游ゴシック"  # the default font: Japanese, not Calibri
        for ws in [w for w in wb.worksheets if w.sheet_state == "visible"]:
            where = f"{kind} {style} 「{ws.title}」"
            p = printed(ws)
            assert int(ws.page_setup.paperSize) == 9, where
            assert p["smallest"] >= MIN_PT, f"{where}: {p['smallest']:.1f} pt at {p['scale']:.0%}"
            for i, block in enumerate(p["blocks"]):  # each block of columns fits the paper's width
                assert block * p["scale"] <= p["room"] + 0.5, f"{where}: block {i + 1} {block * p['scale']:.0f} > {p['room']:.0f} pt"
            header = " ".join(filter(None, (ws.oddHeader.left.text, ws.oddHeader.center.text, ws.oddHeader.right.text)))
            footer = " ".join(filter(None, (ws.oddFooter.left.text, ws.oddFooter.center.text, ws.oddFooter.right.text)))
            assert "&A" in header and "&D" in header and "&P" in footer and "&N" in footer, where
            fonts = {c.font.name for row in ws.iter_rows(max_row=30) for c in row if c.value is not None}
            assert "Calibri" not in fonts, where
        first = wb.worksheets[0]
        if first.max_column > 1:
            assert first.print_title_rows, f"{kind}: the heading rows repeat on every page"


@pytest.mark.parametrize("kind", [e.kind for e in excel_exports.exports() if e.reimport])
def test_id_columns_stay_in_the_file_off_paper_and_the_file_imports_back_unchanged(
    office: AppContext, written: dict, kind: str
) -> None:
    path = written[kind, "seireki"]
    ws = openpyxl.load_workbook(path).active
    p = printed(ws)
    entry = next(e for e in excel_exports.exports() if e.kind == kind)
    if entry.reimport == "regions":
        back = region_sheet.plan_membership_import(office.uow(), path)
        assert not back.problems and not back.changes and not back.new_regions and back.unchanged > 0
        return
    _head, cols = _columns(ws)
    id_col = cols.get("ID")
    assert id_col or entry.reimport == "municipalities", f"{kind}: the ID a re-import matches on is in the file"
    if id_col:
        hidden = _widths(ws).get(id_col) == 0
        assert hidden or not (p["area"][0] <= id_col <= p["area"][1]), f"{kind}: the ID column is printed"
    plan = planning.plan_import(office.uow(), entry.reimport, path)
    assert plan.ok, [str(x) for x in plan.problems[:5]]
    assert plan.counts[plan_rows.CREATE] == plan.counts[plan_rows.UPDATE] == plan.counts[plan_rows.ERROR] == 0
    assert plan.counts[plan_rows.SKIP] > 0  # 変更なし


# --- values as real types ------------------------------------------------------------------------

_DATE_TEXT = re.compile(r"^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|(令和|平成|昭和)\S*\d+年\d+月\d+日|\d{1,2}:\d{2})(\s|、|,|$)")
# what a cell holding only dates and times may have besides digits: a reference such as
# 「2025-06-02 補助金の説明」 (a linked visit named by its day and purpose) is text by design
_DATE_ONLY = re.compile(r"[\d\s:/.\-、,〜~年月日元令和平成昭]*")


def _date_as_text(value: str) -> bool:
    line = value.splitlines()[0] if value.strip() else value
    return bool(_DATE_TEXT.match(line)) and _DATE_ONLY.fullmatch(line) is not None


def _columns(ws: Any) -> tuple[int, dict[str, int]]:
    for row in ws.iter_rows(max_row=12):
        names = {str(c.value): c.column for c in row if isinstance(c.value, str)}
        if len(names) >= 3:
            return row[0].row, names
    raise AssertionError("no header row")


@pytest.mark.parametrize("kind", KINDS)
def test_no_date_or_time_is_written_as_text(written: dict, kind: str) -> None:
    for style in ("seireki", "wareki"):
        for ws in _sheets(written[kind, style]):
            for row in ws.iter_rows(min_row=4):
                for c in row:
                    if isinstance(c.value, str) and _date_as_text(c.value):
                        pytest.fail(f"{kind} {style} {ws.title}!{c.coordinate}: 「{c.value}」 is text")


def test_dispatch_days_times_and_fiscal_years_are_typed_and_formatted(written: dict) -> None:
    ws = openpyxl.load_workbook(written["log:dispatches", "wareki"]).active
    head, cols = _columns(ws)
    day_cols = [c for name, c in cols.items() if name.startswith("派遣日")]
    assert len(day_cols) >= 2  # the demo has dispatches of several days: one date column each
    days = [ws.cell(r, c) for r in range(head + 1, ws.max_row + 1) for c in day_cols if ws.cell(r, c).value is not None]
    assert days and all(isinstance(d.value, dt.datetime) and "ggge" in d.number_format for d in days)
    requested = [ws.cell(r, cols["依頼日"]) for r in range(head + 1, ws.max_row + 1)]
    assert {c.number_format for c in requested if c.value is not None} == {days[0].number_format}  # as 依頼日

    ws = openpyxl.load_workbook(written["log:visits", "seireki"]).active
    head, cols = _columns(ws)
    for r in range(head + 1, ws.max_row + 1):
        assert isinstance(ws.cell(r, cols["訪問日"]).value, dt.datetime)
        for name in ("開始", "終了"):
            cell = ws.cell(r, cols[name])
            if cell.value is not None:
                assert isinstance(cell.value, dt.time) and cell.number_format == "h:mm", (name, cell.value)

    ws = openpyxl.load_workbook(written["list:events", "seireki"]).active
    head, cols = _columns(ws)
    year = ws.cell(head + 1, cols["年度"])
    assert year.value == FY and year.number_format == "0"  # 2026, not 「2,026」
    ws = openpyxl.load_workbook(written["list:events", "wareki"]).active
    year = ws.cell(head + 1, cols["年度"])
    # 1 April of the 年度 shown as 令和8年度: a number underneath, so it sorts
    assert year.number_format == '[$-411]ggge"年度"' and year.value == (dt.date(FY, 4, 1) - dt.date(1899, 12, 30)).days


def _imported_modules(path: Path) -> set[str]:
    """The modules a file imports, by their full names (``from a.b import c`` counts a.b and a.b.c)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_every_module_that_writes_a_workbook_is_in_the_registry() -> None:
    """A service or writer that builds a workbook for the user must be reached from excel_exports
    (so the print tests above cover it): a service the registry imports, or a file-format module
    such a service imports."""
    root = Path(excel_exports.__file__).parents[1]
    registered = {name for name in _imported_modules(Path(excel_exports.__file__)) if name.startswith("sasaeai_desktop.")}
    reached = set(registered)
    for name in registered:
        path = root.parent / (name.replace(".", "/") + ".py")
        if path.exists():
            reached |= _imported_modules(path)
    not_exports = {
        "io/excel/__init__.py", "io/excel/writer.py",  # the writer itself
    }
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel in not_exports or rel.startswith("gui/"):
            continue
        text = path.read_text(encoding="utf-8")
        if "write_table(" in text or re.search(r"\bWorkbook\(\)", text):
            module = "sasaeai_desktop." + rel[:-3].replace("/", ".")
            assert module in reached, f"{rel} writes a workbook: list it in services/excel_exports.py"
