"""The first page at start-up, read with plain sqlite3 before SQLAlchemy is imported.

Importing SQLAlchemy, mapping our classes and configuring the mappers takes ~0.5 s, longer than
issue 2 allows the whole start-up beyond a bare window. So the start-up (gui/app.py) takes a
``FirstLook`` — a read-only view of a database that is already at our schema — shows the
dashboard's figures or a list's first block from it, and then opens the database properly;
every later read and every write goes through the ordinary services. The SQL is the ordinary
services' own, compiled into services/first_page_sql.py by packaging/build_first_page_sql.py.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sasaeai_desktop.db.instance_lock import InstanceLock
from sasaeai_desktop.db.quick_read import QuickRead, quick_read
from sasaeai_desktop.paths import resolve_db_path
from sasaeai_desktop.services import first_page_sql as sql
from sasaeai_desktop.services.dashboard_figures import DashboardSummary, query_parameters, summary_from_counts
from sasaeai_desktop.services.list_types import ListColumn, Page, PageRequest

log = logging.getLogger(__name__)


def _from_sqlite(kind: str, value: Any) -> Any:
    """A value as SQLAlchemy's column types hand it back, from what sqlite3 returns."""
    if value is None:
        return None
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "bool":
        return bool(value)
    if kind == "float":
        return float(value)
    return value


@dataclass
class FirstLook:
    reader: QuickRead
    prefecture: tuple[str, str]  # (code, name)

    @property
    def db_path(self) -> Path:
        return self.reader.db_path

    def dashboard_summary(self, today: dt.date) -> DashboardSummary | None:
        """The tiles' figures, or None if the look fails (the ordinary services answer then)."""
        runtime = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in query_parameters(today).items()}
        try:
            (counts,) = self.reader.query(sql.DASHBOARD_SQL, {**sql.DASHBOARD_PARAMS, **runtime})
        except sqlite3.Error:
            log.exception("first look: dashboard figures")
            return None
        return summary_from_counts(today, counts)

    def first_block(self, kind: str, req: PageRequest) -> Page | None:
        """The list's first block with its total, or None when this request is not a first page
        (searched, filtered, sorted otherwise) or the look fails: the ordinary services answer."""
        spec = sql.LISTS.get((kind, req.sort_key))
        if spec is None or req.narrowed or req.descending or req.offset != 0 or req.limit != spec["limit"]:
            return None
        kinds = [col.kind for col in spec["columns"]]
        try:
            rows = self.reader.query(spec["page_sql"], spec["page_params"])
            ((total,),) = self.reader.query(spec["count_sql"], spec["count_params"])
        except sqlite3.Error:
            log.exception("first look: %s", kind)
            return None
        return Page(
            [r[0] for r in rows],
            [tuple(_from_sqlite(k, v) for k, v in zip(kinds, r[1:], strict=True)) for r in rows],
            int(total),
            0,
        )

    def hand_over(self) -> InstanceLock | None:
        """Stop reading; the instance lock goes to bootstrap.open_database."""
        return self.reader.close()

    def release(self) -> None:
        self.reader.release()


def first_look(db: str | Path | None) -> FirstLook | None:
    """A look at database ``db`` (None: SASAEAI_DB or the per-user default) when it is ready to
    show as it is: at our schema version, its prefecture chosen; None otherwise (the ordinary
    opening then migrates, explains a problem or runs the first start)."""
    reader = quick_read(resolve_db_path(db))
    if reader is None:
        return None
    if reader.revision != sql.SCHEMA_REVISION:
        reader.release()
        return None
    try:
        rows = reader.query(sql.PREFECTURE_SQL, sql.PREFECTURE_PARAMS)
    except sqlite3.Error:
        rows = []
    if not rows or not rows[0][0]:
        reader.release()
        return None
    code, name = rows[0]
    return FirstLook(reader, (code, name or ""))


def _first_list(kind: str) -> dict[str, Any] | None:
    return next((spec for (k, _sort), spec in sql.LISTS.items() if k == kind), None)


def columns(kind: str) -> tuple[ListColumn, ...]:
    """The list's columns, without SQLAlchemy for the lists a first page can show."""
    spec = _first_list(kind)
    if spec is not None:
        return spec["columns"]
    from sasaeai_desktop.services import listing

    return listing.columns(kind)


def title(kind: str) -> str:
    spec = _first_list(kind)
    if spec is not None:
        return spec["title"]
    from sasaeai_desktop.services import listing

    return listing.title(kind)
