"""How the sync views name what they show: a table in Japanese, a row as an officer knows it
(「上田市 2026-12-03 …」 rather than its id), and the rows the ids in a history point at."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.services.sync.replica import transaction

TABLE_LABELS = {
    "prefecture": "都道府県", "municipality": "市町村", "region_kind": "圏域の種類", "region": "圏域",
    "region_membership": "圏域の所属", "organisation": "団体", "person": "人", "activity_field": "活動分野",
    "advisor": "アドバイザー", "advisor_field": "アドバイザーの分野", "advisor_assignment": "アドバイザー担当",
    "municipality_status": "市町村の状況", "visit": "訪問", "visit_participant": "訪問の参加者",
    "consultation": "相談", "dispatch": "派遣", "dispatch_advisor": "派遣アドバイザー", "dispatch_date": "派遣日",
    "follow_up_task": "フォローアップ", "training_event": "研修", "training_session": "研修日程",
    "event_audience": "研修の対象", "event_staff": "研修スタッフ", "event_field": "研修の分野",
    "registration": "受講申込", "attendance": "出欠", "survey_question": "アンケート項目", "survey_answer": "アンケート回答",
    "grant_record": "補助金・モデル事業", "grant_link": "補助金の関連記録", "event_media": "研修の媒体",
}
_LABEL_COLUMNS = ("name", "title", "label", "program", "purpose", "question", "date", "visit_date", "received_date")

# Records an officer knows by where and when (「上田市 2026-12-03」), not by their first free text.
_DATED_RECORDS = {"visit": ("visit_date", "purpose"), "consultation": ("received_date", "question"),
                  "dispatch": ("request_date", "purpose")}


def row_label(db: sqlite3.Connection, tbl: str, row_id: str) -> str:
    if tbl in _DATED_RECORDS:
        date_col, text_col = _DATED_RECORDS[tbl]
        r = db.execute(
            f'SELECT m.name, t."{date_col}", t."{text_col}" FROM "{tbl}" t LEFT JOIN municipality m ON m.id = t.municipality_id '
            "WHERE t.id = ?", (row_id,)).fetchone()
        if r and (r[0] or r[1]):
            where_when = " ".join(str(v) for v in r[:2] if v)
            text = str(r[2] or "").replace("\n", " ")
            return f"{where_when} {text[:20]}{'…' if len(text) > 20 else ''}".strip()
    cols = [r[1] for r in db.execute(f'PRAGMA table_info("{tbl}")')]
    for c in _LABEL_COLUMNS:
        if c in cols:
            r = db.execute(f'SELECT "{c}" FROM "{tbl}" WHERE id = ?', (row_id,)).fetchone()
            if r and r[0]:
                return str(r[0])[:40]
    return row_id[-8:]


def reference_labels(uow: UnitOfWork, table: str, values: Iterable[tuple[str, Any]]) -> dict[tuple[str, str], str]:
    """What the ids among (field, value) pairs of ``table`` point at (市町村 → 長野市 rather than
    its UUID), by (field, id); for the history and conflict views."""
    with transaction(uow, immediate=False) as db:
        targets = {fk[3]: fk[2] for fk in db.execute(f'PRAGMA foreign_key_list("{table}")')}
        out: dict[tuple[str, str], str] = {}
        for fieldname, value in values:
            target = targets.get(fieldname)
            if target and isinstance(value, str) and (fieldname, value) not in out:
                out[(fieldname, value)] = row_label(db, target, value)
        return out
