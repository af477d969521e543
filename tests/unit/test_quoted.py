"""A message quotes a long path by its start and its end: the file's name stays in view."""

from __future__ import annotations

from sasaeai_desktop.domain.quoted import quoted


def test_a_short_value_is_quoted_whole() -> None:
    assert quoted("returns/bad.xlsx") == "returns/bad.xlsx"


def test_a_long_path_keeps_its_file_name() -> None:
    # the path a parallel test run gave a test: cut at its end, "bad.xlsx" was lost
    path = "/tmp/pytest-of-root/pytest-3/popen-gw1/test_a_bad_file_is_exit_2_with0/returns/bad.xlsx"
    shown = quoted(path)
    assert len(shown) == 80 and shown.endswith("/returns/bad.xlsx") and shown.startswith("/tmp/pytest-of-root")
    assert "…" in shown
    assert len(quoted(path, 60)) == 60
