"""相談対応: an inquiry from a municipality or coordinator and the answer given."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from dataclasses import replace

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain import vocab
from sasaeai_desktop.domain.date_range import RECORD
from sasaeai_desktop.domain.date_range import date_problem
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.names import written_text
from sasaeai_desktop.services.records import live_row
from sasaeai_desktop.services.records import row_to_save
from sasaeai_desktop.services.records import soft_delete
from sasaeai_desktop.services.records import write_fields


@dataclass(frozen=True)
class ConsultationData:
    id: str | None
    received_date: dt.date | None
    channel: str = ""
    municipality_id: str | None = None
    person_id: str | None = None
    from_name: str = ""
    topics: str = ""  # categories, '、'-separated
    question: str = ""
    answer: str = ""
    referred_advisor_id: str | None = None
    is_closed: bool = False
    closed_date: dt.date | None = None
    handled_by: str = ""


_FIELDS = tuple(f for f in ConsultationData.__dataclass_fields__ if f != "id")
_MISSING = "指定された相談記録は見つかりません（削除された可能性があります）。"


def split_topics(text: str) -> list[str]:
    for sep in (",", "，", "/", "・", ";", "；"):
        text = text.replace(sep, "、")
    return [t for t in (clean_text(x) for x in text.split("、")) if t]


def validate(data: ConsultationData) -> ConsultationData:
    errors: dict[str, str] = {}
    if data.received_date is None:
        errors["received_date"] = "受付日を入力してください（必須）。"
    channel = clean_text(data.channel)
    if channel and channel not in vocab.CONSULTATION_CHANNELS:
        errors["channel"] = f"方法は {'、'.join(vocab.CONSULTATION_CHANNELS)} のいずれかです（入力: {channel}）。"
    question = written_text(data.question, multiline=True)  # free text and names as typed (no NFKC)
    if not question:
        errors["question"] = "相談内容を入力してください（必須）。"
    if not data.municipality_id and not data.person_id and not clean_text(data.from_name):
        errors["municipality_id"] = "相談元（市町村・相談者のどちらか）を入力してください。"
    closed_date = data.closed_date
    if data.is_closed and closed_date is None:
        closed_date = dt.date.today()
    for key, day, what in (("received_date", data.received_date, "受付日"), ("closed_date", closed_date, "完了日")):
        problem = date_problem(day, RECORD, what)
        if problem:
            errors[key] = problem
    if closed_date and data.received_date and closed_date < data.received_date:
        errors["closed_date"] = f"完了日 {closed_date:%Y-%m-%d} が受付日より前です。"
    if errors:
        raise ValidationError(errors)
    return replace(
        data, channel=channel, question=question, answer=written_text(data.answer, multiline=True),
        from_name=written_text(data.from_name), topics="、".join(split_topics(data.topics)),
        handled_by=written_text(data.handled_by), closed_date=closed_date if data.is_closed else None,
    )


def save(uow: UnitOfWork, data: ConsultationData) -> str:
    data = validate(data)
    with uow:
        return write_fields(uow, row_to_save(uow, m.Consultation, data.id, _MISSING), data, _FIELDS)


def get(uow: UnitOfWork, consultation_id: str) -> ConsultationData:
    with uow:
        row = live_row(uow, m.Consultation, consultation_id, _MISSING)
        return ConsultationData(id=row.id, **{k: getattr(row, k) for k in _FIELDS})


def close(uow: UnitOfWork, consultation_id: str, on: dt.date | None = None) -> None:
    data = get(uow, consultation_id)
    save(uow, replace(data, is_closed=True, closed_date=on or dt.date.today()))


def delete(uow: UnitOfWork, consultation_id: str) -> None:
    soft_delete(uow, m.Consultation, consultation_id, "指定された相談記録は見つかりません。")
