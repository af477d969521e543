"""Rules of direction for the GUI (architecture.md): Qt stays in gui/, gui/ reaches data only
through services, and the generated forms match their .ui files."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "sasaeai_desktop"
GUI = PACKAGE / "gui"


def _all_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_gui_reaches_data_only_through_services() -> None:
    """Not even for type hints: DatabaseOpenError and UnitOfWork come via services.database_file."""
    offenders = []
    for path in GUI.rglob("*.py"):
        for name in _all_imports(path):
            if name.split(".")[0] in ("sqlalchemy", "alembic") or name.startswith("sasaeai_desktop.db"):
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []


def test_generated_forms_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build_ui.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for form in (GUI / "forms").glob("ui_*.py"):
        assert form.read_text(encoding="utf-8").startswith(f"# Generated from ui/{form.stem[3:]}.ui by packaging/build_ui.py")


def test_bundled_font_and_licence_travel_together() -> None:
    fonts = ROOT / "resources" / "fonts"
    assert (fonts / "ipaexg.ttf").stat().st_size > 1_000_000
    assert "IPAフォントライセンスv1.0" in (fonts / "IPA_Font_License_Agreement_v1.0.txt").read_text(encoding="utf-8")
    # the PDF fallback gothic (a modified Noto Sans CJK JP) and its OFL
    assert (fonts / "sasaeai-fallback-gothic.ttf").stat().st_size > 500_000
    assert "SIL OPEN FONT LICENSE Version 1.1" in (fonts / "OFL-1.1_SasaeAI_Fallback_Gothic.txt").read_text(encoding="utf-8")


def test_bundled_font_is_registered(qapp: object) -> None:
    from PySide6.QtGui import QFontDatabase

    from sasaeai_desktop.gui.fonts import BUNDLED_FAMILY

    assert BUNDLED_FAMILY in QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)


def test_none_and_true_survive_many_qt_calls(qapp: object) -> None:
    """PySide6 6.12.0 drops a reference to None per void call and to True per emit, which aborts
    the interpreter after a few hundred signals; pyproject.toml excludes that release and this
    test keeps any other broken release out."""
    from PySide6.QtCore import QObject
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QLabel

    class Pinger(QObject):
        ping = Signal()

    label, pinger = QLabel(), Pinger()
    for _ in range(20_000):
        label.setText("x")
    for _ in range(5_000):
        pinger.ping.emit()
    assert sys.getrefcount(None) > 1000 and sys.getrefcount(True) > 1000
