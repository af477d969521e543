"""The last steps every record service takes the same way: copy a form's fields onto the row and
commit, and soft delete (``deleted`` = 1: what points at the record keeps its history, and a sync
carries the deletion like any other edit)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import NotFoundError


def write_fields(uow: UnitOfWork, row: Any, data: Any, fields: Iterable[str]) -> str:
    """Copy ``fields`` from ``data`` onto ``row`` (inside ``uow``), commit, return the row's id."""
    for name in fields:
        setattr(row, name, getattr(data, name))
    uow.session.flush()
    row_id: str = row.id
    uow.commit()
    return row_id


def soft_delete(uow: UnitOfWork, model: Any, record_id: str, missing: str, *, again_is_missing: bool = True) -> None:
    """Mark the record deleted. ``missing`` is the message when there is no such record (nor, when
    ``again_is_missing``, a record that was deleted already)."""
    with uow:
        row = uow.session.get(model, record_id)
        if row is None or (again_is_missing and row.deleted):
            raise NotFoundError(missing)
        row.deleted = True
        uow.commit()
