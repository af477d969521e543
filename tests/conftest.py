"""Fixtures shared by the integration and acceptance tests: real temporary SQLite files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sasaeai_desktop.bootstrap import AppContext
from sasaeai_desktop.bootstrap import open_database
from sasaeai_desktop.services import setup
from tests.cli_runner import CliRunner


@pytest.fixture(autouse=True)
def own_window_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Window sizes and splitters go to a file of the test's own (gui/window_memory.py): never the
    user's settings, and nothing one test drags leaks into the next."""
    path = tmp_path / "window-settings.ini"
    monkeypatch.setenv("SASAEAI_SETTINGS", str(path))
    return path


@pytest.fixture(autouse=True)
def own_error_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The error log (gui/crash_report.py) of each test in its own folder, never the user's."""
    folder = tmp_path / "logs"
    monkeypatch.setenv("SASAEAI_LOG_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def own_backup_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Backups (db/backups.py) and the program's settings file of each test in its own folder,
    never the user's data folder. The automatic daily and pre-operation backups are off
    (services/backups.py): the suite's thousands of throw-away databases need none, and the
    tests of backups turn them on (tests/integration/test_backup_rotation.py and others)."""
    folder = tmp_path / "backups"
    monkeypatch.setenv("SASAEAI_BACKUP_DIR", str(folder))
    monkeypatch.setenv("SASAEAI_AUTO_BACKUP", "0")
    monkeypatch.setenv("SASAEAI_CONFIG", str(tmp_path / "settings.json"))
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sasaeai.db"


@pytest.fixture
def ctx(db_path: Path) -> Iterator[AppContext]:
    """An opened, migrated, empty database."""
    context = open_database(db_path)
    yield context
    context.close()


@pytest.fixture
def nagano(ctx: AppContext) -> AppContext:
    """A database initialised for 長野県 (77 municipalities)."""
    setup.init_prefecture(ctx.uow(), "長野県")
    return ctx


@pytest.fixture(scope="session")
def sasaeai() -> CliRunner:
    """The command line, as a process (``sasaeai(*args)``) or in this one (``sasaeai.inside``)."""
    return CliRunner()
