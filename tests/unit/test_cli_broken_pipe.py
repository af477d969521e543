"""A reader that stops early (`sasaeai region list | head`) is not an internal error."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from sasaeai_desktop.cli import main as cli


def test_closed_pipe_exits_quietly(monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def closed_pipe(_args: argparse.Namespace) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setitem(cli.COMMANDS, "init", closed_pipe)
    redirected: list[int] = []  # the real dup2 would also silence the test runner's own output
    monkeypatch.setattr(cli.os, "dup2", lambda _src, dst: redirected.append(dst))
    assert cli.main(["--db", str(tmp_path / "a.db"), "init", "--prefecture", "長野県"]) == cli.EXIT_OK
    assert "内部エラー" not in capfd.readouterr().err
    assert redirected, "stdout must be pointed at devnull so the final flush cannot raise again"


def test_other_errors_still_count_as_internal(monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    def broken(_args: argparse.Namespace) -> int:
        raise RuntimeError("boom")

    monkeypatch.setitem(cli.COMMANDS, "init", broken)
    assert cli.main(["--db", str(tmp_path / "a.db"), "init", "--prefecture", "長野県"]) == cli.EXIT_INTERNAL
    assert "内部エラー" in capfd.readouterr().err
