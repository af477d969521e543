"""How a test runs the command line: ``tests/conftest.py`` hands a ``CliRunner`` to every CLI test
as the ``sasaeai`` fixture.

``sasaeai(*args)`` is a real ``python -m sasaeai_desktop`` process, as a user or a script runs it;
``sasaeai.inside(*args)`` runs the same entry point (cli/main.py: parsing, exit codes, messages)
in this process, for tests that make many calls (a fresh interpreter costs ~2 s on a loaded machine).
A process test may give ``before=`` (Python lines the child runs first: a patch only a child may
take), ``env=`` (a value None removes the variable) and ``subprocess`` options such as ``cwd``;
``sasaeai.start(*args)`` leaves the process running, for a test that kills it half-way.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CliResult:
    returncode: int
    stdout: str
    stderr: str


class CliRunner:
    def __call__(self, *args: str, before: str = "", env: dict[str, str | None] | None = None,
                 timeout: float = 120, **popen: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self._command(args, before), capture_output=True, text=True,
                              env=self._env(env), timeout=timeout, **popen)

    def start(self, *args: str, before: str = "", **popen: Any) -> subprocess.Popen[str]:
        """The process left running with its stdout a pipe: for a test that waits for a line and kills it."""
        return subprocess.Popen(self._command(args, before), stdout=subprocess.PIPE, text=True,
                                env=self._env(None), **popen)

    @staticmethod
    def _command(args: tuple[str, ...], before: str) -> list[str]:
        if not before:
            return [sys.executable, "-m", "sasaeai_desktop", *args]
        # The patch first, then the same entry point as ``-m`` (its arguments stay in sys.argv).
        entry = "\nimport runpy\nrunpy.run_module('sasaeai_desktop', run_name='__main__', alter_sys=True)\n"
        return [sys.executable, "-c", before + entry, *args]

    @staticmethod
    def _env(env: dict[str, str | None] | None) -> dict[str, str]:
        full = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        # A developer's own database and passphrase must never be used by a test.
        full.pop("SASAEAI_DB", None)
        full.pop("SASAEAI_PASSPHRASE", None)
        for name, value in (env or {}).items():  # None: not set at all
            if value is None:
                full.pop(name, None)
            else:
                full[name] = value
        return full

    def inside(self, *args: str) -> CliResult:
        from sasaeai_desktop.cli.main import main

        # Files rather than StringIO: stdout has a file descriptor, as in a process (main.py points
        # it at devnull when the reader of a pipe goes away).
        with tempfile.TemporaryFile("w+", encoding="utf-8") as out, \
                tempfile.TemporaryFile("w+", encoding="utf-8") as err:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(list(args))
                except SystemExit as exc:  # argparse
                    code = exc.code if isinstance(exc.code, int) else 2
            out.seek(0)
            err.seek(0)
            return CliResult(code, out.read(), err.read())
