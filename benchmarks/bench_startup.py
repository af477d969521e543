"""Cold start: our main window and first list page against a bare PySide6 window, in one run.

Usage: python benchmarks/bench_startup.py [--runs 7] [--scale 20]
Each measurement is a fresh process, timed from spawn to the line it prints (the same clock for
every contender), runs interleaved so machine noise hits all alike; medians are compared.
Targets (issue 2): window painted ≤ 1.5 × a bare QMainWindow shown; first list page with its data
≤ 1.3 × a bare window plus `import sqlalchemy`. Also shown: when the database layer is imported and
the database open (after the first page when that page came from the first look, gui/app.py). Our package's bytecode is compiled first, as it is
in an installed program (see _common.compile_package).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import compile_package, demo_database  # noqa: E402

BARE = r"""
import sys
{pre}
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow(); w.resize(1280, 800)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            print("window_shown", flush=True); app.exit(0)
        return False
f = F(); w.installEventFilter(f); w.show(); app.exec()
"""


def timed_lines(cmd: list[str], env: dict[str, str], wanted: tuple[str, ...]) -> dict[str, float]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    seen: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        key = line.split()[0] if line.strip() else ""
        if key in wanted and key not in seen:
            seen[key] = time.perf_counter() - t0
    proc.wait(timeout=60)
    missing = set(wanted) - set(seen)
    if missing:
        raise RuntimeError(f"{cmd[:4]} did not print {missing}")
    return seen


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--scale", type=int, default=20)
    args = ap.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("SASAEAI_DB", None)
    big = demo_database(args.scale)
    print(compile_package())
    small = Path(tempfile.mkdtemp()) / "small.db"
    subprocess.run([sys.executable, "-m", "sasaeai_desktop", "--db", str(small), "init", "--prefecture", "長野県"],
                   check=True, capture_output=True, env=env)
    probe_env = {**env, "SASAEAI_STARTUP_PROBE": "1"}
    contenders = {
        "bare window": ([sys.executable, "-c", BARE.format(pre="")], env, ("window_shown",)),
        "bare window + import sqlalchemy": ([sys.executable, "-c", BARE.format(pre="import sqlalchemy")], env, ("window_shown",)),
        "sasaeai (dashboard, 長野県)": ([sys.executable, "-m", "sasaeai_desktop", "--db", str(small), "gui"], probe_env,
                                        ("window_shown", "first_page_data", "database_open")),
        f"sasaeai (dashboard, scale {args.scale})": (
            [sys.executable, "-m", "sasaeai_desktop", "--db", str(big), "gui"], probe_env,
            ("window_shown", "first_page_data", "database_open")),
        f"sasaeai (people list, scale {args.scale})": (
            [sys.executable, "-m", "sasaeai_desktop", "--db", str(big), "gui", "--page", "people"], probe_env,
            ("window_shown", "first_page_data", "database_open")),
        f"sasaeai (municipalities list, scale {args.scale})": (
            [sys.executable, "-m", "sasaeai_desktop", "--db", str(big), "gui", "--page", "municipalities"], probe_env,
            ("window_shown", "first_page_data", "database_open")),
    }
    results: dict[str, dict[str, list[float]]] = {k: {} for k in contenders}
    for _ in range(args.runs):
        for name, (cmd, e, wanted) in contenders.items():
            for key, t in timed_lines(cmd, e, wanted).items():
                results[name].setdefault(key, []).append(t)
    med = {n: {k: statistics.median(v) for k, v in r.items()} for n, r in results.items()}
    bare = med["bare window"]["window_shown"]
    bare_sa = med["bare window + import sqlalchemy"]["window_shown"]
    print(f"median of {args.runs} cold starts (seconds from spawn):")
    for name, r in med.items():
        print(f"  {name:45} " + "  ".join(f"{k} {v:.3f}" for k, v in r.items()))
    for name, r in med.items():
        if "first_page_data" in r:
            print(f"{name}: window {r['window_shown']/bare:.2f}x bare (target 1.5), "
                  f"first page {r['first_page_data']/bare_sa:.2f}x bare+sqlalchemy (target 1.3), "
                  f"database layer ready {r['database_open']/bare_sa:.2f}x (no target)")


if __name__ == "__main__":
    main()
