"""Importing the people list (関係者名簿)."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.ids import new_ids
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.io.excel.sheets import PEOPLE
from sasaeai_desktop.services.imports.parsers import Rule
from sasaeai_desktop.services.imports.person_matching import Known
from sasaeai_desktop.services.imports.person_matching import PersonMatching
from sasaeai_desktop.services.imports.person_matching import agrees
from sasaeai_desktop.services.imports.person_matching import person_columns
from sasaeai_desktop.services.imports.plan_rows import ASK
from sasaeai_desktop.services.imports.plan_rows import CREATE
from sasaeai_desktop.services.imports.plan_rows import UPDATE
from sasaeai_desktop.services.imports.plan_rows import Candidate
from sasaeai_desktop.services.imports.plan_rows import PlannedRow
from sasaeai_desktop.services.municipality_names import MunicipalityResolver

# How a person's columns are read, here and in an event's sign-up list (services/trainings/imports.py).
PERSON_RULES = {
    "name": Rule("written", 80, required=True),  # as written: 塚 (U+FA10), 﨑 stay
    "kana": Rule("kana", 160),
    "role": Rule("role"),
    "municipality": Rule("municipality"),
    "affiliation": Rule("written", 200),
    "title": Rule("written", 80),
    "phone": Rule("phone"),
    "email": Rule("email"),
    "notes": Rule("written_multiline"),
}


class PeopleImport(PersonMatching):
    kind = "people"
    title = "関係者"
    spec = PEOPLE
    rules = {**PERSON_RULES, "id": Rule("record_id")}
    required_columns = (("name",),)
    tables = (m.Person,)
    _STORED = {"municipality": "municipality_id"}

    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        self.resolver = MunicipalityResolver.load(session)
        self.index = self._load_people(advisors=False)
        self.ids = self._load_ids(m.Person) if "id" in columns else {}
        self.seen_ids: dict[str, int] = {}
        self.seen: dict[tuple[str, str, str | None], int] = {}
        self.has_kana = "kana" in columns
        self.has_muni = "municipality" in columns

    def parse_municipality(self, value: Any) -> str:
        return self.resolver.resolve(value)

    def match(self, r: PlannedRow) -> None:
        v = r.values
        nk = name_key(v["name"])
        kk = kana_key(v.get("kana", ""))
        mid = v.get("municipality")
        r.extra["keys"] = (nk, kk)
        if "id" in v and self._by_id(r):
            return
        identity = (nk, kk if self.has_kana else "*", mid if self.has_muni else "*")
        first = self.seen.get(identity)
        if first is not None:
            self.problem(r, "name", f"同じ人が{first}行目にもあります（氏名・ふりがな・市町村が同じ）。1行にまとめてください")
            return
        self.seen[identity] = r.row
        known = self.index.get(nk)
        if not known:
            maybe = self._variant_matches(nk, kk, mid, same_municipality=self.has_muni)
            if maybe:
                self._ask(r, maybe, "同じ人かも: 字体だけが違う同じ読みの人が登録済みです（斉/齋 など）。"
                          "同じ人なら更新、別の人なら新規を選んでください")
                return
            r.action = CREATE
            return
        exact = [k for k in known if (not self.has_kana or k.kana_key == kk) and (not self.has_muni or k.municipality_id == mid)]
        if self._update_or_ask(r, exact, f"同じ氏名・ふりがな・市町村の人が{len(exact)}人登録されています。どの人を更新するか選んでください"):
            return
        partial = [k for k in known if agrees(k.kana_key, kk) and agrees(k.municipality_id, mid)]
        if partial:
            self._ask(r, partial, "同じ氏名の人が登録済みです（ふりがなか市町村が片方だけ空欄）。同じ人なら更新、別の人なら新規を選んでください")
            return
        r.action = CREATE

    def _ask(self, r: PlannedRow, known: Sequence[Known], message: str) -> None:
        r.action = ASK
        r.extra["ask"] = [k.id for k in known]
        self.problem(r, "name", message)
        r.extra["ask_problem"] = r.problems[-1]

    def finish(self, rows: list[PlannedRow]) -> None:
        super().finish(rows)
        asks = [r for r in rows if r.action == ASK]
        ids = sorted({i for r in asks for i in r.extra["ask"]})
        stored = self.snapshots(ids)
        for r in asks:
            r.candidates = tuple(
                Candidate(i, self._person_label(stored[i]["name"], stored[i]["kana"], stored[i]["municipality"]), stored[i])
                for i in r.extra["ask"] if i in stored
            )

    def snapshot(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        p, org = m.Person, m.Organisation
        # 所属 as the list and the export show it: the organisation's name when linked.
        rows = self.session.execute(
            select(p.id, p.name, p.kana, p.role, p.municipality_id, func.coalesce(org.name, p.affiliation),
                   p.title, p.phone, p.email, p.notes)
            .outerjoin(org, org.id == p.organisation_id)
            .where(p.id.in_(list(ids)))
        ).all()
        keys = ("name", "kana", "role", "municipality", "affiliation", "title", "phone", "email", "notes")
        return {r[0]: dict(zip(keys, r[1:])) for r in rows}

    def diff(self, values: dict[str, Any], stored: dict[str, Any]) -> tuple[str, ...]:
        return tuple(k for k, v in values.items() if k != "id" and not self.same(k, v, stored.get(k)))

    _NEW_PERSON = ("id", "name", "kana", "name_key", "kana_key", "role", "municipality_id",
                   "affiliation", "title", "phone", "email", "notes")

    def _new_person_constants(self) -> dict[str, Any]:
        """The columns every new person of one import shares, as ``_bulk_insert_rows`` takes them."""
        now = self._stored(m.Person, "created_at", self.now)
        return {"organisation_id": None, "merged_into_id": None, "created_at": now, "updated_at": now,
                "deleted": self._stored(m.Person, "deleted", False)}

    def _new_people(self, rows: list[PlannedRow]) -> Iterator[tuple[Any, ...]]:
        """The person rows to INSERT (in ``_NEW_PERSON`` order), made as the INSERT takes them."""
        ids = iter(new_ids(len(rows)))
        for r in rows:
            v = r.values
            get = v.get
            name = v["name"]
            kana = get("kana", "")
            keys = r.extra.get("keys") or (name_key(name), kana_key(kana))
            yield (next(ids), name, kana, keys[0], keys[1], get("role", ""), get("municipality"),
                   get("affiliation", ""), get("title", ""), get("phone", ""), get("email", ""), get("notes", ""))

    def write(self, rows: list[PlannedRow], check: Callable[[int], None]) -> tuple[int, int]:
        updates: list[dict[str, Any]] = []
        for r in rows:
            if r.action == UPDATE:
                rec: dict[str, Any] = {"id": r.target_id, "updated_at": self.now}
                for k in r.extra.get("changed", ()):
                    rec.update(person_columns(self._STORED.get(k, k), r.values[k]))
                updates.append(rec)
        creates = [r for r in rows if r.action == CREATE]
        self._bulk_insert_rows(m.Person, self._NEW_PERSON, self._new_people(creates), check, expected=len(creates),
                               same=self._new_person_constants())
        self._bulk_update(m.Person, updates, check)
        return len(creates), len(updates)
