"""The wall clock the sync records its dates with (files read and written, a peer last heard
from) and measures compaction's horizon against; one place, so a test or the simulated-year
benchmark can set it."""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)
