"""Importing the municipality list (市町村): matched by code, or by name for an update."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

from sasaeai_desktop.db import models as m
from sasaeai_desktop.domain.codes import municipality_uuid
from sasaeai_desktop.io.excel import values as V
from sasaeai_desktop.io.excel.sheets import MUNICIPALITIES
from sasaeai_desktop.services.imports.kind_base import ImportKind
from sasaeai_desktop.services.imports.parsers import Rule
from sasaeai_desktop.services.imports.plan_rows import CREATE
from sasaeai_desktop.services.imports.plan_rows import UPDATE
from sasaeai_desktop.services.imports.plan_rows import PlannedRow
from sasaeai_desktop.services.municipality_names import MunicipalityResolver
from sasaeai_desktop.services.municipality_names import place_key
from sasaeai_desktop.services.setup import META_PREFECTURE


class MunicipalityImport(ImportKind):
    kind = "municipalities"
    title = "市町村"
    spec = MUNICIPALITIES
    rules = {
        "code": Rule("code"),
        "name": Rule("text", 40),
        "kana": Rule("kana", 80),
        "kind": Rule("municipality_kind"),
        "county": Rule("text", 20),
        "population": Rule("count"),
        "aging_rate": Rule("aging_rate"),
        "daily_life_areas": Rule("count"),
        "address": Rule("text", 200),
        "phone": Rule("phone"),
        "notes": Rule("multiline"),
    }
    required_columns = (("code", "name"),)
    needs_value_columns = True
    tables = (m.Municipality,)
    _FIELDS = ("name", "kana", "kind", "county", "population", "aging_rate", "daily_life_areas", "address", "phone", "notes")

    def __init__(self, session: Session, columns: set[str]) -> None:
        super().__init__(session, columns)
        self.resolver = MunicipalityResolver.load(session)
        meta = session.get(m.LocalMeta, META_PREFECTURE)
        self.pref_code = meta.value if meta is not None else ""
        self.pref_id = session.scalar(select(m.Prefecture.id).where(m.Prefecture.code == self.pref_code))
        mun = m.Municipality
        rows = session.execute(select(mun.id, mun.code, mun.deleted)).all()
        self.by_code = {r[1]: r[0] for r in rows if not r[2]}
        self.deleted_ids = {r[0] for r in rows if r[2]}
        parents = session.execute(
            select(mun.id, mun.name).where(mun.designated_city.is_(True), mun.deleted.is_(False))
        ).all()
        self.cities = {r[1]: r[0] for r in parents}
        self.seen: dict[str, int] = {}

    def label(self, values: dict[str, Any]) -> str:
        return str(values.get("name") or values.get("code") or "")

    def match(self, r: PlannedRow) -> None:
        v = r.values
        code = v.get("code")
        if code is None:
            if "name" not in v:
                self.problem(r, "code", "コードか市町村名を入力してください")
                return
            try:
                target = self.resolver.resolve(v["name"])
            except V.ValueProblem as exc:
                self.problem(r, "name", f"{exc}（新しい市町村を登録するにはコードも入力してください）")
                return
            code = self.resolver.code_of(target)
            v["code"] = code
            r.extra["matched_by_name"] = True
        first = self.seen.get(code)
        if first is not None:
            self.problem(r, "code", f"コード {code} の市町村が{first}行目にもあります")
            return
        self.seen[code] = r.row
        if code in self.by_code:
            r.action, r.target_id = UPDATE, self.by_code[code]
            return
        if code[:2] != self.pref_code:
            self.problem(r, "code", f"コード {code} は{self.resolver.prefectures.get(code[:2], '他の都道府県')}の市町村です（このデータベースは{self.resolver.prefecture_name}用）")
            return
        if "name" not in v:
            self.problem(r, "name", "新しい市町村には市町村名が必要です")
            return
        if "kind" not in v:
            suffix = str(v["name"])[-1:]
            if suffix in ("市", "町", "村", "区"):
                v["kind"] = suffix
            else:
                self.problem(r, "kind", "新しい市町村には種別（市・町・村・区など）が必要です")
                return
        r.action = CREATE
        if str(municipality_uuid(code)) in self.deleted_ids:
            r.note = "削除済みの市町村を元に戻します"

    def _split_ward(self, name: str) -> tuple[str, str | None]:
        for city, city_id in self.cities.items():
            if name.startswith(city) and len(name) > len(city):
                return name[len(city):], city_id
        return name, None

    def snapshot(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        mun = m.Municipality
        parent = m.Municipality.__table__.alias("parent")
        t = mun.__table__
        rows = self.session.execute(
            select(t.c.id, t.c.code, func.coalesce(parent.c.name, "") + t.c.name, *(t.c[k] for k in self._FIELDS[1:]))
            .select_from(t.outerjoin(parent, parent.c.id == t.c.parent_id))
            .where(t.c.id.in_(list(ids)))
        ).all()
        return {r[0]: dict(zip(("code", "name", *self._FIELDS[1:]), r[1:])) for r in rows}

    def diff(self, values: dict[str, Any], stored: dict[str, Any]) -> tuple[str, ...]:
        out = []
        for k, v in values.items():
            if k not in stored or k == "code":
                continue
            old = stored[k]
            if k == "name" and place_key(str(v)) == place_key(str(old)):
                continue
            if k == "aging_rate" and old is not None and abs(float(old) - float(v)) < 1e-9:
                continue
            if not self.same(k, v, old):
                out.append(k)
        return tuple(out)

    def write(self, rows: list[PlannedRow], check: Callable[[int], None]) -> tuple[int, int]:
        creates, revive, updates = [], [], []
        for r in rows:
            v = r.values
            if r.action == CREATE:
                name, parent_id = v["name"], None
                if v.get("kind") == "区":
                    name, parent_id = self._split_ward(name)
                rec = {k: v.get(k) for k in self._FIELDS}
                rec.update(name=name, parent_id=parent_id, code=v["code"])
                for k in ("kana", "county", "address", "phone", "notes"):
                    rec[k] = rec[k] or ""
                mid = str(municipality_uuid(v["code"]))
                if mid in self.deleted_ids:
                    revive.append({"id": mid, **rec, "deleted": False, "updated_at": self.now})
                else:
                    creates.append({"id": mid, "prefecture_id": self.pref_id, "designated_city": False,
                                    "created_at": self.now, "updated_at": self.now, "deleted": False, **rec})
            elif r.action == UPDATE:
                changed = r.extra.get("changed", ())
                rec = {"id": r.target_id, "updated_at": self.now}
                for k in changed:
                    rec[k] = v[k]
                if "name" in rec:
                    rec["name"], _ = self._split_ward(str(rec["name"]))
                updates.append(rec)
        self._write_tables(check, (m.Municipality, creates, revive + updates))
        return len(creates) + len(revive), len(updates)
