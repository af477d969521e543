"""Where things live: the bundled resources and the per-user default database."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sasaeai_desktop import APP_AUTHOR
from sasaeai_desktop import APP_NAME

DB_ENV = "SASAEAI_DB"
DEFAULT_DB_NAME = "sasaeai.db"
# Where a wheel and a frozen build keep resources/, relative to the folder that holds the package.
PACKAGED_RESOURCES = Path("sasaeai_desktop", "resources")


def resources_dir() -> Path:
    """The bundled resources (master data, fonts, icons, translations), wherever the program runs:

    - a frozen build (PyInstaller, packaging/build_app.py): ``<bundle>/sasaeai_desktop/resources``;
    - an installed wheel: ``sasaeai_desktop/resources`` beside this file (setup.py copies it in);
    - a source checkout or editable install: ``resources/`` at the top of the repository.
    ``SASAEAI_RESOURCES`` overrides all three (tests, a hand-made bundle).
    """
    override = os.environ.get("SASAEAI_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / PACKAGED_RESOURCES
    package_dir = Path(__file__).resolve().parent
    packaged = package_dir / "resources"
    if packaged.is_dir():
        return packaged
    return package_dir.parent / "resources"


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
