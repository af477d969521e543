"""The frozen program's entry point (PyInstaller runs this file as ``__main__``)."""

from __future__ import annotations

import os
import sys

# A windowed Windows build (SasaeAI.exe) has no console: sys.stdout/stderr are None there unless a
# caller redirected them, and the command line's progress lines and messages must not crash on it.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))

from sasaeai_desktop.cli.main import main  # noqa: E402 - after the streams exist

if __name__ == "__main__":
    sys.exit(main())
