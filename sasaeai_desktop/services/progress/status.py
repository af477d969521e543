"""Each municipality's progress per 年度: the 京都府 市町村間情報交換用シート (handbook p.57).

One live row per (municipality, 年度) is a service rule, not a UNIQUE constraint: two laptops may
both create the row and sync keeps both. Readers here therefore pick one row deterministically (the
most recently updated), and ``save_status`` folds the extra rows into the one it keeps.

A status is handled as a plain ``dict`` of field key → value (``FIELDS`` says the type and label of
each); ``version_of(values)`` is a short content hash, which the survey workbooks carry so a return
made from older data can be recognised field by field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from typing import Literal

from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.models.base import utcnow
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.errors import NotFoundError
from sasaeai_desktop.domain.errors import UserError
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.fiscal_year import fiscal_year_label
from sasaeai_desktop.domain.ids import new_id
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.status_table import CompiledCells
from sasaeai_desktop.domain.status_table import CompiledGroup
from sasaeai_desktop.domain.status_table import CompiledRow
from sasaeai_desktop.domain.status_table import CompiledTable
from sasaeai_desktop.services import municipalities
from sasaeai_desktop.services.progress import regions

FieldKind = Literal["date", "bool", "int", "text", "multiline", "stage"]


@dataclass(frozen=True)
class StatusField:
    key: str
    label: str  # as on the sheet
    kind: FieldKind
    group: str  # the sheet's column group (総合事業移行, 第1層SC, …)
    max_len: int = 200
    help: str = ""


def _service_fields() -> list[StatusField]:
    out = []
    for key in m.SERVICE_TYPES:
        label = vocab.SERVICE_TYPE_LABELS[key]
        out.append(StatusField(key, f"{label}の実施", "bool", "総合事業のサービス類型", help="あり／なし"))
        out.append(StatusField(f"{key}_note", f"{label}の内容（1行）", "text", "総合事業のサービス類型"))
    return out


FIELDS: tuple[StatusField, ...] = (
    StatusField("transition_date", "総合事業の移行時期", "date", "総合事業への移行", help="例: 2017/4/1、平成29年4月、H29.4"),
    StatusField("transition_note", "移行についての補足", "text", "総合事業への移行"),
    StatusField("sc1_placed", "第1層SCの配置", "bool", "第1層 生活支援コーディネーター", help="あり／なし"),
    StatusField("sc1_entrusted_to", "委託先（直営なら空欄）", "text", "第1層 生活支援コーディネーター"),
    StatusField("sc1_since", "配置の時期", "date", "第1層 生活支援コーディネーター"),
    StatusField("sc1_count", "第1層SCの人数", "int", "第1層 生活支援コーディネーター"),
    StatusField("sc2_placed_areas", "第2層SCを配置した圏域数", "int", "第2層 生活支援コーディネーター"),
    StatusField("sc2_total_areas", "日常生活圏域の数", "int", "第2層 生活支援コーディネーター"),
    StatusField("sc2_note", "第2層SCの補足", "text", "第2層 生活支援コーディネーター"),
    StatusField("council1_established", "第1層協議体の設置", "bool", "第1層 協議体", help="あり／なし"),
    StatusField("council1_since", "設置の時期", "date", "第1層 協議体"),
    StatusField("council1_meetings_per_year", "開催回数（年）", "int", "第1層 協議体"),
    StatusField("council2_established_areas", "第2層協議体を設置した圏域数", "int", "第2層 協議体"),
    StatusField("council2_total_areas", "日常生活圏域の数（協議体）", "int", "第2層 協議体"),
    StatusField("council2_note", "第2層協議体の補足", "text", "第2層 協議体", help="例: 既存会議を活用し検討中"),
    *_service_fields(),
    StatusField("stage", "推進段階", "stage", "推進段階", help="①基盤整備 ②ニーズと担い手の掘り起こし ③地域の課題解決"),
    StatusField("strengths", "地域の強み", "multiline", "地域の強み・課題・求める支援", max_len=2000),
    StatusField("issues", "課題", "multiline", "地域の強み・課題・求める支援", max_len=2000),
    StatusField("support_wanted", "県に求める支援", "multiline", "地域の強み・課題・求める支援", max_len=2000),
)
FIELD_BY_KEY: dict[str, StatusField] = {f.key: f for f in FIELDS}
KEYS: tuple[str, ...] = tuple(f.key for f in FIELDS)
GROUPS: tuple[str, ...] = tuple(dict.fromkeys(f.group for f in FIELDS))
_COLUMNS = [getattr(m.MunicipalityStatus, k) for k in KEYS]

SERVICE_KEYS: tuple[str, ...] = m.SERVICE_TYPES
STAGES: dict[int, str] = dict(vocab.STAGES)

SOURCE_INPUT = "入力"
SOURCE_SURVEY = "調査票"
SOURCE_COPY = "前年度から複写"


def empty_values() -> dict[str, Any]:
    return {f.key: ("" if f.kind in ("text", "multiline") else None) for f in FIELDS}


def stage_label(stage: int | None) -> str:
    return vocab.STAGES.get(stage, "") if stage else ""


def _json_default(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    raise TypeError(type(v))


def version_of(values: dict[str, Any]) -> str:
    """A short hash of the field values: equal values, equal version (whatever updated_at says)."""
    canon = json.dumps([values.get(k) for k in KEYS], default=_json_default, ensure_ascii=False)
    return hashlib.sha1(canon.encode("utf-8")).hexdigest()[:16]


def values_to_json(values: dict[str, Any]) -> str:
    return json.dumps({k: values.get(k) for k in KEYS}, default=_json_default, ensure_ascii=False)


def values_from_json(text: str) -> dict[str, Any]:
    raw = json.loads(text)
    out = empty_values()
    for k, v in raw.items():
        f = FIELD_BY_KEY.get(k)
        if f is None:
            continue
        if f.kind == "date" and isinstance(v, str) and v:
            v = dt.date.fromisoformat(v[:10])
        out[k] = v
    return out


@dataclass(frozen=True)
class StatusRecord:
    municipality_id: str
    fiscal_year: int
    values: dict[str, Any]
    id: str | None = None  # None: not saved yet (a copy of an earlier 年度, or empty)
    updated_at: dt.datetime | None = None
    source: str = ""
    as_of: dt.date | None = None
    copied_from_year: int | None = None  # set when values come from an earlier 年度

    @property
    def version(self) -> str:
        return version_of(self.values)


# --- reading -------------------------------------------------------------------------------------


def _row_values(row: Any) -> dict[str, Any]:
    return dict(zip(KEYS, row))


_META = (
    m.MunicipalityStatus.id, m.MunicipalityStatus.municipality_id, m.MunicipalityStatus.fiscal_year,
    m.MunicipalityStatus.updated_at, m.MunicipalityStatus.source, m.MunicipalityStatus.as_of,
)


def _records(uow: UnitOfWork, *where: Any) -> list[StatusRecord]:
    ms = m.MunicipalityStatus
    rows = uow.session.execute(
        select(*_META, *_COLUMNS).where(ms.deleted.is_(False), *where).order_by(ms.fiscal_year, ms.updated_at, ms.id)
    ).all()
    out: dict[tuple[str, int], StatusRecord] = {}
    for r in rows:  # ordered by updated_at: the most recent row per (municipality, 年度) wins
        out[(r[1], r[2])] = StatusRecord(r[1], r[2], _row_values(r[6:]), r[0], r[3], r[4] or "", r[5])
    return list(out.values())


def statuses_for_year(uow: UnitOfWork, fiscal_year: int) -> dict[str, StatusRecord]:
    """Every municipality's status for one 年度 (municipality id → record). Call inside ``with uow``."""
    return {r.municipality_id: r for r in _records(uow, m.MunicipalityStatus.fiscal_year == fiscal_year)}


def latest_statuses(uow: UnitOfWork, fiscal_year: int) -> dict[str, StatusRecord]:
    """For each municipality the status of ``fiscal_year``, else its latest earlier one (as a copy)."""
    ms = m.MunicipalityStatus
    out: dict[str, StatusRecord] = {}
    for r in _records(uow, ms.fiscal_year <= fiscal_year):
        out[r.municipality_id] = r  # ordered by fiscal year: the last one wins
    for mid, r in list(out.items()):
        if r.fiscal_year != fiscal_year:
            out[mid] = StatusRecord(mid, fiscal_year, dict(r.values), None, None, SOURCE_COPY, None, r.fiscal_year)
    return out


def get_status(uow: UnitOfWork, municipality_id: str, fiscal_year: int) -> StatusRecord:
    """The status for that 年度; when there is none yet, a copy of the latest earlier one (unsaved)
    or an empty record. ``id is None`` tells the form it is new."""
    ms = m.MunicipalityStatus
    with uow:
        if uow.session.get(m.Municipality, municipality_id) is None:
            raise NotFoundError("市町村が見つかりません（削除された可能性があります）。")
        recs = _records(uow, ms.municipality_id == municipality_id, ms.fiscal_year <= fiscal_year)
    if recs and recs[-1].fiscal_year == fiscal_year:
        return recs[-1]
    if recs:
        last = recs[-1]
        return StatusRecord(municipality_id, fiscal_year, dict(last.values), None, None, SOURCE_COPY, None, last.fiscal_year)
    return StatusRecord(municipality_id, fiscal_year, empty_values())


def history(uow: UnitOfWork, municipality_id: str) -> list[StatusRecord]:
    """Every 年度 recorded for the municipality, oldest first."""
    with uow:
        return _records(uow, m.MunicipalityStatus.municipality_id == municipality_id)


def fiscal_years(uow: UnitOfWork) -> list[int]:
    """The 年度 that have any status, newest first."""
    ms = m.MunicipalityStatus
    with uow:
        return list(
            uow.session.scalars(
                select(ms.fiscal_year).where(ms.deleted.is_(False)).group_by(ms.fiscal_year).order_by(ms.fiscal_year.desc())
            )
        )


# --- validation and saving ---------------------------------------------------------------------------


def _coerce(f: StatusField, value: Any) -> Any:
    """Python value for one field, or ValueError with a Japanese message."""
    if f.kind in ("text", "multiline"):
        text = clean_text("" if value is None else str(value), multiline=f.kind == "multiline")
        if len(text) > f.max_len:
            raise ValueError(f"「{f.label}」は{f.max_len}文字以内にしてください（{len(text)}文字）。")
        return text
    if value is None or value == "":
        return None
    if f.kind == "bool":
        if isinstance(value, bool):
            return value
        raise ValueError(f"「{f.label}」は「あり」か「なし」です。")
    if f.kind in ("int", "stage"):
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                raise ValueError(f"「{f.label}」は整数で入力してください。")
        if f.kind == "stage" and value not in vocab.STAGES:
            raise ValueError(f"「{f.label}」は ①〜③（1〜3）のいずれかです（入力: {value}）。")
        if value < 0:
            raise ValueError(f"「{f.label}」は 0 以上にしてください（入力: {value}）。")
        if f.key == "council1_meetings_per_year" and value > 366:
            raise ValueError(f"「{f.label}」が大きすぎます（入力: {value}）。")
        if value > 100000:
            raise ValueError(f"「{f.label}」が大きすぎます（入力: {value}）。")
        return value
    if f.kind == "date":
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            raise ValueError(f"「{f.label}」は日付です。")
        if not dt.date(1990, 1, 1) <= value <= dt.date(2100, 12, 31):
            raise ValueError(f"「{f.label}」の日付 {value:%Y/%m/%d} は範囲外です。")
        return value
    raise AssertionError(f.kind)


def validate(values: dict[str, Any]) -> dict[str, Any]:
    """Cleaned values, or ValidationError naming every bad field (n ≤ m of areas, stage 1–3 …)."""
    errors: dict[str, str] = {}
    out = empty_values()
    for k, v in values.items():
        if k not in FIELD_BY_KEY:
            continue
        try:
            out[k] = _coerce(FIELD_BY_KEY[k], v)
        except ValueError as exc:
            errors[k] = str(exc)
    for n_key, m_key, what in (
        ("sc2_placed_areas", "sc2_total_areas", "第2層SCを配置した圏域数"),
        ("council2_established_areas", "council2_total_areas", "第2層協議体を設置した圏域数"),
    ):
        n, total = out.get(n_key), out.get(m_key)
        if n_key not in errors and m_key not in errors and n is not None and total is not None and n > total:
            errors[n_key] = f"{what}（{n}）が日常生活圏域の数（{total}）を超えています。"
    if errors:
        raise ValidationError(errors)
    return out


def save_status(
    uow: UnitOfWork,
    municipality_id: str,
    fiscal_year: int,
    values: dict[str, Any],
    *,
    source: str = SOURCE_INPUT,
    as_of: dt.date | None = None,
) -> StatusRecord:
    """Validate and store the status (creating the 年度's row when needed); returns what was stored.

    Only the keys in ``values`` change; the others keep their stored (or copied-from-last-年度)
    value. Extra live rows for the same municipality and 年度 (two laptops) are folded into one.
    """
    if not 1990 <= fiscal_year <= 2100:
        raise UserError(f"年度 {fiscal_year} は範囲外です。")
    base = get_status(uow, municipality_id, fiscal_year)
    merged = dict(base.values)
    merged.update({k: v for k, v in values.items() if k in FIELD_BY_KEY})
    cleaned = validate(merged)
    ms = m.MunicipalityStatus
    with uow:
        s = uow.session
        ids = list(
            s.scalars(
                select(ms.id).where(ms.deleted.is_(False), ms.municipality_id == municipality_id, ms.fiscal_year == fiscal_year)
                .order_by(ms.updated_at.desc(), ms.id)
            )
        )
        now = utcnow()
        row = {**cleaned, "source": source or SOURCE_INPUT, "as_of": as_of or dt.date.today(), "updated_at": now}
        if ids:
            keep = ids[0]
            s.execute(update(ms).where(ms.id == keep).values(**row))
            if len(ids) > 1:
                s.execute(update(ms).where(ms.id.in_(ids[1:])).values(deleted=True, updated_at=now))
        else:
            keep = new_id()
            s.execute(insert(ms), [{**row, "id": keep, "created_at": now, "municipality_id": municipality_id,
                                    "fiscal_year": fiscal_year, "deleted": False}])
        uow.commit()
    return StatusRecord(municipality_id, fiscal_year, cleaned, keep, now, row["source"], row["as_of"])


def start_fiscal_year(uow: UnitOfWork, fiscal_year: int) -> int:
    """Begin a 年度: every insurer without a status for it gets a copy of its latest earlier one.
    Returns how many rows were created (0 when the 年度 is already started)."""
    mun = m.Municipality
    with uow:
        s = uow.session
        insurers = set(
            s.scalars(select(mun.id).where(mun.deleted.is_(False), mun.kind.in_(sorted(vocab.INSURER_KINDS))))
        )
        latest = latest_statuses(uow, fiscal_year)
        now = utcnow()
        rows = [
            {**r.values, "id": new_id(), "created_at": now, "updated_at": now, "deleted": False,
             "municipality_id": mid, "fiscal_year": fiscal_year, "source": SOURCE_COPY, "as_of": None}
            for mid, r in latest.items()
            if r.id is None and mid in insurers
        ]
        if rows:
            s.execute(insert(m.MunicipalityStatus), rows)
        uow.commit()
    return len(rows)


# --- presenting --------------------------------------------------------------------------------------


def _short_date(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月" if d else ""


def display_value(key: str, value: Any) -> str:
    """A field value as a person reads it (forms, diffs, messages)."""
    f = FIELD_BY_KEY[key]
    if value is None or value == "":
        return "（空欄）" if f.kind not in ("text", "multiline") else "（空欄）"
    if f.kind == "bool":
        return "あり" if value else "なし"
    if f.kind == "date":
        return f"{value:%Y/%m/%d}"
    if f.kind == "stage":
        return stage_label(value)
    return str(value)


def _areas(n: int | None, total: int | None) -> str:
    if n is None and total is None:
        return ""
    return f"{'' if n is None else n}/{'' if total is None else total}圏域"


def compiled_cells(values: dict[str, Any] | None) -> CompiledCells:
    v = values or empty_values()
    transition = _short_date(v["transition_date"])
    if v["transition_note"]:
        transition = f"{transition}（{v['transition_note']}）" if transition else v["transition_note"]
    if v["sc1_placed"]:
        sc1 = "配置" + (f"（{v['sc1_entrusted_to']}に委託）" if v["sc1_entrusted_to"] else "（直営）")
        if v["sc1_since"]:
            sc1 += f"\n{_short_date(v['sc1_since'])}から"
        if v["sc1_count"]:
            sc1 += f" {v['sc1_count']}人"
    else:
        sc1 = "未配置" if v["sc1_placed"] is False else ""
    sc2 = "\n".join(x for x in (_areas(v["sc2_placed_areas"], v["sc2_total_areas"]), v["sc2_note"]) if x)
    if v["council1_established"]:
        council1 = "設置" + (f"（{_short_date(v['council1_since'])}）" if v["council1_since"] else "")
        if v["council1_meetings_per_year"]:
            council1 += f"\n年{v['council1_meetings_per_year']}回"
    else:
        council1 = "未設置" if v["council1_established"] is False else ""
    council2 = "\n".join(
        x for x in (_areas(v["council2_established_areas"], v["council2_total_areas"]), v["council2_note"]) if x
    )
    services = {}
    for key in m.SERVICE_TYPES:
        on = v[key]
        services[key] = (v[f"{key}_note"] or "○") if on else ("－" if on is False else "")
    return CompiledCells(transition, sc1, sc2, council1, council2, services, stage_label(v["stage"]),
                         v["strengths"], v["issues"], v["support_wanted"])


def compiled_table(uow: UnitOfWork, fiscal_year: int, *, group_by: str | None = None) -> CompiledTable:
    """The 市町村間情報交換用シート: one row per insurer, optionally grouped by a region kind (name or id)."""
    kind = regions.find_kind(uow, group_by) if group_by else None
    with uow:
        munis = municipalities.insurers(uow)
        latest = latest_statuses(uow, fiscal_year)
    rows = {}
    for mid, code, name in munis:
        rec = latest.get(mid)
        rows[mid] = CompiledRow(mid, code, name, compiled_cells(rec.values if rec else None),
                                rec is not None and rec.id is not None, rec.copied_from_year if rec else None)
    if kind is None:
        groups = [CompiledGroup("", list(rows.values()))]
    else:
        groups = [CompiledGroup(g.name, [rows[i] for i in g.municipality_ids if i in rows])
                  for g in regions.group_municipalities(uow, kind.id, [x[0] for x in munis])]
    title = f"{fiscal_year_label(fiscal_year)} 市町村の取組状況（市町村間情報交換用）"
    return CompiledTable(fiscal_year, title, kind.name if kind else "", groups)


def changed_fields(old: dict[str, Any], new: dict[str, Any], keys: Iterable[str] = KEYS) -> list[str]:
    return [k for k in keys if old.get(k) != new.get(k)]
