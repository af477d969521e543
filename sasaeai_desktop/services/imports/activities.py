"""Importing the visit log (訪問記録) and the consultation log (相談記録) from Excel, on the shared
engine (services/imports/engine.py: header, parsing, preview, all or nothing). The sheets are the ones
``sasaeai export visits|consultations`` writes (services/activities/log_sheets.py: same headers, synonyms
for the ones offices used before), so an exported log imports back unchanged.

Matching: the ID column of an export first; otherwise the natural key — a visit is its
municipality, day (and start time when both sides have one); a consultation its day,
municipality, who asked and the question. Two stored records on one key are a problem (the row
says to add the ID or a start time), never a guess.

Cells: municipality by code or name (either column), dates in every style the engine reads
(西暦, 和暦, Excel serials), times as 9:30 / 9時30分 / an Excel time, categories from the
vocabularies (目的区分, 相談方法). People — 「山田 花子（市町村職員）、…」 as the export writes
them — are matched by name (the municipality's people for 市町村側, advisors for アドバイザー,
people of no municipality for 県); a name that is not registered is registered as a new person
of that side (a participant of a visit is a person record; the preview lists who is new), a
consultation's 相談者 that is not registered stays text (``from_name``). フォローアップ lines
(「資料を送る（山田）期限2025-07-01 済」) become the visit's follow-up tasks; one due before the visit
is a warning, not a problem. A blank cell leaves the stored value alone.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from typing import Any, Callable, Sequence

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.date_range import PLAN
from sasaeai_desktop.domain.vocab_aliases import ROLE
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.names import clean_text, kana_key, name_key, written_text
from sasaeai_desktop.io.excel import values as V
from sasaeai_desktop.services.imports import kinds as ik
from sasaeai_desktop.services.activities.log_sheets import CONSULTATIONS, VISITS
from sasaeai_desktop.services.activities.consultations import split_topics
from sasaeai_desktop.services.imports.kinds import CREATE, UPDATE, ImportKind, PlannedRow, Rule
from sasaeai_desktop.services.municipality_names import MunicipalityResolver

__all__ = ["ConsultationImport", "VisitImport"]

SIDES = {"prefecture_staff": "prefecture", "advisors": "advisor", "municipality_side": "municipality"}
_SIDE_ROLE = {"prefecture": "県職員", "advisor": "アドバイザー", "municipality": ""}
_FOLLOW_UP = re.compile(
    r"^(?P<title>.+?)(?:\s*\((?P<owner>[^()]*)\))?(?:\s*期限\s*(?P<due>\S+?))?(?:\s*(?P<done>済|完了))?$"
)
_PEOPLE_SEPARATORS_WRITTEN = re.compile(r"[、,;，；\n]+")
_PERSON_WITH_ROLE_WRITTEN = re.compile(r"^(?P<name>.+?)\s*[(（](?P<role>[^()（）]*)[)）]$")
_TIME = re.compile(r"^(\d{1,2})(?:[:時](\d{1,2})分?)?$")


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def time_value(value: Any) -> dt.time:
    """9:30, 09:30, 9時30分, 9時, an Excel time (a fraction of a day) or a time cell."""
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, dt.timedelta):
        minutes = round(value.total_seconds() / 60)
        if 0 <= minutes < 24 * 60:
            return dt.time(minutes // 60, minutes % 60)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if 0 <= value < 1:
            minutes = round(value * 24 * 60)
            return dt.time(min(minutes // 60, 23), minutes % 60 if minutes < 24 * 60 else 59)
    elif isinstance(value, str):
        s = "".join(unicodedata.normalize("NFKC", value).split())
        s = re.sub(r":\d{2}$", "", s) if s.count(":") == 2 else s
        hit = _TIME.match(s)
        if hit and int(hit.group(1)) < 24 and int(hit.group(2) or 0) < 60:
            return dt.time(int(hit.group(1)), int(hit.group(2) or 0))
    raise V.ValueProblem(f"「{str(value).strip()}」は時刻として読み取れません（例: 9:30、13時）")


def people_cell(value: Any, max_len: int | None = None) -> tuple[tuple[str, str], ...]:
    """'山田 花子（市町村職員）、佐藤 一郎' → (('山田 花子', '市町村職員'), ('佐藤 一郎', ''))."""
    out: list[tuple[str, str]] = []
    # The names are kept as written (no NFKC: 塚 U+FA10, 﨑 stay); separators and brackets are
    # matched in both widths instead, and the role, a word of the vocabulary, is folded.
    for part in _PEOPLE_SEPARATORS_WRITTEN.split(V.written_multiline(value)):
        item = written_text(part)
        if not item:
            continue
        hit = _PERSON_WITH_ROLE_WRITTEN.match(item)
        name, role = (hit.group("name"), clean_text(hit.group("role"))) if hit else (item, "")
        role = ROLE.match(role) or role if role else ""  # （第１層生活支援コーディネーター） → 第1層SC
        if len(name) > 80 or len(role) > 40:
            raise V.ValueProblem(f"「{item[:40]}」は氏名として長すぎます（「、」で区切ってください）")
        if (name, role) not in out:
            out.append((name, role))
    return tuple(out)


def follow_ups_cell(value: Any, max_len: int | None = None) -> tuple[tuple[str, str, dt.date | None, bool], ...]:
    """One task a line: 'title（owner）期限 <date> 済' (owner, 期限 and 済 optional)."""
    out = []
    for line in V.multiline(value).split("\n"):
        line = _norm(line)
        if not line:
            continue
        hit = _FOLLOW_UP.match(line)
        assert hit is not None  # the title alone always matches
        due = None
        if hit.group("due"):
            try:
                due = V.date_value(hit.group("due"), PLAN)
            except V.ValueProblem as exc:
                raise V.ValueProblem(f"フォローアップ「{hit.group('title')}」の期限: {exc}") from None
        title = hit.group("title").strip()
        if len(title) > 200:
            raise V.ValueProblem(f"フォローアップ「{title[:30]}…」が長すぎます（200文字まで）")
        out.append((title, (hit.group("owner") or "").strip(), due, bool(hit.group("done"))))
    return tuple(out)


def follow_up_line(title: str, owner: str, due: dt.date | None, done: bool) -> str:
    """A task as the export writes it (the SQL in activity_logs), normalised like a cell."""
    return _norm(title + (f"（{owner}）" if owner else "") + (f" 期限{due.isoformat()}" if due else "") + (" 済" if done else ""))


def _municipality_of(values: dict[str, Any]) -> str | None:
    """The row's municipality for its label (also before matching, and on a row with problems)."""
    return values.get("_mid") or values.get("municipality_code") or values.get("municipality")


class _People:
    """Live people by name key, with what tells sides apart (municipality, advisor)."""

    def __init__(self, session: Session) -> None:
        p, a = m.Person, m.Advisor
        self.by_key: dict[str, list[tuple[str, str | None, bool]]] = defaultdict(list)
        rows = session.execute(
            select(p.id, p.name_key, p.municipality_id, a.id)
            .outerjoin(a, (a.person_id == p.id) & a.deleted.is_(False))
            .where(p.deleted.is_(False), p.merged_into_id.is_(None))
        )
        for pid, key, mid, aid in rows:
            self.by_key[key].append((pid, mid, aid is not None))
        self.new: dict[tuple[str, str, str | None], str] = {}  # people this import registers

    def find(self, name: str, side: str, municipality_id: str | None) -> list[str]:
        """The ids the name can be, best fitting the side first (an empty list: not registered)."""
        known = self.by_key.get(name_key(name), [])
        if side == "advisor":
            fit = [k for k in known if k[2]]
        elif side == "municipality":
            fit = [k for k in known if k[1] == municipality_id]
        elif side == "prefecture":
            fit = [k for k in known if k[1] is None and not k[2]]
        else:  # a consultation's 相談者: someone of that municipality, never a namesake elsewhere
            return list(dict.fromkeys(k[0] for k in known if not municipality_id or k[1] == municipality_id))
        chosen = fit or known
        return list(dict.fromkeys(k[0] for k in chosen))


class _LogImport(ImportKind):
    """What the two logs share: the export's ID column, a municipality by code or name, the diff."""

    resolver: MunicipalityResolver
    ids: dict[str, str]
    seen_ids: dict[str, int]

    def parse_municipality(self, value: Any) -> str:
        return self.resolver.resolve(value)

    def _municipality(self, r: PlannedRow) -> str | None:
        v = r.values
        by_code, by_name = v.get("municipality_code"), v.get("municipality")
        if by_code and by_name and by_code != by_name:
            self.problem(r, "municipality", f"市町村「{self.resolver.display(by_name)}」と市町村コード"
                         f"（{self.resolver.display(by_code)}）が一致しません")
            return None
        mid = by_code or by_name
        if mid is None:
            self.problem(r, "municipality" if "municipality" in self.where else "municipality_code", "市町村が空欄です")
        return mid

    def _by_id(self, r: PlannedRow) -> bool:
        """Match on the export's ID column: True when that settled the row."""
        rid = r.values.get("id")
        if rid is None:
            return False
        first = self.seen_ids.get(rid)
        if first is not None:
            self.problem(r, "id", f"同じIDの行が{first}行目にもあります。1行にまとめてください")
            return True
        self.seen_ids[rid] = r.row
        if rid not in self.ids:
            r.note = "IDが登録されていないため、ほかの列で照合しました"
            return False
        r.action, r.target_id = UPDATE, rid
        return True

    def differs(self, key: str, new: Any, stored: dict[str, Any]) -> bool:
        return not self.same(key, new, stored.get(key))

    def diff(self, values: dict[str, Any], stored: dict[str, Any]) -> tuple[str, ...]:
        out = []
        for k, new in values.items():
            if k in ("id", "_mid"):
                continue
            if k in ("municipality_code", "municipality"):
                if new != stored["_mid"]:
                    out.append(k)
            elif self.differs(k, new, stored):
                out.append(k)
        return tuple(out)


class VisitImport(_LogImport):
    kind = "visits"
    title = "訪問記録"
    spec = VISITS
    rules = {
        "visit_date": Rule("record_date", required=True),
        "start_time": Rule("time"),
        "end_time": Rule("time"),
        "municipality_code": Rule("municipality"),
        "municipality": Rule("municipality"),
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
        "id": Rule("record_id"),
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
        self.people = _People(session)
        self.seen: dict[tuple[Any, ...], int] = {}
        self.seen_ids: dict[str, int] = {}
        self.today = dt.date.today()

    parse_time = staticmethod(time_value)
    parse_people = staticmethod(people_cell)
    parse_follow_ups = staticmethod(follow_ups_cell)

    def label(self, values: dict[str, Any]) -> str:
        day = values.get("visit_date")
        return " ".join(x for x in (day.isoformat() if day else "", self.resolver.display(_municipality_of(values))) if x)

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
        key = (mid, day, v.get("start_time"), *(_norm(v.get(k, "")) for k in self._TELLING))
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
                out[vid][side_key[side]][(name_key(name), _norm(role))] += 1
                out[vid]["_parts"][(pid, side)] = role
        f = m.FollowUpTask
        for vid, fid, title, owner, due, done, done_date in self.session.execute(
            select(f.visit_id, f.id, f.title, f.owner_name, f.due_date, f.done, f.done_date)
            .where(f.visit_id.in_(list(out)), f.deleted.is_(False))
        ):
            out[vid]["follow_ups"][follow_up_line(title, owner, due, done)] += 1
            out[vid]["_tasks"].setdefault(_norm(title), (fid, done_date if done else None))
        return out

    def differs(self, key: str, new: Any, stored: dict[str, Any]) -> bool:
        if key in SIDES:
            return Counter((name_key(n), _norm(role)) for n, role in new) != stored[key]
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
                vid = r.target_id  # type: ignore[assignment]
                changed = r.extra.get("changed", ())
                rec: dict[str, Any] = {"id": vid, "updated_at": now}
                rec.update({c: v[c] for c in changed if c in self._COLUMNS})
                if "municipality_code" in changed or "municipality" in changed:
                    rec["municipality_id"] = v["_mid"]
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
                    fid, done_on = stored_tasks.get(_norm(title), (None, None))
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
        self._bulk_insert(m.Person, people, check)
        self._bulk_insert(m.Visit, visits, check)
        self._bulk_update(m.Visit, visit_upd, check)
        self._bulk_insert(m.VisitParticipant, parts, check)
        self._bulk_insert(m.FollowUpTask, tasks, check)
        self._bulk_update(m.FollowUpTask, task_upd, check)
        vp = m.VisitParticipant
        for op, vid, pid, side, role in part_upd:
            cond = (vp.visit_id == vid, vp.person_id == pid, vp.side == side, vp.deleted.is_(False))
            values = {"deleted": True} if op == "delete" else {"role": role}
            self.session.execute(update(vp).where(*cond).values(updated_at=now, **values))
        return created, updated


class ConsultationImport(_LogImport):
    kind = "consultations"
    title = "相談記録"
    spec = CONSULTATIONS
    rules = {
        "received_date": Rule("record_date", required=True),
        "channel": Rule("channel"),
        "municipality_code": Rule("municipality"),
        "municipality": Rule("municipality"),
        "from": Rule("written", 80),
        "topics": Rule("topics"),
        "question": Rule("written_multiline", required=True),
        "answer": Rule("written_multiline"),
        "referred_advisor": Rule("advisor"),
        "is_closed": Rule("yes_no"),
        "closed_date": Rule("record_date"),
        "handled_by": Rule("written", 80),
        "id": Rule("record_id"),
    }
    required_columns = (("received_date",), ("question",))
    tables = (m.Consultation,)
    _COLUMNS = ("received_date", "channel", "topics", "question", "answer", "is_closed", "closed_date", "handled_by")

    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        self.resolver = MunicipalityResolver.load(session)
        self.people = _People(session)
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
        return day, mid, name_key(who or ""), _norm(question or "")

    def label(self, values: dict[str, Any]) -> str:
        day = values.get("received_date")
        who = values.get("from") or self.resolver.display(_municipality_of(values))
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
        key = self._key(v["received_date"], mid, v.get("from"), v["question"])
        first = self.seen.get(key)
        if first is not None:
            self.problem(r, "question", f"同じ日・同じ相談元・同じ内容の相談が{first}行目にもあります。1行にまとめてください")
            return
        self.seen[key] = r.row
        same = self.index.get(key, [])
        if len(same) == 1:
            r.action, r.target_id = UPDATE, same[0]
        elif same:
            self.problem(r, "question", f"同じ相談記録が{len(same)}件登録されています。ID列（出力したファイルの「ID」）で指定してください")
        else:
            r.action = CREATE

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
        now = self.now
        creates, updates = [], []
        for r in rows:
            v = r.values
            if r.action == CREATE:
                creates.append({
                    "id": new_id(), "municipality_id": v["_mid"], "person_id": r.extra.get("person_id"),
                    "from_name": "" if r.extra.get("person_id") else v.get("from", ""),
                    "referred_advisor_id": v.get("referred_advisor"), "received_date": v["received_date"],
                    "channel": v.get("channel", ""), "topics": v.get("topics", ""), "question": v["question"],
                    "answer": v.get("answer", ""), "is_closed": bool(v.get("is_closed")),
                    "closed_date": v.get("closed_date") if v.get("is_closed") else None, "handled_by": v.get("handled_by", ""),
                    "created_at": now, "updated_at": now, "deleted": False,
                })
            elif r.action == UPDATE:
                changed = r.extra.get("changed", ())
                rec: dict[str, Any] = {"id": r.target_id, "updated_at": now}
                rec.update({k: v[k] for k in changed if k in self._COLUMNS})
                if "municipality_code" in changed or "municipality" in changed:
                    rec["municipality_id"] = v["_mid"]
                if "from" in changed:
                    rec["person_id"] = r.extra.get("person_id")
                    rec["from_name"] = "" if r.extra.get("person_id") else v["from"]
                if "referred_advisor" in changed:
                    rec["referred_advisor_id"] = v["referred_advisor"]
                if rec.get("is_closed") is False:
                    rec["closed_date"] = None
                updates.append(rec)
        self._bulk_insert(m.Consultation, creates, check)
        self._bulk_update(m.Consultation, updates, check)
        return len(creates), len(updates)


for _kind in (VisitImport, ConsultationImport):
    ik.KINDS.setdefault(_kind.kind, _kind)
