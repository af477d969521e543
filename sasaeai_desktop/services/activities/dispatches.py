"""アドバイザー派遣: advisors sent to a municipality (on request or proposed by the prefecture)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import replace

from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.domain.date_range import date_problem
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.services.records import live_row
from sasaeai_desktop.services.records import row_to_save
from sasaeai_desktop.services.records import set_fields
from sasaeai_desktop.services.records import soft_delete

REQUESTED_BY = {"municipality": "市町村からの依頼", "prefecture": "県からの提案"}
PAYERS = ("県", "市町村")
STATUSES = ("依頼", "調整中", "実施済", "中止")
_MISSING = "指定された派遣記録は見つかりません（削除された可能性があります）。"


@dataclass(frozen=True)
class DispatchDay:
    date: dt.date
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    venue: str = ""


@dataclass(frozen=True)
class DispatchData:
    id: str | None
    municipality_id: str | None
    requested_by: str = "municipality"
    request_date: dt.date | None = None
    purpose_category: str = ""
    purpose: str = ""
    payer: str = "県"
    outcome: str = ""
    status: str = "依頼"
    advisor_ids: tuple[str, ...] = ()
    days: tuple[DispatchDay, ...] = ()


_FIELDS = ("municipality_id", "requested_by", "request_date", "purpose_category", "purpose", "payer", "outcome", "status")


def validate(data: DispatchData) -> DispatchData:
    errors: dict[str, str] = {}
    if not data.municipality_id:
        errors["municipality_id"] = "派遣先の市町村を選んでください（必須）。"
    if data.requested_by not in REQUESTED_BY:
        errors["requested_by"] = "依頼元は「市町村からの依頼」か「県からの提案」です。"
    cat = clean_text(data.purpose_category)
    if cat and cat not in vocab.DISPATCH_PURPOSES:
        errors["purpose_category"] = f"派遣目的は {'、'.join(vocab.DISPATCH_PURPOSES)} のいずれかです（入力: {cat}）。"
    if data.payer not in PAYERS:
        errors["payer"] = "費用負担は 県 か 市町村 です。"
    if data.status not in STATUSES:
        errors["status"] = f"状況は {'、'.join(STATUSES)} のいずれかです。"
    if not data.advisor_ids:
        errors["advisor_ids"] = "派遣するアドバイザーを1人以上選んでください。"
    if data.status == "実施済" and not data.days:
        errors["days"] = "実施済の派遣には派遣日を入力してください。"
    problem = date_problem(data.request_date, RECORD, "依頼日")
    if problem:
        errors["request_date"] = problem
    for i, d in enumerate(data.days, 1):
        problem = date_problem(d.date, RECORD, "派遣日")
        if problem:
            errors[f"days.{i}"] = problem
        if d.start_time and d.end_time and d.end_time < d.start_time:
            errors[f"days.{i}"] = f"派遣日 {d.date:%Y-%m-%d} の終了時刻が開始時刻より前です。"
    if errors:
        raise ValidationError(errors)
    return replace(
        data, purpose_category=cat, purpose=clean_text(data.purpose, multiline=True),
        outcome=clean_text(data.outcome, multiline=True), advisor_ids=tuple(dict.fromkeys(data.advisor_ids)),
        days=tuple(sorted({(d.date, d.start_time or dt.time(0)): replace(d, venue=clean_text(d.venue)) for d in data.days}.values(),
                          key=lambda d: (d.date, d.start_time or dt.time(0)))),
    )


def save(uow: UnitOfWork, data: DispatchData) -> str:
    data = validate(data)
    with uow:
        s = uow.session
        did = set_fields(uow, row_to_save(uow, m.Dispatch, data.id, _MISSING), data, _FIELDS)
        advisors = {a.advisor_id: a for a in s.scalars(select(m.DispatchAdvisor).where(m.DispatchAdvisor.dispatch_id == did))}
        for aid in data.advisor_ids:
            if aid in advisors:
                advisors[aid].deleted = False
            else:
                s.add(m.DispatchAdvisor(dispatch_id=did, advisor_id=aid))
        for aid, a in advisors.items():
            if aid not in data.advisor_ids:
                a.deleted = True
        days = {d.date: d for d in s.scalars(select(m.DispatchDate).where(m.DispatchDate.dispatch_id == did))}
        wanted = {d.date: d for d in data.days}
        for date, d in wanted.items():
            row_d = days.get(date) or m.DispatchDate(dispatch_id=did, date=date)
            row_d.start_time, row_d.end_time, row_d.venue, row_d.deleted = d.start_time, d.end_time, d.venue, False
            s.add(row_d)
        for date, row_d in days.items():
            if date not in wanted:
                row_d.deleted = True
        uow.commit()
    return did


def get(uow: UnitOfWork, dispatch_id: str) -> DispatchData:
    with uow:
        s = uow.session
        row = live_row(uow, m.Dispatch, dispatch_id, _MISSING)
        advisors = s.scalars(
            select(m.DispatchAdvisor.advisor_id).where(m.DispatchAdvisor.dispatch_id == dispatch_id, m.DispatchAdvisor.deleted.is_(False))
        ).all()
        days = s.scalars(
            select(m.DispatchDate).where(m.DispatchDate.dispatch_id == dispatch_id, m.DispatchDate.deleted.is_(False)).order_by(m.DispatchDate.date)
        ).all()
        return DispatchData(
            id=row.id, **{k: getattr(row, k) for k in _FIELDS}, advisor_ids=tuple(advisors),
            days=tuple(DispatchDay(d.date, d.start_time, d.end_time, d.venue) for d in days),
        )


def delete(uow: UnitOfWork, dispatch_id: str) -> None:
    soft_delete(uow, m.Dispatch, dispatch_id, "指定された派遣記録は見つかりません。")


def advisor_choices(uow: UnitOfWork) -> list[tuple[str, str]]:
    """(advisor id, 'name（affiliation）') of every advisor, in kana order, for pickers."""
    with uow:
        rows = uow.session.execute(
            select(m.Advisor.id, m.Person.name, m.Advisor.affiliation)
            .join(m.Person, m.Person.id == m.Advisor.person_id)
            .where(m.Advisor.deleted.is_(False), m.Person.deleted.is_(False))
            .order_by(m.Person.kana_key)
        ).all()
    return [(r[0], f"{r[1]}（{r[2]}）" if r[2] else r[1]) for r in rows]
