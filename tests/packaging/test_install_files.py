"""The installer script, the Windows workflow and README's package list agree with the program.

They cannot be run here (no Windows), so what they promise is checked against the code they name:
the exchange-file extension, the option the association runs, the executable names, per-user
install; and README's apt line against what ldd says Qt's xcb plugin needs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from sasaeai_desktop.cli.commands import build_parser
from sasaeai_desktop.gui import qt_preflight
from sasaeai_desktop.gui.pages.sync_flows import FILE_SUFFIX
from tests.packaging.source_tree import REPO

ISS = (REPO / "packaging" / "windows" / "SasaeAI.iss").read_text(encoding="utf-8-sig")
WORKFLOW = (REPO / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_installer_is_per_user_with_start_menu_and_uninstall() -> None:
    assert re.search(r"^PrivilegesRequired=lowest\s*$", ISS, re.MULTILINE)
    assert re.search(r'^Name: "\{group\}\\\{#AppName\}"; Filename: "\{app\}\\\{#AppExe\}"', ISS, re.MULTILINE)
    assert "{uninstallexe}" in ISS
    assert '#define AppExe "SasaeAI.exe"' in ISS and '#define CliExe "sasaeai-cli.exe"' in ISS
    spec = (REPO / "packaging" / "SasaeAI.spec").read_text(encoding="utf-8")
    assert 'name="SasaeAI"' in spec and 'name="sasaeai-cli"' in spec


def test_the_exchange_file_opens_the_programs_import() -> None:
    assert FILE_SUFFIX == ".sync"
    assert f'Subkey: "Software\\Classes\\{FILE_SUFFIX}"; ValueType: string; ValueName: ""; ValueData: "SasaeAI.SyncFile"' in ISS
    command = re.search(r'SasaeAI\.SyncFile\\shell\\open\\command".*ValueData: """\{app\}\\\{#AppExe\}"" (.+) ""%1"""', ISS)
    assert command is not None
    args = build_parser().parse_args([*command.group(1).split(), str(REPO / "README.md")])
    assert args.command == "gui" and args.sync_file == str(REPO / "README.md")


def test_windows_workflow_builds_smoke_tests_and_makes_the_installer() -> None:
    for step in ("python packaging/build_app.py", "sasaeai-cli.exe", "init --prefecture", "pdf advisor-handout",
                 "gui --screenshot", "packaging\\windows\\SasaeAI.iss", "runs-on: windows-latest"):
        assert step in WORKFLOW, step


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="ldd, Linux")
def test_readme_lists_every_x11_library_qts_xcb_plugin_needs() -> None:
    plugin = qt_preflight.xcb_plugin_path()
    assert plugin is not None
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    x11 = sorted({m for m in re.findall(r"^\s*(lib\S+\.so\.\d+)", out, re.MULTILINE) if re.match(r"lib(xcb|xkbcommon|X11)", m)})
    assert len(x11) > 10, out
    apt_line = next(line for line in README.splitlines() if line.startswith("sudo apt-get install") and "libxcb-cursor0" in line)
    listed = set(apt_line.split()[3:])
    missing = [f"{lib} ({qt_preflight.debian_package(lib)})" for lib in x11 if qt_preflight.debian_package(lib) not in listed]
    assert not missing, missing
