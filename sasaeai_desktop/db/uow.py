"""Unit of work: ``with uow: ...; uow.commit()`` — anything not committed is rolled back whole.

Made with ``on_commit``, a unit of work says after each commit which tables it wrote, so that a
caller (the window) can refresh from the write itself and no write can forget to announce itself.
Synced tables are read from the change-capture rows the transaction added (past the last ``seq``
it saw when it began): the triggers see every write path — ORM, bulk statements, raw SQL, a sync
import's merger. The few tables without capture (local settings) are seen in the ORM flushes,
which is how they are written.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.orm import sessionmaker

OnCommit = Callable[[frozenset[str]], None]  # the names of the tables a commit wrote


class UnitOfWork:
    def __init__(
        self, session_factory: sessionmaker[Session] | Callable[[], Session], on_commit: OnCommit | None = None
    ) -> None:
        self._factory = session_factory
        self._session: Session | None = None
        self._on_commit = on_commit
        self._seen_seq: int | None = None  # the last change row committed when the transaction began
        self._flushed: set[str] = set()

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("UnitOfWork is used outside its 'with' block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._factory()
        if self._on_commit is not None:
            event.listen(self._session, "after_begin", self._began)
            event.listen(self._session, "before_flush", self._flushing)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._session is not None
        try:
            self._session.rollback()  # a no-op after commit(); undoes everything otherwise
        finally:
            self._session.close()
            self._session = None
            self._forget()

    def commit(self) -> None:
        written = self._written() if self._on_commit is not None else frozenset()
        self.session.commit()
        self._forget()
        if written and self._on_commit is not None:
            self._on_commit(written)

    def rollback(self) -> None:
        self.session.rollback()
        self._forget()

    # -- what a commit wrote --------------------------------------------------------------------
    def _began(self, _session: Session, _transaction: Any, connection: Connection) -> None:
        if self._seen_seq is None:
            self._seen_seq = connection.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM sync_change").scalar_one()

    def _flushing(self, session: Session, _context: Any, _instances: Any) -> None:
        objects = [*session.new, *session.deleted, *(o for o in session.dirty if session.is_modified(o))]
        self._flushed.update(o.__table__.name for o in objects)

    def _written(self) -> frozenset[str]:
        self.session.flush()  # what commit() would flush: its capture rows must be counted too
        if self._seen_seq is None:  # nothing was read or written
            return frozenset(self._flushed)
        rows = self.session.connection().exec_driver_sql(
            "SELECT DISTINCT tbl FROM sync_change WHERE seq > ?", (self._seen_seq,)
        )
        return frozenset(self._flushed).union(r[0] for r in rows)

    def _forget(self) -> None:
        self._seen_seq = None
        self._flushed = set()
