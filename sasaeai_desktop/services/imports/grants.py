"""Importing 補助金・モデル事業 from Excel, on the shared engine. The sheet is the one ``sasaeai
export grants`` writes (services/grants/sheet.py: same headers, synonyms for what offices write),
so an exported sheet imports back unchanged.

Matching: the ID column of an export first; otherwise 年度, municipality and 事業名 (folded as
names are). Two stored records on one key are a problem (the row says to add the ID), never a
guess. Amounts are read as yen: 6000000, '6,000,000円', '600万円', '6,000千円'. 種別 takes the
four kinds and the words offices use for them (domain/grants.py). 状況 is read, not stored: the
status follows from the dates, and a row whose 状況 says otherwise gets a warning naming the one
its dates give (「完了」 without a 実績報告受理日). A row is checked as the form checks a record
(services/grants/records.validation_errors) on the values it would leave stored, so a sheet cannot
store what the form refuses — 支払額 over 交付決定額, dates out of order.
関連する訪問 / 関連する研修 name the linked visits and events one a line (services/record_refs): a
line that names no record, or several, is a problem at its cell; a filled cell sets the links of
its kind to those it names, a blank one leaves them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain import grants as dg
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.io.excel import values as V
from sasaeai_desktop.services.grants.records import GrantData
from sasaeai_desktop.services.grants.records import validation_errors
from sasaeai_desktop.services.grants.sheet import GRANTS
from sasaeai_desktop.services.imports.log_kind import LOG_RULES
from sasaeai_desktop.services.imports.log_kind import LogImport
from sasaeai_desktop.services.imports.log_kind import municipality_of
from sasaeai_desktop.services.imports.parsers import Rule
from sasaeai_desktop.services.imports.plan_rows import CREATE
from sasaeai_desktop.services.imports.plan_rows import SKIP
from sasaeai_desktop.services.imports.plan_rows import UPDATE
from sasaeai_desktop.services.imports.plan_rows import PlannedRow
from sasaeai_desktop.services.municipality_names import MunicipalityResolver
from sasaeai_desktop.services.record_refs import RecordRefs
from sasaeai_desktop.services.record_refs import split_refs
from sasaeai_desktop.services.record_refs import visit_ref

# The form's field names → the sheet's column keys, for the form's messages.
_FORM_KEYS = {"municipality_id": "municipality", "visit_ids": "visits", "event_ids": "events"}
_LINKS = {"visits": "visit_id", "events": "event_id"}  # the sheet's columns → grant_link's


def yen(value: Any) -> int:
    """An amount in yen, 0 or more: a number cell, or text as domain.grants.parse_yen reads it."""
    if isinstance(value, str):
        try:
            return dg.parse_yen(value)
        except ValueError as exc:
            if not value.strip().startswith("-"):
                raise V.ValueProblem(str(exc)) from None
            value = value.strip()
    amount = V.int_value(value)
    if amount < 0:
        raise V.ValueProblem(f"{amount:,}円は0円以上ではありません")
    return amount


class GrantImport(LogImport):
    kind = "grants"
    title = "補助金・モデル事業"
    spec = GRANTS
    rules = {
        "fiscal_year": Rule("fiscal_year", required=True),
        **LOG_RULES,
        "program": Rule("written", 200, required=True),
        "kind": Rule("grant_kind", required=True),
        "amount_decided": Rule("yen"),
        "amount_paid": Rule("yen"),
        "purpose": Rule("written_multiline"),
        "applied_on": Rule("record_date"),
        "decided_on": Rule("record_date"),
        "report_due": Rule("plan_date"),
        "report_received": Rule("record_date"),
        "status": Rule("status"),
        "notes": Rule("written_multiline"),
        "visits": Rule("visit_refs"),
        "events": Rule("event_refs"),
    }
    required_columns = (("fiscal_year",), ("municipality_code", "municipality"), ("program",), ("kind",))
    tables = (m.Grant, m.GrantLink)
    _COLUMNS = ("fiscal_year", "program", "kind", "amount_decided", "amount_paid", "purpose", "applied_on",
                "decided_on", "report_due", "report_received", "notes")
    matched_otherwise = "年度・市町村・事業名"

    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        self.resolver = MunicipalityResolver.load(session)
        g = m.Grant
        self.ids: dict[str, str] = {}
        self.index: dict[tuple[int, str, str], list[str]] = defaultdict(list)
        for gid, year, mid, program in session.execute(
            select(g.id, g.fiscal_year, g.municipality_id, g.program).where(g.deleted.is_(False))
        ):
            self.ids[gid] = gid
            self.index[(year, mid, name_key(program))].append(gid)
        self.seen: dict[tuple[int, str, str], int] = {}
        self.seen_ids: dict[str, int] = {}
        self.today = dt.date.today()
        self.refs = RecordRefs(session)

    parse_yen = staticmethod(yen)

    @staticmethod
    def parse_visit_refs(value: Any) -> tuple[dt.date | str, ...]:
        if not isinstance(value, str):  # a date cell: one visit
            return (visit_ref(value),)
        return tuple(visit_ref(line) for line in split_refs(value))

    @staticmethod
    def parse_event_refs(value: Any) -> tuple[str, ...]:
        return tuple(split_refs(value))

    @staticmethod
    def parse_grant_kind(value: Any) -> str:
        text = V.text(value, 40)
        kind = dg.grant_kind(text)
        if kind is None:
            raise V.ValueProblem(f"種別「{text}」は使えません（{'、'.join(dg.GRANT_KINDS)} のいずれか）")
        return kind

    @staticmethod
    def parse_status(value: Any) -> str:
        text = "".join(V.text(value, 40).split())
        if text not in dg.STATUSES:
            raise V.ValueProblem(f"状況「{text}」は使えません（{'、'.join(dg.STATUSES)} のいずれか。"
                                 "状況は日付から決まるため、取り込みでは使いません）")
        return text

    def label(self, values: dict[str, Any]) -> str:
        year = values.get("fiscal_year")
        parts = (f"{year}年度" if year else "", self.resolver.display(municipality_of(values)), values.get("program", ""))
        return " ".join(x for x in parts if x)

    def match(self, r: PlannedRow) -> None:
        self._match_grant(r)
        if "_mid" in r.values:
            self._links(r)

    def _links(self, r: PlannedRow) -> None:
        """The lines of 関連する訪問 / 関連する研修 → the ids they name (sorted: a set), the linked
        ones first where several fit."""
        v = r.values
        linked = self._linked([r.target_id]).get(r.target_id, {}) if r.target_id else {}
        for key in _LINKS:
            if key not in v:
                continue
            stored = linked.get(key, ())
            found: list[str] = []
            for ref in v[key]:
                try:
                    found.append(self.refs.visit(v["_mid"], ref, stored) if key == "visits"
                                 else self.refs.event(ref, stored))
                except V.ValueProblem as exc:
                    self.problem(r, key, str(exc))
            v[key] = tuple(sorted(set(found)))

    def _linked(self, ids: Sequence[str]) -> dict[str, dict[str, tuple[str, ...]]]:
        """grant id → {'visits': ids, 'events': ids} of its live links to live records (sorted)."""
        gl, vt, et = m.GrantLink, m.Visit, m.TrainingEvent
        out: dict[str, dict[str, list[str]]] = {}
        for gid, vid, eid in self.session.execute(
            select(gl.grant_id, gl.visit_id, gl.event_id)
            .outerjoin(vt, (vt.id == gl.visit_id) & vt.deleted.is_(False))
            .outerjoin(et, (et.id == gl.event_id) & et.deleted.is_(False))
            .where(gl.grant_id.in_(list(ids)), gl.deleted.is_(False), (vt.id.is_not(None)) | (et.id.is_not(None)))
        ):
            got = out.setdefault(gid, {"visits": [], "events": []})
            if vid:
                got["visits"].append(vid)
            elif eid:
                got["events"].append(eid)
        return {g: {k: tuple(sorted(set(x))) for k, x in d.items()} for g, d in out.items()}

    def _match_grant(self, r: PlannedRow) -> None:
        v = r.values
        given = v.pop("status", None)  # derived from the dates: never compared, never written
        if given:
            r.extra["status"] = given  # only to say so when the dates give another (finish)
        mid = self._municipality(r)
        if mid is None:
            return
        v["_mid"] = mid
        if self._by_id(r):
            return
        self._by_key(r, (v["fiscal_year"], mid, name_key(v["program"])), "program",
                     "同じ年度・市町村・事業名の行が{first}行目にもあります。1行にまとめてください",
                     "同じ年度・市町村・事業名の記録が{n}件登録されています。ID列（出力したファイルの「ID」）で指定してください")

    def snapshot(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        g = m.Grant
        links = self._linked(ids)
        return {
            row[0]: {"_mid": row[1], **dict(zip(self._COLUMNS, row[2:])), "visits": (), "events": (),
                     **links.get(row[0], {})}
            for row in self.session.execute(
                select(g.id, g.municipality_id, *(getattr(g, c) for c in self._COLUMNS)).where(g.id.in_(list(ids)))
            )
        }

    exact_key = "program"

    def finish(self, rows: list[PlannedRow]) -> None:
        super().finish(rows)
        for r, before in self.rows_to_store(rows):
            after = {**before, **r.values}
            fields: dict[str, Any] = {k: after.get(k, "" if k in ("program", "kind", "purpose", "notes") else None)
                                      for k in self._COLUMNS if k != "fiscal_year"}
            data = GrantData(None, after.get("_mid"), after.get("fiscal_year"), **fields)
            # an unchanged row is not checked again: what is stored stays as it is
            errors = validation_errors(data) if r.action != SKIP else {}
            for field, message in errors.items():
                self.problem(r, _FORM_KEYS.get(field, field), message.rstrip("。"))
            given = r.extra.get("status")
            derived = dg.grant_status(data.applied_on, data.decided_on, data.report_due, data.report_received, self.today)
            if given and given != derived and not errors:
                self.warn(r, "status", f"状況「{given}」は取り込みません。日付から「{derived}」になります"
                          "（状況を変えるときは申請日・交付決定日・実績報告期限・実績報告受理日を入れてください）")

    def write(self, rows: list[PlannedRow], check: Callable[[int], None]) -> tuple[int, int]:
        def new_fields(r: PlannedRow) -> dict[str, Any]:
            return {c: r.values.get(c, "" if c in ("purpose", "notes") else None) for c in self._COLUMNS}

        creates, updates = self.rows_to_write(rows, self._COLUMNS, new_fields)
        added, gone = self._link_writes(rows)
        self._write_tables(check, (m.Grant, creates, updates), (m.GrantLink, added, gone))
        return len(creates), len(updates)

    def _link_writes(self, rows: list[PlannedRow]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The grant_link rows to add and to delete (soft) for the rows whose links are new or changed:
        one row per link, so links added on two laptops still merge."""
        now = self.now
        written: list[tuple[str, PlannedRow]] = [
                   (r.extra["new_id"] if r.action == CREATE else str(r.target_id), r) for r in rows
                   if (r.action == CREATE and any(k in r.values for k in _LINKS))
                   or (r.action == UPDATE and any(k in r.extra.get("changed", ()) for k in _LINKS))]
        gl = m.GrantLink
        stored: dict[str, list[tuple[str, str | None, str | None]]] = defaultdict(list)
        for lid, gid, vid, eid in self.session.execute(
            select(gl.id, gl.grant_id, gl.visit_id, gl.event_id)
            .where(gl.grant_id.in_([g for g, _r in written]), gl.deleted.is_(False))
        ):
            stored[gid].append((lid, vid, eid))
        added: list[dict[str, Any]] = []
        gone: list[dict[str, Any]] = []
        for grant_id, r in written:
            for key, column in _LINKS.items():
                if key not in r.values:
                    continue
                want = set(r.values[key])
                have = {(vid if key == "visits" else eid): lid for lid, vid, eid in stored[grant_id]
                        if (vid if key == "visits" else eid)}
                gone += [{"id": lid, "deleted": True, "updated_at": now} for target, lid in have.items() if target not in want]
                added += [{"id": new_id(), "grant_id": grant_id, "visit_id": None, "event_id": None, column: target,
                           "created_at": now, "updated_at": now, "deleted": False} for target in sorted(want - set(have))]
        return added, gone
