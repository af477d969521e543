"""The visit, consultation and dispatch logs as Excel (every field, one row per record), the
sheets an import reads back (same headers, synonyms for the ones offices used before).

Values are written as what they are: dates as dates, 開始/終了 as times; a dispatch's days as
date columns 派遣日, 派遣日2, 派遣日3 … (as many as the busiest dispatch needs), so each is a date
in the chosen style and sorts and filters as one. The ID column is for re-import only: it stays in
the file, outside the print area."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import text

from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.io.excel.spec import ColumnSpec as C
from sasaeai_desktop.io.excel.spec import SheetSpec
from sasaeai_desktop.io.excel.text import output_date_line
from sasaeai_desktop.services import setup
from sasaeai_desktop.services.exports import xlsx_target

if TYPE_CHECKING:
    from sasaeai_desktop.io.excel.cell_formats import DateStyle

_MUN = "coalesce((SELECT p.name FROM municipality p WHERE p.id = mun.parent_id), '') || mun.name"

VISITS = SheetSpec("visits", "訪問記録", (
    C("visit_date", "訪問日", "date", 11, ("日付", "訪問年月日")),
    C("start_time", "開始", "time", 6, ("開始時刻",)),
    C("end_time", "終了", "time", 6, ("終了時刻",)),
    C("municipality", "市町村", "text", 10, ("市町村名", "訪問先")),
    C("place", "場所", "text", 14, ("訪問場所",)),
    C("purpose_category", "目的区分", "text", 11),
    C("purpose", "目的", "multiline", 20, ("訪問目的",)),
    C("prefecture_staff", "県の出席者", "text", 14, ("県職員",)),
    C("advisors", "アドバイザー", "text", 14, ("同行アドバイザー",)),
    C("municipality_side", "市町村側の出席者", "text", 16, ("市町村の出席者", "先方出席者")),
    C("observations", "把握した状況", "multiline", 24, ("状況",)),
    C("issues", "課題", "multiline", 22),
    C("advice", "助言内容", "multiline", 24, ("助言",)),
    C("follow_ups", "フォローアップ", "multiline", 22, ("今後の対応",)),
    C("next_visit_date", "次回訪問予定", "date", 11, ("次回予定",)),
    C("recorded_by", "記録者", "text", 8),
    # for re-import only (the 市町村 column says it on paper): in the file, off the page
    C("municipality_code", "市町村コード", "text", 9, ("団体コード",), paper=False),
    C("id", "ID", "text", 10, paper=False),
), repeat=1)

CONSULTATIONS = SheetSpec("consultations", "相談記録", (
    C("received_date", "受付日", "date", 11, ("日付", "相談日")),
    C("channel", "方法", "text", 7, ("相談方法", "受付方法")),
    C("municipality", "市町村", "text", 10, ("市町村名",)),
    C("from", "相談者", "text", 12, ("相談者名",)),
    C("topics", "分類", "text", 16, ("相談分類", "テーマ")),
    C("question", "相談内容", "multiline", 30, ("内容",)),
    C("answer", "回答", "multiline", 30, ("回答内容", "対応内容")),
    C("referred_advisor", "紹介したアドバイザー", "text", 14, ("紹介先",)),
    C("is_closed", "完了", "bool", 6, ("対応済",)),
    C("closed_date", "完了日", "date", 11),
    C("handled_by", "対応者", "text", 10, ("担当",)),
    C("municipality_code", "市町村コード", "text", 9, ("団体コード",), paper=False),
    C("id", "ID", "text", 10, paper=False),
), repeat=1)

DISPATCHES = SheetSpec("dispatches", "アドバイザー派遣記録", (
    C("request_date", "依頼日", "date", 11),
    C("dates", "派遣日", "date", 11),
    C("municipality", "市町村", "text", 10),
    C("requested_by", "依頼元", "text", 10),
    C("advisors", "アドバイザー", "text", 18),
    C("purpose_category", "派遣目的", "text", 14),
    C("purpose", "内容", "multiline", 24),
    C("payer", "費用負担", "text", 8),
    C("status", "状況", "text", 8),
    C("outcome", "実施報告", "multiline", 28),
    C("municipality_code", "市町村コード", "text", 9, paper=False),
    C("id", "ID", "text", 10, paper=False),
), repeat=1)

SPECS = {s.kind: s for s in (VISITS, CONSULTATIONS, DISPATCHES)}

_PEOPLE = (
    "(SELECT group_concat(p.name || CASE WHEN vp.role <> '' THEN '（' || vp.role || '）' ELSE '' END, '、') "
    "FROM visit_participant vp JOIN person p ON p.id = vp.person_id WHERE vp.visit_id = v.id AND vp.deleted = 0 AND vp.side = '{side}')"
)

_SQL = {
    "visits": (
        "SELECT v.visit_date, substr(v.start_time, 1, 5), substr(v.end_time, 1, 5), " + _MUN + ", v.place, "
        "v.purpose_category, v.purpose, " + _PEOPLE.format(side="prefecture") + ", " + _PEOPLE.format(side="advisor") + ", "
        + _PEOPLE.format(side="municipality") + ", v.observations, v.issues, v.advice, "
        "(SELECT group_concat(f.title || coalesce('（' || nullif(f.owner_name, '') || '）', '') || coalesce(' 期限' || f.due_date, '') "
        "|| CASE WHEN f.done THEN ' 済' ELSE '' END, char(10)) FROM follow_up_task f WHERE f.visit_id = v.id AND f.deleted = 0), "
        "v.next_visit_date, v.recorded_by, mun.code, v.id "
        "FROM visit v JOIN municipality mun ON mun.id = v.municipality_id WHERE v.deleted = 0 AND v.is_draft = 0{where} "
        "ORDER BY v.visit_date, v.start_time, mun.code",
        "v.visit_date", "v.municipality_id",
    ),
    "consultations": (
        "SELECT c.received_date, c.channel, " + _MUN + ", coalesce(who.name, c.from_name), c.topics, c.question, c.answer, "
        "(SELECT p.name FROM advisor a JOIN person p ON p.id = a.person_id WHERE a.id = c.referred_advisor_id), "
        "c.is_closed, c.closed_date, c.handled_by, mun.code, c.id "
        "FROM consultation c LEFT JOIN municipality mun ON mun.id = c.municipality_id LEFT JOIN person who ON who.id = c.person_id "
        "WHERE c.deleted = 0{where} ORDER BY c.received_date, c.id",
        "c.received_date", "c.municipality_id",
    ),
    "dispatches": (
        "SELECT x.request_date, (SELECT group_concat(d.date, '、') FROM (SELECT date FROM dispatch_date WHERE dispatch_id = x.id "
        "AND deleted = 0 ORDER BY date) d), " + _MUN + ", "
        "CASE x.requested_by WHEN 'prefecture' THEN '県からの提案' ELSE '市町村からの依頼' END, "
        "(SELECT group_concat(p.name, '、') FROM dispatch_advisor da JOIN advisor a ON a.id = da.advisor_id "
        "JOIN person p ON p.id = a.person_id WHERE da.dispatch_id = x.id AND da.deleted = 0), "
        "x.purpose_category, x.purpose, x.payer, x.status, x.outcome, mun.code, x.id "
        "FROM dispatch x JOIN municipality mun ON mun.id = x.municipality_id WHERE x.deleted = 0{where} "
        "ORDER BY coalesce((SELECT min(date) FROM dispatch_date WHERE dispatch_id = x.id), x.request_date), x.id",
        "coalesce((SELECT min(date) FROM dispatch_date WHERE dispatch_id = x.id AND deleted = 0), x.request_date)",
        "x.municipality_id",
    ),
}


def export_log(
    uow: UnitOfWork,
    kind: str,
    path: str | os.PathLike[str],
    *,
    fiscal_year: int | None = None,
    municipality_id: str | None = None,
    date_style: DateStyle = "seireki",
    progress: Any = None,
    abort: Any = None,
    today: dt.date | None = None,
) -> int:
    if kind not in SPECS:
        raise UserError(f"出力できる記録は {', '.join(SPECS)} です（指定: {kind}）。")
    target = xlsx_target(path)
    from sasaeai_desktop.io.excel.writer import write_table

    sql, date_expr, mun_expr = _SQL[kind]
    where = ""
    params: dict[str, Any] = {}
    if fiscal_year is not None:
        where += f" AND {date_expr} >= :lo AND {date_expr} < :hi"
        params.update(lo=f"{fiscal_year:04d}-04-01", hi=f"{fiscal_year + 1:04d}-04-01")
    if municipality_id:
        where += f" AND {mun_expr} = :mid"
        params["mid"] = municipality_id
    spec = SPECS[kind]
    pref = setup.current_prefecture(uow)
    with uow:
        rows: Sequence[Any] = uow.session.connection().execute(text(sql.format(where=where)), params).all()
    if kind == "dispatches":
        spec, rows = _dispatch_days_as_columns(spec, rows)
    head = "　".join(p for p in (f"{spec.title}一覧", pref[1] if pref else "", fiscal_year_label(fiscal_year) if fiscal_year else "") if p)
    lines = [head, f"{output_date_line(today)}　{len(rows):,}件"]

    def shaped() -> Iterator[tuple[Any, ...]]:
        for r in rows:
            yield tuple(_date(v) if spec.columns[i].kind == "date" else v for i, v in enumerate(r))

    try:
        return write_table(target, spec, shaped(), title_lines=lines, date_style=date_style,
                           progress=progress, abort=abort, total=len(rows))
    except PermissionError:
        raise UserError(f"「{target}」に書き込めません。Excelなどで開いている場合は閉じてください。") from None


def _dispatch_days_as_columns(spec: SheetSpec, rows: Sequence[Any]) -> tuple[SheetSpec, list[tuple[Any, ...]]]:
    """'2025-07-18、2025-08-12' (group_concat of the days, in order) → one date column per day:
    派遣日, 派遣日2, … as many as the dispatch with most days has (at least one)."""
    at = spec.keys.index("dates")
    split = [str(r[at]).split("、") if r[at] else [] for r in rows]
    n = max((len(days) for days in split), default=1) or 1
    first = spec.columns[at]
    extra = tuple(C(f"dates{i}", f"派遣日{i}", "date", first.width) for i in range(2, n + 1))
    columns = spec.columns[: at + 1] + extra + spec.columns[at + 1:]
    out = [
        tuple(r[:at]) + tuple((days + [None] * n)[:n]) + tuple(r[at + 1:])
        for r, days in zip(rows, split)
    ]
    return SheetSpec(spec.kind, spec.title, columns, spec.repeat), out


def _date(v: Any) -> Any:
    if isinstance(v, str) and len(v) >= 10:
        try:
            return dt.date.fromisoformat(v[:10])
        except ValueError:
            return v
    return v
