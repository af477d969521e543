"""Cold start through the one read path, against a bare PySide6 window, in one run.

Usage: python benchmarks/bench_startup.py [--runs 7] [--scale 20] [--db PATH]

Target (issue 18): database ready and first page shown ≤ 2.2 × (bare window + ``import
sqlalchemy``) on the scale-20 demo database. The first page is the dashboard (the program's
default); the 人 and 市町村 lists are shown beside it, and in parentheses the dashboard without
the opening's quick_check (db/integrity.py), which grows with the file, to show its share. Each measurement is a fresh process, timed
from spawn to the line it prints (the same clock for every contender); runs are interleaved so
machine noise hits all alike, and medians are compared. Our package's bytecode is compiled
first, as it is in an installed program (_common.compile_package).

``--db``: a scale-N demo database made beforehand (``python -m sasaeai_desktop --db PATH demo
--scale 20``); otherwise one is built once and cached (_common.demo_database). The program's
starts only read it (no backup, no migration when it is current).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]  # this checkout's package, not an installed one

from _common import compile_package  # noqa: E402
from _common import demo_database  # noqa: E402

TARGET = 2.2

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
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    seen: dict[str, float] = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        key = line.split()[0] if line.strip() else ""
        if key in wanted and key not in seen:
            seen[key] = time.perf_counter() - t0
    _out, err = proc.communicate(timeout=120)
    missing = set(wanted) - set(seen)
    if missing or proc.returncode != 0:
        raise RuntimeError(f"{cmd[1:]} did not print {missing or 'its lines'} (exit {proc.returncode}): {err[-2000:]}")
    return seen


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--scale", type=int, default=20)
    ap.add_argument("--db", type=Path)
    args = ap.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "PYTHONPATH": str(ROOT)}
    env.pop("SASAEAI_DB", None)
    db = args.db or demo_database(args.scale)
    print(compile_package())
    child = str(HERE / "startup_child.py")
    ours = ("window_shown", "first_page_shown")
    contenders = {
        "bare window": ([sys.executable, "-c", BARE.format(pre="")], ("window_shown",)),
        "bare window + import sqlalchemy": ([sys.executable, "-c", BARE.format(pre="import sqlalchemy")], ("window_shown",)),
        f"sasaeai, dashboard (scale {args.scale})": ([sys.executable, child, str(db), "dashboard"], ours),
        f"sasaeai, 人 list (scale {args.scale})": ([sys.executable, child, str(db), "people"], ours),
        f"sasaeai, 市町村 list (scale {args.scale})": ([sys.executable, child, str(db), "municipalities"], ours),
        "(sasaeai, dashboard, no quick_check)": ([sys.executable, child, str(db), "dashboard", "no-quick-check"], ours),
    }
    results: dict[str, dict[str, list[float]]] = {name: {} for name in contenders}
    for _ in range(args.runs):
        for name, (cmd, wanted) in contenders.items():
            for key, seconds in timed_lines(cmd, env, wanted).items():
                results[name].setdefault(key, []).append(seconds)
    med = {name: {key: statistics.median(v) for key, v in r.items()} for name, r in results.items()}
    bare_sa = med["bare window + import sqlalchemy"]["window_shown"]
    print(f"{db} ({db.stat().st_size / 1e6:.0f} MB); median of {args.runs} cold starts (seconds from spawn):")
    for name, r in med.items():
        spread = {key: (min(v), max(v)) for key, v in results[name].items()}
        print(f"  {name:40} " + "  ".join(f"{key} {v:.3f} ({spread[key][0]:.3f}–{spread[key][1]:.3f})" for key, v in r.items()))
    for name, r in med.items():
        if "first_page_shown" in r:
            ratio = r["first_page_shown"] / bare_sa
            verdict = "OK" if ratio <= TARGET else "MISSED"
            print(f"{name}: database ready and first page shown {ratio:.2f}× bare window + import sqlalchemy "
                  f"(target ≤ {TARGET}: {verdict})")


if __name__ == "__main__":
    main()
