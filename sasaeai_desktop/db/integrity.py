"""Is the file whole? SQLite's own checks, at opening (quick) and on every backup (full).

At opening: ``PRAGMA quick_check`` — every page of every table and index read and its structure
checked, without matching index entries against rows. Measured 2026-12-06 on a ``demo --scale 5``
database (193 MB, 47,050 pages, 5 fiscal years of a prefecture): 0.26 s warm on a quiet machine,
0.38–0.71 s with five developers sharing its two cores (the preflight without it: 0.009 s); the
full ``integrity_check`` took 0.73 s. The window shows its first page once the database is open
(gui/app.py), so this check delays that page (benchmarks/bench_startup.py). It grows with the file (~1.4 ms per MB
warm), so it runs under a time budget: a file too large to check within QUICK_CHECK_BUDGET_S is
opened with the check cut short (logged). The trade: ten times the largest file measured is
checked in full; beyond that the damage the check did not reach is found by the full
``integrity_check`` each backup runs (db/backups.py) — later, not never.

A damaged file is refused whole (nothing written, not even by a read-only command, which could
not tell a damaged answer from a right one) with the way back: the newest backup that passes
its check, named (``backups.damaged_message``: the backups know where they are).
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

log = logging.getLogger(__name__)

QUICK_CHECK_BUDGET_S = 2.0
_SHOWN_PROBLEMS = 3


def quick_check_problem(conn: sqlite3.Connection, *, budget_s: float = QUICK_CHECK_BUDGET_S) -> str | None:
    """The first problems ``PRAGMA quick_check`` finds, or None (also when cut short by the budget)."""
    deadline = time.monotonic() + budget_s
    conn.set_progress_handler(lambda: time.monotonic() > deadline, 1_000)
    try:
        rows = conn.execute(f"PRAGMA quick_check({_SHOWN_PROBLEMS})").fetchall()
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", "") != "SQLITE_INTERRUPT":
            raise
        log.warning("quick_check cut short after %g s; the backup's integrity_check covers the rest", budget_s)
        return None
    finally:
        conn.set_progress_handler(None, 0)
    return _problems(rows)


def integrity_problem(path: Path) -> str | None:
    """The full ``PRAGMA integrity_check`` of a file nobody is writing (a backup), or None if whole.

    Opened immutable: no locks, no -wal/-shm created beside a file that is only read."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            return _problems(conn.execute(f"PRAGMA integrity_check({_SHOWN_PROBLEMS})").fetchall())
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)


def _problems(rows: list[tuple[object, ...]]) -> str | None:
    found = [str(r[0]) for r in rows]
    if found == ["ok"]:
        return None
    lines = [line.strip() for row in found for line in row.splitlines()]
    lines = [line for line in lines if line and not line.startswith("*** in database")] or found
    text = " / ".join(lines[:_SHOWN_PROBLEMS])
    return text if len(text) <= 300 else text[:300] + "…"
