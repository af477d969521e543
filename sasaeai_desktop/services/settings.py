"""The office's details (domain/office.py) as stored on this laptop: one local_setting row per
field, not synced (each laptop prints its own office)."""

from __future__ import annotations

from dataclasses import fields
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.contact import contact_problems
from sasaeai_desktop.domain.errors import ValidationError
from sasaeai_desktop.domain.names import clean_text
from sasaeai_desktop.domain.office import OfficeSettings

# LocalSetting keys: one row per field, so adding a field later needs no migration.
SETTING_PREFIX = "office."


def _setting_key(field_name: str) -> str:
    return SETTING_PREFIX + field_name


def get_settings(uow: UnitOfWork) -> OfficeSettings:
    names = [f.name for f in fields(OfficeSettings)]
    with uow:
        rows = uow.session.execute(
            select(m.LocalSetting.key, m.LocalSetting.value).where(
                m.LocalSetting.key.in_([_setting_key(n) for n in names])
            )
        ).all()
    stored = {key[len(SETTING_PREFIX):]: value for key, value in rows}
    values: dict[str, Any] = {}  # a text or a flag, as the field's default is
    for f in fields(OfficeSettings):
        raw = stored.get(f.name, "")
        values[f.name] = raw == "1" if isinstance(f.default, bool) else raw
    return OfficeSettings(**values)


def validate_settings(settings: OfficeSettings) -> OfficeSettings:
    texts: dict[str, Any] = {f.name: clean_text(getattr(settings, f.name)) for f in fields(settings)
                             if isinstance(getattr(settings, f.name), str)}
    cleaned = replace(settings, **texts)
    errors = contact_problems(cleaned.phone, cleaned.email)
    if errors:
        raise ValidationError(errors)
    return cleaned


def save_settings(uow: UnitOfWork, settings: OfficeSettings) -> OfficeSettings:
    """Validate, normalise and store; returns what was stored."""
    cleaned = validate_settings(settings)
    with uow:
        s = uow.session
        for f in fields(cleaned):
            key = _setting_key(f.name)
            value = getattr(cleaned, f.name)
            text = ("1" if value else "") if isinstance(value, bool) else value
            row = s.get(m.LocalSetting, key)
            if row is None:
                s.add(m.LocalSetting(key=key, value=text))
            else:
                row.value = text
        uow.commit()
    return cleaned
