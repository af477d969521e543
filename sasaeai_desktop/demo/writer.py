"""The writer: chunked bulk inserts, progress and abort."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert

from sasaeai_desktop import cancellation
from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.progress import Progress

CHUNK = 5000


class Writer:
    def __init__(
        self,
        session: Any,
        progress: Progress | None,
        abort: threading.Event | None,
    ) -> None:
        self.s = session
        self.progress = progress
        self.abort = abort
        self.counts: dict[str, int] = {}

    def check(self) -> None:
        cancellation.check(self.abort, "デモデータの作成を中止しました。データベースは変更していません。")

    def report(self, fraction: float, message: str) -> None:
        if self.progress is not None:
            self.progress(max(0.0, min(1.0, fraction)), message)

    def write(
        self,
        batches: Sequence[tuple[type[m.Base], list[dict[str, Any]]]],
        lo: float,
        hi: float,
        label: str,
    ) -> None:
        """Insert each (model, rows) in chunks; progress runs from lo to hi over the rows."""
        total = sum(len(rows) for _, rows in batches) or 1
        done = 0
        for model, rows in batches:
            table = model.__tablename__
            self.counts.setdefault(table, 0)
            for i in range(0, len(rows), CHUNK):
                self.check()
                chunk = rows[i : i + CHUNK]
                # render_nulls: every row has the same columns, so a chunk is one executemany
                # (without it the ORM splits rows by which values are None, often row by row).
                self.s.execute(insert(model).execution_options(render_nulls=True), chunk)
                self.counts[table] += len(chunk)
                done += len(chunk)
                self.report(lo + (hi - lo) * done / total, f"{label}：{_TABLE_LABELS.get(table, table)}を書き込み中")


_TABLE_LABELS = {
    "region": "圏域", "region_membership": "圏域の構成", "organisation": "団体", "person": "人",
    "advisor": "アドバイザー", "advisor_field": "アドバイザーの活動分野", "advisor_assignment": "担当市町村",
    "municipality_status": "取組状況", "visit": "訪問記録", "visit_participant": "訪問の参加者",
    "consultation": "相談記録", "dispatch": "アドバイザー派遣", "dispatch_advisor": "派遣アドバイザー",
    "dispatch_date": "派遣日", "follow_up_task": "フォローアップ", "training_event": "研修",
    "training_session": "研修の日程", "event_audience": "研修の対象", "event_staff": "研修の講師",
    "event_field": "研修の活動分野", "survey_question": "アンケート項目", "registration": "申込",
    "attendance": "出欠", "survey_answer": "アンケート回答", "activity_field": "活動分野",
    "region_kind": "圏域の種類", "grant_record": "補助金・モデル事業", "grant_link": "補助金の関連記録",
    "event_media": "研修の媒体",
    "catalogue_entry": "地域資源", "catalogue_photo": "地域資源の写真",
}
