"""Column mappings fixed by hand, remembered per kind and header layout
(``LocalSetting`` 'excel_mapping:<kind>:<fingerprint>').
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from sasaeai_desktop.db import models as m
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.io.excel.header_row import Header
from sasaeai_desktop.services.imports.registry import kind_class

MAPPING_PREFIX = "excel_mapping:"


def _mapping_key(kind: str, fingerprint: str) -> str:
    return f"{MAPPING_PREFIX}{kind}:{fingerprint}"


def load_mappings(session: Any, kind: str) -> dict[str, dict[int, str | None]]:
    prefix = f"{MAPPING_PREFIX}{kind}:"
    out: dict[str, dict[int, str | None]] = {}
    rows = session.execute(select(m.LocalSetting.key, m.LocalSetting.value).where(m.LocalSetting.key.startswith(prefix)))
    for key, value in rows:
        try:
            data = json.loads(value)
            out[key[len(prefix):]] = {int(c): (k or None) for c, k in data.get("columns", {}).items()}
        except (ValueError, AttributeError, TypeError):
            continue  # a damaged setting is ignored, never fatal
    return out


def store_mapping(session: Any, kind: str, header: Header, overrides: Mapping[int, str | None]) -> None:
    key = _mapping_key(kind, header.fingerprint)
    value = json.dumps(
        {"columns": {str(c): k or "" for c, k in sorted(overrides.items())},
         "headers": header.texts, "saved": time.strftime("%Y-%m-%d %H:%M:%S")},
        ensure_ascii=False,
    )
    row = session.get(m.LocalSetting, key)
    if row is None:
        session.add(m.LocalSetting(key=key, value=value))
    else:
        row.value = value


def remembered_mappings(uow: UnitOfWork, kind: str) -> dict[str, dict[int, str | None]]:
    """fingerprint → {column: key or None} of the layouts mapped by hand for ``kind``."""
    kind_class(kind)
    with uow:
        return load_mappings(uow.session, kind)


def forget_mappings(uow: UnitOfWork, kind: str | None = None) -> int:
    """Drop remembered mappings (of one kind, or all); returns how many."""
    prefix = MAPPING_PREFIX + (f"{kind}:" if kind else "")
    with uow:
        rows = uow.session.scalars(select(m.LocalSetting).where(m.LocalSetting.key.startswith(prefix))).all()
        for row in rows:
            uow.session.delete(row)
        uow.commit()
        return len(rows)
