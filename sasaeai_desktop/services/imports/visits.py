"""Importing the visit log (訪問記録) from Excel, on the shared engine (services/imports/planning.py
and applying.py: header, parsing, preview, all or nothing). The sheet is the one ``sasaeai export visits`` writes
(services/activities/log_sheets.py: same headers, synonyms for the ones offices used before), so an
exported log imports back unchanged.

Matching: the ID column of an export first; otherwise the natural key — the visit's
municipality, day (and start time when both sides have one). Two stored records on one key are a
problem (the row says to add the ID or a start time), never a guess.

Cells: municipality by code or name (either column), dates in every style the engine reads
(西暦, 和暦, Excel serials), times as 9:30 / 9時30分 / an Excel time, 目的区分 from the vocabulary.
People — 「山田 花子（市町村職員）、…」 as the export writes them — are matched by name (the
municipality's people for 市町村側, advisors for アドバイザー, people of no municipality for 県); a
name that is not registered is registered as a new person of that side (a participant of a visit
is a person record; the preview lists who is new). フォローアップ lines
(「資料を送る（山田）期限2025-07-01 済」) become the visit's follow-up tasks; one due before the visit
is a warning, not a problem. A blank cell leaves the stored value alone.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.services.activities.log_sheets import VISITS
from sasaeai_desktop.services.imports.log_cells import SIDES
from sasaeai_desktop.services.imports.log_cells import follow_up_line
from sasaeai_desktop.services.imports.log_cells import follow_ups_cell
from sasaeai_desktop.services.imports.log_cells import norm_text
from sasaeai_desktop.services.imports.log_cells import people_cell
from sasaeai_desktop.services.imports.log_cells import time_value
from sasaeai_desktop.services.imports.log_kind import LOG_RULES
from sasaeai_desktop.services.imports.log_kind import LogImport
from sasaeai_desktop.services.imports.log_kind import LogPeople
from sasaeai_desktop.services.imports.log_kind import municipality_of
from sasaeai_desktop.services.imports.parsers import Rule
from sasaeai_desktop.services.imports.plan_rows import CREATE
from sasaeai_desktop.services.imports.plan_rows import UPDATE
from sasaeai_desktop.services.imports.plan_rows import PlannedRow
from sasaeai_desktop.services.municipality_names import MunicipalityResolver

_SIDE_ROLE = {"prefecture": "県職員", "advisor": "アドバイザー", "municipality": ""}


class VisitImport(LogImport):
    kind = "visits"
    title = "訪問記録"
    spec = VISITS
    rules = {
        "visit_date": Rule("record_date", required=True),
        "start_time": Rule("time"),
        "end_time": Rule("time"),
        **LOG_RULES,
        "place": Rule("written", 200),
        "purpose_category": Rule("visit_purpose"),
        "purpose": Rule("written_multiline"),
        "prefecture_staff": Rule("people"),
        "advisors": Rule("people"),
        "municipality_side": Rule("people"),
        "observations": Rule("written_multiline"),
        "issues": Rule("written_multiline"),
        "advice": Rule("written_multiline"),
        "follow_ups": Rule("follow_ups"),
        "next_visit_date": Rule("plan_date"),
        "recorded_by": Rule("written", 80),
    }
    required_columns = (("visit_date",), ("municipality_code", "municipality"))
    tables = (m.Visit, m.VisitParticipant, m.FollowUpTask, m.Person)
    _COLUMNS = ("visit_date", "start_time", "end_time", "place", "purpose_category", "purpose", "observations",
                "issues", "advice", "next_visit_date", "recorded_by")

    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        self.resolver = MunicipalityResolver.load(session)
        v = m.Visit
        self.ids: dict[str, str] = {}
        self.index: dict[tuple[str, dt.date], list[tuple[str, dt.time | None]]] = defaultdict(list)
        for vid, mid, day, start in session.execute(
            select(v.id, v.municipality_id, v.visit_date, v.start_time).where(v.deleted.is_(False), v.is_draft.is_(False))
        ):
            self.ids[vid] = vid
            self.index[(mid, day)].append((vid, start))
        self.people = LogPeople(session)
        self.seen: dict[tuple[Any, ...], int] = {}
        self.seen_ids: dict[str, int] = {}
        self.today = dt.date.today()

    parse_time = staticmethod(time_value)
    parse_people = staticmethod(people_cell)
    parse_follow_ups = staticmethod(follow_ups_cell)

    def label(self, values: dict[str, Any]) -> str:
        day = values.get("visit_date")
        return " ".join(x for x in (day.isoformat() if day else "", self.resolver.display(municipality_of(values))) if x)

    def match(self, r: PlannedRow) -> None:
        v = r.values
        mid = self._municipality(r)
        if mid is None:
            return
        v["_mid"] = mid
        if v.get("start_time") and v.get("end_time") and v["end_time"] < v["start_time"]:
            self.problem(r, "end_time", f"終了時刻 {v['end_time']:%H:%M} が開始時刻 {v['start_time']:%H:%M} より前です")
        day = v["visit_date"]
        if v.get("next_visit_date") and v["next_visit_date"] < day:
            self.problem(r, "next_visit_date", f"次回訪問予定 {v['next_visit_date']:%Y-%m-%d} が訪問日より前です")
        for title, _, due, _ in v.get("follow_ups", ()):
            if due and due < day:
                self.warn(r, "follow_ups", f"フォローアップ「{title}」の期限 {due:%Y-%m-%d} が訪問日 {day:%Y-%m-%d} より前です")
        if r.problems:
            return
        if self._by_id(r):
            return
        key = (mid, day, v.get("start_time"), *(norm_text(v.get(k, "")) for k in self._TELLING))
        first = self.seen.get(key)
        if first is not None:
            self.problem(r, "visit_date", f"同じ市町村・日時・目的の訪問が{first}行目にもあります。1行にまとめてください")
            return
        self.seen[key] = r.row
        same_day = self.index.get((mid, day), [])
        if v.get("start_time"):
            same_day = [x for x in same_day if x[1] == v["start_time"]] or [x for x in same_day if x[1] is None]
        if len(same_day) > 1:
            same_day = self._telling_apart(same_day, v)
        if len(same_day) == 1:
            r.action, r.target_id = UPDATE, same_day[0][0]
        elif len(same_day) > 1:
            self.problem(r, "visit_date", f"同じ日に{self.resolver.display(mid)}への訪問記録が{len(same_day)}件あります。"
                         "どれを更新するか、ID列（出力したファイルの「ID」）か開始時刻で区別してください")
        else:
            r.action = CREATE

    _TELLING = ("purpose_category", "purpose", "place")  # what tells two visits of one day apart

    def _telling_apart(self, candidates: list[tuple[str, Any]], v: dict[str, Any]) -> list[tuple[str, Any]]:
        """Of several visits on the same day, those whose 目的区分, 目的 and 場所 agree with the row."""
        given = [k for k in self._TELLING if k in v]
        if not given:
            return candidates
        stored = self.snapshot([c[0] for c in candidates])
        return [c for c in candidates if all(self.same(k, v[k], stored[c[0]].get(k)) for k in given)]

    def snapshot(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        v = m.Visit
        out: dict[str, dict[str, Any]] = {}
        for row in self.session.execute(
            select(v.id, v.municipality_id, *(getattr(v, c) for c in self._COLUMNS)).where(v.id.in_(list(ids)))
        ):
            out[row[0]] = {"_mid": row[1], **dict(zip(self._COLUMNS, row[2:]))}
            out[row[0]].update({k: Counter() for k in SIDES}, follow_ups=Counter(), _tasks={}, _parts={})
        if not out:
            return out
        side_key = {s: k for k, s in SIDES.items()}
        vp, p = m.VisitParticipant, m.Person
        for vid, pid, side, role, name in self.session.execute(
            select(vp.visit_id, vp.person_id, vp.side, vp.role, p.name).join(p, p.id == vp.person_id)
            .where(vp.visit_id.in_(list(out)), vp.deleted.is_(False))
        ):
            if side in side_key:
                out[vid][side_key[side]][(name_key(name), norm_text(role))] += 1
                out[vid]["_parts"][(pid, side)] = role
        f = m.FollowUpTask
        for task_visit, fid, title, owner, due, done, done_date in self.session.execute(
            select(f.visit_id, f.id, f.title, f.owner_name, f.due_date, f.done, f.done_date)
            .where(f.visit_id.in_(list(out)), f.deleted.is_(False))
        ):
            visit = out[str(task_visit)]  # never NULL: selected by visit
            visit["follow_ups"][follow_up_line(title, owner, due, done)] += 1
            visit["_tasks"].setdefault(norm_text(title), (fid, done_date if done else None))
        return out

    def differs(self, key: str, new: Any, stored: dict[str, Any]) -> bool:
        if key in SIDES:
            return Counter((name_key(n), norm_text(role)) for n, role in new) != stored[key]
        if key == "follow_ups":
            return Counter(follow_up_line(*t) for t in new) != stored[key]
        return super().differs(key, new, stored)

    def set_changes(self, r: PlannedRow, before: dict[str, Any]) -> None:
        super().set_changes(r, before)
        r.extra["parts"], r.extra["tasks"] = before["_parts"], before["_tasks"]

    def finish(self, rows: list[PlannedRow]) -> None:
        super().finish(rows)
        for r in rows:  # who went / attended: people ids, new people where a name is not registered
            if r.action not in (CREATE, UPDATE) or r.problems:
                continue
            sides = [k for k in SIDES if k in r.values and (r.action == CREATE or k in r.extra.get("changed", ()))]
            resolved: list[tuple[str, str, str]] = []
            for key in sides:
                for name, role in r.values[key]:
                    pid = self._person(r, key, name, r.values["_mid"])
                    if pid:
                        resolved.append((pid, SIDES[key], role))
            r.extra["people"] = resolved
            r.extra["sides"] = [SIDES[k] for k in sides]

    def _person(self, r: PlannedRow, key: str, name: str, mid: str) -> str | None:
        side = SIDES[key]
        ids = self.people.find(name, side, mid)
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            self.problem(r, key, f"「{name}」という人が{len(ids)}人登録されています。関係者一覧で区別できる名前にしてから取り込んでください")
            return None
        new_key = (name_key(name), side, mid if side == "municipality" else None)
        if new_key not in self.people.new:
            self.people.new[new_key] = new_id()
            self.warn(r, key, f"「{name}」は登録されていないため、関係者として新しく登録します")
        return self.people.new[new_key]

    def write(self, rows: list[PlannedRow], check: Callable[[int], None]) -> tuple[int, int]:
        now = self.now
        base = {"created_at": now, "updated_at": now, "deleted": False}
        visits, visit_upd, parts, part_upd, tasks, task_upd = [], [], [], [], [], []
        people: list[dict[str, Any]] = []
        new_people = {pid: key for key, pid in self.people.new.items()}
        names: dict[str, tuple[str, str]] = {}
        for r in rows:
            for key in SIDES:
                for name, role in r.values.get(key, ()):
                    names.setdefault(name_key(name), (name, role))
        for pid, (nk, side, mid) in new_people.items():
            name, role = names.get(nk, (nk, ""))
            role = role if role in vocab.ROLES else _SIDE_ROLE[side]
            people.append({"id": pid, "name": name, "kana": "", "name_key": nk, "kana_key": kana_key(""), "role": role,
                           "municipality_id": mid, "organisation_id": None, "affiliation": "", "title": "", "phone": "",
                           "email": "", "notes": "", "merged_into_id": None, **base})
        created = updated = 0
        for r in rows:
            v = r.values
            if r.action == CREATE:
                vid = new_id()
                visits.append({"id": vid, "municipality_id": v["_mid"], "is_draft": False, "next_visit_note": "",
                               **{c: v.get(c, None if c in ("start_time", "end_time", "next_visit_date") else "")
                                  for c in self._COLUMNS}, **base})
                created += 1
                stored_parts: dict[tuple[str, str], str] = {}
                stored_tasks: dict[str, tuple[str, dt.date | None]] = {}
            elif r.action == UPDATE:
                vid = r.target_id or ""  # always set on an UPDATE row
                rec = self.updated_fields(r, self._COLUMNS)
                if len(rec) > 2:
                    visit_upd.append(rec)
                updated += 1
                stored_parts, stored_tasks = r.extra.get("parts", {}), r.extra.get("tasks", {})
            else:
                continue
            wanted = {(pid, side): role for pid, side, role in r.extra.get("people", ())}
            for (pid, side), role in wanted.items():
                if (pid, side) not in stored_parts:
                    parts.append({"id": new_id(), "visit_id": vid, "person_id": pid, "side": side, "role": role, **base})
                elif stored_parts[(pid, side)] != role:
                    part_upd.append(("role", vid, pid, side, role))
            for (pid, side) in stored_parts:
                if side in r.extra.get("sides", ()) and (pid, side) not in wanted:
                    part_upd.append(("delete", vid, pid, side, ""))
            if "follow_ups" in v and (r.action == CREATE or "follow_ups" in r.extra.get("changed", ())):
                keep = set()
                for order, (title, owner, due, done) in enumerate(v["follow_ups"]):
                    fid, done_on = stored_tasks.get(norm_text(title), (None, None))
                    values = {"title": title, "owner_name": owner, "due_date": due, "done": done,
                              "done_date": (done_on or self.today) if done else None, "sort_order": order,
                              "municipality_id": v["_mid"]}
                    if fid and fid not in keep:
                        keep.add(fid)
                        task_upd.append({"id": fid, "updated_at": now, **values})
                    else:
                        tasks.append({"id": new_id(), "visit_id": vid, "consultation_id": None, "dispatch_id": None,
                                      "details": "", "owner_person_id": None, **values, **base})
                for fid in {t[0] for t in stored_tasks.values()} - keep:
                    task_upd.append({"id": fid, "updated_at": now, "deleted": True})
        self._write_tables(check, (m.Person, people, []), (m.Visit, visits, visit_upd), (m.VisitParticipant, parts, []),
                           (m.FollowUpTask, tasks, task_upd))
        vp = m.VisitParticipant
        for op, vid, pid, side, role in part_upd:
            cond = (vp.visit_id == vid, vp.person_id == pid, vp.side == side, vp.deleted.is_(False))
            values = {"deleted": True} if op == "delete" else {"role": role}
            self.session.execute(update(vp).where(*cond).values(updated_at=now, **values))
        return created, updated
