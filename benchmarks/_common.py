"""Helpers shared by the benchmark scripts (not part of the test run)."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

CACHE = Path(os.environ.get("SASAEAI_BENCH_CACHE", "/tmp/sasaeai-bench"))


def remove_database_files(path: Path) -> None:
    """Delete a database file with everything named after it (-wal, -shm, .lock)."""
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()


def cached_database_current(path: Path) -> bool:
    """Whether a cached database can be reused: it exists and was made the way the program makes a
    new one now — its page size and its schema revision (a file built before a change of either
    would measure the old one, or migrate each copy of it inside the timed run).
    A stale one is removed, with its -wal and -shm, so that it is built again."""
    if not path.exists():
        return False
    import sqlite3
    from contextlib import closing

    from sasaeai_desktop.db.engine import PAGE_SIZE
    from sasaeai_desktop.db.migrate import head_revision

    with closing(sqlite3.connect(path)) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        try:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            revision = None
    current = page_size == PAGE_SIZE and revision == (head_revision(),)
    if not current:
        remove_database_files(path)
    return current


def rss_mb() -> float:
    """Current resident set size (Linux), else the peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median seconds of ``repeat`` runs (after one warm-up run)."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def demo_database(scale: int, prefecture: str = "長野県") -> Path:
    """A cached database filled by ``sasaeai demo --scale N`` (built once, reused by later runs)."""
    from sasaeai_desktop import demo
    from sasaeai_desktop.bootstrap import open_database
    from sasaeai_desktop.services import setup

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"demo-scale{scale}.db"
    if cached_database_current(path):
        return path
    tmp = path.with_suffix(".building.db")
    remove_database_files(tmp)
    t0 = time.perf_counter()
    with open_database(tmp) as ctx:
        setup.init_prefecture(ctx.uow(), prefecture)
        demo.fill_demo(ctx.uow(), scale=scale)
        ctx.engine.dispose()
    import sqlite3

    with sqlite3.connect(tmp) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    tmp.rename(path)
    print(f"(built {path} in {time.perf_counter() - t0:.1f} s)")
    return path


def compile_package() -> str:
    """Write the package's bytecode (__pycache__) the way an installed program has it, and say so.

    pip compiles an installed package, and Python caches the bytecode on a program's first run,
    so a user's every later start reads .pyc files. A machine with PYTHONDONTWRITEBYTECODE set
    (this one) would instead compile all of our modules from source on every start — while
    PySide6 and SQLAlchemy, the baselines, come with their bytecode — and time that instead.
    """
    import compileall
    import sys

    import sasaeai_desktop

    folder = Path(sasaeai_desktop.__file__).parent
    compileall.compile_dir(str(folder), quiet=1)
    flag = " (PYTHONDONTWRITEBYTECODE is set here: compiled explicitly)" if sys.flags.dont_write_bytecode else ""
    return f"bytecode of {folder} compiled first, as in an installed program{flag}"


def demo_run(name: str) -> tuple[argparse.Namespace, Path, Path]:
    """The command line of a benchmark over the demo (--scale, --repeat, --keep): its arguments,
    the cached demo database and the folder its files go to (--keep, or a new temporary one)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix=f"bench_{name}_"))
    folder.mkdir(parents=True, exist_ok=True)
    return args, demo_database(args.scale), folder
