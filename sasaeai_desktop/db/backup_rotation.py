"""Which backups to keep: 7 daily + 4 weekly + 12 monthly (grandfather-father-son).

The rule, applied to one database's backup folder after every backup made there:

- of today's backups, the day's first and the newest ten are kept (the last imports, sync
  imports, survey collections and restores of the day can be undone until tomorrow; an office
  reading twenty laptops' files in a round makes twenty full copies in an hour, and keeping them
  all would fill the disk with copies of one state);
- of the earlier days, a day is represented by its **first** backup — normally that day's 日次,
  the state the day started from (a pre-operation backup when no daily one was made);
  kept: the representatives of the 7 most recent days that have backups (today counts as one),
  of the 4 most recent ISO weeks and of the 12 most recent months (the first backup of the
  week and of the month);
- 手動 backups (made by the user on purpose) are never removed by rotation;
- everything else of this database's backups goes.

"Most recent days that have backups", not calendar days: a laptop left in a drawer for a month
keeps its last week of backups instead of losing them all on its first day back (as restic's
--keep-daily counts). Only names this program writes are ever deleted (parse_name); backups an
older version left beside the database are not touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from collections.abc import Hashable
from collections.abc import Iterable
from pathlib import Path

from . import backups as _store
from .backups import BackupInfo
from .backups import backup_folder
from .backups import backup_infos

KEEP_TODAY = 10
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12


def _firsts(infos: list[BackupInfo], key: Callable[[dt.datetime], Hashable], count: int) -> set[Path]:
    """The first backup of each of the ``count`` most recent periods that have one."""
    first: dict[Hashable, BackupInfo] = {}
    for info in sorted(infos, key=lambda i: i.made):
        first.setdefault(key(info.made), info)
    recent = sorted(first.values(), key=lambda i: i.made, reverse=True)[:count]
    return {info.path for info in recent}


def to_keep(infos: Iterable[BackupInfo], today: dt.date) -> set[Path]:
    infos = list(infos)
    keep = {i.path for i in infos if i.trigger == "manual"}
    todays = [i for i in infos if i.made.date() >= today and i.trigger != "manual"]
    todays.sort(key=lambda i: i.made, reverse=True)
    keep |= {i.path for i in todays[:KEEP_TODAY]}
    keep |= _firsts(infos, lambda t: t.date(), KEEP_DAILY)
    keep |= _firsts(infos, lambda t: t.isocalendar()[:2], KEEP_WEEKLY)
    keep |= _firsts(infos, lambda t: (t.year, t.month), KEEP_MONTHLY)
    return keep


def rotate(db_path: Path, today: dt.date | None = None, folder: Path | None = None, *, made: Path | None = None) -> list[Path]:
    """Remove the backups the rule does not keep (in the database's backup folder only); ``made``,
    the backup just taken, stays whatever the clock says."""
    folder = folder or backup_folder(db_path)
    infos = [i for i in backup_infos(db_path, folder) if i.path.parent == folder]
    keep = to_keep(infos, today or _store.now().date()) | ({made} if made else set())
    removed = []
    for info in infos:
        if info.path not in keep:
            try:
                info.path.unlink()
            except OSError:
                continue  # in use on Windows, or read-only: tried again after the next backup
            removed.append(info.path)
    return removed
