"""Seconds since this process started, for the start-up benchmark (SASAEAI_STARTUP_PROBE).

A timestamp taken when a module is imported misses the interpreter's own start and every import
before it, which is most of what a user waits for. On Linux the kernel records the real start in
/proc/self/stat (field 22, clock ticks since boot); comparing it with the boot-time clock gives
the true age of the process. Elsewhere we fall back to the earliest timestamp we can take: this
module is imported first by sasaeai_desktop.gui.app.
"""

from __future__ import annotations

import os
import sys
import time

_FALLBACK_START = time.perf_counter()


def _linux_process_age() -> float | None:
    try:
        with open("/proc/self/stat", "rb") as fh:
            stat = fh.read().decode("ascii", "replace")
        # The command name (field 2) is in parentheses and may contain spaces: split after it.
        after_name = stat[stat.rindex(")") + 2 :].split()
        start_ticks = int(after_name[19])  # field 22 overall; fields 3.. start at index 0 here
        ticks_per_second = os.sysconf("SC_CLK_TCK")
        if hasattr(time, "CLOCK_BOOTTIME"):
            now_since_boot = time.clock_gettime(time.CLOCK_BOOTTIME)
        else:  # pragma: no cover - very old Pythons
            with open("/proc/uptime", encoding="ascii") as fh:
                now_since_boot = float(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    age = now_since_boot - start_ticks / ticks_per_second
    # Containers with a different boot clock can give nonsense; refuse anything implausible.
    return age if 0.0 <= age < 24 * 3600 else None


def seconds_since_process_start() -> float:
    if sys.platform.startswith("linux"):
        age = _linux_process_age()
        if age is not None:
            return age
    return time.perf_counter() - _FALLBACK_START
