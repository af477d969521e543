"""Saving one grant record: the checks a form and an import both rely on, the links to visits and
training events, soft delete."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace

from sqlalchemy import ColumnElement
from sqlalchemy import select
from sqlalchemy import update

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.date_range import PLAN
from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.domain.date_range import date_problem
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.field_labels import field_label_ja
from sasaeai_desktop.domain.grants import GRANT_KINDS
from sasaeai_desktop.domain.grants import grant_kind
from sasaeai_desktop.domain.names import written_text
from sasaeai_desktop.services.records import live_row
from sasaeai_desktop.services.records import row_to_save
from sasaeai_desktop.services.records import set_fields
from sasaeai_desktop.services.records import soft_delete

__all__ = ["FIELD_LABELS", "GrantData", "LinkChoice", "delete", "get", "link_choices", "save", "validate",
           "validation_errors"]

# Amounts above this are a typo (an extra digit or two): the largest model projects are ~1億円.
MAX_AMOUNT = 10_000_000_000


@dataclass(frozen=True)
class GrantData:
    id: str | None
    municipality_id: str | None
    fiscal_year: int | None
    program: str = ""  # 事業名
    kind: str = ""  # domain.grants.GRANT_KINDS
    amount_decided: int | None = None  # 交付決定額 (yen)
    amount_paid: int | None = None  # 支払額 (yen)
    purpose: str = ""  # 使途
    applied_on: dt.date | None = None  # 申請日
    decided_on: dt.date | None = None  # 交付決定日
    report_due: dt.date | None = None  # 実績報告期限
    report_received: dt.date | None = None  # 実績報告受理日
    notes: str = ""
    visit_ids: tuple[str, ...] = field(default=())
    event_ids: tuple[str, ...] = field(default=())


# The names the messages use: the ones a history or a conflict shows (domain/field_labels.py).
FIELD_LABELS: dict[str, str] = {
    k: field_label_ja(k, "grant_record")
    for k in ("municipality_id", "fiscal_year", "program", "kind", "amount_decided", "amount_paid", "purpose",
              "applied_on", "decided_on", "report_due", "report_received", "notes")
}
_COLUMNS = tuple(FIELD_LABELS)
_DATES = ("applied_on", "decided_on", "report_due", "report_received")
_MISSING = "指定された補助金・モデル事業の記録は見つかりません（削除された可能性があります）。"


def validation_errors(data: GrantData) -> dict[str, str]:
    """Field → message for what is wrong (empty when nothing is). The Excel import asks the same."""
    errors: dict[str, str] = {}
    if not data.municipality_id:
        errors["municipality_id"] = "市町村を選んでください（必須）。"
    if data.fiscal_year is None:
        errors["fiscal_year"] = "年度を入力してください（必須）。"
    elif not 2000 <= data.fiscal_year <= dt.date.today().year + 2:
        errors["fiscal_year"] = f"年度 {data.fiscal_year} は2000年度から{dt.date.today().year + 2}年度までです。"
    if not written_text(data.program):
        errors["program"] = "事業名を入力してください（必須）。"
    elif len(written_text(data.program)) > 200:
        errors["program"] = "事業名は200文字までです。"
    if grant_kind(data.kind) is None:
        given = f"（入力: {data.kind}）" if data.kind.strip() else "（必須）"
        errors["kind"] = f"種別は {'、'.join(GRANT_KINDS)} のいずれかです{given}。"
    for key in ("amount_decided", "amount_paid"):
        amount = getattr(data, key)
        if amount is not None and not 0 <= amount <= MAX_AMOUNT:
            errors[key] = f"{FIELD_LABELS[key]}は0円から{MAX_AMOUNT:,}円までです（入力: {amount:,}円）。"
    if "amount_paid" not in errors and "amount_decided" not in errors and data.amount_paid is not None:
        if data.amount_decided is None:
            errors["amount_decided"] = "支払額があるときは交付決定額も入力してください。"
        elif data.amount_paid > data.amount_decided:
            errors["amount_paid"] = (f"支払額 {data.amount_paid:,}円が交付決定額 {data.amount_decided:,}円を"
                                     "超えています。")
    for key in _DATES:
        problem = date_problem(getattr(data, key), PLAN if key == "report_due" else RECORD, FIELD_LABELS[key])
        if problem:
            errors[key] = problem
    # 申請 → 交付決定 → (実績報告の受理); the 期限 is set at the decision, after it.
    order = (("applied_on", "decided_on"), ("decided_on", "report_due"), ("decided_on", "report_received"),
             ("applied_on", "report_received"))
    for before, after in order:
        b, a = getattr(data, before), getattr(data, after)
        if b and a and a < b and after not in errors:
            errors[after] = f"{FIELD_LABELS[after]} {a:%Y-%m-%d} が{FIELD_LABELS[before]} {b:%Y-%m-%d} より前です。"
    return errors


def validate(data: GrantData) -> GrantData:
    errors = validation_errors(data)
    if errors:
        raise ValidationError(errors)
    return replace(
        data, program=written_text(data.program), kind=grant_kind(data.kind) or "",
        purpose=written_text(data.purpose, multiline=True), notes=written_text(data.notes, multiline=True),
        visit_ids=tuple(dict.fromkeys(data.visit_ids)), event_ids=tuple(dict.fromkeys(data.event_ids)),
    )


def save(uow: UnitOfWork, data: GrantData) -> str:
    """Create or update the record and its links (links no longer listed are deleted)."""
    data = validate(data)
    with uow:
        row = row_to_save(uow, m.Grant, data.id, _MISSING)
        grant_id = set_fields(uow, row, data, _COLUMNS)
        _set_links(uow, grant_id, data)
        uow.commit()
    return grant_id


def _set_links(uow: UnitOfWork, grant_id: str, data: GrantData) -> None:
    s, gl = uow.session, m.GrantLink
    stored = s.execute(select(gl.id, gl.visit_id, gl.event_id).where(gl.grant_id == grant_id, gl.deleted.is_(False))).all()
    have = {("visit", v) if v else ("event", e): lid for lid, v, e in stored}
    want = {("visit", v) for v in data.visit_ids} | {("event", e) for e in data.event_ids}
    missing = _unknown(uow, data)
    if missing:
        raise ValidationError(missing)
    gone = [lid for key, lid in have.items() if key not in want]
    if gone:
        s.execute(update(gl).where(gl.id.in_(gone)).values(deleted=True))
    for what, target in sorted(want - set(have)):
        s.add(gl(grant_id=grant_id, visit_id=target if what == "visit" else None,
                 event_id=target if what == "event" else None))
    s.flush()


def _unknown(uow: UnitOfWork, data: GrantData) -> dict[str, str]:
    s, out = uow.session, {}
    for key, model, ids, what in (("visit_ids", m.Visit, data.visit_ids, "訪問記録"),
                                  ("event_ids", m.TrainingEvent, data.event_ids, "研修")):
        found = set(s.scalars(select(model.id).where(model.id.in_(ids), model.deleted.is_(False)))) if ids else set()
        if len(found) < len(ids):
            out[key] = f"関連する{what}のうち{len(ids) - len(found)}件が見つかりません（削除された可能性があります）。"
    return out


def get(uow: UnitOfWork, grant_id: str) -> GrantData:
    with uow:
        row = live_row(uow, m.Grant, grant_id, _MISSING)
        gl = m.GrantLink
        links = uow.session.execute(
            select(gl.visit_id, gl.event_id).where(gl.grant_id == grant_id, gl.deleted.is_(False)).order_by(gl.id)
        ).all()
        return GrantData(id=row.id, **{k: getattr(row, k) for k in _COLUMNS},
                         visit_ids=tuple(v for v, _e in links if v), event_ids=tuple(e for _v, e in links if e))


def delete(uow: UnitOfWork, grant_id: str) -> None:
    soft_delete(uow, m.Grant, grant_id, _MISSING)


@dataclass(frozen=True)
class LinkChoice:
    kind: str  # 'visit' / 'event'
    id: str
    label: str  # 「訪問 2025-06-02 補助金の説明」, 「研修 令和7年度 情報交換会」


def link_choices(uow: UnitOfWork, municipality_id: str | None, fiscal_year: int | None,
                 keep: tuple[str, ...] = ()) -> list[LinkChoice]:
    """What a grant may be linked to: the municipality's visits in the 年度 (not drafts) and the
    年度's training events, plus the records ``keep`` names (already linked, from another 年度)."""
    v, e = m.Visit, m.TrainingEvent
    out: list[LinkChoice] = []
    with uow:
        s = uow.session
        visit_where = [v.deleted.is_(False), v.is_draft.is_(False)]
        event_where = [e.deleted.is_(False)]
        visit_in: ColumnElement[bool]
        if municipality_id and fiscal_year is not None:
            first, last = dt.date(fiscal_year, 4, 1), dt.date(fiscal_year + 1, 3, 31)
            visit_in = (v.municipality_id == municipality_id) & v.visit_date.between(first, last)
        else:
            visit_in = v.id.in_(keep)
        event_in = (e.fiscal_year == fiscal_year) if fiscal_year is not None else e.id.in_(keep)
        for vid, day, purpose in s.execute(
            select(v.id, v.visit_date, v.purpose).where(*visit_where, visit_in | v.id.in_(keep)).order_by(v.visit_date)
        ):
            first_line = (purpose or "").split("\n")[0][:30]
            out.append(LinkChoice("visit", vid, f"訪問 {day:%Y-%m-%d} {first_line}".rstrip()))
        for eid, title in s.execute(
            select(e.id, e.title).where(*event_where, event_in | e.id.in_(keep)).order_by(e.title)
        ):
            out.append(LinkChoice("event", eid, f"研修 {title}"))
    return out
