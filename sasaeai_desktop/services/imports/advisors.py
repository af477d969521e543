"""Importing the advisor list (アドバイザー名簿): a person and their advisor record, activity fields
and the municipalities they are in charge of.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.fiscal_year import fiscal_year_of
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.domain.vocab_aliases import ACTIVITY_FIELD
from sasaeai_desktop.io.excel import values as V
from sasaeai_desktop.io.excel.sheets import ADVISORS_READ
from sasaeai_desktop.services.advisors.roster import role_rank
from sasaeai_desktop.services.advisors.roster import split_role
from sasaeai_desktop.services.imports.contact_consent import CONTACT_KEY
from sasaeai_desktop.services.imports.contact_consent import contact_consent_note
from sasaeai_desktop.services.imports.contact_consent import fold_contact_consent
from sasaeai_desktop.services.imports.parsers import Rule
from sasaeai_desktop.services.imports.person_matching import Known
from sasaeai_desktop.services.imports.person_matching import PersonMatching
from sasaeai_desktop.services.imports.person_matching import agrees
from sasaeai_desktop.services.imports.person_matching import person_columns
from sasaeai_desktop.services.imports.plan_rows import ASK
from sasaeai_desktop.services.imports.plan_rows import CREATE
from sasaeai_desktop.services.imports.plan_rows import SKIP
from sasaeai_desktop.services.imports.plan_rows import UPDATE
from sasaeai_desktop.services.imports.plan_rows import Candidate
from sasaeai_desktop.services.imports.plan_rows import PlannedRow
from sasaeai_desktop.services.imports.plan_rows import Problem
from sasaeai_desktop.services.imports.values import UnknownValue
from sasaeai_desktop.services.municipality_names import MunicipalityResolver
from sasaeai_desktop.services.municipality_names import place_key


class AdvisorImport(PersonMatching):
    kind = "advisors"
    title = "アドバイザー"
    spec = ADVISORS_READ  # the exported columns and the one-column consent (連絡先掲載)
    rules = {
        "name": Rule("written", 80, required=True),
        "kana": Rule("kana", 160),
        "category": Rule("advisor_category"),
        "affiliation": Rule("written", 200),
        "title": Rule("written", 80),
        "activity": Rule("written_multiline"),
        "fields": Rule("activity_fields"),
        "phone": Rule("phone"),
        "phone_ok": Rule("yes_no"),
        "email": Rule("email"),
        "email_ok": Rule("yes_no"),
        "contact_ok": Rule("yes_no"),
        "municipalities": Rule("municipality_list"),
        "active_from_fy": Rule("fiscal_year"),
        "active_to_fy": Rule("fiscal_year"),
        "notes": Rule("written_multiline"),
        "id": Rule("record_id"),
    }
    required_columns = (("name",),)
    tables = (m.Person, m.Advisor, m.AdvisorField, m.AdvisorAssignment)
    _PERSON = ("name", "kana", "title", "phone", "email")
    _ADVISOR = {"category": "category", "affiliation": "affiliation", "activity": "activity_text",
                "phone_ok": "publish_phone", "email_ok": "publish_email", "active_from_fy": "active_from_fy",
                "active_to_fy": "active_to_fy", "notes": "notes"}

    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        self.resolver = MunicipalityResolver.load(session)
        self.index = self._load_people(advisors=True)
        af = m.ActivityField
        self.field_names: dict[str, tuple[str, str]] = {}  # key → (id, name)
        for fid, fname in session.execute(select(af.id, af.name).where(af.deleted.is_(False)).order_by(af.sort_order)):
            self.field_names.setdefault(place_key(fname), (fid, fname))
        self.seen: dict[tuple[str, str], int] = {}
        self.ids = self._load_ids(m.Advisor) if "id" in columns else {}
        self.seen_ids: dict[str, int] = {}
        self.has_kana = "kana" in columns
        self.fiscal_year = fiscal_year_of(dt.date.today())

    # parsers needing the database
    def parse_municipality_list(self, value: Any) -> tuple[tuple[str, str], ...]:
        """'松本市（主担当）、塩尻市(副)、上田市' → ((id, '主担当'), (id, '副担当'), (id, '')): a role
        left out is not recorded in the file, and an update keeps the stored one (``set_changes``)."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return ((self.resolver.resolve(value), ""),)
        roles: dict[str, str] = {}
        bad: list[str] = []
        for item in V.split_list(value):
            name, role = split_role(item)
            try:
                mid = self.resolver.resolve(name)
            except V.ValueProblem as exc:
                bad.append(str(exc))
                continue
            roles.setdefault(mid, role)
        if bad:
            raise V.ValueProblem(" / ".join(bad))
        return tuple(roles.items())

    def value_choices(self, key: str) -> tuple[str, ...]:
        if key == "fields":  # the fields of this database (renamed or added ones too)
            return tuple(name for _, name in self.field_names.values())
        return super().value_choices(key)

    def parse_activity_fields(self, value: Any) -> tuple[str, ...]:
        ids: list[str] = []
        unknown: list[str] = []
        names = self.value_choices("fields")
        for item in V.split_list(value):
            hit = self.field_names.get(place_key(item))
            if hit is None:  # another wording of a field (協議体立ち上げ), or an answer to 「この値は？」
                name = self.values.lookup("fields", ACTIVITY_FIELD, item, choices=names)
                if name == "":
                    continue
                hit = self.field_names.get(place_key(name)) if name else None
            if hit is None:
                unknown.append(item)
            elif hit[0] not in ids:
                ids.append(hit[0])
        if unknown:
            raise UnknownValue(ACTIVITY_FIELD, unknown, names)
        return tuple(ids)

    def _fields_in_text(self, text: str) -> tuple[str, ...]:
        """The controlled fields the text names, in the order it names them: '協議体の立ち上げ、
        居場所づくりの支援。' → 協議体の立ち上げ, 居場所づくり (a name inside an item counts)."""
        key = place_key(text)
        found = sorted((key.find(k), fid) for k, (fid, _) in self.field_names.items() if k and k in key)
        return tuple(dict.fromkeys(fid for _, fid in found))

    def match(self, r: PlannedRow) -> None:
        v = r.values
        fold_contact_consent(v)
        if "fields" not in self.columns and v.get("activity"):
            # Only 日頃の活動分野: file it under the controlled fields its items name; the text stays as written.
            found = self._fields_in_text(v["activity"])
            if found:
                r.extra["fields_from_text"] = found
        nk, kk = name_key(v["name"]), kana_key(v.get("kana", ""))
        if self._by_id(r):
            return
        identity = (nk, kk if self.has_kana else "*")
        first = self.seen.get(identity)
        if first is not None:
            self.problem(r, "name", f"同じアドバイザーが{first}行目にもあります（氏名・ふりがなが同じ）。1行にまとめてください")
            return
        self.seen[identity] = r.row
        known = self.index.get(nk, ())
        advisors = [k for k in known if k.advisor_id]
        exact = [k for k in advisors if not self.has_kana or k.kana_key == kk]
        if self._update_or_ask(r, exact, f"同じ氏名・ふりがなのアドバイザーが{len(exact)}人登録されています。どの人を更新するか選んでください"):
            return
        partial = [k for k in known if agrees(k.kana_key, kk)]
        if partial:
            self._ask(r, partial, "同じ氏名の人が登録済みです。同じ人ならその人をアドバイザーとして更新、別の人なら新規を選んでください")
            return
        maybe = self._variant_matches(nk, kk, None, same_municipality=False) if not known else []
        if maybe:
            self._ask(r, maybe, "同じ人かも: 字体だけが違う同じ読みの人が登録済みです（斉/齋 など）。"
                      "同じ人ならその人をアドバイザーとして更新、別の人なら新規を選んでください")
            return
        r.action = CREATE

    def _target(self, known: Known) -> str | None:
        return known.advisor_id

    def _ask(self, r: PlannedRow, known: Sequence[Known], message: str) -> None:
        r.action = ASK
        r.extra["ask"] = [(k.advisor_id, k.id) for k in known]
        self.problem(r, "name", message)
        r.extra["ask_problem"] = r.problems[-1]

    def finish(self, rows: list[PlannedRow]) -> None:
        note = contact_consent_note(self.columns, self.where)
        if note:
            label, col = self.where.get(CONTACT_KEY, ("", None))
            self.warnings.append(Problem(self.sheet, None, label, note, col))
        super().finish(rows)
        asks = [r for r in rows if r.action == ASK]
        people = sorted({pid for r in asks for _, pid in r.extra["ask"]})
        stored = self.snapshots(people, self._person_snapshot)
        adv_ids = sorted({aid for r in asks for aid, _ in r.extra["ask"] if aid})
        adv_stored = self.snapshots(adv_ids)
        for r in asks:
            cands = []
            for aid, pid in r.extra["ask"]:
                s = adv_stored.get(aid) if aid else {**stored.get(pid, {}), "person_id": pid, "new_advisor": True}
                if not s:
                    continue
                label = self._person_label(s["name"], s["kana"], s.get("municipality"))
                cands.append(Candidate(aid or f"person:{pid}", label + ("" if aid else "・アドバイザー未登録"), s))
            r.candidates = tuple(cands)

    def decide(self, r: PlannedRow, choice: str | None) -> None:
        super().decide(r, choice)
        if r.action in (UPDATE, SKIP) and r.target_id and r.target_id.startswith("person:"):
            # An existing person, not yet an advisor: the advisor is created for them.
            r.action = CREATE
            r.extra["person_id"] = r.target_id[len("person:"):]
            r.extra["person_changed"] = r.extra.get("changed", ())
            r.target_id = None
            r.note = "登録済みの人をアドバイザーとして登録（確認済み）"

    def _person_snapshot(self, person_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        p = m.Person
        rows = self.session.execute(
            select(p.id, p.name, p.kana, p.title, p.phone, p.email, p.municipality_id).where(p.id.in_(list(person_ids)))
        ).all()
        return {r[0]: dict(zip(("name", "kana", "title", "phone", "email", "municipality"), r[1:])) for r in rows}

    def snapshot(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        a, p = m.Advisor, m.Person
        rows = self.session.execute(
            select(a.id, a.person_id, p.name, p.kana, p.title, p.phone, p.email, p.municipality_id, a.category,
                   a.affiliation, a.activity_text, a.publish_phone, a.publish_email, a.active_from_fy,
                   a.active_to_fy, a.notes)
            .join(p, p.id == a.person_id)
            .where(a.id.in_(list(ids)))
        ).all()
        out: dict[str, dict[str, Any]] = {}
        for r in rows:
            out[r[0]] = dict(zip(
                ("person_id", "name", "kana", "title", "phone", "email", "municipality", "category", "affiliation",
                 "activity", "phone_ok", "email_ok", "active_from_fy", "active_to_fy", "notes"), r[1:]))
            out[r[0]]["fields"] = ()
            out[r[0]]["municipalities"] = ()
        if out:
            af = m.AdvisorField
            for aid, fid in self.session.execute(
                select(af.advisor_id, af.field_id).where(af.advisor_id.in_(list(out)), af.deleted.is_(False))
            ):
                out[aid]["fields"] += (fid,)
            asg = m.AdvisorAssignment
            roles: dict[str, dict[str, str]] = defaultdict(dict)
            for aid, mid, role in self.session.execute(
                select(asg.advisor_id, asg.municipality_id, asg.role).where(
                    asg.advisor_id.in_(list(out)), asg.deleted.is_(False),
                    (asg.to_fy.is_(None)) | (asg.to_fy >= self.fiscal_year),
                ).order_by(asg.advisor_id, asg.id)
            ):
                held = roles[aid]
                if mid not in held or role_rank(role) < role_rank(held[mid]):
                    held[mid] = role or ""
            for aid, held in roles.items():
                out[aid]["municipalities"] = tuple(held.items())
        return out

    def set_changes(self, r: PlannedRow, before: dict[str, Any]) -> None:
        if r.extra.get("fields_from_text"):
            merged = tuple(dict.fromkeys((*before.get("fields", ()), *r.extra["fields_from_text"])))
            r.values["fields"] = merged
        if "municipalities" in r.values:
            # A municipality named without a role keeps the role the office recorded.
            stored = dict(before.get("municipalities", ()))
            r.values["municipalities"] = tuple(
                (mid, role or stored.get(mid, "")) for mid, role in r.values["municipalities"])
        super().set_changes(r, before)

    def diff(self, values: dict[str, Any], stored: dict[str, Any]) -> tuple[str, ...]:
        out = []
        for k, v in values.items():
            old = stored.get(k)
            if k in ("fields", "municipalities"):
                if set(old or ()) != set(v):
                    out.append(k)
            elif k in ("phone_ok", "email_ok") and v is None:
                continue  # '-' / 未定: leaves the recorded consent as it is
            elif k != "id" and not self.same(k, v, old):
                out.append(k)
        return tuple(out)

    def write(self, rows: list[PlannedRow], check: Callable[[int], None]) -> tuple[int, int]:
        now = self.now
        people, people_upd, advisors, advisor_upd = [], [], [], []
        links: list[dict[str, Any]] = []
        unlink: list[dict[str, Any]] = []
        assign: list[dict[str, Any]] = []
        end_assign: list[dict[str, Any]] = []
        new_roles: list[dict[str, Any]] = []
        base = {"created_at": now, "updated_at": now, "deleted": False}
        updates = [r for r in rows if r.action == UPDATE]
        stored_fields = self.snapshots([r.target_id for r in updates if r.target_id])
        for r in rows:
            v = r.values
            if r.action == CREATE:
                pid = r.extra.get("person_id")
                if pid is None:
                    pid = new_id()
                    name, kana = v["name"], v.get("kana", "")
                    people.append({
                        "id": pid, "name": name, "kana": kana, "name_key": name_key(name), "kana_key": kana_key(kana),
                        "role": "アドバイザー", "municipality_id": None, "organisation_id": None,
                        "affiliation": v.get("affiliation", ""), "title": v.get("title", ""),
                        "phone": v.get("phone", ""), "email": v.get("email", ""), "notes": "", "merged_into_id": None,
                        **base,
                    })
                else:
                    rec = {"id": pid, "updated_at": now}
                    for k in r.extra.get("person_changed", ()):
                        if k in self._PERSON:
                            rec.update(person_columns(k, v[k]))
                    if len(rec) > 2:
                        people_upd.append(rec)
                aid = new_id()
                advisors.append({
                    "id": aid, "person_id": pid, "category": v.get("category", ""), "affiliation": v.get("affiliation", ""),
                    "activity_text": v.get("activity", ""), "publish_phone": v.get("phone_ok"),
                    "publish_email": v.get("email_ok"), "active_from_fy": v.get("active_from_fy"),
                    "active_to_fy": v.get("active_to_fy"), "notes": v.get("notes", ""), **base,
                })
                for fid in v.get("fields") or r.extra.get("fields_from_text", ()):
                    links.append({"id": new_id(), "advisor_id": aid, "field_id": fid, **base})
                for mid, role in v.get("municipalities", ()):
                    assign.append({"id": new_id(), "advisor_id": aid, "municipality_id": mid, "role": role,
                                   "from_fy": None, "to_fy": None, **base})
            elif r.action == UPDATE:
                changed = r.extra.get("changed", ())
                before = stored_fields.get(r.target_id or "", {})
                prec = {"id": before.get("person_id"), "updated_at": now}
                arec: dict[str, Any] = {"id": r.target_id, "updated_at": now}
                for k in changed:
                    if k in self._PERSON:
                        prec.update(person_columns(k, v[k]))
                    elif k in self._ADVISOR:
                        arec[self._ADVISOR[k]] = v[k]
                if len(prec) > 2 and prec["id"]:
                    people_upd.append(prec)
                if len(arec) > 2:
                    advisor_upd.append(arec)
                if "fields" in changed:
                    have_fields = set(before.get("fields", ()))
                    for fid in v["fields"]:
                        if fid not in have_fields:
                            links.append({"id": new_id(), "advisor_id": r.target_id, "field_id": fid, **base})
                    if have_fields - set(v["fields"]):
                        unlink.append({"advisor_id": r.target_id, "fields": have_fields - set(v["fields"])})
                if "municipalities" in changed:
                    want, have = dict(v["municipalities"]), dict(before.get("municipalities", ()))
                    for mid, role in want.items():
                        if mid not in have:
                            assign.append({"id": new_id(), "advisor_id": r.target_id, "municipality_id": mid, "role": role,
                                           "from_fy": None, "to_fy": None, **base})
                        elif have[mid] != role:
                            new_roles.append({"advisor_id": r.target_id, "municipality_id": mid, "role": role})
                    if have.keys() - want.keys():
                        end_assign.append({"advisor_id": r.target_id, "municipalities": have.keys() - want.keys()})
        self._write_tables(check, (m.Person, people, people_upd), (m.Advisor, advisors, advisor_upd),
                           (m.AdvisorField, links, []), (m.AdvisorAssignment, assign, []))
        af, asg = m.AdvisorField, m.AdvisorAssignment
        for u in unlink:
            self.session.execute(
                update(af).where(af.advisor_id == u["advisor_id"], af.field_id.in_(sorted(u["fields"])), af.deleted.is_(False))
                .values(deleted=True, updated_at=now)
            )
        for e in end_assign:
            # No longer in charge: ended last 年度 (kept as history), or removed when it began this 年度.
            cond = (asg.advisor_id == e["advisor_id"], asg.municipality_id.in_(sorted(e["municipalities"])),
                    asg.deleted.is_(False), asg.to_fy.is_(None) | (asg.to_fy >= self.fiscal_year))
            self.session.execute(
                update(asg).where(*cond, asg.from_fy.is_not(None), asg.from_fy >= self.fiscal_year)
                .values(deleted=True, updated_at=now)
            )
            self.session.execute(update(asg).where(*cond).values(to_fy=self.fiscal_year - 1, updated_at=now))
        for n in new_roles:
            # Still in charge, another role (主担当 ↔ 副担当): the current assignment changes in place, as the form does.
            self.session.execute(
                update(asg).where(asg.advisor_id == n["advisor_id"], asg.municipality_id == n["municipality_id"],
                                  asg.deleted.is_(False), asg.to_fy.is_(None) | (asg.to_fy >= self.fiscal_year))
                .values(role=n["role"], updated_at=now)
            )
        return len(advisors), len(updates)
