"""A reader that stops early (`sasaeai region list | head`) is not an internal error."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from sasaeai_desktop.cli.commands import COMMANDS
from sasaeai_desktop.cli.exit_codes import EXIT_INTERNAL
from sasaeai_desktop.cli.exit_codes import EXIT_OK
from tests.cli_runner import CliRunner


def test_closed_pipe_exits_quietly(sasaeai: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def closed_pipe(_args: argparse.Namespace) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setitem(COMMANDS, "init", closed_pipe)
    redirected: list[int] = []  # recorded instead of done
    monkeypatch.setattr(os, "dup2", lambda _src, dst: redirected.append(dst))
    done = sasaeai.inside("--db", str(tmp_path / "a.db"), "init", "--prefecture", "長野県")
    assert done.returncode == EXIT_OK
    assert "内部エラー" not in done.stderr
    assert redirected, "stdout must be pointed at devnull so the final flush cannot raise again"


def test_other_errors_still_count_as_internal(sasaeai: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def broken(_args: argparse.Namespace) -> int:
        raise RuntimeError("boom")

    monkeypatch.setitem(COMMANDS, "init", broken)
    done = sasaeai.inside("--db", str(tmp_path / "a.db"), "init", "--prefecture", "長野県")
    assert done.returncode == EXIT_INTERNAL
    assert "内部エラー" in done.stderr
