"""The one thing pyproject.toml cannot say: ship ``resources/`` inside the package.

``resources/`` stays at the top of the repository (fonts, master data, icons, translations are
edited there); a built wheel carries all of it as ``sasaeai_desktop/resources/`` so an installed
program finds it beside its own code (``sasaeai_desktop.paths.resources_dir``). Everything under
the folder is copied, so a file added there ships without touching this file. An editable
install reads the checkout's ``resources/`` in place and copies nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SOURCE = Path(__file__).resolve().parent / "resources"
TARGET = Path("sasaeai_desktop") / "resources"


class BuildPyWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / TARGET
        # A fresh copy each time: a file removed from resources/ must not live on in build/lib.
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(SOURCE, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))


setup(cmdclass={"build_py": BuildPyWithResources})
