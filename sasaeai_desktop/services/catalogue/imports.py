"""Importing the catalogue (地域資源・活動事例) from Excel on the shared engine (services/imports:
header, parsing, preview, problems as sheet!row:column, all or nothing): ``sasaeai import
activities FILE`` and the window's import dialog. The sheet is the one ``sasaeai export activities``
writes (services/catalogue/sheet.py), so an exported file imports back unchanged (変更なし).

Matching: the export's ID column first; otherwise the municipality and the name (高橋/髙橋, 全角/
半角 folded). Two stored entries on one key are a problem asking for the ID, never a guess.

種類: a kind of the list is read in any width or spacing; one the list does not have is added to it
when the import is written (the preview says so, once per new kind), as a visit's unknown
participant becomes a new person: an office's own words (体操教室, 認知症カフェ) are kinds too.
Consents (連絡先掲載, 掲載) are read as 可/否, ○/× …; '-' or 未確認 leaves the recorded value.
把握した訪問日 / 把握した相談日 / 把握した研修 name the record the entry was learnt of
(services/record_refs): one that names no record, or several, is a problem at its cell; a blank
cell leaves the recorded one, a filled one replaces it (an entry has one).
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
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.io.excel import values as V
from sasaeai_desktop.services.catalogue.entries import MAX_PARTICIPANTS
from sasaeai_desktop.services.catalogue.entries import tag_list
from sasaeai_desktop.services.catalogue.kinds import MAX_KIND_LEN
from sasaeai_desktop.services.catalogue.kinds import kind_names
from sasaeai_desktop.services.catalogue.kinds import known_kind
from sasaeai_desktop.services.catalogue.sheet import CATALOGUE
from sasaeai_desktop.services.imports.log_kind import LOG_RULES
from sasaeai_desktop.services.imports.log_kind import LogImport
from sasaeai_desktop.services.imports.parsers import Rule
from sasaeai_desktop.services.imports.plan_rows import CREATE
from sasaeai_desktop.services.imports.plan_rows import UPDATE
from sasaeai_desktop.services.imports.plan_rows import PlannedRow
from sasaeai_desktop.services.municipality_names import MunicipalityResolver
from sasaeai_desktop.services.record_refs import RecordRefs
from sasaeai_desktop.services.record_refs import visit_ref

# The columns a row sets as they are (municipality: through ``_mid``).
_COLUMNS = ("name", "kind", "area", "organiser", "content", "schedule", "frequency", "participants", "cost", "contact",
            "contact_consent", "publishable", "description", "tags", "notes", "info_date")
_LEAVE_IF_UNKNOWN = ("contact_consent", "publishable")  # '-' / 未確認: the recorded value stays
# The sheet's where-it-was-learnt-of columns → the entry's columns (a row gives their ids after matching).
_SOURCES = {"source_visit": "visit_id", "source_consultation": "consultation_id", "source_event": "event_id"}


class CatalogueImport(LogImport):
    kind = CATALOGUE.kind
    title = "地域資源・活動事例"
    spec = CATALOGUE
    rules = {
        "name": Rule("written", 120, required=True),
        "kind": Rule("catalogue_kind"),
        **LOG_RULES,
        "area": Rule("written", 80),
        "organiser": Rule("written", 120),
        "content": Rule("written_multiline"),
        "schedule": Rule("written", 120),
        "frequency": Rule("written", 60),
        "participants": Rule("count"),
        "cost": Rule("written", 80),
        "contact": Rule("written", 200),
        "contact_consent": Rule("yes_no"),
        "publishable": Rule("yes_no"),
        "description": Rule("written_multiline"),
        "tags": Rule("tags"),
        "notes": Rule("written_multiline"),
        "info_date": Rule("record_date"),
        "source_visit": Rule("visit_ref"),
        "source_consultation": Rule("record_date"),
        "source_event": Rule("written", 240),
    }
    required_columns = (("name",), ("municipality_code", "municipality"))
    tables = (m.CatalogueEntry, m.CatalogueKind)
    matched_otherwise = "市町村と名称"

    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        self.resolver = MunicipalityResolver.load(session)
        self.kinds = kind_names(session)
        self.new_kinds: dict[str, str] = {}  # name key → the kind as first written
        e = m.CatalogueEntry
        self.ids: dict[str, str] = {}
        self.index: dict[tuple[str, str], list[str]] = defaultdict(list)
        for eid, mid, name in session.execute(select(e.id, e.municipality_id, e.name).where(e.deleted.is_(False))):
            self.ids[eid] = eid
            self.index[(mid, name_key(name))].append(eid)
        self.seen: dict[tuple[str, str], int] = {}
        self.seen_ids: dict[str, int] = {}
        self.refs = RecordRefs(session)

    def parse_catalogue_kind(self, value: Any) -> str:
        text = V.written(value, MAX_KIND_LEN)
        return known_kind(self.kinds, text) or text

    parse_visit_ref = staticmethod(visit_ref)

    def parse_tags(self, value: Any) -> str:
        tags = "、".join(tag_list(V.written(value)))
        if len(tags) > 200:
            raise V.ValueProblem(f"タグは合わせて200文字以内にしてください（{len(tags)}文字）")
        return tags

    def label(self, values: dict[str, Any]) -> str:
        return str(values.get("name", ""))

    def match(self, r: PlannedRow) -> None:
        self._match_entry(r)
        if "_mid" in r.values and not r.problems:
            self._sources(r)

    def _sources(self, r: PlannedRow) -> None:
        """The row's references (dates, a title) → the ids of the records they name, the linked
        one first where several fit."""
        v = r.values
        given = [k for k in _SOURCES if k in v]
        if len(given) > 1:
            self.problem(r, given[1], "把握のきっかけは訪問・相談・研修のどれか1列にだけ書いてください")
            return
        if not given:
            return
        key = given[0]
        stored = self.session.get(m.CatalogueEntry, r.target_id) if r.target_id else None
        linked = {getattr(stored, _SOURCES[key])} - {None} if stored is not None else set()
        try:
            if key == "source_visit":
                v[key] = self.refs.visit(v["_mid"], v[key], linked)
            elif key == "source_consultation":
                v[key] = self.refs.consultation(v["_mid"], v[key], linked)
            else:
                v[key] = self.refs.event(v[key], linked)
        except V.ValueProblem as exc:
            self.problem(r, key, str(exc))

    def _match_entry(self, r: PlannedRow) -> None:
        v = r.values
        mid = self._municipality(r)
        if v.get("participants", 0) > MAX_PARTICIPANTS:
            self.problem(r, "participants", f"参加人数 {v['participants']:,} は多すぎます（{MAX_PARTICIPANTS:,}人まで）")
        if mid is None or r.problems:
            return
        v["_mid"] = mid
        kind = v.get("kind")
        if kind and kind not in self.kinds and name_key(kind) not in self.new_kinds:
            self.new_kinds[name_key(kind)] = kind
            self.warn(r, "kind", f"種類「{kind}」は一覧にないため、新しい種類として追加します")
        elif kind and kind not in self.kinds:
            v["kind"] = self.new_kinds[name_key(kind)]  # one spelling for one new kind
        if self._by_id(r):
            return
        key = (mid, name_key(v["name"]))
        first = self.seen.get(key)
        if first is not None:
            self.problem(r, "name", f"同じ市町村・名称の行が{first}行目にもあります。1行にまとめてください")
            return
        self.seen[key] = r.row
        same = self.index.get(key, [])
        if len(same) == 1:
            r.action, r.target_id = UPDATE, same[0]
        elif len(same) > 1:
            self.problem(r, "name", f"{self.resolver.display(mid)}の「{v['name']}」が{len(same)}件登録されています。"
                         "どれを更新するか、ID列（出力したファイルの「ID」）で区別してください")
        else:
            r.action = CREATE

    def snapshot(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        e = m.CatalogueEntry
        out: dict[str, dict[str, Any]] = {}
        stored = (*_COLUMNS, *_SOURCES)
        for row in self.session.execute(
            select(e.id, e.municipality_id, *(getattr(e, c) for c in (*_COLUMNS, *_SOURCES.values())))
            .where(e.id.in_(list(ids)))
        ):
            out[row[0]] = {"_mid": row[1], **dict(zip(stored, row[2:]))}
        return out

    def differs(self, key: str, new: Any, stored: dict[str, Any]) -> bool:
        if key in _LEAVE_IF_UNKNOWN and new is None:
            return False
        return super().differs(key, new, stored)

    def write(self, rows: list[PlannedRow], check: Callable[[int], None]) -> tuple[int, int]:
        now = self.now
        base = {"created_at": now, "updated_at": now, "deleted": False}
        written = [r for r in rows if r.action in (CREATE, UPDATE)]
        wanted = {name_key(k): k for r in written if (k := r.values.get("kind")) and k not in self.kinds}
        ck = m.CatalogueKind
        last = self.session.scalar(select(func.max(ck.sort_order)).where(ck.deleted.is_(False)))
        start = (last if last is not None else -1) + 1
        kinds = [{"id": new_id(), "name": name, "sort_order": start + i, **base} for i, name in enumerate(wanted.values())]
        new, changed = [], []
        for r in written:
            v = r.values
            if r.action == CREATE:
                new.append({
                    "id": new_id(), "municipality_id": v["_mid"], **{c: v.get(k) for k, c in _SOURCES.items()},
                    **{c: v.get(c, None if c in ("participants", "contact_consent", "info_date") else "") for c in _COLUMNS},
                    "publishable": bool(v.get("publishable")), **base,
                })
                continue
            keys = r.extra.get("changed", ())
            rec: dict[str, Any] = {"id": r.target_id, "updated_at": now, **{c: v[c] for c in keys if c in _COLUMNS}}
            if "municipality" in keys or "municipality_code" in keys:
                rec["municipality_id"] = v["_mid"]
            if any(k in keys for k in _SOURCES):  # one source at a time: the others are cleared
                rec.update({c: v.get(k) for k, c in _SOURCES.items()})
            if len(rec) > 2:
                changed.append(rec)
        self._write_tables(check, (m.CatalogueKind, kinds, []), (m.CatalogueEntry, new, changed))
        return len(new), sum(1 for r in written if r.action == UPDATE)
