"""A municipality's timeline: every visit, consultation, dispatch, training attendance and status
record in date order, filterable by kind and 年度 — what a successor reads first (異動).

One UNION ALL of small indexed selects (each table by its municipality index), sorted in SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import text

from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.errors import UserError

KIND_LABELS = {
    "visit": "訪問",
    "consultation": "相談",
    "dispatch": "派遣",
    "training": "研修参加",
    "status": "状況",
}
KINDS = tuple(KIND_LABELS)


@dataclass(frozen=True)
class TimelineEntry:
    date: dt.date | None
    kind: str
    ref_id: str
    title: str
    detail: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


_ARMS = {
    "visit": (
        "SELECT v.visit_date AS d, 'visit' AS k, v.id AS ref, "
        "CASE WHEN v.is_draft THEN '【下書き】' ELSE '' END || coalesce(nullif(v.purpose_category, ''), '訪問') "
        "|| CASE WHEN v.purpose <> '' THEN '：' || v.purpose ELSE '' END AS title, "
        "substr(coalesce(nullif(v.advice, ''), v.observations), 1, 120) AS detail "
        "FROM visit v WHERE v.municipality_id = :mid AND v.deleted = 0"
    ),
    "consultation": (
        "SELECT c.received_date, 'consultation', c.id, "
        "'相談（' || coalesce(nullif(c.channel, ''), '—') || '）' || CASE WHEN c.topics <> '' THEN c.topics ELSE '' END "
        "|| CASE WHEN c.is_closed THEN '' ELSE ' [対応中]' END, substr(c.question, 1, 120) "
        "FROM consultation c WHERE c.municipality_id = :mid AND c.deleted = 0"
    ),
    "dispatch": (
        "SELECT coalesce((SELECT min(dd.date) FROM dispatch_date dd WHERE dd.dispatch_id = x.id AND dd.deleted = 0), x.request_date), "
        "'dispatch', x.id, 'アドバイザー派遣：' || coalesce(nullif(x.purpose_category, ''), '—') || '（' || x.status || '）' "
        "|| coalesce(' ' || (SELECT group_concat(p.name, '・') FROM dispatch_advisor da JOIN advisor a ON a.id = da.advisor_id "
        "JOIN person p ON p.id = a.person_id WHERE da.dispatch_id = x.id AND da.deleted = 0), ''), "
        "substr(coalesce(nullif(x.outcome, ''), x.purpose), 1, 120) "
        "FROM dispatch x WHERE x.municipality_id = :mid AND x.deleted = 0"
    ),
    "training": (
        "SELECT min(s.date), 'training', e.id, e.event_type || '：' || e.title, "
        "count(DISTINCT r.person_id) || '人参加（' || group_concat(DISTINCT p.name) || '）' "
        "FROM person p JOIN registration r ON r.person_id = p.id AND r.deleted = 0 AND r.status <> 'キャンセル' "
        "JOIN training_event e ON e.id = r.event_id AND e.deleted = 0 "
        "JOIN attendance at ON at.registration_id = r.id AND at.deleted = 0 AND at.present "
        "JOIN training_session s ON s.id = at.session_id "
        "WHERE p.municipality_id = :mid GROUP BY e.id"
    ),
    "status": (
        "SELECT coalesce(st.as_of, date(st.fiscal_year || '-04-01')), 'status', st.id, "
        "'取組状況（' || st.fiscal_year || '年度）' || coalesce('：推進段階 ' || st.stage, ''), "
        "substr(coalesce(nullif(st.issues, ''), st.strengths), 1, 120) "
        "FROM municipality_status st WHERE st.municipality_id = :mid AND st.deleted = 0"
    ),
}


def timeline(
    uow: UnitOfWork,
    municipality_id: str,
    *,
    kinds: Iterable[str] | None = None,
    fiscal_year: int | None = None,
    newest_first: bool = True,
) -> list[TimelineEntry]:
    wanted = list(KINDS if kinds is None else dict.fromkeys(kinds))
    bad = [k for k in wanted if k not in KIND_LABELS]
    if bad:
        raise UserError(f"種類「{'、'.join(bad)}」はありません（{', '.join(KINDS)}）。")
    if not wanted:
        return []
    # The first arm names the columns (SQLite takes a compound's names from its first SELECT).
    names = "SELECT NULL AS d, NULL AS k, NULL AS ref, NULL AS title, NULL AS detail WHERE 0"
    sql = " UNION ALL ".join([names, *(_ARMS[k] for k in wanted)])
    params: dict[str, object] = {"mid": municipality_id}
    where = ""
    if fiscal_year is not None:
        where = " WHERE d >= :lo AND d < :hi"
        params.update(lo=f"{fiscal_year:04d}-04-01", hi=f"{fiscal_year + 1:04d}-04-01")
    order = "DESC" if newest_first else "ASC"
    stmt = text(f"SELECT d, k, ref, title, detail FROM ({sql}) AS t{where} ORDER BY d {order}, k")
    with uow:
        rows = uow.session.connection().execute(stmt, params).all()
    return [TimelineEntry(_date(r[0]), r[1], r[2], r[3] or "", " ".join((r[4] or "").split())) for r in rows]


def stage_label(stage: int | None) -> str:
    return vocab.STAGES.get(stage or 0, "")


def _date(v: object) -> dt.date | None:
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)[:10]) if v else None
    except ValueError:
        return None
