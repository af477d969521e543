"""The rules of direction (docs/architecture.md): each layer imports only what it may, and the
package's import graph has no cycle.

Walks every module's imports with ``ast``, so an import inside a function or under
``if TYPE_CHECKING:`` counts too: a cycle hidden in a function is still two modules that cannot be
understood (or moved) one without the other.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "sasaeai_desktop"

QT = ("PySide6", "shiboken6")
CLI = "sasaeai_desktop.cli"  # the command line: a front end, like the window
# layer → package prefixes it must never import. Downwards only: domain ← db, io ← services ← gui, cli.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": (*QT, "sqlalchemy", "alembic", "openpyxl", "reportlab", "sasaeai_desktop."),
    "db": (*QT, "sasaeai_desktop.gui", CLI, "sasaeai_desktop.services", "sasaeai_desktop.io"),
    "io": (*QT, "sasaeai_desktop.gui", CLI, "sasaeai_desktop.services"),
    "services": (*QT, "sasaeai_desktop.gui", CLI),
    # A file the user asks for is a use case (services), never the window calling a writer itself.
    "gui": ("sqlalchemy", "alembic", "sasaeai_desktop.db", CLI, "sasaeai_desktop.io.excel", "sasaeai_desktop.io.pdf"),
    # demo (the fictional dataset) builds on services like the CLI does; the window never makes it
    "demo": (*QT, "sasaeai_desktop.gui", CLI),
}
# domain may import its own siblings
ALLOWED: dict[str, tuple[str, ...]] = {"domain": ("sasaeai_desktop.domain",)}
# layers that may import nothing outside the standard library but what ALLOWED names
STDLIB_ONLY = {"domain"}


def _imports(path: Path, root: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                parts = path.relative_to(root.parent).with_suffix("").parts[: -node.level]
                base = ".".join(parts + ((node.module,) if node.module else ()))
            else:
                base = node.module or ""
            # each imported name counts, so ``from sasaeai_desktop import services`` (or
            # ``from .. import db``) is seen as the subpackage it brings in
            names.extend(base if a.name == "*" else f"{base}.{a.name}" for a in node.names)
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
        and (
            any(_matches(name, f) for f in FORBIDDEN[layer])
            or (layer in STDLIB_ONLY and name.split(".")[0] not in sys.stdlib_module_names)
        )
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


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the package's modules it imports. ``from pkg import name`` points at ``pkg.name``
    when that is a module, else at ``pkg``; a name that is no module is cut back to its nearest
    module (``a.b.Class`` → ``a.b``)."""
    paths = {_module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                targets.update(f"{base}.{a.name}" if f"{base}.{a.name}" in paths else base for a in node.names)
        edges = set()
        for target in targets:
            while target and target not in paths:
                target = target.rpartition(".")[0]
            if target and target != name:
                edges.add(target)
        graph[name] = edges
    return graph


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component of more than one module (Tarjan), each as its edges
    ``a -> b`` inside the component, sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(f"{a} -> {b}" for a in component for b in graph[a] & component))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(graph) + 100))
    try:
        for v in sorted(graph):
            if v not in index:
                visit(v)
    finally:
        sys.setrecursionlimit(limit)
    return sorted(found)


def test_the_graph_sees_lazy_and_relative_imports() -> None:
    graph = import_graph(PACKAGE)
    assert "sasaeai_desktop.services.progress.files" in graph
    # a module-level relative import, and an import inside a function
    assert "sasaeai_desktop.db.integrity" in graph["sasaeai_desktop.db.backups"]
    assert "sasaeai_desktop.io.pdf.dashboard" in graph["sasaeai_desktop.services.progress.files"]


def test_no_import_cycle() -> None:
    assert import_cycles(import_graph(PACKAGE)) == []


def test_cycle_finder_catches_a_cycle_hidden_in_a_function(tmp_path: Path) -> None:
    root = tmp_path / "sasaeai_desktop"
    (root / "services").mkdir(parents=True)
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / "services" / "__init__.py").write_text("", encoding="utf-8")
    (root / "services" / "a.py").write_text("from . import b\n", encoding="utf-8")
    (root / "services" / "b.py").write_text("def f():\n    from sasaeai_desktop.services.a import x\n", encoding="utf-8")
    (root / "services" / "c.py").write_text("from .a import b\n", encoding="utf-8")
    assert import_cycles(import_graph(root)) == [
        ["sasaeai_desktop.services.a -> sasaeai_desktop.services.b",
         "sasaeai_desktop.services.b -> sasaeai_desktop.services.a"],
    ]


def test_rule_checker_catches_violations(tmp_path: Path) -> None:
    """The walk itself works: planted imports (a lazy one included) are reported."""
    root = tmp_path / "sasaeai_desktop"
    (root / "services").mkdir(parents=True)
    (root / "domain").mkdir()
    (root / "services" / "planted.py").write_text("def f():\n    from PySide6 import QtCore\n", encoding="utf-8")
    (root / "domain" / "planted.py").write_text(
        "from ..db import models\nimport sqlalchemy\nimport yaml\nfrom .. import io\nfrom . import wareki\nimport json\n",
        encoding="utf-8",
    )
    (root / "io").mkdir()
    (root / "io" / "planted.py").write_text(
        "def f():\n    from sasaeai_desktop.services import exports\n    from sasaeai_desktop import services\n",
        encoding="utf-8",
    )
    (root / "gui").mkdir()
    (root / "gui" / "planted.py").write_text("from .. import db\n", encoding="utf-8")
    (root / "db").mkdir()
    (root / "db" / "planted.py").write_text("from ..services.people import save\n", encoding="utf-8")
    (root / "services" / "front.py").write_text("from ..gui import pages\n", encoding="utf-8")
    assert layer_violations(root, "io") == [
        "io/planted.py imports sasaeai_desktop.services.exports",
        "io/planted.py imports sasaeai_desktop.services",
    ]
    assert qt_outside_gui(root) == ["services/planted.py imports PySide6.QtCore"]
    assert layer_violations(root, "services") == [
        "services/front.py imports sasaeai_desktop.gui.pages",
        "services/planted.py imports PySide6.QtCore",
    ]
    assert layer_violations(root, "gui") == ["gui/planted.py imports sasaeai_desktop.db"]
    assert layer_violations(root, "db") == ["db/planted.py imports sasaeai_desktop.services.people.save"]
    # domain: nothing of ours but domain, nothing outside the standard library
    assert layer_violations(root, "domain") == [
        "domain/planted.py imports sasaeai_desktop.db.models",
        "domain/planted.py imports sqlalchemy",
        "domain/planted.py imports yaml",
        "domain/planted.py imports sasaeai_desktop.io",
    ]
