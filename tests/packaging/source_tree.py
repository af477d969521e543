"""What the packaging tests build from: the repository as a fresh clone would have it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# What setup.py / MANIFEST.in need to build a wheel: a copy of exactly these, so that nothing
# the checkout happens to hold (an old build/, an egg-info, the editable install) gets in.
WHEEL_SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "sasaeai_desktop", "resources")


def copy_sources(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in WHEEL_SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=skip)
        else:
            shutil.copy2(source, target / name)
    return target


def clean_environment(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: none of the test run's pointers into the checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SASAEAI_", "PYTHON", "PYTEST", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env
