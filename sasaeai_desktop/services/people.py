"""Viewing, creating, editing and (soft) deleting people."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace
from typing import Any

from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.contact import contact_problems
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.names import kana_key
from sasaeai_desktop.domain.names import name_key
from sasaeai_desktop.domain.names import to_hiragana
from sasaeai_desktop.domain.names import written_text
from sasaeai_desktop.services.records import live_row
from sasaeai_desktop.services.records import row_to_save
from sasaeai_desktop.services.records import soft_delete
from sasaeai_desktop.services.records import write_fields


@dataclass(frozen=True)
class PersonData:
    id: str | None
    name: str
    kana: str = ""
    role: str = ""
    municipality_id: str | None = None
    organisation_id: str | None = None
    affiliation: str = ""
    title: str = ""
    phone: str = ""
    email: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PersonMatch:
    id: str
    name: str
    kana: str
    municipality: str
    exact: bool  # same name as typed; False when only the folded key (髙→高) matches


_EDITABLE = ("name", "kana", "role", "municipality_id", "organisation_id", "affiliation", "title", "phone", "email", "notes")


def _to_data(row: m.Person) -> PersonData:
    return PersonData(**{"id": row.id, **{k: getattr(row, k) for k in _EDITABLE}})


def get(uow: UnitOfWork, person_id: str) -> PersonData:
    with uow:
        return _to_data(live_row(uow, m.Person, person_id, "指定された人は見つかりません（削除された可能性があります）。"))


def validate(data: PersonData) -> PersonData:
    errors: dict[str, str] = {}
    # Names, 所属, 職名 and 備考 as typed (no NFKC: 塚 U+FA10, 﨑, 髙 stay); the reading is folded to
    # hiragana (a pronunciation, as imports store it); phone, e-mail and role are folded to be checked.
    name = written_text(data.name)
    if not name:
        errors["name"] = "氏名を入力してください。"
    phone, email = clean_text(data.phone), clean_text(data.email)
    errors.update(contact_problems(phone, email))
    role = clean_text(data.role)
    if role and role not in vocab.ROLES:
        errors["role"] = f"役割は {'、'.join(vocab.ROLES)} のいずれかです。"
    if errors:
        raise ValidationError(errors)
    return replace(
        data,
        name=name,
        kana=to_hiragana(clean_text(data.kana)),
        role=role,
        affiliation=written_text(data.affiliation),
        title=written_text(data.title),
        phone=phone,
        email=email,
        notes=written_text(data.notes, multiline=True),
    )


def save(uow: UnitOfWork, data: PersonData) -> str:
    data = validate(data)
    with uow:
        row = row_to_save(uow, m.Person, data.id, "指定された人は見つかりません。")
        row.name_key = name_key(data.name)
        row.kana_key = kana_key(data.kana)
        return write_fields(uow, row, data, _EDITABLE)


def delete(uow: UnitOfWork, person_id: str) -> None:
    """Soft delete: visits, registrations and attendance keep their history."""
    soft_delete(uow, m.Person, person_id, "指定された人は見つかりません。", again_is_missing=False)


def delete_unused(uow: UnitOfWork, person_ids: list[str] | tuple[str, ...]) -> list[str]:
    """Soft-delete the given people that nothing live refers to (no visit, registration, advisor,
    consultation, task …); returns those deleted. For people registered from a form that was then
    thrown away: they were typed for that record only, and must not stay behind as strays."""
    if not person_ids:
        return []
    deleted = []
    with uow:
        s = uow.session
        for pid in person_ids:
            row = s.get(m.Person, pid)
            if row is None or row.deleted or _is_referenced(s, pid):
                continue
            row.deleted = True
            deleted.append(pid)
        uow.commit()
    return deleted


def _is_referenced(s: Any, person_id: str) -> bool:
    # Every column that points at person.id, found from the schema so a new table is not forgotten.
    for table in m.Base.metadata.sorted_tables:
        if table.name == "person":
            continue
        for column in table.columns:
            if any(fk.column.table.name == "person" for fk in column.foreign_keys):
                live = [column == person_id]
                if "deleted" in table.columns:
                    live.append(table.c.deleted.is_(False))
                if s.execute(select(func.count()).select_from(table).where(*live)).scalar_one():
                    return True
    return False


def find_matches(uow: UnitOfWork, name: str, kana: str = "", municipality_id: str | None = None, limit: int = 10) -> list[PersonMatch]:
    """Existing people who may be the one being typed (normalised name or kana, same municipality first)."""
    nk, kk = name_key(name), kana_key(kana)
    if not nk and not kk:
        return []
    mun = m.Municipality
    conds = []
    if nk:
        conds.append(m.Person.name_key == nk)
    if kk:
        conds.append(m.Person.kana_key == kk)
    stmt = (
        select(m.Person.id, m.Person.name, m.Person.kana, func.coalesce(mun.name, ""), m.Person.municipality_id)
        .outerjoin(mun, mun.id == m.Person.municipality_id)
        .where(m.Person.deleted.is_(False), m.Person.merged_into_id.is_(None), or_(*conds))
        .limit(200)
    )
    with uow:
        rows = uow.session.execute(stmt).all()
    typed = written_text(name)  # as the form stores it: 塚 U+FA10 typed is exact for 塚 U+FA10 stored
    ranked = sorted(rows, key=lambda r: (r[4] != municipality_id, r[1] != typed, r[2]))
    return [PersonMatch(r[0], r[1], r[2], r[3], r[1] == typed) for r in ranked[:limit]]
