"""Viewing, creating, editing and (soft) deleting municipalities."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace

from sqlalchemy import func
from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.codes import CodeError
from sasaeai_desktop.domain.codes import municipality_uuid
from sasaeai_desktop.domain.codes import normalize_code
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.names import to_hiragana
from sasaeai_desktop.services.records import live_row
from sasaeai_desktop.services.records import soft_delete
from sasaeai_desktop.services.records import write_fields
from sasaeai_desktop.services.setup import META_PREFECTURE


@dataclass(frozen=True)
class MunicipalityData:
    """A municipality as a form edits it. ``id`` is None for a new one."""

    id: str | None
    code: str
    name: str
    kana: str = ""
    kind: str = "市"
    county: str = ""
    parent_id: str | None = None
    parent_name: str = ""
    designated_city: bool = False
    population: int | None = None
    aging_rate: float | None = None
    daily_life_areas: int | None = None
    address: str = ""
    phone: str = ""
    notes: str = ""

    @property
    def display_name(self) -> str:
        return f"{self.parent_name}{self.name}" if self.parent_name else self.name


_EDITABLE = (
    "code", "name", "kana", "kind", "county", "parent_id", "designated_city", "population",
    "aging_rate", "daily_life_areas", "address", "phone", "notes",
)


def _to_data(row: m.Municipality) -> MunicipalityData:
    return MunicipalityData(
        id=row.id, parent_name=row.parent.name if row.parent is not None else "",
        **{k: getattr(row, k) for k in _EDITABLE},
    )


def get(uow: UnitOfWork, municipality_id: str) -> MunicipalityData:
    with uow:
        return _to_data(live_row(uow, m.Municipality, municipality_id, "指定された市町村は見つかりません（削除された可能性があります）。"))


def find_by_code(uow: UnitOfWork, code: str) -> MunicipalityData | None:
    with uow:
        row = uow.session.scalar(
            select(m.Municipality).where(m.Municipality.code == code, m.Municipality.deleted.is_(False))
        )
        return _to_data(row) if row is not None else None


def choices(uow: UnitOfWork, *, include_wards: bool = True) -> list[tuple[str, str]]:
    """(id, display name) of every municipality in code order, for combo boxes and type-ahead."""
    parent = m.Municipality.__table__.alias("parent")
    mun = m.Municipality.__table__
    stmt = (
        select(mun.c.id, func.coalesce(parent.c.name, "") + mun.c.name)
        .select_from(mun.outerjoin(parent, parent.c.id == mun.c.parent_id))
        .where(mun.c.deleted.is_(False))
        .order_by(mun.c.code)
    )
    if not include_wards:
        stmt = stmt.where(mun.c.kind != "区")
    with uow:
        return [(r[0], r[1]) for r in uow.session.execute(stmt)]


def readings(uow: UnitOfWork) -> dict[str, str]:
    """id → ふりがな of every municipality that has one, for type-ahead by reading (まつ → 松本市)."""
    mun = m.Municipality.__table__
    with uow:
        return {r[0]: r[1] for r in uow.session.execute(
            select(mun.c.id, mun.c.kana).where(mun.c.deleted.is_(False), mun.c.kana != "")
        )}


def validate(data: MunicipalityData) -> MunicipalityData:
    """Normalised copy of ``data``; raises ValidationError naming each bad field."""
    errors: dict[str, str] = {}
    code = clean_text(data.code)
    try:
        code = normalize_code(code)
    except (CodeError, ValueError) as exc:
        errors["code"] = str(exc)
    name = clean_text(data.name)
    if not name:
        errors["name"] = "市町村名を入力してください。"
    if data.kind not in vocab.MUNICIPALITY_KINDS:
        errors["kind"] = f"種別は {'、'.join(vocab.MUNICIPALITY_KINDS)} のいずれかです。"
    if data.population is not None and data.population < 0:
        errors["population"] = "人口は0以上の数です。"
    if data.aging_rate is not None and not 0 <= data.aging_rate <= 100:
        errors["aging_rate"] = "高齢化率は0〜100（%）です。"
    if data.daily_life_areas is not None and data.daily_life_areas < 0:
        errors["daily_life_areas"] = "日常生活圏域数は0以上の数です。"
    if errors:
        raise ValidationError(errors)
    return replace(
        data,
        code=code,
        name=name,
        kana=to_hiragana(clean_text(data.kana)),
        county=clean_text(data.county),
        address=clean_text(data.address),
        phone=clean_text(data.phone),
        notes=clean_text(data.notes, multiline=True),
    )


def save(uow: UnitOfWork, data: MunicipalityData) -> str:
    """Create (``id`` None) or update a municipality; returns its id."""
    data = validate(data)
    with uow:
        s = uow.session
        same_code = s.scalar(
            select(m.Municipality.id).where(
                m.Municipality.code == data.code, m.Municipality.deleted.is_(False), m.Municipality.id != (data.id or "")
            )
        )
        if same_code is not None:
            raise ValidationError({"code": f"コード {data.code} の市町村は既に登録されています。"})
        if data.id is None:
            pref_code = s.get(m.LocalMeta, META_PREFECTURE)
            pref = s.scalar(select(m.Prefecture).where(m.Prefecture.code == (pref_code.value if pref_code else "")))
            if pref is None:
                raise UserError("先に都道府県を設定してください（sasaeai init）。")
            new_id = str(municipality_uuid(data.code))
            row = s.get(m.Municipality, new_id)
            if row is None:  # a soft-deleted row with the same code comes back instead of a twin
                row = m.Municipality(id=new_id, prefecture_id=pref.id)
                s.add(row)
            row.deleted = False
        else:
            row = s.get(m.Municipality, data.id)
            if row is None:
                raise NotFoundError("指定された市町村は見つかりません。")
        return write_fields(uow, row, data, _EDITABLE)


def delete(uow: UnitOfWork, municipality_id: str) -> None:
    """Soft delete: visits and statuses keep pointing at it (sync-design.md §5)."""
    soft_delete(uow, m.Municipality, municipality_id, "指定された市町村は見つかりません。", again_is_missing=False)


def insurers(uow: UnitOfWork) -> list[tuple[str, str, str]]:
    """(id, code, name) of every insurer, by code. Call inside ``with uow``."""
    mun = m.Municipality
    return [
        (r[0], r[1], r[2])
        for r in uow.session.execute(
            select(mun.id, mun.code, mun.name)
            .where(mun.deleted.is_(False), mun.kind.in_(sorted(vocab.INSURER_KINDS)))
            .order_by(mun.code)
        ).all()
    ]
