"""Qt that cannot start says why in Japanese, exit 2, instead of aborting with signal 6 (issue 17).

Before gui/qt_preflight.py, a missing xcb library or an X server that does not answer ended the
process in Qt's abort (return code -6) after a misleading line about xcb-cursor0."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sasaeai_desktop.gui import qt_preflight
from tests.cli_runner import CliRunner
from tests.packaging.source_tree import REPO

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Linux's")


# The xcb platform, as on a desktop: neither the suite's offscreen nor Wayland.
_X11_ENV: dict[str, str | None] = {"QT_QPA_PLATFORM": None, "WAYLAND_DISPLAY": None}


def test_debian_package_names() -> None:
    assert qt_preflight.debian_package("libxcb-icccm.so.4") == "libxcb-icccm4"
    assert qt_preflight.debian_package("libxcb-keysyms.so.1") == "libxcb-keysyms1"
    assert qt_preflight.debian_package("libxkbcommon-x11.so.0") == "libxkbcommon-x11-0"
    assert qt_preflight.debian_package("libxcb-render-util.so.0") == "libxcb-render-util0"
    assert qt_preflight.debian_package("libX11-xcb.so.1") == "libx11-xcb1"
    assert qt_preflight.debian_package("libdbus-1.so.3") == "libdbus-1-3"


@linux_only
def test_offscreen_and_other_platforms_are_not_checked() -> None:
    assert qt_preflight.check_qt_platform({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":99"}).ok
    assert qt_preflight.check_qt_platform({"QT_QPA_PLATFORM": "offscreen"}).platform == "offscreen"


@linux_only
def test_the_real_plugin_needs_nothing_missing_on_this_machine() -> None:
    plugin = qt_preflight.xcb_plugin_path()
    assert plugin is not None and plugin.name == "libqxcb.so"
    assert qt_preflight.missing_libraries(plugin) == []


@linux_only
@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a C compiler to make a library with a missing dependency")
def test_libraries_that_are_gone_are_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real dynamic-linker miss: a plugin stand-in linked against two libraries that are then
    deleted. ldd names both; without ldd the failed load still names the first."""
    deps = []
    for name in ("libsasaeaigone.so.3", "libsasaeaialsogone.so.1"):
        source = tmp_path / f"{name}.c"
        source.write_text(f"int {name.split('.')[0]}_f(void) {{ return 1; }}\n")
        subprocess.run(["cc", "-shared", "-fPIC", f"-Wl,-soname,{name}", "-o", tmp_path / name, source], check=True)
        deps.append(tmp_path / name)
    (tmp_path / "plugin.c").write_text("int libsasaeaigone_f(void);\nint plugin(void) { return libsasaeaigone_f(); }\n")
    plugin = tmp_path / "libqxcb.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-Wl,--no-as-needed", "-o", plugin, tmp_path / "plugin.c", *deps], check=True)
    for dep in deps:
        dep.unlink()
    assert qt_preflight.missing_libraries(plugin) == ["libsasaeaialsogone.so.1", "libsasaeaigone.so.3"]
    monkeypatch.setattr(qt_preflight.shutil, "which", lambda _name: None)
    assert qt_preflight.missing_libraries(plugin) in (["libsasaeaigone.so.3"], ["libsasaeaialsogone.so.1"])


@linux_only
def test_missing_libraries_are_said_and_the_window_is_not_attempted(sasaeai: CliRunner, tmp_path: Path) -> None:
    """The whole command: libraries the checker reports missing → Japanese message, exit 2, no abort,
    no database created."""
    db = tmp_path / "office.db"
    missing = textwrap.dedent(
        """
        from sasaeai_desktop.gui import qt_preflight
        qt_preflight.missing_libraries = lambda plugin: ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
        """
    )
    done = sasaeai("gui", "--db", str(db), before=missing, cwd=REPO, env=_X11_ENV | {"DISPLAY": ":0"})
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "必要なライブラリがありません: libxcb-icccm.so.4, libxcb-keysyms.so.1" in done.stderr
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in done.stderr
    assert not db.exists()


@linux_only
def test_a_display_that_does_not_answer_is_said_not_aborted(sasaeai: CliRunner, tmp_path: Path) -> None:
    done = sasaeai("--db", str(tmp_path / "office.db"), "gui", cwd=REPO,
                   env=_X11_ENV | {"DISPLAY": ":97"})  # no X server there
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "画面（X サーバー「:97」）に接続できません" in done.stderr
