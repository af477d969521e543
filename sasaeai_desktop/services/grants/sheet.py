"""The grant records as one Excel sheet (every field, one row per record) — the sheet
``sasaeai import grants`` reads back (same headers, synonyms for what offices write).

状況 is written for the reader and read back for nothing: the status follows from the dates
(domain/grants.py), so an import takes the dates and ignores the column. 関連する訪問 and 関連する
研修 name the linked visits and events one a line, as services/record_refs writes and reads them
('2025-06-02 補助金の説明', '地域づくり研修会（2025-11-03）'). The ID column is for re-import only:
in the file, outside the print area."""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.io.excel.spec import ColumnSpec as C
from sasaeai_desktop.io.excel.spec import SheetSpec
from sasaeai_desktop.io.excel.text import output_date_line
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.exports import xlsx_target
from sasaeai_desktop.services.grants.queries import GrantFilter
from sasaeai_desktop.services.grants.queries import list_grants
from sasaeai_desktop.services.record_refs import event_text
from sasaeai_desktop.services.record_refs import first_session_day
from sasaeai_desktop.services.record_refs import visit_text

if TYPE_CHECKING:
    from sasaeai_desktop.io.excel.writer import DateStyle

__all__ = ["GRANTS", "export_grants"]

_YEN = "#,##0"

GRANTS = SheetSpec("grants", "補助金・モデル事業", (
    C("fiscal_year", "年度", "fiscal_year", 10, ("事業年度", "交付年度")),
    C("municipality", "市町村", "text", 10, ("市町村名", "市区町村", "交付先", "補助先", "委託先")),
    C("program", "事業名", "text", 22, ("補助事業名", "事業", "プログラム", "補助金名")),
    C("kind", "種別", "text", 9, ("区分", "支援の種別")),
    C("amount_decided", "交付決定額", "int", 12, ("交付決定額（円）", "決定額", "補助額", "委託額", "予算額"), number_format=_YEN),
    C("amount_paid", "支払額", "int", 12, ("支払額（円）", "支出額", "精算額", "確定額"), number_format=_YEN),
    C("purpose", "使途", "multiline", 24, ("用途", "使いみち", "事業内容", "内容")),
    C("applied_on", "申請日", "date", 11, ("交付申請日",)),
    C("decided_on", "交付決定日", "date", 11, ("決定日",)),
    C("report_due", "実績報告期限", "date", 11, ("報告期限", "実績報告の期限")),
    C("report_received", "実績報告受理日", "date", 11, ("報告受理日", "実績報告日", "受理日")),
    C("status", "状況", "text", 11, ("進捗", "ステータス")),
    C("notes", "備考", "multiline", 20, ("メモ", "特記事項")),
    # the linked records, one a line: in the file, off the page
    C("visits", "関連する訪問", "multiline", 26, ("関連訪問", "関連する訪問記録", "訪問記録"), paper=False),
    C("events", "関連する研修", "multiline", 26, ("関連研修", "関連する研修・イベント", "研修・イベント"), paper=False),
    C("municipality_code", "市町村コード", "text", 9, ("団体コード",), paper=False),
    C("id", "ID", "text", 10, paper=False),
), repeat=3)


def export_grants(
    uow: UnitOfWork,
    path: str | os.PathLike[str],
    *,
    fiscal_year: int | None = None,
    date_style: DateStyle = "seireki",
    today: dt.date | None = None,
    progress: Any = None,
    abort: Any = None,
) -> int:
    """Write the records (of one 年度, or all) as the sheet; returns how many."""
    target = xlsx_target(path)
    from sasaeai_desktop.io.excel.writer import write_table

    rows = list_grants(uow, GrantFilter(fiscal_year=fiscal_year), today=today)
    pref = setup.current_prefecture(uow)
    head = "　".join(p for p in (f"{GRANTS.title}一覧", pref[1] if pref else "",
                                fiscal_year_label(fiscal_year) if fiscal_year else "") if p)
    lines = [head, f"{output_date_line(today)}　{len(rows):,}件"]
    links = linked_texts(uow)
    cells = [
        (r.fiscal_year, r.municipality, r.program, r.kind, r.amount_decided, r.amount_paid, r.purpose, r.applied_on,
         r.decided_on, r.report_due, r.report_received, r.status, r.notes,
         *("\n".join(lines) or None for lines in links.get(r.id, ([], []))), r.municipality_code, r.id)
        for r in rows
    ]
    try:
        return write_table(target, GRANTS, cells, title_lines=lines, date_style=date_style,
                           progress=progress, abort=abort, total=len(cells))
    except PermissionError:
        raise UserError(f"「{target}」に書き込めません。Excelなどで開いている場合は閉じてください。") from None


def linked_texts(uow: UnitOfWork) -> dict[str, tuple[list[str], list[str]]]:
    """grant id → (its live visits, its live events) as the sheet names them, each by date."""
    gl, v, e = m.GrantLink, m.Visit, m.TrainingEvent
    first = first_session_day()
    out: dict[str, tuple[list[str], list[str]]] = {}
    with uow:
        s = uow.session
        for gid, day, purpose in s.execute(
            select(gl.grant_id, v.visit_date, v.purpose).join(v, v.id == gl.visit_id)
            .where(gl.deleted.is_(False), v.deleted.is_(False)).order_by(v.visit_date, v.id)
        ):
            out.setdefault(gid, ([], []))[0].append(visit_text(day, purpose))
        for gid, title, day in s.execute(
            select(gl.grant_id, e.title, first).join(e, e.id == gl.event_id)
            .where(gl.deleted.is_(False), e.deleted.is_(False)).order_by(first, e.title, e.id)
        ):
            out.setdefault(gid, ([], []))[1].append(event_text(title, day))
    return out
