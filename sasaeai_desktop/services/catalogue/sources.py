"""Where the office learnt of an entry (a visit, a consultation or an event), in words."""

from __future__ import annotations

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.services.catalogue.entries import EntryData


def describe(uow: UnitOfWork, data: EntryData) -> str:
    """'訪問 2025-06-12 松本市（定期訪問）', '相談 2025-07-01（移動支援）', '研修 地域づくり研修会', or ''
    (none recorded, or the record was deleted since)."""
    with uow:
        s = uow.session
        if data.visit_id:
            v = s.get(m.Visit, data.visit_id)
            if v is not None and not v.deleted:
                return f"訪問 {v.visit_date:%Y-%m-%d} {v.municipality.name}（{v.purpose_category or '訪問'}）"
        if data.consultation_id:
            c = s.get(m.Consultation, data.consultation_id)
            if c is not None and not c.deleted:
                return f"相談 {c.received_date:%Y-%m-%d}（{c.topics or c.channel or '相談'}）"
        if data.event_id:
            e = s.get(m.TrainingEvent, data.event_id)
            if e is not None and not e.deleted:
                return f"研修 {e.title}"
    return ""
