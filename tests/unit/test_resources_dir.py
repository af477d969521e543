"""paths.resources_dir() in the three places the program runs from (issue 17): a checkout, an
installed wheel (resources/ inside the package) and a frozen build (inside the bundle)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sasaeai_desktop import paths

REPO = Path(__file__).resolve().parents[2]


def test_checkout_reads_the_top_level_resources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SASAEAI_RESOURCES", raising=False)
    assert paths.resources_dir() == REPO / "resources"


def test_installed_package_reads_its_own_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SASAEAI_RESOURCES", raising=False)
    package = tmp_path / "site-packages" / "sasaeai_desktop"
    (package / "resources" / "data").mkdir(parents=True)
    monkeypatch.setattr(paths, "__file__", str(package / "paths.py"))
    assert paths.resources_dir() == package / "resources"


def test_frozen_build_reads_the_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SASAEAI_RESOURCES", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert paths.resources_dir() == tmp_path / "_internal" / "sasaeai_desktop" / "resources"


def test_the_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SASAEAI_RESOURCES", str(tmp_path))
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert paths.resources_dir() == tmp_path
