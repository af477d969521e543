"""Importing an event's sign-up list (申込者一覧) and a ticked attendance sheet, on the shared
Excel engine (services/imports/planning.py and applying.py: header detection, parsing, preview, all-or-nothing).

Both kinds belong to one event (and the attendance sheet to one session), which the engine's
``plan_import(uow, kind, path)`` has no argument for: ``plan_event_import`` binds them in a
context variable that the kind reads when the engine creates it, so the plan carries them into
``apply_import``. The kinds are registered in ``services/imports/registry.KINDS`` as 'registrations' and
'attendance'; used without an event they refuse with a message instead of guessing.

Registrations: 氏名, ふりがな, 市町村 (name with/without prefecture or 郡, or code; a misspelling or a
neighbouring prefecture's town is a problem of that row, nothing imported until fixed), 所属,
役割, 電話, メール, 日程 (a session's label or date, blank = all sessions), 備考. A row whose person
exists (same normalised name, reading and municipality) registers that person; a person whose
stored spelling differs (髙橋 on file, 高橋 in the sheet) is asked, never merged silently; a
person already registered is skipped.

Attendance: 受付コード/ID or No. (the sign-in sheet's row) or 氏名 (+市町村), and 出欠 (○ / ×).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.completion import ALTERNATIVES
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.io.excel import values as V
from sasaeai_desktop.io.excel.sheets import PEOPLE
from sasaeai_desktop.io.excel.spec import ColumnSpec
from sasaeai_desktop.io.excel.spec import SheetSpec
from sasaeai_desktop.services.imports.kind_base import ImportKind
from sasaeai_desktop.services.imports.parsers import Rule
from sasaeai_desktop.services.imports.people import PERSON_RULES
from sasaeai_desktop.services.imports.plan_rows import ASK
from sasaeai_desktop.services.imports.plan_rows import CREATE
from sasaeai_desktop.services.imports.plan_rows import SKIP
from sasaeai_desktop.services.imports.plan_rows import UPDATE
from sasaeai_desktop.services.imports.plan_rows import Candidate
from sasaeai_desktop.services.imports.plan_rows import PlannedRow
from sasaeai_desktop.services.imports.registry import KINDS
from sasaeai_desktop.services.municipality_names import MunicipalityResolver
from sasaeai_desktop.services.trainings import events
from sasaeai_desktop.services.trainings import registrations

__all__ = ["ATTENDANCE", "REGISTRATIONS", "plan_event_import"]


@dataclass(frozen=True)
class _Target:
    event_id: str
    session_id: str | None


_TARGET: contextvars.ContextVar[_Target | None] = contextvars.ContextVar("training_import_target", default=None)

_P = {c.key: c for c in PEOPLE.columns}
_SESSION = ColumnSpec("session", "日程", "text", 12, ("参加日程", "希望日程", "参加日", "コース", "日時", "希望日"))
REGISTRATIONS = SheetSpec(
    "registrations",
    "申込者一覧",
    (_P["name"], _P["kana"], _P["municipality"], _P["affiliation"], _P["role"], _P["title"], _P["phone"], _P["email"],
     _SESSION, ColumnSpec("notes", "備考", "multiline", 24, ("メモ", "特記事項", "連絡事項"))),
)
ATTENDANCE = SheetSpec(
    "attendance",
    "出欠",
    (
        ColumnSpec("code", "受付コード", "text", 10, ("コード", "ID", "受付番号", "申込ID")),
        ColumnSpec("no", "No.", "int", 5, ("No", "番号", "№", "受付No", "名簿番号")),
        _P["name"], _P["municipality"],
        ColumnSpec("present", "出欠", "text", 6, ("出席", "受付", "出否", "参加", "出席確認", "✓", "チェック")),
    ),
)

_MONTH_DAY = re.compile(r"(?<![0-9])([0-9]{1,2})\s*(?:月|/)\s*([0-9]{1,2})(?![0-9])")
_PRESENT = {"○", "◯", "〇", "●", "出", "出席", "有", "済", "✓", "✔", "レ", "1", "true", "yes", "y", "はい", "参加", "o"}
_ABSENT = {"×", "✕", "✗", "x", "欠", "欠席", "無", "0", "false", "no", "n", "いいえ", "不参加", "-", "ー", "－"}


def _present(value: Any) -> bool:
    if value is True or value is False:
        return value
    s = V.text(value, 10).lower()
    if s in _PRESENT:
        return True
    if s in _ABSENT:
        return False
    raise V.ValueProblem(f"出欠「{s}」は ○（出席）か ×（欠席）で書いてください")


class _EventKind(ImportKind):
    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        target = _TARGET.get()
        if target is None:
            raise UserError("申込者・出欠の取り込みには研修を指定してください（--event ID）。")
        ev = session.get(m.TrainingEvent, target.event_id)
        if ev is None or ev.deleted:
            raise UserError(f"研修（ID {target.event_id}）が見つかりません。")
        self.event_id = target.event_id
        self.structure = ev.session_structure
        self.session_id = target.session_id
        self.sessions = events.session_datas(session, self.event_id)
        self.resolver = MunicipalityResolver.load(session)

    def parse_municipality(self, value: Any) -> str:
        return self.resolver.resolve(value)

    def parse_session(self, value: Any) -> str:
        if isinstance(value, (dt.date, dt.datetime)):
            d = value.date() if isinstance(value, dt.datetime) else value
            found = [s for s in self.sessions if s.date == d]
        else:
            text = V.text(value, 60)
            key = name_key(text)
            found = [s for s in self.sessions if s.label and (name_key(s.label) == key or key.startswith(name_key(s.label)))]
            if not found:  # 「10月5日（月）北信会場」: the 日程's name inside what the town wrote
                found = [s for s in self.sessions if s.label and name_key(s.label) in key]
            if not found:
                try:
                    d = V.date_value(value)
                    found = [s for s in self.sessions if s.date == d]
                except V.ValueProblem:
                    found = self._by_month_day(text)
        sid = found[0].id if len(found) == 1 else None
        if sid is not None:
            return sid
        names = "、".join(events.session_label(s) for s in self.sessions) or "（日程がありません）"
        raise V.ValueProblem(f"日程「{value}」に当たる日程がこの研修にありません（{names}）")

    def _by_month_day(self, text: str) -> list[events.SessionData]:
        """A sign-up sheet's 「10月5日(月)」 or 「10/5」: no year, often a weekday; the event's own
        日程 say which year, so the month and day are enough when they pick out one."""
        hit = _MONTH_DAY.search(unicodedata.normalize("NFKC", text))
        if hit is None:
            return []
        month, day = int(hit.group(1)), int(hit.group(2))
        return [s for s in self.sessions if (s.date.month, s.date.day) == (month, day)]

    def snapshot(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        return {}

    def finish(self, rows: list[PlannedRow]) -> None:
        pass


class RegistrationImport(_EventKind):
    kind = "registrations"
    title = "研修の申込者"
    spec = REGISTRATIONS
    rules = {**PERSON_RULES, "session": Rule("session")}
    required_columns = (("name",),)
    tables = (m.Registration, m.Person)

    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        p = m.Person
        self.people: dict[str, list[tuple[str, str, str, str | None]]] = {}
        for pid, name, nk, kk, mid in session.execute(
            select(p.id, p.name, p.name_key, p.kana_key, p.municipality_id).where(p.deleted.is_(False), p.merged_into_id.is_(None))
        ):
            self.people.setdefault(nk, []).append((pid, name, kk, mid))
        r = m.Registration
        self.registered: dict[str, list[str | None]] = {}
        for pid, sid in session.execute(select(r.person_id, r.session_id).where(
                r.event_id == self.event_id, r.deleted.is_(False), r.status != "キャンセル")):
            self.registered.setdefault(pid, []).append(sid)
        self.seen: dict[tuple[str, str, str | None, str | None], int] = {}
        self.next_order = registrations.next_row_order(session, self.event_id)

    def label(self, values: dict[str, Any]) -> str:
        """氏名（市町村・日程）: the preview shows which 日程 each row goes to, before anything is written."""
        sid = values.get("session")
        day = next((s.label or events.session_label(s) for s in self.sessions if s.id == sid), "") if sid else ""
        more = "・".join(x for x in (self.resolver.display(values.get("municipality")), day) if x)
        return f"{values.get('name', '')}（{more}）" if more else str(values.get("name", ""))

    def match(self, row: PlannedRow) -> None:
        self._match(row)
        if row.action == CREATE and not row.values.get("session") and self.structure == ALTERNATIVES \
                and len(self.sessions) > 1:
            # Not a problem (the date may follow by phone), but seen before it lands on every day's sheet.
            row.note = "・".join(x for x in (row.note, "日程の指定なし（どの日程の受付名簿にも載ります）") if x)

    def _match(self, row: PlannedRow) -> None:
        v = row.values
        nk, kk, mid, sid = name_key(v["name"]), kana_key(v.get("kana", "")), v.get("municipality"), v.get("session")
        first = self.seen.get((nk, kk, mid, sid))
        if first is not None:
            self.problem(row, "name", f"同じ申込が{first}行目にもあります（重複）。1行にまとめてください")
            return
        self.seen[(nk, kk, mid, sid)] = row.row
        known = [k for k in self.people.get(nk, ()) if (not kk or not k[2] or k[2] == kk) and (not mid or not k[3] or k[3] == mid)]
        typed = "".join(v["name"].split())
        same = [k for k in known if "".join(k[1].split()) == typed and k[3] == mid]
        if len(same) == 1 and len(known) == 1:
            self._use(row, same[0][0])
            return
        if known:
            row.action = ASK
            row.candidates = tuple(
                Candidate(k[0], f"{k[1]}（{self.resolver.display(k[3]) or '市町村なし'}）") for k in known
            )
            what = "表記の違う" if not same else "同じ氏名の"
            self.problem(row, "name", f"{what}人が登録済みです（{'、'.join(c.label for c in row.candidates)}）。"
                                      "同じ人なら選び、別の人なら新規を選んでください")
            row.extra["ask_problem"] = row.problems[-1]
            return
        row.action = CREATE
        row.note = "新しい人として登録"

    def _use(self, row: PlannedRow, person_id: str) -> None:
        sid = row.values.get("session")
        have = self.registered.get(person_id, [])
        if any(s is None or sid is None or s == sid for s in have):
            row.action, row.note = SKIP, "申込済み"
            return
        row.action, row.note = CREATE, "登録済みの人"
        row.extra["person_id"] = person_id

    def decide(self, row: PlannedRow, choice: str | None) -> None:
        if choice is None:
            row.action, row.note = CREATE, "新しい人として登録（確認済み）"
            row.extra.pop("person_id", None)
            return
        if choice not in {c.id for c in row.candidates}:
            raise ValueError(f"{choice!r} is not a candidate of row {row.row}")
        self._use(row, choice)

    def write(self, rows: list[PlannedRow], check: Callable[[int], None]) -> tuple[int, int]:
        now = self.now
        people, regs = [], []
        order = self.next_order
        for row in rows:
            v = row.values
            pid = row.extra.get("person_id")
            if pid is None:
                pid = new_id()
                people.append({
                    "id": pid, "name": v["name"], "kana": v.get("kana", ""), "name_key": name_key(v["name"]),
                    "kana_key": kana_key(v.get("kana", "")), "role": v.get("role", ""), "municipality_id": v.get("municipality"),
                    "organisation_id": None, "affiliation": v.get("affiliation", ""), "title": v.get("title", ""),
                    "phone": v.get("phone", ""), "email": v.get("email", ""), "notes": "", "merged_into_id": None,
                    "created_at": now, "updated_at": now, "deleted": False,
                })
            regs.append({
                "id": new_id(), "event_id": self.event_id, "person_id": pid, "session_id": v.get("session"),
                "registered_on": dt.date.today(), "status": events.ACTIVE, "walk_in": False, "pre_assignment_received": False,
                "group_label": "", "row_order": order, "notes": v.get("notes", ""),
                "created_at": now, "updated_at": now, "deleted": False,
            })
            order += 1
        self._bulk_insert(m.Person, people, check)
        self._bulk_insert(m.Registration, regs, check)
        return len(regs), 0


class AttendanceImport(_EventKind):
    kind = "attendance"
    title = "研修の出欠"
    spec = ATTENDANCE
    rules = {
        "code": Rule("text", 40),
        "no": Rule("int"),
        "name": Rule("text", 80),
        "municipality": Rule("municipality"),
        "present": Rule("present", required=True),
    }
    required_columns = (("code", "no", "name"), ("present",))
    tables = (m.Attendance, m.Registration)

    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        if self.session_id is None:
            if len(self.sessions) != 1:
                names = "、".join(events.session_label(s) for s in self.sessions)
                raise UserError(f"この研修には日程が{len(self.sessions)}つあります。どの日程の出欠か指定してください（--session: {names}）。")
            self.session_id = self.sessions[0].id
        elif self.session_id not in {s.id for s in self.sessions}:
            raise UserError("指定された日程はこの研修にありません。")
        r, p = m.Registration, m.Person
        rows = session.execute(
            select(r.id, r.row_order, p.name_key, p.municipality_id, p.name)
            .join(p, p.id == r.person_id)
            .where(r.event_id == self.event_id, r.deleted.is_(False), r.status != "キャンセル",
                   (r.session_id.is_(None)) | (r.session_id == self.session_id))
            .order_by(r.row_order, r.id)
        ).all()
        self.regs = rows
        self.by_code = {registrations.short_code(x[0]): x[0] for x in rows} | {x[0]: x[0] for x in rows}
        self.by_no = {i: x[0] for i, x in enumerate(rows, 1)}  # the sheet's No. is its row position
        self.by_name: dict[str, list[tuple[str, str | None]]] = {}
        for x in rows:
            self.by_name.setdefault(x[2], []).append((x[0], x[3]))
        a = m.Attendance
        self.stored = {rid: (aid, present) for aid, rid, present in session.execute(
            select(a.id, a.registration_id, a.present).where(a.session_id == self.session_id, a.deleted.is_(False)))}
        self.seen: dict[str, int] = {}

    def parse_present(self, value: Any) -> bool:
        return _present(value)

    def label(self, values: dict[str, Any]) -> str:
        return str(values.get("name") or values.get("code") or values.get("no") or "")

    def match(self, row: PlannedRow) -> None:
        v = row.values
        rid = None
        if v.get("code"):
            rid = self.by_code.get(str(v["code"]).strip().upper()) or self.by_code.get(str(v["code"]).strip().lower())
            if rid is None:
                self.problem(row, "code", f"受付コード「{v['code']}」の申込がこの研修（日程）にありません")
                return
        elif v.get("no") is not None and "name" not in v:
            rid = self.by_no.get(v["no"])
            if rid is None:
                self.problem(row, "no", f"No.{v['no']} は受付名簿（{len(self.regs)}行）にありません")
                return
        else:
            if "name" not in v:
                self.problem(row, "name", "受付コード・No.・氏名のどれかが必要です")
                return
            cands = [c for c in self.by_name.get(name_key(v["name"]), []) if not v.get("municipality") or c[1] == v["municipality"]]
            if len(cands) != 1:
                msg = "申込がありません" if not cands else f"同じ氏名の申込が{len(cands)}件あります（受付コードか市町村で区別してください）"
                self.problem(row, "name", f"「{v['name']}」の{msg}")
                return
            rid = cands[0][0]
        first = self.seen.get(rid)
        if first is not None:
            self.problem(row, None, f"{first}行目と同じ人です")
            return
        self.seen[rid] = row.row
        row.target_id = rid
        stored = self.stored.get(rid)
        if stored is not None and bool(stored[1]) == v["present"]:
            row.action, row.note = SKIP, "変更なし"
        elif stored is not None:
            row.action, row.changes = UPDATE, ("出欠",)
            row.extra["attendance_id"] = stored[0]
        else:
            row.action = CREATE

    def write(self, rows: list[PlannedRow], check: Callable[[int], None]) -> tuple[int, int]:
        now = self.now
        creates, updates = [], []
        for row in rows:
            present = row.values["present"]
            if row.action == UPDATE:
                updates.append({"id": row.extra["attendance_id"], "present": present,
                                "checked_in_at": now if present else None, "updated_at": now})
            else:
                creates.append({"id": new_id(), "registration_id": row.target_id, "session_id": self.session_id,
                                "present": present, "checked_in_at": now if present else None,
                                "created_at": now, "updated_at": now, "deleted": False})
        self._bulk_insert(m.Attendance, creates, check)
        self._bulk_update(m.Attendance, updates, check)
        return len(creates), len(updates)


KINDS.setdefault(RegistrationImport.kind, RegistrationImport)
KINDS.setdefault(AttendanceImport.kind, AttendanceImport)
EVENT_KINDS = (RegistrationImport.kind, AttendanceImport.kind)


def plan_event_import(
    uow: UnitOfWork,
    kind: str,
    event_id: str,
    path: str | os.PathLike[str],
    *,
    session_id: str | None = None,
    **kwargs: Any,
) -> Any:
    """``planning.plan_import`` for 'registrations' or 'attendance' of one event (and session)."""
    from sasaeai_desktop.services.imports import planning

    if kind not in EVENT_KINDS:
        raise UserError(f"研修の取り込みは {', '.join(EVENT_KINDS)} です（指定: {kind}）。")
    token = _TARGET.set(_Target(event_id, session_id))
    try:
        return planning.plan_import(uow, kind, path, **kwargs)
    finally:
        _TARGET.reset(token)
