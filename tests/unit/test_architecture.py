"""The rules of direction (architecture.md): each layer imports only what it may.

Walks every module's imports with ``ast`` (so a lazy import inside a function counts too).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "sasaeai_desktop"

# layer → package prefixes it must never import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": ("PySide6", "shiboken6", "sqlalchemy", "alembic", "openpyxl", "reportlab", "sasaeai_desktop."),
    "db": ("PySide6", "shiboken6", "sasaeai_desktop.gui", "sasaeai_desktop.services", "sasaeai_desktop.io"),
    "io": ("PySide6", "shiboken6", "sasaeai_desktop.gui"),
    "services": ("PySide6", "shiboken6", "sasaeai_desktop.gui"),
    # demo (the fictional dataset) builds on services like the CLI does; the window never makes it
    "demo": ("PySide6", "shiboken6", "sasaeai_desktop.gui"),
}
# domain may import its own siblings
ALLOWED: dict[str, tuple[str, ...]] = {"domain": ("sasaeai_desktop.domain",)}


def _imports(path: Path, root: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                parts = path.relative_to(root.parent).with_suffix("").parts[: -node.level]
                base = ".".join(parts)
                names.append(f"{base}.{node.module}" if node.module else base)
            elif node.module:
                names.append(node.module)
    return names


def _matches(name: str, prefix: str) -> bool:
    if prefix.endswith("."):
        return name.startswith(prefix)
    return name == prefix or name.startswith(prefix + ".")


def layer_violations(root: Path, layer: str) -> list[str]:
    return [
        f"{path.relative_to(root)} imports {name}"
        for path in sorted((root / layer).rglob("*.py"))
        for name in _imports(path, root)
        if not any(_matches(name, a) for a in ALLOWED.get(layer, ()))
        and any(_matches(name, f) for f in FORBIDDEN[layer])
    ]


def qt_outside_gui(root: Path) -> list[str]:
    return [
        f"{p.relative_to(root)} imports {n}"
        for p in sorted(root.rglob("*.py"))
        if "gui" not in p.relative_to(root).parts
        for n in _imports(p, root)
        if n.split(".")[0] in {"PySide6", "shiboken6"}
    ]


def test_the_walk_sees_the_package() -> None:
    assert len(list(PACKAGE.rglob("*.py"))) > 20


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_rules(layer: str) -> None:
    assert layer_violations(PACKAGE, layer) == []


def test_only_gui_imports_qt() -> None:
    assert qt_outside_gui(PACKAGE) == []


def test_only_the_front_ends_import_the_demo() -> None:
    """The demo sits above services: nothing the program runs on may depend on fictional data."""
    bad = [
        f"{p.relative_to(PACKAGE)} imports {n}"
        for layer in ("domain", "db", "io", "services")
        for p in (PACKAGE / layer).rglob("*.py")
        for n in _imports(p, PACKAGE)
        if _matches(n, "sasaeai_desktop.demo")
    ]
    assert bad == []


def test_gui_reaches_data_only_through_services() -> None:
    bad = [
        f"{p.relative_to(PACKAGE)} imports {n}"
        for p in (PACKAGE / "gui").rglob("*.py")
        for n in _imports(p, PACKAGE)
        if n.split(".")[0] in {"sqlalchemy", "alembic"} or n.startswith("sasaeai_desktop.db")
    ]
    assert bad == []


def test_rule_checker_catches_violations(tmp_path: Path) -> None:
    """The walk itself works: planted imports (a lazy one included) are reported."""
    root = tmp_path / "sasaeai_desktop"
    (root / "services").mkdir(parents=True)
    (root / "domain").mkdir()
    (root / "services" / "planted.py").write_text("def f():\n    from PySide6 import QtCore\n", encoding="utf-8")
    (root / "domain" / "planted.py").write_text("from ..db import models\nimport sqlalchemy\n", encoding="utf-8")
    assert qt_outside_gui(root) == ["services/planted.py imports PySide6"]
    assert layer_violations(root, "services") == ["services/planted.py imports PySide6"]
    assert layer_violations(root, "domain") == [
        "domain/planted.py imports sasaeai_desktop.db",
        "domain/planted.py imports sqlalchemy",
    ]
