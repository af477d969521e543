"""Settings of the program that the command line and the window share (no Qt here).

Kept in a small JSON file in the user's config folder (platformdirs), not in QSettings: the
command line reads them too, and not in the database: where backups go must be known before the
database is opened (a backup is taken before a migration) and must not travel with a copy of it.
``SASAEAI_CONFIG`` names another file (tests, scripts).

Today it holds one thing: the backup folder (db/backup_store.py). ``SASAEAI_BACKUP_DIR`` wins
over it for one run (tests point it at a folder of their own).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sasaeai_desktop import APP_AUTHOR
from sasaeai_desktop import APP_NAME
from sasaeai_desktop.atomic_files import atomic_write

CONFIG_ENV = "SASAEAI_CONFIG"
BACKUP_DIR_ENV = "SASAEAI_BACKUP_DIR"
BACKUP_DIR_KEY = "backup_dir"


def config_path() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, APP_AUTHOR) / "settings.json"


def load() -> dict[str, Any]:
    """The settings; a missing or unreadable file is the defaults (never an error at start-up)."""
    try:
        data = json.loads(config_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save(values: dict[str, Any]) -> None:
    """Written to a temporary name and renamed: a kill never leaves half a settings file."""
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, temp=path.with_name(path.name + ".tmp")) as tmp:
        tmp.write_text(json.dumps(values, ensure_ascii=False, indent=2), encoding="utf-8")


def default_backup_root() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR) / "backups"


def chosen_backup_root() -> Path | None:
    """The folder the user chose (設定 / ``sasaeai backup folder DIR``), or None for the default."""
    value = load().get(BACKUP_DIR_KEY)
    return Path(value) if isinstance(value, str) and value.strip() else None


_run_root: Path | None = None  # ``--backup-dir`` of the command being run


@contextlib.contextmanager
def backup_root_for_run(folder: str | os.PathLike[str] | None) -> Iterator[None]:
    """``--backup-dir``: another backup folder for one command (not remembered)."""
    global _run_root
    before, _run_root = _run_root, (Path(folder) if folder else _run_root)
    try:
        yield
    finally:
        _run_root = before


def backup_root() -> Path:
    if _run_root is not None:
        return _run_root
    override = os.environ.get(BACKUP_DIR_ENV)
    if override:
        return Path(override)
    return chosen_backup_root() or default_backup_root()


def set_backup_root(folder: Path | None) -> None:
    """``None``: back to the default folder in the user data folder."""
    values = load()
    if folder is None:
        values.pop(BACKUP_DIR_KEY, None)
    else:
        values[BACKUP_DIR_KEY] = str(Path(folder).expanduser().resolve())
    save(values)
