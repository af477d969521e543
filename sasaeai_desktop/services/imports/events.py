"""Importing the events (研修・フォーラム) from Excel, on the shared engine: ``sasaeai import events
FILE`` and the window's import dialog. The sheet is the one ``sasaeai export events`` writes
(services/trainings/event_sheet.py: same headers, synonyms for what offices write), so an exported
sheet imports back unchanged (変更なし).

Matching: the ID column of an export first; otherwise 研修名 (folded as names are) and 開催日 — the
first 日程's day — or, with no 開催日, 研修名 and 年度. Two stored events on one key are a problem
(the row says to add the ID), never a guess.

A new row makes an event, with a first 日程 on its 開催日 at its 会場 when it gives one. On an
event of one 日程, 開催日 and 会場 change that 日程; an event of several is changed in the window
(which 日程 moved is not in one row), so a row that would move one is a problem. 日程数 and
申込者数 follow from the 日程 and the 申込者: read, never written. The public's counts are whole
numbers read as the sheets' others are (「120人」, 「１２０」, 「85名」), checked as the outreach
panel checks them (うち住民 + うち関係者 no more than 一般参加者数). 作成した媒体 lists the media one a line: a filled cell makes the event's media
those lines (a line that is already there keeps its 備考), a blank cell leaves them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain import outreach as o
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.io.excel import values as V
from sasaeai_desktop.services.imports.log_kind import LogImport
from sasaeai_desktop.services.imports.parsers import PARSERS
from sasaeai_desktop.services.imports.parsers import Rule
from sasaeai_desktop.services.imports.plan_rows import CREATE
from sasaeai_desktop.services.imports.plan_rows import UPDATE
from sasaeai_desktop.services.imports.plan_rows import PlannedRow
from sasaeai_desktop.services.municipality_names import MunicipalityResolver
from sasaeai_desktop.services.record_refs import event_text
from sasaeai_desktop.services.record_refs import split_refs
from sasaeai_desktop.services.trainings.event_sheet import EVENTS
from sasaeai_desktop.services.trainings.event_sheet import first_session_column
from sasaeai_desktop.services.trainings.event_sheet import live_media
from sasaeai_desktop.services.trainings.event_sheet import media_line
from sasaeai_desktop.services.trainings.event_sheet import read_media_line
from sasaeai_desktop.services.trainings.outreach import PublicCounts
from sasaeai_desktop.services.trainings.outreach import validate_counts

Medium = tuple[str, str, str]  # (kind, title, link)

# The event's own columns, as the sheet and training_event name them.
_COLUMNS = ("fiscal_year", "event_type", "title", "co_hosts", "organiser", "session_structure", *o.COUNT_LABELS)
_SESSION = ("first_date", "venue")
_DERIVED = ("sessions", "registrations")  # follow from the 日程 and the 申込者: never compared
_STRUCTURES = {**{k: k for k in vocab.SESSION_STRUCTURES}, **{v: k for k, v in vocab.SESSION_STRUCTURES.items()}}


def head_count(value: Any) -> int:
    """A head count as the sheet's other whole numbers are read (「120人」, 「１２０」, 「85名」, a
    number cell: services/imports/parsers 'count'), up to what a hall holds (domain.outreach)."""
    count = PARSERS["count"](value)
    problem = o.count_problem(count, "人数")
    if problem:
        raise V.ValueProblem(problem.removeprefix("人数").rstrip("。"))
    return int(count)


def _as_read(item: tuple[str, str, str]) -> Medium:
    """A stored medium as its line of the sheet reads back (so an unchanged line is 変更なし)."""
    try:
        return read_media_line(media_line(*item))
    except V.ValueProblem:
        return item  # stored before today's limits: compared as it is


class EventImport(LogImport):
    kind = "events"
    title = "研修・フォーラム"
    spec = EVENTS
    rules = {
        "fiscal_year": Rule("fiscal_year", required=True),
        "event_type": Rule("event_type", required=True),
        "title": Rule("written", 200, required=True),
        "first_date": Rule("record_date"),
        "venue": Rule("written", 200),
        "sessions": Rule("derived"),
        "registrations": Rule("derived"),
        **{key: Rule("head_count") for key in o.COUNT_LABELS},
        "host_municipality": Rule("municipality"),
        "host_municipality_code": Rule("municipality"),
        "co_hosts": Rule("written", 200),
        "organiser": Rule("written", 80),
        "session_structure": Rule("session_structure"),
        "media": Rule("media"),
        "id": Rule("record_id"),
    }
    required_columns = (("fiscal_year",), ("event_type",), ("title",))
    tables = (m.TrainingEvent, m.TrainingSession, m.EventMedia)
    matched_otherwise = "研修名・開催日"

    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        self.resolver = MunicipalityResolver.load(session)
        e = m.TrainingEvent
        self.ids: dict[str, str] = {}
        self.index: dict[tuple[Any, ...], list[str]] = defaultdict(list)
        for eid, title, year, first in session.execute(
            select(e.id, e.title, e.fiscal_year, first_session_column("date")).where(e.deleted.is_(False))
        ):
            self.ids[eid] = eid
            self.index[(name_key(title), first)].append(eid)
            self.index[(name_key(title), "年度", year)].append(eid)
        self.seen: dict[tuple[Any, ...], int] = {}
        self.seen_ids: dict[str, int] = {}

    parse_head_count = staticmethod(head_count)

    @staticmethod
    def parse_derived(value: Any) -> None:
        """日程数 / 申込者数: whatever the cell says, the 日程 and the 申込者 decide them."""
        return None

    @staticmethod
    def parse_event_type(value: Any) -> str:
        text = "".join(V.text(value, 40).split())
        if text not in vocab.EVENT_TYPES:
            raise V.ValueProblem(f"種別「{text}」は使えません（{'、'.join(vocab.EVENT_TYPES)} のいずれか）")
        return text

    @staticmethod
    def parse_session_structure(value: Any) -> str:
        text = "".join(V.text(value, 40).split())
        if text not in _STRUCTURES:
            raise V.ValueProblem(f"日程の関係「{text}」は使えません（{'、'.join(vocab.SESSION_STRUCTURES.values())} のいずれか）")
        return _STRUCTURES[text]

    @staticmethod
    def parse_media(value: Any) -> tuple[Medium, ...]:
        return tuple(read_media_line(line) for line in split_refs(value))

    def label(self, values: dict[str, Any]) -> str:
        return event_text(str(values.get("title", "")), values.get("first_date"))

    # -- matching ------------------------------------------------------------------------------

    def match(self, r: PlannedRow) -> None:
        v = r.values
        for derived in _DERIVED:
            v.pop(derived, None)
        host = self._municipality(r, "host_municipality", required=False)
        if host is not None:
            v["_host"] = host
        if self._by_id(r):
            return
        title = name_key(v["title"])
        natural: tuple[Any, ...] = (title, v["first_date"]) if v.get("first_date") else (title, "年度", v["fiscal_year"])
        what = "研修名・開催日" if v.get("first_date") else "研修名・年度"
        self._by_key(r, natural, "title", f"同じ{what}の行が{{first}}行目にもあります。1行にまとめてください",
                     f"同じ{what}の研修が{{n}}件登録されています。ID列（出力したファイルの「ID」）で指定してください")

    def snapshot(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        e, s = m.TrainingEvent, m.TrainingSession
        n_sessions = select(func.count(s.id)).where(s.event_id == e.id, s.deleted.is_(False)).scalar_subquery()
        media = live_media(self.session, list(ids))
        return {
            row[0]: {**dict(zip(_COLUMNS, row[1:])), "_host": row[len(_COLUMNS) + 1],
                     "first_date": row[-4], "venue": row[-3], "_session": row[-2], "_sessions": row[-1],
                     "media": tuple(_as_read(item[1:4]) for item in media.get(row[0], ())),
                     "_media": [(item[0], _as_read(item[1:4]), item[4]) for item in media.get(row[0], ())]}
            for row in self.session.execute(
                select(e.id, *(getattr(e, c) for c in _COLUMNS), e.host_municipality_id, first_session_column("date"),
                       first_session_column("venue"), first_session_column("id"), n_sessions)
                .where(e.id.in_(list(ids)))
            )
        }

    place = ("host_municipality", "_host")
    exact_key = "title"

    def finish(self, rows: list[PlannedRow]) -> None:
        super().finish(rows)
        for r, before in self.rows_to_store(rows):
            r.extra["stored"] = before
            self._check_counts(r, {**before, **r.values})
            changed = tuple(r.values) if r.action == CREATE else r.extra.get("changed", ())
            if any(k in changed for k in _SESSION):
                self._check_session(r, before)

    def _check_counts(self, r: PlannedRow, after: dict[str, Any]) -> None:
        try:
            validate_counts(PublicCounts(*(after.get(k) for k in o.COUNT_LABELS)))
        except ValidationError as exc:
            for key, message in exc.fields.items():
                self.problem(r, key, message.rstrip("。"))

    def _check_session(self, r: PlannedRow, before: dict[str, Any]) -> None:
        n = before.get("_sessions", 0)
        if n > 1:
            key = "first_date" if "first_date" in r.extra.get("changed", ()) else "venue"
            self.problem(r, key, f"この研修には日程が{n}件あります。開催日・会場は研修の画面で日程ごとに変えてください")
        elif n == 0 and not r.values.get("first_date"):
            self.problem(r, "venue", "日程がまだないため、会場は開催日と一緒に入力してください")

    # -- writing -------------------------------------------------------------------------------

    def write(self, rows: list[PlannedRow], check: Callable[[int], None]) -> tuple[int, int]:
        now = self.now
        base = {"created_at": now, "updated_at": now, "deleted": False}
        creates: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for r in rows:
            v = r.values
            if r.action == CREATE:
                r.extra["new_id"] = new_id()
                creates.append({
                    "id": r.extra["new_id"], "fiscal_year": v["fiscal_year"], "event_type": v["event_type"],
                    "title": v["title"], "co_hosts": v.get("co_hosts", ""), "program_notes": "",
                    "organiser": v.get("organiser", ""), "copied_from_id": None,
                    "session_structure": v.get("session_structure", vocab.DEFAULT_SESSION_STRUCTURE),
                    **{k: v.get(k) for k in o.COUNT_LABELS}, "host_municipality_id": v.get("_host"), **base})
            elif r.action == UPDATE:
                changed = r.extra.get("changed", ())
                rec = {"id": r.target_id, "updated_at": now, **{k: v[k] for k in changed if k in _COLUMNS}}
                if "host_municipality" in changed or "host_municipality_code" in changed:
                    rec["host_municipality_id"] = v["_host"]
                if len(rec) > 2:
                    updates.append(rec)
        new_sessions, moved = self._session_writes(rows, base)
        new_media, changed_media = self._media_writes(rows, base)
        self._write_tables(check, (m.TrainingEvent, creates, updates), (m.TrainingSession, new_sessions, moved),
                           (m.EventMedia, new_media, changed_media))
        return len(creates), sum(r.action == UPDATE for r in rows)

    def _session_writes(self, rows: list[PlannedRow], base: dict[str, Any]
                        ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """A first 日程 for a new event (or one that had none) given a 開催日; the one 日程 of an
        event whose 開催日 or 会場 changed."""
        new: list[dict[str, Any]] = []
        moved: list[dict[str, Any]] = []
        for r in rows:
            v, before = r.values, r.extra.get("stored", {})
            changed = r.extra.get("changed", ()) if r.action == UPDATE else ()
            if r.action == UPDATE and before.get("_session") and any(k in changed for k in _SESSION):
                moved.append({"id": before["_session"], "updated_at": self.now,
                              **{k if k != "first_date" else "date": v[k] for k in _SESSION if k in changed}})
            elif (r.action == CREATE or (r.action == UPDATE and "first_date" in changed)) and v.get("first_date"):
                event_id = r.extra["new_id"] if r.action == CREATE else r.target_id
                new.append({"id": new_id(), "event_id": event_id, "label": "", "date": v["first_date"],
                            "start_time": None, "end_time": None, "venue": v.get("venue", ""), "capacity": None,
                            "required": True, "sort_order": 0, **base})
        return new, moved

    def _media_writes(self, rows: list[PlannedRow], base: dict[str, Any]
                      ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The event_media rows to add and to change (sort order, or deleted) so that each written
        event's media are the lines of its cell, in their order. A line already stored keeps its
        row (and its 備考): items added on two laptops still merge."""
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for r in rows:
            if "media" not in r.values or not (r.action == CREATE or "media" in r.extra.get("changed", ())):
                continue
            event_id = r.extra["new_id"] if r.action == CREATE else r.target_id
            have = list(r.extra.get("stored", {}).get("_media", []))  # (id, (kind, title, link), sort order)
            for order, item in enumerate(r.values["media"]):
                same = next((h for h in have if h[1] == item), None)
                if same is None:
                    kind, title, link = item
                    new.append({"id": new_id(), "event_id": event_id, "kind": kind, "title": title, "link": link,
                                "notes": "", "sort_order": order, **base})
                    continue
                have.remove(same)
                if same[2] != order:
                    changed.append({"id": same[0], "sort_order": order, "updated_at": self.now})
            changed += [{"id": h[0], "deleted": True, "updated_at": self.now} for h in have]
        return new, changed
