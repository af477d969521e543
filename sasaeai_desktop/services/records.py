"""The steps every record service takes the same way: find the live record (or a new one) to save,
copy a form's fields onto the row and commit, and soft delete (``deleted`` = 1: what points at the
record keeps its history, and a sync carries the deletion like any other edit)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from typing import TypeVar

from sasaeai_desktop.db.models import SoftDeleteMixin
from sasaeai_desktop.db.uow import UnitOfWork
from sasaeai_desktop.domain.errors import NotFoundError

Record = TypeVar("Record", bound=SoftDeleteMixin)


def live_row(uow: UnitOfWork, model: type[Record], record_id: str, missing: str) -> Record:
    """The record (inside ``uow``); NotFoundError(``missing``) when there is none or it is deleted."""
    row = uow.session.get(model, record_id)
    if row is None or row.deleted:
        raise NotFoundError(missing)
    return row


def row_to_save(uow: UnitOfWork, model: type[Record], record_id: str | None, missing: str) -> Record:
    """A new row (added to the session) when ``record_id`` is None, else the live record."""
    if record_id is not None:
        return live_row(uow, model, record_id, missing)
    row = model()
    uow.session.add(row)
    return row


def set_fields(uow: UnitOfWork, row: Any, data: Any, fields: Iterable[str]) -> str:
    """Copy ``fields`` from ``data`` onto ``row`` (inside ``uow``) and flush; the row's id."""
    for name in fields:
        setattr(row, name, getattr(data, name))
    uow.session.flush()
    row_id: str = row.id
    return row_id


def write_fields(uow: UnitOfWork, row: Any, data: Any, fields: Iterable[str]) -> str:
    """``set_fields`` and commit."""
    row_id = set_fields(uow, row, data, fields)
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
