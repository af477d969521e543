"""The databases opened lately (ファイル → 最近使ったデータベース), kept in the window settings."""

from __future__ import annotations

import os
from pathlib import Path

_KEY = "recentDatabases"
MAX_RECENT = 8


def recent_databases() -> list[Path]:
    from sasaeai_desktop.gui.window_memory import settings

    value = settings().value(_KEY, [])
    if isinstance(value, str):  # QSettings gives a single-item list back as a string
        value = [value]
    return [Path(v) for v in (value or []) if isinstance(v, str) and v]


def remember_database(path: Path) -> None:
    from sasaeai_desktop.gui.window_memory import settings

    path = Path(os.path.abspath(path))
    paths = [path, *(p for p in recent_databases() if p != path)][:MAX_RECENT]
    store = settings()
    store.setValue(_KEY, [str(p) for p in paths])
    store.sync()


def forget_database(path: Path) -> None:
    from sasaeai_desktop.gui.window_memory import settings

    store = settings()
    store.setValue(_KEY, [str(p) for p in recent_databases() if p != Path(path)])
    store.sync()
