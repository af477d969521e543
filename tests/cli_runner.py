"""How a test runs the command line: ``tests/conftest.py`` hands a ``CliRunner`` to every CLI test
as the ``sasaeai`` fixture.

``sasaeai(*args)`` is a real ``python -m sasaeai_desktop`` process, as a user or a script runs it;
``sasaeai.inside(*args)`` runs the same entry point (cli/main.py: parsing, exit codes, messages)
in this process, for tests that make many calls (a fresh interpreter costs ~2 s on a loaded machine).
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


class CliRunner:
    def __call__(self, *args: str, env: dict[str, str] | None = None, timeout: float = 120,
                 **popen: Any) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        # A developer's own database and passphrase must never be used by a test.
        full_env.pop("SASAEAI_DB", None)
        full_env.pop("SASAEAI_PASSPHRASE", None)
        full_env.update(env or {})
        return subprocess.run([sys.executable, "-m", "sasaeai_desktop", *args],
                              capture_output=True, text=True, env=full_env, timeout=timeout, **popen)

    def inside(self, *args: str) -> CliResult:
        from sasaeai_desktop.cli.main import main

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 2
        return CliResult(code, out.getvalue(), err.getvalue())
