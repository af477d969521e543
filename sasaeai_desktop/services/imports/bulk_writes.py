"""Writing an import's rows in bulk, inside the engine's one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from itertools import chain
from itertools import islice
from operator import itemgetter
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import update
from sqlalchemy.orm import Session

from sasaeai_desktop.db.bulk_insert import bulk_inserting
from sasaeai_desktop.db.bulk_insert import sqlite_connection
from sasaeai_desktop.db.bulk_insert import table_inserter

CHUNK = 2000  # rows written between abort checks (and progress reports)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class BulkWrites:
    """The kinds' ``write`` puts its rows in with these (``session``: the engine's transaction).

    On the model's table, in chunks. Not the ORM's insert(Model): the rows are complete already
    (ids, timestamps, keys), and the ORM's per-row bookkeeping was ~20% of a 50,000-row import.
    On SQLite, multi-row INSERTs on the driver (``db.bulk_insert.table_inserter``) with values
    converted by the column types' own bind processors (datetimes as SQLAlchemy stores them):
    Core's insert() re-processes every parameter of every row, a third more time for the same rows.
    """

    session: Session

    def _bulk_insert(self, model: Any, rows: Iterable[dict[str, Any]], check: Callable[[int], None],
                     *, expected: int = 0) -> None:
        """INSERT ``rows`` (complete dicts, all with the same keys) into ``model``'s table.

        ``rows`` may be a generator: it is consumed a chunk at a time, so a 50,000-row import
        never holds 50,000 parameter dicts at once. ``expected``: how many rows are coming, when
        known (a large batch is inserted the bulk way, see ``db.bulk_insert``)."""
        it = iter(rows)
        first = next(it, None)
        if first is None:
            return
        cols = list(first)
        table = model.__table__
        processors: list[tuple[int, Callable[[Any], Any], dict[Any, Any]]] = [(i, proc, {}) for i, c in enumerate(cols) if (proc := self._processor(table, c)) is not None]
        getter = itemgetter(*cols)

        def stored() -> Iterator[tuple[Any, ...]]:
            for row in chain((first,), it):
                values = getter(row)
                if processors:
                    values = list(values)
                    for i, proc, cache in processors:
                        v = values[i]
                        try:
                            values[i] = cache[v]
                        except KeyError:
                            values[i] = cache[v] = proc(v)
                        except TypeError:  # unhashable: convert without the cache
                            values[i] = proc(v)
                    values = tuple(values)
                yield values

        self._bulk_insert_rows(model, cols, stored(), check, expected=expected)

    def _processor(self, table: Any, column: str) -> Callable[[Any], Any] | None:
        """The bind processor of ``column`` (None when values go to the driver as they are, and on
        a database other than SQLite, where Core converts)."""
        dialect = self.session.connection().dialect
        if dialect.paramstyle != "qmark":
            return None
        return table.c[column].type.dialect_impl(dialect).bind_processor(dialect)

    def _stored(self, model: Any, column: str, value: Any) -> Any:
        """``value`` as ``_bulk_insert_rows`` takes it (a constant converted once, not per row)."""
        proc = self._processor(model.__table__, column)
        return proc(value) if proc is not None else value

    def _bulk_insert_rows(self, model: Any, cols: Sequence[str], rows: Iterable[tuple[Any, ...]],
                          check: Callable[[int], None], *, expected: int = 0,
                          same: Mapping[str, Any] | None = None) -> None:
        """INSERT ``rows`` — tuples in the order of ``cols``, values converted with ``_stored`` —
        a chunk at a time; ``expected`` as in ``_bulk_insert``. ``same``: columns with one value
        for every row (timestamps, NULL links, ``deleted``), converted with ``_stored`` too (on
        SQLite written into the statement: ``db.bulk_insert.table_inserter``)."""
        table = model.__table__
        conn = self.session.connection()
        it = iter(rows)
        same = dict(same or {})
        if conn.dialect.paramstyle != "qmark":  # not SQLite: the portable Core executemany
            while chunk := list(islice(it, CHUNK)):
                conn.execute(table.insert(), [{**same, **dict(zip(cols, r))} for r in chunk])
                check(len(chunk))
            return
        db = sqlite_connection(conn)
        insert = table_inserter(db, table.name, cols, same)
        with bulk_inserting(db, table.name, expected):
            while chunk := list(islice(it, CHUNK)):
                insert(chunk)
                check(len(chunk))

    def _write_tables(self, check: Callable[[int], None],
                      *tables: tuple[Any, list[dict[str, Any]], list[dict[str, Any]]]) -> None:
        """For each (model, new rows, changed rows), in the order given (a table before the ones
        that refer to it): INSERT the new rows, then UPDATE the changed ones."""
        for model, new, changed in tables:
            self._bulk_insert(model, new, check)
            self._bulk_update(model, changed, check)

    def _bulk_update(self, model: Any, rows: list[dict[str, Any]], check: Callable[[int], None]) -> None:
        """UPDATE … WHERE id = ? for each row (a dict with 'id' and the columns to set); rows
        carrying the same columns go in one executemany."""
        table = model.__table__
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            groups[tuple(sorted(k for k in row if k != "id"))].append(row)
        for keys, group in groups.items():
            stmt = update(table).where(table.c.id == bindparam("_id")).values({k: bindparam(k) for k in keys})
            for chunk in chunks(group):
                self.session.execute(stmt, [{**{k: r[k] for k in keys}, "_id": r["id"]} for r in chunk])
                check(len(chunk))
