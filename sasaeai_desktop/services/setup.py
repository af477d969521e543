"""Creating the database for one prefecture (``sasaeai init``) and the facts about this database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select
from sqlalchemy import insert
from sqlalchemy import select

from sasaeai_desktop.db.models import ActivityField
from sasaeai_desktop.db.models import LocalMeta
from sasaeai_desktop.db.models import Municipality
from sasaeai_desktop.db.models import Prefecture
from sasaeai_desktop.db.models import RegionKind
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.codes import municipality_uuid
from sasaeai_desktop.domain.codes import prefecture_uuid
from sasaeai_desktop.domain.errors import UnknownPrefectureError
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.names import to_hiragana
from sasaeai_desktop.io import master_data

META_DATASET = "dataset_id"
META_REPLICA = "replica_id"
META_PREFECTURE = "prefecture_code"


@dataclass(frozen=True)
class InitResult:
    prefecture_code: str
    prefecture_name: str
    created: int  # municipalities added now
    total: int  # municipalities of the prefecture in the database


_SUFFIXES = (("県", "けん"), ("府", "ふ"), ("都", "と"))


def _short_forms(p: master_data.MasterPrefecture) -> set[str]:
    """'長野' and 'ながの' for 長野県; 北海道 has no short form."""
    for kanji, kana in _SUFFIXES:
        if p.name.endswith(kanji) and p.kana.endswith(kana):
            return {p.name[: -len(kanji)], p.kana[: -len(kana)]}
    return set()


def find_prefecture(query: str) -> master_data.MasterPrefecture:
    """By name (長野県, 長野), kana, 2-digit code (20, ２０, 1 → 01) or 6-digit code (200000)."""
    q = clean_text(str(query)).replace(" ", "")
    if q.isdigit() and len(q) == 1:
        q = "0" + q
    kana_q = to_hiragana(q)
    for p in master_data.prefectures():
        if q in (p.name, p.code, p.lg_code) or kana_q == p.kana or q in _short_forms(p) or kana_q in _short_forms(p):
            return p
    raise UnknownPrefectureError(str(query), [p.name for p in master_data.prefectures()])


def get_meta(uow: UnitOfWork, key: str) -> str | None:
    with uow:
        row = uow.session.get(LocalMeta, key)
        return row.value if row is not None else None


def current_prefecture(uow: UnitOfWork) -> tuple[str, str] | None:
    """(code, name) of the prefecture this database is for, or None before ``init``."""
    with uow:
        row = uow.session.execute(prefecture_query()).first()
    return None if row is None else (row[0], row[1] or "")


def prefecture_query() -> Select[str, str]:
    """(code, name) of this database's prefecture, no row before ``init``; the name is None for a
    code the master data does not know (outer join)."""
    return (
        select(LocalMeta.value, Prefecture.name)
        .outerjoin(Prefecture, Prefecture.code == LocalMeta.value)
        .where(LocalMeta.key == META_PREFECTURE)
        .limit(1)
    )


def init_prefecture(uow: UnitOfWork, query: str) -> InitResult:
    """Create the prefecture and load its municipalities; running it again changes nothing."""
    pref = find_prefecture(query)
    with uow:
        s = uow.session
        existing = s.get(LocalMeta, META_PREFECTURE)
        if existing is not None and existing.value != pref.code:
            other = s.scalar(select(Prefecture.name).where(Prefecture.code == existing.value))
            raise UserError(
                f"このデータベースは{other or existing.value}用に作成済みです。"
                f"{pref.name}を扱うには、別のデータベース（--db で指定）を作成してください。"
            )
        if existing is None:
            s.add(LocalMeta(key=META_PREFECTURE, value=pref.code))
        for key in (META_DATASET, META_REPLICA):
            if s.get(LocalMeta, key) is None:
                s.add(LocalMeta(key=key, value=new_id()))
        pref_id = str(prefecture_uuid(pref.code))
        if s.get(Prefecture, pref_id) is None:
            s.add(Prefecture(id=pref_id, code=pref.code, lg_code=pref.lg_code, name=pref.name, kana=pref.kana))
        s.flush()
        present = set(s.scalars(select(Municipality.code).where(Municipality.prefecture_id == pref_id)))
        rows = []
        for m in master_data.municipalities_of(pref.code):
            if m.code in present:
                continue
            rows.append(
                dict(
                    id=str(municipality_uuid(m.code)),
                    prefecture_id=pref_id,
                    code=m.code,
                    name=m.name,
                    kana=m.kana,
                    kind=m.kind,
                    county=m.county,
                    parent_id=str(municipality_uuid(m.parent_code)) if m.parent_code else None,
                    designated_city=m.designated_city,
                )
            )
        # Parents (designated cities) sort before their wards by code, so FK order holds.
        if rows:
            s.execute(insert(Municipality), rows)
        _seed_vocabularies(uow)
        total = len(present) + len(rows)
        uow.commit()
        return InitResult(pref.code, pref.name, len(rows), total)


def _seed_vocabularies(uow: UnitOfWork) -> None:
    s = uow.session
    if s.scalar(select(ActivityField.id).limit(1)) is None:
        s.execute(
            insert(ActivityField),
            [dict(name=n, sort_order=i) for i, n in enumerate(vocab.DEFAULT_ACTIVITY_FIELDS)],
        )
    if s.scalar(select(RegionKind.id).limit(1)) is None:
        s.execute(insert(RegionKind), [dict(name=n, sort_order=i) for i, n in enumerate(vocab.REGION_KINDS_DEFAULT)])
    # imported here: the catalogue's services build on this module
    from sasaeai_desktop.services.catalogue.kinds import seed_defaults

    seed_defaults(s)
