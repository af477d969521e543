"""Where things live: the bundled resources and the per-user default database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sasaeai_desktop import APP_AUTHOR, APP_NAME

DB_ENV = "SASAEAI_DB"
DEFAULT_DB_NAME = "sasaeai.db"


def resources_dir() -> Path:
    """``resources/`` beside the package (source checkout) or inside a frozen build."""
    override = os.environ.get("SASAEAI_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def default_db_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, APP_AUTHOR) / DEFAULT_DB_NAME


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` wins over ``SASAEAI_DB``, which wins over the per-user data folder."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_db_path()
