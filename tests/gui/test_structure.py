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


def record_dialogs_not_from_forms(gui: Path) -> list[str]:
    """Record dialogs are made one way (issue 18): a Designer form under ui/, compiled into
    gui/forms by packaging/build_ui.py and built with ``use_ui``. Lists each RecordDialog class that
    is not, and each ``setupUi`` written by hand outside gui/forms."""
    bad: list[str] = []
    for path in sorted(gui.rglob("*.py")):
        rel = path.relative_to(gui).as_posix()
        if rel.startswith("forms/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        forms = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                 and (node.module or "").startswith("sasaeai_desktop.gui.forms.") for a in node.names}
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            if any(isinstance(f, ast.FunctionDef) and f.name == "setupUi" for f in cls.body):
                bad.append(f"{rel}: {cls.name} writes its own setupUi")
            if not any(isinstance(b, ast.Name) and b.id == "RecordDialog" for b in cls.bases):
                continue
            built = [c for c in ast.walk(cls) if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)
                     and c.func.attr == "use_ui" and c.args and isinstance(c.args[0], ast.Call)
                     and isinstance(c.args[0].func, ast.Name) and c.args[0].func.id in forms]
            if not built:
                bad.append(f"{rel}: {cls.name} is not built from a form in gui/forms")
    return bad


def test_record_dialogs_are_built_from_designer_forms() -> None:
    assert record_dialogs_not_from_forms(GUI) == []


def test_the_record_dialog_rule_sees_a_dialog_built_by_hand(tmp_path: Path) -> None:
    (tmp_path / "forms").mkdir()
    (tmp_path / "good.py").write_text(
        "from sasaeai_desktop.gui.forms.ui_a import Ui_A\n"
        "class A(RecordDialog):\n    def __init__(self):\n        self.use_ui(Ui_A())\n", encoding="utf-8")
    (tmp_path / "by_hand.py").write_text(
        "class B(RecordDialog):\n    def __init__(self):\n        self.layout = QFormLayout(self)\n"
        "class Ui_C:\n    def setupUi(self, dialog):\n        pass\n", encoding="utf-8")
    assert record_dialogs_not_from_forms(tmp_path) == [
        "by_hand.py: B is not built from a form in gui/forms",
        "by_hand.py: Ui_C writes its own setupUi",
    ]


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
