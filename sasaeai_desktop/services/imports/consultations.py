"""Importing the consultation log (相談記録): the sheet ``sasaeai export consultations`` writes.

Matching: the ID column of an export first; otherwise its day, municipality, who asked and the
question. A 相談者 that is not registered stays text (``from_name``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.io.excel import values as V
from sasaeai_desktop.services.activities.consultations import split_topics
from sasaeai_desktop.services.activities.log_sheets import CONSULTATIONS
from sasaeai_desktop.services.imports.log_cells import norm_text
from sasaeai_desktop.services.imports.log_kind import LOG_RULES
from sasaeai_desktop.services.imports.log_kind import LogImport
from sasaeai_desktop.services.imports.log_kind import LogPeople
from sasaeai_desktop.services.imports.log_kind import municipality_of
from sasaeai_desktop.services.imports.parsers import Rule
from sasaeai_desktop.services.imports.plan_rows import PlannedRow
from sasaeai_desktop.services.municipality_names import MunicipalityResolver


class ConsultationImport(LogImport):
    kind = "consultations"
    title = "相談記録"
    spec = CONSULTATIONS
    rules = {
        "received_date": Rule("record_date", required=True),
        "channel": Rule("channel"),
        **LOG_RULES,
        "from": Rule("written", 80),
        "topics": Rule("topics"),
        "question": Rule("written_multiline", required=True),
        "answer": Rule("written_multiline"),
        "referred_advisor": Rule("advisor"),
        "is_closed": Rule("yes_no"),
        "closed_date": Rule("record_date"),
        "handled_by": Rule("written", 80),
    }
    required_columns = (("received_date",), ("question",))
    tables = (m.Consultation,)
    _COLUMNS = ("received_date", "channel", "topics", "question", "answer", "is_closed", "closed_date", "handled_by")

    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        self.resolver = MunicipalityResolver.load(session)
        self.people = LogPeople(session)
        a, p = m.Advisor, m.Person
        self.advisors: dict[str, list[str]] = defaultdict(list)
        for aid, key in session.execute(
            select(a.id, p.name_key).join(p, p.id == a.person_id).where(a.deleted.is_(False))
        ):
            self.advisors[key].append(aid)
        c = m.Consultation
        self.ids: dict[str, str] = {}
        self.index: dict[tuple[Any, ...], list[str]] = defaultdict(list)
        who = m.Person.__table__.alias("who")
        for cid, day, mid, name, from_name, question in session.execute(
            select(c.id, c.received_date, c.municipality_id, who.c.name, c.from_name, c.question)
            .outerjoin(who, who.c.id == c.person_id).where(c.deleted.is_(False))
        ):
            self.ids[cid] = cid
            self.index[self._key(day, mid, name or from_name, question)].append(cid)
        self.seen: dict[tuple[Any, ...], int] = {}
        self.seen_ids: dict[str, int] = {}


    @staticmethod
    def parse_topics(value: Any, max_len: int | None = None) -> str:
        text = "、".join(split_topics(V.text(value)))
        if len(text) > 200:
            raise V.ValueProblem(f"分類が長すぎます（{len(text)}文字、200文字まで）")
        return text

    def parse_advisor(self, value: Any) -> str:
        name = V.text(value, 80)
        found = self.advisors.get(name_key(name), [])
        if len(found) == 1:
            return found[0]
        if found:
            raise V.ValueProblem(f"アドバイザー「{name}」が{len(found)}人登録されています。アドバイザー一覧で区別できる名前にしてください")
        raise V.ValueProblem(f"アドバイザー「{name}」は登録されていません（先にアドバイザーとして登録してください）")

    @staticmethod
    def _key(day: dt.date, mid: str | None, who: str | None, question: str | None) -> tuple[Any, ...]:
        return day, mid, name_key(who or ""), norm_text(question or "")

    def label(self, values: dict[str, Any]) -> str:
        day = values.get("received_date")
        who = values.get("from") or self.resolver.display(municipality_of(values))
        return " ".join(x for x in (day.isoformat() if day else "", who) if x)

    def match(self, r: PlannedRow) -> None:
        v = r.values
        mid = None
        if "municipality_code" in v or "municipality" in v:
            mid = self._municipality(r)
            if mid is None:
                return
        elif not v.get("from"):
            self.problem(r, "municipality" if "municipality" in self.where else "from", "相談元（市町村か相談者）が空欄です")
            return
        v["_mid"] = mid
        if "is_closed" in v and v["is_closed"] is None:  # '-' / 未定: leaves it as it is
            del v["is_closed"]
        closed = v.get("closed_date")
        if closed and closed < v["received_date"]:
            self.problem(r, "closed_date", f"完了日 {closed:%Y-%m-%d} が受付日より前です")
            return
        if closed and "is_closed" not in v:
            v["is_closed"] = True
        if v.get("from"):
            ids = self.people.find(v["from"], "", mid)
            r.extra["person_id"] = ids[0] if len(ids) == 1 else None
        if self._by_id(r):
            return
        self._by_key(r, self._key(v["received_date"], mid, v.get("from"), v["question"]), "question",
                     "同じ日・同じ相談元・同じ内容の相談が{first}行目にもあります。1行にまとめてください",
                     "同じ相談記録が{n}件登録されています。ID列（出力したファイルの「ID」）で指定してください")

    def snapshot(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        c = m.Consultation
        who = m.Person.__table__.alias("who")
        out = {}
        for row in self.session.execute(
            select(c.id, c.municipality_id, func.coalesce(who.c.name, c.from_name), c.referred_advisor_id,
                   *(getattr(c, k) for k in self._COLUMNS))
            .outerjoin(who, who.c.id == c.person_id).where(c.id.in_(list(ids)))
        ):
            out[row[0]] = {"_mid": row[1], "from": row[2], "referred_advisor": row[3], **dict(zip(self._COLUMNS, row[4:]))}
        return out

    def differs(self, key: str, new: Any, stored: dict[str, Any]) -> bool:
        if key == "from":
            return name_key(new) != name_key(stored["from"] or "")
        return super().differs(key, new, stored)

    def write(self, rows: list[PlannedRow], check: Callable[[int], None]) -> tuple[int, int]:
        def new_fields(r: PlannedRow) -> dict[str, Any]:
            v, person = r.values, r.extra.get("person_id")
            return {
                "person_id": person, "from_name": "" if person else v.get("from", ""),
                "referred_advisor_id": v.get("referred_advisor"), "received_date": v["received_date"],
                "channel": v.get("channel", ""), "topics": v.get("topics", ""), "question": v["question"],
                "answer": v.get("answer", ""), "is_closed": bool(v.get("is_closed")),
                "closed_date": v.get("closed_date") if v.get("is_closed") else None, "handled_by": v.get("handled_by", ""),
            }

        def amend(r: PlannedRow, rec: dict[str, Any]) -> None:
            changed = r.extra.get("changed", ())
            if "from" in changed:
                rec["person_id"] = r.extra.get("person_id")
                rec["from_name"] = "" if r.extra.get("person_id") else r.values["from"]
            if "referred_advisor" in changed:
                rec["referred_advisor_id"] = r.values["referred_advisor"]
            if rec.get("is_closed") is False:
                rec["closed_date"] = None

        creates, updates = self.rows_to_write(rows, self._COLUMNS, new_fields, amend)
        self._write_tables(check, (m.Consultation, creates, updates))
        return len(creates), len(updates)
